"""`sahelwatch run`: one orchestrated run of the daily DAG per day, live or against the bundled replica."""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

import yaml
from rich.progress import Progress

from sahelwatch.cli.airflow_runner import DagProgress, run_dag_once
from sahelwatch.cli.common import NEEDS_OWNER, iso_day, past_days, warehouse_url
from sahelwatch.cli.progress import progress
from sahelwatch.cli.render import DayResult, print_days, print_summary
from sahelwatch.config import Settings, load_settings
from sahelwatch.datadir import claim_data_dir
from sahelwatch.db.connect import connect, mask_url
from sahelwatch.db.migrate import migrate
from sahelwatch.db.rows import one_row
from sahelwatch.interval import Interval
from sahelwatch.summary import summarise

log = logging.getLogger(__name__)
REPLICA_DAY = date(2025, 6, 2)
REPLICA_PORT = 8742


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "run",
        help="run the daily pipeline (through Airflow) for a day or a range",
        description="One run of the sahelwatch_daily DAG per day (recorded in Airflow with the day as its data "
        "interval, see sahelwatch/interval.py), then what it stored: sources, reports, incidents and "
        "the top incidents; over several days, a table with one row per day at the end. Exits 1 when "
        "a day's DAG run failed, 2 for a day after today.",
    )
    parser.add_argument(
        "--date",
        type=iso_day,
        metavar="YYYY-MM-DD",
        help=f"day to run (UTC), default: yesterday; with --replica, {REPLICA_DAY}",
    )
    parser.add_argument("--end-date", type=iso_day, metavar="YYYY-MM-DD", help="last day of a range (inclusive)")
    parser.add_argument(
        "--replica",
        action="store_true",
        help="serve the bundled replica of Sahel outlets on 127.0.0.1 and crawl it instead of the web",
    )
    parser.add_argument(
        "--backfill",
        action="store_true",
        help="catching up on past days: also keep articles without a date or dated before the day, "
        "and follow sitemaps and API pages past it",
    )
    parser.set_defaults(handler=command, needs=NEEDS_OWNER)  # it migrates the warehouse first


def _days(args: argparse.Namespace) -> list[date]:
    first = args.date or (REPLICA_DAY if args.replica else date.today() - timedelta(days=1))
    return past_days(first, args.end_date)


def _replica_env(stack: ExitStack) -> dict[str, str]:
    """Start the replica and point the registry and the address guard at it."""
    from sahelwatch.replica.server import ReplicaServer, replica_sources

    try:  # a fixed port keeps the replica's URLs, and so re-runs of a day, identical
        server = stack.enter_context(ReplicaServer(port=REPLICA_PORT))
    except OSError:
        log.warning(
            "port %d is busy; the replica takes a free port, so its URLs differ from earlier runs", REPLICA_PORT
        )
        server = stack.enter_context(ReplicaServer())
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sahelwatch-replica-")))
    registry = folder / "sources.yaml"
    registry.write_text(
        yaml.safe_dump({"sources": replica_sources(server.base_url)}, allow_unicode=True), encoding="utf-8"
    )
    print(f"replica outlets served at {server.base_url}")
    return {"SAHELWATCH_SOURCES_FILE": str(registry), "SAHELWATCH_ALLOWED_HOSTS": "127.0.0.1"}


def _reports(url: str) -> int:
    with connect(url) as conn:
        return one_row(conn.execute("select count(*) from raw.reports"))[0]


def _run_day(
    settings: Settings, url: str, day: date, extra_env: dict[str, str], args: argparse.Namespace, bars: Progress
) -> DayResult:
    """One day's DAG run, its progress on the bars, and what it stored, printed."""
    interval = Interval.for_day(day)
    before = _reports(url)
    print(f"running the sahelwatch_daily DAG for {day} ...", flush=True)
    task = bars.add_task(f"{day}: starting Airflow", total=None)

    def show(dag: DagProgress) -> None:
        bars.update(task, description=f"{day}: {dag.done} tasks done" + (f", {dag.running}" if dag.running else ""))

    ok, log_file = run_dag_once(settings, interval, extra_env, backfill=args.backfill, on_progress=show)
    bars.remove_task(task)
    new = _reports(url) - before
    with connect(url) as conn:
        result = DayResult(day, ok, summarise(conn, interval), new)
    print_summary(day, result.summary, result.new, ok, log_file)
    report = settings.data_dir / "reports" / f"sahelwatch-report-{day}.html"
    if report.exists():
        print(f"situation report: {report}")
    return result


def command(args: argparse.Namespace) -> int:
    days = _days(args)
    with ExitStack() as stack:
        extra_env = _replica_env(stack) if args.replica else {}
        os.environ.update(extra_env)
        settings = load_settings()
        url = warehouse_url(settings)
        print(f"warehouse: {mask_url(url)}")
        extra_env["SAHELWATCH_DATABASE_URL"] = url
        with connect(url) as conn:
            claim_data_dir(settings.data_dir, conn, url)
            migrate(conn)
        with progress() as bars:
            overall = bars.add_task("days", total=len(days), visible=len(days) > 1)
            results = []
            for day in days:
                results.append(_run_day(settings, url, day, extra_env, args, bars))
                bars.advance(overall)
        if len(results) > 1:
            print_days(results)
        return 0 if all(result.ok for result in results) else 1
