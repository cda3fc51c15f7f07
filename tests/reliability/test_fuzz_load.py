"""Fuzz the load path with a seeded corpus of hostile run-file lines (see corpus.py), then run clean -> dedup ->
extract -> fuse over what landed: good items all land, bad lines are skipped alone with an error naming the line,
hostile text is stored verbatim (parameterised SQL and COPY), and nothing downstream crashes."""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import date
from pathlib import Path

from sahelwatch.interval import Interval
from sahelwatch.load.raw import load_run_files

from .corpus import SQL_PAYLOADS, build_run_file
from .steps import run_steps

DAY = Interval.for_day(date(2025, 6, 2))


def test_hostile_run_file_lines_are_skipped_alone_or_stored_verbatim(conn, tmp_path: Path, caplog) -> None:
    lines, hostile = build_run_file(tmp_path / "fuzz.jsonl")
    kinds = Counter(case.kind for case in hostile)
    expected_land = [case for case in lines if case.expect == "land"]
    expected_reject = {number for number, case in enumerate(lines, start=1) if case.expect == "reject"}
    print(
        f"{len(hostile)} hostile lines ({sum(c.expect == 'reject' for c in hostile)} to reject) among "
        f"{len(lines)} lines; kinds: {dict(sorted(kinds.items()))}"
    )
    assert len(hostile) >= 200

    caplog.set_level(logging.INFO, logger="sahelwatch.load.raw")
    started = time.perf_counter()
    result = load_run_files(conn, [tmp_path / "fuzz.jsonl"], DAY)
    print(f"load: {result} in {time.perf_counter() - started:.2f} s")

    assert (result.lines_read, result.rows_valid, result.rows_inserted, result.lines_rejected) == (
        len(lines),
        len(expected_land),
        len(expected_land),
        len(expected_reject),
    )
    rejected_lines = {
        int(record.getMessage().split(" line ")[1].split()[0])
        for record in caplog.records
        if record.levelno == logging.ERROR and record.getMessage().startswith("fuzz.jsonl line ")
    }
    assert rejected_lines == expected_reject  # every rejection is logged with its line, and only those

    stored = dict(conn.execute("select url, title from raw.reports").fetchall())
    assert len(stored) == len(expected_land)
    for case in expected_land:  # every good item landed, hostile titles verbatim, NUL-bearing ones cleaned not lost
        assert stored[case.url] == case.expected_title, case.kind
    for payload in SQL_PAYLOADS:
        assert conn.execute("select count(*) from raw.reports where title = %s", (payload,)).fetchone()[0] == 1
    assert not any("\x00" in title for title in stored.values())

    results = run_steps(conn, DAY)
    assert results["clean"].reports == len(expected_land)
    assert conn.execute(
        "select to_regclass('raw.reports'), to_regclass('staging.reports'), to_regclass('marts.incidents')"
    ).fetchone() == ("raw.reports", "staging.reports", "marts.incidents")
    assert conn.execute("select count(*) from raw.reports").fetchone()[0] == len(expected_land)
    staged = {row[0] for row in conn.execute("select title from staging.reports")}
    assert "'); drop table raw.reports; --" in staged and "<script>alert(1)</script>" in staged
    assert conn.execute("select count(*) from marts.incidents").fetchone()[0] > 0  # the good items still give incidents
