"""Real Scrapy crawls of the loopback replica."""

import json
from datetime import date
from pathlib import Path

from sahelwatch.config import load_settings
from sahelwatch.crawl.runner import crawl_source
from sahelwatch.interval import Interval
from sahelwatch.sources.registry import Source, load_registry

FIXTURES = Path(__file__).parents[1] / "fixtures"
DAY = Interval.for_day(date(2025, 6, 2))


def expected_in_interval(outlet: str) -> set[str]:
    facts = json.loads((FIXTURES / "replica_expected.json").read_text(encoding="utf-8"))
    return {path for path, fact in facts.items() if fact["outlet"] == outlet and fact["in_interval_2025_06_02"]}


def test_each_replica_outlet_yields_its_articles_of_the_day(replica_registry: Path) -> None:
    settings = load_settings()
    for source in load_registry(replica_registry):
        result = crawl_source(source, DAY, settings)
        assert result.status == "ok", result
        items = [json.loads(line) for line in Path(result.run_file).read_text(encoding="utf-8").splitlines()]
        paths = {item["url"].split(":", 2)[2].split("/", 1)[1] for item in items}
        assert {"/" + p for p in paths} == expected_in_interval(source.id)
        assert all(item["text"] and item["source_id"] == source.id for item in items)
        assert result.stats["items_stored"] == len(items)


def test_unreachable_feed_fails_that_source_only(replica_registry: Path) -> None:
    source = Source(id="gone", name="Gone", country="Mali", language="fr", kind="rss",
                    url="http://127.0.0.1:9/feed/")
    result = crawl_source(source, DAY, load_settings())
    assert result.status == "failed"
    assert result.stats["feed_failed"] == 1


def test_loopback_is_refused_unless_allowed(replica_registry: Path, monkeypatch) -> None:
    monkeypatch.delenv("SAHELWATCH_ALLOWED_HOSTS")
    source = load_registry(replica_registry)[0]
    result = crawl_source(source, DAY, load_settings())
    assert result.status == "failed"
    assert result.stats.get("errors/forbidden_address") == 1
