"""Reads one source's feed (RSS 2.0, Atom, RSS 1.0/RDF, or a search feed) and fetches the articles it lists.

* Conditional GET: the validators and body of the previous crawl's feed come in the spider state; a 304 answer
  re-reads that body, so nothing listed in it is lost. The new validators go to the stats, the body beside the run
  file (`<run>.feed`), for the load step to keep.
* Autodiscovery: when the feed URL serves HTML, the page's `<link rel="alternate">` feed is read instead; when
  the feed URL fails (404, HTML without a feed link), the source's homepage is asked for its feed.
* Search feeds (`kind: search_feed`, e.g. Google News RSS) link to redirects: they are followed, and the item keeps
  the article's final URL.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response

from sahelspiders.spiders.base import SourceSpider, host_of
from sahelwatch.crawl.charset import decode_html
from sahelwatch.crawl.feeds import discover_feeds, parse_feed

# Failures that suggest the feed moved (the homepage may say where); a refused, unreachable or broken site would
# fail the same way for its homepage.
_MOVED = frozenset({"http_4xx", "feed_is_html", "too_many_redirects"})


class FeedSpider(SourceSpider):
    """One spider run = one source and one data interval, so failures and counts stay per source."""

    name = "feed"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.feed_request(self.source["url"], root=True)

    def feed_request(self, url: str, *, root: bool = False, discovered: bool = False) -> scrapy.Request:
        headers = {}
        state = self.state
        if state.feed_url == url and state.cached_feed_file and (state.etag or state.last_modified):
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        return scrapy.Request(
            url,
            callback=self.parse_feed,
            errback=self.on_error,
            headers=headers,
            dont_filter=True,
            meta={"kind": "feed", "root": root, "discovered": discovered, "handle_httpstatus_list": [304]},
        )

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        url = response.url
        redirects = response.meta.get("redirect_urls") or []
        if redirects and host_of(redirects[0]) != host_of(url):
            self.warning("redirect_off_domain", redirects[0], f"feed redirected to {url}")
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        if response.status == 304:
            if self.state.cached_feed_file is None:  # we sent no validators: a broken server or proxy
                self.error("http_3xx", url, "304 Not Modified to an unconditional request")
                yield from self.listing_failed(response.meta, "http_3xx")
                return
            body = Path(self.state.cached_feed_file).read_bytes()
            etag, last_modified = self.state.etag, self.state.last_modified
            self.count("feed_not_modified")
        else:
            body = response.body
            etag = _header(response, b"ETag")
            last_modified = _header(response, b"Last-Modified")
        started = time.process_time()
        result = parse_feed(body, url, content_type if response.status != 304 else None)
        self.count("time/listing_ms", 1000 * (time.process_time() - started))
        if result.problem == "feed_is_html" and not response.meta.get("discovered"):
            links = discover_feeds(decode_html(body, content_type).text, url)
            if links:
                self.warning("feed_autodiscovered", url, f"the page advertises {links[0]}")
                yield self.feed_request(links[0], root=response.meta.get("root", False), discovered=True)
                return
        if result.problem:
            self.error(result.problem, url, result.detail)
            yield from self.listing_failed(response.meta, result.problem)
            return
        for warning in result.warnings:
            self.warning(warning, url, result.detail)
        # The validators go with the URL as requested (before redirects): that is the URL asked again next time.
        self.keep_feed_state(redirects[0] if redirects else url, etag, last_modified, body)
        yield from self.requests_for(result.entries, url)

    def keep_feed_state(self, url: str, etag: str | None, last_modified: str | None, body: bytes) -> None:
        """Report what the next crawl needs for a conditional GET (only for a feed that could be read)."""
        if not (etag or last_modified):
            return
        path = Path(self.output).with_suffix(".feed")
        path.write_bytes(body)
        self.set_stat("feed/url", url)
        self.set_stat("feed/etag", etag)
        self.set_stat("feed/last_modified", last_modified)
        self.set_stat("feed/body_file", str(path))

    def listing_failed(self, meta: dict[str, Any], kind: str) -> Iterator[scrapy.Request]:
        """When the configured feed cannot be read, ask the homepage where the feed is now."""
        homepage = self.source.get("homepage")
        if (
            kind in _MOVED
            and meta.get("kind") == "feed"
            and meta.get("root")
            and not meta.get("discovered")
            and homepage
            and homepage != self.source["url"]
        ):
            yield scrapy.Request(
                homepage,
                callback=self.parse_homepage,
                errback=self.on_error,
                dont_filter=True,
                meta={"kind": "homepage", "root": True},
            )
            return
        self.listing_lost(meta)

    def parse_homepage(self, response: Response) -> Iterator[scrapy.Request]:
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        links = [
            link
            for link in discover_feeds(decode_html(response.body, content_type).text, response.url)
            if link != self.source["url"]
        ]
        if not links:
            self.error("feed_not_found", response.url, "the homepage advertises no other feed")
            self.listing_lost(response.meta)
            return
        self.warning("feed_autodiscovered", response.url, f"the homepage advertises {links[0]}")
        yield self.feed_request(links[0], root=True, discovered=True)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1").strip() or None if value else None
