"""Incremental crawling through the warehouse: conditional GET with the previous feed kept in raw.feed_state,
URLs stored by other intervals skipped, and the per-source health that the load step records."""

from __future__ import annotations

import gzip
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sahelwatch.crawl.runner import crawl_source
from sahelwatch.crawl.state import CrawlState, read_state, read_state_safely
from sahelwatch.interval import Interval
from sahelwatch.load.raw import load_run_files, record_source_runs

NEXT_DAY = Interval.for_day(date(2025, 6, 3))
TWO_DAYS = Interval(datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 6, 3, tzinfo=UTC))


def load(conn: Any, result: Any, interval: Interval) -> None:
    load_run_files(conn, [result.run_file] if result.run_file else [], interval)
    record_source_runs(conn, [result.to_dict()], interval)
    conn.commit()


def test_conditional_get_and_known_urls_across_intervals(kit: Any, conn: Any, database_url: str, replica: Any) -> None:
    settings = replace(kit.settings, database_url=database_url)  # the runner reads the state from the warehouse
    hits = replica.routes.hits
    source = kit.sources["conditional-atom"]
    before_200, before_304 = hits["conditional:200"], hits["conditional:304"]
    first = crawl_source(source, kit.day, settings)
    assert first.status == "ok" and first.stats["items_stored"] == 2
    assert (first.stats["feed/etag"], first.stats["feed/last_modified"]) == (
        '"cond-v1"',
        "Mon, 02 Jun 2025 18:00:00 GMT",
    )
    load(conn, first, kit.day)
    url, etag, body = conn.execute(
        "select feed_url, etag, body_gz from raw.feed_state where source_id = %s", (source.id,)
    ).fetchone()
    assert url == source.url and etag == '"cond-v1"' and b"<feed" in gzip.decompress(body)

    # Re-running the same interval reproduces it: no conditional request, nothing skipped as known.
    again = crawl_source(source, kit.day, settings)
    assert again.stats["items_stored"] == 2 and "feed_not_modified" not in again.stats
    assert (hits["conditional:200"] - before_200, hits["conditional:304"] - before_304) == (2, 0)

    # The next day: 304 Not Modified, and the cached body is read again (its entries belong to 2 June).
    following = crawl_source(source, NEXT_DAY, settings)
    assert following.status == "ok" and following.stats["feed_not_modified"] == 1
    assert hits["conditional:304"] - before_304 == 1
    assert following.stats["entries_listed"] == 2 and kit.counts(following, "skipped/") == {"out_of_interval": 2}
    assert following.stats["feed/etag"] == '"cond-v1"'  # kept, so the day after can ask again
    load(conn, following, NEXT_DAY)
    assert (
        conn.execute("select interval_start from raw.feed_state where source_id = %s", (source.id,)).fetchone()[0]
        == NEXT_DAY.start
    )

    # Another interval covering 2 June: the articles stored by the 2 June crawl are skipped, not fetched again.
    wider = crawl_source(source, TWO_DAYS, settings)
    assert wider.stats.get("items_stored", 0) == 0 and kit.counts(wider, "skipped/") == {"known": 2}
    assert wider.stats["items_seen"] == 2
    load(conn, wider, TWO_DAYS)

    health = conn.execute(
        "select runs, runs_ok, runs_not_modified, items_seen, items_known, items_new, last_success_at,"
        " skipped_kinds from raw.source_health where source_id = %s",
        (source.id,),
    ).fetchone()
    assert health == (3, 3, 1, 4, 2, 2, NEXT_DAY.start, {"known": 2, "out_of_interval": 2})


def test_read_state_ignores_the_interval_being_rerun(conn: Any) -> None:
    day = Interval.for_day(date(2025, 6, 2))
    conn.execute(
        "insert into raw.reports (report_id, source_id, url, final_url, fetched_at, interval_start,"
        " interval_end) values ('a', 's', 'https://x/a', 'https://x/a?amp', now(), %s, %s),"
        " ('b', 's', 'https://x/b', null, now(), %s, %s), ('c', 't', 'https://x/c', null, now(), %s, %s)",
        (day.start - timedelta(days=1), day.start, day.start, day.end, day.start - timedelta(days=1), day.start),
    )
    state = read_state(conn, "s", day)
    assert state.known_urls == {"https://x/a", "https://x/a?amp"}
    assert state.feed_url is None and not state.conditional


def test_unreadable_warehouse_means_an_empty_state_not_a_failed_crawl() -> None:
    state = read_state_safely(
        "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2", "s", Interval.for_day(date(2025, 6, 2))
    )
    assert state == CrawlState()


def feed_stats(tmp_path: Any, etag: str) -> dict[str, Any]:
    body = tmp_path / f"{etag}.feed"
    body.write_bytes(f"<rss>{etag}</rss>".encode())
    return {"feed/url": "https://x/feed", "feed/etag": etag, "feed/body_file": str(body)}


def test_a_backfill_never_replaces_a_newer_feed_state(conn: Any, tmp_path: Any) -> None:
    newer, older = Interval.for_day(date(2025, 6, 3)), Interval.for_day(date(2025, 6, 1))
    record_source_runs(conn, [{"source_id": "s", "status": "ok", "stats": feed_stats(tmp_path, "new")}], newer)
    record_source_runs(conn, [{"source_id": "s", "status": "ok", "stats": feed_stats(tmp_path, "old")}], older)
    assert conn.execute("select etag, interval_start from raw.feed_state").fetchall() == [("new", newer.start)]


def test_source_health_view(conn: Any) -> None:
    days = [Interval.for_day(date(2025, 6, d)) for d in range(1, 11)]
    outcomes = ["ok"] * 3 + ["partial"] + ["failed"] * 2 + ["ok"] + ["failed"] * 2 + ["disabled"]
    for day, status in zip(days, outcomes, strict=True):
        stats = {
            "entries_listed": 10,
            "items_seen": 4,
            "items_stored": 3 if status in ("ok", "partial") else 0,
            "skipped/known": 1,
            "skipped/out_of_interval": 6,
        }
        if status in ("partial", "failed"):
            stats |= {"errors/http_5xx": 1, "errors/timeout": 2}
        if status == "ok":
            stats |= {"warnings/charset_missing": 1}
        record_source_runs(
            conn,
            [
                {
                    "source_id": "s",
                    "status": status,
                    "stats": stats,
                    "message": "set RELIEFWEB_APPNAME" if status == "disabled" else None,
                }
            ],
            day,
        )
    row = conn.execute("select * from raw.source_health where source_id = 's'").fetchone()
    names = [column.name for column in conn.execute("select * from raw.source_health limit 0").description]
    health = dict(zip(names, row, strict=True))
    assert health["last_status"] == "disabled" and health["last_message"] == "set RELIEFWEB_APPNAME"
    assert health["last_run_at"] == days[-1].start and health["last_success_at"] == days[6].start
    assert health["last_items_at"] == days[6].start
    assert health["consecutive_failures"] == 2  # failed runs since the last success (disabled is not a failure)
    assert (
        health["runs"],
        health["runs_ok"],
        health["runs_partial"],
        health["runs_failed"],
        health["runs_disabled"],
    ) == (10, 4, 1, 4, 1)
    assert (health["items_seen"], health["items_known"], health["items_new"], health["errors"], health["warnings"]) == (
        40,
        10,
        15,
        15,
        4,
    )
    assert health["error_kinds"] == {"http_5xx": 5, "timeout": 10}
    assert health["warning_kinds"] == {"charset_missing": 4}
    assert health["skipped_kinds"] == {"known": 10, "out_of_interval": 60}
    # the 7 days up to the last run: 4 to 10 June
    assert (health["items_seen_7d"], health["items_new_7d"], health["errors_7d"]) == (28, 6, 15)
