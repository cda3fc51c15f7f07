"""Bulk upserts through COPY: the one way sahelwatch writes many rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import psycopg
from psycopg import sql


def _table(name: str) -> sql.Composable:
    return sql.Identifier(*name.split("."))


def _column_types(conn: psycopg.Connection, columns: Sequence[str]) -> list[str]:
    """The staging table's column types, in `columns` order, which binary COPY needs to encode each value."""
    found: dict[str, str] = dict(
        conn.execute(
            "select attname, format_type(atttypid, atttypmod) from pg_attribute"
            " where attrelid = 'pg_temp.incoming_rows'::regclass and attnum > 0 and not attisdropped"
        ).fetchall()
    )
    return [found[column] for column in columns]


def upsert_rows(
    conn: psycopg.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    key: Sequence[str],
    update: bool = True,
    prefer: Sequence[str] = (),
) -> int:
    """COPY rows into a temporary table, then insert them into `table`, updating (or, with update=False, keeping)
    the rows whose key exists. Rows are streamed, never held in memory, so several rows may share a key: with
    `prefer`, the first of them in that column order is written (a choice that does not depend on the order of
    `rows`). Returns the number of rows written; the caller owns the transaction."""
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    assignments = [sql.SQL("{c} = excluded.{c}").format(c=sql.Identifier(c)) for c in columns if c not in key]
    keys = sql.SQL(", ").join(map(sql.Identifier, key))
    conflict: sql.Composable
    if update and assignments:
        conflict = sql.SQL("({keys}) do update set ").format(keys=keys) + sql.SQL(", ").join(assignments)
    else:  # no target: a row that a concurrent run inserts first is skipped whichever unique index it meets first
        conflict = sql.SQL("do nothing")
    conn.execute(
        sql.SQL("create temporary table incoming_rows (like {t} including defaults) on commit drop").format(
            t=_table(table)
        )
    )
    types = _column_types(conn, columns)
    with conn.cursor().copy(sql.SQL("copy incoming_rows ({}) from stdin (format binary)").format(cols)) as copy:
        copy.set_types(types)  # binary COPY: about 2.5 times cheaper than text for the server to parse
        for row in rows:
            copy.write_row(row)
    pick: sql.Composable = sql.SQL("")
    order: sql.Composable
    if prefer:
        pick = sql.SQL("distinct on ({keys}) ").format(keys=keys)
        order = sql.SQL(" order by {keys}, {prefer}").format(
            keys=keys, prefer=sql.SQL(", ").join(map(sql.Identifier, prefer))
        )
    else:
        order = sql.SQL("")
    count = conn.execute(
        sql.SQL("insert into {t} ({cols}) select {pick}{cols} from incoming_rows{order} on conflict {conflict}").format(
            t=_table(table), cols=cols, pick=pick, order=order, conflict=conflict
        )
    ).rowcount
    conn.execute("drop table incoming_rows")
    return count
