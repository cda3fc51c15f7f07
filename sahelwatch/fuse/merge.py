"""Merge report incidents that describe the same real-world incident into one row.

First cut of the rule: same event date, country, place (location, else admin1) and event type. The incident id is
a hash of that key, so it is stable across re-runs. Figures are reconciled conservatively, as ACLED does: the best
fatality estimate is the lowest best estimate among sources, the range spans all sources' ranges, and injured and
abducted take the highest count reported (each source may have seen only part of the victims).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Mention:
    """One report incident, with what fusion needs to know about its report."""

    report_id: str
    seq: int
    source_id: str
    url: str
    published_at: datetime | None
    fields: dict[str, Any]

    @property
    def key(self) -> tuple[date, str, str, str]:
        place = self.fields["location"] or self.fields["admin1"] or ""
        return (self.fields["event_date"], self.fields["country"], place.casefold(), self.fields["event_type"])


def incident_id(key: tuple[date, str, str, str]) -> str:
    return hashlib.sha256("|".join(map(str, key)).encode("utf-8")).hexdigest()[:16]


def _min(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return min(known) if known else None


def _max(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def fuse(mentions: list[Mention]) -> dict[str, Any]:
    """One marts.incidents row from the mentions that share a key."""
    lead = sorted(mentions, key=lambda m: (-m.fields["confidence"], m.published_at is None, m.published_at,
                                           m.report_id, m.seq))[0]
    published = [m.published_at for m in mentions if m.published_at is not None]
    row = {name: lead.fields[name] for name in (
        "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
        "admin2", "location", "latitude", "longitude", "geo_precision", "evidence", "confidence")}
    row.update(
        incident_id=incident_id(lead.key),
        fatalities=_min([m.fields["fatalities"] for m in mentions]),
        fatalities_low=_min([m.fields["fatalities_low"] for m in mentions]),
        fatalities_high=_max([m.fields["fatalities_high"] for m in mentions]),
        injured=_max([m.fields["injured"] for m in mentions]),
        abducted=_max([m.fields["abducted"] for m in mentions]),
        source_count=len({m.report_id for m in mentions}),
        first_reported_at=min(published) if published else None,
        last_reported_at=max(published) if published else None,
    )
    return row
