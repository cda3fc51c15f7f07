"""clean_interval against the warehouse: one staging row per raw report, reasons kept, re-runs identical."""

from __future__ import annotations

from datetime import date

import psycopg

from sahelwatch.clean.stage import clean_interval
from sahelwatch.interval import Interval

from .raw_rows import at, insert_raw, raw_report

DAY = Interval.for_day(date(2025, 6, 2))
BODY = (
    "Des hommes armés ont attaqué dimanche le camp militaire de Dioura, dans le cercle de Ténenkou, selon des "
    "sources sécuritaires. Au moins douze soldats ont été tués et plusieurs autres blessés. L'attaque a été "
    "revendiquée par un groupe armé, qui affirme s'être emparé d'armes et de véhicules. L'état-major a reconnu "
    "des pertes et annoncé l'envoi de renforts dans la zone."
)


def _rows(conn: psycopg.Connection) -> dict[str, tuple]:
    return {
        row[0]: row[1:]
        for row in conn.execute(
            "select url, canonical_url, title, text, language, published_at, date_source, usable, unusable_reason,"
            " content_hash, duplicate_of, cluster_id from staging.reports order by url"
        )
    }


def test_clean_interval(conn: psycopg.Connection) -> None:
    article = "https://echos.ml/2025/06/02/attaque-dioura/?utm_source=rss"
    undated = "https://echos.ml/breves/frappe-drone-ber/"
    insert_raw(
        conn,
        [
            raw_report(
                article,
                f"Mopti : 12 soldats tués à Dioura\n{BODY}\nPartager :\nLaisser un commentaire\nNom *",
                DAY,
                title="Mopti : 12 soldats tués à Dioura – Échos du Delta",
                page_published=at(DAY, 7.5),
            ),
            raw_report(undated, BODY, DAY, title="Brève : frappe près de Ber", page_published="1970-01-01"),
            raw_report("https://echos.ml/category/securite/", BODY, DAY),
            raw_report("https://echos.ml/2025/06/02/introuvable/", "", DAY, http_status=404),
            raw_report("https://echos.ml/2025/06/02/court/", "Trois mots seulement.", DAY, feed_published=at(DAY, 9)),
        ],
    )
    result = clean_interval(conn, DAY)
    assert (result.reports, result.usable, result.unusable) == (5, 2, 3)
    rows = _rows(conn)
    canonical, title, text, language, published, source, usable, reason, _, duplicate_of, cluster = rows[article]
    assert canonical == "https://echos.ml/2025/06/02/attaque-dioura"
    assert title == "Mopti : 12 soldats tués à Dioura"
    assert text == BODY
    assert (language, published.isoformat(), source, usable, reason) == (
        "fr",
        "2025-06-02T07:30:00+00:00",
        "page",
        True,
        None,
    )
    assert (
        duplicate_of is None
        and cluster == conn.execute("select report_id from raw.reports where url = %s", (article,)).fetchone()[0]
    )
    assert rows[undated][4:7] == (None, None, True)  # no trustworthy date: flagged, still usable
    assert rows["https://echos.ml/category/securite/"][6:8] == (False, "not an article page")
    assert rows["https://echos.ml/2025/06/02/introuvable/"][6:8] == (False, "http status 404")
    assert rows["https://echos.ml/2025/06/02/court/"][6:8] == (False, "text shorter than 40 words")
    assert rows["https://echos.ml/2025/06/02/court/"][5] == "feed"


def test_clean_interval_twice_gives_the_same_rows(conn: psycopg.Connection) -> None:
    insert_raw(
        conn, [raw_report(f"https://echos.ml/2025/06/02/article-{n}/", f"{BODY} Numéro {n}.", DAY) for n in range(3)]
    )
    clean_interval(conn, DAY)
    first = _rows(conn)
    clean_interval(conn, DAY)
    assert _rows(conn) == first


def test_other_intervals_are_left_alone(conn: psycopg.Connection) -> None:
    next_day = Interval.for_day(date(2025, 6, 3))
    insert_raw(conn, [raw_report("https://echos.ml/2025/06/03/autre/", BODY, next_day)])
    assert clean_interval(conn, DAY).reports == 0
    assert conn.execute("select count(*) from staging.reports").fetchone()[0] == 0


def test_batches_give_the_same_rows_as_one_pass(conn: psycopg.Connection, monkeypatch) -> None:
    """The stage streams raw reports in batches (COPY between FETCHes of one cursor); batches of 2 over 5 reports
    must clean exactly what a single batch does."""
    from sahelwatch.clean import stage

    insert_raw(
        conn, [raw_report(f"https://echos.ml/2025/06/02/article-{n}/", f"{BODY} Numéro {n}.", DAY) for n in range(5)]
    )
    assert clean_interval(conn, DAY).reports == 5
    whole = _rows(conn)
    conn.execute("truncate staging.reports cascade")
    conn.commit()
    monkeypatch.setattr(stage, "BATCH_ROWS", 2)
    assert clean_interval(conn, DAY) == stage.CleanResult(5, 5)
    assert _rows(conn) == whole
