"""The output table of the gazetteer build: its row type and the canonical admin names (build side)."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sahelwatch.places.text import strip_admin_words
from sahelwatch.text import key
from sahelwatch.tools.gazetteer.geonames import ALL_COUNTRIES

COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "kind",
    "feature_code",
    "country",
    "country_code",
    "admin1",
    "admin2",
    "admin1_new",
    "admin2_new",
    "population",
    "admin_src",
)
KIND_ORDER = {"country": 0, "admin1": 1, "admin2": 2, "town": 3}


@dataclass
class Row:
    """One output line while it is being assembled."""

    geonameid: int | None
    name: str
    asciiname: str
    alternates: list[str]
    latitude: float
    longitude: float
    kind: str
    feature_code: str
    country_code: str
    admin1: str | None = None
    admin2: str | None = None
    admin1_new: str | None = None
    admin2_new: str | None = None
    population: int = 0
    admin_src: str = "geonames"
    lat_text: str = field(default="", repr=False)
    lon_text: str = field(default="", repr=False)

    def cells(self) -> list[str]:
        lat = self.lat_text or f"{self.latitude:.5f}"
        lon = self.lon_text or f"{self.longitude:.5f}"
        return [
            "" if self.geonameid is None else str(self.geonameid),
            self.name,
            self.asciiname,
            "|".join(self.alternates),
            lat,
            lon,
            self.kind,
            self.feature_code,
            ALL_COUNTRIES[self.country_code],
            self.country_code,
            self.admin1 or "",
            self.admin2 or "",
            self.admin1_new or "",
            self.admin2_new or "",
            str(self.population),
            self.admin_src,
        ]


class AdminNames:
    """Canonical (plain, ASCII, ACLED-style) admin names, from region_aliases.csv."""

    def __init__(self, aliases_csv: Path) -> None:
        self._canonical: dict[tuple[str, str, str], str] = {}
        self._aliases: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.successors: list[tuple[str, str, str]] = []  # (cc, old admin1, new admin1)
        with aliases_csv.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                cc, level, name, alias = row["country_code"], row["level"], row["name"], row["alias"]
                if row["relation"] == "successor":
                    self.successors.append((cc, name, alias))
                    continue
                self._canonical[(cc, level, key(name))] = name
                self._canonical[(cc, level, key(alias))] = name
                self._aliases[(cc, level, key(name))].append(alias)

    def aliases_of(self, cc: str, level: str, name: str) -> list[str]:
        """Hand-written alternate names of an area (not its successors)."""
        return list(self._aliases.get((cc, level, key(name)), ()))

    def canonical(self, cc: str, level: str, raw: str) -> str:
        """ "Région de Ségou" -> "Segou"; unknown names are kept plain, ASCII-folded by the caller."""
        plain = strip_admin_words(raw)
        return self._canonical.get((cc, level, key(plain)), plain)


def feature_rank(row: Row) -> tuple[int, int, int]:
    order = {"PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPLA4": 4, "PPL": 5}
    return (order.get(row.feature_code, 9), -row.population, row.geonameid or 0)


def add_alternates(row: Row, extra: Iterable[str]) -> None:
    """Merge names into row.alternates, one per lookup key, never repeating the name."""
    merged = {key(a): a for a in row.alternates}
    for alt in extra:
        merged.setdefault(key(alt), alt)
    merged.pop(key(row.name), None)
    merged.pop(key(row.asciiname), None)
    row.alternates = sorted(merged.values(), key=lambda s: (s.casefold(), s))


def mean_point(points: Iterable[Row]) -> tuple[float, float]:
    pts = list(points)
    return (sum(p.latitude for p in pts) / len(pts), sum(p.longitude for p in pts) / len(pts))
