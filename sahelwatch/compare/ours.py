"""Our side of the comparison: marts.incidents (readable by an analyst login) as events."""

from __future__ import annotations

import psycopg
from psycopg import sql

from sahelwatch.compare.model import Event
from sahelwatch.export.query import ExportFilter

_COLUMNS = (
    "incident_id",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "first_reported_at",
)


def read_ours(conn: psycopg.Connection, selection: ExportFilter) -> list[Event]:
    """The incidents of the period and countries (`selection`, already resolved), oldest first."""
    where, params = selection.where()
    query = sql.SQL("select {columns} from marts.incidents where {where} order by event_date, incident_id").format(
        columns=sql.SQL(", ").join(map(sql.Identifier, _COLUMNS)), where=where
    )
    events = []
    for (
        incident_id,
        day,
        time_precision,
        event_type,
        actor1,
        actor2,
        country,
        admin1,
        admin2,
        location,
        latitude,
        longitude,
        geo_precision,
        fatalities,
        first_reported_at,
    ) in conn.execute(query, params):
        events.append(
            Event(
                "ours",
                incident_id,
                day,
                day,
                time_precision,
                event_type,
                actor1,
                actor2,
                country,
                admin1,
                admin2,
                location,
                latitude,
                longitude,
                geo_precision,
                fatalities,
                first_reported_at,
            )
        )
    return events
