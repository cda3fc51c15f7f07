"""
# sahelwatch retention

Once a week, applies the retention policy so that years of daily runs fit on one disk, then checks the free space.

```
prune >> free_space
```

* **prune** removes what is older than its window (`SAHELWATCH_RETENTION_*_DAYS`, 90 days by default): run files,
  the raw HTML of reports (`raw.reports.html_gz`; each row keeps its text and hashes), DAG and task logs, report
  figures, and Airflow's metadata (`airflow db clean`). A day that a queued or running DAG run covers is left alone
  and pruned the next week. Running it again removes nothing more. `sahelwatch prune --dry-run` shows the same plan
  from the command line.
* **free_space** fails (and alerts) when the data directory's disk has less than `SAHELWATCH_CHECK_MIN_FREE_GB`
  free (5 GB by default) after pruning.

Schedule: `SAHELWATCH_RETENTION_SCHEDULE` (default Sundays at 03:00 UTC). Business logic lives in
`sahelwatch.retention`; this file wires.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import CronDataIntervalTimetable, dag, task
from airflow.sdk.exceptions import AirflowFailException

DAG_ID = "sahelwatch_retention"
SCHEDULE = os.environ.get("SAHELWATCH_RETENTION_SCHEDULE") or "0 3 * * 0"
WAREHOUSE_CONN_ID = "sahelwatch_warehouse"  # the same connection as the daily DAG's


def _alert(context: dict[str, Any]) -> None:
    """Failure callback of a task: a log line, and a webhook POST when SAHELWATCH_ALERT_WEBHOOK is set."""
    from sahelwatch.alerts import on_failure

    on_failure(context)


def _alert_run(context: dict[str, Any]) -> None:
    from sahelwatch.alerts import on_run_failure

    on_run_failure(context)


def _settings():  # noqa: ANN202 - returns sahelwatch.config.Settings
    """Settings, with the warehouse of the Airflow connection `sahelwatch_warehouse` when one is defined."""
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    from sahelwatch.config import load_settings, with_warehouse_uri

    try:
        uri = Connection.get(WAREHOUSE_CONN_ID).get_uri()
    except AirflowNotFoundException:
        uri = None
    return with_warehouse_uri(load_settings(), uri)


@dag(
    dag_id=DAG_ID,
    schedule=CronDataIntervalTimetable(SCHEDULE, timezone="UTC"),
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    tags=["sahelwatch", "retention"],
    doc_md=__doc__,
    on_failure_callback=_alert_run,
    default_args={
        "owner": "sahelwatch",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(hours=2),
        "on_failure_callback": _alert,
    },
)
def sahelwatch_retention() -> None:
    @task
    def prune() -> dict[str, Any]:
        """Remove what the retention policy expires (`sahelwatch.retention.prune`); returns what it freed."""
        from sahelwatch.retention import prune as apply

        return apply(_settings()).as_dict()

    @task(trigger_rule="all_done")
    def free_space() -> str:
        """Free space on the data directory's disk, after pruning (`SAHELWATCH_CHECK_MIN_FREE_GB`)."""
        from sahelwatch.checks import free_space as check

        problems = check(None)
        if problems:
            raise AirflowFailException("; ".join(problems))
        return "free space: ok"

    prune() >> free_space()


sahelwatch_retention()
