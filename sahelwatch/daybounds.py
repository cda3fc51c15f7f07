"""The one range of days that sahelwatch believes: from 1990-01-01 to tomorrow (UTC).

Publication dates, event dates and the days given on the command line all come from outside; a day before 1990 is a
parsing mistake or a CMS placeholder (1970-01-01), a day after tomorrow has not happened yet ("9999-12-31"). Tomorrow
is allowed because a report may carry tomorrow's date in UTC terms (time zones). Every entry point refuses a day
outside the range with `check_day`, so the bound is stated once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

EARLIEST_DAY = date(1990, 1, 1)  # no report in scope is older
FUTURE_SLACK = timedelta(days=1)  # time zones: tomorrow in UTC may already be today somewhere


class DayOutOfRange(ValueError):
    """A day outside [EARLIEST_DAY, today + FUTURE_SLACK]; the message names the day, the range and the field."""


def latest_day(now: datetime | None = None) -> date:
    """The last believable day: tomorrow, in UTC."""
    return (now or datetime.now(UTC)).astimezone(UTC).date() + FUTURE_SLACK


def utc_day(value: date | datetime) -> date:
    """The UTC day of a datetime (naive ones are taken as UTC), or the date itself."""
    if not isinstance(value, datetime):
        return value
    try:
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).date()
    except OverflowError:  # 9999-12-31T23:00-05:00 is past the last day Python can hold, 0001-01-01T01:00+02:00 before
        return date.max if value.year > EARLIEST_DAY.year else date.min


def day_in_range(value: date | datetime, now: datetime | None = None) -> bool:
    return EARLIEST_DAY <= utc_day(value) <= latest_day(now)


def check_day(value: date | datetime, what: str, now: datetime | None = None) -> None:
    """Raise DayOutOfRange, naming `what` ("published_at", "--date"), when value's day is outside the range."""
    day, latest = utc_day(value), latest_day(now)
    if day < EARLIEST_DAY:
        raise DayOutOfRange(
            f"{what} {value.isoformat()} is before {EARLIEST_DAY.year} "
            f"(days from {EARLIEST_DAY.isoformat()} to {latest.isoformat()} are accepted)"
        )
    if day > latest:
        raise DayOutOfRange(
            f"{what} {value.isoformat()} is in the future "
            f"(days from {EARLIEST_DAY.isoformat()} to {latest.isoformat()} are accepted)"
        )
