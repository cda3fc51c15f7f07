"""Reads a news sitemap (or a sitemap index pointing at one) for sites without feeds.

Entries are dated by `news:publication_date`, else `<lastmod>`. In an index, child sitemaps last modified before the
interval are not fetched (unless backfilling): they cannot list articles of the interval.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import scrapy
from scrapy.http import Response

from sahelspiders.spiders.base import SourceSpider
from sahelwatch.crawl.sitemaps import SitemapTooLarge, parse_sitemap, unpack


class NewsSitemapSpider(SourceSpider):
    name = "news_sitemap"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.sitemap_request(self.source["url"], depth=0)

    def sitemap_request(self, url: str, depth: int) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_sitemap,
            errback=self.on_error,
            dont_filter=True,
            meta={"kind": "sitemap", "root": depth == 0, "depth": depth},
        )

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            body = unpack(response.body, self.settings.getint("DOWNLOAD_MAXSIZE"))
        except SitemapTooLarge as exc:
            self.error("too_large_decompressed", response.url, str(exc))
            self.listing_lost(response.meta)
            return
        sitemap = parse_sitemap(body)
        if sitemap.problem:
            self.error(sitemap.problem, response.url, sitemap.detail)
            self.listing_lost(response.meta)
            return
        depth = response.meta.get("depth", 0)
        if sitemap.children:
            limit = self.settings.getint("SAHELWATCH_MAX_CHILD_SITEMAPS", 20)
            followed = 0
            for loc, lastmod in sitemap.children:
                if lastmod is not None and lastmod < self.interval_start and not self.backfill:
                    self.count("skipped/old_sitemap")
                elif depth >= 2 or followed >= limit:
                    self.count("skipped/sitemap_over_cap")
                else:
                    followed += 1
                    yield self.sitemap_request(response.urljoin(loc), depth + 1)
            return
        yield from self.requests_for(sitemap.entries, response.url)
