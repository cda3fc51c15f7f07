"""`sahelwatch compare`: the warehouse against an ACLED or UCDP export of the same period (a coverage audit)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sahelwatch.cli.common import USAGE, CommandError, iso_day, listed_values, warehouse_url

DEFAULT_OUT = "compare"  # folder in SAHELWATCH_DATA_DIR


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "compare",
        help="compare the warehouse with an ACLED or UCDP export (matched, only ours, only theirs)",
        description="Match the warehouse's incidents (marts.incidents) one-to-one with the events of an ACLED export "
        "(classic or API layout) or a UCDP GED / Candidate CSV, and print what each side has alone, by "
        "country, admin1, event type and month, how far matched pairs agree, and how many days earlier "
        "sahelwatch had them. Writes matched.csv, only_ours.csv, only_theirs.csv, unreadable_rows.csv "
        "and compare.html into --out. Reads SAHELWATCH_DATABASE_URL (an analyst login is enough).",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--acled", type=Path, metavar="FILE", help="an ACLED export (CSV, classic or API layout)")
    source.add_argument("--ucdp", type=Path, metavar="FILE", help="a UCDP GED or GED Candidate export (CSV)")
    parser.add_argument(
        "--start",
        type=iso_day,
        metavar="DATE",
        help="first event date compared, YYYY-MM-DD (default: the file's first)",
    )
    parser.add_argument(
        "--end", type=iso_day, metavar="DATE", help="last event date compared, included (default: the file's last)"
    )
    parser.add_argument(
        "--country",
        action="append",
        metavar="NAME",
        help="compare this country only (name, ISO alpha-3 code or common name; repeat or comma-separate for several)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help=f"folder to write into, created if missing (default: {DEFAULT_OUT}/ in SAHELWATCH_DATA_DIR)",
    )
    parser.set_defaults(handler=command)


def _input(args: argparse.Namespace) -> tuple[str, Path]:
    dataset, path = ("ACLED", args.acled) if args.acled else ("UCDP", args.ucdp)
    option = f"--{dataset.lower()}"
    if not path.exists():
        raise CommandError(f"{option} {path}: no such file; give the path of the exported CSV", USAGE)
    if not path.is_file():
        raise CommandError(f"{option} {path} is not a file; give the path of the exported CSV", USAGE)
    return dataset, path


def _folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out} exists and is not a folder; give a folder", USAGE)
    return out


def command(args: argparse.Namespace) -> int:
    from sahelwatch.compare.layouts import UnrecognisedFile
    from sahelwatch.compare.run import compare, read_outside
    from sahelwatch.compare.text import report_lines
    from sahelwatch.compare.writers import write_all
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.export.query import ExportFilter
    from sahelwatch.export.vocabulary import UnknownValue

    dataset, path = _input(args)
    settings = load_settings()
    out = _folder(args.out or settings.data_dir / DEFAULT_OUT)
    try:
        selection = ExportFilter(args.start, args.end, listed_values(args.country))
    except ValueError as exc:
        raise CommandError(f"{exc}; give --start before --end", USAGE) from exc
    try:
        outside = read_outside(dataset, path)
    except UnrecognisedFile as exc:
        raise CommandError(f"{path}: {exc}", USAGE) from exc
    with connect(warehouse_url(settings)) as conn:
        try:
            comparison = compare(conn, outside, path, selection)
        except UnknownValue as exc:
            raise CommandError(str(exc), USAGE) from exc
    files = write_all(comparison, out)
    print("\n".join(report_lines(comparison)))
    print(f"written to {out}: {', '.join(p.name for p in files.values())}")
    return 0
