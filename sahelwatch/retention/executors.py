"""Removing what a plan lists. Each executor is idempotent: what is gone is skipped, so a second prune finds
nothing to do and an interrupted prune can simply run again."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import psycopg

from sahelwatch.db.rows import one_row
from sahelwatch.retention.planner import Expired

log = logging.getLogger(__name__)

# Airflow's tables that grow with every run. The `dag` and `dag_version` rows are left alone: they describe the
# DAGs themselves, not past runs, and the scheduler re-creates nothing that `db clean` would take from them.
AIRFLOW_TABLES = (
    "dag_run",
    "task_instance",
    "task_instance_history",
    "task_reschedule",
    "xcom",
    "log",
    "job",
    "import_error",
    "asset_event",
)
AIRFLOW_CLEAN_TIMEOUT_SECONDS = 1800
_FOUND = re.compile(r"Found (\d+) rows meeting deletion criteria")  # one line per table it checks


class AirflowCleanError(RuntimeError):
    """`airflow db clean` failed; files and raw pages were pruned already, a later prune retries the metadata."""


def remove_path(item: Expired) -> int:
    """Delete a run folder, a log or a figure; the bytes freed (0 when it was already gone)."""
    path = item.path
    if path is None or not (path.exists() or path.is_symlink()):
        return 0
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
    _drop_empty_parents(path.parent)
    return item.bytes


def _drop_empty_parents(folder: Path, levels: int = 4) -> None:
    """Airflow's per-run and per-task log folders, once their last file went; stops at the first non-empty one."""
    for _ in range(levels):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def clear_html(conn: psycopg.Connection, item: Expired) -> int:
    """Drop the raw pages of one interval's reports, keeping each row with its text, so dedup (content hashes in
    staging), provenance and re-extraction still work; `html_pruned_at` records that the page was dropped on
    purpose. The bytes freed (the compressed pages' size)."""
    assert item.interval is not None
    with conn.transaction():
        freed = one_row(
            conn.execute(
                "with cleared as (update raw.reports r set html_gz = null, html_pruned_at = now()"
                " from (select report_id, octet_length(html_gz) as size from raw.reports"
                "       where interval_start = %s and interval_end = %s and html_gz is not null for update) old"
                " where r.report_id = old.report_id returning old.size) select coalesce(sum(size), 0) from cleared",
                (item.interval.start, item.interval.end),
            )
        )[0]
    return int(freed)


def airflow_command() -> str:
    """The `airflow` of this environment (the one beside our interpreter), as `sahelwatch run` starts it."""
    return str(Path(sys.executable).with_name("airflow"))


def clean_airflow(before: datetime, env: Mapping[str, str]) -> int:
    """Run `airflow db clean` for rows older than `before`, without archive tables (an archive would keep the
    bytes). Airflow's own CLI does it, because the package never imports Airflow. Returns the rows it removed."""
    command = [
        airflow_command(),
        "db",
        "clean",
        "--clean-before-timestamp",
        before.isoformat(),
        "--tables",
        ",".join(AIRFLOW_TABLES),
        "--skip-archive",
        "--yes",
    ]
    completed = subprocess.run(
        command, env=dict(env), capture_output=True, text=True, check=False, timeout=AIRFLOW_CLEAN_TIMEOUT_SECONDS
    )
    output = (completed.stdout + completed.stderr).strip().splitlines()
    if completed.returncode != 0:
        raise AirflowCleanError(
            f"`airflow db clean` failed (exit {completed.returncode}): "
            f"{output[-1] if output else 'no output'}; the rest was pruned, run `sahelwatch prune`"
            " again once Airflow's metadata database answers"
        )
    removed = sum(int(match.group(1)) for match in map(_FOUND.search, output) if match)
    log.info("airflow db clean before %s: %d rows removed", before.isoformat(), removed)
    return removed
