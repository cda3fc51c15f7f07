"""Every fault of the replica (sahelwatch/replica/faults.py), crawled for real: each is logged with the source id,
counted by kind, and skipped, while the rest of the crawl goes on. Counts are exact: a fault that disappears or a
new one that appears both fail these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def log_of(result: Any) -> str:
    return Path(result.run_file).with_suffix(".log").read_text(encoding="utf-8")


def test_one_fault_per_article_each_counted_and_skipped(kit: Any, replica: Any) -> None:
    hits = dict(replica.routes.hits)
    result = kit.crawl("faults-mixed")
    assert result.status == "partial", result
    assert kit.counts(result, "errors/") == {
        "entry_without_link": 1,  # an <item> without <link>
        "http_4xx": 1,  # missing.html: 404
        "http_5xx": 1,  # broken.html: 500 three times (retried twice)
        "no_text": 1,  # empty-page.html: navigation and a script, no article
        "too_large_decompressed": 1,  # bomb.html: 16 KiB gzip, cut at DOWNLOAD_MAXSIZE while unpacking
        "too_large": 1,  # huge.html: announces 3 MiB > 2 MiB
        "forbidden_address": 2,  # to-metadata (302 -> 169.254.169.254) and http://[::1]:9/
        "timeout": 1,  # slow.html: 3 s > 1 s, three attempts
        "not_html": 1,  # report.pdf
    }
    assert kit.counts(result, "warnings/") == {"charset_missing": 1, "charset_wrong": 1, "redirect_off_domain": 1}
    assert kit.counts(result, "skipped/") == {"out_of_interval": 1, "undated": 1, "duplicate": 1}
    assert (result.stats["entries_listed"], result.stats["items_seen"], result.stats["items_stored"]) == (18, 14, 5)
    # retries: broken.html twice, slow.html twice, flaky.html once (after its 503 with Retry-After: 1)
    assert result.stats["scrapy/retry/count"] == 5 and result.stats["time/retry_backoff_ms"] >= 1000
    assert result.stats["finish_reason"] == "finished"

    items = {item["final_url"].rsplit("/", 1)[-1].split("?")[0]: item for item in kit.items(result)}
    assert sorted(items) == [
        "flaky.html",
        "latin1-declared-utf8.html",
        "latin1-no-charset.html",
        "moved-here.html",
        "ok.html",
    ]
    for name in ("latin1-declared-utf8.html", "latin1-no-charset.html"):
        assert "des éleveurs attaqués" in items[name]["title"] and "\ufffd" not in items[name]["text"]
        assert "Gorom-Gorom" in items[name]["text"]
    moved = items["moved-here.html"]
    assert moved["url"] == replica.base_url + "/faults/mixed/moved"  # the URL the feed gave
    assert moved["final_url"].startswith("http://localhost:")
    assert replica.routes.hits["/faults/mixed/flaky.html"] - hits.get("/faults/mixed/flaky.html", 0) == 2

    log = log_of(result)
    for kind in ("no_text", "too_large_decompressed", "forbidden_address", "not_html", "charset_wrong"):
        assert f"source faults-mixed: {kind} at " in log


def test_redirect_to_the_metadata_address_is_refused_without_contacting_it(kit: Any, replica: Any) -> None:
    """Only 127.0.0.1 is allowed. The redirect target never reaches the downloader: 3 requests went out (robots.txt,
    the feed, the redirecting page), all to 127.0.0.1, and no time was spent waiting for 169.254.169.254."""
    assert kit.settings.allowed_hosts == ("127.0.0.1",)
    result = kit.crawl("faults-metadata")
    assert result.status == "failed"
    assert kit.counts(result, "errors/") == {"forbidden_address": 1}
    assert result.stats["scrapy/downloader/request_count"] == 3
    assert result.stats["scrapy/downloader/response_count"] == 3
    assert "scrapy/retry/count" not in result.stats and result.stats["time/elapsed_ms"] < 10_000
    log = log_of(result)
    assert "forbidden_address at http://169.254.169.254/latest/meta-data/" in log
    assert "Crawled (200) <GET http://169.254.169.254" not in log and "Retrying" not in log


@pytest.mark.parametrize(
    ("source_id", "status", "errors", "warnings", "stored"),
    [
        ("faults-html-feed", "failed", {"feed_is_html": 1}, {}, 0),
        ("faults-autodiscover", "ok", {}, {"feed_autodiscovered": 1}, 2),
        ("faults-moved-feed", "partial", {"http_4xx": 1}, {"feed_autodiscovered": 1}, 2),
        ("faults-malformed", "failed", {"feed_malformed": 1}, {}, 0),
        ("faults-truncated", "partial", {"entry_without_link": 1}, {"feed_malformed_recovered": 1}, 1),
        ("faults-empty", "failed", {"feed_empty": 1}, {}, 0),
        ("faults-gone", "failed", {"http_4xx": 1}, {}, 0),
        ("faults-down", "failed", {"http_5xx": 1}, {}, 0),
    ],
)
def test_feed_level_faults(
    kit: Any, source_id: str, status: str, errors: dict[str, int], warnings: dict[str, int], stored: int
) -> None:
    result = kit.crawl(source_id)
    assert result.status == status, result
    assert kit.counts(result, "errors/") == errors
    assert kit.counts(result, "warnings/") == warnings
    assert result.stats.get("items_stored", 0) == stored
    assert bool(result.stats.get("feed_failed")) is (status == "failed")
    assert len(kit.items(result)) == stored
    for kind in errors:
        assert f"source {source_id}: {kind} at " in log_of(result)


def test_item_cap_per_feed(kit: Any) -> None:
    result = kit.crawl("faults-bulk")
    assert result.status == "ok"
    assert (result.stats["entries_listed"], result.stats["items_seen"], result.stats["items_stored"]) == (40, 40, 5)
    assert kit.counts(result, "skipped/") == {"over_cap": 35}
    assert kit.counts(result, "warnings/") == {"item_cap_reached": 1}


def test_unreachable_feed_is_retried_with_backoff_then_fails_that_source_only(kit: Any) -> None:
    from sahelwatch.sources.registry import Source

    source = Source(
        id="gone",
        name="Gone",
        country="Mali",
        language="fr",
        kind="rss",
        url="http://127.0.0.1:9/feed/",
        settings={"retry_backoff": 0.1},
    )
    result = kit.crawl(source)
    assert result.status == "failed" and result.stats["feed_failed"] == 1
    assert kit.counts(result, "errors/") == {"connection_refused": 1}
    # robots.txt and the feed, each retried twice after 0.1 s then 0.2 s
    assert result.stats["scrapy/retry/count"] == 4 and result.stats["time/retry_backoff_ms"] == 600
