"""When two report mentions can describe the same real-world incident.

Two mentions match when all of these hold:

- **country**: the same country;
- **event type**: the same ACLED event type, or two types that outlets commonly mix up for one event
  (`EVENT_GROUPS`: the three political-violence types together, protests with riots; strategic developments only
  with themselves);
- **date**: event dates at most `DATE_WINDOW_DAYS[p]` apart, p being the coarser time precision of the two
  (±2 days for day precision, ±7 for week, ±31 for month);
- **place**, by the best location both mentions have:
  1. both have coordinates at town or near-town precision (geo_precision 1-2): at most `DISTANCE_KM` (25 km)
     apart by haversine;
  2. else both name a town (precision 1-2): the names have the same key (`sahelwatch.text.key`: case, accents,
     apostrophes and hyphens aside), or nearly
     (rapidfuzz ratio >= `NAME_SIMILARITY`, e.g. "Dioura"/"Diura"), and their admin1, when both give one, agree;
  3. else (one is located only at admin level, geo_precision 3): the same admin1, and the same admin2 when both
     give one.

Two mentions from the same report never match: the extractor already decided they are different incidents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from sahelwatch.distance import haversine_km
from sahelwatch.text import key_or_none

DISTANCE_KM = 25.0
DATE_WINDOW_DAYS = {1: 2, 2: 7, 3: 31}  # by time_precision: day, week, month
MAX_WINDOW_DAYS = max(DATE_WINDOW_DAYS.values())
NAME_SIMILARITY = 85.0
EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
EVENT_GROUPS = {
    "Battles": "political violence",
    "Explosions/Remote violence": "political violence",
    "Violence against civilians": "political violence",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
    "Strategic developments": "strategic developments",
}


@dataclass(frozen=True)
class MatchPlace:
    """Where a mention says the incident happened, reduced to what matching compares."""

    country: str
    admin1: str | None  # folded
    admin2: str | None  # folded
    name: str | None  # folded location name
    point: tuple[float, float] | None  # (latitude, longitude), only at precision 1-2
    geo_precision: int


def place_of(row: Mapping[str, Any], located: bool = True) -> MatchPlace:
    """The MatchPlace of a mention or of an incident row (its country, admin1, admin2, location, latitude, longitude and
    geo_precision): names by their key, coordinates only at town precision and when *located* (inside the
    country's box), so that fusion and the checks compare the same things."""
    precision = int(row["geo_precision"])
    has_point = located and row["latitude"] is not None and row["longitude"] is not None and precision < 3
    point = (float(row["latitude"]), float(row["longitude"])) if has_point else None
    return MatchPlace(
        row["country"],
        key_or_none(row["admin1"]),
        key_or_none(row["admin2"]),
        key_or_none(row["location"]),
        point,
        precision,
    )


@dataclass(frozen=True)
class Link:
    """Why two mentions match: the place rule that held, the distance when both had coordinates, the day gap."""

    rule: str  # "distance", "name" or "admin"
    distance_km: float | None
    days: int
    same_type: bool


def compatible_types(a: str, b: str) -> bool:
    if a == b:
        return True
    group = EVENT_GROUPS.get(a)
    return group is not None and group == EVENT_GROUPS.get(b)


def window_days(precision_a: int, precision_b: int) -> int:
    return max(DATE_WINDOW_DAYS.get(precision_a, MAX_WINDOW_DAYS), DATE_WINDOW_DAYS.get(precision_b, MAX_WINDOW_DAYS))


def place_rule(a: MatchPlace, b: MatchPlace) -> tuple[str, float | None] | None:
    """The place rule under which a and b are the same place, with the distance when both have coordinates."""
    if a.country != b.country:
        return None
    if a.point is not None and b.point is not None:
        distance = haversine_km(a.point, b.point)
        return ("distance", distance) if distance <= DISTANCE_KM else None
    if a.geo_precision < 3 and b.geo_precision < 3 and a.name and b.name:
        if a.admin1 and b.admin1 and a.admin1 != b.admin1:
            return None
        if a.name == b.name or fuzz.ratio(a.name, b.name) >= NAME_SIMILARITY:
            return ("name", None)
        return None
    if not a.admin1 or a.admin1 != b.admin1:
        return None
    if a.admin2 and b.admin2 and a.admin2 != b.admin2:
        return None
    return ("admin", None)


def link(
    type_a: str,
    date_a: date,
    precision_a: int,
    place_a: MatchPlace,
    type_b: str,
    date_b: date,
    precision_b: int,
    place_b: MatchPlace,
) -> Link | None:
    """The link between two mentions, or None when they cannot be the same incident."""
    if not compatible_types(type_a, type_b):
        return None
    days = abs((date_a - date_b).days)
    if days > window_days(precision_a, precision_b):
        return None
    rule = place_rule(place_a, place_b)
    if rule is None:
        return None
    return Link(rule[0], rule[1], days, type_a == type_b)
