"""The extraction interface: a report goes in, incidents come out.

Other stages, the CLI and outside evaluations depend on these field names, which follow ACLED's where ACLED has the
concept. Keep them stable; add fields at the end.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sahelwatch.daybounds import DayOutOfRange, check_day


class PublicationDateError(DayOutOfRange):
    """A report's publication date that cannot be right (in the future, or before 1990): every relative date of
    the text ("hier", "last Tuesday") would be resolved against it, so the report is refused."""


def check_publication_date(published_at: datetime | None, now: datetime | None = None) -> None:
    """Raise PublicationDateError when published_at is outside sahelwatch's range of days (sahelwatch.daybounds;
    None is allowed: dates are then taken only from explicit years in the text)."""
    if published_at is None:
        return
    try:
        check_day(published_at, "published_at", now)
    except DayOutOfRange as exc:
        raise PublicationDateError(str(exc)) from None


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
