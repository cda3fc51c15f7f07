"""Our side of the comparison: marts.incidents (readable by an analyst login) as events."""

from __future__ import annotations

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from sahelwatch.compare.model import FACTS, Event
from sahelwatch.export.query import ExportFilter

_COLUMNS = ("incident_id", "event_date", *FACTS, "first_reported_at")


def read_ours(conn: psycopg.Connection, selection: ExportFilter) -> list[Event]:
    """The incidents of the period and countries (`selection`, already resolved), oldest first."""
    where, params = selection.where()
    query = sql.SQL("select {columns} from marts.incidents where {where} order by event_date, incident_id").format(
        columns=sql.SQL(", ").join(map(sql.Identifier, _COLUMNS)), where=where
    )
    with conn.cursor(row_factory=dict_row) as cursor:
        rows = cursor.execute(query, params).fetchall()
    return [
        Event(
            side="ours",
            event_id=row["incident_id"],
            first=row["event_date"],
            last=row["event_date"],
            reported_at=row["first_reported_at"],
            **{name: row[name] for name in FACTS},
        )
        for row in rows
    ]
