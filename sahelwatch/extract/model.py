"""The extraction interface: a report goes in, incidents come out.

Other stages, the CLI and outside evaluations depend on these field names, which follow ACLED's where ACLED has the
concept. Keep them stable; add fields at the end.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

EARLIEST_PUBLICATION = date(1990, 1, 1)   # no report in scope is older; an earlier date is a parsing mistake
FUTURE_SLACK = timedelta(days=1)          # time zones: a report may carry tomorrow's date in UTC terms


class PublicationDateError(ValueError):
    """A report's publication date that cannot be right (in the future, or before 1990): every relative date of
    the text ("hier", "last Tuesday") would be resolved against it, so the report is refused."""


def check_publication_date(published_at: datetime | None, now: datetime | None = None) -> None:
    """Raise PublicationDateError when published_at is in the future or before 1990 (None is allowed: dates are
    then taken only from explicit years in the text)."""
    if published_at is None:
        return
    now = now or datetime.now(timezone.utc)
    when = published_at if published_at.tzinfo else published_at.replace(tzinfo=timezone.utc)
    if when > now + FUTURE_SLACK:
        raise PublicationDateError(f"published_at {published_at.isoformat()} is in the future "
                                   f"(now {now.date().isoformat()})")
    if when.date() < EARLIEST_PUBLICATION:
        raise PublicationDateError(f"published_at {published_at.isoformat()} is before "
                                   f"{EARLIEST_PUBLICATION.year}")


@dataclass(frozen=True)
class Report:
    """One cleaned news report, as extraction sees it."""

    id: str
    url: str
    title: str
    text: str
    published_at: datetime | None
    language: str | None = None
    country_hint: str | None = None  # English country name of the outlet, used to break place-name ties


@dataclass
class Incident:
    """One incident mentioned in one report (grain of staging.report_incidents)."""

    report_id: str
    event_date: str  # YYYY-MM-DD
    time_precision: int  # 1 day, 2 week, 3 month
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None
    country: str
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int  # 1 town, 2 near/part of district, 3 region
    fatalities: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    injured: int | None
    abducted: int | None
    evidence: str
    confidence: float
    extra: dict[str, Any] = field(default_factory=dict)

    def to_row(self) -> dict[str, Any]:
        """Plain dict for JSON Lines and database loads; `extra` is kept under its own key."""
        return asdict(self)
