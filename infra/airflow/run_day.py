"""Run the sahelwatch_daily DAG once for one day, in this process, as `sahelwatch run` does (it starts this script).

    python infra/airflow/run_day.py 2025-06-02 [--backfill]

Like `airflow dags test` (no scheduler needed), but the run it records is a true run of the day, following the
convention of `sahelwatch/interval.py`: data interval [D, D+1), the `day` param, a logical date inside D that no
other run has, run_after and start date = now. (`airflow dags test` would record the interval before its logical
date and the logical date as start date, so the UI showed durations of months.) `DAG.test()` builds its run with
`airflow.models.dagrun.get_or_create_dagrun`, looked up when it runs: that one call gets the true interval and
start date here. This file lives outside the `sahelwatch` package, which never imports Airflow.
Prints `sahelwatch-run: state=<state> run_id=<id>` last; exits 1 when the run failed, 2 for a bad day.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from sahelwatch.interval import DAY_PARAM, FutureDay, manual_run_times
from sahelwatch.resources import DAGS_DIR

DAG_ID = "sahelwatch_daily"
RESULT_PREFIX = "sahelwatch-run:"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("day", type=date.fromisoformat)
    parser.add_argument("--backfill", action="store_true")
    args = parser.parse_args()
    try:
        logical_date, interval = manual_run_times(args.day)
    except FutureDay as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    import airflow.models.dagrun as dagrun_module
    from airflow.dag_processing.dagbag import DagBag
    from airflow.sdk import timezone
    from airflow.timetables.base import DataInterval

    create = dagrun_module.get_or_create_dagrun

    def true_run(**kwargs: Any):  # noqa: ANN202 - a DagRun
        kwargs["data_interval"] = DataInterval(start=interval.start, end=interval.end)
        kwargs["start_date"] = timezone.utcnow()
        return create(**kwargs)

    dagrun_module.get_or_create_dagrun = true_run
    dag = DagBag(dag_folder=DAGS_DIR).dags[DAG_ID]
    conf: dict[str, Any] = {DAY_PARAM: args.day.isoformat()}
    if args.backfill:
        conf["backfill"] = True
    run = dag.test(logical_date=logical_date, run_after=timezone.utcnow(), run_conf=conf)
    state = str(getattr(run.state, "value", run.state))
    print(f"{RESULT_PREFIX} state={state} run_id={run.run_id}", flush=True)
    return 0 if state == "success" else 1


if __name__ == "__main__":
    sys.exit(main())
