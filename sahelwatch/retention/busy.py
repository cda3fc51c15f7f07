"""Which data intervals Airflow is processing now, read from its metadata database (read-only).

Pruning must not pull a day's run files or raw pages from under a run that is loading or cleaning them. The DAG
runs that are queued or running are the truth about that, for the scheduler's runs, backfills and `sahelwatch run`
(`airflow dags test` records its run too), so their intervals are read from Airflow's own `dag_run` table: no lock
file that a killed task could leave behind. The interval of a run is computed as the DAG computes it
(`interval_for_run`: the run's configuration, then its data interval, then its logical date).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from sahelwatch.db.rows import one_row
from sahelwatch.interval import Interval, interval_for_run

ACTIVE_STATES = ("queued", "running")
_QUERY = (
    "select conf, data_interval_start, data_interval_end, logical_date from dag_run"  # noqa: S608 - constants
    f" where state in ({', '.join(repr(state) for state in ACTIVE_STATES)})"
)


class AirflowMetadataError(RuntimeError):
    """Airflow's metadata exists but cannot be read: pruning stops rather than risk a day that is being processed."""


def metadata_url(environ: Mapping[str, str]) -> str:
    """Airflow's metadata database as its SQLAlchemy URL: the configured one, else its SQLite default."""
    configured = environ.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "").strip()
    if configured:
        return configured
    return f"sqlite:///{Path(environ.get('AIRFLOW_HOME', '~/airflow')).expanduser() / 'airflow.db'}"


def _rows(url: str) -> list[tuple[Any, ...]]:
    """The active runs' rows; none when Airflow has no metadata yet (it never ran here)."""
    if url.startswith("sqlite:"):
        path = Path(url.split("///", 1)[1].split("?", 1)[0]) if "///" in url else None
        if path is None or not path.exists():
            return []
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            if not db.execute("select 1 from sqlite_master where name = 'dag_run'").fetchone():
                return []
            return db.execute(_QUERY).fetchall()
    if url.startswith("postgresql"):
        libpq = "postgresql://" + url.split("://", 1)[1]  # without SQLAlchemy's +driver
        with psycopg.connect(libpq) as conn:
            if one_row(conn.execute("select to_regclass('dag_run')"))[0] is None:
                return []
            return conn.execute(_QUERY).fetchall()
    raise AirflowMetadataError(
        f"cannot read Airflow's metadata at {url.split('://', 1)[0]}://… (only SQLite and"
        " PostgreSQL are read); prune needs it to know which days are being processed"
    )


def _moment(value: Any) -> datetime | None:
    """A timestamp as SQLite (text, UTC without zone) or PostgreSQL (aware) returns it."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _interval(conf: Any, start: Any, end: Any, logical: Any) -> Interval | None:
    settings = json.loads(conf) if isinstance(conf, (str, bytes)) else conf
    try:
        return interval_for_run(
            settings if isinstance(settings, dict) else {}, _moment(start), _moment(end), _moment(logical)
        )
    except ValueError:  # a run without any date (an asset-triggered run): it names no day
        return None


def active_intervals(environ: Mapping[str, str] | None = None) -> list[Interval]:
    """The data intervals of every queued or running DAG run, whatever the DAG."""
    url = metadata_url(os.environ if environ is None else environ)
    try:
        rows = _rows(url)
    except (sqlite3.Error, psycopg.Error) as exc:
        raise AirflowMetadataError(
            f"cannot read Airflow's metadata to see which days are being processed ({exc});"
            " check AIRFLOW_HOME / AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"
        ) from exc
    return [interval for interval in (_interval(*row) for row in rows) if interval is not None]


def overlaps(start: datetime, end: datetime, busy: Iterable[Interval]) -> bool:
    """Whether [start, end) shares any instant with an interval being processed."""
    return any(start < interval.end and interval.start < end for interval in busy)
