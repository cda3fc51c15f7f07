"""Fixtures for crawl tests: the replica's extra sources (faults.yaml), and a kit that crawls with settings that
never touch a warehouse, then reads back the run file and the counts by kind.

(Helpers are fixtures, not a module to import: the test suite runs with --import-mode=importlib.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sahelwatch.config import Settings, load_settings
from sahelwatch.crawl.runner import CrawlResult, crawl_source
from sahelwatch.crawl.state import CrawlState
from sahelwatch.interval import Interval
from sahelwatch.sources.registry import Source, parse_registry

DAY = Interval.for_day(date(2025, 6, 2))


@dataclass
class CrawlKit:
    settings: Settings
    sources: dict[str, Source]
    day: Interval = DAY
    reliefweb_env: str = "SAHELWATCH_REPLICA_RELIEFWEB_APPNAME"

    def crawl(self, source: Source | str, interval: Interval | None = None, **kwargs: Any) -> CrawlResult:
        """Crawl with an empty state unless one is given (no database is configured anyway)."""
        kwargs.setdefault("state", CrawlState())
        if isinstance(source, str):
            source = self.sources[source]
        return crawl_source(source, interval or self.day, self.settings, **kwargs)

    @staticmethod
    def items(result: CrawlResult) -> list[dict[str, Any]]:
        assert result.run_file, result
        return [json.loads(line) for line in Path(result.run_file).read_text(encoding="utf-8").splitlines()]

    @staticmethod
    def counts(result: CrawlResult, prefix: str) -> dict[str, int]:
        """The stats under one prefix (errors/, warnings/, skipped/), without the prefix."""
        return {key.removeprefix(prefix): value for key, value in result.stats.items() if key.startswith(prefix)}


@pytest.fixture(scope="session")
def fault_sources(replica: Any) -> dict[str, Source]:
    from sahelwatch.replica.server import fault_sources as entries

    return {source.id: source for source in parse_registry(entries(replica.base_url))}


@pytest.fixture
def kit(tmp_path: Path, fault_sources: dict[str, Source]) -> CrawlKit:
    """Run files under tmp_path, loopback allowed, no database: crawls start from no state unless given one."""
    settings = replace(load_settings(), data_dir=tmp_path / "data", database_url=None, allowed_hosts=("127.0.0.1",))
    return CrawlKit(settings, fault_sources)
