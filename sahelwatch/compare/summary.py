"""What the comparison says: counts of the three groups by country, admin1, event type and month; agreement of the
matched pairs on event type, actors and fatalities; how many days earlier we had each matched event.

A matched pair is counted under the outside event's country, admin1, type and month (the reference the desk
trusts), an event only they have under its own, an incident only we have under ours.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sahelwatch.compare.matcher import Matching
from sahelwatch.compare.model import Event
from sahelwatch.compare.rules import Pair
from sahelwatch.text import key, key_or_none

FATALITY_TOLERANCE = 0.10  # "within 10 %": |ours - theirs| at most this share of the larger figure
SECONDS_PER_DAY = 86_400
NONE = "(none)"

DIMENSIONS: dict[str, Callable[[Event], str]] = {
    "country": lambda e: e.country,
    "admin1": lambda e: f"{e.admin1}, {e.country}" if e.admin1 else f"{NONE}, {e.country}",
    "event type": lambda e: e.event_type,
    "month": lambda e: f"{e.first:%Y-%m}",
}


@dataclass(frozen=True)
class GroupRow:
    """Counts of one value of a dimension (a country, an admin1, a type, a month)."""

    value: str
    matched: int
    only_ours: int
    only_theirs: int

    @property
    def coverage(self) -> float | None:
        """Share of their events that we have too; None when they have none."""
        theirs = self.matched + self.only_theirs
        return self.matched / theirs if theirs else None


@dataclass(frozen=True)
class Agreement:
    """How far the matched pairs agree (counts out of `pairs`, fatalities out of `fatalities_compared`)."""

    pairs: int
    same_type: int
    same_actor1: int
    same_actor2: int
    same_actors: int  # the same two actors, in either order
    fatalities_compared: int  # pairs where both give a figure
    fatalities_exact: int
    fatalities_within: int  # within FATALITY_TOLERANCE
    fatalities_median_difference: float | None  # ours - theirs


@dataclass(frozen=True)
class LeadTime:
    """Days from our first report of an event to the outside row's timestamp (positive: we had it earlier)."""

    compared: int
    earlier: int
    median_days: float | None
    min_days: float | None
    max_days: float | None

    @property
    def spread(self) -> tuple[float, float, float] | None:
        """Median, least and most days, all three known exactly when some pair was compared."""
        if self.median_days is None or self.min_days is None or self.max_days is None:
            return None
        return self.median_days, self.min_days, self.max_days


def breakdown(matching: Matching, dimension: str) -> list[GroupRow]:
    """One row per value, busiest first."""
    key = DIMENSIONS[dimension]
    counts: dict[str, list[int]] = {}
    for column, events in enumerate(([p.theirs for p in matching.pairs], matching.only_ours, matching.only_theirs)):
        for event in events:
            counts.setdefault(key(event), [0, 0, 0])[column] += 1
    rows = [GroupRow(value, *numbers) for value, numbers in counts.items()]
    if dimension == "month":
        return sorted(rows, key=lambda r: r.value)
    return sorted(rows, key=lambda r: (-(r.matched + r.only_ours + r.only_theirs), r.value))


def _same(a: str | None, b: str | None) -> bool:
    return key_or_none(a) == key_or_none(b)


def within(ours: int, theirs: int) -> bool:
    return abs(ours - theirs) <= FATALITY_TOLERANCE * max(ours, theirs)


def agreement(pairs: Sequence[Pair]) -> Agreement:
    figures = [
        (p.ours.fatalities, p.theirs.fatalities)
        for p in pairs
        if p.ours.fatalities is not None and p.theirs.fatalities is not None
    ]
    return Agreement(
        pairs=len(pairs),
        same_type=sum(p.same_type for p in pairs),
        same_actor1=sum(_same(p.ours.actor1, p.theirs.actor1) for p in pairs),
        same_actor2=sum(_same(p.ours.actor2, p.theirs.actor2) for p in pairs),
        same_actors=sum(
            sorted(map(lambda a: key(a or ""), (p.ours.actor1, p.ours.actor2)))
            == sorted(map(lambda a: key(a or ""), (p.theirs.actor1, p.theirs.actor2)))
            for p in pairs
        ),
        fatalities_compared=len(figures),
        fatalities_exact=sum(a == b for a, b in figures),
        fatalities_within=sum(within(a, b) for a, b in figures),
        fatalities_median_difference=statistics.median(a - b for a, b in figures) if figures else None,
    )


def lead_days(pair: Pair) -> float | None:
    """Days from our first report to their timestamp, to a tenth; None when either side has no time."""
    if pair.ours.reported_at is None or pair.theirs.reported_at is None:
        return None
    return round((pair.theirs.reported_at - pair.ours.reported_at).total_seconds() / SECONDS_PER_DAY, 1)


def lead_time(pairs: Sequence[Pair]) -> LeadTime:
    days = [d for p in pairs if (d := lead_days(p)) is not None]
    if not days:
        return LeadTime(0, 0, None, None, None)
    return LeadTime(len(days), sum(d > 0 for d in days), statistics.median(days), min(days), max(days))
