"""Scale-out: the daily DAG under the CeleryExecutor with two workers runs tasks on both workers
(benchmarks/celery_scaleout.py).

Needs the machine's Redis (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432, user postgres); takes about two
minutes. Skip with SAHELWATCH_SKIP_CELERY=1 (or SAHELWATCH_SKIP_LIVE_AIRFLOW=1).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sahelwatch.resources import REPO_ROOT

SCRIPT = REPO_ROOT / "benchmarks" / "celery_scaleout.py"


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


pytestmark = [
    pytest.mark.skipif(
        os.environ.get("SAHELWATCH_SKIP_CELERY") == "1" or os.environ.get("SAHELWATCH_SKIP_LIVE_AIRFLOW") == "1",
        reason="skipped by environment",
    ),
    pytest.mark.skipif(not (_listening(6379) and _listening(5432)), reason="no Redis or PostgreSQL on 127.0.0.1"),
]


@pytest.mark.timeout(600)
def test_tasks_run_on_both_celery_workers(tmp_path: Path) -> None:
    summary_file = tmp_path / "summary.json"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AIRFLOW__", "AIRFLOW_CONN_")) and key not in ("AIRFLOW_HOME", "SAHELWATCH_DATABASE_URL")
    }
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--json", str(summary_file), "--workdir", str(tmp_path / "work")],
        env=env,
        capture_output=True,
        text=True,
        timeout=560,
        check=False,
    )
    output = completed.stdout[-4000:] + completed.stderr[-4000:]
    assert completed.returncode == 0, output
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    assert summary["state"] == "success", output
    assert set(summary["hosts"]) == {"worker-1", "worker-2"}, output
    assert all(task["state"] == "success" for task in summary["tasks"])
    assert summary["reports_loaded"] == 7
