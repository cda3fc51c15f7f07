"""The report's incident map as a scene (sahelwatch.report.scene) for one window.

The map is an equirectangular projection of the Sahel with Natural Earth country outlines and the approximate
admin1 areas; each incident is a circle whose area grows with its fatalities, coloured by ACLED event type.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sahelwatch.report.boundaries import Area, Boundaries
from sahelwatch.report.colours import EVENT_COLOURS, OTHER_COLOUR
from sahelwatch.report.data import MartsIncident, Window
from sahelwatch.report.geometry import BBox, Point, Projection
from sahelwatch.report.scene import Circle, Rect, Scene, Shape, Style, Text, line, text_width
from sahelwatch.text import key_or_none

# The frame every map starts from: Mali, Burkina Faso, Niger and Mauritania with a margin. It grows to take in
# incidents elsewhere, up to LIMIT_BBOX.
CORE_BBOX = BBox(-18.2, 8.4, 17.0, 28.0)
LIMIT_BBOX = BBox(-20.0, 2.0, 26.0, 38.0)

MIN_RADIUS = 3.5
RADIUS_PER_SQRT_DEATH = 1.9
MAX_RADIUS = 26.0
LEGEND_FATALITIES = (1, 10, 50, 100)

OCEAN = "#dce8f0"
LAND = {"core": "#f4efe4", "neighbour": "#f8f7f3", "context": "#f3f3f1"}
BORDER = {"core": ("#4f4a42", 1.2), "neighbour": ("#9b978f", 0.7), "context": ("#b4b1aa", 0.6)}
ATTRIBUTION = "Boundaries: Natural Earth; admin1 areas approximate (GeoNames)"
ADMIN1_LINE = Style(stroke="#a59a86", width=0.6, dash=(3, 2))
TINT = "#b03a2e"


def marker_radius(fatalities: int | None) -> float:
    """Circle radius in pixels: the area grows with the fatalities (radius with their square root), from
    MIN_RADIUS for none or unknown to MAX_RADIUS."""
    if not fatalities or fatalities < 0:
        return MIN_RADIUS
    return min(MAX_RADIUS, MIN_RADIUS + RADIUS_PER_SQRT_DEATH * math.sqrt(fatalities))


def incident_title(incident: MartsIncident) -> str:
    killed = "fatalities unknown" if incident.fatalities is None else f"{incident.fatalities} killed"
    sources = f"{incident.source_count} source" + ("s" if incident.source_count != 1 else "")
    return (
        f"{incident.event_date.isoformat()} · {incident.place} · {incident.event_type} / "
        f"{incident.sub_event_type} · {killed} · {sources}"
    )


class Located(Protocol):
    """What the map reads of an event to place it: the report's incidents and both sides of `sahelwatch compare`
    (sahelwatch.compare.model.Event) are drawn by the same code."""

    @property
    def country(self) -> str: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...


def map_bbox(incidents: Iterable[Located]) -> BBox:
    """The map's frame: the four countries, grown to take in every located incident (within LIMIT_BBOX)."""
    points = [(i.longitude, i.latitude) for i in incidents if i.latitude is not None and i.longitude is not None]
    box = CORE_BBOX
    if points:
        box = box.union(
            BBox.around(points).padded(0.8)
            if len(points) > 1
            else BBox(points[0][0] - 0.8, points[0][1] - 0.8, points[0][0] + 0.8, points[0][1] + 0.8)
        )
    return box.clamped(LIMIT_BBOX)


def _project_rings(polygon: Sequence[Sequence[Point]], project: Projection) -> list[tuple[Point, ...]]:
    return [tuple(project(x, y) for x, y in ring) for ring in polygon]


def _area_rings(area: Area, project: Projection) -> tuple[tuple[Point, ...], ...]:
    return tuple(ring for polygon in area.polygons for ring in _project_rings(polygon, project))


def _overlaps(box: tuple[float, float, float, float], taken: list[tuple[float, float, float, float]]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in taken)


class _Labels:
    """Places labels greedily: a label that would overlap one already placed (or leave the frame) is dropped."""

    def __init__(self, scene: Scene, width: float, height: float) -> None:
        self.scene, self.width, self.height = scene, width, height
        self.taken: list[tuple[float, float, float, float]] = []
        self.pending: list[Text] = []

    def reserve(self, box: tuple[float, float, float, float]) -> None:
        self.taken.append(box)

    def place(self, label: Text) -> bool:
        width = text_width(label.text, label.size)
        x0 = {"start": label.x, "middle": label.x - width / 2, "end": label.x - width}[label.anchor]
        box = (x0 - 2, label.y - label.size, x0 + width + 2, label.y + label.size * 0.3)
        if box[0] < 0 or box[2] > self.width or box[1] < 0 or box[3] > self.height or _overlaps(box, self.taken):
            return False
        self.taken.append(box)
        self.pending.append(label)
        return True

    def draw(self) -> None:
        for label in self.pending:
            self.scene.add(label)


def incident_point(incident: Located, boundaries: Boundaries) -> tuple[Point | None, bool]:
    """Where to draw an incident: its coordinates, else the middle of its admin1 area, else of its country; the
    flag says the point is a stand-in."""
    if incident.latitude is not None and incident.longitude is not None:
        return (incident.longitude, incident.latitude), False
    area = boundaries.admin1_area(incident.country, incident.admin1) or boundaries.country(incident.country)
    return (area.label, True) if area else (None, True)


@dataclass
class MapFrame:
    """A map being drawn: its scene, projection and label placer, the countries in view and the admin1 counts.
    `map_frame` draws the land, the caller its markers, `finish_map` the labels and the scale bar; the situation
    report's map and `sahelwatch compare`'s map share these steps and differ only in their markers and legend."""

    scene: Scene
    project: Projection
    map_height: float
    labels: _Labels
    visible: list[Area]
    counts: Counter


def map_frame(
    boundaries: Boundaries,
    incidents: Sequence[Located],
    bbox: BBox,
    id_prefix: str,
    title: str,
    width: float = 960,
    legend_height: float | None = None,
) -> MapFrame:
    """The scene with sea, countries and approximate admin1 areas (tinted by the incidents' count) drawn; room
    for a legend of `legend_height` pixels (the report's by default) below the map."""
    project = Projection(bbox, width)
    map_height = round(project.height)
    if legend_height is None:
        legend_height = 44 + 2 * marker_radius(LEGEND_FATALITIES[-1]) + 10
    scene = Scene(width, map_height + legend_height, id_prefix, title=title, background=OCEAN)
    labels = _Labels(scene, width, map_height)
    frame = bbox.padded(2.0)

    visible = [c for c in boundaries.countries if _intersects(c.bbox, frame)]
    order = {"context": 0, "neighbour": 1, "core": 2}
    visible.sort(key=lambda c: order.get(c.role, 0))
    # countries without admin1 areas get fill and border at once; the others their border after the areas
    divided = {c.iso3 for c in visible if boundaries.admin1_of(c.iso3)}
    for country in visible:
        colour, line = BORDER.get(country.role, BORDER["context"])
        fill = LAND.get(country.role, LAND["context"])
        style = Style(fill=fill) if country.iso3 in divided else Style(fill=fill, stroke=colour, width=line)
        scene.add(Shape(_area_rings(country, project), style))

    # approximate admin1 areas, tinted by incident count and clipped to their country's outline
    counts = Counter((key_or_none(i.country), key_or_none(i.admin1)) for i in incidents if i.admin1)
    most = max(counts.values(), default=0)
    for country in (c for c in visible if c.iso3 in divided):
        scene.clips[country.iso3] = _area_rings(country, project)
        outlines: list[tuple[Point, ...]] = []
        for area in boundaries.admin1_of(country.iso3):
            count = counts.get((key_or_none(area.country), key_or_none(area.name)), 0)
            rings = _area_rings(area, project)
            if count:
                opacity = 0.10 + 0.25 * (count / most)
                scene.add(Shape(rings, Style(fill=TINT, fill_opacity=opacity), clip=country.iso3, css="admin1-tint"))
            outlines.extend(rings)
        scene.add(Shape(tuple(outlines), ADMIN1_LINE, clip=country.iso3, css="admin1"))
    for country in (c for c in visible if c.iso3 in divided):
        colour, line = BORDER.get(country.role, BORDER["context"])
        scene.add(Shape(_area_rings(country, project), Style(stroke=colour, width=line)))
    return MapFrame(scene, project, map_height, labels, visible, counts)


def finish_map(frame: MapFrame, boundaries: Boundaries, named: Sequence[tuple[str, Point, float]]) -> None:
    """Scale bar, place labels (`named`: name, projected point and marker radius, most important first), admin1
    and country labels, attribution; labels that would overlap are dropped."""
    scene, labels, project, map_height = frame.scene, frame.labels, frame.project, frame.map_height
    labels.reserve(_scale_bar(scene, project, map_height))
    labels.reserve((scene.width - 12 - text_width(ATTRIBUTION, 9), map_height - 18, scene.width, map_height))
    for _, (x, y), radius in named:
        labels.reserve((x - radius, y - radius, x + radius, y + radius))
    for name, (x, y), radius in named:
        if not labels.place(Text(x + radius + 3, y + 4, name, size=11, color="#1d1d1d", bold=True, halo="#ffffff")):
            labels.place(
                Text(x - radius - 3, y + 4, name, size=11, color="#1d1d1d", bold=True, halo="#ffffff", anchor="end")
            )
    for area in boundaries.admin1:
        if frame.counts.get((key_or_none(area.country), key_or_none(area.name))):
            x, y = project(*area.label)
            labels.place(
                Text(x, y, area.name, size=9.5, color="#6d5f4b", anchor="middle", italic=True, halo=LAND["core"])
            )
    for country in frame.visible:
        x, y = project(*country.label)
        if country.role == "core":
            labels.place(
                Text(
                    x, y, country.name.upper(), size=13, color="#7a6a55", anchor="middle", bold=True, halo=LAND["core"]
                )
            )
        else:
            labels.place(
                Text(
                    x,
                    y,
                    country.name,
                    size=10.5,
                    color="#8e8a82",
                    anchor="middle",
                    halo=LAND.get(country.role, LAND["context"]),
                )
            )
    labels.draw()
    scene.add(Text(scene.width - 12, map_height - 7, ATTRIBUTION, size=9, color="#56606a", anchor="end", halo=OCEAN))


def map_scene(
    boundaries: Boundaries,
    incidents: Sequence[MartsIncident],
    window: Window,
    bbox: BBox,
    id_prefix: str,
    width: float = 960,
    links: dict[str, str] | None = None,
    labelled: int = 6,
) -> Scene:
    """The incidents of one window on the map. `links` maps incident ids to anchors (the rows of the top-incident
    table); the `labelled` deadliest incidents get their place name written next to them."""
    links = links or {}
    frame = map_frame(
        boundaries, incidents, bbox, id_prefix, f"Map of {len(incidents)} incidents, {window.title}", width
    )
    scene, project = frame.scene, frame.project

    # markers: biggest first, so that small ones stay visible on top
    placed: list[tuple[MartsIncident, Point, bool]] = []
    unplaced = 0
    for incident in incidents:
        point, stand_in = incident_point(incident, boundaries)
        if point is None or not bbox.contains(*point):
            unplaced += 1
            continue
        placed.append((incident, project(*point), stand_in))
    placed.sort(key=lambda item: (-marker_radius(item[0].fatalities), item[0].event_date, item[0].incident_id))
    for incident, (x, y), stand_in in placed:
        colour = EVENT_COLOURS.get(incident.event_type, OTHER_COLOUR)
        radius = marker_radius(incident.fatalities)
        unknown = incident.fatalities is None
        style = Style(
            fill=colour,
            fill_opacity=0.35 if unknown else 0.72,
            stroke="#222222" if incident.new else (colour if unknown else "#ffffff"),
            width=1.6 if incident.new else 0.9,
            dash=(2, 1.5) if unknown else None,
        )
        title = incident_title(incident) + (" · placed at the middle of its area" if stand_in else "")
        scene.add(Circle(x, y, radius, style, title=title, href=links.get(incident.incident_id), css="incident"))

    # labels: the deadliest incidents' places, then the admin1 areas with incidents, then the countries; none
    # over the scale bar or the attribution
    named = [
        (
            incident.location or incident.admin2 or incident.admin1 or incident.country,
            point,
            marker_radius(incident.fatalities),
        )
        for incident, point, _ in sorted(placed, key=lambda item: item[0].severity)[:labelled]
    ]
    finish_map(frame, boundaries, named)
    _map_legend(scene, frame.map_height, width, unplaced)
    return scene


def _intersects(a: BBox, b: BBox) -> bool:
    return a.west < b.east and b.west < a.east and a.south < b.north and b.south < a.north


def _scale_bar(scene: Scene, project: Projection, map_height: float) -> tuple[float, float, float, float]:
    """A scale bar in the bottom-left corner; returns the box it covers."""
    km_per_px = 111.32 / project.scale
    target = 150 * km_per_px
    length_km = next(v for v in (50, 100, 200, 250, 500, 1000, 2000) if v >= target * 0.6)
    length = length_km / km_per_px
    x, y = 14, map_height - 14
    scene.add(Rect(x - 6, y - 22, length + 60, 30, Style(fill="#ffffff", fill_opacity=0.7)))
    scene.add(line(((x, y - 5), (x, y), (x + length, y), (x + length, y - 5)), Style(stroke="#333333", width=1.2)))
    scene.add(Text(x + length + 6, y, f"{length_km} km", size=10, color="#333333"))
    scene.add(Text(x, y - 9, "at the map's middle latitude", size=8.5, color="#555555"))
    return (x - 6, y - 22, x + length + 54, y + 8)


def event_type_legend(scene: Scene, top: float, width: float) -> None:
    """The legend's white band and its first row, a dot per event type: the same on every map."""
    scene.add(Rect(0, top, width, scene.height - top, Style(fill="#ffffff")))
    x, y = 12.0, top + 22
    scene.add(Text(x, y + 4, "Event type", size=11, color="#333333", bold=True))
    x += text_width("Event type", 11) + 14
    for name, colour in EVENT_COLOURS.items():
        scene.add(Circle(x + 5, y, 5.5, Style(fill=colour, fill_opacity=0.72, stroke="#ffffff", width=0.9)))
        scene.add(Text(x + 14, y + 4, name, size=11, color="#333333"))
        x += 14 + text_width(name, 11) + 14


def unplaced_note(scene: Scene, width: float, baseline: float, count: int, noun: str) -> None:
    """ "3 incident(s) outside the map or without a place", right-aligned: a map says what it could not draw."""
    if count:
        note = f"{count} {noun}(s) outside the map or without a place"
        scene.add(Text(width - 12, baseline, note, size=10, color="#8a3324", anchor="end"))


def _map_legend(scene: Scene, top: float, width: float, unplaced: int) -> None:
    event_type_legend(scene, top, width)
    x, y = 12.0, top + 44 + marker_radius(LEGEND_FATALITIES[-1])
    scene.add(Text(x, y + 4, "Fatalities", size=11, color="#333333", bold=True))
    x += text_width("Fatalities", 11) + 14
    for value in LEGEND_FATALITIES:
        radius = marker_radius(value)
        scene.add(Circle(x + radius, y, radius, Style(fill="#8a8a8a", fill_opacity=0.45, stroke="#555555", width=0.8)))
        label = f"{value}+" if value == LEGEND_FATALITIES[-1] else str(value)
        scene.add(Text(x + 2 * radius + 4, y + 4, label, size=11, color="#333333"))
        x += 2 * radius + 4 + text_width(label, 11) + 14
    scene.add(
        Circle(
            x + MIN_RADIUS,
            y,
            MIN_RADIUS,
            Style(fill="#8a8a8a", fill_opacity=0.35, stroke="#8a8a8a", width=0.9, dash=(2, 1.5)),
        )
    )
    scene.add(Text(x + 2 * MIN_RADIUS + 4, y + 4, "unknown", size=11, color="#333333"))
    x += 2 * MIN_RADIUS + 4 + text_width("unknown", 11) + 22
    scene.add(Circle(x + 6, y, 6, Style(fill="#ffffff", stroke="#222222", width=1.6)))
    scene.add(Text(x + 16, y + 4, "reported in this run", size=11, color="#333333"))
    x += 16 + text_width("reported in this run", 11) + 22
    scene.add(line(((x, y), (x + 22, y)), ADMIN1_LINE))
    scene.add(Text(x + 28, y + 4, "admin1 (approximate)", size=11, color="#333333"))
    unplaced_note(scene, width, top + 22 + 4, unplaced, "incident")
