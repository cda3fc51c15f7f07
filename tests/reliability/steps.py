"""The warehouse steps after load, run directly on a test connection and committed like pipeline steps."""

from __future__ import annotations

import time

import psycopg

from sahelwatch.clean.stage import clean_interval
from sahelwatch.dedup.stage import dedup_interval
from sahelwatch.extract.stage import extract_interval
from sahelwatch.fuse.stage import fuse_interval
from sahelwatch.interval import Interval

STEPS = (("clean", clean_interval), ("dedup", dedup_interval), ("extract", extract_interval), ("fuse", fuse_interval))


def run_steps(conn: psycopg.Connection, interval: Interval) -> dict[str, object]:
    """clean -> dedup -> extract -> fuse over the interval, each committed; prints each step's result and time."""
    results: dict[str, object] = {}
    for name, step in STEPS:
        started = time.perf_counter()
        results[name] = step(conn, interval)
        conn.commit()
        print(f"{name}: {results[name]} in {time.perf_counter() - started:.2f} s")
    return results
