"""Incident extraction: a cleaned report in, ACLED-style incidents out (pure; lexicons and gazetteer are loaded once
per process). See seeds/README.md, "Lexicons", for the rules and conventions."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from sahelwatch.daybounds import DayOutOfRange, check_day
from sahelwatch.extract.model import Incident, PublicationDateError, Report, check_publication_date

__all__ = ["Incident", "Report", "PublicationDateError", "extract_incidents", "default_gazetteer"]

log = logging.getLogger(__name__)
_NO_GAZETTEER = object()
_gazetteer: Any = None


def default_gazetteer() -> Any:
    """The project's gazetteer, or None when it cannot be loaded (places are then left empty)."""
    global _gazetteer
    if _gazetteer is None:
        try:
            from sahelwatch.places.gazetteer import Gazetteer

            _gazetteer = Gazetteer.default()
        except Exception:  # noqa: BLE001 - extraction still gives dates, actors and counts without places
            log.exception("gazetteer unavailable; incidents will have no coordinates")
            _gazetteer = _NO_GAZETTEER
    return None if _gazetteer is _NO_GAZETTEER else _gazetteer


def extract_incidents(report: Report, gazetteer: Any | None = None) -> list[Incident]:
    """Incidents reported in `report` (none for pieces that only speak of violence in general).

    Raises PublicationDateError when the report's publication date is in the future or before 1990. An incident
    whose event date falls outside the same range (a year written "2099" in a report without publication date) is
    left out and logged: a date that cannot be right would put the incident into no real day's figures."""
    from sahelwatch.extract.pipeline import extract

    check_publication_date(report.published_at)
    if not (report.text or report.title):
        return []
    incidents = extract(report, gazetteer if gazetteer is not None else default_gazetteer())
    return [incident for incident in incidents if _believable_day(incident)]


def _believable_day(incident: Incident) -> bool:
    try:
        check_day(date.fromisoformat(incident.event_date), "event_date")
    except DayOutOfRange as exc:
        log.warning("report %s: incident left out: %s", incident.report_id, exc)
        return False
    return True
