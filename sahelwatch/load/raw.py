"""Copy run files into raw.reports.

COPY into a temporary table, then one INSERT ... ON CONFLICT into the target, in one transaction: a failed load
leaves nothing behind and a repeated load adds nothing. A line that cannot be read is logged and skipped alone.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from sahelwatch.db.bulk import upsert_rows
from sahelwatch.interval import Interval
from sahelwatch.jsonlines import parse_line
from sahelwatch.textsafe import storable_text

log = logging.getLogger(__name__)

_TEXT_COLUMNS = (
    "source_id",
    "source_country",
    "url",
    "final_url",
    "feed_url",
    "title",
    "feed_title",
    "feed_summary",
    "feed_published",
    "page_published",
    "author",
    "language_hint",
    "text",
    "content_type",
)
COLUMNS = ("report_id", *_TEXT_COLUMNS, "html_gz", "http_status", "fetched_at", "interval_start", "interval_end")


@dataclass(frozen=True)
class LoadResult:
    lines_read: int
    rows_valid: int
    rows_inserted: int
    lines_rejected: int


def report_id(url: str) -> str:
    """Stable id from the URL, so the same article gets the same id in every run."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]


def _http_status(value: Any) -> int:
    """0 (unknown) to 999; anything else would fail the whole COPY (integer overflow) or is not a status."""
    status = int(value or 0)
    if not 0 <= status <= 999:
        raise ValueError(f"http_status {status} out of range")
    return status


def _fetched_at(value: Any) -> datetime:
    """A naive fetch time is taken as UTC (as clean takes naive dates): COPY cannot mix naive and aware times in one
    column, so one naive line among aware ones failed the whole load with TypeError."""
    when = datetime.fromisoformat(str(value))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _row(item: dict[str, Any], interval: Interval) -> tuple[Any, ...]:
    if not isinstance(item, dict):
        raise TypeError(f"line is a JSON {type(item).__name__}, not an object")
    url = storable_text(item.get("url"))
    if not url or not item.get("source_id"):
        raise ValueError("item has no url or source_id")
    values: dict[str, Any] = {column: storable_text(item.get(column)) for column in _TEXT_COLUMNS}
    html = str(item.get("html") or "")
    values.update(
        report_id=report_id(url),
        # level 6, zlib's default: on 19 KB pages gzip's level 9 took 0.24 ms a page against 0.16, for 0.2 % less space
        html_gz=gzip.compress(html.encode("utf-8", errors="replace"), compresslevel=6, mtime=0),
        http_status=_http_status(item.get("http_status")),
        fetched_at=_fetched_at(item["fetched_at"]),
        interval_start=interval.start,
        interval_end=interval.end,
    )
    return tuple(values[column] for column in COLUMNS)


def read_run_file(path: Path, interval: Interval) -> Iterator[tuple[Any, ...] | None]:
    """Rows of a run file; None marks a line that was rejected (already logged)."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                yield _row(parse_line(line), interval)
            except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as exc:
                log.error("%s line %d rejected: %s", path.name, number, exc)
                yield None


def load_run_files(conn: psycopg.Connection, paths: Iterable[Path], interval: Interval) -> LoadResult:
    """Load every run file of an interval in one transaction. Rows stream from the files into COPY, so memory stays
    flat however large the day (raw HTML makes a row about 10 KB); of several lines with one URL, the earliest
    fetched is kept, as it would be by an earlier run."""
    counts = Counter[str]()

    def valid_rows() -> Iterator[tuple[Any, ...]]:
        for path in paths:
            for row in read_run_file(path, interval):
                counts["read"] += 1
                if row is None:
                    counts["rejected"] += 1
                else:
                    yield row

    with conn.transaction():
        inserted = upsert_rows(
            conn, "raw.reports", COLUMNS, valid_rows(), key=("url",), update=False, prefer=("fetched_at",)
        )
    valid = counts["read"] - counts["rejected"]
    log.info("loaded %d new raw reports (%d valid lines, %d rejected)", inserted, valid, counts["rejected"])
    return LoadResult(counts["read"], valid, inserted, counts["rejected"])


def _by_kind(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {
        key.removeprefix(prefix): int(value)
        for key, value in stats.items()
        if key.startswith(prefix) and isinstance(value, (int, float))
    }


def record_source_runs(conn: psycopg.Connection, results: Iterable[dict[str, Any]], interval: Interval) -> None:
    """Keep each source's crawl outcome for the interval (source health); re-running a day overwrites it.

    Also keeps the feed's cache validators and body (raw.feed_state) that the crawl reported, for the conditional
    GET of later intervals (sahelwatch.crawl.state)."""
    with conn.transaction():
        for result in results:
            stats = result.get("stats") or {}
            errors = _by_kind(stats, "errors/")
            warnings = _by_kind(stats, "warnings/")
            skipped = _by_kind(stats, "skipped/")
            conn.execute(
                "insert into raw.source_runs (source_id, interval_start, interval_end, items_seen, items_stored,"
                " errors, error_kinds, status, message, entries_listed, items_known, skipped_kinds, warnings,"
                " warning_kinds, feed_not_modified)"
                " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " on conflict (source_id, interval_start) do update set interval_end = excluded.interval_end,"
                " items_seen = excluded.items_seen, items_stored = excluded.items_stored, errors = excluded.errors,"
                " error_kinds = excluded.error_kinds, status = excluded.status, message = excluded.message,"
                " entries_listed = excluded.entries_listed, items_known = excluded.items_known,"
                " skipped_kinds = excluded.skipped_kinds, warnings = excluded.warnings,"
                " warning_kinds = excluded.warning_kinds, feed_not_modified = excluded.feed_not_modified",
                (
                    result["source_id"],
                    interval.start,
                    interval.end,
                    int(stats.get("items_seen", 0)),
                    int(stats.get("items_stored", 0)),
                    sum(errors.values()),
                    Jsonb(errors),
                    result["status"],
                    result.get("message"),
                    int(stats.get("entries_listed", 0)),
                    skipped.get("known", 0),
                    Jsonb(skipped),
                    sum(warnings.values()),
                    Jsonb(warnings),
                    bool(stats.get("feed_not_modified")),
                ),
            )
            _record_feed_state(conn, result["source_id"], stats, interval)


def record_outlets(conn: psycopg.Connection, sources: Iterable[dict[str, Any]]) -> None:
    """Keep the registry's description of each crawled outlet (raw.sources), so exports can name outlets.

    A row is rewritten only when the registry changed it, and holds no timestamp: re-running a day changes nothing.
    An entry that does not describe its outlet (no name or kind) is passed over: naming is not worth failing a load."""
    columns = ("source_id", "name", "country", "language", "kind", "homepage")
    rows = [
        (s["id"], s["name"], s.get("country"), s.get("language"), s["kind"], s.get("homepage"))
        for s in sources
        if s.get("name") and s.get("kind")
    ]
    if not rows:
        return
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    changed = " or ".join(f"raw.sources.{c} is distinct from excluded.{c}" for c in columns[1:])
    with conn.cursor() as cursor:
        cursor.executemany(
            f"insert into raw.sources ({', '.join(columns)}) values ({', '.join(['%s'] * len(columns))})"  # noqa: S608
            f" on conflict (source_id) do update set {updates} where {changed}",
            rows,
        )


def _record_feed_state(conn: psycopg.Connection, source_id: str, stats: dict[str, Any], interval: Interval) -> None:
    """Keep the newest feed state of a source; an older interval (a backfill) never replaces a newer one."""
    body_file = stats.get("feed/body_file")
    if not stats.get("feed/url") or not (stats.get("feed/etag") or stats.get("feed/last_modified")):
        return
    try:
        body = Path(str(body_file)).read_bytes()
    except (OSError, TypeError) as exc:
        log.warning("source %s: feed body for conditional GET not kept (%s)", source_id, exc)
        return
    conn.execute(
        "insert into raw.feed_state (source_id, interval_start, interval_end, feed_url, etag, last_modified, body_gz)"
        " values (%s, %s, %s, %s, %s, %s, %s)"
        " on conflict (source_id) do update set interval_start = excluded.interval_start,"
        " interval_end = excluded.interval_end, feed_url = excluded.feed_url, etag = excluded.etag,"
        " last_modified = excluded.last_modified, body_gz = excluded.body_gz"
        " where raw.feed_state.interval_start <= excluded.interval_start",
        (
            source_id,
            interval.start,
            interval.end,
            stats["feed/url"],
            stats.get("feed/etag"),
            stats.get("feed/last_modified"),
            gzip.compress(body, mtime=0),
        ),
    )
