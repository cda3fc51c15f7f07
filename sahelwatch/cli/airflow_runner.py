"""Runs the DAG once through the `airflow` command, in a subprocess, so the package itself never imports Airflow."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from sahelwatch import __version__
from sahelwatch.airflow_env import airflow_environment
from sahelwatch.config import Settings
from sahelwatch.interval import Interval

log = logging.getLogger(__name__)
DAG_ID = "sahelwatch_daily"


def _airflow(args: list[str], env: dict[str, str], log_file: Path, timeout: int) -> int:
    command = [str(Path(sys.executable).with_name("airflow")), *args]
    with open(log_file, "a", encoding="utf-8") as handle:
        handle.write(f"\n$ {' '.join(command)}\n")
        handle.flush()
        completed = subprocess.run(command, env=env, stdout=handle, stderr=subprocess.STDOUT, timeout=timeout,
                                   check=False)
    return completed.returncode


def ensure_metadata_db(env: dict[str, str], log_file: Path) -> None:
    """Create Airflow's metadata database once per Airflow home and version."""
    stamp = Path(env["AIRFLOW_HOME"]) / f".migrated-{__version__}"
    if stamp.exists():
        return
    Path(env["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
    if _airflow(["db", "migrate"], env, log_file, timeout=600) != 0:
        raise RuntimeError(f"airflow db migrate failed; see {log_file}")
    stamp.touch()


def run_dag_once(settings: Settings, interval: Interval, extra_env: dict[str, str]) -> tuple[bool, Path]:
    """`airflow dags test` for one interval; returns whether the run succeeded and where its log is."""
    env = {**os.environ, **extra_env}
    env.update(airflow_environment(settings))
    log_file = settings.data_dir / "logs" / f"dag-{interval.slug}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log_file.write_text("", encoding="utf-8")
    ensure_metadata_db(env, log_file)
    conf = {"interval_start": interval.start.isoformat(), "interval_end": interval.end.isoformat()}
    code = _airflow(["dags", "test", DAG_ID, interval.start.isoformat(), "-c", json.dumps(conf)], env, log_file,
                    timeout=3600)
    text = log_file.read_text(encoding="utf-8", errors="replace")
    states = re.findall(r"state=(success|failed)", text)
    succeeded = code == 0 and (not states or states[-1] == "success") and "DagRunState.FAILED" not in text
    return succeeded, log_file
