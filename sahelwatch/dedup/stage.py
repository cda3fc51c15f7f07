"""staging.reports: mark the interval's copies with duplicate_of and cluster_id."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import psycopg

from sahelwatch.interval import Interval
from sahelwatch.dedup.exact import Candidate, assign

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DedupResult:
    reports: int
    duplicates: int


def dedup_interval(conn: psycopg.Connection, interval: Interval) -> DedupResult:
    """Compare the interval's usable reports with each other and with earlier canonical reports."""
    today = [Candidate(*row) for row in conn.execute(
        "select report_id, canonical_url, content_hash, published_at, length(text) from staging.reports"
        " where usable and interval_start >= %s and interval_start < %s", (interval.start, interval.end))]
    earlier: dict[str, str] = {}
    for report_id, url, digest in conn.execute(
        "select report_id, canonical_url, content_hash from staging.reports"
        " where usable and duplicate_of is null and interval_start < %s"
        " and (canonical_url = any(%s) or content_hash = any(%s)) order by interval_start, report_id",
        (interval.start, [c.canonical_url for c in today], [c.content_hash for c in today]),
    ):
        earlier.setdefault("u:" + url, report_id)
        earlier.setdefault("h:" + digest, report_id)
    assignments = assign(today, earlier)
    with conn.transaction():
        with conn.cursor() as cursor:
            cursor.executemany(
                "update staging.reports set duplicate_of = %s, cluster_id = %s where report_id = %s",
                [(a.duplicate_of, a.cluster_id, a.report_id) for a in assignments],
            )
    duplicates = sum(1 for a in assignments if a.duplicate_of)
    log.info("dedup %s: %d reports, %d duplicates", interval.slug, len(assignments), duplicates)
    return DedupResult(len(assignments), duplicates)
