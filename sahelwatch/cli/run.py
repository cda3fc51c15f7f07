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

from sahelwatch.cli.airflow_runner import run_dag_once
from sahelwatch.cli.render import print_summary
from sahelwatch.config import load_settings
from sahelwatch.db.connect import connect, mask_url, resolve_database_url
from sahelwatch.db.migrate import migrate
from sahelwatch.interval import Interval
from sahelwatch.summary import summarise

log = logging.getLogger(__name__)
REPLICA_DAY = date(2025, 6, 2)
REPLICA_PORT = 8742


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("run", help="run the daily pipeline (through Airflow) for a day or a range")
    parser.add_argument("--date", type=date.fromisoformat, help="day to run (UTC), default: yesterday; "
                        f"with --replica, {REPLICA_DAY}")
    parser.add_argument("--end-date", type=date.fromisoformat, help="last day of a range (inclusive)")
    parser.add_argument("--replica", action="store_true",
                        help="serve the bundled replica of Sahel outlets on 127.0.0.1 and crawl it instead of the web")
    parser.set_defaults(handler=command)


def _days(args: argparse.Namespace) -> list[date]:
    first = args.date or (REPLICA_DAY if args.replica else date.today() - timedelta(days=1))
    last = args.end_date or first
    if last < first:
        raise SystemExit("--end-date is before --date")
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _replica_env(stack: ExitStack) -> dict[str, str]:
    """Start the replica and point the registry and the address guard at it."""
    from sahelwatch.replica.server import ReplicaServer, replica_sources

    try:  # a fixed port keeps the replica's URLs, and so re-runs of a day, identical
        server = stack.enter_context(ReplicaServer(port=REPLICA_PORT))
    except OSError:
        log.warning("port %d is busy; the replica takes a free port, so its URLs differ from earlier runs",
                    REPLICA_PORT)
        server = stack.enter_context(ReplicaServer())
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sahelwatch-replica-")))
    registry = folder / "sources.yaml"
    registry.write_text(yaml.safe_dump({"sources": replica_sources(server.base_url)}, allow_unicode=True),
                        encoding="utf-8")
    print(f"replica outlets served at {server.base_url}")
    return {"SAHELWATCH_SOURCES_FILE": str(registry), "SAHELWATCH_ALLOWED_HOSTS": "127.0.0.1"}


def command(args: argparse.Namespace) -> int:
    days = _days(args)
    with ExitStack() as stack:
        extra_env = _replica_env(stack) if args.replica else {}
        os.environ.update(extra_env)
        settings = load_settings()
        url = resolve_database_url(settings)
        print(f"warehouse: {mask_url(url)}")
        extra_env["SAHELWATCH_DATABASE_URL"] = url
        with connect(url) as conn:
            migrate(conn)
        failed = 0
        for day in days:
            interval = Interval.for_day(day)
            with connect(url) as conn:
                before = conn.execute("select count(*) from raw.reports").fetchone()[0]
            print(f"running the sahelwatch_daily DAG for {day} ...", flush=True)
            ok, log_file = run_dag_once(settings, interval, extra_env)
            with connect(url) as conn:
                new = conn.execute("select count(*) from raw.reports").fetchone()[0] - before
                summary = summarise(conn, interval)
            print_summary(day, summary, new, ok, log_file)
            report = settings.data_dir / "reports" / f"sahelwatch-report-{day}.html"
            if report.exists():
                print(f"situation report: {report}")
            failed += not ok
        return 1 if failed else 0
