"""A small warehouse for report tests, written straight into raw -> staging -> marts (no crawl, no extraction).

The report's day is 2025-06-02. Incidents: two on the day (Dioura, Djibo), one in the last 7 days (Banibangou,
toll unknown), one in the last 30 days (Bassikounou, with markup in its evidence) and one older (Kidal, April)
that no window shows. Sources: maliweb is healthy, lefaso succeeds without new articles since 28 May, aib-bf
fails since 29 May, new-outlet started on 1 June (not judged yet) and gone-outlet stopped on 10 May (dropped).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest
from psycopg.types.json import Jsonb

REPORT_DAY = date(2025, 6, 2)


@dataclass(frozen=True)
class Seeded:
    incident_id: str
    event_date: date
    event_type: str
    sub_event_type: str
    country: str
    admin1: str
    location: str
    latitude: float
    longitude: float
    fatalities: int | None
    evidence: str
    reports: tuple[tuple[str, str, date], ...]  # (source_id, url, crawl day)
    fatalities_low: int | None = None
    fatalities_high: int | None = None


INCIDENTS = (
    Seeded(
        "inc-dioura",
        date(2025, 6, 2),
        "Battles",
        "Armed clash",
        "Mali",
        "Segou",
        "Dioura",
        14.87,
        -5.26,
        41,
        "Des hommes armés ont attaqué le camp militaire de Dioura dimanche, tuant au moins 41 soldats.",
        (
            ("maliweb", "https://www.maliweb.net/securite/attaque-dioura-41-soldats-tues.html", date(2025, 6, 2)),
            ("studio-tamani", "https://www.studiotamani.org/2025/06/02/dioura-attaque/", date(2025, 6, 2)),
        ),
        41,
        64,
    ),
    Seeded(
        "inc-djibo",
        date(2025, 6, 2),
        "Violence against civilians",
        "Attack",
        "Burkina Faso",
        "Sahel",
        "Djibo",
        14.10,
        -1.63,
        12,
        "Douze civils ont été tués lundi par des individus armés près de Djibo.",
        (("lefaso", "https://lefaso.net/spip.php?article140001", date(2025, 6, 2)),),
    ),
    Seeded(
        "inc-banibangou",
        date(2025, 5, 30),
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "Niger",
        "Tillaberi",
        "Banibangou",
        15.04,
        2.70,
        None,
        "Un véhicule de l'armée a sauté sur un engin explosif près de Banibangou, selon une source sécuritaire.",
        (("actuniger", "https://www.actuniger.com/securite/banibangou-ied.html", date(2025, 5, 31)),),
    ),
    Seeded(
        "inc-bassikounou",
        date(2025, 5, 10),
        "Protests",
        "Peaceful protest",
        "Mauritania",
        "Hodh ech Chargui",
        "Bassikounou",
        15.87,
        -5.96,
        0,
        'Des manifestants ont brandi des pancartes "<script>alert(1)</script>" & <b>crié</b> à Bassikounou.',
        (("alakhbar", "https://fr.alakhbar.info/bassikounou-manifestation", date(2025, 5, 11)),),
    ),
    Seeded(
        "inc-kidal-april",
        date(2025, 4, 1),
        "Battles",
        "Armed clash",
        "Mali",
        "Kidal",
        "Kidal",
        18.44,
        1.41,
        3,
        "Des combats ont opposé l'armée et le FLA à Kidal en avril.",
        (("maliweb", "https://www.maliweb.net/securite/kidal-avril.html", date(2025, 4, 2)),),
    ),
)


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def seed_incidents(conn: psycopg.Connection, incidents: tuple[Seeded, ...] = INCIDENTS) -> None:
    for incident in incidents:
        published = []
        for seq_report, (source_id, url, crawl_day) in enumerate(incident.reports):
            start = _day_start(crawl_day)
            report_id = hashlib.sha1(url.encode()).hexdigest()[:16]
            published_at = start + timedelta(hours=9 + seq_report)
            published.append(published_at)
            conn.execute(
                "insert into raw.reports (report_id, source_id, source_country, url, title, text, http_status,"
                " fetched_at, interval_start, interval_end) values (%s, %s, %s, %s, %s, %s, 200, %s, %s, %s)",
                (
                    report_id,
                    source_id,
                    incident.country,
                    url,
                    f"Report {incident.location}",
                    incident.evidence,
                    start + timedelta(hours=20),
                    start,
                    start + timedelta(days=1),
                ),
            )
            conn.execute(
                "insert into staging.reports (report_id, source_id, source_country, url, canonical_url, title, text,"
                " language, published_at, date_source, usable, content_hash, cluster_id, interval_start)"
                " values (%s, %s, %s, %s, %s, %s, %s, 'fr', %s, 'page', true, %s, %s, %s)",
                (
                    report_id,
                    source_id,
                    incident.country,
                    url,
                    url,
                    f"Report {incident.location}",
                    incident.evidence,
                    published_at,
                    hashlib.sha256(url.encode()).hexdigest(),
                    report_id,
                    start,
                ),
            )
        conn.execute(
            "insert into marts.incidents (incident_id, event_date, time_precision, event_type, sub_event_type,"
            " actor1, actor2, country, admin1, admin2, location, latitude, longitude, geo_precision, fatalities,"
            " fatalities_low, fatalities_high, injured, abducted, source_count, outlet_count, first_reported_at,"
            " last_reported_at, evidence, confidence)"
            " values (%s, %s, 1, %s, %s, %s, %s, %s, %s, null, %s, %s, %s, 1, %s, %s, %s, null, null, %s, %s, %s,"
            " %s, %s, 0.8)",
            (
                incident.incident_id,
                incident.event_date,
                incident.event_type,
                incident.sub_event_type,
                "JNIM: Group for Support of Islam and Muslims",
                f"Military Forces of {incident.country}",
                incident.country,
                incident.admin1,
                incident.location,
                incident.latitude,
                incident.longitude,
                incident.fatalities,
                incident.fatalities_low,
                incident.fatalities_high,
                len(incident.reports),
                len({source_id for source_id, _, _ in incident.reports}),
                min(published),
                max(published),
                incident.evidence,
            ),
        )
        for (source_id, url, _), published_at in zip(incident.reports, published):
            conn.execute(
                "insert into marts.incident_sources (incident_id, report_id, seq, source_id, url, published_at,"
                " evidence, event_date, location, fatalities, confidence, match_rule, distance_km)"
                " values (%s, %s, 0, %s, %s, %s, %s, %s, %s, %s, 0.8, 'anchor', 0)",
                (
                    incident.incident_id,
                    hashlib.sha1(url.encode()).hexdigest()[:16],
                    source_id,
                    url,
                    published_at,
                    incident.evidence,
                    incident.event_date,
                    incident.location,
                    incident.fatalities,
                ),
            )


def _run(
    conn: psycopg.Connection, source_id: str, day: date, status: str, stored: int, message: str | None = None
) -> None:
    start = _day_start(day)
    conn.execute(
        "insert into raw.source_runs (source_id, interval_start, interval_end, items_seen, items_stored, errors,"
        " error_kinds, status, message) values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (
            source_id,
            start,
            start + timedelta(days=1),
            stored,
            stored,
            int(status == "failed"),
            Jsonb({"http_503": 1} if status == "failed" else {}),
            status,
            message,
        ),
    )


def seed_source_runs(conn: psycopg.Connection) -> None:
    for offset in range(20):
        day = REPORT_DAY - timedelta(days=offset)
        _run(conn, "maliweb", day, "ok", 4)
        _run(conn, "lefaso", day, "ok", 3 if day < date(2025, 5, 28) else 0)
        if day < date(2025, 5, 29):
            _run(conn, "aib-bf", day, "ok", 2)
        else:
            _run(conn, "aib-bf", day, "failed", 0, "HTTP 503 Service Unavailable on https://www.aib.media/feed/")
    for day in (date(2025, 6, 1), REPORT_DAY):
        _run(conn, "new-outlet", day, "failed", 0, "timeout")
    for offset in range(10):
        _run(conn, "gone-outlet", date(2025, 5, 10) - timedelta(days=offset), "failed", 0, "gone")


@pytest.fixture
def seeded(conn: psycopg.Connection) -> psycopg.Connection:
    seed_incidents(conn)
    seed_source_runs(conn)
    conn.commit()
    return conn
