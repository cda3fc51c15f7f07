"""Candidate pairs without comparing every pair: datasketch's MinHash LSH over the body and the lead signatures.

Banding (b bands of r values) makes a pair a candidate with probability 1 - (1 - J^r)^b. Body: 42 bands of 3, about
91 % at J = 0.38 (the decision threshold), 98 % at 0.45, 99.6 % at 0.5 and 0.5 % at 0.05, so unrelated reports are
rarely compared (bands of 2 values would find nearly every pair above 0.38, but would also make most pairs of
same-topic reports candidates). Lead: 8 bands of 4 over the 32 lead values, 98 % at J = 0.8: it finds excerpts,
whose whole body is a small share of the original's (body Jaccard near 0.1) but whose lead is the original's.
Candidates are then checked with the full signatures (sahelwatch.dedup.similarity); benchmarks/dedup_benchmark.py
compares the pairs found with an all-pairs comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasketch import LeanMinHash, MinHashLSH

from sahelwatch.dedup.signature import SCHEME, Signature, SignatureParams


@dataclass(frozen=True)
class Banding:
    body: tuple[int, int] = (42, 3)
    lead: tuple[int, int] = (8, 4)


class SignatureIndex:
    """Signatures by report id, searchable for likely near-duplicates."""

    def __init__(self, params: SignatureParams = SignatureParams(), banding: Banding = Banding()) -> None:
        self._seed = params.seed
        self._body = MinHashLSH(num_perm=params.body_perm, params=banding.body)
        self._lead = MinHashLSH(num_perm=params.lead_perm, params=banding.lead)
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def _sketches(self, signature: Signature) -> tuple[LeanMinHash, LeanMinHash]:
        return (LeanMinHash(seed=self._seed, hashvalues=signature.body, scheme=SCHEME),
                LeanMinHash(seed=self._seed, hashvalues=signature.lead, scheme=SCHEME))

    def _query(self, sketches: tuple[LeanMinHash, LeanMinHash]) -> list[tuple[str, Signature]]:
        keys = set(self._body.query(sketches[0]))
        keys.update(self._lead.query(sketches[1]))
        # Sorted, so that nothing downstream depends on set iteration order.
        return [(key, self._signatures[key]) for key in sorted(keys)]

    def _insert(self, key: str, signature: Signature, sketches: tuple[LeanMinHash, LeanMinHash]) -> None:
        self._signatures[key] = signature
        self._body.insert(key, sketches[0], check_duplication=False)
        self._lead.insert(key, sketches[1], check_duplication=False)

    def add(self, key: str, signature: Signature) -> None:
        """Index a report; one without shingles (no text) is kept out: it resembles nothing."""
        if key not in self._signatures and signature.shingles:
            self._insert(key, signature, self._sketches(signature))

    def candidates(self, signature: Signature) -> list[tuple[str, Signature]]:
        """Indexed reports sharing a band with the body or the lead, in id order."""
        return self._query(self._sketches(signature)) if signature.shingles else []

    def candidates_then_add(self, key: str, signature: Signature) -> list[tuple[str, Signature]]:
        """candidates() then add(), building the LSH sketches once (the common case when clustering a day)."""
        if not signature.shingles:
            return []
        sketches = self._sketches(signature)
        found = self._query(sketches)
        if key not in self._signatures:
            self._insert(key, signature, sketches)
        return found
