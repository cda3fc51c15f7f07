"""Data-quality checks on hand-made warehouse rows: each passes on clean data and names the problem it exists for."""

from __future__ import annotations

import gzip
from datetime import date, timedelta

import psycopg
import pytest

from sahelwatch import checks
from sahelwatch.interval import Interval

DAY = Interval.for_day(date(2025, 6, 2))
LIMITS = checks.Limits(
    min_reports=0, stale_days=3, yield_window_days=14, yield_min_history=3, yield_min_reports=5, yield_factor=3.0
)


def _raw(conn: psycopg.Connection, report_id: str, interval: Interval = DAY, source: str = "src", **values) -> None:
    row = {
        "report_id": report_id,
        "source_id": source,
        "url": f"https://example.org/{report_id}",
        "http_status": 200,
        "html_gz": gzip.compress(b"<html></html>"),
        "fetched_at": interval.start,
        "interval_start": interval.start,
        "interval_end": interval.end,
        **values,
    }
    conn.execute(
        f"insert into raw.reports ({', '.join(row)}) values ({', '.join(['%s'] * len(row))})", list(row.values())
    )


def _staged(
    conn: psycopg.Connection, report_id: str, interval: Interval = DAY, text: str | None = None, **values
) -> None:
    _raw(conn, report_id, interval)
    row = {
        "report_id": report_id,
        "source_id": "src",
        "url": f"https://example.org/{report_id}",
        "canonical_url": f"https://example.org/{report_id}",
        "title": f"Title {report_id}",
        "text": text or f"Text of {report_id}",
        "language": "fr",
        "usable": True,
        "content_hash": f"hash-{report_id}",
        "cluster_id": report_id,
        "interval_start": interval.start,
        **values,
    }
    conn.execute(
        f"insert into staging.reports ({', '.join(row)}) values ({', '.join(['%s'] * len(row))})", list(row.values())
    )


def _mention(conn: psycopg.Connection, report_id: str, seq: int = 0, **values) -> None:
    row = {
        "report_id": report_id,
        "seq": seq,
        "event_date": date(2025, 6, 1),
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "JNIM",
        "country": "Mali",
        "location": "Dioura",
        "geo_precision": 1,
        "evidence": "Des combats ont eu lieu à Dioura.",
        "confidence": 0.8,
        **values,
    }
    conn.execute(
        f"insert into staging.report_incidents ({', '.join(row)}) values ({', '.join(['%s'] * len(row))})",
        list(row.values()),
    )


def _incident(conn: psycopg.Connection, incident_id: str, report_id: str, location: str = "Dioura", **values) -> None:
    row = {
        "incident_id": incident_id,
        "event_date": date(2025, 6, 1),
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "JNIM",
        "country": "Mali",
        "location": location,
        "geo_precision": 1,
        "source_count": 1,
        "outlet_count": 1,
        "evidence": "Des combats ont eu lieu.",
        "confidence": 0.8,
        **values,
    }
    conn.execute(
        f"insert into marts.incidents ({', '.join(row)}) values ({', '.join(['%s'] * len(row))})", list(row.values())
    )
    conn.execute(
        "insert into marts.incident_sources (incident_id, report_id, seq, source_id, url, evidence)"
        " values (%s, %s, 0, 'src', 'https://example.org', 'x')",
        (incident_id, report_id),
    )


def _source_run(conn: psycopg.Connection, source: str, day: date, status: str) -> None:
    interval = Interval.for_day(day)
    conn.execute(
        "insert into raw.source_runs (source_id, interval_start, interval_end, status) values (%s, %s, %s, %s)",
        (source, interval.start, interval.end, status),
    )


def _clean_day(conn: psycopg.Connection) -> None:
    _source_run(conn, "src", DAY.start.date(), "ok")
    _staged(conn, "r1")
    _mention(conn, "r1")
    _incident(conn, "i1", "r1")


def test_every_check_passes_on_a_clean_day(conn: psycopg.Connection) -> None:
    _clean_day(conn)
    for name, check in checks.CHECKS.items():
        assert check(conn, DAY, LIMITS) == [], name
    assert checks.run_check(conn, "row_counts", DAY, LIMITS) == []


def test_row_counts(conn: psycopg.Connection) -> None:
    assert checks.row_counts(conn, DAY, LIMITS) == ["no source outcome recorded for the interval (did load run?)"]
    _source_run(conn, "a", DAY.start.date(), "failed")
    _source_run(conn, "b", DAY.start.date(), "disabled")
    _raw(conn, "r1")
    problems = checks.row_counts(conn, DAY, checks.Limits(min_reports=5))
    assert problems == [
        "none of the 2 sources was crawled successfully",
        "1 of 1 raw reports have no staging row (clean did not cover them)",
        "1 raw reports, fewer than the minimum of 5",
    ]


def test_required_columns(conn: psycopg.Connection) -> None:
    _clean_day(conn)
    _raw(conn, "r2", http_status=None)
    _staged(conn, "r3", language=None)
    _staged(conn, "r4", usable=False, unusable_reason="too short", language=None)  # unusable: not required
    _mention(conn, "r3", evidence="")
    problems = checks.required_columns(conn, DAY, LIMITS)
    assert problems == [
        "raw.reports.http_status: 1 of 4 rows of the interval have no value",
        "staging.reports.language: 1 of 2 rows of the interval have no value",
        "staging.report_incidents.evidence: 1 of 2 rows of the interval have no value",
    ]


def test_required_columns_accept_a_page_that_retention_dropped(conn: psycopg.Connection) -> None:
    _clean_day(conn)
    _raw(conn, "pruned", html_gz=None, html_pruned_at=DAY.end)  # sahelwatch prune: text kept, page gone on purpose
    _raw(conn, "lost", html_gz=None)  # never stored: still a problem
    problems = checks.required_columns(conn, DAY, LIMITS)
    assert problems == ["raw.reports.html_gz: 1 of 2 rows of the interval have no value"]


def test_free_space(conn: psycopg.Connection) -> None:
    assert checks.free_space(conn, DAY, checks.Limits(min_free_gb=0)) == []
    [problem] = checks.free_space(conn, DAY, checks.Limits(min_free_gb=10**9))
    assert "GB free on the disk of" in problem and "sahelwatch prune" in problem


def test_duplicate_incidents(conn: psycopg.Connection) -> None:
    _clean_day(conn)
    _staged(conn, "r2")
    _mention(conn, "r2")
    _incident(conn, "i2", "r2", location="DIOURA,")  # same day, country, type, place spelled differently
    conn.execute(
        "insert into marts.incident_sources (incident_id, report_id, seq, source_id, url, evidence)"
        " values ('i2', 'r1', 0, 'src', 'https://example.org', 'x')"
    )  # one mention in two incidents
    _staged(conn, "r3", text="same words", content_hash="h")
    _staged(conn, "r4", text="same words", content_hash="h")  # two canonical copies of one text
    problems = checks.duplicate_incidents(conn, DAY, LIMITS)
    assert problems == [
        "mention r1#0 supports several incidents: i1, i2",
        "2 incidents look like one (2025-06-01, Mali, Battles, same place): i1, i2",
        "canonical reports with identical text h: r3, r4",
    ]
    conn.execute("insert into staging.report_exclusions (report_id, reason) values ('r4', 'duplicate')")
    assert len(checks.duplicate_incidents(conn, DAY, LIMITS)) == 2  # an editor settled it
    conn.execute("delete from staging.report_exclusions")
    conn.execute("update staging.reports set duplicate_of = 'r3' where report_id = 'r4'")
    assert len(checks.duplicate_incidents(conn, DAY, LIMITS)) == 2


def test_duplicate_incidents_follows_fusions_rules(conn: psycopg.Connection) -> None:
    """Where the check's own place key and fusion's matching used to disagree, the check now sides with fusion."""
    _clean_day(conn)
    conn.execute("update marts.incidents set latitude = 14.87, longitude = -5.25 where incident_id = 'i1'")
    _staged(conn, "r2")
    _mention(conn, "r2")
    # Two villages called Dioura, 40 km apart: fusion keeps them apart by distance, the same name does not merge.
    _incident(conn, "i2", "r2", latitude=15.23, longitude=-5.25)
    assert checks.duplicate_incidents(conn, DAY, LIMITS) == []
    # The next day and spelled "Diura", 5 km away: fusion would have made it one with i1 (±2 days, 25 km).
    _staged(conn, "r3")
    _mention(conn, "r3")
    _incident(conn, "i3", "r3", location="Diura", event_date=date(2025, 6, 2), latitude=14.84, longitude=-5.21)
    assert checks.duplicate_incidents(conn, DAY, LIMITS) == [
        "2 incidents look like one (2025-06-01, Mali, Battles, same place): i1, i3"
    ]
    # Two mentions of one report are different incidents for the extractor, so fusion never joins them.
    conn.execute("update marts.incident_sources set report_id = 'r1', seq = 1 where incident_id = 'i3'")
    assert checks.duplicate_incidents(conn, DAY, LIMITS) == []


def test_stale_sources(conn: psycopg.Connection) -> None:
    for offset in range(6):
        day = DAY.start.date() - timedelta(days=offset)
        _source_run(conn, "dead", day, "failed")  # failing for 6 days
        _source_run(conn, "flaky", day, "failed" if offset < 2 else "ok")  # failing for 2 days only
        _source_run(conn, "alive", day, "partial")
    _source_run(conn, "new", DAY.start.date(), "failed")  # too new to judge
    assert checks.stale_sources(conn, DAY, LIMITS) == [
        "source dead: no successful crawl in the 3 days before 2025-06-03 00:00 (3 failed crawls); last success: never"
    ]
    assert checks.stale_sources(conn, DAY, checks.Limits(stale_days=2)) == [
        "source dead: no successful crawl in the 2 days before 2025-06-03 00:00 (2 failed crawls); last success: never",
        "source flaky: no successful crawl in the 2 days before 2025-06-03 00:00 (2 failed crawls);"
        " last success: 2025-06-01 00:00",
    ]


def test_extraction_yield(conn: psycopg.Connection) -> None:
    for offset in (1, 2, 3):  # history: one incident per report
        interval = Interval.for_day(DAY.start.date() - timedelta(days=offset))
        for n in range(4):
            _staged(conn, f"h{offset}-{n}", interval)
            _mention(conn, f"h{offset}-{n}")
    for n in range(6):  # today: six reports, no incident at all
        _staged(conn, f"t{n}")
    [problem] = checks.extraction_yield(conn, DAY, LIMITS)
    assert problem.startswith(
        "extraction yield 0.00 incidents per report (0 from 6 reports) is more than 3x away"
        " from the recent average 1.00"
    )
    for n in range(6):
        _mention(conn, f"t{n}")
    assert checks.extraction_yield(conn, DAY, LIMITS) == []
    assert checks.extraction_yield(conn, DAY, checks.Limits(yield_min_history=4)) == []  # not enough history


def test_limits_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHELWATCH_CHECK_STALE_DAYS", "7")
    monkeypatch.setenv("SAHELWATCH_CHECK_YIELD_FACTOR", "2.5")
    limits = checks.Limits.from_env()
    assert limits.stale_days == 7 and limits.yield_factor == 2.5 and limits.min_reports == 0


def test_checks_only_read(conn: psycopg.Connection, checksums) -> None:
    _clean_day(conn)
    conn.commit()
    before = checksums(conn)
    for name in checks.CHECKS:
        checks.run_check(conn, name, DAY)
    assert checksums(conn) == before
