"""`sahelwatch report`: write a day's situation report (HTML page with maps and trends, plus PNG figures)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sahelwatch.cli.common import USAGE, CommandError, iso_day, past_days, positive


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report",
        help="write a day's situation report (HTML with maps and trends, PNG figures)",
        description="Write the situation report of a UTC day (or of every day of a range) from the warehouse: a "
        "self-contained HTML page (maps of the day's, the last 7 and 30 days' incidents, incidents and "
        "fatalities over time by country, the top incidents with their evidence and sources, silent "
        "sources) and the same figures as PNG files. Prints each page's path. Reads "
        "SAHELWATCH_DATABASE_URL.",
    )
    parser.add_argument("--date", required=True, type=iso_day, metavar="YYYY-MM-DD", help="the day (UTC)")
    parser.add_argument(
        "--end-date", type=iso_day, metavar="YYYY-MM-DD", help="last day of a range (inclusive): one report per day"
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder to write into, created if missing (default: reports/ in SAHELWATCH_DATA_DIR)",
    )
    parser.add_argument(
        "--silent-days",
        type=positive,
        default=3,
        metavar="N",
        help="list sources without a successful crawl or a new article for N days (default 3)",
    )
    parser.add_argument("--no-png", action="store_true", help="write only the HTML page")
    parser.set_defaults(handler=command)


def _check_folder(out: Path) -> Path:
    """Refuse an --out that cannot become a folder, without creating it: the report creates it only when it has
    something to write, so a command that fails before (an unreachable warehouse) leaves nothing behind."""
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out} exists and is not a folder; give a folder", USAGE)
    parent = next(p for p in (out.absolute(), *out.absolute().parents) if p.exists())
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise CommandError(
            f"cannot create the folder {out}: {parent} is not a writable folder; give another --out", USAGE
        )
    return out


def command(args: argparse.Namespace) -> int:
    from sahelwatch.cli.common import warehouse_url
    from sahelwatch.cli.progress import progress
    from sahelwatch.config import load_settings
    from sahelwatch.datadir import claim_data_dir
    from sahelwatch.db.connect import connect
    from sahelwatch.interval import Interval
    from sahelwatch.report.write import write_report

    days = past_days(args.date, args.end_date)
    settings = load_settings()
    out = _check_folder(args.out if args.out is not None else settings.data_dir / "reports")
    url = warehouse_url(settings)
    with connect(url) as conn, progress() as bars:
        if args.out is None:  # the data dir's own reports folder: only for the warehouse it serves
            claim_data_dir(settings.data_dir, conn, url)
        task = bars.add_task("reports", total=len(days), visible=len(days) > 1)
        for day in days:
            bars.update(task, description=f"report {day}")
            print(
                write_report(conn, Interval.for_day(day), out, silent_days=args.silent_days, png=not args.no_png),
                flush=True,
            )
            bars.advance(task)
    return 0
