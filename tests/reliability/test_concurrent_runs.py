"""Two runs of the same interval at the same time (an Airflow retry overlapping a manual run, a backfill meeting the
daily run) do not corrupt each other: each step of two runs starts together (a barrier before every step), and the
warehouse ends as after one run alone.

A step of one run may fail on a conflict with the other (PostgreSQL reports a deadlock or a serialization failure
and rolls that step back); Airflow would retry it. The test then re-runs the day once, as the retry would, and the
warehouse must still be what one undisturbed run gives.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import psycopg

from sahelwatch import pipeline
from sahelwatch.config import load_settings
from sahelwatch.interval import Interval

from .corpus import build_run_file

DAY = Interval.for_day(date(2025, 6, 2))
STEPS = ("load", "clean", "dedup", "extract", "fuse")
RETRYABLE = {"DeadlockDetected", "SerializationFailure"}  # PostgreSQL's own "try again" errors


def _truncate(conn: psycopg.Connection) -> None:
    tables = [
        row[0]
        for row in conn.execute(
            "select format('%I.%I', schemaname, tablename) from pg_tables where schemaname in ('raw', "
            "'staging', 'marts')"
        )
    ]
    conn.execute(f"truncate {', '.join(tables)} cascade")
    conn.commit()


def test_two_simultaneous_runs_of_a_day_leave_what_one_run_leaves(
    conn: psycopg.Connection, database_url: str, tmp_path: Path, checksums, monkeypatch
) -> None:
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", database_url)
    settings = load_settings()
    build_run_file(tmp_path / "fuzz.jsonl")
    results = [
        {
            "source_id": "fuzz-source",
            "run_file": str(tmp_path / "fuzz.jsonl"),
            "status": "partial",
            "stats": {"items_seen": 437, "items_stored": 322},
        }
    ]
    calls = {
        "load": lambda: pipeline.load(settings, results, DAY),
        "clean": lambda: pipeline.clean(settings, DAY),
        "dedup": lambda: pipeline.dedup(settings, DAY),
        "extract": lambda: pipeline.extract_stage(settings, DAY),
        "fuse": lambda: pipeline.fuse(settings, DAY),
    }

    for step in STEPS:
        calls[step]()
    alone = checksums(conn)
    conn.rollback()
    _truncate(conn)

    barrier = threading.Barrier(2)
    failures: list[tuple[str, str]] = []

    def run() -> None:
        for step in STEPS:
            barrier.wait(timeout=300)
            try:
                calls[step]()
            except Exception as error:  # noqa: BLE001 - every failure is recorded and judged below
                failures.append((step, type(error).__name__))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not any(thread.is_alive() for thread in threads), "a run never finished"
    print(f"steps of the two runs that failed on a conflict (and were rolled back): {failures or 'none'}")
    assert {kind for _, kind in failures} <= RETRYABLE, f"a step failed other than on a transient conflict: {failures}"
    together = checksums(conn)
    conn.rollback()
    if not failures:
        assert together == alone
    for step in STEPS:  # the retry of whatever failed; a no-op when nothing did
        calls[step]()
    assert checksums(conn) == alone
    assert conn.execute("select count(*), count(distinct url) from raw.reports").fetchone() == (322, 322)
