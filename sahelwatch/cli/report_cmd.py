"""`sahelwatch report`: write a day's situation report (HTML page with maps and trends, plus PNG figures)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a day as YYYY-MM-DD (e.g. 2025-06-02), not {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of days, 1 or more, not {text!r}")
    return value


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report", help="write a day's situation report (HTML with maps and trends, PNG figures)",
        description="Write the situation report of a UTC day from the warehouse: a self-contained HTML page (maps "
                    "of the day's, the last 7 and 30 days' incidents, incidents and fatalities over time by "
                    "country, the top incidents with their evidence and sources, silent sources) and the same "
                    "figures as PNG files. Prints the page's path. Reads SAHELWATCH_DATABASE_URL.")
    parser.add_argument("--date", required=True, type=_day, metavar="YYYY-MM-DD", help="the day (UTC)")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="folder to write into, created if missing (default: reports/ in SAHELWATCH_DATA_DIR)")
    parser.add_argument("--silent-days", type=_positive, default=3, metavar="N",
                        help="list sources without a successful crawl or a new article for N days (default 3)")
    parser.add_argument("--no-png", action="store_true", help="write only the HTML page")
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    import psycopg

    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect, mask_url, resolve_database_url
    from sahelwatch.interval import Interval
    from sahelwatch.report.write import write_report

    settings = load_settings()
    out = args.out if args.out is not None else settings.data_dir / "reports"
    if out.exists() and not out.is_dir():
        print(f"error: --out {out} exists and is not a folder", file=sys.stderr)
        return 2
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"error: cannot create the folder {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        url = resolve_database_url(settings)
    except Exception as exc:  # noqa: BLE001 - the embedded server fails in many ways; all mean "no warehouse"
        print(f"error: no warehouse is configured and the embedded PostgreSQL did not start ({exc}).\n"
              "Set SAHELWATCH_DATABASE_URL to a reachable warehouse (postgresql://user:password@host:5432/dbname), "
              "then run this command again.", file=sys.stderr)
        return 1
    os.environ.setdefault("PGCONNECT_TIMEOUT", "10")  # libpq: give up on an unreachable server in seconds
    try:
        with connect(url) as conn:
            path = write_report(conn, Interval.for_day(args.date), out, silent_days=args.silent_days,
                                png=not args.no_png)
    except psycopg.OperationalError as exc:
        where = mask_url(url)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"error: cannot reach the warehouse at {where}: {reason}\n"
              "Start PostgreSQL, or set SAHELWATCH_DATABASE_URL to a reachable warehouse "
              "(postgresql://user:password@host:5432/dbname), then run this command again.", file=sys.stderr)
        return 1
    except (psycopg.errors.UndefinedTable, psycopg.errors.UndefinedColumn) as exc:
        print(f"error: the warehouse at {mask_url(url)} is not migrated ({str(exc).splitlines()[0]}).\n"
              "Run `sahelwatch db migrate` first.", file=sys.stderr)
        return 1
    print(path)
    return 0
