"""Export the selected incidents to a file, atomically: a failed export leaves no half-written file behind."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg

from sahelwatch.export.query import ExportFilter, rows
from sahelwatch.export.writers import FORMATS, write_parquet

log = logging.getLogger(__name__)


def _reported(selected: Iterator[tuple[Any, ...]], on_row: Callable[[], None]) -> Iterator[tuple[Any, ...]]:
    for row in selected:
        on_row()
        yield row


def export_incidents(
    conn: psycopg.Connection,
    fmt: str,
    out: Path,
    selection: ExportFilter = ExportFilter(),
    on_row: Callable[[], None] = lambda: None,
) -> int:
    """Write the incidents that `selection` picks to `out` as csv, geojson or parquet; return how many. on_row is
    called as each row is written (the CLI's progress). A country the warehouse does not know raises
    sahelwatch.export.vocabulary.UnknownValue before any file is touched."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    selection = selection.resolved(conn)
    out = Path(out)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    selected = _reported(rows(conn, selection), on_row)
    try:
        if fmt == "parquet":
            count = write_parquet(selected, partial)
        else:
            with open(partial, "w", encoding="utf-8", newline="") as handle:
                count = FORMATS[fmt](selected, handle)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("exported %d incidents to %s (%s)", count, out, fmt)
    return count
