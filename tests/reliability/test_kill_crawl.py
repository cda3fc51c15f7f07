"""A crawl killed with SIGKILL mid-way leaves no run file to load and no Scrapy process behind; the re-run crawl and
load are complete, without duplicates.

`sahelwatch.pipeline.crawl` runs in a child process (as in an Airflow worker) against the replica's 40-entry feed,
slowed by a politeness delay so that the crawl lasts a few seconds. Once the spider has written some items, the
child is killed; its Scrapy subprocess (and anything Scrapy started) must die with it: otherwise it would finish
on its own and publish a run file, racing the next crawl of the same source and day.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

import psycopg

from sahelwatch import pipeline
from sahelwatch.config import load_settings
from sahelwatch.crawl.runner import run_file_path
from sahelwatch.interval import Interval
from sahelwatch.load.raw import read_run_file
from sahelwatch.replica.server import fault_sources
from sahelwatch.sources.registry import parse_registry

from .processes import alive, children, descendants, wait_gone

DAY = Interval.for_day(date(2025, 6, 2))
ENTRIES = 40  # sahelwatch.replica.faults.BULK_ENTRIES, all dated 2 June 2025
CHILD = (
    "import json, sys; from datetime import date; from sahelwatch import pipeline;"
    " from sahelwatch.config import load_settings; from sahelwatch.interval import Interval;"
    " pipeline.crawl(load_settings(), json.loads(sys.argv[1]), Interval.for_day(date(2025, 6, 2)))"
)


def slow_bulk_source(base_url: str) -> dict:
    """The replica's bulk feed, every entry fetched one at a time 0.25 s apart: a crawl of about 10 s."""
    entry = next(e for e in fault_sources(base_url) if e["id"] == "faults-bulk")
    entry = {**entry, "id": "slow-bulk", "delay": 0.25, "concurrency": 1}
    entry.pop("max_items")
    return asdict(parse_registry([entry])[0])


def _complete_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_sigkill_mid_crawl_leaves_no_run_file_nor_scrapy_and_the_rerun_is_complete(
    replica, conn: psycopg.Connection, database_url: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", database_url)
    monkeypatch.setenv("SAHELWATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SAHELWATCH_ALLOWED_HOSTS", "127.0.0.1")
    settings = load_settings()
    source = slow_bulk_source(replica.base_url)
    run_file = run_file_path(settings, source["id"], DAY)
    part = run_file.with_suffix(".part")

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, json.dumps(source)],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    started = time.monotonic()
    while _complete_lines(part) < 3:
        assert child.poll() is None, f"the crawl ended before writing 3 items: {child.stderr.read()[-2000:]!r}"
        assert time.monotonic() - started < 120, "no 3 items within 120 s"
        time.sleep(0.05)
    scrapy = children(child.pid)
    assert len(scrapy) == 1, f"expected one Scrapy subprocess, found {scrapy}"
    crawl_processes = descendants(child.pid)  # Scrapy and whatever it started
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    written = _complete_lines(part)
    print(f"killed the crawl {time.monotonic() - started:.2f} s after it started, {written} items written")
    survivors = wait_gone(crawl_processes, timeout=5)
    assert survivors == [], f"crawl processes {survivors} of {crawl_processes} outlived the killed runner"
    assert not run_file.exists(), "a killed crawl published a run file"
    assert written < ENTRIES, "the crawl was not killed mid-way"
    rows = list(read_run_file(part, DAY))  # what was written so far: whole items, at most the last one cut
    assert None not in rows[:-1] and len(rows) >= 3, "only a truncated last line may be unreadable"

    killed = pipeline.load(settings, [], DAY, expected=[source])  # the DAG's load after the crawl task died
    assert (killed["rows_inserted"], killed["sources_failed"]) == (0, 1)

    started = time.monotonic()
    result = pipeline.crawl(settings, source, DAY)
    loaded = pipeline.load(settings, [result], DAY, expected=[source])
    print(
        f"re-run crawl {result['status']}, {result['stats'].get('items_stored')} items, load {loaded}"
        f" in {time.monotonic() - started:.2f} s"
    )
    assert result["status"] == "ok" and loaded["rows_inserted"] == ENTRIES
    total, distinct = conn.execute("select count(*), count(distinct url) from raw.reports").fetchone()
    assert total == distinct == ENTRIES
    status = conn.execute("select status from raw.source_runs where source_id = %s", (source["id"],)).fetchone()
    assert status == ("ok",)
    assert not any(alive(pid) for pid in crawl_processes)
