"""Downloader middleware that refuses non-public addresses, on first requests and on every redirect."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from sahelwatch.crawl.address import AddressGuard, ForbiddenAddress

log = logging.getLogger(__name__)


class AddressGuardMiddleware:
    def __init__(self, crawler: Crawler, guard: AddressGuard) -> None:
        self.crawler = crawler
        self.guard = guard

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        return cls(crawler, AddressGuard(crawler.settings.getlist("SAHELWATCH_ALLOWED_HOSTS")))

    def process_request(self, request: Request) -> None:
        try:
            self.guard.check(request.url)
        except ForbiddenAddress as exc:
            log.error("refused %s: %s", request.url, exc)
            self.crawler.stats.inc_value("sahelwatch/errors/forbidden_address")
            raise IgnoreRequest(str(exc)) from exc
