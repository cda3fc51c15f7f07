"""extract_interval against the warehouse: incidents of the day's canonical usable reports, the same in batches."""

from __future__ import annotations

from datetime import date

import psycopg

from sahelwatch.clean.stage import clean_interval
from sahelwatch.extract import stage
from sahelwatch.interval import Interval
from tests.clean.raw_rows import insert_raw, raw_report

DAY = Interval.for_day(date(2025, 6, 2))
PLACES = ("Dioura", "Bourzanga", "Tillia", "Ber", "Djibo")


def _report(n: int, place: str) -> dict:
    text = (
        f"Des hommes armés ont attaqué samedi le village de {place}. Au moins {n + 3} civils ont été tués et "
        f"plusieurs autres blessés, selon des sources locales jointes par téléphone. Les assaillants ont incendié "
        f"des boutiques avant de se retirer vers la brousse. Les autorités n'ont pas encore communiqué."
    )
    return raw_report(f"https://echos.ml/2025/06/02/attaque-{n}/", text, DAY, page_published="2025-06-02T08:00:00Z")


def _incidents(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        "select report_id, seq, location, fatalities, evidence from staging.report_incidents order by report_id, seq"
    ).fetchall()


def test_batches_give_the_same_incidents_as_one_pass(conn: psycopg.Connection, monkeypatch) -> None:
    insert_raw(conn, [_report(n, place) for n, place in enumerate(PLACES)])
    clean_interval(conn, DAY)
    whole = stage.extract_interval(conn, DAY)
    assert (whole.reports, whole.failures) == (5, 0)
    assert whole.incidents >= 5
    once = _incidents(conn)
    assert {row[2] for row in once} >= set(PLACES)
    monkeypatch.setattr(stage, "BATCH_REPORTS", 2)
    assert stage.extract_interval(conn, DAY) == whole  # the day is replaced, not added to
    assert _incidents(conn) == once
