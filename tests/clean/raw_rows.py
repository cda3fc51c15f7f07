"""Raw reports for stage tests, inserted as the loader would (only the columns cleaning reads)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import psycopg

from sahelwatch.interval import Interval

_COLUMNS = (
    "report_id",
    "source_id",
    "source_country",
    "url",
    "final_url",
    "title",
    "feed_title",
    "feed_published",
    "page_published",
    "language_hint",
    "text",
    "http_status",
    "fetched_at",
    "interval_start",
    "interval_end",
)


def raw_report(url: str, text: str, interval: Interval, **overrides: Any) -> dict[str, Any]:
    values = {
        "report_id": hashlib.sha256(url.encode()).hexdigest()[:20],
        "source_id": "echos-du-delta",
        "source_country": "Mali",
        "url": url,
        "final_url": None,
        "title": "Un titre d'article assez long",
        "feed_title": None,
        "feed_published": None,
        "page_published": None,
        "language_hint": "fr",
        "text": text,
        "http_status": 200,
        "fetched_at": interval.start + timedelta(hours=20),
        "interval_start": interval.start,
        "interval_end": interval.end,
    }
    values.update(overrides)
    return values


def insert_raw(conn: psycopg.Connection, reports: Iterable[dict[str, Any]]) -> None:
    placeholders = ", ".join(["%s"] * len(_COLUMNS))
    with conn.transaction(), conn.cursor() as cursor:
        cursor.executemany(
            f"insert into raw.reports ({', '.join(_COLUMNS)}) values ({placeholders})",
            [tuple(report[c] for c in _COLUMNS) for report in reports],
        )


def at(interval: Interval, hours: float) -> str:
    """An ISO timestamp `hours` into the interval, as page metadata states it."""
    moment: datetime = interval.start + timedelta(hours=hours)
    return moment.isoformat()
