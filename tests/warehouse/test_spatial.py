"""Spatial helpers of marts (migration 014): distances in km, incidents within R km of a point or of a named place,
answered through the index on point(longitude, latitude) and equal to a haversine computed in Python."""

from __future__ import annotations

import math

import psycopg
import pytest
from psycopg import errors

from sahelwatch.distance import EARTH_RADIUS_KM, haversine_km

MOPTI = (14.4843, -4.1827)  # the town
RADIUS_KM = 50.0
FILLER = 2000  # incidents in Niger, hundreds of km away: enough rows for the planner to prefer the index by itself
ANALYST = "sahelwatch_analyst"


def offset(point: tuple[float, float], km: float, bearing_deg: float) -> tuple[float, float]:
    """The point km away from `point` on the given bearing (great circle), to place incidents around a radius."""
    lat, lon = map(math.radians, point)
    d, b = km / EARTH_RADIUS_KM, math.radians(bearing_deg)
    lat2 = math.asin(math.sin(lat) * math.cos(d) + math.cos(lat) * math.sin(d) * math.cos(b))
    lon2 = lon + math.atan2(math.sin(b) * math.sin(d) * math.cos(lat), math.cos(d) - math.sin(lat) * math.sin(lat2))
    return math.degrees(lat2), math.degrees(lon2)


# (incident_id, location, geo_precision, point or None)
PLACED = [
    ("mopti", "Mopti", 1, MOPTI),
    ("mopti-region", "Mopti", 3, (14.6, -3.6)),  # the region's centroid: same name, coarser, ~65 km away
    ("sevare", "Sévaré", 1, (14.5333, -4.0967)),
    ("inside-north", "N", 1, offset(MOPTI, 49.9, 0)),
    ("outside-north", "N2", 1, offset(MOPTI, 50.1, 0)),
    ("inside-west", "W", 1, offset(MOPTI, 49.9, 270)),
    ("outside-east", "E", 1, offset(MOPTI, 50.1, 90)),
    ("box-corner", "C", 1, offset(MOPTI, 55.0, 45)),  # inside the bounding box, outside the circle
    ("djenne", "Djenné", 1, (13.9061, -4.5533)),
    ("admin-only", "Mopti", 3, None),  # no coordinates: never within any radius
]


def insert_placed(conn: psycopg.Connection) -> None:
    for incident, location, precision, point in PLACED:
        lat, lon = point if point else (None, None)
        conn.execute(
            "insert into marts.incidents (incident_id, event_date, time_precision, event_type, sub_event_type,"
            " actor1, country, admin1, location, latitude, longitude, geo_precision, source_count, outlet_count,"
            " first_reported_at, last_reported_at, evidence, confidence) values (%s, '2025-06-01', 1, 'Battles',"
            " 'Armed clash', 'JNIM', 'Mali', 'Mopti', %s, %s, %s, %s, 1, 1, '2025-06-02', '2025-06-02', 'e', 0.5)",
            (incident, location, lat, lon, precision),
        )
    conn.execute(
        "insert into marts.incidents (incident_id, event_date, time_precision, event_type, sub_event_type, actor1,"
        " country, location, latitude, longitude, geo_precision, source_count, outlet_count, first_reported_at,"
        " last_reported_at, evidence, confidence)"
        " select 'niger-' || g, '2025-06-01', 1, 'Battles', 'Armed clash', 'ISSP', 'Niger', 'X' || g,"
        " 13 + (g %% 100) / 10.0, 2 + (g / 100) / 2.0, 1, 1, 1, '2025-06-02', '2025-06-02', 'e', 0.5"
        " from generate_series(1, %s) g",
        (FILLER,),
    )
    conn.execute("analyze marts.incidents")


@pytest.fixture
def placed(conn):  # noqa: ANN001, ANN201 - a connection
    """The incidents above, inside a transaction rolled back at the end: the statistics of `analyze` go with it, so
    later tests do not plan with these rows' statistics."""
    with conn.transaction(force_rollback=True):
        insert_placed(conn)
        yield conn


def python_within(conn: psycopg.Connection, point: tuple[float, float], km: float) -> set[str]:
    rows = conn.execute("select incident_id, latitude, longitude from marts.incidents where latitude is not null")
    return {incident for incident, lat, lon in rows if haversine_km(point, (lat, lon)) <= km}


def plan(conn: psycopg.Connection, query: str) -> str:
    return "\n".join(row[0] for row in conn.execute(f"explain {query}"))


def test_distance_km_is_fusions_haversine(conn) -> None:
    assert conn.execute("select marts.earth_radius_km()").fetchone()[0] == EARTH_RADIUS_KM
    for a, b in [(MOPTI, (14.87, -5.25)), (MOPTI, MOPTI), ((12.65, -8.0), (13.51, 2.11)), ((0, 179.9), (0, -179.9))]:
        got = conn.execute("select marts.distance_km(%s, %s, %s, %s)", (*a, *b)).fetchone()[0]
        assert got == pytest.approx(haversine_km(a, b), abs=1e-6)
    assert conn.execute("select marts.distance_km(14, null, 15, -4)").fetchone()[0] is None


def test_radius_query_returns_the_incidents_python_finds(placed) -> None:
    found = {
        row[0]
        for row in placed.execute("select incident_id from marts.incidents_within_km(%s, %s, %s)", (*MOPTI, RADIUS_KM))
    }
    assert found == python_within(placed, MOPTI, RADIUS_KM)
    assert found == {"mopti", "sevare", "inside-north", "inside-west"}  # not the box corner, not 50.1 km away
    wider = {row[0] for row in placed.execute("select incident_id from marts.incidents_within_km(%s, %s, 100)", MOPTI)}
    assert wider == python_within(placed, MOPTI, 100) and {"djenne", "mopti-region", "box-corner"} <= wider


def test_radius_query_uses_the_point_index(placed) -> None:
    """No `enable_seqscan = off`: with the filler rows the planner picks the index on its own."""
    for query in (
        "select * from marts.incidents_within_km(14.4843, -4.1827, 50)",
        "select * from marts.incidents_near_place('Mopti', 50)",
    ):
        shown = plan(placed, query)
        assert "incidents_point_idx" in shown, shown
        assert "Seq Scan on incidents" not in shown, shown


def test_named_place_is_the_most_precise_incident_location(placed) -> None:
    assert placed.execute(
        "select location, latitude, longitude, geo_precision from marts.place_point('mopti')"
    ).fetchone() == ("Mopti", *MOPTI, 1)  # the town, not the region's centroid
    assert placed.execute("select location from marts.place_point(' SEVARE ')").fetchone() == ("Sévaré",)
    near = {
        row[0]
        for row in placed.execute("select incident_id from marts.incidents_near_place('Mopti', %s)", (RADIUS_KM,))
    }
    assert near == python_within(placed, MOPTI, RADIUS_KM)
    with pytest.raises(errors.NoDataFound, match="Atlantis"):
        with placed.transaction():
            placed.execute("select * from marts.incidents_near_place('Atlantis', 50)")


def test_analysts_may_call_the_helpers(placed) -> None:
    with placed.transaction(force_rollback=True):
        placed.execute(f"set local role {ANALYST}")
        rows = placed.execute(
            "select incident_id, marts.distance_km(14.4843, -4.1827, latitude, longitude)"
            " from marts.incidents_near_place('Mopti', 50)"
        ).fetchall()
    assert {row[0] for row in rows} == {"mopti", "sevare", "inside-north", "inside-west"}
    assert all(row[1] <= RADIUS_KM for row in rows)
