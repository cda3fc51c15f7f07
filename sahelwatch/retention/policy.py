"""The retention policy: how many days each kind of expendable data is kept, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import UTC, datetime, time, timedelta

ENV_PREFIX = "SAHELWATCH_RETENTION_"
DEFAULT_DAYS = 90  # long enough to re-extract a quarter from the pages as fetched


class RetentionSettingError(ValueError):
    """A SAHELWATCH_RETENTION_* variable that is not a number of days; the message says how to fix it."""


@dataclass(frozen=True)
class RetentionPolicy:
    """Days each kind is kept, counted back from the start of today (UTC); each field reads
    ``SAHELWATCH_RETENTION_<FIELD>`` when built by `from_env`. Incidents, report rows and texts have no field:
    they are never pruned."""

    run_files_days: int = DEFAULT_DAYS  # $SAHELWATCH_DATA_DIR/runs/<interval>/: JSON Lines with raw HTML, crawl logs
    raw_html_days: int = DEFAULT_DAYS  # raw.reports.html_gz (the row, its text and hashes stay)
    logs_days: int = DEFAULT_DAYS  # DAG run logs ($SAHELWATCH_DATA_DIR/logs) and Airflow's task logs
    figures_days: int = DEFAULT_DAYS  # the situation reports' PNG figures (the HTML reports stay)
    airflow_days: int = DEFAULT_DAYS  # Airflow's metadata rows (dag runs, task instances, XComs, its own log)

    @classmethod
    def from_env(cls) -> RetentionPolicy:
        values = {}
        for spec in fields(cls):
            variable = f"{ENV_PREFIX}{spec.name.upper()}"
            raw = os.environ.get(variable, "").strip()
            if raw:
                values[spec.name] = _days(variable, raw)
        return cls(**values)

    def cutoff(self, days: int, now: datetime) -> datetime:
        """The first instant still kept: data of an interval that ends at or before it has expired."""
        aware = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
        return datetime.combine(aware.astimezone(UTC).date(), time.min, tzinfo=UTC) - timedelta(days=days)


def _days(variable: str, raw: str) -> int:
    """A whole number of days, 1 or more: 0 would delete today's run files under a running crawl."""
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise RetentionSettingError(
            f"{variable}={raw!r} is not a number of days; set it to a whole number, 1 or"
            f" more (e.g. {DEFAULT_DAYS}), or unset it for the default of {DEFAULT_DAYS}"
        )
    return value
