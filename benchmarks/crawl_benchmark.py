"""Crawl benchmark: one outlet's feed listing N generated articles, served on 127.0.0.1, crawled by the real runner.

    .venv/bin/python benchmarks/crawl_benchmark.py [--articles 10000] [--concurrency 16] [--workers 2] [--json out.json]

The site is one outlet of sahelwatch.tools.replica (the generator the end-to-end benchmark uses), written into a
temporary directory: its RSS feed listing the day's N articles, news pages of 10-30 KB (menus, related links, inline
style and script, 4-9 paragraphs of invented French news, about a third of them incident reports), served by
ReplicaServer(root=...). The crawl runs as in production (subprocess, robots.txt, address guard, run file), with the
per-source settings a fast local target allows: no delay, no AutoThrottle, higher per-domain concurrency.

It prints pages per second and where the time goes:
* from the crawl's own stats: the crawler process's CPU time (feed parsing, charset decoding, run-file writing, and
  the rest: Scrapy, Twisted, HTTP), and the extraction workers' CPU time (page metadata + trafilatura);
* the peak memory of the crawler, its forkserver and its extraction workers (RSS, and PSS, which splits the pages
  they share), sampled from /proc every 0.2 s;
* the mean download latency (request sent to response received, as Scrapy measures it);
* a cProfile of the crawler's reactor thread (SAHELWATCH_PROFILE_FILE) in a second, smaller crawl of the same site,
  so the profiler's overhead does not distort the figures of the first;
* extraction alone on a sample of the pages: `page_metadata` as the crawl runs it, and trafilatura's full cascade
  (its fallback extractors on every page, as before the crawl was made faster) for comparison.
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sahelwatch.config import load_settings  # noqa: E402
from sahelwatch.crawl import runner  # noqa: E402
from sahelwatch.crawl.state import CrawlState  # noqa: E402
from sahelwatch.interval import Interval  # noqa: E402
from sahelwatch.replica.server import ReplicaServer, replica_sources  # noqa: E402
from sahelwatch.sources.registry import parse_registry  # noqa: E402
from sahelwatch.tools.replica import generate as replica  # noqa: E402
from sahelwatch.tools.replica.model import DAY  # noqa: E402
from sahelwatch.tools.replica.pages import feed_document  # noqa: E402

PROFILE_FEED = "feed-profile.xml"  # the outlet's first articles only, for the profiled crawl


def generate(root: Path, articles: int, profiled: int, seed: int = 2025) -> tuple[Path, int, int]:
    """One outlet's site, feed and registry under `root` (replica.generate), plus a feed of its first `profiled`
    articles; returns the folder of its article pages, the number of files written and their total bytes."""
    written = replica.generate(root, articles, outlets=1, seed=seed)
    outlet = written.outlets[0]
    feed = feed_document(outlet, written.articles[:profiled]).encode("utf-8")
    written.bytes_written += (root / "site" / outlet.id / PROFILE_FEED).write_bytes(feed)
    files = sum(1 for path in (root / "site").rglob("*") if path.is_file())
    return root / "site" / outlet.id / f"{DAY:%Y/%m/%d}", files, written.bytes_written


def extraction_alone(pages: list[Path]) -> dict[str, float]:
    """Milliseconds of CPU per page: page_metadata as the crawl runs it, and trafilatura's full cascade alone."""
    import trafilatura

    from sahelwatch.crawl.article import page_metadata

    texts = [page.read_text(encoding="utf-8") for page in pages]
    runs = {
        "page_metadata": lambda html: page_metadata(html, "http://127.0.0.1/"),
        "trafilatura_full_cascade": lambda html: trafilatura.extract(
            html, include_comments=False, include_tables=False, favor_precision=True
        ),
    }
    timings = {}
    for label, run in runs.items():
        started = time.process_time()
        for html in texts:
            run(html)
        timings[label] = round(1000 * (time.process_time() - started) / len(texts), 2)
    return timings


class TreeMemory(threading.Thread):
    """Peak RSS and PSS (kB) summed over this process's descendants: the crawler, its forkserver and workers."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_rss = self.peak_pss = 0
        self.peak_processes = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            pids = _descendants(os.getpid())
            rss, pss = zip(*(_memory(pid) for pid in pids)) if pids else ((0,), (0,))
            self.peak_rss, self.peak_pss = max(self.peak_rss, sum(rss)), max(self.peak_pss, sum(pss))
            self.peak_processes = max(self.peak_processes, len(pids))


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _memory(pid: int) -> tuple[int, int]:
    values = {"Rss:": 0, "Pss:": 0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, *rest = line.split()
            if key in values:
                values[key] = int(rest[0])
    except OSError:
        pass
    return values["Rss:"], values["Pss:"]


def top_functions(profile: Path, limit: int) -> list[tuple[str, int, float, float]]:
    """By own time: in an event loop nearly everything is under the loop's run call, so cumulative says little."""
    stats = pstats.Stats(str(profile))
    rows = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = filename.split("site-packages/")[-1].split("/work/main/")[-1]
        rows.append((f"{where}:{line}({name})", calls, tottime, cumtime))
    rows.sort(key=lambda row: row[2], reverse=True)
    return rows[:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight to the one benchmark host")
    parser.add_argument("--profile-articles", type=int, default=1000, help="articles of the profiled crawl")
    parser.add_argument("--profile-top", type=int, default=18)
    parser.add_argument("--workers", type=int, default=2, help="extraction worker processes of the crawl")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="sahelwatch-crawl-bench-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        pages, files, size = generate(root, args.articles, min(args.profile_articles, args.articles))
        generated = time.perf_counter() - started
        print(
            f"generated {files} files, {size / 1e6:.1f} MB ({size / files / 1000:.1f} KB per file) in "
            f"{generated:.1f} s",
            flush=True,
        )
        profile = root / "parse.prof"
        settings = replace(load_settings(), data_dir=root / "data", database_url=None, allowed_hosts=("127.0.0.1",))
        runner.CRAWL_TIMEOUT_SECONDS = 4 * 3600
        with ReplicaServer(root=root / "site") as server:
            source = parse_registry(replica_sources(server.base_url, root / "sources.yaml"))[0]
            source = replace(source, settings={**source.settings, "concurrency": args.concurrency})
            interval = Interval.for_day(DAY)
            memory = TreeMemory()
            memory.start()
            own_before = resource.getrusage(resource.RUSAGE_SELF)
            started = time.perf_counter()
            bench_settings = {
                "CLOSESPIDER_TIMEOUT": "0",
                "DOWNLOAD_MAXSIZE": str(64 * 1024 * 1024),
                "SAHELWATCH_EXTRACT_WORKERS": str(args.workers),
            }
            result = runner.crawl_source(source, interval, settings, state=CrawlState(), extra_settings=bench_settings)
            wall = time.perf_counter() - started
            memory.done.set()
            memory.join()
            own_after = resource.getrusage(resource.RUSAGE_SELF)
            print("profiling the crawler's reactor thread in a second crawl ...", flush=True)
            profiled = replace(source, id=f"{source.id}-profile", url=f"{server.base_url}/{source.id}/{PROFILE_FEED}")
            runner.crawl_source(
                profiled,
                interval,
                settings,
                state=CrawlState(),
                extra_settings={**bench_settings, "SAHELWATCH_PROFILE_FILE": str(profile)},
            )
        alone = extraction_alone(sorted(pages.glob("*.html"))[:300])
        stats = result.stats
        stored = int(stats.get("items_stored", 0))
        crawl_s = stats.get("time/elapsed_ms", 0) / 1000
        crawler_cpu = stats.get("time/cpu_ms", 0) / 1000
        workers_cpu = stats.get("time/extract_ms", 0) / 1000
        server_cpu = (own_after.ru_utime - own_before.ru_utime) + (own_after.ru_stime - own_before.ru_stime)
        parts = {key: stats.get(f"time/{key}_ms", 0) / 1000 for key in ("listing", "decode", "write")}
        other = crawler_cpu - sum(parts.values())
        run_file_mb = Path(result.run_file).stat().st_size / 1e6 if result.run_file else 0
        figures = {
            "articles": args.articles,
            "concurrency": args.concurrency,
            "workers": args.workers,
            "status": result.status,
            "items_stored": stored,
            "errors": {k: v for k, v in stats.items() if k.startswith("errors/")},
            "crawl_seconds": round(crawl_s, 1),
            "runner_seconds": round(wall, 1),
            "pages_per_second": round(stored / crawl_s, 1) if crawl_s else None,
            "crawler_cpu_seconds": round(crawler_cpu, 1),
            "workers_cpu_seconds": round(workers_cpu, 1),
            "server_cpu_seconds": round(server_cpu, 1),
            "load_average": os.getloadavg(),
            "peak_rss_mb": round(memory.peak_rss / 1024),
            "peak_pss_mb": round(memory.peak_pss / 1024),
            "peak_processes": memory.peak_processes,
            "seconds": {**{k: round(v, 1) for k, v in parts.items()}, "scrapy_twisted_http_other": round(other, 1)},
            "mean_download_latency_ms": round(stats.get("time/download_ms", 0) / max(stored, 1), 1),
            "run_file_mb": round(run_file_mb, 1),
            "extraction_ms_per_page": alone,
            "response_mb": round(stats.get("scrapy/downloader/response_bytes", 0) / 1e6, 1),
        }
        print(
            f"\nstatus {result.status}: {stored} of {args.articles} articles stored in {crawl_s:.1f} s "
            f"({figures['pages_per_second']} pages/s; runner incl. process start {wall:.1f} s)"
        )
        print(
            f"load average now {' '.join(f'{v:.2f}' for v in figures['load_average'])} (2 cores: above 2 the crawl "
            "shared the CPUs)"
        )
        print(
            f"crawler process CPU {crawler_cpu:.1f} s, its {args.workers} extraction workers {workers_cpu:.1f} s; "
            f"replica server + memory sampler (this process) {server_cpu:.1f} s"
        )
        print("where the CPU time goes:")
        split = [*parts.items(), ("scrapy/twisted/http/other", other), ("extraction (workers)", workers_cpu)]
        for name, seconds in split:
            share = 100 * seconds / (crawler_cpu + workers_cpu) if crawler_cpu else 0
            print(f"  {name:<28} {seconds:8.1f} s  {share:5.1f} %  {1000 * seconds / max(stored, 1):6.2f} ms/page")
        print(
            f"peak memory of the crawler's {memory.peak_processes} processes: RSS {figures['peak_rss_mb']} MB "
            f"summed, PSS {figures['peak_pss_mb']} MB (shared pages split between them)"
        )
        print(
            f"mean download latency {figures['mean_download_latency_ms']} ms per page "
            f"({args.concurrency} in flight); run file {run_file_mb:.1f} MB"
        )
        print(
            f"extraction alone, CPU ms per page (300 pages): page_metadata {alone['page_metadata']}, "
            f"trafilatura's full cascade alone {alone['trafilatura_full_cascade']}"
        )
        if profile.exists():
            print(
                f"\ncProfile of the crawler's reactor thread ({args.profile_articles} articles), top "
                f"{args.profile_top} by own CPU time:"
            )
            print(f"  {'cumulative s':>12} {'own s':>8} {'calls':>8}  function")
            rows = top_functions(profile, args.profile_top)
            figures["profile"] = [
                {"function": f, "calls": c, "own_s": round(t, 2), "cumulative_s": round(cu, 2)} for f, c, t, cu in rows
            ]
            for function, calls, own, cumulative in rows:
                print(f"  {cumulative:12.2f} {own:8.2f} {calls:8d}  {function[:110]}")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0 if result.status == "ok" else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
