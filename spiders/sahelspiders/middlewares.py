"""Downloader components that keep crawls safe and polite.

* AddressGuardMiddleware refuses URLs whose host is a non-public IP address (127.0.0.1, 10.x, 169.254.169.254, ::1),
  or whose scheme is not http(s), on first requests and on every redirect: a redirected request passes through the
  downloader middlewares again, and this one runs first, before robots.txt is even asked for.
* GuardedResolver checks host names, on the address the downloader actually connects to: no blocking lookup in the
  reactor thread, and a name that resolves to a public address once and to a private one later (DNS rebinding)
  is still refused.
* BackoffRetryMiddleware is Scrapy's retry with exponential backoff and Retry-After, so a struggling site gets
  breathing room instead of three requests in a row.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from typing import Any

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from sahelwatch.crawl.address import AddressGuard, ForbiddenAddress
from sahelwatch.crawl.errors import ForbiddenRequest

log = logging.getLogger(__name__)


def _guard(crawler: Crawler) -> AddressGuard:
    return AddressGuard(crawler.settings.getlist("SAHELWATCH_ALLOWED_HOSTS"))


def _names_left_to_resolver(host: str) -> list[str]:
    """The middleware does not resolve names itself: GuardedResolver checks them when the connection is made."""
    return []


class AddressGuardMiddleware:
    """Refuse before connecting: the refused request never reaches the download handler."""

    def __init__(self, guard: AddressGuard) -> None:
        self.guard = guard

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        guard = AddressGuard(crawler.settings.getlist("SAHELWATCH_ALLOWED_HOSTS"), resolver=_names_left_to_resolver)
        return cls(guard)

    def process_request(self, request: Request) -> None:
        try:
            self.guard.check(request.url)
        except ForbiddenAddress as exc:
            # Counted once, by the request's errback (sahelwatch.crawl.errors classifies it as forbidden_address).
            raise IgnoreRequest(f"refused: {exc}") from ForbiddenRequest(str(exc))


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing answers that are not public addresses (unless allowlisted)."""

    guard: AddressGuard

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> GuardedResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.guard = _guard(crawler)
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:  # noqa: N802 (Twisted's naming)
        deferred = super().getHostByName(name, timeout)
        deferred.addCallback(self._check, name)
        return deferred

    def _check(self, address: str, name: str) -> str:
        try:
            self.guard.check_resolved(name, [address])
        except ForbiddenAddress as exc:
            raise DNSLookupError(f"refused: {exc}") from exc
        return address


def _retry_after(response: Response | None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date), if any."""
    if response is None:
        return None
    value = response.headers.get(b"Retry-After")
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


class BackoffRetryMiddleware(RetryMiddleware):
    """Retries after base * 2**n seconds (n = retries so far), or the server's Retry-After, capped at a maximum."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("SAHELWATCH_RETRY_BACKOFF", 2.0)
        self.cap = settings.getfloat("SAHELWATCH_RETRY_BACKOFF_MAX", 60.0)

    def delay(self, request: Request, response: Response | None) -> float:
        computed = self.base * 2 ** request.meta.get("retry_times", 0)
        asked = _retry_after(response)
        return min(self.cap, max(computed, asked or 0.0))

    async def _wait(
        self, request: Request, retry: Request | Response | None, response: Response | None
    ) -> Request | Response | None:
        if isinstance(retry, Request):
            seconds = self.delay(request, response)
            if seconds > 0:
                self.crawler.stats.inc_value("sahelwatch/time/retry_backoff_ms", int(seconds * 1000))
                await asyncio.sleep(seconds)
        return retry

    async def process_response(
        self,
        request: Request,
        response: Response,  # type: ignore[override]
    ) -> Request | Response:
        result = super().process_response(request, response)
        return await self._wait(request, result, response)  # type: ignore[return-value]

    async def process_exception(
        self,
        request: Request,
        exception: Exception,  # type: ignore[override]
    ) -> Request | Response | None:
        if "non-public address" in str(exception):
            return None  # refused by GuardedResolver: asking again gives the same answer
        result = super().process_exception(request, exception)
        return await self._wait(request, result, None)
