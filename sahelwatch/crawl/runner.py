"""Runs one source's crawl in a Scrapy subprocess.

Twisted's reactor cannot be restarted inside one process, and a crawl that hangs or crashes must not take the
caller (an Airflow worker or the CLI) with it; a subprocess with a timeout gives both.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sahelwatch.config import SPIDERS_DIR, Settings
from sahelwatch.interval import Interval
from sahelwatch.sources.registry import Source

log = logging.getLogger(__name__)
CRAWL_TIMEOUT_SECONDS = 1200


@dataclass
class CrawlResult:
    """What one source's crawl produced; plain data so Airflow can pass it between tasks."""

    source_id: str
    run_file: str | None
    status: str  # ok | partial | failed
    stats: dict[str, Any] = field(default_factory=dict)
    message: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_file_path(settings: Settings, source_id: str, interval: Interval) -> Path:
    return settings.runs_dir / interval.slug / f"{source_id}.jsonl"


def _status(stats: dict[str, Any]) -> str:
    errors = sum(v for k, v in stats.items() if k.startswith("errors/"))
    if stats.get("feed_failed") or (errors and not stats.get("items_stored")):
        return "failed"
    return "partial" if errors else "ok"


def crawl_source(source: Source, interval: Interval, settings: Settings, extra_settings: dict[str, str] | None = None
                 ) -> CrawlResult:
    """Crawl one source for one interval into its run file; never raises for a source that fails."""
    output = run_file_path(settings, source.id, interval)
    output.parent.mkdir(parents=True, exist_ok=True)
    source_json = json.dumps({"id": source.id, "url": source.url, "language": source.language,
                              "country": source.country, **source.settings})
    command = [sys.executable, "-m", "scrapy", "crawl", "feed",
               "-a", f"source={source_json}", "-a", f"interval_start={interval.start.isoformat()}",
               "-a", f"interval_end={interval.end.isoformat()}", "-a", f"output={output}",
               "-s", f"USER_AGENT={settings.user_agent}",
               "-s", f"SAHELWATCH_ALLOWED_HOSTS={','.join(settings.allowed_hosts)}",
               "-s", f"LOG_FILE={output.with_suffix('.log')}", "-s", "LOG_FILE_APPEND=False"]
    for key, value in (extra_settings or {}).items():
        command += ["-s", f"{key}={value}"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SPIDERS_DIR), os.environ.get("PYTHONPATH")]))}
    try:
        completed = subprocess.run(command, cwd=SPIDERS_DIR, env=env, capture_output=True, text=True,
                                   timeout=CRAWL_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        log.error("source %s: crawl timed out after %ss", source.id, CRAWL_TIMEOUT_SECONDS)
        return CrawlResult(source.id, None, "failed", message="crawl timed out")
    _relay_errors(source.id, output.with_suffix(".log"))
    if completed.returncode != 0 or not output.exists():
        tail = (completed.stderr or "").strip().splitlines()[-3:]
        log.error("source %s: crawl process failed (exit %s): %s", source.id, completed.returncode, " | ".join(tail))
        return CrawlResult(source.id, None, "failed", message=f"crawl process exit {completed.returncode}")
    stats = json.loads(output.with_suffix(".stats.json").read_text(encoding="utf-8"))
    status = _status(stats)
    log.info("source %s: %s, %s items stored, stats %s", source.id, status, stats.get("items_stored", 0), stats)
    return CrawlResult(source.id, str(output), status, stats=stats)


def _relay_errors(source_id: str, log_file: Path) -> None:
    """Repeat the crawl's error lines in our log, so the Airflow task log shows why a source failed."""
    if not log_file.exists():
        return
    with open(log_file, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if "] ERROR:" in line:
                log.error("source %s crawl: %s", source_id, line.rstrip()[:500])
