"""Word shingles of a report, hashed to 32-bit integers: the sets that MinHash summarises.

Words are compared case-, accent- and punctuation-blind: aggregators drop accents, sites differ in quotes,
apostrophes and the spaces around French punctuation. The text is only split on whitespace (fast); each
distinct token is folded once (case, accents and punctuation removed) and hashed with CRC-32, then cached, so the
per-report work is a C-level lookup. Hashes depend on the words alone, never on the process, so a signature stored
today matches one computed next week elsewhere.
"""

from __future__ import annotations

import operator
import zlib

import numpy as np

from sahelwatch.text import word_key

_MIX = np.uint32(0x01000193)  # FNV prime: combines the words of a shingle in order
_EMPTY = np.zeros(0, dtype=np.uint32)
_PUNCTUATION = 0  # the hash of a token with no letters or digits ("«", "–"): dropped
_token_hashes: dict[str, int] = {}  # news vocabulary is small and repetitive: fold and hash a token once


def words(text: str) -> list[str]:
    """Tokens as written, case and punctuation included ("Kidal," is folded to "kidal" when hashed)."""
    return text.split()


def _token_hash(token: str) -> int:
    folded = word_key(token)
    if not folded:
        return _PUNCTUATION
    return zlib.crc32(folded.encode("utf-8")) or 1  # 0 is reserved for punctuation


def hash_words(tokens: list[str]) -> np.ndarray:
    """The hashes of the tokens that hold a word, in text order."""
    if not tokens:
        return _EMPTY
    cache = _token_hashes
    lookup = operator.itemgetter(*tokens)
    try:
        values = lookup(cache)
    except KeyError:
        for token in set(tokens).difference(cache):
            cache[token] = _token_hash(token)
        values = lookup(cache)
    if len(tokens) == 1:
        values = (values,)
    hashed = np.fromiter(values, dtype=np.uint32, count=len(tokens))
    return hashed[hashed != _PUNCTUATION]


def shingle_hashes(hashed: np.ndarray, size: int) -> np.ndarray:
    """The distinct hashes of the runs of `size` consecutive words; a text shorter than that is one shingle."""
    if not len(hashed):
        return _EMPTY
    count = max(len(hashed) - size + 1, 1)
    combined = hashed[:count].copy()
    for offset in range(1, min(size, len(hashed))):
        combined = (combined * _MIX) ^ hashed[offset : offset + count]
    return np.unique(combined)
