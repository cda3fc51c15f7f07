"""Exact duplicates: the same canonical URL or the same normalised content.

Rule for the canonical report of a cluster: a report already canonical in an earlier interval stays canonical;
inside an interval the earliest published wins, then the most complete text, then the smallest id, so the choice
never depends on crawl order and re-running a day gives the same clusters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Candidate:
    report_id: str
    canonical_url: str
    content_hash: str
    published_at: datetime | None
    text_length: int

    def sort_key(self) -> tuple[bool, datetime | None, int, str]:
        return (self.published_at is None, self.published_at, -self.text_length, self.report_id)


@dataclass(frozen=True)
class Assignment:
    report_id: str
    duplicate_of: str | None
    cluster_id: str


def assign(today: list[Candidate], earlier: dict[str, str]) -> list[Assignment]:
    """Point each of today's reports at the canonical report it copies, if any.

    `earlier` maps canonical URLs and content hashes of canonical reports from earlier intervals to their ids.
    """
    seen = dict(earlier)
    assignments = []
    for candidate in sorted(today, key=Candidate.sort_key):
        original = seen.get("u:" + candidate.canonical_url) or seen.get("h:" + candidate.content_hash)
        if original and original != candidate.report_id:
            assignments.append(Assignment(candidate.report_id, original, original))
            continue
        seen.setdefault("u:" + candidate.canonical_url, candidate.report_id)
        seen.setdefault("h:" + candidate.content_hash, candidate.report_id)
        assignments.append(Assignment(candidate.report_id, None, candidate.report_id))
    return assignments
