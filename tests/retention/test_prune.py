"""Retention over 120 days of small runs with a 90-day window (issue #20's "Done when"), through the real CLI, a
real warehouse and a real Airflow metadata database: what is left, what a second prune and a dry run change
(nothing), that an in-window day re-runs to the same rows, and that a day a DAG run holds is left alone.

Prunes run "as of" the day after tomorrow with a one-day window for Airflow's metadata, so that the rows the Airflow
CLI writes now are older than that window, while the 120 days of reports stay in the past (extraction refuses
reports published in the future)."""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import subprocess
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from sahelwatch import pipeline
from sahelwatch.config import Settings, load_settings
from sahelwatch.interval import Interval
from sahelwatch.resources import REPO_ROOT

SAHELWATCH = str(REPO_ROOT / "bin" / "sahelwatch")
AIRFLOW = str(Path(os.sys.executable).with_name("airflow"))
TODAY = datetime.now(UTC).date() + timedelta(days=2)
DAYS = [TODAY - timedelta(days=n) for n in range(122, 2, -1)]  # 120 days, the last one yesterday
WINDOW = 90
EXPIRED = [day for day in DAYS if day < TODAY - timedelta(days=WINDOW)]  # the 32 oldest days
HELD = TODAY - timedelta(days=100)  # an expired day that a queued DAG run covers
IN_WINDOW = TODAY - timedelta(days=10)
OUT_OF_WINDOW = TODAY - timedelta(days=110)
PER_DAY = 2
WORDS = (
    "marché route puits école village piste saison récolte bétail convoi patrouille forage mairie pluie "
    "camion riz mil coton fleuve pont dispensaire foire"
).split()


def _text(day: date, n: int) -> str:
    """An incident sentence and filler that differs from every other report's, so dedup keeps each one."""
    rng = random.Random(f"{day}-{n}")
    filler = " ".join(rng.choice(WORDS) + str(rng.randrange(1000)) for _ in range(60))
    return f"Des hommes armés ont tué {3 + n} civils à Tillia, dans la région de Tahoua, le {day:%d/%m/%Y}. " + filler


def _item(day: date, n: int) -> dict[str, Any]:
    url = f"https://echos.example/{day:%Y/%m/%d}/article-{n}"
    return {
        "source_id": "echos",
        "source_country": "Niger",
        "url": url,
        "final_url": url,
        "title": f"Attaque {n}",
        "text": _text(day, n),
        "html": f"<html><body><p>{_text(day, n)}</p>{'<div></div>' * 200}</body></html>",
        "http_status": 200,
        "language_hint": "fr",
        "page_published": f"{day}T08:00:00+00:00",
        "fetched_at": f"{day}T09:00:00+00:00",
    }


def _run_file(settings: Settings, interval: Interval, day: date) -> Path:
    folder = settings.runs_dir / interval.slug
    folder.mkdir(parents=True)
    path = folder / "echos.jsonl"
    path.write_text("".join(json.dumps(_item(day, n)) + "\n" for n in range(PER_DAY)), encoding="utf-8")
    (folder / "echos.log").write_text("crawl log\n" * 20, encoding="utf-8")
    (folder / "echos.stats.json").write_text('{"items_stored": 2}', encoding="utf-8")
    return path


def _load(settings: Settings, day: date) -> None:
    interval = Interval.for_day(day)
    path = settings.runs_dir / interval.slug / "echos.jsonl"
    results = [
        {
            "source_id": "echos",
            "run_file": str(path) if path.exists() else None,
            "status": "ok",
            "stats": {"items_stored": PER_DAY},
        }
    ]
    pipeline.load(settings, results, interval)


def _process(settings: Settings, day: date) -> dict[str, Any]:
    interval = Interval.for_day(day)
    cleaned = pipeline.clean(settings, interval)
    for step in (pipeline.dedup, pipeline.extract_stage, pipeline.fuse):
        step(settings, interval)
    return cleaned


def _rows(url: str, day: date) -> dict[str, list[str]]:
    """Every warehouse row of a day, as text, per table."""
    window = {"start": Interval.for_day(day).start, "end": Interval.for_day(day).end}
    of_day = "select report_id from raw.reports where interval_start >= %(start)s and interval_start < %(end)s"
    queries = {
        "raw.reports": f"select to_jsonb(t)::text from raw.reports t where report_id in ({of_day})",
        "staging.reports": f"select to_jsonb(t)::text from staging.reports t where report_id in ({of_day})",
        "staging.report_incidents": f"select to_jsonb(t)::text from staging.report_incidents t"
        f" where report_id in ({of_day})",
        "marts.incident_sources": f"select to_jsonb(t)::text from marts.incident_sources t"
        f" where report_id in ({of_day})",
        "marts.incidents": "select to_jsonb(t)::text from marts.incidents t where incident_id in"
        f" (select incident_id from marts.incident_sources where report_id in ({of_day}))",
    }
    with psycopg.connect(url) as conn:
        return {table: sorted(row[0] for row in conn.execute(query, window)) for table, query in queries.items()}


def _tree(root: Path) -> dict[str, tuple[int, float]]:
    return {
        str(path.relative_to(root)): (path.stat().st_size, path.stat().st_mtime)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@dataclass
class World:
    settings: Settings
    url: str
    airflow_home: Path
    env: dict[str, str]

    def cli(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([SAHELWATCH, *argv], env=self.env, capture_output=True, text=True, timeout=600)

    def airflow(self, *argv: str) -> None:
        done = subprocess.run([AIRFLOW, *argv], env=self.env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]

    def metadata(self, query: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.airflow_home / "airflow.db") as db:
            return db.execute(query).fetchall()

    def html_days(self) -> set[date]:
        with psycopg.connect(self.url) as conn:
            return {
                row[0]
                for row in conn.execute(
                    "select distinct (interval_start at time zone 'UTC')::date from raw.reports"
                    " where html_gz is not null"
                )
            }


def _build(tmp: Path, url: str) -> World:
    data_dir, airflow_home = tmp / "data", tmp / "airflow"
    settings = replace(load_settings(), data_dir=data_dir, database_url=url)
    env = {
        **os.environ,
        "SAHELWATCH_DATA_DIR": str(data_dir),
        "SAHELWATCH_DATABASE_URL": url,
        "AIRFLOW_HOME": str(airflow_home),
        "SAHELWATCH_RETENTION_RUN_FILES_DAYS": str(WINDOW),
        "SAHELWATCH_RETENTION_RAW_HTML_DAYS": str(WINDOW),
        "SAHELWATCH_RETENTION_AIRFLOW_DAYS": "1",
    }
    env.pop("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", None)
    env.pop("AIRFLOW__LOGGING__BASE_LOG_FOLDER", None)
    world = World(settings, url, airflow_home, env)
    task_logs = airflow_home / "logs" / "dag_id=sahelwatch_daily"
    for day in DAYS:
        interval = Interval.for_day(day)
        _run_file(settings, interval, day)
        _load(settings, day)
        (data_dir / "logs").mkdir(parents=True, exist_ok=True)
        (data_dir / "logs" / f"dag-{interval.slug}.log").write_text("dag log\n" * 50, encoding="utf-8")
        (data_dir / "reports").mkdir(exist_ok=True)
        (data_dir / "reports" / f"sahelwatch-report-{day}.html").write_text("<html>report</html>", encoding="utf-8")
        (data_dir / "reports" / f"sahelwatch-report-{day}-trend.png").write_bytes(b"\x89PNG" + b"\0" * 500)
        log = task_logs / f"run_id=scheduled__{day}" / "task_id=load" / "attempt=1.log"
        log.parent.mkdir(parents=True)
        log.write_text("task log\n" * 30, encoding="utf-8")
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()
        os.utime(log, (noon, noon))
    world.airflow("db", "migrate")
    world.airflow("dags", "reserialize")
    world.airflow("dags", "trigger", "sahelwatch_daily", "-c", json.dumps({"day": HELD.isoformat()}))
    return world


@dataclass
class Outcome:
    world: World
    before: dict[date, dict[str, list[str]]]
    after: dict[date, dict[str, list[str]]]
    out_of_window_clean: dict[str, Any]
    dry_run: subprocess.CompletedProcess[str]
    dry_run_changed: list[str]
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    files_after_first: dict[str, tuple[int, float]]
    files_after_second: dict[str, tuple[int, float]]
    airflow_log_rows_before: int


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Outcome:
    with psycopg.connect(database_url) as conn:  # this module's own rows only
        tables = [
            row[0]
            for row in conn.execute(
                "select format('%I.%I', schemaname, tablename) from pg_tables"
                " where schemaname in ('raw', 'staging', 'marts')"
            )
        ]
        conn.execute(f"truncate {', '.join(tables)} cascade")
    world = _build(tmp_path_factory.mktemp("retention"), database_url)
    for day in (IN_WINDOW, OUT_OF_WINDOW):
        _process(world.settings, day)
    before = {day: _rows(database_url, day) for day in (IN_WINDOW, OUT_OF_WINDOW)}

    files, html, log_rows = (
        _tree(world.settings.data_dir),
        world.html_days(),
        world.metadata("select count(*) from log"),
    )
    dry_run = world.cli("prune", "--dry-run", "--as-of", str(TODAY))
    changed = [
        name
        for name, same in (
            ("files", files == _tree(world.settings.data_dir)),
            ("raw html", html == world.html_days()),
            ("airflow log", log_rows == world.metadata("select count(*) from log")),
        )
        if not same
    ]

    first = world.cli("prune", "--as-of", str(TODAY))
    after_first = _tree(world.settings.data_dir)
    second = world.cli("prune", "--as-of", str(TODAY))
    after_second = _tree(world.settings.data_dir)

    _load(world.settings, IN_WINDOW)  # re-run of a day inside the window: its run file is still there
    _process(world.settings, IN_WINDOW)
    _load(world.settings, OUT_OF_WINDOW)  # outside it: the run file is gone
    out_clean = _process(world.settings, OUT_OF_WINDOW)
    after = {day: _rows(database_url, day) for day in (IN_WINDOW, OUT_OF_WINDOW)}
    return Outcome(
        world, before, after, out_clean, dry_run, changed, first, second, after_first, after_second, log_rows[0][0]
    )


def test_dry_run_lists_what_would_go_and_changes_nothing(outcome: Outcome) -> None:
    assert outcome.dry_run.returncode == 0, outcome.dry_run.stderr
    assert outcome.dry_run_changed == []
    out = outcome.dry_run.stdout
    assert f"run files    before {TODAY - timedelta(days=WINDOW)}:     {len(EXPIRED) - 1} item(s) · would free" in out
    assert f"raw html     before {TODAY - timedelta(days=WINDOW)}:     {(len(EXPIRED) - 1) * PER_DAY} page(s)" in out
    assert "dry run: nothing changed" in out


def test_prune_keeps_the_window_and_what_a_dag_run_holds(outcome: Outcome) -> None:
    assert outcome.first.returncode == 0, outcome.first.stderr
    settings = outcome.world.settings
    kept = [day for day in DAYS if day not in EXPIRED] + [HELD]
    runs = {path.name for path in settings.runs_dir.iterdir()}
    assert runs == {Interval.for_day(day).slug for day in kept}
    assert outcome.world.html_days() == set(kept)
    logs = {path.name for path in (settings.data_dir / "logs").iterdir()}
    assert logs == {f"dag-{Interval.for_day(day).slug}.log" for day in kept}
    figures = {path.name for path in (settings.data_dir / "reports").glob("*.png")}
    assert figures == {f"sahelwatch-report-{day}-trend.png" for day in kept}
    assert len(list((settings.data_dir / "reports").glob("*.html"))) == len(DAYS)  # situation reports stay
    assert f"held: run files {Interval.for_day(HELD).slug}: a DAG run is processing {HELD}" in outcome.first.stdout


def test_expired_reports_keep_their_row_and_text(outcome: Outcome) -> None:
    with psycopg.connect(outcome.world.url) as conn:
        total, pruned, texts = conn.execute(
            "select count(*), count(*) filter (where html_gz is null and html_pruned_at is not null),"
            " count(*) filter (where text <> '') from raw.reports"
        ).fetchone()
    assert total == texts == len(DAYS) * PER_DAY
    assert pruned == (len(EXPIRED) - 1) * PER_DAY


def test_task_logs_and_airflow_rows_older_than_the_window_go(outcome: Outcome) -> None:
    task_logs = sorted((outcome.world.airflow_home / "logs" / "dag_id=sahelwatch_daily").glob("run_id=*"))
    assert [path.name for path in task_logs] == [f"run_id=scheduled__{day}" for day in DAYS if day not in EXPIRED]
    assert outcome.airflow_log_rows_before > 0
    assert outcome.world.metadata("select count(*) from log where event = 'dags trigger'") == [(0,)]
    # The queued run (it never started) is what holds its day; it is still there.
    [(conf,)] = outcome.world.metadata("select conf from dag_run where state = 'queued'")
    assert json.loads(conf)["day"] == str(HELD)
    [removed] = re.findall(r"airflow db clean` removed (\d+) row", outcome.first.stdout)
    assert int(removed) >= outcome.airflow_log_rows_before


def test_a_second_prune_removes_nothing(outcome: Outcome) -> None:
    assert outcome.second.returncode == 0, outcome.second.stderr
    assert outcome.files_after_second == outcome.files_after_first
    assert "total freed 0 B" in outcome.second.stdout


def test_an_in_window_day_re_runs_to_the_same_rows(outcome: Outcome) -> None:
    assert outcome.after[IN_WINDOW] == outcome.before[IN_WINDOW]
    assert outcome.before[IN_WINDOW]["marts.incidents"]  # the day has incidents to compare


def test_an_out_of_window_day_re_runs_from_its_stored_text(outcome: Outcome) -> None:
    assert outcome.out_of_window_clean["raw_pages_pruned"] == PER_DAY
    before, after = outcome.before[OUT_OF_WINDOW], outcome.after[OUT_OF_WINDOW]
    assert before["marts.incidents"]
    assert {table: rows for table, rows in after.items() if table != "raw.reports"} == {
        table: rows for table, rows in before.items() if table != "raw.reports"
    }


def test_the_summary_of_an_out_of_window_day_says_its_raw_pages_are_gone(
    outcome: Outcome, capsys: pytest.CaptureFixture[str]
) -> None:
    from sahelwatch.cli.render import print_summary
    from sahelwatch.summary import summarise

    with psycopg.connect(outcome.world.url) as conn:
        old = summarise(conn, Interval.for_day(OUT_OF_WINDOW))
        recent = summarise(conn, Interval.for_day(IN_WINDOW))
    assert (old.raw_pages_pruned, recent.raw_pages_pruned) == (PER_DAY, 0)
    print_summary(OUT_OF_WINDOW, old, 0, True, Path("dag.log"))
    out = " ".join(capsys.readouterr().out.split())
    assert f"raw pages gone: retention dropped the raw HTML of {PER_DAY} report(s) of this day" in out
    assert "re-extracted from their stored text" in out
