"""The incident's columns, declared once: each with its SQL type and the tables that hold it.

A mention of an incident (staging.report_incidents), the fused incident (marts.incidents) and what each source said
of it (marts.incident_sources) share most of their columns. The stages write the column lists derived here, and
tests/test_incident_columns.py checks them against the migrated warehouse both ways, so a migration that adds,
drops or retypes one of these columns fails a test until this module says the same. IncidentFacts is the Python
side of the columns that a mention and a fused incident share, the base of extraction's Incident and of the report's
MartsIncident.
"""

from __future__ import annotations

from dataclasses import dataclass

REPORT_INCIDENTS = "staging.report_incidents"
INCIDENTS = "marts.incidents"
INCIDENT_SOURCES = "marts.incident_sources"
TABLES = (REPORT_INCIDENTS, INCIDENTS, INCIDENT_SOURCES)

_MENTION = (REPORT_INCIDENTS, INCIDENTS)  # said by a mention and fused into the incident
_EVERYWHERE = TABLES  # also kept per source, as that source gave it
_SOURCE = (INCIDENT_SOURCES,)


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str  # as information_schema.columns.data_type names it
    tables: tuple[str, ...]


COLUMNS = (
    Column("incident_id", "text", (INCIDENTS, INCIDENT_SOURCES)),
    Column("report_id", "text", (REPORT_INCIDENTS, INCIDENT_SOURCES)),
    Column("seq", "integer", (REPORT_INCIDENTS, INCIDENT_SOURCES)),
    Column("source_id", "text", _SOURCE),
    Column("source_country", "text", _SOURCE),
    Column("url", "text", _SOURCE),
    Column("published_at", "timestamp with time zone", _SOURCE),
    Column("event_date", "date", _EVERYWHERE),
    Column("time_precision", "smallint", _MENTION),
    Column("event_type", "text", _MENTION),
    Column("sub_event_type", "text", _MENTION),
    Column("actor1", "text", _MENTION),
    Column("actor2", "text", _MENTION),
    Column("country", "text", _MENTION),
    Column("admin1", "text", _MENTION),
    Column("admin2", "text", _MENTION),
    Column("location", "text", _EVERYWHERE),
    Column("latitude", "double precision", _MENTION),
    Column("longitude", "double precision", _MENTION),
    Column("geo_precision", "smallint", _MENTION),
    Column("fatalities", "integer", _EVERYWHERE),
    Column("fatalities_low", "integer", _EVERYWHERE),
    Column("fatalities_high", "integer", _EVERYWHERE),
    Column("injured", "integer", _EVERYWHERE),
    Column("abducted", "integer", _EVERYWHERE),
    Column("source_count", "integer", (INCIDENTS,)),
    Column("outlet_count", "integer", (INCIDENTS,)),
    Column("first_reported_at", "timestamp with time zone", (INCIDENTS,)),
    Column("last_reported_at", "timestamp with time zone", (INCIDENTS,)),
    Column("evidence", "text", _EVERYWHERE),
    Column("confidence", "real", _EVERYWHERE),
    Column("inter1", "smallint", (INCIDENTS,)),
    Column("inter2", "smallint", (INCIDENTS,)),
    Column("extra", "jsonb", (REPORT_INCIDENTS,)),
    Column("match_rule", "text", _SOURCE),
    Column("distance_km", "real", _SOURCE),
    Column("copy_of", "text", _SOURCE),
)


def columns_of(table: str) -> tuple[Column, ...]:
    """The table's columns, in the order of COLUMNS; an unknown table is an error, not an empty list."""
    if table not in TABLES:
        raise ValueError(f"{table} is not one of {', '.join(TABLES)}")
    return tuple(column for column in COLUMNS if table in column.tables)


def names_of(table: str) -> tuple[str, ...]:
    """The names of the table's columns, as the stages write them."""
    return tuple(column.name for column in columns_of(table))


@dataclass
class IncidentFacts:
    """What a mention says of an incident and what fusion makes of all its mentions, as Python sees it: the fields
    that extraction's Incident and the report's MartsIncident share, columns of both staging.report_incidents and
    marts.incidents (tests/test_incident_columns.py checks names and types).

    Each of the two lists it as its second base, after a base of its own key fields: a dataclass takes the fields of
    its last base first, so both keep their field order (the order of Incident.to_row's keys, and of MartsIncident's
    positional arguments). Evidence and confidence come after fields of their own in both, so each declares them."""

    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None
    country: str
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int  # 1 town, 2 near/part of district, 3 region
    fatalities: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    injured: int | None
    abducted: int | None
