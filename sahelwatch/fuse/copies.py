"""Syndicated copies as sources of an incident, the ACLED way: every outlet that carried the story counts.

Dedup keeps one report of a cluster (sahelwatch.dedup): the copies are neither extracted nor fused, so that an
article that ten outlets carried is one mention, not ten. But a word-for-word copy (dedup rule 'hash': the same
words) carried by another outlet is a source of whatever the original reports: fusion lists it in
marts.incident_sources next to the original's mention (match_rule 'copy', copy_of the original, the same seq,
evidence and figures, which are its own words too) and counts it in source_count and outlet_count. The incident's
other fields (place, date, figures, reporting times) still come from the fused mentions alone.

Left out: copies by the outlet of a mention already in the incident (the same outlet twice is not a second
source), copies at the same URL (dedup rule 'url': one page reached twice), near-duplicates (rule 'near': a
reworded copy may give other figures than the original's), and reports an editor excluded.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import psycopg

from sahelwatch.fuse.merge import Mention, naive_utc

COUNTED_RULES = ("hash",)  # dedup rules (staging.reports.duplicate_rule) whose copies count as sources


@dataclass(frozen=True)
class Copy:
    """A usable report that dedup marked as a copy of `copy_of`, with what marts.incident_sources shows of it."""

    report_id: str
    copy_of: str
    source_id: str
    source_country: str | None
    url: str
    published_at: datetime | None

    @property
    def order(self) -> tuple[datetime, str]:
        """Earliest published first (undated last), then by id: which copy of an outlet is listed."""
        return (naive_utc(self.published_at), self.report_id)


def read_copies(conn: psycopg.Connection, originals: Iterable[str]) -> dict[str, list[Copy]]:
    """The counted copies of each original report (by report_id), excluded reports left out."""
    copies: dict[str, list[Copy]] = {}
    rows = conn.execute(
        "select r.report_id, r.duplicate_of, r.source_id, r.source_country, r.url, r.published_at"
        " from staging.reports r where r.usable and r.duplicate_of = any(%s) and r.duplicate_rule = any(%s)"
        " and not exists (select 1 from staging.report_exclusions x where x.report_id = r.report_id)",
        (sorted(set(originals)), list(COUNTED_RULES)),
    ).fetchall()
    for row in rows:
        copy = Copy(*row)
        copies.setdefault(copy.copy_of, []).append(copy)
    return copies


def carried(members: Sequence[Mention], copies: Mapping[str, Collection[Copy]]) -> list[tuple[Mention, Copy]]:
    """The copies that are sources of the incident made of `members`, each with the mention it copies: at most
    one per outlet, and none from an outlet that is already a source."""
    outlets = {m.source_id for m in members}
    mention_of = {m.report_id: m for m in members}
    found = []
    for copy in sorted((c for m in members for c in copies.get(m.report_id, ())), key=lambda c: c.order):
        if copy.source_id not in outlets:
            outlets.add(copy.source_id)
            found.append((mention_of[copy.copy_of], copy))
    return found
