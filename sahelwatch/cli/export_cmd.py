"""`sahelwatch export`: incidents as ACLED-compatible CSV, GeoJSON or Parquet, for analysts' own tools."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def _values(items: list[str] | None) -> tuple[str, ...]:
    """Repeated options and comma-separated lists both work: --country Mali,Niger --country BFA."""
    return tuple(part.strip() for item in items or () for part in item.split(",") if part.strip())


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export", help="export incidents (ACLED-compatible CSV, GeoJSON or Parquet)",
        description="Export fused incidents from the warehouse (marts.acled_events): ACLED's columns in ACLED's "
                    "order, then fatalities_low, fatalities_high, injured, abducted, source_count, source_urls, "
                    "confidence. Reads SAHELWATCH_DATABASE_URL.")
    parser.add_argument("--format", required=True, choices=("csv", "geojson", "parquet"), help="file format")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="file to write (replaced)")
    parser.add_argument("--start", type=date.fromisoformat, metavar="DATE", help="first event date, YYYY-MM-DD")
    parser.add_argument("--end", type=date.fromisoformat, metavar="DATE", help="last event date (included)")
    parser.add_argument("--country", action="append", metavar="NAME",
                        help="country name or ISO alpha-3 code (repeat or comma-separate for several)")
    parser.add_argument("--event-type", action="append", metavar="TYPE",
                        help="ACLED event type, e.g. Battles (repeat or comma-separate for several)")
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect, resolve_database_url
    from sahelwatch.export.query import ExportFilter
    from sahelwatch.export.run import export_incidents

    try:
        selection = ExportFilter(args.start, args.end, _values(args.country), _values(args.event_type))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not args.out.parent.is_dir():
        print(f"error: folder {args.out.parent} does not exist", file=sys.stderr)
        return 2
    with connect(resolve_database_url(load_settings())) as conn:
        count = export_incidents(conn, args.format, args.out, selection)
    print(f"exported {count} incident(s) to {args.out} ({args.format})")
    return 0
