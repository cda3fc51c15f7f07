from datetime import date

import pytest

from sahelwatch.distance import haversine_km
from sahelwatch.fuse.match import DISTANCE_KM, MatchPlace, compatible_types, link, place_rule, window_days
from sahelwatch.text import key_or_none


def place(
    name: str | None = "dioura",
    point: tuple[float, float] | None = (14.87, -5.25),
    precision: int = 1,
    admin1: str | None = "mopti",
    admin2: str | None = None,
    country: str = "Mali",
) -> MatchPlace:
    return MatchPlace(country, admin1, admin2, name, point, precision)


def test_haversine_and_name_keys() -> None:
    assert haversine_km((14.0, -5.0), (15.0, -5.0)) == pytest.approx(111.2, abs=0.1)
    assert haversine_km((14.87, -5.25), (14.84, -5.21)) == pytest.approx(5.4, abs=0.2)
    assert (
        key_or_none(" Ségou-Ville ") == "segou ville" and key_or_none("DIOURA") == "dioura" and key_or_none("") is None
    )


def test_points_match_within_the_stated_distance() -> None:
    assert place_rule(place(), place("diura", (14.84, -5.21)))[0] == "distance"
    far = (14.87 + (DISTANCE_KM + 2) / 111.2, -5.25)
    assert place_rule(place(), place("dioura", far)) is None  # same name, but too far: another Dioura
    assert place_rule(place(), place(country="Burkina Faso")) is None


def test_names_match_when_a_point_is_missing() -> None:
    assert place_rule(place(), place("Diura".lower(), None)) == ("name", None)
    assert place_rule(place(), place("douentza", None)) is None
    assert place_rule(place(), place("dioura", None, admin1="segou")) is None  # a homonym in another region


def test_admin_level_rows_match_on_their_admin_area() -> None:
    region = place("mopti", None, precision=3)
    assert place_rule(place(admin2="tenenkou"), region) == ("admin", None)
    assert place_rule(place(admin2="tenenkou"), place(None, None, 3, admin2="djenne")) is None
    assert place_rule(place(admin1="segou"), region) is None
    assert place_rule(place(admin1=None), place(None, None, 3, admin1=None)) is None


def test_event_types_and_date_windows() -> None:
    assert compatible_types("Battles", "Violence against civilians")
    assert compatible_types("Protests", "Riots")
    assert not compatible_types("Battles", "Protests") and not compatible_types("Strategic developments", "Riots")
    assert window_days(1, 1) == 2 and window_days(1, 2) == 7 and window_days(3, 1) == 31
    day = date(2025, 6, 1)
    assert link("Battles", day, 1, place(), "Battles", date(2025, 6, 3), 1, place()).days == 2
    assert link("Battles", day, 1, place(), "Battles", date(2025, 6, 4), 1, place()) is None
    assert link("Battles", day, 1, place(), "Battles", date(2025, 6, 6), 2, place()) is not None  # week precision
    cross = link("Battles", day, 1, place(), "Violence against civilians", day, 1, place())
    assert cross is not None and not cross.same_type
