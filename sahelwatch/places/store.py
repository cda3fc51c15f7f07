"""Loading seeds/gazetteer into places with all their names (runtime side).

places.tsv is what the build derived from GeoNames; overrides.csv and
region_aliases.csv are applied here, at load time, so a local addition or a new
spelling takes effect without the raw dumps (which only the build machine has).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sahelwatch.places.model import Place

PLACES_FILE = "places.tsv"
OVERRIDES_FILE = "overrides.csv"
ALIASES_FILE = "region_aliases.csv"
_COUNTRY_NAMES = {
    "ML": "Mali",
    "BF": "Burkina Faso",
    "NE": "Niger",
    "MR": "Mauritania",
    "NG": "Nigeria",
    "TD": "Chad",
    "TG": "Togo",
    "BJ": "Benin",
}


@dataclass
class Entry:
    """A place with every name it answers to and its feature code."""

    place: Place
    names: list[str]
    feature_code: str
    country_code: str
    source: str = "geonames"
    admin2_new: str | None = None


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _entry(row: dict[str, str], source: str) -> Entry:
    cc = row["country_code"].strip()
    place = Place(
        geonameid=int(row["geonameid"]) if _opt(row.get("geonameid")) else None,
        name=row["name"].strip(),
        country=_opt(row.get("country")) or _COUNTRY_NAMES[cc],
        admin1=_opt(row.get("admin1")),
        admin2=_opt(row.get("admin2")),
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        kind=row["kind"].strip(),
        population=int(_opt(row.get("population")) or 0),
        admin1_new=_opt(row.get("admin1_new")),
    )
    alternates = [a for a in (row.get("alternatenames") or "").split("|") if a.strip()]
    names = [place.name, *([row["asciiname"]] if _opt(row.get("asciiname")) else []), *alternates]
    return Entry(place, names, row["feature_code"].strip(), cc, source, _opt(row.get("admin2_new")))


def read_places(directory: Path) -> list[Entry]:
    """places.tsv rows as entries, in file order."""
    with (directory / PLACES_FILE).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [_entry(row, row.get("admin_src") or "geonames") for row in reader]


_PLACE_FIELDS = {"name", "country", "admin1", "admin2", "latitude", "longitude", "kind", "population", "admin1_new"}


def apply_overrides(entries: list[Entry], path: Path) -> list[Entry]:
    """Apply overrides.csv: add new places, add aliases, replace fields, drop rows."""
    if not path.exists():
        return entries
    by_id: dict[int, list[Entry]] = {}
    for entry in entries:
        if entry.place.geonameid is not None:
            by_id.setdefault(entry.place.geonameid, []).append(entry)
    dropped: set[int] = set()
    added: list[Entry] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            action = row["action"].strip()
            gid = int(row["geonameid"]) if _opt(row.get("geonameid")) else None
            targets = by_id.get(gid, []) if gid is not None else []
            if action == "add":
                added.append(_entry(row, "override"))
            elif action == "drop" and gid is not None:
                dropped.add(gid)
            elif action == "alias":
                for entry in targets:
                    entry.names.extend(a for a in row["alternatenames"].split("|") if a.strip())
            elif action == "replace":
                for entry in targets:
                    changes: dict[str, Any] = {}  # each field's own type
                    for name in _PLACE_FIELDS:
                        value = _opt(row.get(name))
                        if value is None:
                            continue
                        changes[name] = (
                            float(value)
                            if name in {"latitude", "longitude"}
                            else int(value)
                            if name == "population"
                            else value
                        )
                    entry.place = replace(entry.place, **changes)
                    # a town GeoNames codes as a plain village although it is a district seat (PPL -> PPLA2)
                    entry.feature_code = _opt(row.get("feature_code")) or entry.feature_code
                    entry.source = "override"
            else:
                raise ValueError(f"{path.name}: unknown action {action!r} or missing geonameid")
    return [e for e in entries if e.place.geonameid not in dropped] + added


def apply_region_aliases(entries: list[Entry], path: Path) -> None:
    """Give admin and country rows the hand-written spellings (successor names excluded)."""
    if not path.exists():
        return
    wanted: dict[tuple[str, str, str], list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["relation"].strip() == "successor":
                continue
            wanted.setdefault((row["country_code"], row["level"], row["name"]), []).append(row["alias"])
    for entry in entries:
        names = wanted.get((entry.country_code, entry.place.kind, entry.place.name))
        if names:
            entry.names.extend(names)
