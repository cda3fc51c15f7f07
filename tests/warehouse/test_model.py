"""Warehouse model: idempotent migrations, constraints, grains, analyst views and the indexes they use."""

from datetime import date

import psycopg
import pytest
from psycopg import errors

from sahelwatch.db.migrate import MigrationsNotFound, migrate
from sahelwatch.fuse.stage import fuse_interval
from sahelwatch.interval import Interval
from sahelwatch.resources import MIGRATIONS_DIR

INCIDENT = {
    "incident_id": "t1",
    "event_date": date(2025, 6, 1),
    "time_precision": 1,
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "JNIM",
    "country": "Mali",
    "admin1": "Mopti",
    "location": "Dioura",
    "latitude": 14.87,
    "longitude": -5.25,
    "geo_precision": 1,
    "fatalities": 12,
    "fatalities_low": 10,
    "fatalities_high": 15,
    "source_count": 2,
    "outlet_count": 2,
    "first_reported_at": "2025-06-02T07:00Z",
    "last_reported_at": "2025-06-03T07:00Z",
    "evidence": "e",
    "confidence": 0.8,
}


def insert_incident(conn: psycopg.Connection, **changes: object) -> None:
    values = {**INCIDENT, **changes}
    conn.execute(
        f"insert into marts.incidents ({', '.join(values)}) values ({', '.join(['%s'] * len(values))})",
        tuple(values.values()),
    )


def catalogue(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "select 'column', table_schema || '.' || table_name || '.' || column_name || ' ' || data_type"
        "       || ' ' || is_nullable from information_schema.columns"
        " where table_schema in ('raw', 'staging', 'marts')"
        " union all select 'constraint', conrelid::regclass || ' ' || conname || ' ' || convalidated"
        " from pg_constraint where connamespace::regnamespace::text in ('raw', 'staging', 'marts')"
        " union all select 'index', schemaname || '.' || indexname from pg_indexes"
        " where schemaname in ('raw', 'staging', 'marts') order by 1, 2"
    ).fetchall()


def test_every_migration_can_run_again_without_change(conn) -> None:
    before = catalogue(conn)
    conn.commit()
    for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        with conn.transaction():
            conn.execute(path.read_text(encoding="utf-8"))
    assert catalogue(conn) == before
    assert all(row[1].endswith(" true") for row in before if row[0] == "constraint")  # all validated


def test_a_folder_without_migrations_is_an_error_not_nothing_to_do(conn, tmp_path) -> None:
    (tmp_path / "notes.sql").write_text("select 1;", encoding="utf-8")  # not NNN_name.sql
    with pytest.raises(MigrationsNotFound, match=str(tmp_path)):
        migrate(conn, tmp_path)


GRAINS = ("raw.reports", "raw.source_runs", "staging.reports", "staging.report_incidents", "staging.report_exclusions")


def test_every_table_states_its_grain(conn) -> None:
    missing = conn.execute(
        "select schemaname || '.' || tablename from pg_tables"
        " where (schemaname = 'marts' or schemaname || '.' || tablename = any(%s))"
        " and coalesce(obj_description((schemaname || '.' || tablename)::regclass, 'pg_class'), '')"
        " !~* 'one row per'",
        (list(GRAINS),),
    ).fetchall()
    assert missing == []
    rule = conn.execute(
        "select col_description('marts.incidents'::regclass, attnum) from pg_attribute"
        " where attrelid = 'marts.incidents'::regclass and attname = 'fatalities'"
    ).fetchone()[0]
    assert "lowest best estimate" in rule


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"latitude": 40.0, "longitude": 2.0}, "incidents_coordinates_check"),  # Mali, but in Spain
        ({"country": "Niger"}, "incidents_coordinates_check"),  # Dioura is not in Niger's box
        ({"latitude": 0.0, "longitude": 0.0, "country": "Atlantis"}, "incidents_coordinates_check"),
        ({"latitude": None}, "incidents_coordinates_check"),  # half a coordinate
        ({"fatalities_low": 13}, "incidents_fatality_range_check"),
        ({"fatalities_high": 11}, "incidents_fatality_range_check"),
        ({"source_count": 1, "outlet_count": 2}, "incidents_outlet_count_check"),
        ({"event_date": date(2025, 6, 9)}, "incidents_dates_check"),  # after the last report
        ({"event_date": date(1990, 1, 1)}, "incidents_dates_check"),
        ({"first_reported_at": "2025-06-04T00:00Z"}, "incidents_dates_check"),
        ({"event_type": "Weather"}, "incidents_event_type_check"),
        ({"inter1": 9}, "incidents_inter_check"),
    ],
)
def test_checks_reject_impossible_incidents(conn, changes: dict, constraint: str) -> None:
    with pytest.raises(errors.CheckViolation) as caught:
        with conn.transaction():
            insert_incident(conn, **changes)
    assert caught.value.diag.constraint_name == constraint


def test_checks_accept_admin_level_rows_and_neighbours(conn) -> None:
    with conn.transaction(force_rollback=True):
        insert_incident(conn, incident_id="a", latitude=None, longitude=None, geo_precision=3)
        insert_incident(conn, incident_id="b", country="Algeria", latitude=19.6, longitude=1.0)
        insert_incident(conn, incident_id="c", country="Ivory Coast", latitude=9.5, longitude=-5.5)
        insert_incident(
            conn,
            incident_id="d",
            fatalities=None,
            fatalities_low=None,
            fatalities_high=None,
            first_reported_at=None,
            last_reported_at=None,
        )


def test_incident_sources_need_an_incident_and_a_report(conn) -> None:
    with pytest.raises(errors.ForeignKeyViolation):
        with conn.transaction():
            conn.execute(
                "insert into marts.incident_sources (incident_id, report_id, seq, source_id, url, evidence)"
                " values ('nope', 'nope', 0, 's', 'u', 'e')"
            )


def test_daily_counts_follow_the_incidents(conn, scenario) -> None:
    reports = scenario.load("dioura")
    scenario.insert(conn, reports)
    for day in scenario.intervals(reports):
        fuse_interval(conn, Interval.for_day(day))
    conn.commit()
    daily = conn.execute("select sum(incidents), sum(fatalities), sum(sources) from marts.daily_counts").fetchone()
    direct = conn.execute("select count(*), sum(fatalities), sum(source_count) from marts.incidents").fetchone()
    assert daily == direct == (3, 23, 7)
    monthly = conn.execute(
        "select month::text, admin1, incidents, fatalities from marts.monthly_counts order by month"
    ).fetchall()
    assert monthly == [("2025-05-01", "Tombouctou", 1, 10), ("2025-06-01", "Mopti", 2, 13)]
    actors = dict(
        conn.execute("select actor, incidents from marts.monthly_actor_counts where month = '2025-06-01'").fetchall()
    )
    assert actors == {"JNIM: Group for Support of Islam and Muslims": 2, "Military Forces of Mali (2021-)": 2}
    tables = ("daily_counts", "monthly_counts", "daily_actor_counts", "monthly_actor_counts")
    before = [conn.execute(f"select * from marts.{t} order by 1, 2, 3, 4, 5").fetchall() for t in tables]
    conn.execute("select marts.refresh_counts(null)")
    assert [conn.execute(f"select * from marts.{t} order by 1, 2, 3, 4, 5").fetchall() for t in tables] == before
    conn.execute("delete from marts.incidents where event_date = '2025-06-08'")
    conn.execute("select marts.refresh_counts(array[date '2025-06-08'])")
    assert conn.execute(
        "select incidents, fatalities from marts.monthly_counts where month = '2025-06-01'"
    ).fetchall() == [(1, 10)]
    conn.rollback()
    sources = conn.execute("select count(*), count(distinct incident_id) from marts.incidents_with_sources").fetchone()
    assert sources == (7, 3)


def test_source_health(conn) -> None:
    conn.execute(
        "insert into raw.source_runs (source_id, interval_start, interval_end, items_seen, items_stored, errors,"
        " status, message) values"
        " ('echos', '2025-06-01', '2025-06-02', 5, 5, 0, 'ok', null),"
        " ('echos', '2025-06-02', '2025-06-03', 0, 0, 3, 'failed', 'timeout'),"
        " ('wire', '2025-06-02', '2025-06-03', 4, 3, 1, 'partial', null)"
    )
    rows = conn.execute(
        "select source_id, last_status, last_errors, last_message, last_success_at::date::text,"
        " runs, runs_failed, items_stored, days_since_success >= 0"
        " from marts.source_health order by source_id"
    ).fetchall()
    assert rows == [
        ("echos", "failed", 3, "timeout", "2025-06-01", 2, 1, 5, True),
        ("wire", "partial", 1, None, None, 1, 0, 3, None),
    ]


def test_source_health_ignores_crawls_dated_in_the_future(conn) -> None:
    """A crawl recorded for 2030 (before run, report and the DAG refused future days) must not make the outlet
    look fresh: its last success stays the last real one and days_since_success is never negative."""
    conn.execute(
        "insert into raw.source_runs (source_id, interval_start, interval_end, items_seen, items_stored, errors,"
        " status, message) values"
        " ('echos', '2025-06-01', '2025-06-02', 5, 5, 0, 'ok', null),"
        " ('echos', '2030-01-01', '2030-01-02', 2, 2, 0, 'ok', null)"
    )
    marts = conn.execute(
        "select last_run_at::date::text, last_success_at::date::text, runs, days_since_success > 0"
        " from marts.source_health"
    ).fetchall()
    assert marts == [("2025-06-01", "2025-06-01", 1, True)]
    raw = conn.execute(
        "select last_run_at::date::text, last_success_at::date::text, last_items_at::date::text, runs"
        " from raw.source_health"
    ).fetchall()
    assert raw == [("2025-06-01", "2025-06-01", "2025-06-01", 1)]


@pytest.mark.parametrize(
    ("where", "index"),
    [
        ("event_date between '2025-01-01' and '2025-01-31'", "incidents_date_type_idx"),
        ("country = 'Mali' and event_date >= '2025-01-01'", "incidents_country_date_idx"),
        ("country = 'Mali' and admin1 = 'Mopti' and event_date >= '2025-01-01'", "incidents_country_date_idx"),
        ("event_type = 'Battles' and event_date >= '2025-01-01'", "incidents_date_type_idx"),
        ("actor1 = 'JNIM' and event_date >= '2025-01-01'", "incidents_actor1_date_idx"),
        ("point(longitude, latitude) <@ box(point(-6, 14), point(-4, 15))", "incidents_point_idx"),
    ],
)
def test_usual_filters_have_an_index(conn, where: str, index: str) -> None:
    with conn.transaction(force_rollback=True):
        conn.execute("set local enable_seqscan = off")
        plan = "\n".join(row[0] for row in conn.execute(f"explain select * from marts.incidents where {where}"))
    assert any(name in plan for name in index.split("|")), plan
