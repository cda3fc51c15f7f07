"""A load killed with SIGKILL half-way through its COPY leaves the warehouse exactly as it was, and the next load
lands every row once.

The load runs `sahelwatch.pipeline.load` in a child process over a run file big enough for the COPY to take a
while; the test waits until PostgreSQL shows the COPY half done (pg_stat_progress_copy), then kills the child (a
loader that committed in batches would leave rows behind, or never get half-way in one COPY). Nothing here relies on
timing: the kill comes when the COPY is half done, and the checks wait for the killed backend to end.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import psycopg

from sahelwatch import pipeline
from sahelwatch.config import load_settings
from sahelwatch.interval import Interval

from .corpus import plain_run_file

DAY = Interval.for_day(date(2025, 6, 2))
LINES = 100_000
CHILD = (
    "import json, sys; from datetime import date; from sahelwatch import pipeline;"
    " from sahelwatch.config import load_settings; from sahelwatch.interval import Interval;"
    " pipeline.load(load_settings(), json.loads(sys.argv[1]), Interval.for_day(date(2025, 6, 2)))"
)


def _copy_backend(conn: psycopg.Connection, rows: int) -> int | None:
    """The backend of this database whose COPY has received at least `rows` rows by now, if there is one."""
    row = conn.execute(
        "select p.pid from pg_stat_progress_copy p join pg_stat_activity a using (pid)"
        " where p.datname = current_database() and a.query ilike 'copy incoming_rows%%'"
        " and p.tuples_processed >= %s",
        (rows,),
    ).fetchone()
    return row[0] if row else None


def _wait_until_gone(conn: psycopg.Connection, pid: int, timeout: float = 60.0) -> None:
    """PostgreSQL rolls the killed client's transaction back when it sees the connection drop; wait for that."""
    deadline = time.monotonic() + timeout
    while conn.execute("select 1 from pg_stat_activity where pid = %s", (pid,)).fetchone():
        assert time.monotonic() < deadline, f"backend {pid} of the killed load is still there"
        time.sleep(0.05)


def test_sigkill_during_the_load_copy_leaves_nothing_and_the_next_load_lands_once(
    conn: psycopg.Connection, database_url: str, tmp_path: Path, checksums, monkeypatch
) -> None:
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", database_url)
    settings = load_settings()
    earlier = pipeline.load(settings, plain_run_file(tmp_path / "earlier.jsonl", "earlier", 50), DAY)
    assert earlier["rows_inserted"] == 50
    before = checksums(conn)
    conn.rollback()

    results = plain_run_file(tmp_path / "big.jsonl", "big", LINES)
    conn.autocommit = True  # every poll sees the current pg_stat_activity
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, json.dumps(results)],
        env={**os.environ},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    started = time.monotonic()
    backend = None
    while backend is None:
        assert child.poll() is None, f"the load ended before its COPY was half done: {child.stdout.read()[-2000:]!r}"
        assert time.monotonic() - started < 300, "no COPY half done within 300 s"
        backend = _copy_backend(conn, LINES // 2)
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=60) == -signal.SIGKILL
    print(f"killed the load {time.monotonic() - started:.2f} s after it started, its COPY past {LINES // 2} rows")
    _wait_until_gone(conn, backend)

    assert checksums(conn) == before
    assert conn.execute("select count(*) from raw.reports").fetchone()[0] == 50
    assert conn.execute("select count(*) from raw.source_runs").fetchone()[0] == 1  # only the earlier load's

    started = time.monotonic()
    again = pipeline.load(settings, results, DAY)
    print(f"load after the kill: {again} in {time.monotonic() - started:.2f} s")
    assert again["rows_inserted"] == LINES and again["lines_rejected"] == 0
    total, distinct = conn.execute("select count(*), count(distinct url) from raw.reports").fetchone()
    assert total == distinct == LINES + 50
    landed = checksums(conn)
    assert pipeline.load(settings, results, DAY)["rows_inserted"] == 0
    assert checksums(conn) == landed
