"""PostgreSQL restarted while a task of the day runs: that task fails, Airflow retries it, the day completes, and the
warehouse is the same as after an undisturbed run.

The real DAG runs with `dag.test()` (which honours retries and their delay) on the replica, against a private
PostgreSQL (tests/reliability/private_postgres.py). To restart the server while a task is inside its transaction,
without guessing a time, a second session holds an exclusive lock on staging.reports: the clean task blocks on it,
the test sees it waiting in pg_stat_activity, and restarts the server then ("pg_ctl stop -m fast", then start).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from sahelwatch.db.migrate import migrate

from .private_postgres import PrivateServer, running_server, unavailable

DAY_CONF = {"day": "2025-06-02"}  # the DAG's `day` param (sahelwatch/interval.py)


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[PrivateServer]:
    if reason := unavailable():
        pytest.skip(reason)
    with running_server() as server:
        yield server


def _warehouse(server: PrivateServer, name: str) -> str:
    """A new, migrated warehouse database on the private server."""
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    with psycopg.connect(server.url(name)) as conn:
        migrate(conn)
    return server.url(name)


def _run_day(monkeypatch: pytest.MonkeyPatch, url: str) -> tuple[str, dict[tuple[str, str | None], tuple[str, int]]]:
    """The day through `dag.test()` on the warehouse `url`: the run's state, and each task's (state, try number)."""
    from airflow.dag_processing.dagbag import DagBag
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session

    from sahelwatch.resources import DAGS_DIR

    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", url)
    dag = DagBag(dag_folder=DAGS_DIR).dags["sahelwatch_daily"]
    run = dag.test(logical_date=datetime(2025, 6, 2, tzinfo=UTC), run_conf=DAY_CONF)
    with create_session() as session:
        rows = (
            session.query(
                TaskInstance.task_id, TaskInstance.rendered_map_index, TaskInstance.state, TaskInstance.try_number
            )
            .filter(TaskInstance.dag_id == dag.dag_id, TaskInstance.run_id == run.run_id)
            .all()
        )
    return str(run.state), {(task_id, label): (str(state), tries) for task_id, label, state, tries in rows}


class Restarter(threading.Thread):
    """Holds an exclusive lock on staging.reports; once a session waits for it, restarts the server."""

    def __init__(self, server: PrivateServer, url: str) -> None:
        super().__init__(daemon=True)
        self.server, self.url = server, url
        self.blocked_query: str | None = None
        self.error: BaseException | None = None
        self.locked = threading.Event()

    def run(self) -> None:
        try:
            holder = psycopg.connect(self.url)
            try:
                holder.execute("lock table staging.reports in access exclusive mode")
                self.locked.set()
                self.blocked_query = self._blocked_query()
                if self.blocked_query is not None:
                    self.server.stop("fast")  # ends the blocked task's session and the lock holder's
                    self.server.start()
            finally:
                holder.close()  # releases the lock if the server was not restarted
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.error = error
        finally:
            self.locked.set()

    def _blocked_query(self, timeout: float = 600.0) -> str | None:
        """The statement of the first session of the database that waits for a lock."""
        with psycopg.connect(self.url, autocommit=True) as watcher:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                row = watcher.execute(
                    "select query from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                ).fetchone()
                if row:
                    return row[0]
                time.sleep(0.05)
        return None


@pytest.mark.timeout(900)
def test_postgres_restart_during_a_task_is_retried_and_the_day_completes_as_undisturbed(
    airflow_db: None,
    private_postgres: PrivateServer,
    replica_registry: Path,
    tmp_path: Path,
    checksums,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SAHELWATCH_RETRY_DELAY_SECONDS", "2")
    monkeypatch.setenv("SAHELWATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("AIRFLOW_CONN_SAHELWATCH_WAREHOUSE", raising=False)

    undisturbed_url = _warehouse(private_postgres, "undisturbed")
    started = time.monotonic()
    state, tasks = _run_day(monkeypatch, undisturbed_url)
    print(f"undisturbed run: {state} in {time.monotonic() - started:.1f} s")
    assert state == "success" and all(tries == 1 for _, tries in tasks.values()), tasks

    restarted_url = _warehouse(private_postgres, "restarted")
    restarter = Restarter(private_postgres, restarted_url)
    restarter.start()
    restarter.locked.wait(60)
    started = time.monotonic()
    state, tasks = _run_day(monkeypatch, restarted_url)
    restarter.join(timeout=120)
    print(
        f"restarted run: {state} in {time.monotonic() - started:.1f} s; blocked query {restarter.blocked_query!r}"
        f"; tries { ({key[0]: tries for key, (_, tries) in tasks.items() if tries > 1}) }"
    )
    assert restarter.error is None, restarter.error
    assert restarter.blocked_query is not None, "no task ever waited for the lock"
    assert state == "success", tasks
    assert tasks[("clean", None)][0] == "success" and tasks[("clean", None)][1] >= 2
    assert all(state == "success" for state, _ in tasks.values()), tasks

    with psycopg.connect(undisturbed_url) as undisturbed, psycopg.connect(restarted_url) as restarted:
        expected, found = _digests(undisturbed, checksums), _digests(restarted, checksums)
        counts = {table: restarted.execute(f"select count(*) from {table}").fetchone()[0] for table in found}
    print(f"restarted warehouse rows: {counts}")
    assert counts["raw.reports"] == 7 and counts["marts.incidents"] > 0
    assert {t for t in expected if expected[t] != found[t]} == set()


def _digests(conn: psycopg.Connection, checksums) -> dict[str, str]:  # noqa: ANN001
    """The `checksums` fixture's digests, with raw.reports compared without fetched_at: the two runs crawled at
    different times, and that is the only thing that may differ between them."""
    digests = checksums(conn)
    digests["raw.reports"] = conn.execute(
        "select md5(string_agg((to_jsonb(t) - 'fetched_at')::text, '|' order by t.url)) from raw.reports t"
    ).fetchone()[0]
    return digests
