"""raw -> staging: one cleaned row per raw report of the interval, usable or not (with the reason)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import psycopg

from sahelwatch.clean.dates import choose_published
from sahelwatch.clean.language import SUPPORTED, detect_language
from sahelwatch.clean.text import clean_title, content_hash, strip_boilerplate
from sahelwatch.clean.urls import canonical_url
from sahelwatch.interval import Interval
from sahelwatch.db.bulk import upsert_rows

log = logging.getLogger(__name__)
MIN_WORDS = 40
_NOT_ARTICLE = re.compile(r"/(tag|tags|category|categorie|rubrique|author|auteur|page/\d+|search|recherche)(/|$)")
COLUMNS = ("report_id", "source_id", "source_country", "url", "canonical_url", "title", "text", "language", "published_at",
           "date_source", "usable", "unusable_reason", "content_hash", "duplicate_of", "cluster_id", "interval_start")


@dataclass(frozen=True)
class CleanResult:
    reports: int
    usable: int

    @property
    def unusable(self) -> int:
        return self.reports - self.usable


def unusable_reason(text: str, language: str, url: str, http_status: int) -> str | None:
    """Why a report cannot go on to extraction, or None when it can."""
    if http_status >= 400:
        return f"http status {http_status}"
    if _NOT_ARTICLE.search(url):
        return "not an article page"
    if len(text.split()) < MIN_WORDS:
        return f"text shorter than {MIN_WORDS} words"
    if language not in SUPPORTED:
        return f"language {language!r} not supported"
    return None


def clean_row(raw: dict[str, Any]) -> tuple[Any, ...]:
    """One staging row from one raw row: pure, so it is tested without a database."""
    text = strip_boilerplate(raw["text"] or "")
    title = clean_title(raw["title"] or raw["feed_title"] or "")
    language = detect_language(f"{title}\n{text}", raw["language_hint"])
    published = choose_published(raw["page_published"], raw["feed_published"], raw["url"], raw["fetched_at"])
    reason = unusable_reason(text, language, raw["url"], raw["http_status"] or 0)
    if published.value is None:
        log.warning("report %s (%s) has no trustworthy publication date", raw["report_id"], raw["url"])
    values = {
        "report_id": raw["report_id"], "source_id": raw["source_id"], "source_country": raw["source_country"],
        "url": raw["url"],
        "canonical_url": canonical_url(raw["final_url"] or raw["url"]), "title": title, "text": text,
        "language": language, "published_at": published.value, "date_source": published.source,
        "usable": reason is None, "unusable_reason": reason, "content_hash": content_hash(text),
        "duplicate_of": None, "cluster_id": raw["report_id"], "interval_start": raw["interval_start"],
    }
    return tuple(values[column] for column in COLUMNS)


def clean_interval(conn: psycopg.Connection, interval: Interval) -> CleanResult:
    """Clean every raw report crawled in the interval, replacing earlier cleanings of the same reports."""
    with conn.cursor(row_factory=psycopg.rows.dict_row) as cursor:
        raws = cursor.execute(
            "select report_id, source_id, source_country, url, final_url, title, feed_title, text, language_hint, page_published,"
            " feed_published, fetched_at, http_status, interval_start from raw.reports"
            " where interval_start >= %s and interval_start < %s order by report_id",
            (interval.start, interval.end),
        ).fetchall()
    rows = [clean_row(raw) for raw in raws]
    with conn.transaction():
        upsert_rows(conn, "staging.reports", COLUMNS, rows, key=("report_id",))
    usable = sum(1 for row in rows if row[COLUMNS.index("usable")])
    log.info("cleaned %d reports of %s: %d usable", len(rows), interval.slug, usable)
    return CleanResult(len(rows), usable)
