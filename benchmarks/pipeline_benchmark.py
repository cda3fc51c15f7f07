"""End to end: the whole day's pipeline on a generated replica of 10,000 (or 100,000) reports, timed per stage.

    .venv/bin/python benchmarks/pipeline_benchmark.py                          # 10,000 reports, ~5 min
    .venv/bin/python benchmarks/pipeline_benchmark.py --scale 10000,100000     # both, and the 100k/10k ratios
    .venv/bin/python benchmarks/pipeline_benchmark.py --reports 2000 --profile # a quick look, with cProfile

Untimed: sahelwatch.tools.replica writes N reports of one day over 40 outlets (French and English, a fifth of them
syndicated copies, about 37 % incident reports) into a work folder, ReplicaServer(root=...) serves it on 127.0.0.1,
and a fresh database is created on the PostgreSQL server (SAHELWATCH_TEST_SERVER_URL, else 127.0.0.1:5432) and
migrated, unless --database-url names one. Timed: the steps of sahelwatch.pipeline, as the DAG calls them, with a
Settings whose registry is the generated one: crawl (every outlet, two at a time from a thread pool: each crawl is
its own Scrapy process, as two Airflow LocalExecutor slots with parallelism 2 would run them), load, clean, dedup,
extract, fuse, the five checks, report.

Printed per stage: wall seconds, throughput (pages/s for crawl, rows/s for load, reports/s for clean, dedup and
extract, incidents/s for fuse), CPU seconds (this process, which also runs the replica server's threads, plus the
crawl processes; and the PostgreSQL backends of the benchmark database), and peak memory, sampled every 0.1 s by a
thread with psutil: the resident memory of this process plus all its child processes, and of the database's
PostgreSQL backends (private memory: RSS minus shared pages, so the shared buffers are not counted once per
backend). Then each goal of issue #10 with OK or MISSED. `--profile` re-runs the in-process steps under cProfile
after the timed run (the steps are idempotent; load then inserts nothing new) and prints where their time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import pstats
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import psutil
import psycopg
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sahelwatch import pipeline  # noqa: E402
from sahelwatch.checks import CHECKS  # noqa: E402
from sahelwatch.config import Settings, load_settings  # noqa: E402
from sahelwatch.crawl import runner  # noqa: E402
from sahelwatch.interval import Interval  # noqa: E402
from sahelwatch.replica.server import ReplicaServer, replica_sources  # noqa: E402
from sahelwatch.tools.replica.generate import generate  # noqa: E402
from sahelwatch.tools.replica.model import DAY  # noqa: E402

SERVER_URL = os.environ.get("SAHELWATCH_TEST_SERVER_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
MB = 1024 * 1024
GOALS = {
    "end_to_end_s": 300,
    "peak_memory_mb": 2048,
    "extract_reports_per_s": 100,
    "dedup_100k_s": 60,
    "load_rows_per_s": 50_000,
}


# --- measuring --------------------------------------------------------------------------------------------------


class Sampler(threading.Thread):
    """Samples the memory of this process tree and of the benchmark database's backends, and the backends' CPU.

    Peaks are kept per stage (`take` returns and resets them) and for the whole run. Backends are found through
    pg_stat_activity on a connection of the sampler's own, which is left out of the figures."""

    def __init__(self, database_url: str, period: float = 0.1) -> None:
        super().__init__(name="memory-sampler", daemon=True)
        self.database_url = database_url
        self.period = period
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.stage = {"tree": 0, "backends": 0}
        self.run_peaks = {"tree": 0, "backends": 0}
        self.backend_cpu: dict[int, float] = {}
        self.me = psutil.Process()

    def _tree_rss(self) -> int:
        total = 0
        for process in [self.me, *self.me.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass  # ended between listing and reading
        return total

    def _backends(self, conn: psycopg.Connection) -> int:
        pids = [
            row[0]
            for row in conn.execute(
                "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
            )
        ]
        private = 0
        for pid in pids:
            try:
                process = psutil.Process(pid)
                memory = process.memory_info()
                cpu = process.cpu_times()
            except psutil.Error:
                continue
            private += memory.rss - memory.shared
            self.backend_cpu[pid] = cpu.user + cpu.system
        return private

    def run(self) -> None:
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            while not self.stop_event.wait(self.period):
                sample = {"tree": self._tree_rss(), "backends": self._backends(conn)}
                with self.lock:
                    for key, value in sample.items():
                        self.stage[key] = max(self.stage[key], value)
                        self.run_peaks[key] = max(self.run_peaks[key], value)

    def __enter__(self) -> Sampler:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Stop sampling before the database goes (it is dropped next, which would end the sampler's connection)."""
        self.stop_event.set()
        self.join()

    def take(self) -> dict[str, int]:
        with self.lock:
            peaks, self.stage = self.stage, {"tree": 0, "backends": 0}
        return peaks

    def backends_cpu(self) -> float:
        with self.lock:
            return sum(self.backend_cpu.values())


@dataclass
class Stage:
    name: str
    seconds: float
    count: int
    unit: str
    cpu_s: float
    backend_cpu_s: float
    peak_tree_mb: float
    peak_backends_mb: float
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timer:
    """Runs the stages one after the other and keeps their figures."""

    def __init__(self, sampler: Sampler) -> None:
        self.sampler = sampler
        self.stages: list[Stage] = []

    def stage(self, name: str, unit: str, work: Callable[[], tuple[int, dict[str, Any]]]) -> Stage:
        self.sampler.take()
        cpu, backend_cpu, started = _cpu(), self.sampler.backends_cpu(), time.perf_counter()
        count, detail = work()
        seconds = time.perf_counter() - started
        time.sleep(2 * self.sampler.period)  # let the sampler see the stage's last backend CPU
        peaks = self.sampler.take()
        result = Stage(
            name,
            seconds,
            count,
            unit,
            _cpu() - cpu,
            self.sampler.backends_cpu() - backend_cpu,
            peaks["tree"] / MB,
            peaks["backends"] / MB,
            detail,
        )
        self.stages.append(result)
        print(
            f"  {name:<8} {seconds:8.1f} s  {count:>8,} {unit:<10} {result.rate:9.1f} {unit}/s   "
            f"CPU {result.cpu_s:6.1f} s + db {result.backend_cpu_s:5.1f} s   peak {result.peak_tree_mb:6.0f} MB"
            f" + db {result.peak_backends_mb:4.0f} MB   {json.dumps(detail, default=str)[:120]}",
            flush=True,
        )
        return result


# --- the run ----------------------------------------------------------------------------------------------------


def crawl_all(settings: Settings, interval: Interval, workers: int) -> tuple[int, dict[str, Any], list[dict]]:
    """Every enabled source through pipeline.crawl, `workers` at a time (each crawl is a Scrapy subprocess)."""
    sources = pipeline.enabled_sources(settings)
    results = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(pipeline.crawl, settings, source, interval) for source in sources]
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results.append(result)
            if done % 10 == 0 or done == len(sources):
                print(f"    crawled {done}/{len(sources)} sources", flush=True)
    stored = sum(int(r["stats"].get("items_stored", 0)) for r in results)
    statuses = Counter(r["status"] for r in results)
    errors = sum(v for r in results for k, v in r["stats"].items() if k.startswith("errors/"))
    return stored, {"sources": len(results), "statuses": dict(statuses), "errors": errors}, results


def run_steps(timer: Timer, settings: Settings, interval: Interval, workers: int, generated_incidents: int) -> None:
    """The timed pipeline: crawl, load, clean, dedup, extract, fuse, checks, report. Fuse's figures carry the
    generated number of incidents, which it should find."""
    crawled: list[dict] = []

    def crawl() -> tuple[int, dict[str, Any]]:
        stored, detail, results = crawl_all(settings, interval, workers)
        crawled.extend(results)
        return stored, detail

    def load() -> tuple[int, dict[str, Any]]:
        result = pipeline.load(settings, crawled, interval, pipeline.enabled_sources(settings))
        return result["rows_valid"], {"inserted": result["rows_inserted"], "rejected": result["lines_rejected"]}

    def clean() -> tuple[int, dict[str, Any]]:
        result = pipeline.clean(settings, interval)
        return result["reports"], {"usable": result["usable"]}

    def dedup() -> tuple[int, dict[str, Any]]:
        result = pipeline.dedup(settings, interval)
        return result["reports"], {"duplicates": result["duplicates"], "near": result["near_duplicates"]}

    def extract() -> tuple[int, dict[str, Any]]:
        result = pipeline.extract_stage(settings, interval)
        return result["reports"], {"incidents": result["incidents"], "failures": result["failures"]}

    def fuse() -> tuple[int, dict[str, Any]]:
        result = pipeline.fuse(settings, interval)
        return result["incidents"], {
            "generated": generated_incidents,
            "mentions": result["mentions"],
            "rejected": result["rejected"],
        }

    def checks() -> tuple[int, dict[str, Any]]:
        problems = {name: pipeline.check(settings, name, interval) for name in CHECKS}
        return len(CHECKS), {name: len(found) for name, found in problems.items() if found}

    def report() -> tuple[int, dict[str, Any]]:
        result = pipeline.report(settings, interval)
        return 1, {"incidents": result.get("incidents")}

    for name, unit, work in (
        ("crawl", "pages", crawl),
        ("load", "rows", load),
        ("clean", "reports", clean),
        ("dedup", "reports", dedup),
        ("extract", "reports", extract),
        ("fuse", "incidents", fuse),
        ("checks", "checks", checks),
        ("report", "reports", report),
    ):
        timer.stage(name, unit, work)


def profile_steps(settings: Settings, interval: Interval, crawled: list[dict], top: int) -> None:
    """cProfile of each in-process step, re-run after the timed run; top functions by cumulative time."""
    steps: dict[str, Callable[[], Any]] = {
        "load": lambda: pipeline.load(settings, crawled, interval),
        "clean": lambda: pipeline.clean(settings, interval),
        "dedup": lambda: pipeline.dedup(settings, interval),
        "extract": lambda: pipeline.extract_stage(settings, interval),
        "fuse": lambda: pipeline.fuse(settings, interval),
        "report": lambda: pipeline.report(settings, interval),
    }
    for name, step in steps.items():
        profiler = cProfile.Profile()
        profiler.runcall(step)
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        print(f"\n  cProfile of {name} (re-run; cumulative s, own s, calls):")
        rows = sorted(stats.stats.items(), key=lambda item: item[1][3], reverse=True)  # type: ignore[attr-defined]
        for (filename, line, function), (_, calls, own, cumulative, _) in rows[:top]:
            where = filename.split("site-packages/")[-1].split(str(REPO) + "/")[-1]
            print(f"    {cumulative:8.2f} {own:8.2f} {calls:9d}  {where}:{line}({function})"[:150])


# --- setting up -------------------------------------------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = name
    return psycopg.conninfo.make_conninfo(**info)


@contextmanager
def database(given: str | None, keep: bool) -> Iterator[str]:
    """The given database, or a fresh one on the server, dropped afterwards unless `keep`."""
    if given:
        yield given
        return
    name = f"sahelwatch_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(SERVER_URL, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    try:
        yield _with_database(SERVER_URL, name)
    finally:
        if keep:
            print(f"kept database {name}")
        else:
            with psycopg.connect(SERVER_URL, autocommit=True) as admin:
                admin.execute(f'drop database if exists "{name}" with (force)')


class CountingHandler(logging.Handler):
    """Counts warnings and errors of the steps (their messages go to the log file) and keeps a few errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.counts: Counter[str] = Counter()
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.counts[record.levelname] += 1
        if record.levelno >= logging.ERROR and len(self.errors) < 5:
            self.errors.append(record.getMessage()[:200])


def bench_scale(reports: int, args: argparse.Namespace, work: Path) -> list[Stage]:
    """Generate, serve, migrate, then time the pipeline on `reports` reports; returns the stages."""
    folder = work / f"r{reports}"
    started = time.perf_counter()
    replica = generate(folder, reports, args.outlets, args.seed)
    counts = replica.counts()
    print(
        f"\n== {reports:,} reports: generated in {time.perf_counter() - started:.0f} s (untimed): "
        f"{counts['bytes'] / 1e6:.0f} MB of pages, {counts['outlets']} outlets (largest {counts['largest_outlet']} "
        f"articles), {counts['copies']} copies, {counts['incident_reports']} incident reports of "
        f"{counts['incidents']} incidents, {counts['languages']}",
        flush=True,
    )
    interval = Interval.for_day(DAY)
    runner.CRAWL_TIMEOUT_SECONDS = 4 * 3600
    with ReplicaServer(root=folder / "site") as server, database(args.database_url, args.keep) as url:
        registry = folder / "sources.filled.yaml"
        sources = replica_sources(server.base_url, folder / "sources.yaml")
        for source in sources:
            source["concurrency"] = args.concurrency
        registry.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
        settings = replace(
            load_settings(),
            database_url=url,
            data_dir=folder / "data",
            sources_file=registry,
            allowed_hosts=("127.0.0.1",),
        )
        pipeline.migrate(settings)
        with Sampler(url) as sampler:
            timer = Timer(sampler)
            load_avg = os.getloadavg()[0]
            print(f"  load average before: {load_avg:.1f}; stages (timed):", flush=True)
            cpu, backend_cpu, started = _cpu(), sampler.backends_cpu(), time.perf_counter()
            run_steps(timer, settings, interval, args.workers, counts["incidents"])
            total = time.perf_counter() - started
            stages = timer.stages
            stages.append(
                Stage(
                    "total",
                    total,
                    reports,
                    "reports",
                    _cpu() - cpu,
                    sampler.backends_cpu() - backend_cpu,
                    sampler.run_peaks["tree"] / MB,
                    sampler.run_peaks["backends"] / MB,
                )
            )
            print(
                f"  {'total':<8} {total:8.1f} s  CPU {stages[-1].cpu_s:.1f} s + db {stages[-1].backend_cpu_s:.1f} s; "
                f"peak memory {stages[-1].peak_tree_mb:.0f} MB (this process + crawl processes) + "
                f"{stages[-1].peak_backends_mb:.0f} MB (PostgreSQL backends, private)",
                flush=True,
            )
            if args.profile:
                results = [
                    {"source_id": p.stem, "run_file": str(p), "status": "ok", "stats": {}}
                    for p in sorted(settings.runs_dir.glob("*/*.jsonl"))
                ]
                profile_steps(settings, interval, results, args.profile_top)
    return stages


def check_goals(by_scale: dict[int, list[Stage]]) -> None:
    """Issue #10's goals, OK or MISSED, from the scales that were run."""
    print("\ngoals (issue #10):")

    def verdict(name: str, value: float, goal: float, *, at_most: bool) -> None:
        ok = value <= goal if at_most else value >= goal
        print(f"  {'OK    ' if ok else 'MISSED'} {name}: {value:,.1f} ({'<=' if at_most else '>='} {goal:,})")

    for reports, stages in by_scale.items():
        named = {s.name: s for s in stages}
        if reports == 10_000:
            verdict("10k end to end, s", named["total"].seconds, GOALS["end_to_end_s"], at_most=True)
            memory = named["total"].peak_tree_mb + named["total"].peak_backends_mb
            verdict("10k peak memory incl. PostgreSQL backends, MB", memory, GOALS["peak_memory_mb"], at_most=True)
        if reports == 100_000:
            verdict("100k dedup, s", named["dedup"].seconds, GOALS["dedup_100k_s"], at_most=True)
        verdict(
            f"{reports:,} reports: extraction, reports/s (one process)",
            named["extract"].rate,
            GOALS["extract_reports_per_s"],
            at_most=False,
        )
        verdict(f"{reports:,} reports: load, rows/s", named["load"].rate, GOALS["load_rows_per_s"], at_most=False)
        fuse = named["fuse"]
        print(
            f"  {'OK    ' if fuse.count == fuse.detail['generated'] else 'DIFFERS'} {reports:,} reports: fused "
            f"incidents {fuse.count:,} (generated {fuse.detail['generated']:,}; a check of the run, not a goal)"
        )


def print_ratios(by_scale: dict[int, list[Stage]]) -> None:
    sizes = sorted(by_scale)
    if len(sizes) < 2:
        return
    small, big = sizes[0], sizes[-1]
    print(f"\nhow each stage grows from {small:,} to {big:,} reports (time ratio; {big / small:.0f} = linear):")
    small_stages = {s.name: s for s in by_scale[small]}
    for stage in by_scale[big]:
        base = small_stages[stage.name]
        ratio = stage.seconds / base.seconds if base.seconds else float("nan")
        print(
            f"  {stage.name:<8} {base.seconds:8.1f} s -> {stage.seconds:8.1f} s   x {ratio:5.1f}   "
            f"peak {base.peak_tree_mb:6.0f} -> {stage.peak_tree_mb:6.0f} MB"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--scale", help="comma-separated sizes, e.g. 10000,100000 (overrides --reports)")
    parser.add_argument("--outlets", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--workers", type=int, default=2, help="sources crawled at once (Airflow parallelism)")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight per source")
    parser.add_argument("--database-url", help="use this (empty, migrated or not) database; one scale only")
    parser.add_argument("--work-dir", type=Path, help="where the replica and run files go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the database and the work folder")
    parser.add_argument("--profile", action="store_true", help="cProfile the in-process steps after the run")
    parser.add_argument("--profile-top", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.scale.split(",")] if args.scale else [args.reports]
    if args.database_url and len(sizes) > 1:
        parser.error("--database-url takes one scale only")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `timeout` or kill: still drop the database and folder
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="sahelwatch-e2e-"))
    work.mkdir(parents=True, exist_ok=True)
    counting = CountingHandler()
    logging.basicConfig(
        filename=work / "pipeline.log", level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger().addHandler(counting)
    print(f"work folder {work}; step logs in {work / 'pipeline.log'}; {os.cpu_count()} CPUs", flush=True)
    by_scale: dict[int, list[Stage]] = {}
    try:
        for size in sizes:
            by_scale[size] = bench_scale(size, args, work)
    finally:
        if not args.keep and not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)
    print_ratios(by_scale)
    check_goals(by_scale)
    print(f"\nlog records: {dict(counting.counts)}" + "".join(f"\n  error: {e}" for e in counting.errors))
    if args.json:
        args.json.write_text(
            json.dumps({str(k): [vars(s) for s in v] for k, v in by_scale.items()}, indent=2, default=str),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
