"""Bytes kept per article before and after retention, on realistic pages.

Generates news pages with the large replica's generator (sahelwatch.tools.replica: menus, related links, inline
style and script, 10-30 KB), spreads them over DAYS days of run files (one JSON Lines file per day, as a crawl
writes them, with the page's HTML and the text the crawler's own extractor finds), loads each day into a fresh
warehouse with the pipeline's load step, then prunes with a WINDOW-day policy as of the day after the last one.
It prints, per article, the bytes of its run-file line, of its compressed page in raw.reports and of the rest of
its row, before and after pruning, for the articles that expired and over all of them, and the table's size on disk
(after VACUUM FULL, which returns the freed pages to the file system; a plain VACUUM lets PostgreSQL reuse them).

    .venv/bin/python benchmarks/retention_benchmark.py                          # 1,200 articles over 120 days
    .venv/bin/python benchmarks/retention_benchmark.py --articles 3000 --days 120 --window 90
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline_benchmark import database  # noqa: E402

from sahelwatch import pipeline  # noqa: E402
from sahelwatch.config import load_settings  # noqa: E402
from sahelwatch.crawl.article import page_metadata  # noqa: E402
from sahelwatch.db.migrate import migrate  # noqa: E402
from sahelwatch.interval import Interval  # noqa: E402
from sahelwatch.retention import RetentionPolicy, prune  # noqa: E402
from sahelwatch.retention.planner import size_of  # noqa: E402
from sahelwatch.tools.replica.generate import generate  # noqa: E402

LAST_DAY = date(2025, 6, 1)
_ROW_SIZES = (
    "select count(*), coalesce(sum(octet_length(html_gz)), 0),"
    " coalesce(sum(pg_column_size(r.*) - coalesce(pg_column_size(html_gz), 0)), 0)"
    " from raw.reports r where interval_end <= %s"
)


def _pages(root: Path, articles: int) -> list[tuple[str, str]]:
    """(url, html) of the generated article pages."""
    generate(root, articles, outlets=10)
    site = root / "site"
    return [
        (f"https://bench.example/{path.relative_to(site)}", path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("article-*.html"))
    ]


def _write_days(runs: Path, pages: list[tuple[str, str]], days: list[date]) -> dict[date, Path]:
    files: dict[date, Path] = {}
    for index, (url, html) in enumerate(pages):
        day = days[index % len(days)]
        meta = page_metadata(html, url)
        item = {
            "source_id": "bench",
            "url": url,
            "final_url": url,
            "title": meta.title,
            "text": meta.text,
            "html": html,
            "http_status": 200,
            "language_hint": meta.language,
            "fetched_at": f"{day}T09:00:00+00:00",
        }
        path = files.setdefault(day, runs / Interval.for_day(day).slug / "bench.jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(item) + "\n")
    return files


def _measure(url: str, runs: Path, expired_before: datetime) -> dict[str, dict[str, int]]:
    """Bytes of run files, raw pages and the rest of the rows, for expired articles and for all."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("vacuum full raw.reports")
        table = conn.execute("select pg_total_relation_size('raw.reports')").fetchone()[0]
        far_future = datetime(9999, 1, 1, tzinfo=UTC)
        figures = {}
        for name, until in (("expired", expired_before), ("all", far_future)):
            count, html, row = conn.execute(_ROW_SIZES, (until,)).fetchone()
            run_bytes = sum(
                size_of(folder)
                for folder in runs.iterdir()
                if Interval.for_day(date.fromisoformat(f"{folder.name[:4]}-{folder.name[4:6]}-{folder.name[6:8]}")).end
                <= until
            )
            figures[name] = {
                "articles": int(count),
                "run files": run_bytes,
                "raw html": int(html),
                "row without html": int(row),
            }
    figures["all"]["raw.reports on disk"] = int(table)
    return figures


def _print(before: dict[str, dict[str, int]], after: dict[str, dict[str, int]]) -> None:
    for scope in ("expired", "all"):
        n = before[scope]["articles"]
        print(f"\nbytes per article, {scope} articles ({n}):")
        print(f"  {'part':24} {'before':>10} {'after':>10}")
        total_before = total_after = 0
        for part in ("run files", "raw html", "row without html", "raw.reports on disk"):
            if part not in before[scope]:
                continue
            b, a = before[scope][part] / n, after[scope][part] / n
            if part != "raw.reports on disk":
                total_before, total_after = total_before + b, total_after + a
            print(f"  {part:24} {b:10,.0f} {a:10,.0f}")
        print(f"  {'kept (files + row)':24} {total_before:10,.0f} {total_after:10,.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1200)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--window", type=int, default=90)
    parser.add_argument("--database", help="an existing, migrated warehouse URL (default: a fresh one, dropped)")
    args = parser.parse_args(argv)
    days = [LAST_DAY - timedelta(days=n) for n in range(args.days - 1, -1, -1)]
    now = datetime.combine(LAST_DAY + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    policy = RetentionPolicy(*([args.window] * 5))
    with tempfile.TemporaryDirectory(prefix="sahelwatch-retention-") as tmp, database(args.database, False) as url:
        os.environ["AIRFLOW_HOME"] = str(Path(tmp) / "airflow")  # no Airflow metadata: only our own data is pruned
        settings = replace(load_settings(), data_dir=Path(tmp) / "data", database_url=url)
        with psycopg.connect(url) as conn:
            migrate(conn)
        pages = _pages(Path(tmp) / "replica", args.articles)
        for day, path in _write_days(settings.runs_dir, pages, days).items():
            pipeline.load(
                settings,
                [{"source_id": "bench", "run_file": str(path), "status": "ok", "stats": {}}],
                Interval.for_day(day),
            )
        cutoff = policy.cutoff(args.window, now)
        before = _measure(url, settings.runs_dir, cutoff)
        result = prune(settings, policy, now=now)
        after = _measure(url, settings.runs_dir, cutoff)
    print(
        f"{len(pages)} articles over {args.days} days, window {args.window} days: prune freed "
        f"{sum(result.freed.values()):,} bytes ({dict(result.freed)})"
    )
    _print(before, after)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
