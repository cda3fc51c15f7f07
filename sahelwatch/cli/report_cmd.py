"""`sahelwatch report`: write a day's situation report (HTML page with maps and trends, plus PNG figures)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sahelwatch.cli.common import USAGE, CommandError, iso_day, past_days, positive


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report", help="write a day's situation report (HTML with maps and trends, PNG figures)",
        description="Write the situation report of a UTC day (or of every day of a range) from the warehouse: a "
                    "self-contained HTML page (maps of the day's, the last 7 and 30 days' incidents, incidents and "
                    "fatalities over time by country, the top incidents with their evidence and sources, silent "
                    "sources) and the same figures as PNG files. Prints each page's path. Reads "
                    "SAHELWATCH_DATABASE_URL.")
    parser.add_argument("--date", required=True, type=iso_day, metavar="YYYY-MM-DD", help="the day (UTC)")
    parser.add_argument("--end-date", type=iso_day, metavar="YYYY-MM-DD",
                        help="last day of a range (inclusive): one report per day")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="folder to write into, created if missing (default: reports/ in SAHELWATCH_DATA_DIR)")
    parser.add_argument("--silent-days", type=positive, default=3, metavar="N",
                        help="list sources without a successful crawl or a new article for N days (default 3)")
    parser.add_argument("--no-png", action="store_true", help="write only the HTML page")
    parser.set_defaults(handler=command)


def _folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out} exists and is not a folder; give a folder", USAGE)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"cannot create the folder {out}: {exc.strerror or exc}; give another --out", USAGE) from exc
    return out


def command(args: argparse.Namespace) -> int:
    from sahelwatch.cli.common import warehouse_url
    from sahelwatch.cli.progress import progress
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.interval import Interval
    from sahelwatch.report.write import write_report

    days = past_days(args.date, args.end_date)
    settings = load_settings()
    out = _folder(args.out if args.out is not None else settings.data_dir / "reports")
    with connect(warehouse_url(settings)) as conn, progress() as bars:
        task = bars.add_task("reports", total=len(days), visible=len(days) > 1)
        for day in days:
            bars.update(task, description=f"report {day}")
            print(write_report(conn, Interval.for_day(day), out, silent_days=args.silent_days, png=not args.no_png),
                  flush=True)
            bars.advance(task)
    return 0
