"""The data interval a run works on, and which calendar day a run covers: the one convention of sahelwatch.

# Which day does a run cover?

Every entry point (`sahelwatch run`, the scheduler, a trigger from the UI's form or the REST API, `airflow backfill
create`, `sahelwatch report`) means the same thing by "a day": the UTC calendar day D, i.e. the interval
[D 00:00 UTC, D+1 00:00 UTC). A run decides its interval in this order (`interval_for_run`):

1. The run's `day` param (`{"day": "2025-06-02"}` in the REST API's `conf`, the `day` field of the UI's trigger
   form): that day.
2. Otherwise the run's data interval, as Airflow set it: a scheduled or backfill run of the daily schedule has
   logical date D 00:00 and data interval [D, D+1), and runs once D is over (run_after = D+1 00:00); a trigger with
   an explicit data interval covers it.
3. Otherwise (a trigger without logical date or interval, and without `day`): the last complete day before the run
   was created (yesterday, in UTC), as the scheduler would have done.

A day after today (UTC) is refused everywhere (`FutureDay`): there is no news of it yet, and a crawl recorded for it
would make a silent source look fresh for years.

The runs `sahelwatch run` creates carry the true interval [D, D+1) as their data interval, the `day` param, a
logical date inside D (D 00:00 plus the time of day at which the run was created, so each run of a day is a new run
and never collides with the scheduler's D 00:00), and real start and end times. A trigger of a day that already ran
is a new run of that day: give `day` and leave the logical date empty (or any time not used yet).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

DAY_PARAM = "day"  # the name of the DAG's param and of the key in a run's conf


class FutureDay(ValueError):
    """A day after today was asked for: nothing can have been published on it yet."""


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


def today_utc() -> date:
    return datetime.now(UTC).date()


def check_not_future(day: date, today: date | None = None) -> date:
    """The day itself, or FutureDay when it is after today (UTC): the message says what to give instead."""
    today = today or today_utc()
    if day > today:
        raise FutureDay(f"{day} is after today ({today}, UTC): no news of it exists yet; give a day up to {today}")
    return day


def parse_day(text: Any) -> date:
    """A `day` given as YYYY-MM-DD (param, conf or command line); ValueError says what was wrong."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValueError(f"day must be a date as YYYY-MM-DD (e.g. 2025-06-02), not {text!r}") from None


def requested_day(conf: Mapping[str, Any] | None, params: Mapping[str, Any] | None = None) -> date | None:
    """The day a run was asked for through its `day` param or conf key, if any (empty means none)."""
    for source in (params or {}, conf or {}):
        value = source.get(DAY_PARAM)
        if value not in (None, ""):
            return parse_day(value)
    return None


def interval_for_run(
    conf: Mapping[str, Any] | None,
    start: datetime | None,
    end: datetime | None,
    run_after: datetime | None = None,
    params: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> Interval:
    """The interval an orchestrated run works on, by the convention of this module's docstring.

    Raises FutureDay when the interval starts after now (a `day` after today, or a data interval in the future)."""
    now = now or datetime.now(UTC)
    day = requested_day(conf, params)
    if day is not None:
        interval = Interval.for_day(day)
    elif start is not None and end is not None and end > start:
        interval = Interval(start, end)
    else:
        moment = (run_after or now).astimezone(UTC)
        interval = Interval.for_day(moment.date() - timedelta(days=1))
    if interval.start > now:
        check_not_future(interval.start.date(), now.date())
        raise FutureDay(f"the run's interval starts at {interval.start.isoformat()}, after now; no news exists yet")
    return interval


def manual_run_times(day: date, now: datetime | None = None) -> tuple[datetime, Interval]:
    """The logical date and data interval of a run that `sahelwatch run` creates for `day` (see the docstring):
    the logical date is D plus the current time of day, so it is unique and inside D, and never after now."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    interval = Interval.for_day(check_not_future(day, now.date()))
    logical = datetime.combine(day, time(now.hour, now.minute, now.second), tzinfo=UTC)
    return logical, interval
