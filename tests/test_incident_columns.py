"""The incident's column definition (sahelwatch.incident_columns) against the migrated warehouse, both ways."""

from __future__ import annotations

import psycopg
import pytest

from sahelwatch.incident_columns import COLUMNS, TABLES, columns_of, names_of


def migrated_columns(conn: psycopg.Connection, table: str) -> dict[str, str]:
    schema, name = table.split(".")
    return dict(conn.execute(
        "select column_name, data_type from information_schema.columns where table_schema = %s and table_name = %s",
        (schema, name)).fetchall())


@pytest.mark.parametrize("table", TABLES)
def test_the_definition_has_every_column_of_the_migrated_table_and_no_other(conn, table: str) -> None:
    declared = {column.name: column.sql_type for column in columns_of(table)}
    assert migrated_columns(conn, table) == declared


def test_each_column_is_declared_once() -> None:
    names = [column.name for column in COLUMNS]
    assert len(names) == len(set(names))


def test_the_column_lists_keep_the_definitions_order() -> None:
    assert names_of("marts.incidents")[:2] == ("incident_id", "event_date")
    assert names_of("staging.report_incidents")[:2] == ("report_id", "seq")


def test_an_unknown_table_is_an_error() -> None:
    with pytest.raises(ValueError, match="marts.incident"):
        names_of("marts.incident")
