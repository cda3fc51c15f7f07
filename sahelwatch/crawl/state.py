"""What a crawl knows before it starts: the URLs already stored and the feed's cache validators.

The warehouse keeps this (raw.reports, raw.feed_state); the runner reads it here and hands it to the spider as files,
so the spider never touches the database. Both are read so that re-running an interval reproduces that interval:

* URLs stored by *other* intervals are skipped; those of the interval being re-run are fetched again (the load
  step then adds nothing, since raw.reports is append-only).
* The validators come from the newest crawl of an *earlier* interval, together with the feed body they belong to:
  a 304 Not Modified then means "the same entries as that body", which the spider re-reads, so an entry published
  after that crawl's interval but listed in the cached body is not lost.
"""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from sahelwatch.interval import Interval

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlState:
    """The previous crawls' knowledge about one source."""

    known_urls: frozenset[str] = frozenset()
    feed_url: str | None = None  # the validators and the cached body belong to this URL
    etag: str | None = None
    last_modified: str | None = None
    feed_body: bytes | None = None

    @property
    def conditional(self) -> bool:
        """Conditional requests make sense only with the body to fall back on when the answer is 304."""
        return bool(self.feed_url and self.feed_body is not None and (self.etag or self.last_modified))


def read_state(conn: psycopg.Connection, source_id: str, interval: Interval) -> CrawlState:
    """The source's known URLs (from other intervals) and the newest feed state from an earlier interval."""
    rows = conn.execute(
        "select url, final_url from raw.reports where source_id = %s and interval_start <> %s",
        (source_id, interval.start),
    ).fetchall()
    known = frozenset(url for row in rows for url in row if url)
    feed = conn.execute(
        "select feed_url, etag, last_modified, body_gz from raw.feed_state"
        " where source_id = %s and interval_start < %s",
        (source_id, interval.start),
    ).fetchone()
    if feed is None:
        return CrawlState(known_urls=known)
    feed_url, etag, last_modified, body_gz = feed
    body = gzip.decompress(body_gz) if body_gz is not None else None
    return CrawlState(known, feed_url, etag, last_modified, body)


def read_state_safely(database_url: str, source_id: str, interval: Interval) -> CrawlState:
    """read_state, or an empty state when the warehouse cannot be read: a crawl without it is slower, not wrong."""
    try:
        with psycopg.connect(database_url, connect_timeout=10, application_name="sahelwatch-crawl") as conn:
            return read_state(conn, source_id, interval)
    except psycopg.Error as exc:
        log.warning(
            "source %s: crawl state unavailable, crawling without it (%s)",
            source_id,
            str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
        )
        return CrawlState()


@dataclass(frozen=True)
class StateFiles:
    """The state as the spider receives it: a small JSON file naming the larger ones."""

    path: Path
    files: list[Path] = field(default_factory=list)

    def remove(self) -> None:
        for path in [self.path, *self.files]:
            path.unlink(missing_ok=True)


def write_state_files(state: CrawlState, prefix: Path) -> StateFiles:
    """Write `<prefix>.state.json`, `<prefix>.known.txt` and `<prefix>.cached-feed` for the spider."""
    document: dict[str, Any] = {"feed_url": state.feed_url, "etag": state.etag, "last_modified": state.last_modified}
    files: list[Path] = []
    if state.known_urls:
        known = prefix.with_suffix(".known.txt")
        known.write_text("".join(f"{url}\n" for url in sorted(state.known_urls)), encoding="utf-8")
        document["known_urls_file"] = str(known)
        files.append(known)
    if state.conditional:
        cached = prefix.with_suffix(".cached-feed")
        cached.write_bytes(state.feed_body or b"")
        document["cached_feed_file"] = str(cached)
        files.append(cached)
    path = prefix.with_suffix(".state.json")
    path.write_text(json.dumps(document), encoding="utf-8")
    return StateFiles(path, files)


@dataclass(frozen=True)
class SpiderState:
    """The spider's side: what write_state_files wrote, read back."""

    known_urls: frozenset[str] = frozenset()
    feed_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    cached_feed_file: str | None = None

    @classmethod
    def load(cls, path: str | None) -> SpiderState:
        if not path:
            return cls()
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        known: frozenset[str] = frozenset()
        if document.get("known_urls_file"):
            lines = Path(document["known_urls_file"]).read_text(encoding="utf-8").splitlines()
            known = frozenset(line for line in lines if line)
        cached = document.get("cached_feed_file")
        return cls(
            known,
            document.get("feed_url"),
            document.get("etag"),
            document.get("last_modified"),
            cached if cached and Path(cached).is_file() else None,
        )
