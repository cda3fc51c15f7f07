"""Spiders for the search APIs: GDELT DOC 2.0 (lists articles on many sites, which are then fetched) and ReliefWeb
v2 (returns the reports' text itself, so nothing else is fetched).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import scrapy
from scrapy.http import Response

from sahelspiders.items import ArticleItem
from sahelspiders.spiders.base import SourceSpider
from sahelwatch.crawl.apis import (
    gdelt_max_records,
    gdelt_url,
    mask_secrets,
    parse_gdelt,
    parse_reliefweb,
    reliefweb_limit,
    reliefweb_url,
)
from sahelwatch.crawl.entries import Entry, parse_datetime

GDELT_MAX_SPLITS = 4  # a full answer is split in halves at most 4 times (16 windows, 16 requests)
GDELT_MIN_WINDOW = timedelta(minutes=30)  # GDELT's own resolution is 15 minutes


class GdeltSpider(SourceSpider):
    """GDELT's artlist returns at most 250 articles; a full answer may hide more, so its window is halved and
    asked again, which keeps a busy day complete instead of silently truncated."""

    name = "gdelt"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.window_request(self.interval_start, self.interval_end, splits=0)

    def window_request(self, start: datetime, end: datetime, splits: int) -> scrapy.Request:
        return scrapy.Request(
            gdelt_url(self.source["url"], start, end),
            callback=self.parse_api,
            errback=self.on_error,
            dont_filter=True,
            meta={"kind": "api", "root": splits == 0, "window": (start.isoformat(), end.isoformat()), "splits": splits},
        )

    def parse_api(self, response: Response) -> Iterator[scrapy.Request]:
        self.count("api_requests")
        result = parse_gdelt(response.body)
        if result.problem:
            self.error(result.problem, response.url, result.detail)
            self.listing_lost(response.meta)
            return
        start, end = (datetime.fromisoformat(value) for value in response.meta["window"])
        splits = response.meta["splits"]
        if len(result.entries) >= gdelt_max_records(self.source["url"]):
            if splits < GDELT_MAX_SPLITS and end - start >= 2 * GDELT_MIN_WINDOW:
                self.count("api_windows_split")
                middle = start + (end - start) / 2
                yield self.window_request(start, middle, splits + 1)
                yield self.window_request(middle, end, splits + 1)
                return
            self.warning("api_truncated", response.url, f"{len(result.entries)} results, the API's maximum")
        yield from self.requests_for(result.entries, response.url)


class ReliefWebSpider(SourceSpider):
    """Pages through the newest reports (sorted by date.created, newest first) until they are older than the
    interval; each report becomes an item straight from the API's fields."""

    name = "reliefweb"

    def appname(self) -> str | None:
        variable = self.source.get("appname_env") or "RELIEFWEB_APPNAME"
        return os.environ.get(str(variable)) or None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        appname = self.appname()
        if not appname:
            self.error(
                "missing_appname",
                self.source["url"],
                f"set the environment variable {self.source.get('appname_env') or 'RELIEFWEB_APPNAME'}",
            )
            self.count("feed_failed")
            return
        yield self.page_request(appname, 0)

    def page_request(self, appname: str, offset: int) -> scrapy.Request:
        return scrapy.Request(
            reliefweb_url(self.source["url"], appname, offset),
            callback=self.parse_api,
            errback=self.on_error,
            dont_filter=True,
            meta={"kind": "api", "root": offset == 0, "offset": offset},
        )

    def parse_api(self, response: Response) -> Iterator[scrapy.Request | ArticleItem]:
        self.count("api_requests")
        result = parse_reliefweb(response.body)
        if result.problem:
            self.error(result.problem, response.url, result.detail)
            self.listing_lost(response.meta)
            return
        listing = mask_secrets(response.url)
        for entry in self.admit(result.entries, listing):
            if not (entry.extra.get("text") or "").strip():
                self.error("no_text", entry.link or listing, "the report has no body text")
                continue
            yield self.item(entry, listing, response.status)
        offset = response.meta["offset"] + len(result.entries)
        oldest = min((e.published for e in result.entries if e.published), default=None)
        more = bool(result.entries) and (result.total is None or offset < result.total)
        if more and (self.backfill or (oldest is not None and oldest >= self.interval_start)):
            if offset // reliefweb_limit(self.source["url"]) >= self.settings.getint("SAHELWATCH_MAX_API_PAGES", 10):
                self.warning("api_truncated", listing, f"stopped after {offset} reports")
                return
            appname = self.appname()
            assert appname is not None
            yield self.page_request(appname, offset)

    def item(self, entry: Entry, listing: str, status: int) -> ArticleItem:
        html = entry.extra.get("html") or ""
        title = entry.title or ""
        document = (
            f'<!DOCTYPE html><html lang="{entry.language or ""}"><head><meta charset="utf-8">'
            f"<title>{_escape(title)}</title></head><body><article><h1>{_escape(title)}</h1>{html}"
            "</article></body></html>"
        )
        original = parse_datetime(entry.extra.get("original"))
        return ArticleItem(
            source_id=self.source_id,
            source_country=self.source.get("country"),
            url=entry.link or "",
            final_url=entry.link or "",
            feed_url=listing,
            title=entry.title,
            feed_title=entry.title,
            feed_summary=None,
            feed_published=entry.published.isoformat() if entry.published else None,
            page_published=original.isoformat() if original else None,
            author=entry.author,
            language_hint=entry.language or self.source.get("language"),
            text=entry.extra.get("text") or None,
            html=document,
            http_status=status,
            content_type="text/html; charset=utf-8",
            fetched_at=datetime.now(UTC).isoformat(),
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
