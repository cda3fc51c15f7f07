"""Progress shows on a terminal and nowhere else: the commands' output in pipes and logs stays plain, parseable
text. The commands run as real subprocesses of the installed `sahelwatch`, their output on pipes or on a pty."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg
import pytest

from sahelwatch.cli.airflow_runner import DagProgress
from sahelwatch.cli.render import DayResult, print_days
from sahelwatch.summary import RunSummary

SAHELWATCH = str(Path(sys.executable).with_name("sahelwatch"))
ESC = "\x1b"
REPORT = {
    "id": "r1",
    "url": "https://example.org/a",
    "title": "Niger",
    "published_at": "2025-06-02T08:00:00Z",
    "text": "Des hommes armés ont tué sept civils samedi à Tillia, dans la région de Tahoua.",
}


def _env() -> dict[str, str]:
    """This session's settings (warehouse, data dir), without what would force or forbid a terminal display."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "120"}


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps({**REPORT, "id": f"r{n}"}) for n in range(3)) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", "{reports}"],
        ["export", "--format", "csv", "--out", "{tmp}/x.csv"],
        ["report", "--date", "2025-06-01", "--end-date", "2025-06-02", "--no-png", "--out", "{tmp}/r"],
        ["sources", "--health"],
        ["review", "list"],
    ],
    ids=lambda argv: argv[0],
)
def test_no_escape_codes_in_pipes(argv: list[str], conn: psycopg.Connection, reports: Path, tmp_path: Path) -> None:
    command = [SAHELWATCH, *(arg.format(reports=reports, tmp=tmp_path) for arg in argv)]
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout and ESC not in done.stdout and ESC not in done.stderr


def test_extract_shows_progress_on_a_terminal_and_keeps_stdout_clean(reports: Path) -> None:
    """stderr on a pseudo-terminal gets the live bar; stdout, piped to a file, stays one JSON object a line."""
    main_fd, terminal_fd = pty.openpty()
    with subprocess.Popen(
        [SAHELWATCH, "extract", str(reports)], stdout=subprocess.PIPE, stderr=terminal_fd, env=_env()
    ) as process:
        os.close(terminal_fd)
        stdout = process.stdout.read().decode("utf-8")
        shown = b""
        while True:
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            shown += chunk
    os.close(main_fd)
    assert process.returncode == 0
    assert ESC.encode() in shown  # the bar: cursor control and colours
    assert ESC not in stdout
    assert [json.loads(line)["report_id"] for line in stdout.splitlines()] == ["r0", "r1", "r2"]


LOG = """\
2026-11-25T11:06:54.284381Z [info     ] [DAG TEST] starting task_id=migrate map_index=-1 [airflow.sdk.definitions.dag]
2026-11-25T11:06:58.612414Z [info     ] [DAG TEST] end task task_id=migrate map_index=-1 [airflow.sdk.definitions.dag]
2026-11-25T11:06:58.622414Z [info     ] Task started                   [airflow.api_fastapi.execution_api.routes]
2026-11-25T11:06:59.117744Z [info     ] [DAG TEST] starting task_id=crawl map_index=2 [airflow.sdk.definitions.dag]
"""


def test_dag_progress_reads_the_dags_test_log() -> None:
    """Lines as `airflow dags test` writes them (copied from a run's log)."""
    progress, changes = DagProgress(), []
    for line in LOG.splitlines():
        if progress.feed(line):
            changes.append((progress.done, progress.running))
    assert changes == [(0, "migrate"), (1, ""), (1, "crawl[2]")]


def test_range_ends_with_one_row_per_day(capsys: pytest.CaptureFixture[str]) -> None:
    summary = RunSummary(sources=3, sources_failed=1, reports_crawled=7, reports_usable=7, duplicates=1, incidents=5)
    print_days([DayResult(date(2025, 6, 1), True, summary, 7), DayResult(date(2025, 6, 2), False, summary, 0)])
    rows = [line for line in capsys.readouterr().out.splitlines() if "2025-06-0" in line]
    assert len(rows) == 2
    assert [cell.strip() for cell in rows[0].split("│")[1:7]] == ["2025-06-01", "succeeded", "1/3", "7", "7", "5"]
    assert "FAILED" in rows[1] and ESC not in rows[1]


def test_airflow_output_is_followed_line_by_line(tmp_path: Path) -> None:
    """The runner hands each line the `airflow` command writes to its log to the callback, the last one too."""
    from sahelwatch.cli.airflow_runner import _airflow

    log_file, lines = tmp_path / "airflow.log", []
    assert _airflow(["version"], dict(os.environ), log_file, timeout=300, on_line=lines.append) == 0
    written = log_file.read_text(encoding="utf-8").split("\n", 2)[2]  # after the "$ airflow version" header
    assert lines == written.rstrip("\n").split("\n")
    assert any(line.startswith("3.") for line in lines)
