"""Each matching rule at its boundary: 24.9 vs 25.1 km, ±1 day at day precision, incompatible types, admin2."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import pytest

from sahelwatch.compare.matcher import match
from sahelwatch.compare.model import Event
from sahelwatch.compare.rules import DATE_WINDOW_DAYS, admin_key, pair
from sahelwatch.distance import EARTH_RADIUS_KM, haversine_km
from sahelwatch.fuse.match import DISTANCE_KM

DAY = date(2025, 6, 1)
DIOURA = (14.8439, -5.2563)
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180


def north_of(point: tuple[float, float], km: float) -> tuple[float, float]:
    return (point[0] + km / KM_PER_DEGREE, point[1])


def event(
    side: str,
    event_id: str,
    point: tuple[float, float] | None = DIOURA,
    day: date = DAY,
    event_type: str = "Battles",
    **changes: object,
) -> Event:
    base = Event(
        side,
        event_id,
        day,
        day,
        1,
        event_type,
        "JNIM: Group for Support of Islam and Muslims",
        "Military Forces of Mali (2021-)",
        "Mali",
        "Mopti",
        "Tenenkou",
        "Dioura",
        point[0] if point else None,
        point[1] if point else None,
        1,
        12,
    )
    return replace(base, **changes)


def test_the_test_points_are_where_they_claim() -> None:
    assert haversine_km(DIOURA, north_of(DIOURA, 24.9)) == pytest.approx(24.9, abs=1e-6)
    assert haversine_km(DIOURA, north_of(DIOURA, 25.1)) == pytest.approx(25.1, abs=1e-6)
    assert DISTANCE_KM == 25.0


def test_distance_boundary_at_town_level() -> None:
    ours = event("ours", "o1")
    near = pair(ours, event("theirs", "t1", north_of(DIOURA, 24.9)))
    assert near is not None and near.rule == "distance" and near.distance_km == pytest.approx(24.9, abs=1e-6)
    assert pair(ours, event("theirs", "t2", north_of(DIOURA, 25.1))) is None


def test_date_boundary_at_day_precision() -> None:
    ours = event("ours", "o1")
    assert DATE_WINDOW_DAYS[1] == 1
    for days in (-1, 1):
        found = pair(ours, event("theirs", "t", day=DAY + timedelta(days=days)))
        assert found is not None and found.days == 1
    for days in (-2, 2):
        assert pair(ours, event("theirs", "t", day=DAY + timedelta(days=days))) is None


def test_coarser_time_precision_widens_the_window() -> None:
    ours = event("ours", "o1")
    week = event("theirs", "t", day=DAY + timedelta(days=7), time_precision=2)
    assert pair(ours, week) is not None
    assert pair(ours, replace(week, first=DAY + timedelta(days=8), last=DAY + timedelta(days=8))) is None


def test_a_date_span_matches_any_day_inside_it() -> None:
    span = event("theirs", "t", first=DAY - timedelta(days=3), last=DAY + timedelta(days=2), time_precision=2)
    assert pair(event("ours", "o", day=DAY + timedelta(days=2)), span).days == 0


def test_incompatible_types_never_match() -> None:
    ours = event("ours", "o1", event_type="Protests")
    assert pair(ours, event("theirs", "t1", event_type="Battles")) is None
    assert pair(ours, event("theirs", "t2", event_type="Strategic developments")) is None
    assert pair(ours, event("theirs", "t3", event_type="Riots")) is not None  # fusion's groups
    mixed = pair(event("ours", "o2"), event("theirs", "t4", event_type="Violence against civilians"))
    assert mixed is not None and not mixed.same_type


def test_admin2_joins_only_when_either_is_coarser_than_town_level() -> None:
    far = north_of(DIOURA, 60)
    ours = event("ours", "o1")
    district = event("theirs", "t1", far, geo_precision=2, admin2="Ténenkou cercle")
    assert pair(ours, district).rule == "admin2"
    assert pair(ours, replace(district, geo_precision=1)) is None  # both towns: distance alone
    assert pair(ours, replace(district, admin2="Niono cercle")) is None
    assert admin_key("Ténenkou Cercle") == admin_key("tenenkou") == "tenenkou"
    assert admin_key("Bam Province") == "bam"


def test_one_to_one_best_pairs_first() -> None:
    ours = [event("ours", "o-near"), event("ours", "o-next-day", day=DAY + timedelta(days=1))]
    theirs = [event("theirs", "t-same-day", north_of(DIOURA, 10)), event("theirs", "t-exact", DIOURA)]
    result = match(ours, theirs)
    pairs = {(p.ours.event_id, p.theirs.event_id) for p in result.pairs}
    # o-near takes the exact one (0 days, 0 km), o-next-day the other (1 day): nobody is used twice
    assert pairs == {("o-near", "t-exact"), ("o-next-day", "t-same-day")}
    assert not result.only_ours and not result.only_theirs
    single = match(ours[:1], theirs)
    assert [p.theirs.event_id for p in single.pairs] == ["t-exact"]
    assert [e.event_id for e in single.only_theirs] == ["t-same-day"]
