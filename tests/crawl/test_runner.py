"""Real Scrapy crawls of the loopback replica's demo outlets (sources.yaml)."""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from sahelwatch.config import Settings, load_settings
from sahelwatch.crawl.runner import crawl_source
from sahelwatch.interval import Interval
from sahelwatch.sources.registry import load_registry

FIXTURES = Path(__file__).parents[1] / "fixtures"
DAY = Interval.for_day(date(2025, 6, 2))


def no_warehouse() -> Settings:
    """The environment's settings without a database: another test of the session may have stored these URLs."""
    return replace(load_settings(), database_url=None)


def expected_in_interval(outlet: str) -> set[str]:
    facts = json.loads((FIXTURES / "replica_expected.json").read_text(encoding="utf-8"))
    return {path for path, fact in facts.items() if fact["outlet"] == outlet and fact["in_interval_2025_06_02"]}


def test_each_replica_outlet_yields_its_articles_of_the_day(replica_registry: Path) -> None:
    settings = no_warehouse()
    for source in load_registry(replica_registry):
        result = crawl_source(source, DAY, settings)
        assert result.status == "ok", result
        items = [json.loads(line) for line in Path(result.run_file).read_text(encoding="utf-8").splitlines()]
        paths = {item["url"].split(":", 2)[2].split("/", 1)[1] for item in items}
        assert {"/" + p for p in paths} == expected_in_interval(source.id)
        assert all(item["text"] and item["source_id"] == source.id for item in items)
        assert result.stats["items_stored"] == len(items)
        assert not any(key.startswith(("errors/", "warnings/")) for key in result.stats), result.stats
        # the demo outlets are crawled politely: robots.txt asked once, no retries
        assert result.stats["scrapy/robotstxt/request_count"] == 1 and "scrapy/retry/count" not in result.stats


def test_run_file_items_carry_the_page_and_feed_metadata(replica_registry: Path) -> None:
    source = next(s for s in load_registry(replica_registry) if s.id == "echos-du-delta")
    result = crawl_source(source, DAY, no_warehouse())
    items = {
        item["url"].rsplit("/", 2)[-2]: item
        for item in (json.loads(line) for line in Path(result.run_file).read_text(encoding="utf-8").splitlines())
    }
    dioura = items["attaque-dioura"]
    assert dioura["page_published"] == "2025-06-02T07:30:00+00:00"
    assert dioura["feed_published"] == "2025-06-02T07:30:00+00:00"
    assert dioura["author"] == "Seydou K. Coulibaly" and dioura["language_hint"] == "fr"
    assert dioura["html"].startswith("<!DOCTYPE html>") and "Dioura" in dioura["text"]
    breve = items["frappe-drone-ber"]  # no date of its own: only the feed's
    assert breve["page_published"] is None and breve["feed_published"] == "2025-06-02T16:45:00+00:00"


def test_loopback_is_refused_unless_allowed(replica_registry: Path, monkeypatch) -> None:
    monkeypatch.delenv("SAHELWATCH_ALLOWED_HOSTS")
    source = load_registry(replica_registry)[0]
    result = crawl_source(source, DAY, no_warehouse())
    assert result.status == "failed"
    assert result.stats.get("errors/forbidden_address") == 1
    assert result.stats.get("scrapy/downloader/request_count") is None  # refused before anything was sent
