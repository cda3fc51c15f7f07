"""One marts.incidents row from the report mentions that describe the same incident.

Which mention gives which field:

- **anchor** (place and the match of every other mention): the most precisely located mention (lowest
  geo_precision, coordinates before none), then the most precisely dated, the most confident, the earliest
  published; its location, admin names, coordinates and spelling are the incident's.
- **lead** (what happened and who): the most confident mention, then the most precise, the earliest published;
  event type, sub-event type, actors (and their ACLED inter codes) and evidence come from it.
- **event date**: among the mentions with the finest time precision, the date most of them give; ties go to the
  earliest date.

Figures are reconciled across sources the ACLED way, conservatively (the rule is also a comment on the columns of
marts.incidents, migration 006):

- ``fatalities`` (best estimate) = the **lowest** best estimate any source gives; sources without a figure are
  ignored (null when none gives one);
- ``fatalities_low`` = the lowest of each source's low bound (its best estimate when it gives no bound), and
  ``fatalities_high`` = the highest of each source's high bound (else its best estimate): the range spans every
  source; low <= best <= high always holds;
- ``injured`` and ``abducted`` = the **highest** count reported, since each source may have seen part of the
  victims;
- ``confidence`` = the highest confidence of a supporting mention; ``source_count`` = distinct reports,
  ``outlet_count`` = distinct outlets, both counting the word-for-word copies that other outlets carried
  (sahelwatch.fuse.copies: sources, though never fused); ``first_reported_at``/``last_reported_at`` = the
  earliest and latest publication time of the mentions (a report without a publication date counts from when it
  was fetched).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any, Protocol

from sahelwatch.fuse.match import MatchPlace, place_of

_FAR_FUTURE = datetime.max
INTER_BY_PREFIX = (
    ("Military Forces of", 1),
    ("Police Forces of", 1),
    ("Civilians", 7),
    ("Protesters", 6),
    ("Rioters", 5),
    ("Unidentified Armed Group", 3),
)


class Copied(Protocol):
    """What counting needs of a copy that is a source (sahelwatch.fuse.copies.Copy)."""

    @property
    def report_id(self) -> str: ...

    @property
    def source_id(self) -> str: ...


@dataclass(frozen=True)
class Mention:
    """One report incident (a row of staging.report_incidents) with what fusion needs to know of its report."""

    report_id: str
    seq: int
    source_id: str
    url: str
    published_at: datetime | None
    fields: dict[str, Any]
    interval_start: datetime | None = None
    source_country: str | None = None
    in_bbox: bool = True  # coordinates inside the country's bounding box (marts.in_country_bbox)
    extra: dict[str, Any] = field(default_factory=dict)
    fetched_at: datetime | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.report_id, self.seq)

    @property
    def event_date(self) -> date:
        return self.fields["event_date"]

    @property
    def time_precision(self) -> int:
        return int(self.fields["time_precision"])

    @property
    def event_type(self) -> str:
        return self.fields["event_type"]

    @property
    def country(self) -> str:
        return self.fields["country"]

    @property
    def has_coordinates(self) -> bool:
        return self.in_bbox and self.fields["latitude"] is not None and self.fields["longitude"] is not None

    @cached_property
    def place(self) -> MatchPlace:
        return place_of(self.fields, located=self.in_bbox)

    @property
    def reported_at(self) -> datetime | None:
        """When the report was published, else when we fetched it."""
        return self.published_at or self.fetched_at or self.interval_start

    @property
    def founder_order(self) -> tuple[Any, ...]:
        """Who founded an incident first: earliest crawl interval, then publication, then report id and seq.
        A report crawled later can never found an incident that an earlier crawl already founded."""
        return (naive_utc(self.interval_start), naive_utc(self.published_at), self.report_id, self.seq)

    @property
    def anchor_order(self) -> tuple[Any, ...]:
        return (
            int(self.fields["geo_precision"]),
            not self.has_coordinates,
            self.time_precision,
            -float(self.fields["confidence"]),
            naive_utc(self.published_at),
            self.report_id,
            self.seq,
        )

    @property
    def lead_order(self) -> tuple[Any, ...]:
        return (
            -float(self.fields["confidence"]),
            self.time_precision,
            int(self.fields["geo_precision"]),
            naive_utc(self.published_at),
            self.report_id,
            self.seq,
        )


def naive_utc(moment: datetime | None) -> datetime:
    """A sortable stand-in in UTC: missing times sort last."""
    if moment is None:
        return _FAR_FUTURE
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def incident_id(founder: Mention, attempt: int = 0) -> str:
    """The id a new incident takes: a hash of its founding mention's key (attempt > 0 only on a collision)."""
    text = f"{founder.report_id}:{founder.seq}" + (f"#{attempt}" if attempt else "")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def actor_inter(actor: str | None) -> int | None:
    """ACLED inter code from an actor's ACLED-style name, for mentions whose extraction gave none."""
    if not actor:
        return None
    for prefix, code in INTER_BY_PREFIX:
        if actor.startswith(prefix):
            return code
    return None


def _inter(value: Any) -> int | None:
    return value if type(value) is int and 1 <= value <= 8 else None


def _min(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return min(known) if known else None


def _max(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def reconcile_fatalities(mentions: list[Mention]) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) across sources: lowest best, range spanning every source, low <= best <= high."""
    best = _min([m.fields["fatalities"] for m in mentions])
    low = _min(
        [
            m.fields["fatalities_low"] if m.fields["fatalities_low"] is not None else m.fields["fatalities"]
            for m in mentions
        ]
    )
    high = _max(
        [
            m.fields["fatalities_high"] if m.fields["fatalities_high"] is not None else m.fields["fatalities"]
            for m in mentions
        ]
    )
    if best is not None:
        low = best if low is None else min(low, best)
        high = best if high is None else max(high, best)
    elif low is not None and high is not None and low > high:
        low, high = high, low
    return best, low, high


def event_date(mentions: list[Mention]) -> tuple[date, int]:
    precision = min(m.time_precision for m in mentions)
    votes = Counter(m.event_date for m in mentions if m.time_precision == precision)
    return min(votes, key=lambda day: (-votes[day], day)), precision


def anchor_of(mentions: list[Mention]) -> Mention:
    return min(mentions, key=lambda m: m.anchor_order)


def lead_of(mentions: list[Mention]) -> Mention:
    return min(mentions, key=lambda m: m.lead_order)


def fuse(mentions: list[Mention], incident: str | None = None, copies: Sequence[Copied] = ()) -> dict[str, Any]:
    """One marts.incidents row from the mentions of one incident and the copies of their reports that count as
    sources (see the module docstring for the rules)."""
    anchor, lead = anchor_of(mentions), lead_of(mentions)
    day, precision = event_date(mentions)
    best, low, high = reconcile_fatalities(mentions)
    reported = [m.reported_at for m in mentions if m.reported_at is not None]
    row = {name: lead.fields[name] for name in ("event_type", "sub_event_type", "actor1", "actor2", "evidence")}
    row.update({name: anchor.fields[name] for name in ("country", "admin1", "admin2", "location", "geo_precision")})
    row.update(
        incident_id=incident or incident_id(min(mentions, key=lambda m: m.founder_order)),
        event_date=day,
        time_precision=precision,
        latitude=anchor.fields["latitude"] if anchor.has_coordinates else None,
        longitude=anchor.fields["longitude"] if anchor.has_coordinates else None,
        fatalities=best,
        fatalities_low=low,
        fatalities_high=high,
        injured=_max([m.fields["injured"] for m in mentions]),
        abducted=_max([m.fields["abducted"] for m in mentions]),
        source_count=len({m.report_id for m in mentions} | {c.report_id for c in copies}),
        outlet_count=len({m.source_id for m in mentions} | {c.source_id for c in copies}),
        first_reported_at=min(reported) if reported else None,
        last_reported_at=max(reported) if reported else None,
        confidence=max(float(m.fields["confidence"]) for m in mentions),
        inter1=_inter(lead.extra.get("inter1")) or actor_inter(lead.fields["actor1"]),
        inter2=(_inter(lead.extra.get("inter2")) or actor_inter(lead.fields["actor2"]))
        if lead.fields["actor2"]
        else None,
    )
    return row
