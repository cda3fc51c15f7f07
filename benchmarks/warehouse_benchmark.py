"""Warehouse benchmark: bulk-load generated incidents and time the queries analysts run most.

    .venv/bin/python benchmarks/warehouse_benchmark.py [--rows 1000000] [--workers N] [--batch 250000]
                                                       [--server-url URL] [--keep] [--plans]

Creates a database of its own on the server (default: SAHELWATCH_TEST_SERVER_URL, else
postgresql://postgres@127.0.0.1:5432/postgres), applies the migrations, and drops it at the end (--keep keeps it).
The data are generated, deterministic (seeded), and shaped like the Sahel: ten years, Mali, Burkina Faso, Niger,
Mauritania and neighbours, admin-level rows without coordinates, one to four sources per incident.

It loads the way the pipeline does (sahelwatch.db.bulk.upsert_rows: COPY into a temporary table, then INSERT ... ON
CONFLICT, one transaction per batch) into the migrated tables with all their indexes and checks, and prints:
- load rows per second for marts.incidents (goal >= 50,000/s), and for the reports and incident sources behind them,
  with --workers parallel connections (default one per CPU, as parallel backfill days would load);
- the time to rebuild the daily and monthly counts;
- five typical analyst queries: median of 5 warm runs (goal <= 200 ms each) and the indexes their EXPLAIN ANALYZE
  shows (--plans prints the whole plans).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import multiprocessing
import os
import random
import re
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sahelwatch.db.bulk import upsert_rows  # noqa: E402
from sahelwatch.db.migrate import migrate  # noqa: E402
from sahelwatch.fuse.stage import INCIDENT_COLUMNS, SOURCE_COLUMNS  # noqa: E402

SEED = 20250601
FIRST_DAY, DAYS = date(2016, 1, 1), 3653
BATCH = 250_000
CHUNK = 10_000
BARRIER_TIMEOUT = 3600
JNIM = "JNIM: Group for Support of Islam and Muslims"
ISSP = "Islamic State Sahel Province"
# country -> (weight, [(admin1, latitude, longitude)]): admin1 centres well inside the country's bounding box
GEOGRAPHY: dict[str, tuple[int, list[tuple[str, float, float]]]] = {
    "Mali": (
        40,
        [
            ("Mopti", 14.5, -4.2),
            ("Segou", 13.4, -6.3),
            ("Tombouctou", 16.8, -3.0),
            ("Gao", 16.3, -0.1),
            ("Menaka", 15.9, 2.4),
            ("Kidal", 18.4, 1.4),
            ("Koulikoro", 12.9, -7.6),
            ("Sikasso", 11.3, -5.7),
            ("Kayes", 14.4, -11.4),
            ("Bandiagara", 14.35, -3.6),
        ],
    ),
    "Burkina Faso": (
        33,
        [
            ("Sahel", 14.0, -0.1),
            ("Centre-Nord", 13.3, -1.1),
            ("Est", 12.0, 0.4),
            ("Nord", 13.6, -2.4),
            ("Boucle du Mouhoun", 12.5, -3.5),
            ("Centre-Est", 11.8, -0.4),
            ("Cascades", 10.4, -4.5),
            ("Hauts-Bassins", 11.2, -4.3),
        ],
    ),
    "Niger": (
        20,
        [
            ("Tillaberi", 14.2, 1.5),
            ("Tahoua", 14.9, 5.3),
            ("Diffa", 13.3, 12.6),
            ("Maradi", 13.5, 7.1),
            ("Dosso", 13.0, 3.2),
            ("Agadez", 17.0, 8.0),
            ("Zinder", 13.8, 9.0),
        ],
    ),
    "Mauritania": (2, [("Hodh Ech Chargui", 16.6, -7.3), ("Nouakchott", 18.1, -15.95)]),
    "Benin": (2, [("Alibori", 11.3, 2.9)]),
    "Togo": (1, [("Savanes", 10.6, 0.3)]),
    "Nigeria": (1, [("Sokoto", 13.06, 5.24)]),
    "Chad": (1, [("Lac", 13.5, 14.3)]),
}
EVENTS = [
    ("Battles", "Armed clash", 30),
    ("Violence against civilians", "Attack", 22),
    ("Violence against civilians", "Abduction/forced disappearance", 8),
    ("Explosions/Remote violence", "Air/drone strike", 8),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 7),
    ("Protests", "Peaceful protest", 12),
    ("Riots", "Violent demonstration", 5),
    ("Strategic developments", "Looting/property destruction", 8),
]
ARMED = [
    (JNIM, 2, 40),
    (ISSP, 2, 20),
    ("Unidentified Armed Group", 3, 25),
    ("Dozo Communal Militia", 4, 5),
    ("Koglweogo Militia", 4, 4),
    ("Wagner Group", 8, 6),
]


def _state(country: str) -> str:
    return f"Military Forces of {country}"


RAW_COLUMNS = ("report_id", "source_id", "source_country", "url", "fetched_at", "interval_start", "interval_end")
STAGING_COLUMNS = (
    "report_id",
    "source_id",
    "source_country",
    "url",
    "canonical_url",
    "usable",
    "content_hash",
    "cluster_id",
    "interval_start",
    "published_at",
)
# load order: marts.incidents first (the headline figure), then parents before children (foreign keys)
TABLES = {
    "marts.incidents": (INCIDENT_COLUMNS, ("incident_id",)),
    "raw.reports": (RAW_COLUMNS, ("report_id",)),
    "staging.reports": (STAGING_COLUMNS, ("report_id",)),
    "marts.incident_sources": (SOURCE_COLUMNS, ("incident_id", "report_id", "seq")),
}


def generate_batch(rows: int, first: int, count: int) -> dict[str, list[tuple[Any, ...]]]:
    """Incidents first .. first + count - 1 of `rows`, and the reports and sources behind them, by table. Every chunk
    of CHUNK incidents has its own seeded generator, so any worker can make any batch and the data never change."""
    tables: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES}
    rng = random.Random()
    countries = list(GEOGRAPHY)
    country_weights = [GEOGRAPHY[c][0] for c in countries]
    event_weights = [e[2] for e in EVENTS]
    armed_weights = [a[2] for a in ARMED]
    for n in range(first, min(rows, first + count)):
        if n % CHUNK == 0 or n == first:  # batches start on a chunk: the data do not depend on the batch size
            rng.seed(f"{SEED}:{n // CHUNK}")
        country = rng.choices(countries, country_weights)[0]
        admin1, lat0, lon0 = rng.choice(GEOGRAPHY[country][1])
        event_type, sub_type, _ = rng.choices(EVENTS, event_weights)[0]
        day = FIRST_DAY + timedelta(days=n * DAYS // rows)  # the warehouse grows day by day
        admin_level = rng.random() < 0.1
        lat = None if admin_level else round(lat0 + rng.uniform(-0.4, 0.4), 5)
        lon = None if admin_level else round(lon0 + rng.uniform(-0.4, 0.4), 5)
        location = admin1 if admin_level else f"{admin1} village {rng.randrange(60)}"
        if event_type in ("Protests", "Riots"):
            actor1, inter1 = f"{'Protesters' if event_type == 'Protests' else 'Rioters'} ({country})", 6
            actor2, inter2 = (f"Police Forces of {country}", 1) if rng.random() < 0.3 else (None, None)
            fatalities = 0 if event_type == "Protests" else rng.choice([0, 0, 0, 1, 2])
        else:
            actor1, inter1, _ = rng.choices(ARMED, armed_weights)[0]
            if event_type == "Battles":
                actor2, inter2 = _state(country), 1
            else:
                actor2, inter2 = f"Civilians ({country})", 7
            if rng.random() < 0.15:  # state forces striking
                actor1, inter1, actor2, inter2 = _state(country), 1, actor1, inter1
            fatalities = int(rng.expovariate(1 / 6)) if rng.random() < 0.7 else 0
        unknown = rng.random() < 0.08
        best = None if unknown else fatalities
        low = None if unknown else max(0, fatalities - rng.choice([0, 0, 1, 2]))
        high = None if unknown else fatalities + rng.choice([0, 0, 2, 5])
        sources = rng.choices([1, 2, 3, 4], [70, 20, 8, 2])[0]
        outlets = rng.randint(1, sources)
        first = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(hours=rng.randrange(6, 60))
        last = first + timedelta(hours=rng.randrange(0, 72)) if sources > 1 else first
        incident_id = hashlib.sha256(f"r{n:09d}0:0".encode()).hexdigest()[:16]  # as fusion names them
        interval = datetime(first.year, first.month, first.day, tzinfo=UTC)
        raws, stagings, links = [], [], []
        for s in range(sources):
            report_id = f"r{n:09d}{s}"
            source_id = f"outlet-{(n + s) % 50 if s < outlets else (n % 50)}"
            url = f"https://{source_id}.example/{report_id}"
            published = first + timedelta(hours=s * 6) if s else first
            raws.append(
                (
                    report_id,
                    source_id,
                    country,
                    url,
                    published + timedelta(hours=1),
                    interval,
                    interval + timedelta(days=1),
                )
            )
            stagings.append((report_id, source_id, country, url, url, True, report_id, report_id, interval, published))
            links.append(
                (
                    incident_id,
                    report_id,
                    0,
                    source_id,
                    country,
                    url,
                    published,
                    "generated evidence",
                    day,
                    location,
                    best,
                    low,
                    high,
                    None,
                    None,
                    0.7,
                    "anchor" if s == 0 else "distance",
                    None if s == 0 else 3.5,
                )
            )
        incident = {
            "incident_id": incident_id,
            "event_date": day,
            "time_precision": 1,
            "event_type": event_type,
            "sub_event_type": sub_type,
            "actor1": actor1,
            "actor2": actor2,
            "country": country,
            "admin1": admin1,
            "admin2": None,
            "location": location,
            "latitude": lat,
            "longitude": lon,
            "geo_precision": 3 if admin_level else 1,
            "fatalities": best,
            "fatalities_low": low,
            "fatalities_high": high,
            "injured": rng.choice([None, None, 0, 1, 3]),
            "abducted": rng.choice([None, None, None, 0, 2]),
            "source_count": sources,
            "outlet_count": outlets,
            "first_reported_at": first,
            "last_reported_at": last,
            "evidence": "generated evidence",
            "confidence": round(rng.uniform(0.4, 0.95), 2),
            "inter1": inter1,
            "inter2": inter2,
        }
        tables["marts.incidents"].append(tuple(incident[c] for c in INCIDENT_COLUMNS))
        tables["raw.reports"].extend(raws)
        tables["staging.reports"].extend(stagings)
        tables["marts.incident_sources"].extend(links)
    return tables


QUERIES = {
    "monthly fatalities by admin1, Mali, 2024 (marts.monthly_counts)": """
        select month, admin1, sum(incidents) as incidents, sum(fatalities) as fatalities
          from marts.monthly_counts
         where country = 'Mali' and month >= date '2024-01-01' and month < date '2025-01-01'
         group by month, admin1 order by month, admin1""",
    "map window around Mopti, one quarter (SP-GiST on point)": """
        select incident_id, event_date, event_type, location, latitude, longitude, fatalities
          from marts.incidents
         where point(longitude, latitude) <@ box(point(-5.0, 14.0), point(-3.5, 15.0))
           and event_date between date '2025-01-01' and date '2025-03-31'
         order by event_date""",
    "JNIM as either actor, last 90 days": f"""
        select incident_id, event_date, country, admin1, event_type, actor1, actor2, fatalities
          from marts.incidents
         where (actor1 = '{JNIM}' or actor2 = '{JNIM}') and event_date >= date '2025-10-02'
         order by event_date desc""",
    "incidents with their sources, Mopti, May 2025 (marts.incidents_with_sources)": """
        select incident_id, event_date, location, fatalities, source_id, url, source_fatalities
          from marts.incidents_with_sources
         where country = 'Mali' and admin1 = 'Mopti' and event_date between date '2025-05-01' and date '2025-05-31'
         order by event_date, incident_id""",
    "ACLED export slice: Burkina Faso battles, Q1 2025 (marts.acled_events)": """
        select * from marts.acled_events
         where country = 'Burkina Faso' and event_type = 'Battles'
           and event_date between date '2025-01-01' and date '2025-03-31'
         order by event_date, incident_id""",
}
_INDEX = re.compile(r"(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)")


def _with_database(url: str, name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = name
    return psycopg.conninfo.make_conninfo(**info)


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc (0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _worker(url: str, rows: int, batches: list[int], size: int, barrier: Any, done: Any) -> None:
    """Make this worker's batches, then load them table by table, in step with the other workers; report the
    CPU time that the loads took in this process (client) and in its PostgreSQL backend (server)."""
    made = [generate_batch(rows, first, size) for first in batches]
    gc.freeze()  # millions of live rows: keep Python's collector from rescanning them during the timed loads
    cpu: dict[str, tuple[float, float]] = {}
    with psycopg.connect(url) as conn:
        backend = conn.execute("select pg_backend_pid()").fetchone()[0]  # same machine: its /proc is readable
        for table, (columns, key) in TABLES.items():
            barrier.wait(BARRIER_TIMEOUT)
            client, server = time.process_time(), _cpu_seconds(backend)
            for tables in made:
                with conn.transaction():  # one step = one transaction
                    upsert_rows(conn, table, columns, tables[table], key=key)
            cpu[table] = (time.process_time() - client, _cpu_seconds(backend) - server)
            barrier.wait(BARRIER_TIMEOUT)
    done.put((sum(len(tables["marts.incidents"]) for tables in made), cpu))


def load(url: str, rows: int, workers: int, size: int = BATCH) -> dict[str, tuple[int, float, float, float]]:
    """Load `rows` generated incidents, and their reports and sources, with `workers` parallel connections (each
    batch one transaction per table); {table: (rows, wall-clock seconds, client CPU s, server CPU s)}.
    Generation is not timed."""
    context = multiprocessing.get_context("fork")
    barrier, done = context.Barrier(workers + 1), context.Queue()
    if size % CHUNK:
        raise ValueError(f"batch size must be a multiple of {CHUNK}")
    starts = list(range(0, rows, size))
    processes = [
        context.Process(target=_worker, args=(url, rows, starts[w::workers], size, barrier, done))
        for w in range(workers)
    ]
    for process in processes:
        process.start()
    timings = {}
    try:
        for table in TABLES:
            barrier.wait(BARRIER_TIMEOUT)  # all have generated their rows, or finished the previous table
            started = time.perf_counter()
            barrier.wait(BARRIER_TIMEOUT)
            timings[table] = time.perf_counter() - started
        reports = [done.get(timeout=BARRIER_TIMEOUT) for _ in processes]
    finally:
        for process in processes:
            process.join()
    if any(process.exitcode for process in processes) or sum(loaded for loaded, _ in reports) != rows:
        raise RuntimeError("a load worker failed")
    with psycopg.connect(url) as conn:
        counts = {table: conn.execute(f"select count(*) from {table}").fetchone()[0] for table in TABLES}
    return {
        table: (
            counts[table],
            timings[table],
            sum(cpu[table][0] for _, cpu in reports),
            sum(cpu[table][1] for _, cpu in reports),
        )
        for table in TABLES
    }


def time_query(conn: psycopg.Connection, query: str, repeat: int = 5) -> tuple[float, float, int, str]:
    """(first run ms, median of `repeat` warm runs ms, rows, EXPLAIN ANALYZE text)."""
    runs = []
    count = 0
    for _ in range(repeat + 1):
        started = time.perf_counter()
        count = len(conn.execute(query).fetchall())
        runs.append((time.perf_counter() - started) * 1000)
    plan = "\n".join(row[0] for row in conn.execute("explain (analyze, buffers) " + query))
    return runs[0], statistics.median(runs[1:]), count, plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="incidents to generate (default 1,000,000)")
    parser.add_argument(
        "--server-url",
        default=os.environ.get("SAHELWATCH_TEST_SERVER_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="parallel loading connections (default: one per CPU)"
    )
    parser.add_argument("--batch", type=int, default=BATCH, help=f"rows per load step (default {BATCH:,})")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--plans", action="store_true", help="print every query's whole EXPLAIN ANALYZE")
    args = parser.parse_args(argv)

    name = f"sahelwatch_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.server_url, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
        version = admin.execute("show server_version").fetchone()[0]
    url = _with_database(args.server_url, name)
    print(
        f"benchmark database {name} (PostgreSQL {version}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} before starting)"
    )
    try:
        with psycopg.connect(url) as conn:
            migrate(conn)
        print(
            f"loading {args.rows:,} generated incidents with {args.workers} connection(s), batches of "
            f"{args.batch:,} rows: COPY into a temporary table, then INSERT ... ON CONFLICT, one transaction per "
            "batch and table"
        )
        print(
            "(CPU: seconds used by the loading clients + their PostgreSQL backends; rows per CPU-second does not "
            "depend on what else the machine runs)"
        )
        for table, (count, seconds, client, server) in load(url, args.rows, args.workers, args.batch).items():
            per_cpu = f"{count / (client + server):>7,.0f} rows per CPU-second" if client + server else ""
            print(
                f"load {table:<24} {count:>10,} rows in {seconds:5.1f} s = {count / seconds:>7,.0f} rows/s"
                f"   CPU {client:5.1f} + {server:5.1f} s = {per_cpu}"
            )
        with psycopg.connect(url) as conn:
            started = time.perf_counter()
            with conn.transaction():
                conn.execute("select marts.refresh_counts(null)")
            print(f"rebuild daily and monthly counts: {time.perf_counter() - started:.1f} s")
            conn.commit()
            conn.autocommit = True
            started = time.perf_counter()
            conn.execute("vacuum analyze")
            print(f"vacuum analyze: {time.perf_counter() - started:.1f} s")
            sizes = conn.execute(
                "select pg_size_pretty(pg_total_relation_size('marts.incidents')),"
                " pg_size_pretty(pg_database_size(current_database()))"
            ).fetchone()
            print(f"marts.incidents with its indexes: {sizes[0]}; whole database: {sizes[1]}")
            print("\nanalyst queries (median of 5 warm runs; first run in brackets; goal <= 200 ms):")
            for label, query in QUERIES.items():
                first, median, count, plan = time_query(conn, query)
                indexes = ", ".join(dict.fromkeys(_INDEX.findall(plan))) or "none (sequential scan)"
                print(f"  {median:7.1f} ms  ({first:6.1f} ms)  {count:>5} rows  {label}")
                print(f"             indexes: {indexes}")
                if args.plans:
                    print("\n".join("             | " + line for line in plan.splitlines()))
    finally:
        if not args.keep:
            with psycopg.connect(args.server_url, autocommit=True) as admin:
                admin.execute(f'drop database if exists "{name}" with (force)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
