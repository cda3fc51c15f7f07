"""`sahelwatch prune [--dry-run]`: apply the retention policy (SAHELWATCH_RETENTION_*), or show what it would do."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from sahelwatch.cli.common import NEEDS_WRITER, USAGE, CommandError, clock_day

if TYPE_CHECKING:
    from sahelwatch.retention import PruneResult


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "prune",
        help="remove run files, raw HTML, logs, figures and Airflow metadata older than their window",
        description="Apply the retention policy: remove run files, raw pages (raw.reports.html_gz; rows and texts "
        "stay), DAG and task logs, report figures and Airflow metadata older than their window "
        "(SAHELWATCH_RETENTION_*_DAYS, 90 by default). Days that a queued or running DAG run covers "
        "are left alone. Running it twice removes nothing the second time.",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list what would go and the bytes it would free; change nothing"
    )
    parser.add_argument(
        "--as-of",
        type=clock_day,
        metavar="YYYY-MM-DD",
        help="count the windows back from this day instead of today (e.g. with --dry-run, to see "
        "what a later prune will remove)",
    )
    parser.set_defaults(handler=command, needs=NEEDS_WRITER)


def command(args: argparse.Namespace) -> int:
    from sahelwatch.cli.common import warehouse_url
    from sahelwatch.config import load_settings
    from sahelwatch.retention import RetentionSettingError, prune
    from sahelwatch.retention.busy import AirflowMetadataError
    from sahelwatch.retention.executors import AirflowCleanError

    settings = load_settings()
    warehouse_url(settings)  # a missing warehouse becomes one line that says what to do
    now = datetime.combine(args.as_of, time(12), tzinfo=UTC) if args.as_of else None
    try:
        result = prune(settings, now=now, dry_run=args.dry_run)
    except RetentionSettingError as exc:
        raise CommandError(str(exc), USAGE) from exc
    except (AirflowMetadataError, AirflowCleanError) as exc:
        raise CommandError(str(exc)) from exc
    _print(result)
    return 0


def _print(result: PruneResult) -> None:
    from sahelwatch.retention.disk import human
    from sahelwatch.retention.planner import AIRFLOW, KINDS

    verb = "would free" if result.dry_run else "freed"
    for kind in KINDS:
        if kind == AIRFLOW:
            continue
        items = result.plan.of(kind)
        planned = sum(item.bytes for item in items)
        count = sum(item.count for item in items)
        done = planned if result.dry_run else result.freed[kind]
        cutoff = result.plan.cutoffs[kind]
        print(
            f"{kind:12} before {cutoff:%Y-%m-%d}: {count:6} {'page(s)' if kind == 'raw html' else 'item(s)'}"
            f" · {verb} {human(done)}"
        )
    for line in result.plan.held:
        print(f"held: {line}")
    print(f"airflow      {result.airflow}")
    total = result.plan.bytes if result.dry_run else sum(result.freed.values())
    print(f"{'dry run: nothing changed; ' if result.dry_run else ''}total {verb} {human(total)}")
