"""`sahelwatch status` shows where the disk goes; a bad SAHELWATCH_RETENTION_* setting is one line and exit 2."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from sahelwatch.resources import REPO_ROOT
from sahelwatch.retention import RetentionPolicy, RetentionSettingError

SAHELWATCH = str(REPO_ROOT / "bin" / "sahelwatch")


def _cli(data_dir: Path, url: str, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SAHELWATCH, *argv],
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **os.environ,
            "SAHELWATCH_DATA_DIR": str(data_dir),
            "SAHELWATCH_DATABASE_URL": url,
            "AIRFLOW_HOME": str(data_dir / "airflow"),
            **env,
        },
    )


def test_policy_reads_each_window_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHELWATCH_RETENTION_RAW_HTML_DAYS", "30")
    policy = RetentionPolicy.from_env()
    assert policy.raw_html_days == 30 and policy.run_files_days == 90
    monkeypatch.setenv("SAHELWATCH_RETENTION_LOGS_DAYS", "0")
    with pytest.raises(RetentionSettingError, match="SAHELWATCH_RETENTION_LOGS_DAYS='0'"):
        RetentionPolicy.from_env()


def test_a_bad_window_is_one_line_and_exit_2(tmp_path: Path, database_url: str) -> None:
    done = _cli(tmp_path, database_url, "prune", "--dry-run", SAHELWATCH_RETENTION_RUN_FILES_DAYS="three months")
    assert done.returncode == 2
    assert done.stderr.startswith("error: SAHELWATCH_RETENTION_RUN_FILES_DAYS='three months' is not a number of days")
    assert len(done.stderr.strip().splitlines()) == 1


def test_status_shows_sizes_by_part_and_warns_on_low_space(tmp_path: Path, database_url: str) -> None:
    runs = tmp_path / "runs" / "20250602T0000-20250603T0000"
    runs.mkdir(parents=True)
    (runs / "echos.jsonl").write_bytes(b"x" * 3000)
    done = _cli(tmp_path, database_url, "status", SAHELWATCH_CHECK_MIN_FREE_GB="1000000000")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.split()[0] == "runs/" and line.endswith("2.9 KB") for line in lines if line.strip())
    assert any(line.strip().startswith("schema raw") for line in lines)
    assert any(line.strip().startswith("of which raw.reports.html_gz") for line in lines)
    assert "free on the data directory's disk:" in done.stdout
    assert lines[-1].startswith("warning: only ") and "sahelwatch prune" in lines[-1]
    assert "warning" not in _cli(tmp_path, database_url, "status", SAHELWATCH_CHECK_MIN_FREE_GB="0").stdout
