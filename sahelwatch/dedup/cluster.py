"""Assign every report of a day to a cluster: its own, or the one of the earlier report it copies.

Canonical rule: a report already canonical in an earlier interval stays canonical (re-running today never rewrites
yesterday); inside the day, reports are taken earliest published first, then the most complete (longest text),
then by id, and each joins the cluster of the most similar report taken before it. Undated reports come last, so a
dated original is preferred to an undated copy. Nothing depends on crawl or set order: the same inputs give the
same clusters, which is what makes a re-run of a day idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sahelwatch.dedup.exact import ExactIndex
from sahelwatch.dedup.index import SignatureIndex
from sahelwatch.dedup.signature import Signature
from sahelwatch.dedup.similarity import Similarity, Thresholds, compare, is_near_duplicate


@dataclass(frozen=True)
class Report:
    """A usable report of the day being deduplicated."""

    report_id: str
    canonical_url: str
    content_hash: str
    published_at: datetime | None
    text_length: int
    signature: Signature

    def sort_key(self) -> tuple[bool, datetime | None, int, str]:
        return (self.published_at is None, self.published_at, -self.text_length, self.report_id)


@dataclass(frozen=True)
class Earlier:
    """A usable report of an earlier interval inside the comparison window, with its cluster."""

    report_id: str
    cluster_id: str
    signature: Signature


@dataclass(frozen=True)
class Assignment:
    report_id: str
    duplicate_of: str | None
    cluster_id: str
    rule: str | None  # url | hash | near, None for a canonical report
    similarity: float | None  # estimated Jaccard of the bodies, for near duplicates


def _best_match(
    candidates: list[tuple[str, Signature]], signature: Signature, thresholds: Thresholds
) -> tuple[str, Similarity] | None:
    """The most similar candidate that passes the near-duplicate rule; ties go to the smaller id."""
    best: tuple[str, Similarity] | None = None
    for key, other in candidates:
        similarity = compare(signature, other)
        if is_near_duplicate(similarity, thresholds) and (best is None or similarity.rank() > best[1].rank()):
            best = (key, similarity)
    return best


def assign(
    today: list[Report],
    earlier: list[Earlier],
    earlier_exact: ExactIndex | None = None,
    thresholds: Thresholds = Thresholds(),
    index: SignatureIndex | None = None,
) -> list[Assignment]:
    """Clusters for the day's reports, given the window's earlier reports and the exact keys of all history."""
    exact = earlier_exact if earlier_exact is not None else ExactIndex()
    index = index if index is not None else SignatureIndex()
    roots: dict[str, str] = {}
    for previous in sorted(earlier, key=lambda r: r.report_id):
        roots[previous.report_id] = previous.cluster_id
        index.add(previous.report_id, previous.signature)
    assignments = []
    for report in sorted(today, key=Report.sort_key):
        assignment = _assign_one(report, exact, index, roots, thresholds)
        roots[report.report_id] = assignment.cluster_id
        exact.add(report.canonical_url, report.content_hash, assignment.cluster_id)
        assignments.append(assignment)
    return assignments


def _assign_one(
    report: Report, exact: ExactIndex, index: SignatureIndex, roots: dict[str, str], thresholds: Thresholds
) -> Assignment:
    """Exact match first, else the best near match; the report joins the index either way (a later copy may be
    closer to it than to its original)."""
    found = exact.match(report.canonical_url, report.content_hash)
    if found and found[0] != report.report_id:
        index.add(report.report_id, report.signature)
        return Assignment(report.report_id, found[0], found[0], found[1], 1.0 if found[1] == "hash" else None)
    candidates = index.candidates_then_add(report.report_id, report.signature)
    near = _best_match(candidates, report.signature, thresholds)
    if near is not None:
        root = roots[near[0]]
        return Assignment(report.report_id, root, root, "near", round(near[1].jaccard, 4))
    return Assignment(report.report_id, None, report.report_id, None, None)
