"""Which incidents an export holds, read from marts.acled_events (analysts' view) in a stable order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import psycopg
from psycopg import sql

from sahelwatch.export import vocabulary

# ACLED's columns, in ACLED's order; sahelwatch fills what it has and leaves the rest empty.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# sahelwatch's own columns, after ACLED's.
EXTRA_COLUMNS = (
    "fatalities_low",
    "fatalities_high",
    "injured",
    "abducted",
    "source_count",
    "source_urls",
    "confidence",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
BATCH_ROWS = 5_000


@dataclass(frozen=True)
class ExportFilter:
    """Which incidents to export: event dates from start to end (both included), countries and event types; an
    empty field means no restriction. Event types are checked and spelt ACLED's way here (UnknownValue); countries
    are names, ISO alpha-3 codes or aliases until `resolved` turns them into the warehouse's names (export_incidents
    does it), since the list of countries lives in the warehouse (sahelwatch.export.vocabulary)."""

    start: date | None = None
    end: date | None = None
    countries: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        object.__setattr__(self, "event_types", vocabulary.event_types(self.event_types))

    def resolved(self, conn: psycopg.Connection) -> ExportFilter:
        """The same filter with its countries as marts.countries names; UnknownValue for a country it lacks."""
        if not self.countries:
            return self
        names = vocabulary.countries(self.countries, vocabulary.warehouse_countries(conn))
        return replace(self, countries=names)

    def where(self) -> tuple[sql.Composable, dict[str, Any]]:
        clauses: list[sql.Composable] = []
        params: dict[str, Any] = {}
        if self.start:
            clauses.append(sql.SQL("event_date >= %(start)s"))
            params["start"] = self.start
        if self.end:
            clauses.append(sql.SQL("event_date <= %(end)s"))
            params["end"] = self.end
        if self.countries:  # names as `resolved` gives them: an indexable equality
            clauses.append(sql.SQL("country = any(%(countries)s)"))
            params["countries"] = list(self.countries)
        if self.event_types:
            clauses.append(sql.SQL("event_type = any(%(event_types)s)"))
            params["event_types"] = list(self.event_types)
        where = sql.SQL(" and ").join(clauses) if clauses else sql.SQL("true")
        return where, params


def export_query(selection: ExportFilter) -> tuple[sql.Composed, dict[str, Any]]:
    where, params = selection.where()
    query = sql.SQL("select {columns} from marts.acled_events where {where} order by event_date, incident_id").format(
        columns=sql.SQL(", ").join(map(sql.Identifier, COLUMNS)), where=where
    )
    return query, params


def rows(conn: psycopg.Connection, selection: ExportFilter) -> Iterator[tuple[Any, ...]]:
    """The selected incidents as tuples in COLUMNS order, streamed through a server-side cursor (constant memory
    whatever the export's size)."""
    query, params = export_query(selection)
    with conn.transaction(), conn.cursor(name="sahelwatch_export") as cursor:
        cursor.itersize = BATCH_ROWS
        cursor.execute(query, params)
        yield from cursor
