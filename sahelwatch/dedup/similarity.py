"""How alike two signatures are, and the rule that calls a pair near-duplicates.

Two routes, each set in the middle of the gap observed on tests/fixtures/dedup_pairs (tests/dedup/test_quality.py
reports precision and recall; benchmarks/README.md gives the per-kind ranges):
- the bodies share many of their 3-word shingles (Jaccard >= 0.38): a copy under a new headline and boilerplate,
  or an agency dispatch with a reworded lead and a cut paragraph (0.41 and up). Different journalists on the same
  attack stay below 0.15, formulaic texts (communiqués, weekly bulletins) about different events below 0.36;
- nearly all of one body is inside the other (containment >= 0.85): an excerpt, a brief cut from a dispatch, or a
  dispatch padded with the republisher's own paragraphs (0.99 and up); formulaic texts reach 0.68.
The leads are compared too but do not decide: an excerpt is found because its lead is the original's (see
sahelwatch.dedup.index), while formulaic texts share their opening sentence, so lead agreement proves nothing alone.
The title is deliberately not compared: republishers rewrite headlines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sahelwatch.dedup.signature import Signature


@dataclass(frozen=True)
class Similarity:
    jaccard: float  # estimated Jaccard similarity of the body shingle sets
    containment: float  # estimated share of the smaller body's shingles found in the other
    lead: float  # estimated Jaccard similarity of the leads

    def rank(self) -> tuple[float, float, float]:
        return (self.jaccard, self.containment, self.lead)


@dataclass(frozen=True)
class Thresholds:
    jaccard: float = 0.38
    containment: float = 0.85


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The MinHash estimate: the share of permutations whose minima agree (what datasketch's jaccard computes)."""
    return float(np.count_nonzero(a == b)) / len(a)


def compare(a: Signature, b: Signature) -> Similarity:
    """Estimated similarities; a report without shingles resembles nothing.

    Containment comes from the Jaccard estimate and the set sizes: |A ∩ B| = J / (1 + J) * (|A| + |B|).
    """
    if not a.shingles or not b.shingles:
        return Similarity(0.0, 0.0, 0.0)
    jaccard = _jaccard(a.body, b.body)
    shared = jaccard / (1.0 + jaccard) * (a.shingles + b.shingles)
    containment = min(shared / min(a.shingles, b.shingles), 1.0)
    return Similarity(jaccard, containment, _jaccard(a.lead, b.lead))


def is_near_duplicate(similarity: Similarity, thresholds: Thresholds = Thresholds()) -> bool:
    return similarity.jaccard >= thresholds.jaccard or similarity.containment >= thresholds.containment
