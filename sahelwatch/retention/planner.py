"""What the policy expires now, and how many bytes it holds: the plan that `prune` executes or `--dry-run` shows.

Run files, DAG logs and figures are dated by the interval in their names (never by modification time, which a copy
or a restore changes); Airflow's task logs carry no interval, so their modification time dates them. Anything of
an interval that a queued or running DAG run covers is left out of the plan and listed as held.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import psycopg

from sahelwatch.config import Settings
from sahelwatch.interval import Interval
from sahelwatch.retention.busy import overlaps
from sahelwatch.retention.policy import RetentionPolicy

RUN_FILES, RAW_HTML, LOGS, FIGURES, AIRFLOW = "run files", "raw html", "logs", "figures", "airflow metadata"
KINDS = (RUN_FILES, RAW_HTML, LOGS, FIGURES, AIRFLOW)
_SLUG = re.compile(r"(\d{8}T\d{4})-(\d{8}T\d{4})")  # Interval.slug
_FIGURE = re.compile(r"^sahelwatch-report-(\d{4}-\d{2}-\d{2})-.+\.png$")


@dataclass(frozen=True)
class Expired:
    """One thing to remove: a file or folder (`path`), or the raw HTML of one interval's reports (`interval`)."""

    kind: str
    label: str
    bytes: int
    count: int = 1
    path: Path | None = None
    interval: Interval | None = None


@dataclass
class Plan:
    cutoffs: dict[str, datetime]
    items: list[Expired] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # what a running DAG run keeps, named

    def of(self, kind: str) -> list[Expired]:
        return [item for item in self.items if item.kind == kind]

    @property
    def bytes(self) -> int:
        return sum(item.bytes for item in self.items)


def slug_interval(name: str) -> Interval | None:
    """The interval a run folder or DAG log is named after (`Interval.slug`), or None for another name."""
    match = _SLUG.search(name)
    if not match:
        return None
    start, end = (datetime.strptime(part, "%Y%m%dT%H%M").replace(tzinfo=UTC) for part in match.groups())
    return Interval(start, end) if end > start else None


def size_of(path: Path) -> int:
    """Bytes of a file, or of everything under a folder (what removing it frees)."""
    if path.is_file() or path.is_symlink():
        return path.lstat().st_size
    return sum(child.lstat().st_size for child in path.rglob("*") if child.is_file() or child.is_symlink())


def _dated(folder: Path, pattern: str) -> Iterator[tuple[Path, Interval]]:
    if not folder.is_dir():
        return
    for path in sorted(folder.glob(pattern)):
        if (interval := slug_interval(path.name)) is not None:
            yield path, interval


def _add_dated(
    plan: Plan, kind: str, entries: Iterator[tuple[Path, Interval]], cutoff: datetime, busy: list[Interval]
) -> None:
    for path, interval in entries:
        if interval.end > cutoff:
            continue
        if overlaps(interval.start, interval.end, busy):
            plan.held.append(f"{kind} {path.name}: a DAG run is processing {interval.start:%Y-%m-%d}")
            continue
        plan.items.append(Expired(kind, path.name, size_of(path), path=path))


def _figures(folder: Path) -> Iterator[tuple[Path, Interval]]:
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if match := _FIGURE.match(path.name):
            yield path, Interval.for_day(date.fromisoformat(match.group(1)))


def _airflow_logs(plan: Plan, folder: Path, cutoff: datetime) -> None:
    """Airflow's task logs older than the cutoff, one file at a time (their folders go when empty)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and datetime.fromtimestamp(path.stat().st_mtime, tz=UTC) <= cutoff:
            plan.items.append(Expired(LOGS, str(path.relative_to(folder.parent)), path.stat().st_size, path=path))


def _raw_html(plan: Plan, conn: psycopg.Connection, cutoff: datetime, busy: list[Interval]) -> None:
    """Raw pages still stored for intervals that ended before the cutoff, one plan item per interval."""
    rows = conn.execute(
        "select interval_start, interval_end, count(*), coalesce(sum(octet_length(html_gz)), 0) from raw.reports"
        " where html_gz is not null and interval_end <= %s group by 1, 2 order by 1, 2",
        (cutoff,),
    ).fetchall()
    for start, end, count, size in rows:
        if overlaps(start, end, busy):
            plan.held.append(f"{RAW_HTML} of {start:%Y-%m-%d}: a DAG run is processing it")
            continue
        plan.items.append(
            Expired(RAW_HTML, f"{start:%Y-%m-%d %H:%M}", int(size), int(count), interval=Interval(start, end))
        )


def airflow_logs_dir(environ: Mapping[str, str]) -> Path:
    """Airflow's task-log folder: its configured base folder, else `$AIRFLOW_HOME/logs`."""
    configured = environ.get("AIRFLOW__LOGGING__BASE_LOG_FOLDER")
    return Path(configured) if configured else Path(environ.get("AIRFLOW_HOME", "~/airflow")).expanduser() / "logs"


def make_plan(
    settings: Settings,
    policy: RetentionPolicy,
    conn: psycopg.Connection,
    now: datetime,
    busy: list[Interval],
    airflow_env: Mapping[str, str],
) -> Plan:
    """Everything that has expired at `now`, except what `busy` intervals hold."""
    cutoffs = {
        RUN_FILES: policy.cutoff(policy.run_files_days, now),
        RAW_HTML: policy.cutoff(policy.raw_html_days, now),
        LOGS: policy.cutoff(policy.logs_days, now),
        FIGURES: policy.cutoff(policy.figures_days, now),
        AIRFLOW: policy.cutoff(policy.airflow_days, now),
    }
    plan = Plan(cutoffs)
    _add_dated(plan, RUN_FILES, _dated(settings.runs_dir, "*"), cutoffs[RUN_FILES], busy)
    _raw_html(plan, conn, cutoffs[RAW_HTML], busy)
    _add_dated(plan, LOGS, _dated(settings.data_dir / "logs", "dag-*.log"), cutoffs[LOGS], busy)
    _airflow_logs(plan, airflow_logs_dir(airflow_env), cutoffs[LOGS])
    _add_dated(plan, FIGURES, _figures(settings.data_dir / "reports"), cutoffs[FIGURES], busy)
    return plan
