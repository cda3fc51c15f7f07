"""Raster steps of the approximate admin1 areas (sahelwatch.tools.boundaries.build): a grid of cells over a
country, labelled by nearest gazetteer place, smoothed and cleaned of stray islands before tracing. numpy is
imported inside each function so that importing the build (for its --help or its constants) stays cheap."""

from __future__ import annotations

import math
from collections import Counter, deque
from typing import Any

from sahelwatch.report.geometry import Point


def inside_mask(polygons: list[list[list[Point]]], x0: float, y0: float, rows: int, cols: int, cell: float) -> Any:
    """Cells whose centre lies inside the polygons (even-odd, scanline by scanline)."""
    import numpy as np

    edges = [(a, b) for polygon in polygons for ring in polygon for a, b in zip(ring, ring[1:])]
    ax = np.array([a[0] for a, _ in edges]), np.array([a[1] for a, _ in edges])
    bx = np.array([b[0] for _, b in edges]), np.array([b[1] for _, b in edges])
    centres_x = x0 + (np.arange(cols) + 0.5) * cell
    mask = np.zeros((rows, cols), dtype=bool)
    for r in range(rows):
        y = y0 + (r + 0.5) * cell
        crossing = (ax[1] > y) != (bx[1] > y)
        if not crossing.any():
            continue
        xs = ax[0][crossing] + (y - ax[1][crossing]) * (bx[0][crossing] - ax[0][crossing]) / (
            bx[1][crossing] - ax[1][crossing]
        )
        count = (xs[None, :] < centres_x[:, None]).sum(axis=1)
        mask[r] = count % 2 == 1
    return mask


def dilate(mask: Any, steps: int) -> Any:
    import numpy as np

    for _ in range(steps):
        padded = np.pad(mask, 1)
        grown = np.zeros_like(mask)
        for dr in (0, 1, 2):
            for dc in (0, 1, 2):
                grown |= padded[dr : dr + mask.shape[0], dc : dc + mask.shape[1]]
        mask = grown
    return mask


def nearest_labels(domain: Any, x0: float, y0: float, cell: float, seeds: list[tuple[float, float, int]]) -> Any:
    """Each domain cell takes the label of its nearest seed (distances on a plane scaled at the middle latitude)."""
    import numpy as np

    rows, cols = domain.shape
    scale = math.cos(math.radians(y0 + rows * cell / 2))
    sx = np.array([s[0] for s in seeds]) * scale
    sy = np.array([s[1] for s in seeds])
    sl = np.array([s[2] for s in seeds], dtype=np.int32)
    rr, cc = np.nonzero(domain)
    px = (x0 + (cc + 0.5) * cell) * scale
    py = y0 + (rr + 0.5) * cell
    labels = np.zeros((rows, cols), dtype=np.int32)
    chunk = max(1, 4_000_000 // max(1, len(seeds)))
    for start in range(0, len(rr), chunk):
        d2 = (px[start : start + chunk, None] - sx[None, :]) ** 2 + (py[start : start + chunk, None] - sy[None, :]) ** 2
        labels[rr[start : start + chunk], cc[start : start + chunk]] = sl[np.argmin(d2, axis=1)]
    return labels


def smooth(labels: Any, domain: Any, passes: int) -> Any:
    """Majority filter over 3x3 neighbourhoods; a cell keeps its label on a tie. A small area that the filter would
    shrink to less than half (Bamako, Niamey, a region known by one town) keeps its cells unfiltered."""
    import numpy as np

    before = labels
    count = int(labels.max())
    for _ in range(passes):
        padded = np.pad(labels, 1)
        votes = np.zeros((count + 1,) + labels.shape, dtype=np.float32)
        for k in range(1, count + 1):
            same = padded == k
            votes[k] = sum(
                same[dr : dr + labels.shape[0], dc : dc + labels.shape[1]].astype(np.float32)
                for dr in (0, 1, 2)
                for dc in (0, 1, 2)
            )
        votes[0] = -1
        rows, cols = np.indices(labels.shape)
        votes[labels, rows, cols] += 0.5
        labels = np.where(domain, votes.argmax(axis=0), 0).astype(np.int32)
    for k in range(1, count + 1):
        if (labels == k).sum() * 2 < (before == k).sum():
            labels[before == k] = k
    return labels


def components(labels: Any, label: int) -> list[list[tuple[int, int]]]:
    rows, cols = labels.shape
    seen = set()
    found = []
    for start in zip(*(axis.tolist() for axis in (labels == label).nonzero())):
        if start in seen:
            continue
        seen.add(start)
        component, queue = [], deque([start])
        while queue:
            r, c = queue.popleft()
            component.append((r, c))
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and (nr, nc) not in seen and labels[nr, nc] == label:
                    seen.add((nr, nc))
                    queue.append((nr, nc))
        found.append(component)
    return found


def merge_islands(labels: Any, domain: Any) -> Any:
    """Keep the largest piece of each label; smaller pieces (a mislabelled village's cell) take the label that
    surrounds them. A piece with no labelled neighbours at all (an island of the country) keeps its own."""
    labels = labels.copy()
    original = labels.copy()
    for label in range(1, int(labels.max()) + 1):
        pieces = sorted(components(labels, label), key=len, reverse=True)
        for piece in pieces[1:]:
            for r, c in piece:
                labels[r, c] = 0
    rows, cols = labels.shape
    while True:
        todo = list(zip(*(a.tolist() for a in ((labels == 0) & domain).nonzero())))
        changes = {}
        for r, c in todo:
            around = Counter(
                int(labels[nr, nc])
                for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1))
                if 0 <= nr < rows and 0 <= nc < cols and labels[nr, nc] > 0
            )
            if around:
                changes[(r, c)] = min(around.items(), key=lambda item: (-item[1], item[0]))[0]
        if not changes:
            break
        for (r, c), label in changes.items():
            labels[r, c] = label
    stranded = (labels == 0) & domain
    labels[stranded] = original[stranded]
    return labels


def interior_point(labels: Any, inside: Any, label: int) -> tuple[int, int]:
    """The cell of a label deepest inside it (most erosions survived), nearest to the label's mean on ties."""
    import numpy as np

    mask = (labels == label) & inside
    if not mask.any():
        mask = labels == label
    depth = np.zeros(labels.shape, dtype=np.int32)
    current = mask.copy()
    while current.any():
        depth[current] += 1
        padded = np.pad(current, 1)
        eroded = current.copy()
        for dr, dc in ((0, 1), (2, 1), (1, 0), (1, 2)):
            eroded &= padded[dr : dr + labels.shape[0], dc : dc + labels.shape[1]]
        current = eroded
    rr, cc = np.nonzero(depth == depth.max())
    mr, mc = np.nonzero(mask)
    centre_r, centre_c = mr.mean(), mc.mean()
    best = min(range(len(rr)), key=lambda i: ((rr[i] - centre_r) ** 2 + (cc[i] - centre_c) ** 2, rr[i], cc[i]))
    return int(rr[best]), int(cc[best])
