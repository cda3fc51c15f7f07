"""staging.reports -> staging.report_incidents for the interval's canonical, usable reports."""

from __future__ import annotations

import logging
from datetime import date
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from sahelwatch.interval import Interval
from sahelwatch.db.bulk import upsert_rows
from sahelwatch.extract import extract_incidents
from sahelwatch.extract.model import Incident, Report

log = logging.getLogger(__name__)
COLUMNS = ("report_id", "seq", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
           "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities",
           "fatalities_low", "fatalities_high", "injured", "abducted", "evidence", "confidence", "extra")


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


def extract_interval(conn: psycopg.Connection, interval: Interval) -> ExtractResult:
    """Replace the interval's report incidents with a fresh extraction; a report that breaks the extractor is
    logged and skipped, the others still load."""
    reports = [Report(*row) for row in conn.execute(
        "select report_id, url, title, text, published_at, language, source_country from staging.reports"
        " where usable and duplicate_of is null and interval_start >= %s and interval_start < %s"
        " order by report_id", (interval.start, interval.end))]
    rows: list[tuple[Any, ...]] = []
    failures = 0
    for report in reports:
        try:
            incidents = extract_incidents(report)
        except Exception:  # noqa: BLE001 - one bad report must not stop the day
            log.exception("extraction failed for report %s (%s)", report.id, report.url)
            failures += 1
            continue
        rows.extend(_row(incident, seq) for seq, incident in enumerate(incidents))
    with conn.transaction():
        conn.execute(
            "delete from staging.report_incidents where report_id in (select report_id from staging.reports"
            " where interval_start >= %s and interval_start < %s)", (interval.start, interval.end))
        upsert_rows(conn, "staging.report_incidents", COLUMNS, rows, key=("report_id", "seq"))
    log.info("extracted %d incidents from %d reports of %s (%d failures)", len(rows), len(reports), interval.slug,
             failures)
    return ExtractResult(len(reports), len(rows), failures)
