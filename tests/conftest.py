"""Shared fixtures: a real PostgreSQL (the machine's server, or the embedded one), the replica, Airflow's home.

Airflow reads its configuration at first import, so its environment is set here, before any test imports it.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="sahelwatch-tests-"))
os.environ.setdefault("SAHELWATCH_DATA_DIR", str(_SESSION_DIR / "data"))
os.environ.setdefault("AIRFLOW_HOME", str(_SESSION_DIR / "airflow"))

from sahelwatch.airflow_env import airflow_environment  # noqa: E402
from sahelwatch.config import load_settings  # noqa: E402

os.environ.update(airflow_environment(load_settings(), parallelism=2))
os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")

FIXTURES = Path(__file__).parent / "fixtures"
MACHINE_SERVER = os.environ.get("SAHELWATCH_TEST_SERVER_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _server_url() -> str:
    """The machine's PostgreSQL when it answers (CI), else an embedded one (a laptop without PostgreSQL)."""
    try:
        with psycopg.connect(MACHINE_SERVER, connect_timeout=3):
            return MACHINE_SERVER
    except psycopg.OperationalError:
        from sahelwatch.db.embedded import start_embedded

        return start_embedded(_SESSION_DIR / "embedded")


def _with_database(url: str, name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = name
    return psycopg.conninfo.make_conninfo(**info)


@pytest.fixture(scope="session")
def server_url() -> str:
    return _server_url()


@pytest.fixture(scope="session")
def database_url(server_url: str) -> Iterator[str]:
    """A fresh, migrated warehouse database for the session, dropped at the end."""
    from sahelwatch.db.migrate import migrate

    name = f"sahelwatch_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    url = _with_database(server_url, name)
    with psycopg.connect(url) as conn:
        migrate(conn)
    os.environ["SAHELWATCH_DATABASE_URL"] = url
    yield url
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    """A connection to an emptied warehouse: every test starts from no rows."""
    with psycopg.connect(database_url) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "select format('%I.%I', schemaname, tablename) from pg_tables"
                " where schemaname in ('raw', 'staging', 'marts')"
            )
        ]
        if tables:
            connection.execute(f"truncate {', '.join(tables)} cascade")
        connection.commit()
        yield connection


@pytest.fixture(scope="session")
def replica() -> Iterator[object]:
    from sahelwatch.replica.server import ReplicaServer

    with ReplicaServer() as server:
        yield server


@pytest.fixture
def replica_registry(replica: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The replica's source registry, and the address guard opened to loopback for it."""
    import yaml

    from sahelwatch.replica.server import replica_sources

    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": replica_sources(replica.base_url)}), encoding="utf-8")
    monkeypatch.setenv("SAHELWATCH_SOURCES_FILE", str(path))
    monkeypatch.setenv("SAHELWATCH_ALLOWED_HOSTS", "127.0.0.1")
    return path


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """Airflow's own metadata database (SQLite in the session's AIRFLOW_HOME), created once."""
    import subprocess
    import sys

    airflow = Path(sys.executable).with_name("airflow")
    subprocess.run([str(airflow), "db", "migrate"], check=True, capture_output=True, timeout=600)


def warehouse_checksums(connection: psycopg.Connection) -> dict[str, str]:
    """One digest per warehouse table, to prove that a re-run changed nothing."""
    digests = {}
    for (table,) in connection.execute(
        "select format('%I.%I', schemaname, tablename) from pg_tables"
        " where schemaname in ('raw', 'staging', 'marts') order by 1"
    ).fetchall():
        digests[table] = connection.execute(
            f"select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from {table} t"
        ).fetchone()[0]
    return digests


@pytest.fixture
def checksums():  # noqa: ANN201 - returns the function, for tests that compare runs
    return warehouse_checksums


@pytest.fixture(scope="session")
def scenario():  # noqa: ANN201 - a module
    """tests/fixtures/fusion/scenario.py: writes fusion scenarios straight into raw and staging."""
    import importlib.util

    path = FIXTURES / "fusion" / "scenario.py"
    spec = importlib.util.spec_from_file_location("fusion_scenario", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fused(conn, scenario):  # noqa: ANN001, ANN201 - a connection and a module
    """The warehouse after fusing the Dioura scenario (one incident, five reports): what export and review read."""
    from sahelwatch.fuse.stage import fuse_interval
    from sahelwatch.interval import Interval

    reports = scenario.load("dioura")
    scenario.insert(conn, reports)
    for day in scenario.intervals(reports):
        fuse_interval(conn, Interval.for_day(day))
    conn.commit()
    return conn
