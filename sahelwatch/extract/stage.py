"""staging.reports -> staging.report_incidents for the interval's canonical, usable reports."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from sahelwatch.db.bulk import upsert_rows
from sahelwatch.extract import extract_incidents
from sahelwatch.extract.model import Incident, Report
from sahelwatch.incident_columns import REPORT_INCIDENTS, names_of
from sahelwatch.interval import Interval

log = logging.getLogger(__name__)
COLUMNS = names_of(REPORT_INCIDENTS)
BATCH_REPORTS = 1000


@dataclass(frozen=True)
class ExtractResult:
    reports: int
    incidents: int
    failures: int


def _row(incident: Incident, seq: int) -> tuple[Any, ...]:
    values = incident.to_row()
    values["seq"] = seq
    values["extra"] = Jsonb(values["extra"])
    values["event_date"] = date.fromisoformat(values["event_date"])
    return tuple(values[column] for column in COLUMNS)


def _extract(report: Report) -> list[Incident] | None:
    """The report's incidents, or None when it breaks the extractor (logged): one bad report must not stop the day."""
    try:
        return extract_incidents(report)
    except Exception:  # noqa: BLE001 - see the docstring
        log.exception("extraction failed for report %s (%s)", report.id, report.url)
        return None


def extract_interval(conn: psycopg.Connection, interval: Interval) -> ExtractResult:
    """Replace the interval's report incidents with a fresh extraction, in one transaction. Reports stream through
    a server-side cursor in batches, so memory does not grow with the day."""
    reports = incidents = failures = 0
    with conn.transaction():
        conn.execute(
            "delete from staging.report_incidents where report_id in (select report_id from staging.reports"
            " where interval_start >= %s and interval_start < %s)",
            (interval.start, interval.end),
        )
        with conn.cursor(name="extract_reports") as cursor:
            cursor.execute(
                "select report_id, url, title, text, published_at, language, source_country from staging.reports"
                " where usable and duplicate_of is null and interval_start >= %s and interval_start < %s"
                " order by report_id",
                (interval.start, interval.end),
            )
            while batch := cursor.fetchmany(BATCH_REPORTS):
                rows: list[tuple[Any, ...]] = []
                for row in batch:
                    found = _extract(Report(*row))
                    failures += found is None
                    rows.extend(_row(incident, seq) for seq, incident in enumerate(found or []))
                upsert_rows(conn, REPORT_INCIDENTS, COLUMNS, rows, key=("report_id", "seq"))
                reports += len(batch)
                incidents += len(rows)
    log.info("extracted %d incidents from %d reports of %s (%d failures)", incidents, reports, interval.slug, failures)
    return ExtractResult(reports, incidents, failures)
