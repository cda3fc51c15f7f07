"""Where the large replica's incidents happen: gazetteer towns that extraction places without doubt, and among them
sites far enough apart that fusion never merges two of them."""

from __future__ import annotations

import csv
from collections import Counter
from functools import lru_cache

from sahelwatch.distance import haversine_km
from sahelwatch.resources import SEEDS_DIR
from sahelwatch.text import key
from sahelwatch.tools.replica.model import COUNTRIES, SITE_SPACING_KM, Town
from sahelwatch.tools.replica.words import LAST


@lru_cache(maxsize=1)
def places() -> tuple[Town, ...]:
    """Towns of the gazetteer that extraction can place without doubt: the three countries, a known region, an
    administrative seat (not a capital, which extraction reads as its region) or 1,000 inhabitants, a name that no
    other town bears, however spelled (two villages of one name are resolved by context, which is not what this
    replica is for), and not also one of our surnames."""
    with open(SEEDS_DIR / "gazetteer" / "places.tsv", encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row["kind"] == "town"]
    names = Counter(key(row["name"]) for row in rows)
    chosen = [
        Town(
            row["name"],
            row["country"],
            row["admin1"],
            float(row["latitude"]),
            float(row["longitude"]),
            int(row["population"] or 0),
        )
        for row in rows
        if row["country"] in COUNTRIES
        and row["admin1"]
        and names[key(row["name"])] == 1
        and row["feature_code"] != "PPLC"
        and (int(row["population"] or 0) >= 1000 or row["feature_code"] in ("PPLA", "PPLA2", "PPLA3"))
        and row["name"] not in LAST
        and "Department" not in row["name"]
    ]
    return tuple(sorted(chosen, key=lambda p: (p.country, p.name)))


def distance_km(a: Town, b: Town) -> float:
    """How far apart two replica towns are, by the one haversine fusion uses."""
    return haversine_km((a.latitude, a.longitude), (b.latitude, b.longitude))


@lru_cache(maxsize=1)
def sites() -> tuple[Town, ...]:
    """The towns where incidents happen: the largest first, each SITE_SPACING_KM from all others, so that two
    generated incidents never look like one to fusion and its result can be checked against the generator's."""
    chosen: list[Town] = []
    for place in sorted(places(), key=lambda p: (-p.population, p.name)):
        if all(distance_km(place, other) >= SITE_SPACING_KM for other in chosen):
            chosen.append(place)
    return tuple(chosen)
