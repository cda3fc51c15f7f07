"""MinHash signatures of a report's body and of its lead, in datasketch's "affine32" scheme.

The title is left out on purpose: republishers rewrite headlines, so a copy under a new headline must look the same
(boilerplate is already gone: sahelwatch.clean). The lead (the first 40 words of the body) gets a small signature of
its own because it is what an excerpt keeps: a two-paragraph excerpt of a long dispatch shares a small part of its
shingles (body Jaccard near 0.1) but its whole lead, and the lead index is how it is found (sahelwatch.dedup.index).

The permutations are datasketch's (MinHash(num_perm, seed, scheme="affine32")), from a fixed seed, so the same text
always gives the same signature: stored signatures stay comparable and re-running a day gives the same clusters.
The minima are computed for several reports per numpy pass (the same arithmetic as MinHash.update_batch: the
MurmurHash3 finalizer, then a * h + b modulo 2^32), which saves building two datasketch objects per report when a
day or a backfill is signed; tests/dedup/test_signature.py checks that the values equal datasketch's.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from sahelwatch.dedup.shingles import hash_words, shingle_hashes, words

SCHEME = "affine32"  # datasketch 2's collision-free 32-bit permutations; 4 bytes a value
_DTYPE = np.dtype("<u4")
_EMPTY_MIN = np.uint32(0xFFFFFFFF)  # datasketch's initial value: an empty set keeps it
_CHUNK_VALUES = 2_000  # shingles per numpy pass: 1 MB of intermediate values at 128 permutations stays in cache


@dataclass(frozen=True)
class SignatureParams:
    shingle_words: int = 3
    body_perm: int = 128
    lead_words: int = 40
    lead_perm: int = 32
    seed: int = 1

    @property
    def name(self) -> str:
        """Stored with each signature: signatures made with other parameters are not comparable."""
        return f"w{self.shingle_words}-b{self.body_perm}-l{self.lead_words}x{self.lead_perm}-s{self.seed}-{SCHEME}"


@dataclass(frozen=True, eq=False)
class Signature:
    body: np.ndarray  # uint32[body_perm]
    lead: np.ndarray  # uint32[lead_perm]
    shingles: int  # number of distinct body shingles, for containment estimates

    def to_bytes(self) -> tuple[bytes, bytes]:
        return self.body.astype(_DTYPE).tobytes(), self.lead.astype(_DTYPE).tobytes()

    @classmethod
    def from_bytes(cls, body: bytes, lead: bytes, shingles: int) -> Signature:
        return cls(
            np.frombuffer(body, dtype=_DTYPE).astype(np.uint32),
            np.frombuffer(lead, dtype=_DTYPE).astype(np.uint32),
            shingles,
        )


@functools.cache
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's (a, b) permutation parameters for this size and seed."""
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (a bijection that spreads the bits), as datasketch applies it first."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def minhashes(sets: Sequence[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    """The MinHash values of each set of hashed shingles, one row per set (uint32[len(sets), num_perm])."""
    a, b = permutations(num_perm, seed)
    result = np.full((len(sets), num_perm), _EMPTY_MIN, dtype=np.uint32)
    chunk: list[int] = []
    size = 0
    for position in [i for i, values in enumerate(sets) if len(values)] + [-1]:
        if chunk and (position < 0 or size + len(sets[position]) > _CHUNK_VALUES):
            values = np.concatenate([sets[i] for i in chunk])
            starts = np.cumsum([0] + [len(sets[i]) for i in chunk[:-1]])
            permuted = _fmix32(values)[:, None] * a + b  # uint32 arithmetic wraps: modulo 2^32
            result[chunk] = np.minimum.reduceat(permuted, starts, axis=0)
            chunk, size = [], 0
        if position >= 0:
            chunk.append(position)
            size += len(sets[position])
    return result


def sign_many(texts: Sequence[str], params: SignatureParams = SignatureParams()) -> list[Signature]:
    """The signatures of cleaned report bodies."""
    bodies, leads = [], []
    for text in texts:
        hashed = hash_words(words(text))
        bodies.append(shingle_hashes(hashed, params.shingle_words))
        leads.append(shingle_hashes(hashed[: params.lead_words], params.shingle_words))
    body_values = minhashes(bodies, params.body_perm, params.seed)
    lead_values = minhashes(leads, params.lead_perm, params.seed)
    return [Signature(body_values[i], lead_values[i], len(bodies[i])) for i in range(len(texts))]


def sign(text: str, params: SignatureParams = SignatureParams()) -> Signature:
    """The signatures of one cleaned report body."""
    return sign_many([text], params)[0]
