"""One unreachable source turns its own crawl red and alerts, yet the day completes; a failing check fails the day.

Runs the real DAG with `dag.test()` on the replica plus a source on a closed loopback port, with the warehouse given
only as the Airflow connection `sahelwatch_warehouse` (SAHELWATCH_DATABASE_URL points nowhere), the interval from
the timetable (no run configuration) and alerts posted to a local receiver.
"""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import yaml

LOGICAL_DATE = datetime(2025, 6, 3, tzinfo=UTC)  # a manual run covers the day before: 2025-06-02
DAY_START = datetime(2025, 6, 2, tzinfo=UTC)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def registry_with_dead_source(replica_registry: Path) -> Path:
    document = yaml.safe_load(replica_registry.read_text(encoding="utf-8"))
    document["sources"].append(
        {
            "id": "closed-port",
            "name": "Nobody listens",
            "country": "Mali",
            "language": "fr",
            "kind": "rss",
            "url": f"http://127.0.0.1:{_closed_port()}/feed/",
            # fail fast: no politeness delay, no retry inside the crawl (Airflow retries it)
            "delay": 0,
            "retries": 0,
            "retry_backoff": 0,
        }
    )
    replica_registry.write_text(yaml.safe_dump(document), encoding="utf-8")
    return replica_registry


@pytest.fixture
def orchestrated(monkeypatch: pytest.MonkeyPatch, database_url: str, webhook_receiver) -> None:
    """Fast retries, alerts to the receiver, and the warehouse only through the Airflow connection."""
    monkeypatch.setenv("SAHELWATCH_RETRY_DELAY_SECONDS", "1")
    monkeypatch.setenv("SAHELWATCH_ALERT_WEBHOOK", webhook_receiver.url)
    info = psycopg.conninfo.conninfo_to_dict(database_url)
    host = quote(info["host"], safe="")  # the embedded server's socket directory goes in the host part, quoted
    url = f"postgresql://{info.get('user') or 'postgres'}@{host}:{info.get('port') or 5432}/{info['dbname']}"
    monkeypatch.setenv("AIRFLOW_CONN_SAHELWATCH_WAREHOUSE", url)
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", f"postgresql://postgres@127.0.0.1:{_closed_port()}/nowhere")


def _run(**kwargs):  # noqa: ANN003, ANN202 - (DagRun, {(task_id, map label): (state, try_number)})
    from airflow.dag_processing.dagbag import DagBag
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session

    from sahelwatch.resources import DAGS_DIR

    dag = DagBag(dag_folder=DAGS_DIR).dags["sahelwatch_daily"]
    run = dag.test(logical_date=LOGICAL_DATE, **kwargs)
    with create_session() as session:
        rows = (
            session.query(
                TaskInstance.task_id, TaskInstance.rendered_map_index, TaskInstance.state, TaskInstance.try_number
            )
            .filter(TaskInstance.dag_id == dag.dag_id, TaskInstance.run_id == run.run_id)
            .all()
        )
    return run, {(task_id, label): (str(state), tries) for task_id, label, state, tries in rows}


@pytest.mark.timeout(600)
def test_dead_source_is_red_and_alerted_but_the_day_succeeds(
    airflow_db: None, conn: psycopg.Connection, registry_with_dead_source: Path, orchestrated: None, webhook_receiver
) -> None:
    run, tasks = _run()
    assert str(run.state) == "success"
    assert (run.data_interval_start, run.data_interval_end) == (DAY_START, LOGICAL_DATE)
    assert tasks[("crawl", "closed-port")] == ("failed", 3)  # tried, retried twice with backoff, then red
    for source in ("echos-du-delta", "faso-matin", "sahel-wire"):
        assert tasks[("crawl", source)] == ("success", 1)
    others = {key: value for key, value in tasks.items() if key[0] != "crawl"}
    assert all(state == "success" for state, _ in others.values()), others
    assert {task_id for task_id, _ in others} >= {
        "load",
        "clean",
        "dedup",
        "extract",
        "fuse",
        "report",
        "checks.row_counts",
        "checks.stale_sources",
    }

    outcomes = dict(
        conn.execute("select source_id, status from raw.source_runs where interval_start = %s", (DAY_START,)).fetchall()
    )
    assert outcomes == {"closed-port": "failed", "echos-du-delta": "ok", "faso-matin": "ok", "sahel-wire": "ok"}
    assert conn.execute("select count(*) from raw.reports").fetchone()[0] == 7

    alerts = [post["body"] for post in webhook_receiver.wait_for(1)]
    assert [(a["kind"], a["task_id"], a["try_number"]) for a in alerts] == [("task_failed", "crawl", 3)]
    assert "closed-port" in alerts[0]["reason"]
    assert alerts[0]["interval_start"].startswith("2025-06-02T00:00:00")


@pytest.mark.timeout(600)
def test_a_failing_check_is_red_blocks_the_report_and_fails_the_day(
    airflow_db: None,
    conn: psycopg.Connection,
    replica_registry: Path,
    orchestrated: None,
    webhook_receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SAHELWATCH_CHECK_MIN_REPORTS", "1000")
    # Only the checks and the report matter here: the other steps are marked successful without running.
    run, tasks = _run(mark_success_pattern=r"crawl|load|clean|dedup|extract|fuse")
    assert str(run.state) == "failed"
    assert tasks[("checks.row_counts", None)] == ("failed", 1)  # no retry for a data problem
    assert tasks[("checks.stale_sources", None)] == ("success", 1)
    assert tasks[("report", None)][0] == "upstream_failed"
    bodies = [post["body"] for post in webhook_receiver.wait_for(2)]
    failed_check = [b for b in bodies if b["kind"] == "task_failed" and b["task_id"] == "checks.row_counts"]
    assert failed_check and "fewer than the minimum of 1000" in failed_check[0]["reason"]
    assert [b["run_id"] for b in bodies if b["kind"] == "run_failed"] == [run.run_id]  # and one alert for the run
