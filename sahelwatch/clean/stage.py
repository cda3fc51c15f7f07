"""raw -> staging: one cleaned row per raw report of the interval, usable or not (with the reason)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import psycopg

from sahelwatch.clean.dates import choose_published
from sahelwatch.clean.language import detect_language
from sahelwatch.clean.text import clean_text, content_hash
from sahelwatch.clean.titles import clean_title
from sahelwatch.clean.urls import canonical_url
from sahelwatch.clean.usable import unusable_reason
from sahelwatch.db.bulk import upsert_rows
from sahelwatch.interval import Interval

log = logging.getLogger(__name__)
# Cleaning resets the deduplication columns: a changed text must be compared again (dedup runs next).
COLUMNS = (
    "report_id",
    "source_id",
    "source_country",
    "url",
    "canonical_url",
    "title",
    "text",
    "language",
    "published_at",
    "date_source",
    "usable",
    "unusable_reason",
    "content_hash",
    "duplicate_of",
    "cluster_id",
    "duplicate_rule",
    "duplicate_similarity",
    "interval_start",
)
BATCH_ROWS = 2000


@dataclass(frozen=True)
class CleanResult:
    reports: int
    usable: int

    @property
    def unusable(self) -> int:
        return self.reports - self.usable


def clean_row(raw: dict[str, Any]) -> tuple[Any, ...]:
    """One staging row from one raw row: pure, so it is tested without a database."""
    title = clean_title(raw["title"] or raw["feed_title"] or "", raw["source_id"])
    text = clean_text(raw["text"] or "", title)
    language = detect_language(f"{title}\n{text}", raw["language_hint"])
    published = choose_published(raw["page_published"], raw["feed_published"], raw["url"], raw["fetched_at"])
    reason = unusable_reason(text, title, language, raw["url"], raw["http_status"] or 0)
    if published.value is None and reason is None:
        log.warning("report %s (%s) has no trustworthy publication date", raw["report_id"], raw["url"])
    values = {
        "report_id": raw["report_id"],
        "source_id": raw["source_id"],
        "source_country": raw["source_country"],
        "url": raw["url"],
        "canonical_url": canonical_url(raw["final_url"] or raw["url"]),
        "title": title,
        "text": text,
        "language": language,
        "published_at": published.value,
        "date_source": published.source,
        "usable": reason is None,
        "unusable_reason": reason,
        "content_hash": content_hash(text),
        "duplicate_of": None,
        "cluster_id": raw["report_id"],
        "duplicate_rule": None,
        "duplicate_similarity": None,
        "interval_start": raw["interval_start"],
    }
    return tuple(values[column] for column in COLUMNS)


def clean_interval(conn: psycopg.Connection, interval: Interval) -> CleanResult:
    """Clean every raw report crawled in the interval, replacing earlier cleanings of the same reports.

    Reads and writes happen in one transaction, opened here so that it commits here: a statement run before
    `conn.transaction()` would open an implicit transaction, turn the block into a savepoint, and leave the commit
    to a caller that only closes the connection (sahelwatch.pipeline), losing the rows.
    """
    reports = usable = 0
    with conn.transaction():
        # A server-side cursor: the day's texts pass through in batches, so memory does not grow with the day.
        with conn.cursor(name="clean_raw_reports", row_factory=psycopg.rows.dict_row) as cursor:
            cursor.execute(
                "select report_id, source_id, source_country, url, final_url, title, feed_title, text, language_hint,"
                " page_published, feed_published, fetched_at, http_status, interval_start from raw.reports"
                " where interval_start >= %s and interval_start < %s order by report_id",
                (interval.start, interval.end),
            )
            while raws := cursor.fetchmany(BATCH_ROWS):
                rows = [clean_row(raw) for raw in raws]
                upsert_rows(conn, "staging.reports", COLUMNS, rows, key=("report_id",))
                reports += len(rows)
                usable += sum(1 for row in rows if row[COLUMNS.index("usable")])
    log.info("cleaned %d reports of %s: %d usable", reports, interval.slug, usable)
    return CleanResult(reports, usable)
