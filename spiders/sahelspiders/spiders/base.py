"""What every sahelwatch spider shares: one source and one data interval per run, the same rules for which listed
articles to fetch, the same article parsing, and the same bookkeeping of problems.

Every problem is logged with the source id and counted in the crawl's stats under a stable kind, then skipped:

* ``errors/<kind>``: something was lost (a listing or an article could not be read);
* ``warnings/<kind>``: something was odd but repaired (wrong charset, recovered XML, off-domain redirect);
* ``skipped/<reason>``: an entry deliberately not fetched (out of interval, known, filtered, over the cap).

``time/<part>_ms`` counts CPU time per part (listing parsing, decoding, writing in the crawler process; extraction
in its workers, see sahelwatch.crawl.workers), so the parts add up against CPU time even on a busy machine;
``time/download_ms`` sums Scrapy's download latencies (wall time, overlapping).
"""

from __future__ import annotations

import cProfile
import json
import logging
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from sahelspiders.items import ArticleItem
from sahelwatch.crawl.apis import mask_secrets
from sahelwatch.crawl.article import PageMetadata
from sahelwatch.crawl.charset import Decoded, decode_html
from sahelwatch.crawl.entries import Admission, Entry, Verdict
from sahelwatch.crawl.errors import classify_failure
from sahelwatch.crawl.state import SpiderState
from sahelwatch.crawl.workers import ExtractionFailed, ExtractionPool

log = logging.getLogger(__name__)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


class SourceSpider(scrapy.Spider):
    """Base class; subclasses list entries (`requests_for`) and may override `listing_failed`."""

    def __init__(
        self,
        source: str,
        interval_start: str,
        interval_end: str,
        output: str,
        state: str | None = None,
        backfill: str = "0",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.source: dict[str, Any] = json.loads(source)
        self.source_id: str = self.source["id"]
        self.interval_start = datetime.fromisoformat(interval_start)
        self.interval_end = datetime.fromisoformat(interval_end)
        self.output = output
        self.backfill = _truthy(backfill)
        self.state = SpiderState.load(state)
        self.admission = Admission.from_source(
            self.source,
            self.interval_start,
            self.interval_end,
            backfill=self.backfill,
            known_urls=self.state.known_urls,
            max_items=200,
        )
        self.profiler: cProfile.Profile | None = None
        self.extraction: ExtractionPool  # set by from_crawler, from the crawl's settings
        self._cap_logged = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.admission.max_items = crawler.settings.getint("SAHELWATCH_MAX_ITEMS", 200)
        spider.extraction = ExtractionPool(
            crawler.settings.getint("SAHELWATCH_EXTRACT_WORKERS", 2),
            crawler.settings.getfloat("SAHELWATCH_EXTRACT_TIMEOUT", 60.0),
        )
        if crawler.settings.get("SAHELWATCH_PROFILE_FILE"):
            # The whole reactor thread, from here to `closed`, in CPU time (the machine may be shared).
            spider.profiler = cProfile.Profile(time.process_time)
            spider.profiler.enable()
        crawler.signals.connect(spider.on_spider_error, signal=signals.spider_error)
        return spider

    def on_spider_error(self, failure: Failure, response: Response, spider: Any) -> None:
        """A bug or an unforeseen page in a callback: Scrapy logs the traceback; count it with the others."""
        self.error("spider_exception", response.url, f"{failure.type.__name__}: {failure.getErrorMessage()}")

    # ------------------------------------------------------------------------------------------------ bookkeeping

    def count(self, key: str, value: float = 1) -> None:
        self.crawler.stats.inc_value(f"sahelwatch/{key}", value)

    def set_stat(self, key: str, value: Any) -> None:
        self.crawler.stats.set_value(f"sahelwatch/{key}", value)

    def error(self, kind: str, url: str, detail: str | None = None) -> None:
        log.error("source %s: %s at %s%s", self.source_id, kind, mask_secrets(url), f" ({detail})" if detail else "")
        self.count(f"errors/{kind}")

    def warning(self, kind: str, url: str, detail: str | None = None) -> None:
        log.warning("source %s: %s at %s%s", self.source_id, kind, mask_secrets(url), f" ({detail})" if detail else "")
        self.count(f"warnings/{kind}")

    def listing_lost(self, request_meta: dict[str, Any]) -> None:
        """The source's own listing (not a child or a discovered one) could not be read at all."""
        if request_meta.get("root"):
            self.count("feed_failed")

    # ----------------------------------------------------------------------------------------------- entries

    @property
    def resolves_redirects(self) -> bool:
        """Search feeds link to redirects; the article's own (final) URL is the one to keep."""
        return self.source.get("kind") == "search_feed"

    def admit(self, entries: Iterable[Entry], listing_url: str) -> Iterator[Entry]:
        """The entries to fetch, with every other one counted by the reason it is not."""
        for entry in entries:
            self.count("entries_listed")
            verdict = self.admission.judge(entry)
            if verdict in (Verdict.FETCH, Verdict.KNOWN, Verdict.OVER_CAP):
                self.count("items_seen")
            if verdict is Verdict.FETCH:
                yield entry
            elif verdict is Verdict.NO_LINK:
                self.error("entry_without_link", listing_url, f"entry {entry.title!r}")
            else:
                self.count(f"skipped/{verdict.value}")
                if verdict is Verdict.OVER_CAP and not self._cap_logged:
                    self._cap_logged = True
                    self.warning("item_cap_reached", listing_url, f"at most {self.admission.max_items} articles")

    def requests_for(self, entries: Iterable[Entry], listing_url: str) -> Iterator[scrapy.Request]:
        for entry in self.admit(entries, listing_url):
            yield self.article_request(entry, listing_url)

    def article_request(self, entry: Entry, listing_url: str) -> scrapy.Request:
        assert entry.link
        return scrapy.Request(
            entry.link,
            callback=self.parse_article,
            errback=self.on_error,
            meta={
                "kind": "article",
                "listing": listing_url,
                "entry": {
                    "link": entry.link,
                    "title": entry.title,
                    "summary": entry.summary,
                    "published": entry.published.isoformat() if entry.published else None,
                    "author": entry.author,
                    "language": entry.language,
                },
            },
        )

    # ----------------------------------------------------------------------------------------------- articles

    async def parse_article(self, response: Response) -> AsyncIterator[ArticleItem]:
        """A coroutine: the page is extracted in a worker process while the reactor thread goes on downloading."""
        decoded = self.article_page(response)
        if decoded is None:
            return
        try:
            meta, cpu_seconds = await self.extraction.page_metadata(decoded.text, response.url)
        except ExtractionFailed as exc:
            self.error(exc.kind, response.url, str(exc))
            return
        self.count("time/extract_ms", 1000 * cpu_seconds)
        if not meta.text:
            self.error("no_text", response.url, "no main text found in the page")
            return
        yield self.article_item(response, decoded, meta)

    def article_page(self, response: Response) -> Decoded | None:
        """The page as text, if it is an HTML article to keep; redirects and charset problems are counted here."""
        self.count("time/download_ms", 1000 * float(response.meta.get("download_latency") or 0))
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        main_type = (content_type or "").split(";")[0].strip().lower()
        if not isinstance(response, TextResponse) or (main_type and main_type not in _HTML_TYPES):
            self.error("not_html", response.url, content_type or "no Content-Type")
            return None
        started = time.process_time()
        decoded = decode_html(response.body, content_type)
        if decoded.problem:
            self.warning(decoded.problem, response.url, f"declared {content_type!r}, read as {decoded.encoding}")
        redirects = response.meta.get("redirect_urls") or []
        if redirects and self.resolves_redirects:
            self.count("redirects_resolved")
        elif redirects and host_of(redirects[0]) != host_of(response.url):
            self.warning("redirect_off_domain", redirects[0], f"redirected to {response.url}")
        if self.resolves_redirects and response.url in self.admission.known_urls:
            self.count("skipped/known")
            return None
        self.count("time/decode_ms", 1000 * (time.process_time() - started))
        return decoded

    def article_item(self, response: Response, decoded: Decoded, meta: PageMetadata) -> ArticleItem:
        entry = response.meta["entry"]
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        return ArticleItem(
            source_id=self.source_id,
            source_country=self.source.get("country"),
            url=response.url if self.resolves_redirects else entry["link"],
            final_url=response.url,
            feed_url=mask_secrets(response.meta.get("listing") or self.source["url"]),
            title=meta.title or entry["title"],
            feed_title=entry["title"],
            feed_summary=entry["summary"],
            feed_published=entry["published"],
            page_published=meta.published,
            author=meta.author or entry["author"],
            language_hint=meta.language or entry["language"] or self.source.get("language"),
            text=meta.text,
            html=decoded.text,
            http_status=response.status,
            content_type=content_type,
            fetched_at=datetime.now(UTC).isoformat(),
        )

    # ----------------------------------------------------------------------------------------------- failures

    def on_error(self, failure: Failure) -> Iterator[scrapy.Request]:
        kind = classify_failure(failure)
        request = getattr(failure, "request", None)
        meta = request.meta if request is not None else {}
        url = request.url if request is not None else "?"
        detail = failure.getErrorMessage()
        response = getattr(failure.value, "response", None)
        if response is not None:
            detail = f"HTTP {response.status}: {response.body[:200].decode('utf-8', 'replace')!r}"
        self.error(kind, url, f"{meta.get('kind', 'request')}: {detail[:300]}")
        if meta.get("kind") not in (None, "article"):
            yield from self.listing_failed(meta, kind)

    def listing_failed(self, meta: dict[str, Any], kind: str) -> Iterator[scrapy.Request]:
        """A listing request failed for good (after retries). Subclasses may try another way to the same list."""
        self.listing_lost(meta)
        return iter(())

    def closed(self, reason: str) -> None:
        self.extraction.close()
        if self.profiler is not None:
            self.profiler.disable()
            self.profiler.dump_stats(Path(self.settings.get("SAHELWATCH_PROFILE_FILE")))
