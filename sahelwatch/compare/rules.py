"""When one of our incidents and an outside event are the same event (the rules printed with every comparison).

- **date**: their spans (one day for ACLED and for us, date_start-date_end for UCDP) at most `DATE_WINDOW_DAYS[p]`
  days apart, p the coarser time precision of the two: ±1 day at day precision, ±7 for a span of days, ±31 for the
  month. Stricter than fusion's window (sahelwatch.fuse.match.DATE_WINDOW_DAYS), which joins news reports that
  often date an event by the day they were written;
- **place**: both at town level (geo_precision 1): at most `DISTANCE_KM` apart (fusion's distance, haversine);
  either coarser: the same, or the same admin2 (names compared without case, accents and UCDP's suffixes such as
  "cercle" or "province");
- **type**: compatible event types, as fusion decides them (sahelwatch.fuse.match.compatible_types: the three
  political-violence types together, protests with riots, strategic developments alone).
"""

from __future__ import annotations

from dataclasses import dataclass

from sahelwatch.compare.model import Event
from sahelwatch.distance import haversine_km
from sahelwatch.fuse.match import DISTANCE_KM, compatible_types
from sahelwatch.text import key

DATE_WINDOW_DAYS = {1: 1, 2: 7, 3: 31}  # by the coarser time_precision: day, span of days, month
TOWN_LEVEL = 1  # ACLED geo_precision of a town or village itself
# Words UCDP (and some ACLED admin names) put before or after an admin unit's name: "Tenenkou cercle" is Tenenkou.
ADMIN_KINDS = frozenset(
    {
        "region",
        "province",
        "cercle",
        "department",
        "departement",
        "prefecture",
        "commune",
        "district",
        "state",
        "municipality",
        "rural",
        "urban",
    }
)


@dataclass(frozen=True)
class Pair:
    """Why an incident of ours and an outside event match: the place rule, the distance when both have
    coordinates, the day gap between their spans."""

    ours: Event
    theirs: Event
    rule: str  # "distance" or "admin2"
    distance_km: float | None
    days: int

    @property
    def same_type(self) -> bool:
        return self.ours.event_type == self.theirs.event_type

    def rank(self) -> tuple:
        """Best pairs first: closest in time, then in space (a shared admin2 counts as DISTANCE_KM), then the same
        event type; ids last, so that the order never depends on the files' row order."""
        km = self.distance_km if self.distance_km is not None else DISTANCE_KM
        return (self.days, km, not self.same_type, self.ours.event_id, self.theirs.event_id)


def rules_text() -> list[str]:
    """The rules and thresholds in force, one line each, as printed with the results."""
    return [
        f"date: spans at most {DATE_WINDOW_DAYS[1]} day apart at day precision, {DATE_WINDOW_DAYS[2]} for a "
        f"span of days, {DATE_WINDOW_DAYS[3]} for the month (the coarser precision of the two)",
        f"place: both at town level (geo_precision {TOWN_LEVEL}): at most {DISTANCE_KM:g} km apart; either "
        f"coarser: at most {DISTANCE_KM:g} km apart or the same admin2",
        "type: compatible event types (Battles, Explosions/Remote violence and Violence against civilians "
        "together; Protests with Riots; Strategic developments alone)",
        "pairs: one-to-one, best first (fewest days apart, then nearest, then the same type)",
    ]


def admin_key(name: str | None) -> str | None:
    """ "Ténenkou Cercle" -> "tenenkou": folded, without the words that name the unit's kind."""
    words = key(name or "").split()
    while len(words) > 1 and words[-1] in ADMIN_KINDS:
        words.pop()
    while len(words) > 1 and words[0] in ADMIN_KINDS:
        words.pop(0)
    return " ".join(words) or None


def date_gap(a: Event, b: Event) -> int:
    """Days between two spans; 0 when they overlap."""
    return max((b.first - a.last).days, (a.first - b.last).days, 0)


def place_rule(ours: Event, theirs: Event) -> tuple[str, float | None] | None:
    distance = haversine_km(ours.point, theirs.point) if ours.point and theirs.point else None
    if distance is not None and distance <= DISTANCE_KM:
        return "distance", distance
    coarse = ours.geo_precision > TOWN_LEVEL or theirs.geo_precision > TOWN_LEVEL
    if coarse and admin_key(ours.admin2) and admin_key(ours.admin2) == admin_key(theirs.admin2):
        return "admin2", distance
    return None


def pair(ours: Event, theirs: Event) -> Pair | None:
    """The pair the two make, or None when a rule says they are different events."""
    if not compatible_types(ours.event_type, theirs.event_type):
        return None
    days = date_gap(ours, theirs)
    if days > DATE_WINDOW_DAYS.get(max(ours.time_precision, theirs.time_precision), DATE_WINDOW_DAYS[3]):
        return None
    place = place_rule(ours, theirs)
    if place is None:
        return None
    return Pair(ours, theirs, place[0], place[1], days)
