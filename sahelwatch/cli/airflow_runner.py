"""Runs the DAG once for a day in a subprocess (`infra/airflow/run_day.py`), so the package itself never imports
Airflow. The run it records follows the day convention of `sahelwatch/interval.py`."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sahelwatch import __version__
from sahelwatch.airflow_env import airflow_environment
from sahelwatch.config import Settings
from sahelwatch.interval import Interval
from sahelwatch.resources import AIRFLOW_SCRIPTS_DIR

log = logging.getLogger(__name__)
DAG_ID = "sahelwatch_daily"
RUN_DAY_SCRIPT = AIRFLOW_SCRIPTS_DIR / "run_day.py"
# Its last line: "sahelwatch-run: state=success run_id=manual__..."
_RESULT_LINE = re.compile(r"^sahelwatch-run: state=(\S+) run_id=(\S+)", re.MULTILINE)
POLL_SECONDS = 0.5
# `DAG.test()` logs "[DAG TEST] starting task_id=crawl map_index=0" and "[DAG TEST] end task task_id=..."
_TASK_LINE = re.compile(r"\[DAG TEST\] (starting|end task) task_id=(\S+) map_index=(-?\d+)")


@dataclass
class DagProgress:
    """How far a `DAG.test()` run is, read from its log while it runs (the log is all the CLI sees of it)."""

    done: int = 0
    running: str = ""

    def feed(self, line: str) -> bool:
        """Take one log line; True when it changed the progress."""
        found = _TASK_LINE.search(line)
        if found is None:
            return False
        event, task, index = found.groups()
        if event == "starting":
            self.running = task if index == "-1" else f"{task}[{index}]"
        else:
            self.done += 1
            self.running = ""
        return True


def _follow(handle: TextIO, pending: str, on_line: Callable[[str], None]) -> str:
    """Hand every complete line written since the last call to on_line; return the incomplete rest."""
    *lines, rest = (pending + handle.read()).split("\n")
    for line in lines:
        on_line(line)
    return rest


def _airflow(
    args: list[str],
    env: dict[str, str],
    log_file: Path,
    timeout: int,
    on_line: Callable[[str], None] = lambda line: None,
    script: Path | None = None,
) -> int:
    """`airflow <args>` (or `python <script> <args>`), its output appended to log_file and handed to on_line."""
    command = (
        [sys.executable, str(script), *args] if script else [str(Path(sys.executable).with_name("airflow")), *args]
    )
    with open(log_file, "a", encoding="utf-8") as handle, open(log_file, encoding="utf-8", errors="replace") as reader:
        handle.write(f"\n$ {' '.join(command)}\n")
        handle.flush()
        reader.seek(0, os.SEEK_END)
        process = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT)
        deadline, pending = time.monotonic() + timeout, ""
        while True:
            try:
                code = process.wait(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                pending = _follow(reader, pending, on_line)
                if time.monotonic() > deadline:
                    process.kill()
                    process.wait()
                    raise
        last = _follow(reader, pending, on_line)
        if last:
            on_line(last)
    return code


def ensure_metadata_db(env: dict[str, str], log_file: Path) -> None:
    """Create Airflow's metadata database once per Airflow home, version and database: moving the metadata to
    PostgreSQL (SAHELWATCH_AIRFLOW_DATABASE_URL) in a home that already has SQLite must migrate the new database."""
    database = env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "sqlite")
    stamp = Path(env["AIRFLOW_HOME"]) / f".migrated-{__version__}-{hashlib.sha256(database.encode()).hexdigest()[:12]}"
    if stamp.exists():
        return
    Path(env["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
    if _airflow(["db", "migrate"], env, log_file, timeout=600) != 0:
        raise RuntimeError(f"airflow db migrate failed; see {log_file}")
    stamp.touch()


def run_dag_once(
    settings: Settings,
    interval: Interval,
    extra_env: dict[str, str],
    *,
    backfill: bool = False,
    on_progress: Callable[[DagProgress], None] = lambda progress: None,
) -> tuple[bool, Path]:
    """One run of the DAG for the day that starts `interval`, recorded in Airflow with that day as its data
    interval and real start and end times; returns whether it succeeded and where its log is. `backfill` reaches the
    crawl tasks through the run's configuration; on_progress hears of every task started or ended."""
    env = {**os.environ, **extra_env}
    env.update(airflow_environment(settings))
    log_file = settings.data_dir / "logs" / f"dag-{interval.slug}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log_file.write_text("", encoding="utf-8")
    ensure_metadata_db(env, log_file)
    progress = DagProgress()

    def on_line(line: str) -> None:
        if progress.feed(line):
            on_progress(progress)

    args = [interval.start.date().isoformat(), *(["--backfill"] if backfill else [])]
    code = _airflow(args, env, log_file, timeout=3600, on_line=on_line, script=RUN_DAY_SCRIPT)
    results = _RESULT_LINE.findall(log_file.read_text(encoding="utf-8", errors="replace"))
    return code == 0 and bool(results) and results[-1][0] == "success", log_file
