"""Syndicated copies as sources (sahelwatch.fuse.copies), through the pipeline's own steps on a real warehouse:
clean -> dedup -> extract -> fuse. Two outlets, the second carrying a word-for-word copy of the first's article
under its own headline: one incident, extracted once, with two sources and two outlets."""

from __future__ import annotations

from datetime import UTC, date, datetime

import psycopg

from sahelwatch.fuse.copies import Copy, carried
from sahelwatch.fuse.merge import fuse
from sahelwatch.fuse.stage import exclude_report, restore_report
from sahelwatch.interval import Interval
from tests.clean.raw_rows import insert_raw, raw_report
from tests.fuse.test_merge import mention
from tests.reliability.steps import run_steps

DAY = Interval.for_day(date(2025, 6, 2))
NEXT_DAY = Interval.for_day(date(2025, 6, 3))
ARTICLE = (
    "Des hommes armés ont attaqué dimanche matin le poste de gendarmerie de Djibo, dans la province du Soum. "
    "Selon un élu local joint par téléphone, sept gendarmes ont été tués et quatre autres blessés au cours des "
    "combats qui ont duré près de deux heures. Les assaillants, arrivés à moto, se sont ensuite repliés vers "
    "la frontière malienne en emportant des armes. Un renfort aérien a survolé la zone dans l'après-midi."
)
ORIGINAL = "https://burkina-info.example/2025/06/02/djibo-gendarmerie-attaquee/"
COPY = "https://sahel-relais.example/actualites/13077-attaque-contre-la-gendarmerie-de-djibo"
INCIDENT = (
    "select incident_id, source_count, outlet_count, fatalities, injured from marts.incidents where location = 'Djibo'"
)
LISTED = (
    "select report_id, source_id, url, match_rule, copy_of, seq, fatalities, evidence"
    " from marts.incident_sources order by match_rule, url"
)


def original(interval: Interval = DAY) -> dict:
    return raw_report(
        ORIGINAL,
        ARTICLE,
        interval,
        source_id="burkina-info",
        source_country="Burkina Faso",
        title="Djibo : la gendarmerie attaquée, sept morts",
        page_published="2025-06-02T07:30:00Z",
    )


def copy(url: str = COPY, source_id: str = "sahel-relais", interval: Interval = DAY, **changes: object) -> dict:
    """The same words under the republisher's own headline, published later."""
    values = {
        "source_id": source_id,
        "source_country": "Niger",
        "title": "Burkina : attaque meurtrière contre des gendarmes à Djibo",
        "page_published": f"{interval.start:%Y-%m-%d}T11:00:00Z",
        **changes,
    }
    return raw_report(url, ARTICLE, interval, **values)


def test_a_copy_by_another_outlet_is_a_second_source_of_one_incident(conn: psycopg.Connection, checksums) -> None:
    first, second = original(), copy()
    insert_raw(conn, [first, second])
    run_steps(conn, DAY)
    dedup = conn.execute("select report_id, duplicate_of, duplicate_rule from staging.reports order by 1").fetchall()
    assert sorted(dedup) == sorted(
        [(first["report_id"], None, None), (second["report_id"], first["report_id"], "hash")]
    )
    mentions = conn.execute("select distinct report_id from staging.report_incidents").fetchall()
    assert mentions == [(first["report_id"],)]  # extracted once
    [(incident, sources, outlets, fatalities, injured)] = conn.execute(INCIDENT).fetchall()
    assert (sources, outlets, fatalities, injured) == (2, 2, 7, 4)
    [(mention, *own), (copied, *carried)] = conn.execute(LISTED).fetchall()
    assert own[:4] == ["burkina-info", ORIGINAL, "anchor", None]
    assert carried[:4] == ["sahel-relais", COPY, "copy", first["report_id"]]
    assert (mention, copied) == (first["report_id"], second["report_id"])
    assert carried[4:] == own[4:]  # the same seq, figures and evidence: its own words too
    [(urls, notes)] = conn.execute("select source_urls, notes from marts.acled_events").fetchall()
    assert urls == [ORIGINAL, COPY] and "Reported by 2 sources." in notes
    assert conn.execute("select sum(sources) from marts.daily_counts").fetchone()[0] == 2
    conn.commit()

    before = checksums(conn)
    run_steps(conn, DAY)
    assert checksums(conn) == before
    assert conn.execute("select incident_id from marts.incidents").fetchall() == [(incident,)]


def test_a_copy_crawled_the_next_day_joins_the_incident_of_its_original(conn: psycopg.Connection, checksums) -> None:
    insert_raw(conn, [original()])
    run_steps(conn, DAY)
    [(incident, *counts)] = conn.execute(INCIDENT).fetchall()
    assert counts[:2] == [1, 1]
    insert_raw(conn, [copy(interval=NEXT_DAY)])
    run_steps(conn, NEXT_DAY)
    assert conn.execute(INCIDENT).fetchall() == [(incident, 2, 2, 7, 4)]
    conn.commit()
    before = checksums(conn)
    run_steps(conn, NEXT_DAY)
    run_steps(conn, DAY)
    assert checksums(conn) == before


def test_copies_by_an_outlet_already_counted_or_excluded_add_nothing(conn: psycopg.Connection) -> None:
    again = copy("https://burkina-info.example/breves/djibo/", source_id="burkina-info")  # the outlet reposts it
    twice = copy(
        COPY + "?page=2",
        title="Djibo : la gendarmerie visée",  # the republisher again, at another URL
        page_published="2025-06-02T15:00:00Z",
    )
    relayed = copy()
    insert_raw(conn, [original(), again, twice, relayed])
    run_steps(conn, DAY)
    assert conn.execute("select count(*) from staging.reports where duplicate_rule = 'hash'").fetchone()[0] == 3
    [(incident, *counts)] = conn.execute(INCIDENT).fetchall()
    assert counts[:2] == [2, 2]
    listed = conn.execute("select url from marts.incident_sources where match_rule = 'copy'").fetchall()
    assert listed == [(COPY,)]  # of the republisher's two copies, the first published

    exclude_report(conn, relayed["report_id"], "erroneous")
    assert conn.execute(INCIDENT).fetchall()[0][1:3] == (2, 2)  # its other copy counts now
    exclude_report(conn, twice["report_id"], "erroneous")
    assert conn.execute(INCIDENT).fetchall()[0][1:3] == (1, 1)
    restore_report(conn, twice["report_id"])
    assert conn.execute(INCIDENT).fetchall()[0][1:3] == (2, 2)
    assert conn.execute("select url from marts.incident_sources where match_rule = 'copy'").fetchall() == [
        (COPY + "?page=2",)
    ]


def _copy(report_id: str, of: str, source_id: str, hour: int | None) -> Copy:
    published = datetime(2025, 6, 2, hour, tzinfo=UTC) if hour is not None else None
    return Copy(report_id, of, source_id, "Mali", f"https://{source_id}/{report_id}", published)


def test_one_copy_per_new_outlet_counts_earliest_first() -> None:
    members = [mention("a"), mention("b")]  # outlets src-a and src-b
    copies = {
        "a": [
            _copy("a2", "a", "src-b", 9),  # an outlet already counted
            _copy("a3", "a", "relay", None),  # undated: after the dated copy of the same outlet
            _copy("a4", "a", "relay", 15),
        ],
        "b": [_copy("b2", "b", "wire", 8)],
        "z": [_copy("z2", "z", "other", 7)],
    }
    found = carried(members, copies)
    assert [(m.report_id, c.report_id) for m, c in found] == [("b", "b2"), ("a", "a4")]
    row = fuse(members, "i1", [c for _, c in found])
    assert (row["source_count"], row["outlet_count"]) == (4, 4)
    assert fuse(members, "i1")["source_count"] == 2
