"""Re-running a day changes nothing: load + clean + dedup + extract + fuse of the same interval, three times, through
the pipeline's own step functions (sahelwatch.pipeline, one connection and one commit per step), on the fuzz corpus
(hostile and good items together) -> identical per-table checksums of raw, staging and marts after every run."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from sahelwatch import pipeline
from sahelwatch.config import load_settings
from sahelwatch.interval import Interval

from .corpus import build_run_file

DAY = Interval.for_day(date(2025, 6, 2))


def test_three_runs_of_a_day_leave_identical_warehouse(
    conn, database_url: str, tmp_path: Path, checksums, monkeypatch
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
    digests = []
    for run in range(3):
        started = time.perf_counter()
        loaded = pipeline.load(settings, results, DAY, expected=[{"id": "fuzz-source"}, {"id": "dead-source"}])
        steps = [
            pipeline.clean(settings, DAY),
            pipeline.dedup(settings, DAY),
            pipeline.extract_stage(settings, DAY),
            pipeline.fuse(settings, DAY),
        ]
        print(f"run {run + 1}: load {loaded}, steps {steps} in {time.perf_counter() - started:.2f} s")
        assert loaded["rows_inserted"] == (322 if run == 0 else 0) and loaded["sources_failed"] == 1
        digests.append(checksums(conn))
        conn.rollback()  # end the reading transaction before the next run's steps
    counts = {table: conn.execute(f"select count(*) from {table}").fetchone()[0] for table in digests[0]}
    print(f"tables: {len(digests[0])}, rows: {counts}")
    assert counts["raw.reports"] == 322 and counts["marts.incidents"] > 0
    assert digests[0] == digests[1] == digests[2]
