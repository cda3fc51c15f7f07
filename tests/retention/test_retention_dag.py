"""The weekly retention DAG, run by Airflow (`dag.test()`): it prunes what expired and checks the free space."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from sahelwatch.interval import Interval


def _run_folder(data_dir: Path, days_ago: int) -> Path:
    day = datetime.now(UTC).date() - timedelta(days=days_ago)
    folder = data_dir / "runs" / Interval.for_day(day).slug
    folder.mkdir(parents=True)
    (folder / "echos.jsonl").write_text("{}\n", encoding="utf-8")
    return folder


@pytest.mark.timeout(600)
def test_retention_dag_prunes_and_checks_free_space(
    airflow_db: None, conn: psycopg.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.dag_processing.dagbag import DagBag

    from sahelwatch.resources import DAGS_DIR

    monkeypatch.setenv("SAHELWATCH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SAHELWATCH_CHECK_MIN_FREE_GB", "0")
    old, recent = _run_folder(tmp_path, 200), _run_folder(tmp_path, 1)
    dag = DagBag(dag_folder=DAGS_DIR).dags["sahelwatch_retention"]
    run = dag.test(logical_date=datetime.now(UTC))
    assert str(run.state) == "success"
    assert not old.exists() and recent.exists()
    states = {ti.task_id: str(ti.state) for ti in run.get_task_instances()}
    assert states == {"prune": "success", "free_space": "success"}
