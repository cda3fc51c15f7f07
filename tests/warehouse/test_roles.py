"""The analyst role reads marts and nothing else; the writer role runs the pipeline. Each check runs as that role
inside a transaction of the test's (superuser) connection, with `set local role`."""

from contextlib import contextmanager

import psycopg
import pytest
from psycopg import errors

ANALYST, WRITER = "sahelwatch_analyst", "sahelwatch_writer"
# what the analyst commands read instead of raw and staging (012_analyst_access.sql)
ANALYST_ACCESS = (
    "marts.source_runs",
    "marts.supporting_reports",
    "marts.report_exclusions",
    "marts.source_crawl_health",
)


@contextmanager
def as_role(conn: psycopg.Connection, role: str):
    with conn.transaction(force_rollback=True):
        conn.execute(f"set local role {role}")
        yield conn


def denied(conn: psycopg.Connection, role: str, statement: str) -> bool:
    try:
        with as_role(conn, role):
            conn.execute(statement)
    except errors.InsufficientPrivilege:
        return True
    return False


def test_roles_exist_and_cannot_log_in(conn) -> None:
    rows = conn.execute(
        "select rolname, rolcanlogin, rolsuper from pg_roles where rolname in (%s, %s) order by rolname",
        (ANALYST, WRITER),
    ).fetchall()
    assert rows == [(ANALYST, False, False), (WRITER, False, False)]


@pytest.mark.parametrize(
    "relation",
    [
        "marts.incidents",
        "marts.incident_sources",
        "marts.incident_aliases",
        "marts.daily_counts",
        "marts.monthly_counts",
        "marts.monthly_actor_counts",
        "marts.incidents_with_sources",
        "marts.acled_events",
        "marts.source_health",
        "marts.countries",
        *ANALYST_ACCESS,
    ],
)
def test_analyst_reads_every_marts_relation(conn, relation: str) -> None:
    with as_role(conn, ANALYST):
        conn.execute(f"select * from {relation} limit 1").fetchall()


@pytest.mark.parametrize("view", ANALYST_ACCESS)
def test_analyst_access_views_explain_every_column(conn, view: str) -> None:
    uncommented = conn.execute(
        "select attname from pg_attribute where attrelid = %s::regclass and attnum > 0 and not attisdropped"
        " and coalesce(col_description(attrelid, attnum), '') = ''",
        (view,),
    ).fetchall()
    assert uncommented == []
    assert "One row per" in conn.execute("select obj_description(%s::regclass, 'pg_class')", (view,)).fetchone()[0]


@pytest.mark.parametrize(
    "statement",
    [
        "insert into marts.incident_aliases (alias_id, incident_id) values ('a', 'b')",
        "update marts.incidents set fatalities = 0",
        "delete from marts.incident_sources",
        "truncate marts.daily_counts",
        "select marts.refresh_counts(null)",
        "create table marts.mine (x int)",
        "select * from raw.reports",
        "select * from raw.source_runs",
        "select * from staging.reports",
        "select * from staging.report_incidents",
        "select * from staging.report_exclusions",
        "select * from raw.source_health",
        "select * from public.schema_migrations",
    ],
)
def test_analyst_cannot_write_or_read_raw_and_staging(conn, statement: str) -> None:
    assert denied(conn, ANALYST, statement)


def test_analyst_privileges_in_the_catalogue(conn) -> None:
    checks = conn.execute(
        "select has_schema_privilege(%(r)s, 'raw', 'usage'), has_schema_privilege(%(r)s, 'staging', 'usage'),"
        " has_schema_privilege(%(r)s, 'marts', 'usage'), has_schema_privilege(%(r)s, 'marts', 'create'),"
        " has_table_privilege(%(r)s, 'marts.incidents', 'select'),"
        " has_table_privilege(%(r)s, 'marts.incidents', 'insert')",
        {"r": ANALYST},
    ).fetchone()
    assert checks == (False, False, True, False, True, False)


def test_future_marts_tables_are_readable_by_analysts(conn) -> None:
    with conn.transaction(force_rollback=True):
        conn.execute("create table marts.future_table (x integer)")
        assert conn.execute("select has_table_privilege(%s, 'marts.future_table', 'select')", (ANALYST,)).fetchone()[0]


def test_writer_writes_every_layer_but_not_the_schema(conn) -> None:
    with as_role(conn, WRITER):
        conn.execute(
            "insert into raw.source_runs (source_id, interval_start, interval_end, status)"
            " values ('s', '2025-06-02', '2025-06-03', 'ok')"
        )
        conn.execute("select count(*) from staging.report_incidents").fetchone()
        conn.execute("select marts.refresh_counts(array[date '2025-06-02'])")
        conn.execute("create temporary table scratch (x int)")
    assert denied(conn, WRITER, "create table marts.mine (x int)")
    assert denied(conn, WRITER, "drop table marts.daily_counts")
