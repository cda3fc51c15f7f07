"""The two value types the gazetteer hands out, and how important a place is by default."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A place as incident records need it: names, coordinates and ACLED-style admin areas."""

    geonameid: int | None
    name: str  # display name (GeoNames name, or override)
    country: str  # English country name
    admin1: str | None  # pre-reform region name (ACLED style)
    admin2: str | None
    latitude: float
    longitude: float
    kind: str  # "town" | "admin2" | "admin1" | "country"
    population: int
    admin1_new: str | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A span of running text that names one or more gazetteer places."""

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]


_CODE_WEIGHT = {
    "PPLC": 0.97,
    "PPLA": 0.95,
    "PPLA2": 0.90,
    "PPLA3": 0.85,
    "PPLA4": 0.82,
    "PPL": 0.50,
    "PPLX": 0.45,
    "PPLL": 0.45,
    "PPLS": 0.45,
    "PPLF": 0.45,
    "PPLQ": 0.30,
    "PPLH": 0.30,
    "PPLW": 0.30,
}
_KIND_WEIGHT = {"country": 0.99, "admin1": 0.80, "admin2": 0.75}
#: Countries next to the Sahel whose places the gazetteer also holds (see sahelwatch/tools/gazetteer/neighbours.py).
NEIGHBOUR_COUNTRIES = frozenset({"Nigeria", "Chad", "Togo", "Benin"})
#: Their places' prior is scaled down: with no context at all, a name shared with a Sahel place means the Sahel
#: one (the news sahelwatch reads is about the Sahel); a country, demonym, region or town nearby still decides.
NEIGHBOUR_PRIOR = 0.5


def importance(place: Place, feature_code: str) -> float:
    """Prior weight in [0, 1) used when context cannot decide between homonyms.

    Administrative seats beat admin areas of the same name ("Mopti" is the town
    unless a cue says "région"), admin areas beat ordinary villages ("Soum" is the
    province, not a hamlet), and population breaks ties between villages.
    """
    scale = NEIGHBOUR_PRIOR if place.country in NEIGHBOUR_COUNTRIES and place.kind != "country" else 1.0
    if place.kind in _KIND_WEIGHT:
        return _KIND_WEIGHT[place.kind] * scale
    base = _CODE_WEIGHT.get(feature_code, 0.40)
    if place.population > 0 and base < 0.8:
        base += 0.2 * min(1.0, math.log10(place.population) / 6)
    return min(base, 0.98) * scale
