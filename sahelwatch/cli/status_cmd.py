"""`sahelwatch status`: where the disk goes (data directory and warehouse by part) and how much is left."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "status",
        help="disk usage of the data directory and the warehouse, by part, and free space",
        description="Show the size of each part of the data directory (run files, reports, logs, Airflow, embedded "
        "warehouse), of each warehouse schema (and the raw HTML's share), and the free space on the data "
        "directory's disk, with a warning below SAHELWATCH_CHECK_MIN_FREE_GB.",
    )
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    from sahelwatch.checks import Limits
    from sahelwatch.cli.common import warehouse_url
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.retention.disk import data_dir_usage, free_bytes, human, low_space, warehouse_usage

    settings = load_settings()
    print(f"data directory {settings.data_dir}")
    for part in data_dir_usage(settings.data_dir):
        print(f"  {part.name:48} {human(part.bytes):>10}")
    with connect(warehouse_url(settings)) as conn:
        print("warehouse")
        for part in warehouse_usage(conn):
            print(f"  {part.name:48} {human(part.bytes):>10}")
    print(f"free on the data directory's disk: {human(free_bytes(settings.data_dir))}")
    for problem in low_space(settings.data_dir, Limits.from_env().min_free_gb):
        print(f"warning: {problem}")
    return 0
