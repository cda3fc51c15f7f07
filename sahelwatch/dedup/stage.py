"""staging.reports: mark the interval's copies with duplicate_of and cluster_id, and keep its signatures.

Exact copies (same canonical URL or same words) are found in all history; near-duplicates (MinHash LSH) among the
reports of the last N days (SAHELWATCH_DEDUP_WINDOW_DAYS, default 7): syndication happens within days, and a
bounded window keeps the daily cost flat as the warehouse grows.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import psycopg

from sahelwatch.dedup import store
from sahelwatch.dedup.cluster import Report, assign
from sahelwatch.dedup.signature import SignatureParams, sign_many
from sahelwatch.interval import Interval

log = logging.getLogger(__name__)
DEFAULT_WINDOW_DAYS = 7


@dataclass(frozen=True)
class DedupResult:
    reports: int
    duplicates: int
    near_duplicates: int = 0


def window_days() -> int:
    """How many days before the interval near-duplicates are looked for."""
    value = int(os.environ.get("SAHELWATCH_DEDUP_WINDOW_DAYS", DEFAULT_WINDOW_DAYS))
    if value < 0:
        raise ValueError(f"SAHELWATCH_DEDUP_WINDOW_DAYS must be >= 0, got {value}")
    return value


def dedup_interval(
    conn: psycopg.Connection, interval: Interval, days: int | None = None, params: SignatureParams = SignatureParams()
) -> DedupResult:
    """Compare the interval's usable reports with each other and with earlier ones; write clusters and signatures.

    One transaction, opened before the first read so that it commits here (see clean_interval): the day's rows
    change together or not at all, and the earlier days are read from one snapshot.
    """
    days = window_days() if days is None else days
    with conn.transaction():
        today: list[Report] = []
        starts = []
        for rows in store.today_reports(conn, interval):
            signatures = sign_many([row[4] for row in rows], params)
            today += [
                Report(report_id, url, digest, published, len(text), signature)
                for (report_id, url, digest, published, text, _), signature in zip(rows, signatures)
            ]
            starts += [row[5] for row in rows]
        exact = store.earlier_exact(conn, interval, [r.canonical_url for r in today], [r.content_hash for r in today])
        earlier, resigned = store.window_reports(conn, interval, days, params)
        assignments = assign(today, earlier, exact)
        store.save_assignments(conn, interval, assignments)
        store.save_signatures(
            conn,
            interval,
            params,
            ((report.report_id, start, report.content_hash, report.signature) for report, start in zip(today, starts)),
        )
    if resigned:
        log.info("dedup %s: %d earlier reports had no usable stored signature", interval.slug, resigned)
    duplicates = sum(1 for a in assignments if a.duplicate_of)
    near = sum(1 for a in assignments if a.rule == "near")
    log.info(
        "dedup %s: %d reports, %d duplicates (%d near), compared with %d earlier",
        interval.slug,
        len(assignments),
        duplicates,
        near,
        len(earlier),
    )
    return DedupResult(len(assignments), duplicates, near)
