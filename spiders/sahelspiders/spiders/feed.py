"""Reads one source's feed (RSS 2.0, Atom or RDF) and fetches the articles it lists inside the data interval."""

from __future__ import annotations

import calendar
import json
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from sahelspiders.items import ArticleItem
from sahelwatch.crawl.article import page_metadata
from sahelwatch.crawl.errors import classify_failure

log = logging.getLogger(__name__)


def _entry_date(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


class FeedSpider(scrapy.Spider):
    """One spider run = one source and one data interval, so failures and counts stay per source."""

    name = "feed"

    def __init__(self, source: str, interval_start: str, interval_end: str, output: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = json.loads(source)
        self.interval_start = datetime.fromisoformat(interval_start)
        self.interval_end = datetime.fromisoformat(interval_end)
        self.output = output

    def _count(self, key: str) -> None:
        self.crawler.stats.inc_value(f"sahelwatch/{key}")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.source["url"], callback=self.parse_feed, errback=self.on_error,
                             meta={"kind": "feed"})

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        parsed = feedparser.parse(response.body, response_headers={
            "content-type": response.headers.get("Content-Type", b"").decode("latin-1"),
        })
        if not parsed.entries:
            kind = "feed_is_html" if parsed.get("bozo") and b"<html" in response.body[:2048].lower() else (
                "feed_malformed" if parsed.get("bozo") else "feed_empty")
            log.error("source %s: %s at %s (%s)", self.source["id"], kind, response.url,
                      parsed.get("bozo_exception", "no entries"))
            self._count(f"errors/{kind}")
            return
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                self._count("errors/entry_without_link")
                continue
            published = _entry_date(entry)
            if published is not None and not (self.interval_start <= published < self.interval_end):
                self._count("out_of_interval")
                continue
            self._count("items_seen")
            yield response.follow(link, callback=self.parse_article, errback=self.on_error, meta={
                "kind": "article",
                "entry": {
                    "title": entry.get("title"),
                    "summary": entry.get("summary"),
                    "published": published.isoformat() if published else None,
                    "author": entry.get("author"),
                    "language": parsed.feed.get("language"),
                },
            })

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        if not hasattr(response, "text"):
            log.error("source %s: %s is not a text page", self.source["id"], response.url)
            self._count("errors/not_text")
            return
        entry = response.meta["entry"]
        meta = page_metadata(response.text, response.url)
        yield ArticleItem(
            source_id=self.source["id"],
            source_country=self.source.get("country"),
            url=response.request.meta.get("redirect_urls", [response.url])[0],
            final_url=response.url,
            feed_url=self.source["url"],
            title=meta.title or entry["title"],
            feed_title=entry["title"],
            feed_summary=entry["summary"],
            feed_published=entry["published"],
            page_published=meta.published,
            author=meta.author or entry["author"],
            language_hint=meta.language or entry["language"] or self.source.get("language"),
            text=meta.text,
            html=response.text,
            http_status=response.status,
            content_type=response.headers.get("Content-Type", b"").decode("latin-1") or None,
            fetched_at=datetime.now(UTC).isoformat(),
        )

    def on_error(self, failure: Failure) -> None:
        kind = classify_failure(failure)
        request = failure.request if hasattr(failure, "request") else None
        what = request.meta.get("kind", "request") if request is not None else "request"
        log.error("source %s: %s failed (%s): %s", self.source["id"], what,
                  kind, getattr(request, "url", "?") if request is not None else failure.getErrorMessage())
        self._count(f"errors/{kind}")
        if what == "feed":
            self._count("feed_failed")
