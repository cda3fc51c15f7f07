"""Reading the one row of a query that always returns one (an aggregate, a catalogue function)."""

from __future__ import annotations

from typing import TypeVar

import psycopg

RowT = TypeVar("RowT")


def one_row(cursor: psycopg.Cursor[RowT]) -> RowT:
    """The cursor's row. psycopg types `fetchone()` as optional; for these queries no row means a broken query, so
    it fails here, by name, instead of as a `None` unpacked further on."""
    row = cursor.fetchone()
    if row is None:
        raise LookupError("a query that always returns one row returned none")
    return row
