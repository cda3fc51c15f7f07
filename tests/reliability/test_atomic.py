"""No half steps: each pipeline step (sahelwatch.pipeline) lands whole or not at all. The step's last write is made
to fail after it has written its rows; the warehouse afterwards is exactly what it was before the step."""

from __future__ import annotations

import importlib
import json
from datetime import date
from pathlib import Path

import pytest

from sahelwatch import pipeline
from sahelwatch.config import load_settings
from sahelwatch.interval import Interval

from .corpus import GOOD_TEXT, Corpus, item

DAY = Interval.for_day(date(2025, 6, 2))
ORDER = ("load", "clean", "dedup", "extract", "fuse")
# the write each step makes last, replaced by one that writes and then fails
TARGETS = {
    "load": ("sahelwatch.load.raw", "record_source_runs"),
    "clean": ("sahelwatch.clean.stage", "upsert_rows"),
    "dedup": ("sahelwatch.dedup.store", "upsert_rows"),
    "extract": ("sahelwatch.extract.stage", "upsert_rows"),
    "fuse": ("sahelwatch.fuse.stage", "upsert_rows"),
}


class Boom(RuntimeError):
    pass


@pytest.mark.parametrize("failing", ORDER)
def test_a_step_that_fails_after_writing_leaves_nothing_behind(
    failing: str, conn, database_url: str, tmp_path: Path, checksums, monkeypatch
) -> None:
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", database_url)
    settings = load_settings()
    corpus = Corpus()
    run_file = tmp_path / "atomic.jsonl"
    run_file.write_text(
        "".join(
            json.dumps(
                item(
                    f"https://atomic.example/{n}",
                    title=f"Attaque numéro {n} à Gao",
                    text=f"{GOOD_TEXT[n % 3]} {corpus.babble()}",
                )
            )
            + "\n"
            for n in range(20)
        ),
        encoding="utf-8",
    )
    results = [{"source_id": "fuzz-source", "run_file": str(run_file), "status": "ok", "stats": {"items_seen": 20}}]
    steps = {
        "load": lambda: pipeline.load(settings, results, DAY),
        "clean": lambda: pipeline.clean(settings, DAY),
        "dedup": lambda: pipeline.dedup(settings, DAY),
        "extract": lambda: pipeline.extract_stage(settings, DAY),
        "fuse": lambda: pipeline.fuse(settings, DAY),
    }
    for name in ORDER[: ORDER.index(failing)]:
        steps[name]()
    before = checksums(conn)
    conn.rollback()

    module_name, attribute = TARGETS[failing]
    module = importlib.import_module(module_name)
    real = getattr(module, attribute)
    calls = []

    def write_then_fail(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(real(*args, **kwargs))
        raise Boom(f"{failing} dies after its write")

    monkeypatch.setattr(module, attribute, write_then_fail)
    with pytest.raises(Boom):
        steps[failing]()
    assert calls, "the failing write was never reached"
    after = checksums(conn)
    conn.rollback()
    changed = sorted(table for table in before if before[table] != after[table])
    assert changed == [], f"{failing} left half its work in {changed}"
    if failing == "load":
        assert conn.execute("select count(*) from raw.reports").fetchone()[0] == 0

    monkeypatch.setattr(module, attribute, real)  # and the step then runs normally
    steps[failing]()
    assert checksums(conn) != before
