"""Runs one source's crawl in a Scrapy subprocess.

Twisted's reactor cannot be restarted inside one process, and a crawl that hangs or crashes must not take the
caller (an Airflow worker or the CLI) with it; a subprocess with a timeout gives both.

Before the crawl, the runner reads what the warehouse knows about the source (URLs already stored, the feed's
ETag/Last-Modified and body; see sahelwatch.crawl.state) when a database is configured, and hands it to the spider as
files: the spider itself never touches the database. Without a database the crawl simply fetches everything.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sahelwatch.config import Settings
from sahelwatch.crawl.apis import api_name
from sahelwatch.crawl.state import CrawlState, read_state_safely, write_state_files
from sahelwatch.interval import Interval
from sahelwatch.resources import SPIDERS_DIR
from sahelwatch.sources.registry import Source

log = logging.getLogger(__name__)
CRAWL_TIMEOUT_SECONDS = 1200  # default hard limit of one crawl subprocess; SAHELWATCH_CRAWL_TIMEOUT_SECONDS overrides
_PR_SET_PDEATHSIG = 1  # linux/prctl.h

FEED_KINDS = frozenset({"rss", "atom", "rdf", "search_feed"})
API_SPIDERS = {"gdelt": "gdelt", "reliefweb": "reliefweb"}


@dataclass(frozen=True)
class _Setting:
    """A per-source registry setting that may change Scrapy settings, with its type and allowed range."""

    targets: tuple[str, ...]
    convert: Callable[[Any], Any]
    low: float | None = None
    high: float | None = None


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"not a boolean: {value!r}")


# The only registry settings that reach Scrapy. Anything else in a source entry stays data for the spider.
SOURCE_SETTINGS: dict[str, _Setting] = {
    "delay": _Setting(("DOWNLOAD_DELAY", "AUTOTHROTTLE_START_DELAY"), float, 0, 600),
    "concurrency": _Setting(("CONCURRENT_REQUESTS_PER_DOMAIN",), int, 1, 32),
    "autothrottle": _Setting(("AUTOTHROTTLE_ENABLED",), _boolean),
    "timeout": _Setting(("DOWNLOAD_TIMEOUT",), float, 1, 300),
    "retries": _Setting(("RETRY_TIMES",), int, 0, 5),
    "retry_backoff": _Setting(("SAHELWATCH_RETRY_BACKOFF",), float, 0, 60),
    "max_items": _Setting(("SAHELWATCH_MAX_ITEMS",), int, 1, 100_000),
    "max_bytes": _Setting(("DOWNLOAD_MAXSIZE",), int, 1024, 256 * 1024 * 1024),
}


@dataclass
class CrawlResult:
    """What one source's crawl produced; plain data so Airflow can pass it between tasks."""

    source_id: str
    run_file: str | None
    status: str  # ok | partial | failed | disabled
    stats: dict[str, Any] = field(default_factory=dict)
    message: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_file_path(settings: Settings, source_id: str, interval: Interval) -> Path:
    return settings.runs_dir / interval.slug / f"{source_id}.jsonl"


def spider_for(source: Source) -> str | None:
    """The Scrapy spider that reads this kind of source, or None when there is none."""
    if source.kind in FEED_KINDS:
        return "feed"
    if source.kind == "news_sitemap":
        return "news_sitemap"
    if source.kind == "api":
        return API_SPIDERS.get(api_name({"url": source.url, **source.settings}) or "")
    return None


def scrapy_settings(source: Source) -> dict[str, str]:
    """The source's politeness and bound settings as Scrapy `-s` values; invalid values are logged and ignored."""
    values: dict[str, str] = {}
    for key, spec in SOURCE_SETTINGS.items():
        if key not in source.settings:
            continue
        raw = source.settings[key]
        try:
            value = spec.convert(raw)
            if spec.low is not None and not spec.low <= value <= (spec.high or value):
                raise ValueError(f"outside {spec.low}..{spec.high}")
        except (TypeError, ValueError) as exc:
            log.warning("source %s: setting %s=%r ignored (%s)", source.id, key, raw, exc)
            continue
        for target in spec.targets:
            values[target] = str(value)
        if key == "concurrency":
            values["CONCURRENT_REQUESTS"] = str(max(8, value))
    return values


def _status(stats: dict[str, Any]) -> str:
    errors = sum(v for k, v in stats.items() if k.startswith("errors/"))
    if stats.get("feed_failed") or (errors and not stats.get("items_stored")):
        return "failed"
    return "partial" if errors else "ok"


def crawl_timeout() -> float:
    """Seconds after which a crawl subprocess is killed. Scrapy closes the spider itself earlier (CLOSESPIDER_TIMEOUT)
    and keeps what it has; this limit only ends a crawl that hangs outright, so it never blocks the day for long."""
    return float(os.environ.get("SAHELWATCH_CRAWL_TIMEOUT_SECONDS") or CRAWL_TIMEOUT_SECONDS)


def _die_with(parent: int) -> Callable[[], None]:
    """A preexec_fn that makes the kernel SIGKILL the crawl subprocess when its parent dies, even by SIGKILL (an
    Airflow task killed, a worker lost). A surviving crawl would finish on its own and publish its run file behind
    the back of the next crawl of the same source and interval. The parent is the calling thread, which waits for
    the subprocess; if it died before prctl ran, the subprocess ends itself at once."""
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork: the child only calls it

    def die_with_parent() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)

    return die_with_parent


def _missing_appname(source: Source) -> str | None:
    """ReliefWeb refuses requests without an approved appname: say which variable to set instead of crawling."""
    if spider_for(source) != "reliefweb":
        return None
    variable = str(source.settings.get("appname_env") or "RELIEFWEB_APPNAME")
    if os.environ.get(variable):
        return None
    return (
        f"disabled: ReliefWeb needs an approved appname; set the environment variable {variable} "
        "(request one at https://apidoc.reliefweb.int/parameters#appname)"
    )


def crawl_source(
    source: Source,
    interval: Interval,
    settings: Settings,
    extra_settings: dict[str, str] | None = None,
    *,
    backfill: bool = False,
    state: CrawlState | None = None,
) -> CrawlResult:
    """Crawl one source for one interval into its run file; never raises for a source that fails.

    `state` overrides what would be read from the warehouse (tests, or callers with their own knowledge);
    `backfill` also keeps articles without a date or dated before the interval.
    """
    spider = spider_for(source)
    if spider is None:
        message = f"no spider reads kind {source.kind!r}" + (
            " (set `api: gdelt|reliefweb`)" if source.kind == "api" else ""
        )
        log.error("source %s: %s", source.id, message)
        return CrawlResult(source.id, None, "failed", message=message)
    if missing := _missing_appname(source):
        log.warning("source %s: %s", source.id, missing)
        return CrawlResult(source.id, None, "disabled", message=missing)
    output = run_file_path(settings, source.id, interval)
    if state is None:
        state = read_state_safely(settings.database_url, source.id, interval) if settings.database_url else CrawlState()
    try:  # a full or read-only disk fails this source, as it would fail its crawl, instead of raising
        output.parent.mkdir(parents=True, exist_ok=True)
        for stale in (output, output.with_suffix(".stats.json"), output.with_suffix(".feed")):
            stale.unlink(missing_ok=True)
        state_files = write_state_files(state, output)
    except OSError as exc:
        log.error("source %s: cannot write to the run directory %s: %s", source.id, output.parent, exc)
        return CrawlResult(source.id, None, "failed", message=f"cannot write to the run directory: {exc}")
    source_json = json.dumps(
        {
            "id": source.id,
            "url": source.url,
            "homepage": source.homepage,
            "language": source.language,
            "country": source.country,
            "kind": source.kind,
            **source.settings,
        }
    )
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        spider,
        "-a",
        f"source={source_json}",
        "-a",
        f"interval_start={interval.start.isoformat()}",
        "-a",
        f"interval_end={interval.end.isoformat()}",
        "-a",
        f"output={output}",
        "-a",
        f"state={state_files.path}",
        "-a",
        f"backfill={int(backfill)}",
        "-s",
        f"USER_AGENT={settings.user_agent}",
        "-s",
        f"SAHELWATCH_ALLOWED_HOSTS={','.join(settings.allowed_hosts)}",
        "-s",
        f"LOG_FILE={output.with_suffix('.log')}",
        "-s",
        "LOG_FILE_APPEND=False",
    ]
    for key, value in {**scrapy_settings(source), **(extra_settings or {})}.items():
        command += ["-s", f"{key}={value}"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SPIDERS_DIR), os.environ.get("PYTHONPATH")]))}
    timeout = crawl_timeout()
    try:
        completed = subprocess.run(
            command,
            cwd=SPIDERS_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            preexec_fn=_die_with(os.getpid()),
        )
    except subprocess.TimeoutExpired:  # subprocess.run has killed the crawl
        log.error("source %s: crawl timed out after %ss", source.id, timeout)
        return CrawlResult(source.id, None, "failed", message=f"crawl timed out after {timeout:g} s")
    finally:
        state_files.remove()
    _relay_errors(source.id, output.with_suffix(".log"))
    stats_file = output.with_suffix(".stats.json")
    stats = _read_stats(stats_file)
    if completed.returncode == 0 and stats.get("run_file_error"):  # the spider dropped an incomplete run file
        message = f"cannot write the run file: {stats['run_file_error']}"
        log.error("source %s: %s; nothing of this crawl is kept", source.id, message)
        return CrawlResult(source.id, None, "failed", stats=stats, message=message)
    if completed.returncode != 0 or not output.exists() or not stats:
        tail = (completed.stderr or "").strip().splitlines()[-3:]
        message = f"crawl process exit {completed.returncode}"
        if cause := _last_exception(completed.stderr or ""):  # e.g. OSError: [Errno 28] No space left on device
            message += f": {cause}"
        log.error("source %s: crawl process failed (%s): %s", source.id, message, " | ".join(tail))
        return CrawlResult(source.id, None, "failed", message=message)
    status = _status(stats)
    log.info("source %s: %s, %s items stored, stats %s", source.id, status, stats.get("items_stored", 0), stats)
    return CrawlResult(source.id, str(output), status, stats=stats)


def _read_stats(path: Path) -> dict[str, Any]:
    """The crawl's stats, or {} when it wrote none or only part of them (a disk that filled at the end)."""
    try:
        stats = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stats if isinstance(stats, dict) else {}


_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception): .+$", re.MULTILINE)


def _last_exception(stderr: str) -> str | None:
    """The last exception a failed crawl printed (`OSError: [Errno 28] No space left on device`), to say why it
    failed: a crawl that could not write its run file or stats exits 0 without them."""
    found = _EXCEPTION_LINE.findall(stderr)
    return found[-1].strip()[:300] if found else None


def _relay_errors(source_id: str, log_file: Path) -> None:
    """Repeat the crawl's error lines in our log, so the Airflow task log shows why a source failed."""
    if not log_file.exists():
        return
    with open(log_file, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if "] ERROR:" in line:
                log.error("source %s crawl: %s", source_id, line.rstrip()[:500])
