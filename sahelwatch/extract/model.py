"""The extraction interface: a report goes in, incidents come out.

Other stages, the CLI and outside evaluations depend on these field names, which follow ACLED's where ACLED has the
concept. Keep them stable; add fields at the end. The fields an incident shares with marts.incidents are declared
once, in sahelwatch.incident_columns.IncidentFacts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sahelwatch.daybounds import DayOutOfRange, check_day
from sahelwatch.incident_columns import IncidentFacts


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
class _ReportMention:
    """Which report mentions the incident, and of which day: Incident's first fields."""

    report_id: str
    event_date: str  # YYYY-MM-DD
    time_precision: int  # 1 day, 2 week, 3 month


@dataclass
class Incident(IncidentFacts, _ReportMention):
    """One incident mentioned in one report (grain of staging.report_incidents)."""

    evidence: str
    confidence: float
    extra: dict[str, Any] = field(default_factory=dict)

    def to_row(self) -> dict[str, Any]:
        """Plain dict for JSON Lines and database loads; `extra` is kept under its own key."""
        return asdict(self)
