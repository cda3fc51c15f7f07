"""The replica must behave like the real outlets over HTTP, or the demo and the pipeline tests prove nothing.

These tests also pin the replica to tests/fixtures/replica_expected.json, so the fixture and the site cannot drift.
"""

from __future__ import annotations

import calendar
import http.client
import json
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest

from sahelwatch.replica.server import ReplicaServer, replica_sources
from sahelwatch.sources.registry import parse_registry

EXPECTED: dict[str, dict] = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "replica_expected.json").read_text(encoding="utf-8")
)
FEED_VERSIONS = {"echos-du-delta": "rss20", "faso-matin": "rss20", "sahel-wire": "rss10"}


@pytest.fixture(scope="module")
def server() -> Iterator[ReplicaServer]:
    with ReplicaServer() as running:
        yield running


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read()


def raw_get(server: ReplicaServer, path: str) -> http.client.HTTPResponse:
    """Send the path byte for byte: urllib may normalise what a hostile client would not."""
    connection = http.client.HTTPConnection(*server.address, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


class _Collector(HTMLParser):
    """Collects the <p> texts inside itemprop=articleBody and the feed <link rel=alternate> hrefs."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self.alternates: list[str] = []
        self._depth = 0  # open <div> depth inside the article body; 0 means outside
        self._in_p = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "alternate":
            self.alternates.append(attributes.get("href") or "")
        if tag == "div" and (self._depth or attributes.get("itemprop") == "articleBody"):
            self._depth += 1
        if tag == "p" and self._depth:
            self._in_p = True
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
        if tag == "p":
            self._in_p = False

    def handle_data(self, data: str) -> None:
        if self._in_p:
            self.paragraphs[-1] += data


def _epoch(iso_utc: str) -> int:
    return int(datetime.fromisoformat(iso_utc.replace("Z", "+00:00")).timestamp())


def parse_html(body: bytes) -> _Collector:
    collector = _Collector()
    collector.feed(body.decode("utf-8"))
    return collector


def test_binds_loopback_only(server: ReplicaServer) -> None:
    host, port = server.address
    assert host == "127.0.0.1"
    assert port > 0
    assert server.base_url == f"http://127.0.0.1:{port}"


def test_sources_are_valid_registry_entries(server: ReplicaServer) -> None:
    entries = replica_sources(server.base_url)
    sources = parse_registry(entries)
    assert [s.id for s in sources] == ["echos-du-delta", "faso-matin", "sahel-wire"]
    assert {s.country for s in sources} == {"Mali", "Burkina Faso", "Niger"}
    assert all(s.url.startswith(server.base_url + "/") and "{base}" not in s.url for s in sources)


@pytest.mark.parametrize("source_id", list(FEED_VERSIONS))
def test_feed_lists_every_article_with_live_links(server: ReplicaServer, source_id: str) -> None:
    source = next(s for s in replica_sources(server.base_url) if s["id"] == source_id)
    status, content_type, body = fetch(source["url"])
    assert status == 200
    assert content_type.startswith("application/rss+xml" if source["kind"] == "rss" else "application/rdf+xml")
    assert b"{base}" not in body
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == FEED_VERSIONS[source_id]
    expected = {path: fact for path, fact in EXPECTED.items() if fact["outlet"] == source_id}
    assert len(feed.entries) == len(expected)
    for entry in feed.entries:
        assert entry.link.startswith(server.base_url + "/")
        path = entry.link.removeprefix(server.base_url)
        assert path in expected, path
        assert entry.title == expected[path]["title"]
        # WordPress gives pubDate (-> published); SPIP and RDF give dc:date, which feedparser files under `updated`.
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        assert calendar.timegm(parsed) == _epoch(expected[path]["published"])


@pytest.mark.parametrize("path", list(EXPECTED))
def test_article_pages(server: ReplicaServer, path: str) -> None:
    fact = EXPECTED[path]
    status, content_type, body = fetch(server.base_url + path)
    assert status == 200
    assert content_type == "text/html; charset=utf-8"
    html = body.decode("utf-8")
    assert "{base}" not in html
    assert f'<html lang="{fact["language"]}"' in html
    assert f'<link rel="canonical" href="{server.base_url}{path}"' in html
    assert ">" + fact["title"] + " – " in html  # <title>Headline – Outlet</title>
    if fact["page_published_time"]:
        assert f'<meta property="article:published_time" content="{fact["page_published_time"]}"' in html
    else:
        assert "published_time" not in html and "<time" not in html
    paragraphs = parse_html(body).paragraphs
    assert 3 <= len(paragraphs) <= 8


def test_syndicated_copy_repeats_the_original_word_for_word(server: ReplicaServer) -> None:
    copies = {path: fact["duplicate_of"] for path, fact in EXPECTED.items() if fact["duplicate_of"]}
    assert len(copies) == 1
    for copy, original in copies.items():
        original_body = parse_html(fetch(server.base_url + original)[2]).paragraphs
        copy_body = parse_html(fetch(server.base_url + copy)[2]).paragraphs
        assert copy_body == original_body + ["Source : Échos du Delta"]
        assert EXPECTED[copy]["title"] != EXPECTED[original]["title"]


def test_interval_flags_and_counts() -> None:
    assert Counter(fact["in_interval_2025_06_02"] for fact in EXPECTED.values()) == {True: 7, False: 3}
    assert sum(len(fact["incidents"]) for fact in EXPECTED.values()) == 8


@pytest.mark.parametrize("source_id", list(FEED_VERSIONS))
def test_homepage_advertises_its_feed(server: ReplicaServer, source_id: str) -> None:
    source = next(s for s in replica_sources(server.base_url) if s["id"] == source_id)
    status, content_type, body = fetch(source["homepage"])
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    (href,) = parse_html(body).alternates
    assert not href.startswith(("http", "/")), "the homepage link should be relative"
    assert urljoin(source["homepage"], href) == source["url"]


def test_head_sends_headers_only(server: ReplicaServer) -> None:
    connection = http.client.HTTPConnection(*server.address, timeout=10)
    connection.request("HEAD", "/sahel-wire/headlines.rdf")
    response = connection.getresponse()
    assert response.status == 200
    assert int(response.getheader("Content-Length")) > 0
    assert response.read() == b""
    connection.close()


def test_directory_without_slash_redirects(server: ReplicaServer) -> None:
    response = raw_get(server, "/echos-du-delta")
    assert response.status == 301
    assert response.getheader("Location") == server.base_url + "/echos-du-delta/"


def test_robots_txt_allows_everything(server: ReplicaServer) -> None:
    status, content_type, body = fetch(server.base_url + "/robots.txt")
    assert status == 200 and content_type.startswith("text/plain")
    assert body.decode().splitlines() == ["User-agent: *", "Disallow:"]


@pytest.mark.parametrize(
    "path",
    [
        "/nothing-here.html",
        "/echos-du-delta/category/securite/",
        "/faso-matin/spip.php?article9999",
        "/faso-matin/spip.php?page=login",
        "/faso-matin/backend",
        "/../etc/passwd",
        "/echos-du-delta/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/echos-du-delta/..%2f..%2fserver.py",
        "/sources.yaml",
        "/../server.py",
        "/" + "a" * 5000,
    ],
)
def test_unknown_and_traversal_paths_are_404(server: ReplicaServer, path: str) -> None:
    assert raw_get(server, path).status == 404


def test_stop_frees_the_port() -> None:
    replica = ReplicaServer().start()
    url = replica.base_url + "/robots.txt"
    assert fetch(url)[0] == 200
    replica.stop()
    replica.stop()  # idempotent
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)
