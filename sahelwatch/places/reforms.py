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

from sahelwatch.places.text import key


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
