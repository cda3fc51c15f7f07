"""dedup_interval against the warehouse, across two days: copies point to earlier reports, re-runs change nothing,
signatures are stored and reused."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest

from sahelwatch.clean.stage import clean_interval
from sahelwatch.dedup.signature import SignatureParams
from sahelwatch.dedup.stage import dedup_interval
from sahelwatch.interval import Interval
from sahelwatch.load.raw import load_run_files

from .pairs import load

DAY1 = Interval.for_day(date(2025, 9, 14))
DAY2 = Interval.for_day(date(2025, 9, 15))
DOCUMENTS, _ = load()


def _item(key: str, url: str, interval: Interval, hours: float) -> dict:
    """A crawled item as the spiders write it to a run file."""
    document = DOCUMENTS[key]
    return {
        "source_id": document.outlet,
        "url": url,
        "title": document.title,
        "text": document.raw_text,
        "page_published": (interval.start + timedelta(hours=hours)).isoformat(),
        "language_hint": document.language,
        "http_status": 200,
        "fetched_at": (interval.start + timedelta(hours=20)).isoformat(),
    }


def _load(conn: psycopg.Connection, directory: Path, interval: Interval, items: list[dict]) -> None:
    """Through the real loader, so raw.reports is filled exactly as in a run."""
    path = directory / f"{interval.slug}.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    load_run_files(conn, [path], interval)


@pytest.fixture
def two_days(conn: psycopg.Connection, tmp_path: Path) -> psycopg.Connection:
    _load(
        conn,
        tmp_path,
        DAY1,
        [
            _item("fr_djibo_convoi/original", "https://asp.bf/2025/09/14/convoi-djibo/", DAY1, 9),
            _item("fr_coton_campagne/original", "https://faso-matin.bf/spip.php?article5001", DAY1, 10),
        ],
    )
    _load(
        conn,
        tmp_path,
        DAY2,
        [
            _item("fr_djibo_convoi/new_headline", "https://horizon.bf/17-morts-convoi-djibo/", DAY2, 8),
            _item("fr_djibo_convoi/edited", "https://sahelien.ml/attaque-convoi-djibo/", DAY2, 7),
            _item("fr_djibo_convoi/rival", "https://liptako.bf/djibo-convoi-attendu/", DAY2, 6),
            _item("fr_coton_campagne/original", "https://m.faso-matin.bf/spip.php?article5001&utm_source=wa", DAY2, 11),
        ],
    )
    return conn


def _run(conn: psycopg.Connection, *intervals: Interval) -> None:
    for interval in intervals:
        clean_interval(conn, interval)
        dedup_interval(conn, interval)


def _state(conn: psycopg.Connection) -> tuple[list[tuple], list[tuple]]:
    reports = conn.execute(
        "select url, duplicate_of, cluster_id, duplicate_rule, duplicate_similarity from staging.reports order by url"
    ).fetchall()
    signatures = conn.execute(
        "select report_id, params, content_hash, shingle_count, body_minhash, lead_minhash"
        " from staging.report_signatures order by report_id"
    ).fetchall()
    return reports, signatures


def _id(conn: psycopg.Connection, url: str) -> str:
    return conn.execute("select report_id from raw.reports where url = %s", (url,)).fetchone()[0]


def test_day_two_copies_point_to_day_one(two_days: psycopg.Connection) -> None:
    conn = two_days
    clean_interval(conn, DAY1)
    assert dedup_interval(conn, DAY1).duplicates == 0
    clean_interval(conn, DAY2)
    result = dedup_interval(conn, DAY2)
    assert (result.reports, result.duplicates) == (4, 3)
    original = _id(conn, "https://asp.bf/2025/09/14/convoi-djibo/")
    rows = {url: rest for url, *rest in _state(conn)[0]}
    assert rows["https://horizon.bf/17-morts-convoi-djibo/"][:3] == [original, original, "hash"]
    edited = rows["https://sahelien.ml/attaque-convoi-djibo/"]
    assert edited[:3] == [original, original, "near"] and 0.38 <= edited[3] < 1
    rival = "https://liptako.bf/djibo-convoi-attendu/"
    assert rows[rival][:3] == [None, _id(conn, rival), None]
    spip = _id(conn, "https://faso-matin.bf/spip.php?article5001")
    assert rows["https://m.faso-matin.bf/spip.php?article5001&utm_source=wa"][:3] == [spip, spip, "url"]
    (params,) = conn.execute("select distinct params from staging.report_signatures").fetchone()
    assert params == SignatureParams().name
    assert conn.execute("select count(*) from staging.report_signatures").fetchone()[0] == 6


def test_re_running_gives_identical_rows(two_days: psycopg.Connection) -> None:
    conn = two_days
    _run(conn, DAY1, DAY2)
    first = _state(conn)
    dedup_interval(conn, DAY2)
    assert _state(conn) == first
    _run(conn, DAY1, DAY2)  # clean resets the columns, dedup sets them again
    assert _state(conn) == first


def test_near_duplicates_are_looked_for_within_the_window_only(two_days: psycopg.Connection) -> None:
    conn = two_days
    _run(conn, DAY1)
    clean_interval(conn, DAY2)
    dedup_interval(conn, DAY2, days=0)
    rules = dict(
        conn.execute(
            "select url, duplicate_rule from staging.reports where interval_start = %s", (DAY2.start,)
        ).fetchall()
    )
    assert rules["https://sahelien.ml/attaque-convoi-djibo/"] is None  # near match is outside a 0-day window
    assert rules["https://horizon.bf/17-morts-convoi-djibo/"] == "hash"  # exact matches look at all history


def test_stale_signatures_are_recomputed_not_compared(two_days: psycopg.Connection) -> None:
    conn = two_days
    _run(conn, DAY1)
    conn.execute("update staging.report_signatures set params = 'older-params', body_minhash = '\\x00'")
    conn.commit()
    clean_interval(conn, DAY2)
    dedup_interval(conn, DAY2)
    edited = conn.execute(
        "select duplicate_rule from staging.reports where url = %s", ("https://sahelien.ml/attaque-convoi-djibo/",)
    ).fetchone()[0]
    assert edited == "near"


def test_window_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from sahelwatch.dedup.stage import window_days

    assert window_days() == 7
    monkeypatch.setenv("SAHELWATCH_DEDUP_WINDOW_DAYS", "3")
    assert window_days() == 3
    monkeypatch.setenv("SAHELWATCH_DEDUP_WINDOW_DAYS", "-1")
    with pytest.raises(ValueError):
        window_days()


def test_stages_commit_on_a_connection_that_is_only_closed(two_days: psycopg.Connection, database_url: str) -> None:
    """sahelwatch.pipeline opens a connection per step and closes it without committing: the step commits."""
    two_days.commit()
    for step in (clean_interval, dedup_interval):
        for interval in (DAY1, DAY2):
            connection = psycopg.connect(database_url)
            step(connection, interval)
            connection.close()
    with psycopg.connect(database_url) as fresh:
        assert fresh.execute("select count(*) from staging.reports where duplicate_of is not null").fetchone() == (3,)
        assert fresh.execute("select count(*) from staging.report_signatures").fetchone() == (6,)


def test_batches_give_the_same_rows_as_one_pass(two_days: psycopg.Connection, monkeypatch) -> None:
    """Today's reports are signed batch by batch (texts are dropped once signed); batches of one report must give
    the clusters and signatures of a single batch."""
    from sahelwatch.dedup import store

    conn = two_days
    _run(conn, DAY1, DAY2)
    whole = _state(conn)
    monkeypatch.setattr(store, "BATCH_ROWS", 1)
    _run(conn, DAY1, DAY2)
    assert _state(conn) == whole
