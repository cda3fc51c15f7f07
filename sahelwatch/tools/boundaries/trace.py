"""Trace labelled grid cells into polygons, and simplify shared borders once so that neighbours still meet.

Used by the boundary build (sahelwatch.tools.boundaries.build) for the approximate admin1 areas: every cell of a
grid carries a region label (0 = no region); each region becomes polygons (exterior rings counter-clockwise, holes
clockwise, as RFC 7946 wants). A border between two regions is cut into runs between *junctions* (grid corners
where three labels meet, or two diagonally) and each run is simplified once with Douglas-Peucker, so the two
regions on either side get exactly the same line: no gaps, no slivers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

from sahelwatch.report.geometry import Point, douglas_peucker, oriented, point_in_ring, signed_area, simplify_ring

Vertex = tuple[int, int]  # (row, column) of a grid corner; row 0 is the southern edge
V = TypeVar("V", bound=Point)  # a simplifier's vertices: grid corners here, rounded coordinates in the country build
_LEFT = {(0, 1): (1, 0), (1, 0): (0, -1), (0, -1): (-1, 0), (-1, 0): (0, 1)}  # direction turned 90° to the left


def _getter(labels: Sequence[Sequence[Hashable]]) -> Callable[[int, int], Hashable]:
    rows, cols = len(labels), len(labels[0]) if labels else 0

    def get(r: int, c: int) -> Hashable:
        return labels[r][c] if 0 <= r < rows and 0 <= c < cols else 0

    return get


def _edges(labels: Sequence[Sequence[Hashable]]) -> dict[Hashable, dict[Vertex, list[Vertex]]]:
    """Directed border edges of every region, with the region on the left (counter-clockwise around cells)."""
    get = _getter(labels)
    edges: dict[Hashable, dict[Vertex, list[Vertex]]] = defaultdict(lambda: defaultdict(list))
    for r, row in enumerate(labels):
        for c, label in enumerate(row):
            if not label:
                continue
            out = edges[label]
            if get(r - 1, c) != label:
                out[(r, c)].append((r, c + 1))
            if get(r, c + 1) != label:
                out[(r, c + 1)].append((r + 1, c + 1))
            if get(r + 1, c) != label:
                out[(r + 1, c + 1)].append((r + 1, c))
            if get(r, c - 1) != label:
                out[(r + 1, c)].append((r, c))
    return edges


def junctions(labels: Sequence[Sequence[Hashable]]) -> set[Vertex]:
    """Grid corners where three or more labels meet, or two labels touch diagonally (a checkerboard corner)."""
    get = _getter(labels)
    rows, cols = len(labels), len(labels[0]) if labels else 0
    found = set()
    for r in range(rows + 1):
        for c in range(cols + 1):
            sw, se, nw, ne = get(r - 1, c - 1), get(r - 1, c), get(r, c - 1), get(r, c)
            if len({sw, se, nw, ne}) >= 3 or (sw == ne and se == nw and sw != se):
                found.add((r, c))
    return found


def _rings(out: dict[Vertex, list[Vertex]]) -> list[list[Vertex]]:
    """Chain directed edges into closed rings. At a corner with two ways on, take the leftmost turn, which keeps
    cells that touch only diagonally in separate rings."""
    rings = []
    while any(out.values()):
        start = min(v for v, targets in out.items() if targets)
        ring, here = [start], start
        heading = None
        while True:
            targets = out[here]
            if heading is None or len(targets) == 1:
                target = min(targets)
            else:
                left = _LEFT[heading]
                preference = [left, heading, (-left[0], -left[1])]
                target = min(targets, key=lambda t: preference.index((t[0] - here[0], t[1] - here[1])))
            targets.remove(target)
            heading = (target[0] - here[0], target[1] - here[1])
            ring.append(target)
            here = target
            if here == start:
                break
        rings.append(ring)
    return rings


class SharedBorderSimplifier(Generic[V]):
    """Simplifies rings whose borders other rings share: each run between two fixed vertices (junctions) is
    simplified once, in a canonical direction, so every ring along it gets the same line. Vertices are any
    comparable pairs: grid corners here, rounded coordinates in the country build."""

    def __init__(self, fixed: set[V], tolerance: float) -> None:
        self.fixed = fixed
        self.tolerance = tolerance
        self._runs: dict[tuple[V, ...], list[V]] = {}

    def _run(self, run: list[V]) -> list[V]:
        forward = tuple(run)
        backward = forward[::-1]
        key = min(forward, backward)
        if key not in self._runs:
            self._runs[key] = douglas_peucker(list(key), self.tolerance)
        simplified = self._runs[key]
        return list(simplified) if key == forward else simplified[::-1]

    def ring(self, ring: list[V]) -> list[V]:
        points = ring[:-1]
        cuts = [i for i, v in enumerate(points) if v in self.fixed]
        if not cuts:
            start = min(range(len(points)), key=lambda i: points[i])
            turned = points[start:] + points[:start]
            flipped = [turned[0], *turned[1:][::-1]]
            if flipped < turned:
                return simplify_ring(flipped, self.tolerance)[::-1]
            return simplify_ring(turned, self.tolerance)
        points = points[cuts[0] :] + points[: cuts[0]]
        cuts = [i - cuts[0] for i in cuts] + [len(points)]
        points = points + [points[0]]
        result: list[V] = [points[0]]
        for a, b in zip(cuts, cuts[1:]):
            result.extend(self._run(points[a : b + 1])[1:])
        return result


def trace_regions(
    labels: Sequence[Sequence[Hashable]], origin: Point, cell: float, tolerance_cells: float = 1.0
) -> dict[Hashable, list[list[list[Point]]]]:
    """Polygons of every non-zero label of a grid.

    `labels[r][c]` is the cell whose south-west corner is at (origin.x + c * cell, origin.y + r * cell); rows go
    north. Returns, per label, polygons as lists of rings (exterior first, then holes), each ring closed, in
    coordinates. Borders are simplified with `tolerance_cells` (in cells); rings that collapse are dropped."""
    fixed = junctions(labels)
    simplifier = SharedBorderSimplifier(fixed, tolerance_cells)
    x0, y0 = origin

    def coords(ring: list[Vertex]) -> list[Point]:
        return [(round(x0 + c * cell, 6), round(y0 + r * cell, 6)) for r, c in ring]

    result: dict[Hashable, list[list[list[Point]]]] = {}
    for label, out in sorted(_edges(labels).items(), key=lambda item: str(item[0])):
        rings = _rings(out)
        grid_rings = [[(c, r) for r, c in ring] for ring in rings]  # (x, y) in cells, for areas and containment
        outers = [i for i, ring in enumerate(grid_rings) if signed_area(ring) > 0]
        holes = [i for i, ring in enumerate(grid_rings) if signed_area(ring) < 0]
        owned: dict[int, list[int]] = {i: [] for i in outers}
        for h in holes:
            (r0, c0), (r1, c1) = rings[h][0], rings[h][1]
            # the region lies left of the hole's first edge: the middle of that cell is inside the outer ring
            dr, dc = r1 - r0, c1 - c0
            left_r, left_c = _LEFT[(dr, dc)]
            probe = (c0 + dc / 2 + left_c / 2, r0 + dr / 2 + left_r / 2)
            containing = [i for i in outers if point_in_ring(probe, grid_rings[i])]
            if containing:
                owned[min(containing, key=lambda i: signed_area(grid_rings[i]))].append(h)
        polygons = []
        for i in outers:
            exterior = simplifier.ring(rings[i])
            if len(exterior) < 4 or signed_area([(c, r) for r, c in exterior]) <= 0:
                continue
            polygon = [oriented(coords(exterior), counter_clockwise=True)]
            for h in owned[i]:
                hole = simplifier.ring(rings[h])
                if len(hole) >= 4 and signed_area([(c, r) for r, c in hole]) < 0:
                    polygon.append(oriented(coords(hole), counter_clockwise=False))
            polygons.append(polygon)
        if polygons:
            result[label] = polygons
    return result
