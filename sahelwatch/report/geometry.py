"""Plane geometry for the report's maps: line simplification, ring orientation and the map projection.

Pure functions of coordinates, no dependencies: the boundary build and the renderer both use them.
Coordinates are (x, y) pairs: (longitude, latitude) in degrees before projection, pixels after.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

Point = tuple[float, float]
# Simplification keeps a subset of its input points: a ring of grid corners (int pairs) stays one.
P = TypeVar("P", bound=Point)


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment a-b (to a itself when a and b coincide)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))


def douglas_peucker(points: Sequence[P], tolerance: float) -> list[P]:
    """Ramer-Douglas-Peucker simplification of an open line: keeps both ends, and every point needed so that no
    dropped point lies farther than `tolerance` from the simplified line. Deterministic: of equally far points the
    first is kept. Iterative, so long lines never hit the recursion limit."""
    if tolerance < 0:
        raise ValueError("tolerance must be >= 0")
    n = len(points)
    if n <= 2:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = -1.0, -1
        for i in range(first + 1, last):
            distance = _segment_distance(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index >= 0 and farthest > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep) if kept]


def open_ring(ring: Sequence[P]) -> list[P]:
    """A ring without its closing point (GeoJSON rings repeat the first point at the end)."""
    ring = list(ring)
    return ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring


def simplify_ring(ring: Sequence[P], tolerance: float) -> list[P]:
    """Simplify a closed ring (first point may or may not be repeated at the end); returns it closed, or [] when
    fewer than three points survive. The ring is cut at its lowest point (lexicographically) and at the point
    farthest from it, and both halves are simplified: the result does not depend on where the ring started."""
    points = open_ring(ring)
    if len(points) < 3:
        return []
    start = min(range(len(points)), key=lambda i: points[i])
    points = points[start:] + points[:start]
    origin = points[0]
    far = max(range(len(points)), key=lambda i: (math.hypot(points[i][0] - origin[0], points[i][1] - origin[1]), -i))
    halves = douglas_peucker(points[: far + 1], tolerance), douglas_peucker(points[far:] + [origin], tolerance)
    result = halves[0][:-1] + halves[1]
    if len(result) < 4:  # three distinct points and the closing one
        return []
    return result


def signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area: positive when the ring turns counter-clockwise (with y pointing up)."""
    points = open_ring(ring)
    total = 0.0
    for i, (x0, y0) in enumerate(points):
        x1, y1 = points[(i + 1) % len(points)]
        total += x0 * y1 - x1 * y0
    return total / 2.0


def oriented(ring: Sequence[Point], counter_clockwise: bool) -> list[Point]:
    """The ring turned the requested way (RFC 7946: exterior rings counter-clockwise, holes clockwise)."""
    ring = list(ring)
    return ring if (signed_area(ring) > 0) == counter_clockwise else ring[::-1]


def point_in_ring(point: Point, ring: Sequence[Point]) -> bool:
    """Even-odd test: is the point inside the ring?"""
    x, y = point
    inside = False
    points = open_ring(ring)
    for i, (x0, y0) in enumerate(points):
        x1, y1 = points[i - 1]
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


@dataclass(frozen=True)
class BBox:
    """A longitude/latitude box: west, south, east, north (degrees)."""

    west: float
    south: float
    east: float
    north: float

    def __post_init__(self) -> None:
        if not (self.east > self.west and self.north > self.south):
            raise ValueError(f"empty bounding box {self}")

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.west, other.west),
            min(self.south, other.south),
            max(self.east, other.east),
            max(self.north, other.north),
        )

    def padded(self, degrees: float) -> BBox:
        return BBox(self.west - degrees, self.south - degrees, self.east + degrees, self.north + degrees)

    def clamped(self, limit: BBox) -> BBox:
        return BBox(
            max(self.west, limit.west),
            max(self.south, limit.south),
            min(self.east, limit.east),
            min(self.north, limit.north),
        )

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    @classmethod
    def around(cls, points: Sequence[Point]) -> BBox:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return cls(min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection of a bounding box onto a canvas `width` pixels wide.

    Longitudes are shrunk by the cosine of the box's middle latitude (the standard parallel), so shapes at that
    latitude keep their proportions; the height follows from the box. y grows downwards, as on screens."""

    bbox: BBox
    width: float
    margin: float = 0.0

    @property
    def standard_parallel(self) -> float:
        return (self.bbox.south + self.bbox.north) / 2.0

    @property
    def scale(self) -> float:
        """Pixels per degree of latitude."""
        span = (self.bbox.east - self.bbox.west) * math.cos(math.radians(self.standard_parallel))
        return (self.width - 2 * self.margin) / span

    @property
    def height(self) -> float:
        return (self.bbox.north - self.bbox.south) * self.scale + 2 * self.margin

    def __call__(self, lon: float, lat: float) -> Point:
        x = self.margin + (lon - self.bbox.west) * math.cos(math.radians(self.standard_parallel)) * self.scale
        y = self.margin + (self.bbox.north - lat) * self.scale
        return x, y

    def inverse(self, x: float, y: float) -> Point:
        lon = self.bbox.west + (x - self.margin) / (math.cos(math.radians(self.standard_parallel)) * self.scale)
        lat = self.bbox.north - (y - self.margin) / self.scale
        return lon, lat
