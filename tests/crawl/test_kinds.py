"""Every kind of listing, crawled for real from the replica: news sitemap, GDELT, ReliefWeb, search feed, Atom."""

from __future__ import annotations

from typing import Any

import pytest

from sahelwatch.crawl.runner import crawl_source, scrapy_settings, spider_for
from sahelwatch.sources.registry import Source


def test_news_sitemap_index_to_articles_of_the_day(kit: Any, replica: Any) -> None:
    result = kit.crawl("liptako-hebdo")
    assert result.status == "ok", result
    items = kit.items(result)
    assert sorted(item["url"].removeprefix(replica.base_url) for item in items) == [
        "/liptako-hebdo/2025/06/02/gorom-gorom-marche-a-betail-rouvre/",
        "/liptako-hebdo/2025/06/02/seytenga-ecole-centre-de-sante-incendies/",
    ]
    assert kit.counts(result, "skipped/") == {"out_of_interval": 1, "old_sitemap": 1}
    assert (result.stats["entries_listed"], result.stats["items_seen"], result.stats["items_stored"]) == (3, 2, 2)
    for item in items:  # the pages carry their date and author only in JSON-LD
        assert item["page_published"].startswith("2025-06-02T") and item["author"] in ("Issa Dicko", "Mariam Maïga")
        assert item["feed_published"].startswith("2025-06-02T") and item["language_hint"] == "fr"
        assert item["text"].startswith(("Des hommes armés ont incendié", "Le marché à bétail de Gorom-Gorom"))


def test_news_sitemap_backfill_follows_the_archive_and_keeps_older_articles(kit: Any) -> None:
    result = kit.crawl("liptako-hebdo", backfill=True)
    assert result.status == "ok", result
    assert result.stats["items_stored"] == 4  # 2 of the day, 1 of 28 May, 1 of the 2024 archive sitemap
    assert kit.counts(result, "skipped/") == {}


def test_gdelt_asks_for_the_interval_and_fetches_the_listed_articles(kit: Any, replica: Any) -> None:
    before = replica.routes.hits["gdelt:window"]
    result = kit.crawl("gdelt-replica")
    assert result.status == "ok", result
    assert replica.routes.hits["gdelt:window"] - before == 1  # the replica answers only with start/end given
    assert sorted(item["url"].removeprefix(replica.base_url) for item in kit.items(result)) == [
        "/echos-du-delta/2025/06/02/attaque-dioura/",
        "/faso-matin/spip.php?article4519",
        "/liptako-hebdo/2025/06/02/gorom-gorom-marche-a-betail-rouvre/",
    ]
    assert all(item["feed_title"] and item["feed_published"].startswith("2025-06-02") for item in kit.items(result))


def test_gdelt_full_answers_are_split_until_complete(kit: Any) -> None:
    """maxrecords=2 for 3 articles: a full answer may hide more, so its window is halved until answers fit."""
    result = kit.crawl("gdelt-replica-small")
    assert result.status == "ok", result
    assert result.stats["items_stored"] == 3 and result.stats["entries_listed"] == 3
    assert result.stats["api_windows_split"] == 3 and result.stats["api_requests"] == 7
    assert "warnings/api_truncated" not in result.stats


def test_reliefweb_pages_until_older_than_the_interval(kit: Any, replica: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv(kit.reliefweb_env, replica.routes.data["reliefweb_appname"])
    result = kit.crawl("reliefweb-replica")
    assert result.status == "ok", result
    items = kit.items(result)
    assert [item["title"] for item in items] == [
        "Mali: Mopti region – flash update on displacement after the attack on Dioura (2 June 2025)",
        "Mali: Humanitarian access snapshot, central regions (May 2025)",
    ]
    assert result.stats["api_requests"] == 2 and kit.counts(result, "skipped/") == {"out_of_interval": 2}
    first = items[0]
    assert first["text"].startswith("Following the attack on the military camp of Dioura")
    assert "<p>Following the attack" in first["html"] and first["author"] == "OCHA (fictional replica)"
    assert first["page_published"] == "2025-06-02T00:00:00+00:00"  # date.original; date.created is the feed date
    assert "appname" not in first["feed_url"] or "appname=***" in first["feed_url"]
    assert replica.routes.data["reliefweb_appname"] not in result.run_file
    assert replica.routes.data["reliefweb_appname"] not in open(result.run_file, encoding="utf-8").read()


def test_reliefweb_without_appname_is_disabled_with_a_clear_message(kit: Any, monkeypatch: Any) -> None:
    monkeypatch.delenv(kit.reliefweb_env, raising=False)
    result = kit.crawl("reliefweb-replica")
    assert result.status == "disabled" and result.run_file is None
    assert kit.reliefweb_env in (result.message or "") and "appname" in (result.message or "")


def test_reliefweb_with_a_refused_appname_fails_with_the_api_message(kit: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv(kit.reliefweb_env, "not-approved")
    result = kit.crawl("reliefweb-replica")
    assert result.status == "failed" and kit.counts(result, "errors/") == {"http_4xx": 1}
    log = open(result.run_file.replace(".jsonl", ".log"), encoding="utf-8").read()
    assert "an approved appname is required" in log and "not-approved" not in log.split("Overridden settings")[-1]


def test_search_feed_keeps_the_final_article_url(kit: Any, replica: Any) -> None:
    result = kit.crawl("search-replica")
    assert result.status == "ok", result
    items = kit.items(result)
    assert sorted(item["url"].removeprefix(replica.base_url) for item in items) == [
        "/echos-du-delta/2025/06/02/attaque-dioura/",
        "/faso-matin/spip.php?article4519",
        "/liptako-hebdo/2025/06/02/seytenga-ecole-centre-de-sante-incendies/",
        "/sahel-wire/stories/202506020041.html",
    ]
    assert all(item["url"] == item["final_url"] and "/search-news/" not in item["url"] for item in items)
    assert result.stats["redirects_resolved"] == 4 and "warnings/redirect_off_domain" not in result.stats


def test_search_feed_skips_articles_known_under_their_final_url(kit: Any, replica: Any) -> None:
    from sahelwatch.crawl.state import CrawlState

    known = frozenset({replica.base_url + "/echos-du-delta/2025/06/02/attaque-dioura/"})
    result = kit.crawl("search-replica", state=CrawlState(known_urls=known))
    assert result.stats["items_stored"] == 3 and kit.counts(result, "skipped/") == {"known": 1}


def test_atom_feed(kit: Any) -> None:
    result = kit.crawl("conditional-atom")
    assert result.status == "ok" and result.stats["items_stored"] == 2
    assert {item["feed_title"] for item in kit.items(result)} == {
        "Solenzo : des éleveurs enlevés",
        "Barsalogho : les déplacés affluent",
    }


def test_every_kind_has_a_spider() -> None:
    def source(kind: str, url: str = "https://x.example/feed", **settings: Any) -> Source:
        return Source("s", "S", "Mali", "fr", kind, url, settings=settings)

    assert [spider_for(source(kind)) for kind in ("rss", "atom", "rdf", "search_feed", "news_sitemap")] == [
        "feed",
        "feed",
        "feed",
        "feed",
        "news_sitemap",
    ]
    assert spider_for(source("api", "https://api.gdeltproject.org/api/v2/doc/doc")) == "gdelt"
    assert spider_for(source("api", "https://api.reliefweb.int/v2/reports")) == "reliefweb"
    assert spider_for(source("api", "https://example.org/api")) is None


def test_an_api_source_without_a_known_api_fails_clearly(kit: Any) -> None:
    result = crawl_source(Source("odd", "Odd", "Mali", "fr", "api", "http://127.0.0.1:9/api"), kit.day, kit.settings)
    assert result.status == "failed" and "api: gdelt|reliefweb" in (result.message or "")


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"delay": 5}, {"DOWNLOAD_DELAY": "5.0", "AUTOTHROTTLE_START_DELAY": "5.0"}),
        (
            {"delay": 0, "autothrottle": False, "concurrency": 16},
            {
                "DOWNLOAD_DELAY": "0.0",
                "AUTOTHROTTLE_START_DELAY": "0.0",
                "AUTOTHROTTLE_ENABLED": "False",
                "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
                "CONCURRENT_REQUESTS": "16",
            },
        ),
        (
            {"timeout": 10, "retries": 1, "max_items": 50, "max_bytes": 4096, "retry_backoff": 0.5},
            {
                "DOWNLOAD_TIMEOUT": "10.0",
                "RETRY_TIMES": "1",
                "SAHELWATCH_MAX_ITEMS": "50",
                "DOWNLOAD_MAXSIZE": "4096",
                "SAHELWATCH_RETRY_BACKOFF": "0.5",
            },
        ),
        ({"delay": -1, "concurrency": 1000, "autothrottle": "maybe", "ROBOTSTXT_OBEY": False, "note": "x"}, {}),
    ],
)
def test_only_whitelisted_source_settings_reach_scrapy(settings: dict[str, Any], expected: dict[str, str]) -> None:
    assert scrapy_settings(Source("s", "S", "Mali", "fr", "rss", "https://x.example/f", settings=settings)) == expected
