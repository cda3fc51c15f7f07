"""`sahelwatch export`: incidents as ACLED-compatible CSV, GeoJSON or Parquet, for analysts' own tools."""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from sahelwatch.cli.common import USAGE, CommandError, iso_day, listed_values, text_arg, warehouse_url


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export",
        help="export incidents (ACLED-compatible CSV, GeoJSON or Parquet)",
        description="Export fused incidents from the warehouse (marts.acled_events): ACLED's columns in ACLED's "
        "order, then fatalities_low, fatalities_high, injured, abducted, source_count, source_urls, "
        "confidence. Reads SAHELWATCH_DATABASE_URL.",
    )
    parser.add_argument("--format", required=True, choices=("csv", "geojson", "parquet"), help="file format")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="file to write (replaced)")
    parser.add_argument("--start", type=iso_day, metavar="DATE", help="first event date, YYYY-MM-DD")
    parser.add_argument("--end", type=iso_day, metavar="DATE", help="last event date (included)")
    parser.add_argument(
        "--country",
        action="append",
        type=text_arg,
        metavar="NAME",
        help="country name (English or French, any case or accents), ISO alpha-3 code or common "
        "name such as Burkina or Ivory Coast (repeat or comma-separate for several); an "
        "unknown country exits 2 with the list",
    )
    parser.add_argument(
        "--event-type",
        action="append",
        type=text_arg,
        metavar="TYPE",
        help="ACLED event type, e.g. Battles or 'Violence against civilians' (repeat or "
        "comma-separate for several); an unknown type exits 2 with the list",
    )
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    from sahelwatch.cli.progress import progress
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.export.query import ExportFilter
    from sahelwatch.export.run import export_incidents
    from sahelwatch.export.vocabulary import UnknownValue

    try:
        selection = ExportFilter(args.start, args.end, listed_values(args.country), listed_values(args.event_type))
    except UnknownValue as exc:
        raise CommandError(str(exc), USAGE) from exc
    except ValueError as exc:
        raise CommandError(f"{exc}; give --start before --end", USAGE) from exc
    if not args.out.parent.is_dir():
        raise CommandError(f"folder {args.out.parent} does not exist; create it or give another --out", USAGE)
    if args.out.is_dir():
        raise CommandError(f"--out {args.out} is a folder; give a file name", USAGE)
    with connect(warehouse_url(load_settings())) as conn, progress() as bars:
        task, written = bars.add_task("export", total=None), itertools.count(1)
        try:
            count = export_incidents(
                conn,
                args.format,
                args.out,
                selection,
                on_row=lambda: bars.update(task, description=f"export: {next(written)} rows written"),
            )
        except UnknownValue as exc:  # a country the warehouse does not code: checked before any file is written
            raise CommandError(str(exc), USAGE) from exc
    print(f"exported {count} incident(s) to {args.out} ({args.format})")
    return 0
