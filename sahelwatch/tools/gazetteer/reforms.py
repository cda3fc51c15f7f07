"""Territorial reforms that renamed or split regions (build side only).

ACLED and older reports use the pre-reform regions, current official texts the new
ones; the gazetteer keeps both (admin1 = old, admin1_new = new) so either spelling
in an article lands on the same place.

* Burkina Faso 2025: every commune maps to a new province and region
  (bf_2025_commune_reform.csv in the shared data).  Each old province falls into
  exactly one new region, so the province alone decides admin1_new; only Soum and
  Tapoa were split into two new provinces each, decided per commune.
* Mali 2023: new regions took whole cercles.  Only the allocations we are sure of
  are encoded, by hand, in seeds/gazetteer/mali_2023_regions.csv.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sahelwatch.distance import haversine_km
from sahelwatch.text import ascii_fold, key
from sahelwatch.tools.gazetteer.table import AdminNames, Row, feature_rank, mean_point


@dataclass
class BfReform:
    """Burkina Faso 2025: old province (key) -> new region / new province(s)."""

    region_of_province: dict[str, str] = field(default_factory=dict)
    # old province key -> {commune key -> (commune name, new province)}
    communes: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # old province key -> new province names
    new_provinces: dict[str, set[str]] = field(default_factory=dict)
    # old region key -> old province keys (checked against GeoNames)
    provinces_of_region: dict[str, set[str]] = field(default_factory=dict)

    def is_split(self, province_key: str) -> bool:
        return len(self.new_provinces.get(province_key, ())) > 1

    def renamed(self, province_key: str) -> str | None:
        """The new name of an old province that was renamed whole, else None."""
        names = self.new_provinces.get(province_key, set())
        if len(names) == 1:
            (only,) = names
            if key(only) != province_key:
                return only
        return None


def read_bf_reform(path: Path) -> BfReform:
    """Read the commune-level reform table (columns NAME_1..3, nouvelle_province, nouvelle_region)."""
    reform = BfReform()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            old_region, province, commune = row["NAME_1"].strip(), row["NAME_2"].strip(), row["NAME_3"].strip()
            new_province, new_region = row["nouvelle_province"].strip(), row["nouvelle_region"].strip()
            pkey = key(province)
            previous = reform.region_of_province.setdefault(pkey, new_region)
            if previous != new_region:
                raise ValueError(f"province {province} maps to two new regions: {previous}, {new_region}")
            reform.communes.setdefault(pkey, {})[key(commune)] = (commune, new_province)
            reform.new_provinces.setdefault(pkey, set()).add(new_province)
            reform.provinces_of_region.setdefault(key(old_region), set()).add(pkey)
    return reform


@dataclass(frozen=True)
class MaliAllocation:
    """One curated line: a 2023 region took (all of) an old cercle."""

    new_region: str
    old_region: str
    cercle: str
    confidence: str


def read_mali_2023(path: Path) -> list[MaliAllocation]:
    """Read the curated Mali 2023 table; only high/medium confidence lines are applied."""
    out: list[MaliAllocation] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            out.append(
                MaliAllocation(
                    new_region=row["new_region"].strip(),
                    old_region=row["old_region"].strip(),
                    cercle=row["cercle"].strip(),
                    confidence=row["confidence"].strip(),
                )
            )
    return out


def mali_cercle_map(allocations: list[MaliAllocation]) -> dict[str, str]:
    """cercle key -> new region, for the lines we trust."""
    mapping: dict[str, str] = {}
    for line in allocations:
        if line.confidence in {"high", "medium"}:
            mapping[key(line.cercle)] = line.new_region
    return mapping


def members(allocations: list[MaliAllocation]) -> dict[str, list[str]]:
    """new region -> cercle names it took (trusted lines only)."""
    out: dict[str, list[str]] = defaultdict(list)
    for line in allocations:
        if line.confidence in {"high", "medium"}:
            out[line.new_region].append(line.cercle)
    return dict(out)


def apply_bf_reform(rows: list[Row], bf: BfReform, names: AdminNames, log: list[str]) -> list[Row]:
    """Set admin1_new/admin2_new on Burkina rows; return the rows of the new regions and split provinces."""
    provinces = {key(r.name): r for r in rows if r.kind == "admin2"}
    province_key = {p: p if p in provinces else key(names.canonical("BF", "admin2", p)) for p in bf.region_of_province}
    missing = sorted(p for p, k in province_key.items() if k not in provinces)
    if missing:
        raise ValueError(f"reform provinces not found in GeoNames: {missing}")
    reform_of = {province_key[p]: p for p in bf.region_of_province}

    # Commune seats of split provinces, to place villages in Djelgodji/Karo-Peli and Dyamongou/Gobnangou.
    seats: dict[str, list[tuple[Row, str]]] = defaultdict(list)
    for pkey in (p for p in bf.region_of_province if bf.is_split(p)):
        for ckey, (commune, new_province) in sorted(bf.communes[pkey].items()):
            found = sorted(
                (
                    r
                    for r in rows
                    if r.kind == "town" and key(r.name) == ckey and r.admin2 == provinces[province_key[pkey]].name
                ),
                key=feature_rank,
            )
            if found:
                seats[province_key[pkey]].append((found[0], new_province))
            else:
                log.append(f"BF: no GeoNames seat for commune {commune} ({new_province})")

    def new_province_of(row: Row, pk: str) -> str | None:
        reform_key = reform_of[pk]
        if not bf.is_split(reform_key):
            return bf.renamed(reform_key) or provinces[pk].name
        communes = bf.communes[reform_key]
        if key(row.name) in communes and row.kind == "town":
            return communes[key(row.name)][1]
        if not seats[pk]:
            return None
        nearest = min(
            seats[pk],
            key=lambda s: (haversine_km((row.latitude, row.longitude), (s[0].latitude, s[0].longitude)), s[1]),
        )
        return nearest[1]

    for row in rows:
        pk = key(row.admin2) if row.admin2 else None
        if pk in reform_of:
            row.admin1_new = bf.region_of_province[reform_of[pk]]
            if row.kind != "admin2" or not bf.is_split(reform_of[pk]):
                row.admin2_new = new_province_of(row, pk)
        renamed = bf.renamed(reform_of[pk]) if pk in reform_of else None
        if row.kind == "admin2" and renamed and key(renamed) not in {key(a) for a in row.alternates}:
            row.alternates = sorted([*row.alternates, renamed], key=lambda s: (s.casefold(), s))

    # An old region keeps admin1_new only when all of it went to one new region.
    for row in rows:
        if row.kind == "admin1":
            news = {r.admin1_new for r in rows if r.kind == "admin2" and r.admin1 == row.name}
            row.admin1_new = news.pop() if len(news) == 1 and None not in news else None

    extra: list[Row] = []
    new_regions: dict[str, list[Row]] = defaultdict(list)
    for pk, reform_key in reform_of.items():
        new_regions[bf.region_of_province[reform_key]].append(provinces[pk])
    for region, members_ in sorted(new_regions.items()):
        old_region = _old_region(region, members_, "BF")
        _check_successor(names, "BF", old_region, region)
        population = sum(m.population for m in members_)
        extra.append(_new_region(region, members_, "BF", old_region, "reform2025", population=population))
    for pk, reform_key in sorted(reform_of.items()):
        if not bf.is_split(reform_key):
            continue
        old = provinces[pk]
        for new_province in sorted(bf.new_provinces[reform_key]):
            placed = [s for s, np in seats[pk] if np == new_province]
            lat, lon = mean_point(placed) if placed else (old.latitude, old.longitude)
            extra.append(
                Row(
                    None,
                    new_province,
                    ascii_fold(new_province),
                    [],
                    lat,
                    lon,
                    "admin2",
                    "ADM2",
                    "BF",
                    admin1=old.admin1,
                    admin2=old.name,
                    admin1_new=bf.region_of_province[reform_key],
                    admin2_new=new_province,
                    admin_src="reform2025",
                )
            )
    log.append(f"BF: 2025 reform applied; {len(extra)} new region/province rows")
    return extra


def _check_successor(names: AdminNames, cc: str, old: str, new: str) -> None:
    if (cc, old, new) not in set(names.successors):
        raise ValueError(f"region_aliases.csv lacks successor row {cc},{old} -> {new}")


def apply_mali_reform(
    rows: list[Row], cercle_map: dict[str, str], region_members: dict[str, list[str]], log: list[str]
) -> list[Row]:
    """Set admin1_new on Mali rows from the curated cercle table; add rows for the new regions."""
    cercles = {key(r.name): r for r in rows if r.kind == "admin2"}
    unknown = sorted(c for c in cercle_map if c not in cercles)
    if unknown:
        raise ValueError(f"mali_2023_regions.csv cercles not in GeoNames: {unknown}")
    affected = {cercles[c].admin1 for c in cercle_map}
    for row in rows:
        if row.kind == "admin1":
            continue
        if row.admin1 and row.admin1 not in affected:
            row.admin1_new = row.admin1
        elif row.admin2 and key(row.admin2) in cercle_map:
            row.admin1_new = cercle_map[key(row.admin2)]
    for row in rows:
        if row.kind == "admin1":
            row.admin1_new = row.name if row.name not in affected else None
    extra: list[Row] = []
    old_names = {r.name for r in rows if r.kind == "admin1"}
    for region, cercle_names in sorted(region_members.items()):
        if region in old_names:
            continue
        member_rows = [cercles[key(c)] for c in cercle_names]
        old_region = _old_region(region, member_rows, "ML")
        extra.append(_new_region(region, member_rows, "ML", old_region, "reform2023"))
    log.append(f"ML: 2023 reform applied; {len(extra)} new region rows")
    return extra


def _old_region(region: str, members: list[Row], country_code: str) -> str:
    """The one old region all of a new region's members were in: members from two old regions would leave ACLED's
    (old) admin1 undecidable, so that stops the build."""
    olds = sorted({m.admin1 for m in members if m.admin1})
    if len(olds) != 1:
        raise ValueError(f"{country_code} new region {region} spans old regions {olds}")
    return olds[0]


def _new_region(region: str, members: list[Row], country_code: str, old: str, source: str, population: int = 0) -> Row:
    """A region a reform created, placed at the mean point of its member areas, within its old region `old`."""
    lat, lon = mean_point(members)
    return Row(
        None,
        region,
        ascii_fold(region),
        [],
        lat,
        lon,
        "admin1",
        "ADM1",
        country_code,
        admin1=old,
        admin1_new=region,
        population=population,
        admin_src=source,
    )
