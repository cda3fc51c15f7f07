"""The one great-circle distance of sahelwatch, used by the gazetteer build, extraction, fusion, the comparison
with ACLED/UCDP and the replica generator, so that "25 km apart" means the same everywhere (the warehouse's
`marts.earth_radius_km()` holds the same radius)."""

from __future__ import annotations

import math

#: Mean Earth radius (IUGG), in kilometres.
EARTH_RADIUS_KM = 6371.0088

#: A point as (latitude, longitude) in degrees.
LatLon = tuple[float, float]


def haversine_km(a: LatLon, b: LatLon) -> float:
    """Great-circle distance in kilometres between two (latitude, longitude) points."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dphi, dlmb = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
