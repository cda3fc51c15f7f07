"""The map's boundaries, read from seeds/boundaries/ (built by sahelwatch.tools.boundaries.build).

countries.geojson holds Natural Earth country outlines (public domain); admin1_approx.geojson holds *approximate*
admin1 areas derived from the gazetteer, which reach a little past the country outline and must be clipped by it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sahelwatch.report.geometry import BBox, Point
from sahelwatch.resources import SEEDS_DIR
from sahelwatch.text import key_or_none

BOUNDARIES_DIR = SEEDS_DIR / "boundaries"
COUNTRIES_FILE = "countries.geojson"
ADMIN1_FILE = "admin1_approx.geojson"

Polygon = tuple[tuple[Point, ...], ...]  # exterior ring, then holes


@dataclass(frozen=True)
class Area:
    """A country or an admin1 area: names, label point and polygons in (lon, lat)."""

    name: str
    country: str
    iso3: str
    role: str  # "core", "neighbour", "context" for countries; "admin1" for admin1 areas
    label: Point
    polygons: tuple[Polygon, ...]
    aliases: tuple[str, ...] = ()

    @property
    def bbox(self) -> BBox:
        return BBox.around([p for polygon in self.polygons for p in polygon[0]])


@dataclass(frozen=True)
class Boundaries:
    countries: tuple[Area, ...]
    admin1: tuple[Area, ...]
    source: str
    admin1_source: str

    def country(self, name: str | None) -> Area | None:
        wanted = key_or_none(name)
        for area in self.countries:
            if wanted in {key_or_none(area.name), key_or_none(area.iso3), *map(key_or_none, area.aliases)}:
                return area
        return None

    def admin1_area(self, country: str | None, admin1: str | None) -> Area | None:
        land = self.country(country)
        wanted = key_or_none(admin1)
        for area in self.admin1:
            if land is not None and area.iso3 == land.iso3 and key_or_none(area.name) == wanted:
                return area
        return None

    def admin1_of(self, iso3: str) -> list[Area]:
        return [area for area in self.admin1 if area.iso3 == iso3]


def _polygons(geometry: dict) -> tuple[Polygon, ...]:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"unexpected geometry {geometry['type']}")
    return tuple(tuple(tuple((float(x), float(y)) for x, y in ring) for ring in polygon) for polygon in polygons)


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} is missing: run python -m sahelwatch.tools.boundaries.build") from None


@lru_cache(maxsize=4)
def load_boundaries(directory: Path = BOUNDARIES_DIR) -> Boundaries:
    """Both files, parsed once per process."""
    countries = _read(directory / COUNTRIES_FILE)
    admin1 = _read(directory / ADMIN1_FILE)
    return Boundaries(
        countries=tuple(
            Area(
                name=f["properties"]["name"],
                country=f["properties"]["name"],
                iso3=f["properties"]["iso3"],
                role=f["properties"]["role"],
                label=tuple(f["properties"]["label"]),
                polygons=_polygons(f["geometry"]),
                aliases=tuple(f["properties"].get("aliases", ())),
            )
            for f in countries["features"]
        ),
        admin1=tuple(
            Area(
                name=f["properties"]["admin1"],
                country=f["properties"]["country"],
                iso3=f["properties"]["iso3"],
                role="admin1",
                label=tuple(f["properties"]["label"]),
                polygons=_polygons(f["geometry"]),
            )
            for f in admin1["features"]
        ),
        source=countries.get("source", ""),
        admin1_source=admin1.get("source", ""),
    )
