"""Spider callbacks and downloader components on hand-built responses: no server, no subprocess."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from sahelwatch.crawl.errors import classify_failure
from sahelwatch.resources import SPIDERS_DIR

if str(SPIDERS_DIR) not in sys.path:
    sys.path.insert(0, str(SPIDERS_DIR))

from sahelspiders.middlewares import AddressGuardMiddleware, BackoffRetryMiddleware, GuardedResolver  # noqa: E402
from sahelspiders.spiders.feed import FeedSpider  # noqa: E402

FEED = "https://x.example/feed/"
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>
<item><title>Un</title><link>https://x.example/1</link><pubDate>Mon, 02 Jun 2025 10:00:00 +0000</pubDate></item>
<item><title>Deux</title><link>https://x.example/2</link><pubDate>Mon, 02 Jun 2025 11:00:00 +0000</pubDate></item>
</channel></rss>"""
ARTICLE = (
    "<html lang='fr'><head><title>Titre</title><meta property='article:published_time' "
    "content='2025-06-02T10:00:00+00:00'></head><body><article><h1>Titre</h1>"
    + "<p>Des hommes armés ont attaqué le poste de Djibo dimanche soir, selon des habitants.</p>" * 4
    + "</article></body></html>"
)


def make_spider(tmp_path: Path, settings: dict[str, Any] | None = None, **source: Any) -> FeedSpider:
    crawler = get_crawler(FeedSpider, {"SAHELWATCH_ALLOWED_HOSTS": "", **(settings or {})})
    spider = FeedSpider.from_crawler(
        crawler,
        source=json.dumps({"id": "x", "url": FEED, "kind": "rss", "language": "fr", **source}),
        interval_start="2025-06-02T00:00:00+00:00",
        interval_end="2025-06-03T00:00:00+00:00",
        output=str(tmp_path / "x.jsonl"),
    )
    crawler.spider = spider
    return spider


def articles(spider: FeedSpider, *responses: Response, timeouts: tuple[float, ...] = ()) -> list[Any]:
    """Run the article callback (a coroutine: it awaits extraction workers) on each response in turn, optionally
    with a different extraction timeout for each, then close the spider as Scrapy would (which ends its workers)."""

    async def collect() -> list[Any]:
        items = []
        for response, timeout in zip(responses, timeouts or (60.0,) * len(responses), strict=True):
            spider.extraction.timeout = timeout
            items += [item async for item in spider.parse_article(response)]
        return items

    try:
        return asyncio.run(collect())
    finally:
        spider.closed("finished")


def article_response(url: str, body: str, **entry: Any) -> HtmlResponse:
    entry = {"link": url, "title": "Un", "summary": None, "published": None, "author": None, "language": None, **entry}
    request = Request(url, meta={"kind": "article", "entry": entry, "listing": FEED})
    return HtmlResponse(
        url, body=body.encode("utf-8"), request=request, headers={"Content-Type": "text/html; charset=utf-8"}
    )


def stats(spider: FeedSpider) -> dict[str, Any]:
    return {
        k.removeprefix("sahelwatch/"): v
        for k, v in spider.crawler.stats.get_stats().items()
        if not k.startswith("sahelwatch/time/")
    }


def feed_response(body: bytes, content_type: str = "application/rss+xml", url: str = FEED, **meta: Any) -> Response:
    request = Request(url, meta={"kind": "feed", "root": True, **meta})
    return TextResponse(url, body=body, headers={"Content-Type": content_type}, request=request)


def test_feed_callback_requests_articles_and_keeps_validators(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    response = TextResponse(
        FEED,
        body=RSS,
        headers={"Content-Type": "application/rss+xml", "ETag": '"v9"'},
        request=Request(FEED, meta={"kind": "feed", "root": True}),
    )
    requests = list(spider.parse_feed(response))
    assert [r.url for r in requests] == ["https://x.example/1", "https://x.example/2"]
    assert requests[0].meta["entry"]["published"] == "2025-06-02T10:00:00+00:00"
    assert stats(spider) == {
        "entries_listed": 2,
        "items_seen": 2,
        "feed/url": FEED,
        "feed/etag": '"v9"',
        "feed/last_modified": None,
        "feed/body_file": str(tmp_path / "x.feed"),
    }
    assert (tmp_path / "x.feed").read_bytes() == RSS


def test_html_at_the_feed_url_follows_its_advertised_feed(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    page = b'<html><head><link rel="alternate" type="application/atom+xml" href="../atom.xml"></head></html>'
    (request,) = list(spider.parse_feed(feed_response(page, "text/html")))
    assert request.url == "https://x.example/atom.xml" and request.meta["discovered"]
    assert stats(spider) == {"warnings/feed_autodiscovered": 1}


def test_feed_failure_asks_the_homepage_once(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, homepage="https://x.example/")
    (homepage,) = list(spider.listing_failed({"kind": "feed", "root": True}, "http_4xx"))
    assert homepage.url == "https://x.example/" and homepage.meta["kind"] == "homepage"
    assert list(spider.listing_failed(homepage.meta, "http_4xx")) == []
    assert stats(spider) == {"feed_failed": 1}
    assert list(spider.listing_failed({"kind": "feed", "root": True}, "forbidden_address")) == []


def test_article_callback_builds_the_item(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    entry = {
        "link": "https://x.example/1",
        "title": "Un",
        "summary": None,
        "published": "2025-06-02T10:00:00+00:00",
        "author": "Feed Author",
        "language": None,
    }
    request = Request(
        "https://x.example/1",
        meta={"kind": "article", "entry": entry, "listing": FEED, "redirect_urls": ["https://x.example/1"]},
    )
    response = HtmlResponse(
        "https://x.example/1",
        body=ARTICLE.encode("utf-8"),
        request=request,
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    (item,) = articles(spider, response)
    assert (item.url, item.title, item.page_published, item.feed_published, item.author, item.language_hint) == (
        "https://x.example/1",
        "Titre",
        "2025-06-02T10:00:00+00:00",
        "2025-06-02T10:00:00+00:00",
        "Feed Author",
        "fr",
    )
    assert "poste de Djibo" in (item.text or "") and item.html == ARTICLE


def test_article_redirected_to_another_site_is_kept_with_a_warning(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    entry = {
        "link": "https://feeds.example/r/1",
        "title": "Un",
        "summary": None,
        "published": None,
        "author": None,
        "language": None,
    }
    request = Request(
        "https://x.example/1", meta={"kind": "article", "entry": entry, "redirect_urls": ["https://feeds.example/r/1"]}
    )
    response = HtmlResponse(
        "https://x.example/1",
        body=ARTICLE.encode("utf-8"),
        request=request,
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    (item,) = articles(spider, response)
    assert item.url == "https://feeds.example/r/1" and item.final_url == "https://x.example/1"
    assert stats(spider) == {"warnings/redirect_off_domain": 1}


def test_an_article_over_the_extraction_timeout_is_lost_alone(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    huge = ARTICLE.replace("</article>", "<p>Encore un paragraphe sur le poste de Djibo.</p>" * 40_000 + "</article>")
    items = articles(
        spider,
        article_response("https://x.example/huge", huge),
        article_response("https://x.example/2", ARTICLE),
        timeouts=(0.05, 60.0),
    )
    assert [item.url for item in items] == ["https://x.example/2"]
    assert stats(spider) == {"errors/extract_timeout": 1}
    assert spider.extraction.processes == []  # closed with the spider


def test_an_article_whose_text_is_only_in_line_breaks_still_gets_its_text(tmp_path: Path) -> None:
    """Old CMSs separate paragraphs with <br>: trafilatura's main extractor finds nothing there, its fallback does."""
    sentence = "Des hommes armés ont attaqué le poste de gendarmerie de Djibo dimanche soir, selon des habitants. "
    page = f"<html><body><div id='texte'>{'<br>'.join([sentence] * 6)}</div></body></html>"
    (item,) = articles(make_spider(tmp_path), article_response("https://x.example/br", page))
    assert item.text.count("poste de gendarmerie de Djibo") == 6


# ------------------------------------------------------------------------------------------- downloader parts


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]:9/",
        "http://127.0.0.1/",
        "file:///etc/passwd",
    ],
)
def test_guard_middleware_refuses_non_public_addresses_without_resolving(url: str) -> None:
    crawler = get_crawler(settings_dict={"SAHELWATCH_ALLOWED_HOSTS": ""})
    middleware = AddressGuardMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest) as raised:
        middleware.process_request(Request(url))
    assert classify_failure(Failure(raised.value)) == "forbidden_address"


def test_guard_middleware_lets_names_through_to_the_guarded_resolver() -> None:
    crawler = get_crawler(settings_dict={"SAHELWATCH_ALLOWED_HOSTS": ""})
    assert AddressGuardMiddleware.from_crawler(crawler).process_request(Request("https://news.example/")) is None


def test_guarded_resolver_refuses_private_answers() -> None:
    resolver = GuardedResolver.__new__(GuardedResolver)
    from sahelwatch.crawl.address import AddressGuard

    resolver.guard = AddressGuard(["127.0.0.1"])
    assert resolver._check("93.184.216.34", "news.example") == "93.184.216.34"
    assert resolver._check("127.0.0.1", "localhost") == "127.0.0.1"
    with pytest.raises(DNSLookupError, match="non-public address 10.0.0.7"):
        resolver._check("10.0.0.7", "rebound.example")


def test_backoff_doubles_and_honours_retry_after_up_to_a_cap() -> None:
    crawler = get_crawler(settings_dict={"SAHELWATCH_RETRY_BACKOFF": 2.0, "SAHELWATCH_RETRY_BACKOFF_MAX": 30.0})
    middleware = BackoffRetryMiddleware.from_crawler(crawler)
    first, second = Request("https://x/"), Request("https://x/", meta={"retry_times": 1})
    assert middleware.delay(first, None) == 2.0 and middleware.delay(second, None) == 4.0
    asks = Response("https://x/", status=503, headers={"Retry-After": "20"})
    assert middleware.delay(first, asks) == 20.0
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    assert middleware.delay(first, Response("https://x/", status=429, headers={"Retry-After": later})) == 30.0


def test_an_exception_in_a_callback_is_counted_as_an_error(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    response = HtmlResponse("https://x.example/1", body=b"<html></html>", request=Request("https://x.example/1"))
    spider.on_spider_error(Failure(ValueError("unexpected page")), response, spider)
    assert stats(spider) == {"errors/spider_exception": 1}


def test_304_without_validators_is_an_error_not_a_crash(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    response = TextResponse(FEED, status=304, body=b"", request=Request(FEED, meta={"kind": "feed", "root": True}))
    assert list(spider.parse_feed(response)) == []
    assert stats(spider) == {"errors/http_3xx": 1, "feed_failed": 1}
