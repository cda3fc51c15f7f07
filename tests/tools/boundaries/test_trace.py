"""Grid tracing for the boundary build: shared borders, holes, junctions, diagonal cells."""

from __future__ import annotations

import pytest

from sahelwatch.report.geometry import signed_area
from sahelwatch.tools.boundaries.trace import junctions, trace_regions

GRID = [  # row 0 is the south
    [1, 1, 1, 2, 2],
    [1, 1, 1, 2, 2],
    [1, 3, 1, 2, 2],
    [1, 1, 1, 2, 0],
]


def _points(polygons: list) -> set:
    return {p for polygon in polygons for ring in polygon for p in ring}


def test_trace_regions_shares_borders_and_keeps_holes() -> None:
    regions = trace_regions(GRID, (10.0, 20.0), 0.5, tolerance_cells=0.5)
    assert set(regions) == {1, 2, 3}
    ((outer, *holes),) = regions[1]
    assert len(holes) == 1 and signed_area(outer) > 0 and signed_area(holes[0]) < 0
    assert signed_area(outer) + signed_area(holes[0]) == pytest.approx(11 * 0.25)  # 11 cells of region 1
    ((island,),) = regions[3]
    assert set(island) == set(holes[0])  # the island and the hole it leaves are the same ring
    # the border of 1 and 2 (x = 11.5, y from 20 to 22) is in both regions, vertex for vertex
    border = {p for p in _points(regions[1]) if p[0] == 11.5}
    assert border and border <= _points(regions[2])
    assert min(p[1] for p in border) == 20.0 and max(p[1] for p in border) == 22.0


def test_junctions_are_where_three_labels_meet() -> None:
    found = junctions(GRID)
    assert (0, 3) in found and (4, 3) in found  # outside, 1 and 2 meet on the southern and northern edges
    assert (2, 2) not in found  # only 1 and 3 around the island's corner


def test_trace_regions_splits_diagonal_cells() -> None:
    regions = trace_regions([[1, 0], [0, 1]], (0.0, 0.0), 1.0, tolerance_cells=0)
    assert len(regions[1]) == 2  # two separate squares, not one pinched ring
    assert all(signed_area(polygon[0]) == pytest.approx(1) for polygon in regions[1])
