"""Airflow's metadata database is migrated once per home and database: a home that ran on SQLite and then gets
SAHELWATCH_AIRFLOW_DATABASE_URL migrates the PostgreSQL database too (real `airflow db migrate` both times)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from sahelwatch.airflow_env import metadata_database
from sahelwatch.cli.airflow_runner import ensure_metadata_db


@pytest.fixture
def empty_database(server_url: str) -> Iterator[str]:
    name = f"sahelwatch_airflow_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    yield psycopg.conninfo.make_conninfo(**{**psycopg.conninfo.conninfo_to_dict(server_url), "dbname": name})
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')


def _tables(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("select count(*) from pg_tables where schemaname = 'public'").fetchone()[0]


@pytest.mark.timeout(600)
def test_a_home_moved_to_postgresql_migrates_the_new_database(tmp_path: Path, empty_database: str) -> None:
    base = {key: value for key, value in os.environ.items() if not key.startswith("AIRFLOW__DATABASE__")}
    sqlite_env = {**base, "AIRFLOW_HOME": str(tmp_path / "airflow")}
    ensure_metadata_db(sqlite_env, tmp_path / "setup.log")
    assert (tmp_path / "airflow" / "airflow.db").exists()

    ensure_metadata_db({**sqlite_env, **metadata_database(empty_database)}, tmp_path / "setup.log")
    tables = _tables(empty_database)
    print(f"metadata tables in PostgreSQL after the move: {tables}")
    assert tables > 20  # Airflow's schema: dag, dag_run, task_instance, ...

    stamps = sorted(p.name for p in (tmp_path / "airflow").glob(".migrated-*"))
    assert len(stamps) == 2, stamps
    ensure_metadata_db({**sqlite_env, **metadata_database(empty_database)}, tmp_path / "setup.log")  # stamped: no-op
    assert (tmp_path / "setup.log").read_text(encoding="utf-8").count(" db migrate\n") == 2
