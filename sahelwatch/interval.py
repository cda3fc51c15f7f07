"""The data interval a run works on: the partition every step reads and writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("interval bounds must be timezone-aware")
        if self.end <= self.start:
            raise ValueError(f"interval end {self.end} is not after start {self.start}")
        # Plain UTC datetimes, whatever came in (pendulum from Airflow, other zones from a run's configuration),
        # so comparisons and database parameters behave the same everywhere.
        object.__setattr__(self, "start", datetime.fromtimestamp(self.start.timestamp(), tz=UTC))
        object.__setattr__(self, "end", datetime.fromtimestamp(self.end.timestamp(), tz=UTC))

    @classmethod
    def for_day(cls, day: date) -> Interval:
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        return cls(start, start + timedelta(days=1))

    @property
    def slug(self) -> str:
        """A file-name-safe name for the interval, for run files."""
        return f"{self.start.astimezone(UTC):%Y%m%dT%H%M}-{self.end.astimezone(UTC):%Y%m%dT%H%M}"


def interval_for_run(conf: dict | None, start: datetime | None, end: datetime | None,
                     logical_date: datetime | None) -> Interval:
    """The interval an orchestrated run works on.

    An explicit `interval_start`/`interval_end` in the run's configuration wins (the CLI and backfills of exact days
    use it); then the scheduler's data interval; a run without one (a manual trigger) covers the UTC day of its
    logical date.
    """
    conf = conf or {}
    if conf.get("interval_start") and conf.get("interval_end"):
        return Interval(datetime.fromisoformat(conf["interval_start"]), datetime.fromisoformat(conf["interval_end"]))
    if start is not None and end is not None and end > start:
        return Interval(start.astimezone(UTC), end.astimezone(UTC))
    if logical_date is None:
        raise ValueError("run has neither a data interval nor a logical date")
    return Interval.for_day(logical_date.astimezone(UTC).date())
