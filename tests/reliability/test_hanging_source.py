"""A source that hangs never holds the day past its timeout: its crawl ends failed (or partial) within the source's
own `timeout`, the other sources crawl and load as usual; a crawl subprocess that hangs outright is killed at the
runner's limit (SAHELWATCH_CRAWL_TIMEOUT_SECONDS) and leaves no process behind.

The hanging server is a loopback HTTP server of this test: its /hang/ paths accept the request and never answer.
The crawls run side by side in threads, as Airflow's mapped crawl tasks do.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psycopg
import pytest

from sahelwatch import pipeline
from sahelwatch.config import load_settings
from sahelwatch.interval import Interval
from sahelwatch.replica.faults import article_html
from sahelwatch.replica.server import replica_sources
from sahelwatch.sources.registry import parse_registry

from .processes import descendants, wait_gone

DAY = Interval.for_day(date(2025, 6, 2))
SOURCE_TIMEOUT = 2  # seconds: the per-source `timeout` registry setting (Scrapy's DOWNLOAD_TIMEOUT)
# The hanging sources start with the others and must end at most this long after the slowest of them: room for the
# source's own timeout on a loaded machine, yet below Scrapy's default DOWNLOAD_TIMEOUT (30 s), so a crawl that
# ignored the source's timeout, or hung, would not end within it. The others' time absorbs the machine's load.
SLACK = 15


@pytest.fixture
def hanging_server() -> Iterator[str]:
    """http://127.0.0.1:PORT: /feed.xml lists one article that answers and two under /hang/ that never do."""
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path.startswith("/hang/"):
                release.wait(600)  # until the test ends: the client must give up on its own
                return
            if self.path == "/feed.xml":
                items = "".join(
                    f"<item><title>{name}</title><link>{base}{path}</link>"
                    f"<pubDate>Mon, 02 Jun 2025 10:00:00 +0000</pubDate></item>"
                    for name, path in (("Titao : tirs", "/ok.html"), ("Dori", "/hang/1.html"), ("Kaya", "/hang/2.html"))
                )
                self._send(
                    200,
                    "application/rss+xml; charset=utf-8",
                    (
                        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hangs</title>'
                        f"<link>{base}/</link><description>x</description>{items}</channel></rss>"
                    ).encode(),
                )
            elif self.path == "/ok.html":
                self._send(200, "text/html; charset=utf-8", article_html("Titao : tirs", "Titao").encode())
            else:
                self._send(404, "text/plain", b"not found")

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        release.set()
        server.shutdown()
        server.server_close()


def _source(source_id: str, url: str, **settings: Any) -> dict[str, Any]:
    entry = {
        "id": source_id,
        "name": source_id,
        "country": "Mali",
        "language": "fr",
        "kind": "rss",
        "url": url,
        "delay": 0,
        "autothrottle": False,
        **settings,
    }
    return asdict(parse_registry([entry])[0])


def _timed_crawl(settings, source: dict[str, Any]) -> tuple[dict[str, Any], float]:  # noqa: ANN001
    started = time.monotonic()
    result = pipeline.crawl(settings, source, DAY)
    return result, time.monotonic() - started


@pytest.fixture
def crawl_settings(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", database_url)
    monkeypatch.setenv("SAHELWATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SAHELWATCH_ALLOWED_HOSTS", "127.0.0.1")
    return load_settings()


def test_hanging_sources_end_within_their_timeout_and_the_others_load(
    replica, hanging_server: str, crawl_settings, conn: psycopg.Connection
) -> None:
    hanging = [
        _source("hanging-feed", f"{hanging_server}/hang/feed.xml", timeout=SOURCE_TIMEOUT, retries=0),
        _source("hanging-articles", f"{hanging_server}/feed.xml", timeout=SOURCE_TIMEOUT, retries=0),
    ]
    others = [asdict(s) for s in parse_registry(replica_sources(replica.base_url))]
    with ThreadPoolExecutor(max_workers=len(hanging) + len(others)) as pool:
        crawled = dict(
            zip(
                [s["id"] for s in hanging + others],
                pool.map(lambda s: _timed_crawl(crawl_settings, s), hanging + others),
            )
        )
    for source_id, (result, seconds) in crawled.items():
        print(
            f"{source_id}: {result['status']}, {result['stats'].get('items_stored', 0)} items, {seconds:.1f} s,"
            f" errors {sorted(k for k in result['stats'] if k.startswith('errors/'))}"
        )
    assert crawled["hanging-feed"][0]["status"] == "failed"
    assert crawled["hanging-articles"][0]["status"] == "partial"
    assert crawled["hanging-articles"][0]["stats"]["items_stored"] == 1
    slowest_other = max(crawled[s["id"]][1] for s in others)
    assert all(crawled[s["id"]][1] < slowest_other + SLACK for s in hanging)
    assert all(crawled[s["id"]][0]["status"] == "ok" for s in others)

    loaded = pipeline.load(crawl_settings, [result for result, _ in crawled.values()], DAY, expected=hanging + others)
    print(f"load: {loaded}")
    outcomes = dict(conn.execute("select source_id, status from raw.source_runs").fetchall())
    assert outcomes == {"hanging-feed": "failed", "hanging-articles": "partial", **{s["id"]: "ok" for s in others}}
    assert loaded["rows_inserted"] == conn.execute("select count(*) from raw.reports").fetchone()[0] == 8


def test_a_crawl_process_that_hangs_is_killed_at_the_runner_limit(
    hanging_server: str, crawl_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAHELWATCH_CRAWL_TIMEOUT_SECONDS", "3")
    source = _source("hanging-long", f"{hanging_server}/hang/feed.xml", timeout=300, retries=0)  # Scrapy would wait
    before = set(descendants(os.getpid()))
    result, seconds = _timed_crawl(crawl_settings, source)
    print(f"hanging crawl process: {result['status']} ({result['message']}) after {seconds:.1f} s")
    assert result["status"] == "failed" and result["message"] == "crawl timed out after 3 s"
    assert seconds < 30  # far below the source's own 300 s: the runner's limit ended it
    assert wait_gone(sorted(set(descendants(os.getpid())) - before), timeout=5) == []
