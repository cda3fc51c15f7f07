"""Environment for running Airflow on sahelwatch's DAGs, as variables only (the package never imports Airflow).

Airflow reads its configuration when first imported, so these must be set before that: the CLI sets them for
the subprocesses it starts, the tests' conftest sets them for in-process runs.
"""

from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path
from urllib.parse import quote

import psycopg

from sahelwatch.config import Settings
from sahelwatch.resources import DAGS_DIR


def _secret(path: Path) -> str:
    """A long random secret generated once per installation and kept out of the repository."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def airflow_environment(settings: Settings, parallelism: int | None = None) -> dict[str, str]:
    """Variables that point Airflow at our DAGs with small-machine defaults, without overriding the user's own."""
    home = Path(os.environ.get("AIRFLOW_HOME", settings.data_dir / "airflow"))
    workers = parallelism or max(2, min(4, os.cpu_count() or 2))
    defaults = {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_DIR),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__PARALLELISM": str(workers),
        "AIRFLOW__CORE__MAX_ACTIVE_TASKS_PER_DAG": str(workers),
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API_AUTH__JWT_SECRET": _secret(home / "jwt_secret"),
        "AIRFLOW__API__SECRET_KEY": _secret(home / "api_secret"),
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
    }
    metadata = os.environ.get("SAHELWATCH_AIRFLOW_DATABASE_URL")
    if metadata:
        defaults.update(metadata_database(metadata))
    return {key: os.environ.get(key, value) for key, value in defaults.items()}


def metadata_database(url: str) -> dict[str, str]:
    """Airflow's metadata in PostgreSQL instead of its SQLite default, given a libpq URL or key=value string.

    SQLite lets one process write at a time: a scheduler and an `airflow backfill create` writing at once fail with
    "database is locked", and a scheduler that meets that error exits. psycopg 3 drives both of Airflow's engines
    (for the async one Airflow would otherwise pick asyncpg, which is not installed)."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    credentials = quote(str(info.get("user", "postgres")), safe="")
    if info.get("password"):
        credentials += ":" + quote(str(info["password"]), safe="")
    host, port = str(info.get("host", "127.0.0.1")), info.get("port", 5432)
    database = quote(str(info.get("dbname", "airflow")), safe="")
    if host.startswith("/"):  # a socket directory: SQLAlchemy hands query arguments to psycopg as they are
        address = f"{credentials}@/{database}?host={quote(host, safe='/')}&port={port}"
    else:
        address = f"{credentials}@{host}:{port}/{database}"
    return {
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg://{address}",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": f"postgresql+psycopg_async://{address}",
    }


def worker_hostname() -> str:
    """A `[core] hostname_callable` for Airflow: SAHELWATCH_WORKER_HOSTNAME when set, else the machine's FQDN.

    Task instances record the hostname of the worker that ran them; several workers on one machine (the Celery
    scale-out demo, benchmarks/celery_scaleout.py) set this variable to tell theirs apart."""
    return os.environ.get("SAHELWATCH_WORKER_HOSTNAME") or socket.getfqdn()
