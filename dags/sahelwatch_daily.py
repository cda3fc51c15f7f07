"""
# sahelwatch daily

Crawls every enabled source of the registry for the run's data interval, loads what was fetched into
`raw.reports`, then cleans, deduplicates, extracts incidents and fuses them into `marts.incidents`.

* **crawl** is mapped over the sources: each source is its own task instance, so the grid shows which outlets
  failed. A failing source is logged and counted in `raw.source_runs`; it never fails the day.
* Every task reads and writes only its data interval and upserts, so re-running a day or backfilling a range
  leaves the same rows.
* A run's configuration may pin the interval: `{"interval_start": "...", "interval_end": "..."}` (ISO 8601).

Configuration comes from `SAHELWATCH_*` environment variables (see the README); the business logic lives in the
`sahelwatch` package, and this file only wires it.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import CronDataIntervalTimetable, dag, get_current_context, task


def _interval():  # noqa: ANN202 - returns sahelwatch.interval.Interval, imported lazily
    from sahelwatch.interval import interval_for_run

    context = get_current_context()
    return interval_for_run(context["dag_run"].conf, context.get("data_interval_start"),
                            context.get("data_interval_end"), context.get("logical_date"))


def _settings():  # noqa: ANN202
    from sahelwatch.config import load_settings

    return load_settings()


@dag(
    dag_id="sahelwatch_daily",
    schedule=CronDataIntervalTimetable(os.environ.get("SAHELWATCH_SCHEDULE", "0 0 * * *"), timezone="UTC"),
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["sahelwatch"],
    doc_md=__doc__,
    default_args={"owner": "sahelwatch", "retries": 2, "retry_delay": timedelta(seconds=30),
                  "retry_exponential_backoff": True},
)
def sahelwatch_daily() -> None:
    @task
    def migrate() -> list[str]:
        """Apply missing warehouse migrations."""
        from sahelwatch import pipeline

        return pipeline.migrate(_settings())

    @task
    def sources() -> list[dict[str, Any]]:
        """The enabled sources of the registry."""
        from sahelwatch import pipeline

        return pipeline.enabled_sources(_settings())

    @task(map_index_template="{{ task.op_kwargs['source']['id'] }}")
    def crawl(source: dict[str, Any]) -> dict[str, Any]:
        """Crawl one source into its run file."""
        from sahelwatch import pipeline

        return pipeline.crawl(_settings(), source, _interval())

    @task
    def load(results: list[dict[str, Any]]) -> dict[str, Any]:
        """Copy the run files into raw.reports."""
        from sahelwatch import pipeline

        return pipeline.load(_settings(), list(results), _interval())

    @task
    def clean() -> dict[str, Any]:
        from sahelwatch import pipeline

        return pipeline.clean(_settings(), _interval())

    @task
    def dedup() -> dict[str, Any]:
        from sahelwatch import pipeline

        return pipeline.dedup(_settings(), _interval())

    @task
    def extract() -> dict[str, Any]:
        from sahelwatch import pipeline

        return pipeline.extract(_settings(), _interval())

    @task
    def fuse() -> dict[str, Any]:
        from sahelwatch import pipeline

        return pipeline.fuse(_settings(), _interval())

    registry = sources()
    migrate() >> registry
    load(crawl.expand(source=registry)) >> clean() >> dedup() >> extract() >> fuse()


sahelwatch_daily()
