"""Filling missing admin codes from labelled neighbours (build side only).

Most GeoNames villages in Mali and Burkina Faso carry an admin1 code but no admin2
(cercle/province), and some carry none or an obsolete one.  Without polygons the
best available evidence is the nearby places whose codes are known: a weighted
vote of the k nearest labelled points.  Results are flagged (admin_src = "knn")
so users can tell given from inferred values.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from sahelwatch.distance import haversine_km


@dataclass(frozen=True)
class Labelled:
    """A point whose label (an admin name) is trusted."""

    lat: float
    lon: float
    label: Hashable
    weight: float = 1.0


class KnnLabeller:
    """k-nearest-neighbour label vote over a coarse lat/lon grid (fast enough in pure Python)."""

    def __init__(self, points: Sequence[Labelled], cell_deg: float = 0.5) -> None:
        self._cell = cell_deg
        self._grid: dict[tuple[int, int], list[Labelled]] = defaultdict(list)
        for point in points:
            self._grid[self._cell_of(point.lat, point.lon)].append(point)

    def _cell_of(self, lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lat / self._cell), math.floor(lon / self._cell))

    def __bool__(self) -> bool:
        return bool(self._grid)

    def nearest(self, lat: float, lon: float, k: int, max_rings: int = 12) -> list[tuple[float, Labelled]]:
        """The k nearest labelled points, searching outwards ring by ring."""
        ci, cj = self._cell_of(lat, lon)
        found: list[tuple[float, Labelled]] = []
        for ring in range(max_rings + 1):
            for i in range(ci - ring, ci + ring + 1):
                for j in range(cj - ring, cj + ring + 1):
                    if max(abs(i - ci), abs(j - cj)) != ring:
                        continue
                    for point in self._grid.get((i, j), ()):
                        found.append((haversine_km((lat, lon), (point.lat, point.lon)), point))
            # Points beyond the next ring are at least ring*cell away; stop once k are closer.
            if len(found) >= k:
                found.sort(key=lambda item: (item[0], str(item[1].label)))
                if found[k - 1][0] <= ring * self._cell * 110.0 * 0.9:
                    break
        found.sort(key=lambda item: (item[0], str(item[1].label)))
        return found[:k]

    def vote(self, lat: float, lon: float, k: int = 7, max_km: float = 150.0) -> Hashable | None:
        """Label with the largest inverse-distance weight among the k nearest, or None if none near."""
        scores: dict[Hashable, float] = defaultdict(float)
        for dist, point in self.nearest(lat, lon, k):
            if dist > max_km:
                continue
            scores[point.label] += point.weight / (dist + 2.0)
        if not scores:
            return None
        return max(sorted(scores, key=str), key=lambda label: scores[label])
