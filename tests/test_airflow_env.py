"""SAHELWATCH_AIRFLOW_DATABASE_URL moves Airflow's metadata to PostgreSQL: the URLs it derives reach a real server
through SQLAlchemy (the way Airflow opens them), odd characters survive, and Airflow's own variables still win."""

from __future__ import annotations

import asyncio

import psycopg
import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

from sahelwatch.airflow_env import airflow_environment, metadata_database
from sahelwatch.config import load_settings

SYNC, ASYNC = "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"


def _current_database(urls: dict[str, str]) -> tuple[str, str]:
    """current_database() as seen through the sync and the async engine."""
    engine = create_engine(urls[SYNC])
    with engine.connect() as connection:
        found = connection.execute(text("select current_database()")).scalar()
    engine.dispose()

    async def through_async() -> str:
        async_engine = create_async_engine(urls[ASYNC])
        async with async_engine.connect() as connection:
            answer = (await connection.execute(text("select current_database()"))).scalar()
        await async_engine.dispose()
        return answer

    return found, asyncio.run(through_async())


def test_metadata_urls_reach_the_server_from_both_engines(database_url: str) -> None:
    name = psycopg.conninfo.conninfo_to_dict(database_url)["dbname"]
    assert _current_database(metadata_database(database_url)) == (name, name)


def test_a_socket_directory_reaches_the_server_too(database_url: str) -> None:
    """The embedded warehouse is reached through a Unix socket; so is any server on its socket directory."""
    info = psycopg.conninfo.conninfo_to_dict(database_url)
    with psycopg.connect(database_url) as conn:
        directory = conn.execute("show unix_socket_directories").fetchone()[0].split(",")[0].strip()
    socket_url = psycopg.conninfo.make_conninfo(**{**info, "host": directory})
    assert _current_database(metadata_database(socket_url)) == (info["dbname"], info["dbname"])


def test_passwords_and_names_survive_quoting() -> None:
    url = make_url(metadata_database("host=db.example port=5433 user=ana password=p@ss:w/rd dbname=air%x")[SYNC])
    assert (url.drivername, url.host, url.port, url.username, url.password, url.database) == (
        "postgresql+psycopg",
        "db.example",
        5433,
        "ana",
        "p@ss:w/rd",
        "air%x",
    )


def test_the_variable_sets_airflows_metadata_and_airflows_own_variable_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SYNC, raising=False)
    monkeypatch.delenv(ASYNC, raising=False)
    monkeypatch.delenv("SAHELWATCH_AIRFLOW_DATABASE_URL", raising=False)
    assert SYNC not in airflow_environment(load_settings())  # SQLite in AIRFLOW_HOME, Airflow's default

    monkeypatch.setenv("SAHELWATCH_AIRFLOW_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/meta")
    assert airflow_environment(load_settings())[SYNC] == "postgresql+psycopg://postgres@127.0.0.1:5432/meta"

    monkeypatch.setenv(SYNC, "postgresql+psycopg://other@db:5432/theirs")
    assert airflow_environment(load_settings())[SYNC] == "postgresql+psycopg://other@db:5432/theirs"
