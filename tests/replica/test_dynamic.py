"""The replica's computed routes (API imitations, search redirects, fault pages) and conditional GET on files.

Checked with plain HTTP clients, so the crawl tests rest on a replica that is known to misbehave exactly as stated.
"""

from __future__ import annotations

import gzip
import http.client
import json
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
import yaml

from sahelwatch.replica.server import FAULTS_FILE, SOURCES_FILE, ReplicaServer, fault_sources, replica_sources
from sahelwatch.sources.registry import parse_registry


@pytest.fixture(scope="module")
def server() -> Iterator[ReplicaServer]:
    with ReplicaServer() as running:
        yield running


def get(
    server: ReplicaServer, path: str, headers: dict[str, str] | None = None, host: str | None = None
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(*server.address, timeout=10)
    connection.request("GET", path, headers={**({"Host": host} if host else {}), **(headers or {})})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def test_fault_registry_is_separate_valid_and_fictional(server: ReplicaServer) -> None:
    demo = {entry["id"] for entry in replica_sources(server.base_url)}
    faults = parse_registry(fault_sources(server.base_url))
    assert demo == {"echos-du-delta", "faso-matin", "sahel-wire"}
    assert not demo & {source.id for source in faults}
    assert {source.kind for source in faults} == {"news_sitemap", "api", "search_feed", "atom", "rss"}
    assert all(source.url.startswith(server.base_url + "/") for source in faults)
    assert "faults" not in SOURCES_FILE.read_text(encoding="utf-8")
    assert yaml.safe_load(FAULTS_FILE.read_text(encoding="utf-8"))["sources"]


def test_static_files_answer_if_none_match_with_304(server: ReplicaServer) -> None:
    first = get(server, "/echos-du-delta/feed/")
    etag = first.getheader("ETag")
    assert first.status == 200 and etag and etag.startswith('"')
    again = get(server, "/echos-du-delta/feed/", {"If-None-Match": etag})
    assert again.status == 304 and again.body == b""  # type: ignore[attr-defined]
    assert get(server, "/echos-du-delta/feed/", {"If-None-Match": '"other"'}).status == 200


def test_sitemaps_are_served_as_xml(server: ReplicaServer) -> None:
    response = get(server, "/liptako-hebdo/sitemap_index.xml")
    assert response.getheader("Content-Type") == "application/xml; charset=utf-8"
    assert f"{server.base_url}/liptako-hebdo/news-sitemap.xml".encode() in response.body  # type: ignore[attr-defined]


def test_gdelt_imitation_needs_a_window_and_answers_json(server: ReplicaServer) -> None:
    base = "/gdelt-api/api/v2/doc/doc?query=Mali&mode=artlist&format=json"
    refused = get(server, base)
    assert refused.status == 200 and refused.body.startswith(b"This replica needs startdatetime")  # type: ignore
    window = json.loads(get(server, base + "&startdatetime=20250602000000&enddatetime=20250602235959").body)  # type: ignore
    assert [a["seendate"] for a in window["articles"]] == ["20250602T140000Z", "20250602T093000Z", "20250602T074500Z"]
    empty = get(server, base + "&startdatetime=20240101000000&enddatetime=20240101235959")
    assert empty.body == b"{}"  # type: ignore[attr-defined]


def test_reliefweb_imitation_refuses_unknown_appnames_and_pages(server: ReplicaServer) -> None:
    path = "/reliefweb-api/v2/reports?filter[field]=primary_country.iso3&filter[value]=MLI&limit=3"
    refused = get(server, path + "&appname=guess")
    assert refused.status == 403 and b"AccessDeniedHttpException" in refused.body  # type: ignore[attr-defined]
    appname = server.routes.data["reliefweb_appname"]
    bare = json.loads(get(server, f"{path}&appname={appname}").body)  # type: ignore[attr-defined]
    assert bare["totalCount"] == 4 and list(bare["data"][0]["fields"]) == ["title"]
    page = json.loads(
        get(server, f"{path}&appname={appname}&offset=3&fields[include][]=body&fields[include][]=date.created").body
    )  # type: ignore[attr-defined]
    assert [r["fields"]["date"]["created"] for r in page["data"]] == ["2025-05-30T10:00:00+00:00"]
    assert set(page["data"][0]["fields"]) == {"body", "date"}


def test_search_feed_links_redirect_to_articles(server: ReplicaServer) -> None:
    feed = feedparser.parse(get(server, "/search-news/rss/search?q=Mali").body)  # type: ignore[attr-defined]
    assert len(feed.entries) == 4 and not feed.bozo
    hops = []
    for entry in feed.entries:
        location = entry.link
        chain = 0
        while "/search-news/" in location:
            response = get(server, location.removeprefix(server.base_url))
            assert response.status in (301, 302)
            location = response.getheader("Location")
            chain += 1
        assert get(server, location.removeprefix(server.base_url)).status == 200
        hops.append(chain)
    assert sorted(hops) == [1, 1, 1, 2]


def test_fault_pages_misbehave_as_documented(server: ReplicaServer) -> None:
    metadata = get(server, "/faults/mixed/to-metadata")
    assert metadata.status == 302 and metadata.getheader("Location") == "http://169.254.169.254/latest/meta-data/"
    moved = get(server, "/faults/mixed/moved").getheader("Location")
    assert moved == server.base_url.replace("127.0.0.1", "localhost") + "/faults/mixed/moved-here.html"
    bomb = get(server, "/faults/mixed/bomb.html")
    assert bomb.getheader("Content-Encoding") == "gzip" and len(bomb.body) < 64 * 1024  # type: ignore[attr-defined]
    assert len(gzip.decompress(bomb.body)) > 16 * 1024 * 1024  # type: ignore[attr-defined]
    latin1 = get(server, "/faults/mixed/latin1-no-charset.html")
    assert latin1.getheader("Content-Type") == "text/html" and b"\xe9leveurs" in latin1.body  # type: ignore
    assert b"charset" not in latin1.body  # type: ignore[attr-defined]
    assert get(server, "/faults/mixed/latin1-declared-utf8.html").getheader("Content-Type").endswith("utf-8")
    assert get(server, "/faults/mixed/missing.html").status == 404
    assert get(server, "/faults/down.xml").status == 503
    assert get(server, "/faults/mixed/report.pdf").getheader("Content-Type") == "application/pdf"
    huge = http.client.HTTPConnection(*server.address, timeout=10)
    huge.request("GET", "/faults/mixed/huge.html")
    assert int(huge.getresponse().getheader("Content-Length")) == 3 * 1024 * 1024
    huge.close()


def test_flaky_page_fails_once_per_url(server: ReplicaServer) -> None:
    first = get(server, "/faults/mixed/flaky.html?n=test-once")
    assert first.status == 503 and first.getheader("Retry-After") == "1"
    assert get(server, "/faults/mixed/flaky.html?n=test-once").status == 200


def test_conditional_feed_honours_etag_and_date(server: ReplicaServer) -> None:
    full = get(server, "/faults/conditional/atom.xml")
    etag, modified = full.getheader("ETag"), full.getheader("Last-Modified")
    assert full.status == 200 and feedparser.parse(full.body).version == "atom10"  # type: ignore[attr-defined]
    assert get(server, "/faults/conditional/atom.xml", {"If-None-Match": etag}).status == 304
    assert get(server, "/faults/conditional/atom.xml", {"If-Modified-Since": modified}).status == 304
    assert (
        get(server, "/faults/conditional/atom.xml", {"If-None-Match": '"v0"', "If-Modified-Since": modified}).status
        == 200
    )  # If-None-Match wins


def test_feeds_of_the_fault_outlet_parse_as_stated(server: ReplicaServer) -> None:
    mixed = feedparser.parse(get(server, "/faults/mixed/feed.xml").body)  # type: ignore[attr-defined]
    assert len(mixed.entries) == 18 and not mixed.bozo
    assert feedparser.parse(get(server, "/faults/malformed.xml").body).entries == []  # type: ignore[attr-defined]
    assert len(feedparser.parse(get(server, "/faults/bulk/feed.xml").body).entries) == 40  # type: ignore


def test_generated_sites_have_no_dynamic_routes(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html></html>", encoding="utf-8")
    with ReplicaServer(root=tmp_path) as generated:
        assert generated.routes is None
        assert get(generated, "/faults/mixed/ok.html").status == 404
        assert get(generated, "/a.html").status == 200
