"""Pure geometry: Douglas-Peucker, rings and the equirectangular projection (grid tracing, a build tool, is
tested in tests/tools/boundaries/test_trace.py)."""

from __future__ import annotations

import math
import random

import pytest

from sahelwatch.report.geometry import (
    BBox,
    Projection,
    douglas_peucker,
    oriented,
    point_in_ring,
    signed_area,
    simplify_ring,
)


def test_douglas_peucker_drops_points_within_tolerance() -> None:
    line = [(0, 0), (1, 0.05), (2, -0.05), (3, 0), (4, 3), (5, 0)]
    assert douglas_peucker(line, 0.1) == [(0, 0), (3, 0), (4, 3), (5, 0)]
    assert douglas_peucker(line, 0.0) == line  # only exactly collinear points go at zero tolerance
    assert douglas_peucker(line, 10) == [(0, 0), (5, 0)]
    assert douglas_peucker([(0, 0), (1, 1)], 1) == [(0, 0), (1, 1)]


def _distance_to_line(point: tuple[float, float], line: list[tuple[float, float]]) -> float:
    best = math.inf
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        dx, dy = x1 - x0, y1 - y0
        t = max(0.0, min(1.0, ((point[0] - x0) * dx + (point[1] - y0) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(point[0] - x0 - t * dx, point[1] - y0 - t * dy))
    return best


def test_douglas_peucker_keeps_every_dropped_point_within_tolerance() -> None:
    rng = random.Random(7)
    line = [(x / 10, math.sin(x / 7) + rng.uniform(-0.05, 0.05)) for x in range(500)]
    kept = douglas_peucker(line, 0.08)
    assert kept[0] == line[0] and kept[-1] == line[-1] and len(kept) < len(line) / 5
    assert all(_distance_to_line(point, kept) <= 0.08 + 1e-12 for point in line)


def test_douglas_peucker_rejects_negative_tolerance() -> None:
    with pytest.raises(ValueError):
        douglas_peucker([(0, 0), (1, 1), (2, 2)], -1)


def test_simplify_ring_does_not_depend_on_the_start() -> None:
    circle = [(math.cos(a / 40 * 2 * math.pi), math.sin(a / 40 * 2 * math.pi)) for a in range(40)]
    first = simplify_ring(circle + [circle[0]], 0.05)
    rotated = simplify_ring(circle[13:] + circle[:13], 0.05)
    assert first == rotated and first[0] == first[-1] and 6 < len(first) < 40
    assert simplify_ring([(0, 0), (1, 0), (0, 0)], 0.1) == []
    assert simplify_ring(circle, 5) == []  # collapses


def test_rings_area_orientation_and_containment() -> None:
    square = [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
    assert signed_area(square) == 4 and signed_area(square[::-1]) == -4
    assert oriented(square[::-1], counter_clockwise=True) == square
    assert point_in_ring((1, 1), square) and not point_in_ring((3, 1), square)


def test_projection_maps_the_box_onto_the_canvas() -> None:
    box = BBox(-18, 8, 17, 28)
    project = Projection(box, 960)
    assert project(-18, 28) == pytest.approx((0, 0))
    assert project(17, 8) == pytest.approx((960, project.height))
    # equirectangular at the middle latitude: a degree of longitude is cos(18°) of a degree of latitude
    assert project.height == pytest.approx(960 * 20 / (35 * math.cos(math.radians(18))))
    x, y = project(-1.5, 12.4)
    assert project.inverse(x, y) == pytest.approx((-1.5, 12.4))
    # north is up, east is right
    assert project(0, 20)[1] < project(0, 10)[1] and project(5, 15)[0] > project(-5, 15)[0]


def test_bbox_helpers() -> None:
    box = BBox(0, 0, 1, 1)
    assert box.union(BBox(2, -1, 3, 0.5)) == BBox(0, -1, 3, 1)
    assert box.padded(1).clamped(BBox(-0.5, -5, 5, 1.5)) == BBox(-0.5, -1, 2, 1.5)
    assert BBox.around([(3, 4), (-1, 2)]) == BBox(-1, 2, 3, 4)
    with pytest.raises(ValueError):
        BBox(1, 0, 1, 1)
