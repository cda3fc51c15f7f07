"""What a run did, read back from the warehouse so the CLI reports what was stored, not what was intended."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.rows import dict_row

from sahelwatch.db.rows import one_row
from sahelwatch.interval import Interval

_TOP_INCIDENTS = """
select distinct i.incident_id, i.event_date, i.event_type, i.sub_event_type, i.country, i.admin1, i.location,
       i.actor1, i.actor2, i.fatalities, i.fatalities_low, i.fatalities_high, i.injured, i.abducted, i.source_count
from marts.incidents i
join marts.incident_sources s using (incident_id)
join staging.reports r using (report_id)
where r.interval_start >= %(start)s and r.interval_start < %(end)s
order by i.fatalities desc nulls last, i.event_date desc, i.incident_id
limit %(limit)s
"""


@dataclass
class RunSummary:
    sources: int
    sources_failed: int
    reports_crawled: int
    reports_usable: int
    duplicates: int
    incidents: int
    top_incidents: list[dict[str, Any]] = field(default_factory=list)
    failed_sources: list[dict[str, Any]] = field(default_factory=list)
    raw_pages_pruned: int = 0  # reports of the interval whose raw HTML retention dropped (re-extracted from text)


def summarise(conn: psycopg.Connection, interval: Interval, limit: int = 10) -> RunSummary:
    window = {"start": interval.start, "end": interval.end, "limit": limit}
    sources, failed = one_row(
        conn.execute(
            "select count(*), count(*) filter (where status = 'failed') from raw.source_runs"
            " where interval_start >= %(start)s and interval_start < %(end)s",
            window,
        )
    )
    crawled = one_row(
        conn.execute(
            "select count(*) from raw.reports where interval_start >= %(start)s and interval_start < %(end)s", window
        )
    )[0]
    usable, duplicates = one_row(
        conn.execute(
            "select count(*) filter (where usable), count(*) filter (where duplicate_of is not null)"
            " from staging.reports where interval_start >= %(start)s and interval_start < %(end)s",
            window,
        )
    )
    incidents = one_row(
        conn.execute(
            "select count(distinct s.incident_id)"
            " from marts.incident_sources s join staging.reports r using (report_id)"
            " where r.interval_start >= %(start)s and r.interval_start < %(end)s",
            window,
        )
    )[0]
    with conn.cursor(row_factory=dict_row) as cursor:
        top = cursor.execute(_TOP_INCIDENTS, window).fetchall()
        failures = cursor.execute(
            "select source_id, error_kinds, message from raw.source_runs where status = 'failed'"
            " and interval_start >= %(start)s and interval_start < %(end)s order by source_id",
            window,
        ).fetchall()
    return RunSummary(
        sources, failed, crawled, usable, duplicates, incidents, top, failures, pruned_pages(conn, interval)
    )


def pruned_pages(conn: psycopg.Connection, interval: Interval) -> int:
    """Reports of the interval whose raw page retention dropped (sahelwatch.retention): a re-run of the day cleans
    and extracts them from their stored text, since the page itself is gone."""
    return one_row(
        conn.execute(
            "select count(*) from raw.reports where html_pruned_at is not null"
            " and interval_start >= %(start)s and interval_start < %(end)s",
            {"start": interval.start, "end": interval.end},
        )
    )[0]
