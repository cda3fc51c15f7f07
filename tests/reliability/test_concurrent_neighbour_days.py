"""Runs of two neighbouring days at the same time (a backfill of day D meeting the daily run of D+1, or an Airflow
retry of D overlapping D+1) fuse as if the days had run one after the other.

Fusion of D+1 reads and may rewrite incidents that the fusion of D writes: an attack late on day D is reported by
the articles of D and of D+1, and both days' mentions meet in one incident (sahelwatch/fuse/stage.py follows
matches over a window of days). Each day here goes through the pipeline's own steps, on its own connections, in its
own thread; a barrier before every step makes the two days' steps start together, and the two fusions are held
just before they write the daily counts until both are in flight (see `_hold_counts`), so that their transactions
overlap. The warehouse must then equal that of D run alone and D+1 run alone after it: the same checksums for every
table, each incident reported on both days once, with its reports of both days.

A step may fail on a conflict with the other day's run (PostgreSQL's deadlock or serialization failure, which it
rolls back); Airflow would retry that day, and so does the test before comparing. Any other failure fails the test.

Two inputs: "shared" (two incidents reported on both days, plus incidents of one day only) and "disjoint" (only the
incidents of one day). Both days' incidents also fall on the same daily and monthly count rows (marts.daily_counts,
marts.monthly_counts), which each fusion rebuilds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest

from sahelwatch import pipeline
from sahelwatch.config import load_settings
from sahelwatch.interval import Interval

from .corpus import dump, item

DAY = Interval.for_day(date(2025, 6, 2))
NEXT_DAY = Interval.for_day(date(2025, 6, 3))
STEPS = ("load", "clean", "dedup", "extract", "fuse")
RETRYABLE = {"DeadlockDetected", "SerializationFailure"}  # PostgreSQL's own "try again" errors
HOLD_SECONDS = 10.0  # longest the fusions are held before the counts (they are let go as soon as both wait)
SOURCES = {"maliweb": "Mali", "sahel-wire": "Niger", "studio-tamani": "Mali", "faso-matin": "Burkina Faso"}

# (day, source, slug, language, place, text): one article each, published on the morning of its crawl day. Every text
# gives exactly one incident (checked by the test through the pipeline's extraction).
_DIOURA = "Dioura"  # the attack on the Dioura camp, 1 June: reported on both days
_TILLABERI = "Tillabéri"  # the killing of five villagers near Tillabéri (Niger), 1 June: reported on both days
SHARED = {_DIOURA, _TILLABERI}
ARTICLES: list[tuple[Interval, str, str, str, str, str]] = [
    # day D (crawled 2 June)
    (
        DAY,
        "maliweb",
        "dioura-camp-attaque",
        "fr",
        _DIOURA,
        "Au moins 12 soldats maliens ont été tués dimanche 1er juin 2025 lors de l'attaque du camp militaire de "
        "Dioura, dans la région de Mopti, revendiquée par le JNIM. Le camp, qui abrite une unité de la garde "
        "nationale, avait déjà été visé il y a plusieurs mois. Des renforts ont été envoyés depuis Ténenkou et les "
        "communications restaient coupées lundi matin dans une grande partie du cercle.",
    ),
    (
        DAY,
        "sahel-wire",
        "tillaberi-villagers-killed",
        "en",
        _TILLABERI,
        "Gunmen killed 5 villagers near Tillabéri in western Niger on Sunday, June 1, 2025, local officials said. "
        "The attack was blamed on militants linked to the Islamic State. Residents of surrounding hamlets said they "
        "had asked for more patrols after weeks of threats, and several families were reported to have left for the "
        "regional capital on Monday morning.",
    ),
    (
        DAY,
        "maliweb",
        "boni-civils-tues",
        "fr",
        "Boni",
        "Le 1er juin 2025, des hommes armés ont attaqué le village de Boni, près de Douentza, tuant 9 civils. "
        "L'armée malienne a confirmé l'attaque dans un communiqué publié lundi. Les habitants décrivent une situation "
        "tendue depuis plusieurs semaines, avec des déplacements vers les villes voisines et une présence accrue des "
        "forces de sécurité sur la route nationale.",
    ),
    (
        DAY,
        "studio-tamani",
        "ansongo-civils",
        "fr",
        "Ansongo",
        "Le 1er juin 2025, des hommes armés ont tué 8 civils à Ansongo, dans la région de Gao. Selon un élu local "
        "joint par téléphone, les assaillants sont arrivés à moto en fin de journée et sont repartis vers la "
        "frontière. Les foires hebdomadaires de la zone sont suspendues jusqu'à nouvel ordre, a-t-il ajouté.",
    ),
    (
        DAY,
        "studio-tamani",
        "menaka-convoi",
        "fr",
        "Ménaka",
        "Le 1er juin 2025, des hommes armés ont attaqué un convoi près de Ménaka, tuant 4 soldats maliens. Le "
        "convoi ravitaillait les postes avancés de la région et circulait sous escorte, selon une source militaire. "
        "Les transporteurs de la ligne demandent depuis longtemps que les escortes soient renforcées sur cet axe.",
    ),
    # day D+1 (crawled 3 June): the two shared incidents again, in other words and with other figures
    (
        NEXT_DAY,
        "sahel-wire",
        "dioura-camp-stormed",
        "en",
        _DIOURA,
        "Between 15 and 20 Malian soldiers were killed when JNIM militants stormed the army camp in Dioura, in central "
        "Mali's Mopti region, on Sunday, June 1, 2025, security sources said on Tuesday. Residents said the situation "
        "in the area had been tense for several weeks, with families leaving for nearby towns and markets closed.",
    ),
    (
        NEXT_DAY,
        "faso-matin",
        "tillaberi-cinq-civils",
        "fr",
        _TILLABERI,
        "Cinq civils ont été tués par des hommes armés le dimanche 1er juin 2025 près de Tillabéri, dans l'ouest du "
        "Niger, ont indiqué des élus locaux. Les autorités régionales ont annoncé l'envoi d'une mission sur place et "
        "des familles des villages voisins se sont réfugiées au chef-lieu, selon des témoignages recueillis mardi.",
    ),
    (
        NEXT_DAY,
        "maliweb",
        "sevare-civils",
        "fr",
        "Sévaré",
        "Le 1er juin 2025, des hommes armés ont attaqué le village de Sévaré, près de Mopti, tuant 6 civils. Les "
        "victimes ont été inhumées mardi en présence des autorités communales. Plusieurs commerçants de la ville ont "
        "fermé leurs boutiques en signe de deuil et une enquête a été ouverte par la gendarmerie.",
    ),
    (
        NEXT_DAY,
        "studio-tamani",
        "koro-civils",
        "fr",
        "Koro",
        "Le 2 juin 2025, des hommes armés ont tué 3 civils à Koro, dans la région de Mopti. Les victimes revenaient "
        "des champs lorsqu'elles ont été interceptées, selon un responsable associatif de la localité. Les "
        "cultivateurs hésitent désormais à rejoindre leurs parcelles à l'approche de la saison des pluies.",
    ),
    (
        NEXT_DAY,
        "studio-tamani",
        "lere-frappe",
        "fr",
        "Léré",
        "Le 2 juin 2025, une frappe de drone de l'armée malienne a tué 10 personnes à Léré, dans la région de "
        "Tombouctou. Des proches des victimes affirment qu'il s'agissait de bergers rassemblés près d'un puits, tandis "
        "que l'état-major évoque des terroristes neutralisés. Aucun bilan indépendant n'était disponible mardi.",
    ),
    (
        NEXT_DAY,
        "faso-matin",
        "djibo-embuscade",
        "fr",
        "Djibo",
        "Au moins 7 soldats burkinabè ont été tués lundi 2 juin 2025 dans une embuscade près de Djibo, dans la "
        "province du Soum, selon des sources sécuritaires. L'unité rentrait d'une mission d'escorte de ravitaillement "
        "vers la ville, sous blocus depuis plus de deux ans, et plusieurs véhicules ont été incendiés.",
    ),
]


def _articles(shared: bool) -> list[tuple[Interval, str, str, str, str, str]]:
    return [a for a in ARTICLES if shared or a[4] not in SHARED]


def _run_files(tmp_path: Path, interval: Interval, shared: bool) -> list[dict[str, Any]]:
    """One run file per source of the day (JSON Lines, as the crawl writes them) and the crawl results naming them."""
    day = interval.start.date()
    results = []
    for source, country in SOURCES.items():
        lines = []
        for index, (when, outlet, slug, language, _, text) in enumerate(_articles(shared)):
            if when != interval or outlet != source:
                continue
            url = f"https://{source}.example/{day:%Y/%m/%d}/{slug}"
            lines.append(
                dump(
                    item(
                        url,
                        source_id=source,
                        source_country=country,
                        feed_url=f"https://{source}.example/feed/",
                        title=text.split(",")[0][:80],
                        text=text,
                        language_hint=language,
                        html=f"<html><body><p>{text}</p></body></html>",
                        fetched_at=f"{day}T1{index % 10}:00:00+00:00",
                        page_published=f"{day}T0{index % 10}:30:00+00:00",
                    )
                )
            )
        if not lines:
            continue
        path = tmp_path / f"{source}-{day}.jsonl"
        path.write_bytes(b"".join(line + b"\n" for line in lines))
        results.append(
            {
                "source_id": source,
                "run_file": str(path),
                "status": "ok",
                "stats": {"items_seen": len(lines), "items_stored": len(lines)},
            }
        )
    return results


def _truncate(conn: psycopg.Connection) -> None:
    tables = [
        row[0]
        for row in conn.execute(
            "select format('%I.%I', schemaname, tablename) from pg_tables where schemaname in ('raw', "
            "'staging', 'marts')"
        )
    ]
    conn.execute(f"truncate {', '.join(tables)} cascade")
    conn.commit()


def _incidents(conn: psycopg.Connection) -> dict[str, list[tuple[str, date]]]:
    """Every incident by location: the (source, crawl day) of each report that supports it."""
    rows = conn.execute(
        "select i.incident_id, i.location, r.source_id, r.interval_start::date from marts.incidents i"
        " join marts.incident_sources s using (incident_id) join staging.reports r using (report_id)"
        " order by i.location, r.interval_start, r.source_id"
    ).fetchall()
    conn.rollback()
    found: dict[str, list[tuple[str, date]]] = {}
    for _, location, source, day in rows:
        found.setdefault(location, []).append((source, day))
    return found


def _hold_counts(database_url: str) -> Callable[[], None]:
    """Make both fusions be in flight at once: take a lock on marts.daily_counts that the first write of
    marts.refresh_counts (a delete) waits for, and let it go as soon as two other sessions wait on a lock (both
    fusions at the counts, or one there and the other at fusion's advisory lock or on a row the first wrote), or
    after HOLD_SECONDS. Returns the function that waits for the release."""
    holder = psycopg.connect(database_url)
    holder.execute("lock table marts.daily_counts in share mode")
    pid = holder.info.backend_pid

    def release() -> None:
        try:
            with psycopg.connect(database_url, autocommit=True) as watcher:
                held = time.monotonic()
                waits: list[str] = []
                while time.monotonic() < held + HOLD_SECONDS and len(waits) < 2:
                    time.sleep(0.02)
                    waits = [
                        row[0]
                        for row in watcher.execute(
                            "select wait_event from pg_stat_activity where datname = current_database()"
                            " and pid <> %s and wait_event_type = 'Lock' order by 1",
                            (pid,),
                        )
                    ]
                print(f"fusions held {time.monotonic() - held:.2f} s, let go while waiting on: {waits}")
        finally:
            holder.rollback()
            holder.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread.join


@pytest.mark.parametrize("shared", [True, False], ids=["shared", "disjoint"])
def test_neighbouring_days_run_at_once_fuse_as_run_one_after_the_other(
    conn: psycopg.Connection, database_url: str, tmp_path: Path, checksums, monkeypatch, shared: bool
) -> None:
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", database_url)
    settings = load_settings()
    results = {interval: _run_files(tmp_path, interval, shared) for interval in (DAY, NEXT_DAY)}

    def calls(interval: Interval) -> dict[str, Callable[[], Any]]:
        return {
            "load": lambda: pipeline.load(settings, results[interval], interval),
            "clean": lambda: pipeline.clean(settings, interval),
            "dedup": lambda: pipeline.dedup(settings, interval),
            "extract": lambda: pipeline.extract_stage(settings, interval),
            "fuse": lambda: pipeline.fuse(settings, interval),
        }

    started = time.perf_counter()
    for interval in (DAY, NEXT_DAY):  # D, then D+1: what the two days must give however they overlap
        for step in STEPS:
            calls(interval)[step]()
    sequential = checksums(conn)
    expected = _incidents(conn)
    conn.rollback()
    print(
        f"D then D+1: {sum(map(len, expected.values()))} sources of {len(expected)} incidents "
        f"in {time.perf_counter() - started:.2f} s"
    )
    # the input is what the test means: one incident per article, the shared ones reported on both days
    articles = _articles(shared)
    assert sorted(expected) == sorted({a[4] for a in articles})
    for location, sources in expected.items():
        assert sorted(sources) == sorted((a[1], a[0].start.date()) for a in articles if a[4] == location)
    assert all(
        {day for _, day in expected[place]} == {DAY.start.date(), NEXT_DAY.start.date()} for place in SHARED if shared
    )
    _truncate(conn)

    barrier = threading.Barrier(2)
    failures: list[tuple[Interval, str, str]] = []
    released: list[Callable[[], None]] = []

    def run(interval: Interval) -> None:
        steps = calls(interval)
        for step in STEPS:
            if barrier.wait(timeout=300) == 0 and step == "fuse":  # one thread sets the hold before both go on
                released.append(_hold_counts(database_url))
            barrier.wait(timeout=300)
            try:
                steps[step]()
            except Exception as error:  # noqa: BLE001 - every failure is recorded and judged below
                failures.append((interval, step, f"{type(error).__name__}: {error}".splitlines()[0]))

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(interval,)) for interval in (DAY, NEXT_DAY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    for join in released:
        join()
    assert not any(thread.is_alive() for thread in threads), "a run never finished"
    print(
        f"D and D+1 together in {time.perf_counter() - started:.2f} s; steps that failed on a conflict (and were "
        f"rolled back): {[(i.slug, s, e) for i, s, e in failures] or 'none'}"
    )
    assert {error.split(":")[0] for _, _, error in failures} <= RETRYABLE, (
        f"a step failed other than on a transient conflict: {failures}"
    )
    together = checksums(conn)
    conn.rollback()
    if not failures:
        assert _incidents(conn) == expected
        assert together == sequential
    for interval in (DAY, NEXT_DAY):  # the retry of a day that failed, all its steps (each is idempotent)
        if any(failed == interval for failed, _, _ in failures):
            for step in STEPS:
                calls(interval)[step]()
    assert _incidents(conn) == expected
    assert checksums(conn) == sequential
    count = conn.execute("select count(*) from marts.incidents").fetchone()[0]
    assert count == len(expected) == len({a[4] for a in articles})
