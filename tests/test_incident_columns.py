"""The incident's column definition (sahelwatch.incident_columns) against the migrated warehouse, both ways."""

from __future__ import annotations

import types
from dataclasses import fields
from typing import get_type_hints

import psycopg
import pytest

from sahelwatch.extract.model import Incident
from sahelwatch.incident_columns import (
    COLUMNS,
    INCIDENTS,
    REPORT_INCIDENTS,
    TABLES,
    IncidentFacts,
    columns_of,
    names_of,
)
from sahelwatch.report.data import MartsIncident

SQL_TYPES = {str: {"text"}, int: {"integer", "smallint"}, float: {"double precision", "real"}}
REPORT_ONLY = {"new", "sources"}  # MartsIncident's own, worked out by the report's query, not columns
MIGRATED = "select column_name, data_type from information_schema.columns where table_schema = %s and table_name = %s"


def migrated_columns(conn: psycopg.Connection, table: str) -> dict[str, str]:
    return dict(conn.execute(MIGRATED, tuple(table.split("."))).fetchall())


@pytest.mark.parametrize("table", TABLES)
def test_the_definition_has_every_column_of_the_migrated_table_and_no_other(conn, table: str) -> None:
    declared = {column.name: column.sql_type for column in columns_of(table)}
    assert migrated_columns(conn, table) == declared


def test_each_column_is_declared_once() -> None:
    names = [column.name for column in COLUMNS]
    assert len(names) == len(set(names))


def test_an_unknown_table_is_an_error() -> None:
    with pytest.raises(ValueError, match="marts.incident"):
        names_of("marts.incident")


def field_names(cls: type) -> set[str]:
    return {f.name for f in fields(cls)}


def test_the_shared_fields_are_columns_of_both_tables_with_their_types() -> None:
    hints = get_type_hints(IncidentFacts)
    for table in (REPORT_INCIDENTS, INCIDENTS):
        declared = {column.name: column.sql_type for column in columns_of(table)}
        for name, hint in hints.items():
            python_type = hint.__args__[0] if isinstance(hint, types.UnionType) else hint  # X | None: X
            assert declared[name] in SQL_TYPES[python_type], (table, name)


def test_an_extracted_incident_has_every_column_of_its_table_but_the_seq_it_is_stored_with() -> None:
    assert field_names(Incident) == set(names_of(REPORT_INCIDENTS)) - {"seq"}


def test_what_the_report_reads_of_an_incident_are_columns_of_marts_incidents() -> None:
    assert field_names(MartsIncident) - REPORT_ONLY <= set(names_of(INCIDENTS))
