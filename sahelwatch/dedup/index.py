"""Candidate pairs without comparing every pair: MinHash LSH over the body and the lead signatures.

Banding (b bands of r values) makes a pair a candidate with probability 1 - (1 - J^r)^b. Body: 42 bands of 3, about
91 % at J = 0.38 (the decision threshold), 98 % at 0.45, 99.6 % at 0.5 and 0.5 % at 0.05, so unrelated reports are
rarely compared (bands of 2 values would find nearly every pair above 0.38, but would also make most pairs of
same-topic reports candidates). Lead: 8 bands of 4 over the 32 lead values, 98 % at J = 0.8: it finds excerpts,
whose whole body is a small share of the original's (body Jaccard near 0.1) but whose lead is the original's.
Candidates are then checked with the full signatures (sahelwatch.dedup.similarity); benchmarks/dedup_benchmark.py
compares the pairs found with an all-pairs comparison.

The band tables are written here rather than taken from datasketch's MinHashLSH, which finds the same candidates
(tests/dedup/test_index.py compares the two) but keeps a set and a bytes key per report and band, and a list of
its band keys per report: about 20 KB a report, 2.1 GB for a day of 100,000. Here a band's r values are packed into
one integer key that maps to the number of the only report in that bucket, or to a list when several share it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sahelwatch.dedup.signature import Signature, SignatureParams


@dataclass(frozen=True)
class Banding:
    body: tuple[int, int] = (42, 3)
    lead: tuple[int, int] = (8, 4)


class _BandTables:
    """One table per band: the band's values as an integer -> the reports (by number) that have them."""

    def __init__(self, bands: int, rows: int) -> None:
        self._rows = rows
        self._tables: list[dict[int, int | list[int]]] = [{} for _ in range(bands)]

    def keys(self, values: np.ndarray) -> list[int]:
        """Each band's values as one exact integer (r values of 32 bits: no two different bands collide)."""
        raw = values[: len(self._tables) * self._rows].astype("<u4").tobytes()
        width = 4 * self._rows
        return [int.from_bytes(raw[i : i + width], "little") for i in range(0, len(raw), width)]

    def query(self, keys: list[int], found: set[int]) -> None:
        for table, key in zip(self._tables, keys):
            bucket = table.get(key)
            if bucket is None:
                continue
            if isinstance(bucket, int):
                found.add(bucket)
            else:
                found.update(bucket)

    def insert(self, keys: list[int], number: int) -> None:
        for table, key in zip(self._tables, keys):
            bucket = table.get(key)
            if bucket is None:
                table[key] = number
            elif isinstance(bucket, int):
                table[key] = [bucket, number]
            else:
                bucket.append(number)


class SignatureIndex:
    """Signatures by report id, searchable for likely near-duplicates."""

    def __init__(self, params: SignatureParams = SignatureParams(), banding: Banding = Banding()) -> None:
        if banding.body[0] * banding.body[1] > params.body_perm or banding.lead[0] * banding.lead[1] > params.lead_perm:
            raise ValueError(f"banding {banding} needs more values than the signatures have ({params.name})")
        self._body = _BandTables(*banding.body)
        self._lead = _BandTables(*banding.lead)
        self._numbers: dict[str, int] = {}
        self._entries: list[tuple[str, Signature]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def _keys(self, signature: Signature) -> tuple[list[int], list[int]]:
        return self._body.keys(signature.body), self._lead.keys(signature.lead)

    def _query(self, keys: tuple[list[int], list[int]]) -> list[tuple[str, Signature]]:
        numbers: set[int] = set()
        self._body.query(keys[0], numbers)
        self._lead.query(keys[1], numbers)
        # Sorted by id, so that nothing downstream depends on set iteration order.
        return sorted((self._entries[n] for n in numbers), key=lambda entry: entry[0])

    def _insert(self, key: str, signature: Signature, keys: tuple[list[int], list[int]]) -> None:
        number = len(self._entries)
        self._numbers[key] = number
        self._entries.append((key, signature))
        self._body.insert(keys[0], number)
        self._lead.insert(keys[1], number)

    def add(self, key: str, signature: Signature) -> None:
        """Index a report; one without shingles (no text) is kept out: it resembles nothing."""
        if key not in self._numbers and signature.shingles:
            self._insert(key, signature, self._keys(signature))

    def candidates(self, signature: Signature) -> list[tuple[str, Signature]]:
        """Indexed reports sharing a band with the body or the lead, in id order."""
        return self._query(self._keys(signature)) if signature.shingles else []

    def candidates_then_add(self, key: str, signature: Signature) -> list[tuple[str, Signature]]:
        """candidates() then add(), computing the band keys once (the common case when clustering a day)."""
        if not signature.shingles:
            return []
        keys = self._keys(signature)
        found = self._query(keys)
        if key not in self._numbers:
            self._insert(key, signature, keys)
        return found
