"""Export the selected incidents to a file, atomically: a failed export leaves no half-written file behind."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import psycopg

from sahelwatch.export.query import ExportFilter, rows
from sahelwatch.export.writers import FORMATS, write_parquet

log = logging.getLogger(__name__)


def export_incidents(conn: psycopg.Connection, fmt: str, out: Path, selection: ExportFilter = ExportFilter()) -> int:
    """Write the incidents that `selection` picks to `out` as csv, geojson or parquet; return how many."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        if fmt == "parquet":
            count = write_parquet(rows(conn, selection), partial)
        else:
            with open(partial, "w", encoding="utf-8", newline="") as handle:
                count = FORMATS[fmt](rows(conn, selection), handle)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("exported %d incidents to %s (%s)", count, out, fmt)
    return count
