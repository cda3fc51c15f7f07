"""The pipeline's steps as plain functions of (settings, interval): the DAG's tasks and the CLI both call these,
so an Airflow run and a command-line run cannot drift apart. Each step opens its own connection and returns plain
data that Airflow can keep as XCom."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import psycopg

from sahelwatch.config import Settings
from sahelwatch.db.connect import connect, resolve_database_url
from sahelwatch.interval import Interval

log = logging.getLogger(__name__)


@contextmanager
def warehouse(settings: Settings) -> Iterator[psycopg.Connection]:
    """A connection that commits when the step returns and rolls back when it raises, so a step either lands
    whole or not at all."""
    with connect(resolve_database_url(settings)) as conn:
        yield conn


def migrate(settings: Settings) -> list[str]:
    from sahelwatch.db.migrate import migrate as apply

    with warehouse(settings) as conn:
        return apply(conn)


def enabled_sources(settings: Settings) -> list[dict[str, Any]]:
    """The sources to crawl, as dicts (Airflow maps one crawl task over them)."""
    from sahelwatch.sources.registry import load_registry

    return [asdict(source) for source in load_registry(settings.sources_file) if source.enabled]


def crawl(settings: Settings, source: dict[str, Any], interval: Interval, backfill: bool = False) -> dict[str, Any]:
    """`backfill` (a run catching up on past days) also keeps articles without a date or dated before the interval."""
    from sahelwatch.crawl.runner import crawl_source
    from sahelwatch.sources.registry import Source

    return crawl_source(Source(**source), interval, settings, backfill=backfill).to_dict()


def load(
    settings: Settings, results: list[dict[str, Any]], interval: Interval, expected: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Load the run files that the crawls produced, and record each source's outcome. A source of `expected` (the
    registry entries that were crawled) without a result, because its crawl task died, is recorded as failed; the
    entries themselves are kept too (raw.sources), so that exports name the outlets."""
    from sahelwatch.load.raw import load_run_files, record_outlets, record_source_runs

    seen = {r["source_id"] for r in results}
    results = list(results) + [
        {
            "source_id": s["id"],
            "run_file": None,
            "status": "failed",
            "stats": {},
            "message": "no crawl result: the crawl task failed or was killed",
        }
        for s in expected or []
        if s["id"] not in seen
    ]
    paths = [Path(r["run_file"]) for r in results if r.get("run_file")]
    with warehouse(settings) as conn, conn.transaction():  # one transaction: reports and source runs, or neither
        result = load_run_files(conn, paths, interval)
        record_source_runs(conn, results, interval)
        record_outlets(conn, expected or [])
    return {**asdict(result), "sources": len(results), "sources_failed": sum(r["status"] == "failed" for r in results)}


def clean(settings: Settings, interval: Interval) -> dict[str, Any]:
    """Cleaning reads each report's stored text, never its raw page, so a day whose pages retention dropped
    (older than SAHELWATCH_RETENTION_RAW_HTML_DAYS) is re-extracted all the same; the log says so."""
    from sahelwatch.clean.stage import clean_interval
    from sahelwatch.summary import pruned_pages

    with warehouse(settings) as conn:
        result = clean_interval(conn, interval)
        pruned = pruned_pages(conn, interval)
    if pruned:
        log.warning(
            "raw pages gone: retention dropped the raw HTML of %d report(s) of %s; cleaning and extraction"
            " use their stored text",
            pruned,
            f"{interval.start:%Y-%m-%d %H:%M}",
        )
    return {"reports": result.reports, "usable": result.usable, "unusable": result.unusable, "raw_pages_pruned": pruned}


def dedup(settings: Settings, interval: Interval) -> dict[str, Any]:
    from sahelwatch.dedup.stage import dedup_interval

    with warehouse(settings) as conn:
        return asdict(dedup_interval(conn, interval))


def extract_stage(settings: Settings, interval: Interval) -> dict[str, Any]:
    """The extract task: every new report of the interval (one report at a time is sahelwatch.extract.pipeline)."""
    from sahelwatch.extract.stage import extract_interval

    with warehouse(settings) as conn:
        return asdict(extract_interval(conn, interval))


def fuse(settings: Settings, interval: Interval) -> dict[str, Any]:
    from sahelwatch.fuse.stage import fuse_interval

    with warehouse(settings) as conn:
        return asdict(fuse_interval(conn, interval))


def check(settings: Settings, name: str, interval: Interval) -> list[str]:
    """One data-quality check of `sahelwatch.checks` over the interval: the problems it found, if any."""
    from sahelwatch.checks import run_check

    with warehouse(settings) as conn:
        return run_check(conn, name, interval)


def report(settings: Settings, interval: Interval) -> dict[str, Any]:
    """Write the interval's situation report (HTML and PNG figures under the data directory) and return what the
    interval holds now (sources, reports, incidents, the top incidents, the report's path) as JSON-safe data."""
    import json

    from sahelwatch.report import write_report
    from sahelwatch.summary import summarise

    with warehouse(settings) as conn:
        summary = summarise(conn, interval)
        path = write_report(conn, interval, settings.data_dir / "reports")
    return {**json.loads(json.dumps(asdict(summary), default=str)), "report_path": str(path)}
