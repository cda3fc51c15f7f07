"""
# sahelwatch daily

Crawls every enabled source of the registry for the run's **data interval**, loads what was fetched into
`raw.reports`, cleans, deduplicates, extracts incidents, fuses them into `marts.incidents`, checks the result and
writes the interval's situation report.

```
migrate >> sources >> crawl[source...] >> load >> clean >> dedup >> extract >> fuse >> checks.* >> report
```

## Which day a run covers
One convention for the scheduler, backfills, the trigger form, the REST API and `sahelwatch run`, written once in
`sahelwatch/interval.py` (its docstring): a run covers one UTC day D = [D 00:00, D+1 00:00).
* **Trigger form / REST API**: fill the **`day`** param (a date picker in the form; `{"conf": {"day": "2025-06-02"}}`
  in `POST /api/v2/dags/sahelwatch_daily/dagRuns`). It wins over the logical date; leave the logical date empty (or
  at its default, now) and each trigger is a new run of that day, even when the day already ran. To also record D as
  the run's data interval, give `data_interval_start`/`data_interval_end` = D, D+1 (the form's "Data Interval:
  Specify Manually").
* **Scheduled and backfill runs** (`airflow backfill create --dag-id sahelwatch_daily --from-date ... --to-date ...
  --max-active-runs 1`) leave `day` empty and cover their data interval: logical date D 00:00, interval [D, D+1),
  started once D is over. The schedule is `SAHELWATCH_SCHEDULE` (default daily at 00:00 UTC; hourly works).
* A day after today is refused: the run fails at its `sources` task, without retries, before anything is crawled.
* `"backfill": true` in the configuration makes the crawls also keep articles without a date or dated before the day.

## Re-runs
* Every task reads and writes only its interval and upserts, so re-running a day, clearing a task or backfilling a
  range leaves the same rows.
* Catch-up is off unless `SAHELWATCH_CATCHUP=true` (then runs start at `SAHELWATCH_START_DATE`). Runs of this DAG
  never overlap (`max_active_runs=1`): fusion may touch incidents of neighbouring days. Backfills have their own
  limit: create them with `--max-active-runs 1` for the same reason.

## Sources fail alone
* **crawl** is mapped over the sources (the grid shows one square per outlet, named by source id) and runs in the
  pool `SAHELWATCH_CRAWL_POOL` (default `sahelwatch_crawl`), whose size caps concurrent crawls across runs and
  backfills: `airflow pools set sahelwatch_crawl 4 "sahelwatch crawls"` (`sahelwatch ui` creates it).
* A source that fails is retried with exponential backoff, then its square turns **red**, an alert is sent, and
  the day goes on: **load** runs when all crawls are *done* (`trigger_rule=all_done`) and records the failed
  source in `raw.source_runs`. The DAG run still succeeds, because the run's outcome depends on its last tasks.

## Checks gate the report
`checks.*` are read-only data-quality checks (row counts, required columns, duplicate incidents, stale sources,
extraction yield against its recent average; thresholds: `SAHELWATCH_CHECK_*`). A check that finds a problem fails
at once (no retry), lists the problems in its log and sends an alert; **report** then does not run and the DAG run
is failed. After fixing the data, clear the check; to accept the data as it is, mark the check successful.

## Why one DAG and not two linked by an Asset
Crawling and processing share one data interval. A processing DAG scheduled on an Asset would get runs without a
data interval (asset-triggered runs have none), could merge several crawl events into one run, and would make a
backfill or `dag.test()` a two-DAG affair. So the whole day is one DAG, one grid row and one backfill; the last
task emits the Asset `sahelwatch_incidents` (its event names the interval) for consumers downstream, such as
exports or dashboards, to schedule on.

## Configuration
* Warehouse: the Airflow connection `sahelwatch_warehouse` (e.g. `AIRFLOW_CONN_SAHELWATCH_WAREHOUSE=postgresql://...`),
  else `SAHELWATCH_DATABASE_URL`, else an embedded PostgreSQL. Looked up when a task runs, never at parse time.
* Alerts: every failed task (and failed run) logs an `ALERT` line; set `SAHELWATCH_ALERT_WEBHOOK` to also POST it.
* Other `SAHELWATCH_*` variables: see the README. Business logic lives in the `sahelwatch` package; this file wires.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import Asset, CronDataIntervalTimetable, Param, TaskGroup, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

DAG_ID = "sahelwatch_daily"
WAREHOUSE_CONN_ID = "sahelwatch_warehouse"
SCHEDULE = os.environ.get("SAHELWATCH_SCHEDULE") or "0 0 * * *"
START_DATE = pendulum.parse(os.environ.get("SAHELWATCH_START_DATE") or "2025-01-01", tz="UTC")
CATCHUP = (os.environ.get("SAHELWATCH_CATCHUP") or "false").strip().lower() in ("1", "true", "yes", "on")
CRAWL_POOL = os.environ.get("SAHELWATCH_CRAWL_POOL") or "sahelwatch_crawl"
RETRY_DELAY = timedelta(seconds=float(os.environ.get("SAHELWATCH_RETRY_DELAY_SECONDS") or 60))
OUTCOME_KEY = "crawl_outcome"
# One task per check of sahelwatch.checks.CHECKS (the integrity test keeps the two lists equal).
CHECKS = ("row_counts", "required_columns", "duplicate_incidents", "stale_sources", "extraction_yield")
DAY_PARAM = "day"  # sahelwatch.interval.DAY_PARAM (the integrity test keeps the two equal)
INCIDENTS = Asset(name="sahelwatch_incidents", uri="x-sahelwatch://warehouse/marts/incidents", group="sahelwatch")


def _alert(context: dict[str, Any]) -> None:
    """Failure callback of a task: a log line, and a webhook POST when SAHELWATCH_ALERT_WEBHOOK is set."""
    from sahelwatch.alerts import on_failure

    on_failure(context)


def _alert_run(context: dict[str, Any]) -> None:
    """Failure callback of a DAG run (runs in the dag-processor): the same alert, about the whole run."""
    from sahelwatch.alerts import on_run_failure

    on_run_failure(context)


def _interval():  # noqa: ANN202 - returns sahelwatch.interval.Interval, imported lazily
    """The run's interval by the convention of sahelwatch/interval.py; a day after today fails the task at once."""
    from sahelwatch.interval import FutureDay, interval_for_run

    context = get_current_context()
    try:
        return interval_for_run(
            context["dag_run"].conf,
            context.get("data_interval_start"),
            context.get("data_interval_end"),
            context["dag_run"].run_after,
            context["params"],
        )
    except (FutureDay, ValueError) as exc:  # no retry: the same run asks for the same day
        raise AirflowFailException(str(exc)) from exc


def _settings(warehouse: bool = True):  # noqa: ANN202 - returns sahelwatch.config.Settings
    """Settings, with the warehouse of the Airflow connection `sahelwatch_warehouse` when one is defined (env,
    secrets or UI) and the task uses the warehouse."""
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    from sahelwatch.config import load_settings, with_warehouse_uri

    try:
        uri = Connection.get(WAREHOUSE_CONN_ID).get_uri() if warehouse else None
    except AirflowNotFoundException:
        uri = None
    return with_warehouse_uri(load_settings(), uri)


@dag(
    dag_id=DAG_ID,
    schedule=CronDataIntervalTimetable(SCHEDULE, timezone="UTC"),
    start_date=START_DATE,
    catchup=CATCHUP,
    max_active_runs=1,
    params={
        DAY_PARAM: Param(
            None,
            type=["null", "string"],
            format="date",
            title="Day to process (UTC)",
            description="The calendar day this run crawls and processes. Empty: the run's data interval (scheduled "
            "and backfill runs). A day that already ran is processed again, in a new run.",
        )
    },
    tags=["sahelwatch", "crawl", "incidents"],
    doc_md=__doc__,
    on_failure_callback=_alert_run,
    default_args={
        "owner": "sahelwatch",
        "retries": 2,
        "retry_delay": RETRY_DELAY,
        "retry_exponential_backoff": 2.0,  # a multiplier in Airflow 3: 2.0 doubles the delay at each retry
        "max_retry_delay": timedelta(minutes=30),
        "execution_timeout": timedelta(hours=1),
        "on_failure_callback": _alert,
    },
)
def sahelwatch_daily() -> None:
    @task
    def migrate() -> list[str]:
        """Apply the warehouse migrations that are missing (`infra/migrations`); returns the ones applied."""
        from sahelwatch import pipeline

        return pipeline.migrate(_settings())

    @task
    def sources() -> list[dict[str, Any]]:
        """The enabled sources of the registry (`SAHELWATCH_SOURCES_FILE`), one crawl task each. Fails at once
        when the run asks for a day after today, before anything is crawled."""
        import logging

        from sahelwatch import pipeline

        interval = _interval()
        logging.getLogger("sahelwatch.run").info(
            "this run covers %s to %s", interval.start.isoformat(), interval.end.isoformat()
        )
        return pipeline.enabled_sources(_settings(warehouse=False))

    @task(
        pool=CRAWL_POOL,
        map_index_template="{{ task.op_kwargs['source']['id'] }}",
        execution_timeout=timedelta(minutes=30),
    )
    def crawl(source: dict[str, Any]) -> dict[str, Any]:
        """Crawl one source for the interval into its run file (JSON Lines, under `SAHELWATCH_DATA_DIR`).

        Red after its retries when the source failed (unreachable, broken feed, nothing stored), skipped (pink) when
        the source is disabled by its configuration: either way the outcome is still handed to **load**, which
        records it, and the rest of the day goes on."""
        from sahelwatch import pipeline

        source_id = source["id"]
        context = get_current_context()
        backfill = bool((context["dag_run"].conf or {}).get("backfill"))  # `sahelwatch run --backfill`
        result = pipeline.crawl(_settings(), source, _interval(), backfill)  # the warehouse holds feed cache state
        context["ti"].xcom_push(OUTCOME_KEY, result)
        if result["status"] == "failed":
            raise RuntimeError(f"source {source_id} failed: {result.get('message') or 'see the errors above'}")
        if result["status"] == "disabled":  # cannot be crawled as configured (e.g. a missing API key): pink, not red
            raise AirflowSkipException(f"source {source_id} is disabled: {result.get('message')}")
        return result

    @task(trigger_rule="all_done")
    def load(registry: list[dict[str, Any]]) -> dict[str, Any]:
        """Copy the run files of the interval into `raw.reports` and record every source's outcome in
        `raw.source_runs`, failed ones included. Runs once all crawls are done, whatever their state."""
        from sahelwatch import pipeline

        pulled = get_current_context()["ti"].xcom_pull(task_ids="crawl", key=OUTCOME_KEY) or []
        outcomes = [outcome for outcome in (pulled if isinstance(pulled, list) else [pulled]) if outcome]
        return pipeline.load(_settings(), outcomes, _interval(), expected=registry)

    @task
    def clean() -> dict[str, Any]:
        """raw -> `staging.reports`: text, language, dates, canonical URL, usable or why not."""
        from sahelwatch import pipeline

        return pipeline.clean(_settings(), _interval())

    @task
    def dedup() -> dict[str, Any]:
        """Mark copies in `staging.reports` (same URL, same words, near-duplicates)."""
        from sahelwatch import pipeline

        return pipeline.dedup(_settings(), _interval())

    @task
    def extract() -> dict[str, Any]:
        """Canonical usable reports -> `staging.report_incidents` (events, places, actors, dates, counts)."""
        from sahelwatch import pipeline

        return pipeline.extract_stage(_settings(), _interval())

    @task
    def fuse() -> dict[str, Any]:
        """Report incidents -> `marts.incidents` and `marts.incident_sources` (one row per real incident)."""
        from sahelwatch import pipeline

        return pipeline.fuse(_settings(), _interval())

    @task
    def check(name: str) -> str:
        """A data-quality check of `sahelwatch.checks` (read-only); fails without retrying when it finds problems."""
        from sahelwatch import pipeline

        problems = pipeline.check(_settings(), name, _interval())
        if problems:
            raise AirflowFailException(f"check {name} found {len(problems)} problem(s):\n- " + "\n- ".join(problems))
        return f"{name}: ok"

    @task(outlets=[INCIDENTS])
    def report() -> dict[str, Any]:
        """The interval's situation report (sources, reports, incidents, the deadliest first) in the task log and
        as XCom; emits the `sahelwatch_incidents` asset event for downstream consumers."""
        import logging

        from sahelwatch import pipeline

        context = get_current_context()
        interval = _interval()
        summary = pipeline.report(_settings(), interval)
        log = logging.getLogger("sahelwatch.report")
        log.info(
            "situation report %s to %s: %s sources (%s failed), %s reports crawled, %s usable, %s duplicates,"
            " %s incidents",
            interval.start.isoformat(),
            interval.end.isoformat(),
            summary["sources"],
            summary["sources_failed"],
            summary["reports_crawled"],
            summary["reports_usable"],
            summary["duplicates"],
            summary["incidents"],
        )
        log.info("situation report written to %s", summary["report_path"])
        for incident in summary["top_incidents"]:
            log.info(
                "- %s %s, %s (%s): %s / %s, fatalities %s",
                incident["event_date"],
                incident["location"],
                incident["admin1"],
                incident["country"],
                incident["event_type"],
                incident["sub_event_type"],
                incident["fatalities"],
            )
        for failure in summary["failed_sources"]:
            log.info("- failed source %s: %s", failure["source_id"], failure["message"] or failure["error_kinds"])
        context["outlet_events"][INCIDENTS].extra = {
            "interval_start": interval.start.isoformat(),
            "interval_end": interval.end.isoformat(),
            "incidents": summary["incidents"],
            "reports": summary["reports_crawled"],
        }
        return summary

    registry = sources()
    migrate() >> registry
    loaded = load(registry)
    # Mapped tasks do not take their docstring as doc_md by themselves.
    crawl.override(doc_md=crawl.function.__doc__).expand(source=registry) >> loaded
    processed = loaded >> clean() >> dedup() >> extract() >> fuse()
    with TaskGroup("checks", tooltip="data-quality checks; a failure blocks the report") as checks:
        for name in CHECKS:
            check.override(task_id=name)(name)
    processed >> checks >> report()


sahelwatch_daily()
