"""The comparison's map, in the situation report's style (sahelwatch.report.incident_map): events only we have as
filled circles, events only they have as rings, matched pairs as small grey dots at their place; colour gives the
event type and the area the fatalities, as in the report."""

from __future__ import annotations

from collections.abc import Sequence

from sahelwatch.compare.matcher import Matching
from sahelwatch.compare.model import Event
from sahelwatch.report.boundaries import Boundaries
from sahelwatch.report.colours import EVENT_COLOURS, OTHER_COLOUR
from sahelwatch.report.geometry import Point
from sahelwatch.report.incident_map import (
    MIN_RADIUS,
    event_type_legend,
    finish_map,
    incident_point,
    map_bbox,
    map_frame,
    marker_radius,
    unplaced_note,
)
from sahelwatch.report.scene import Circle, Scene, Style, Text, text_width

LEGEND_HEIGHT = 74
LABELLED = 6  # the deadliest unmatched events get their place written next to them
RING_GAP = 2.5  # pixels between a ring and the marker radius: a ring around a filled circle of the same place shows
MATCHED_STYLE = Style(fill="#4a4a4a", fill_opacity=0.55, stroke="#ffffff", width=0.6)
SIDE_NAMES = {"ours": "only sahelwatch", "theirs": "only {dataset}"}


def marker_style(event: Event) -> Style:
    """Ours filled, theirs a ring of the same colour: the two stay apart where they overlap."""
    colour = EVENT_COLOURS.get(event.event_type, OTHER_COLOUR)
    if event.side == "ours":
        return Style(fill=colour, fill_opacity=0.72, stroke="#ffffff", width=0.9)
    return Style(fill=colour, fill_opacity=0.10, stroke=colour, width=2.4)


def _title(event: Event, dataset: str) -> str:
    killed = "fatalities unknown" if event.fatalities is None else f"{event.fatalities} killed"
    side = SIDE_NAMES[event.side].format(dataset=dataset)
    return f"{side} · {event.event_id} · {event.first.isoformat()} · {event.place} · {event.event_type} · {killed}"


def comparison_scene(boundaries: Boundaries, matching: Matching, dataset: str, width: float = 960) -> Scene:
    unmatched = [*matching.only_ours, *matching.only_theirs]
    located = [*unmatched, *(p.theirs for p in matching.pairs)]
    bbox = map_bbox(located)
    frame = map_frame(
        boundaries,
        unmatched,
        bbox,
        "compare-map",
        f"Map of {len(matching.only_ours)} events only sahelwatch has and "
        f"{len(matching.only_theirs)} only {dataset} has",
        width,
        LEGEND_HEIGHT,
    )
    scene, project = frame.scene, frame.project
    unplaced = 0
    for pair in matching.pairs:
        point, _ = incident_point(pair.theirs, boundaries)
        if point is not None and bbox.contains(*point):
            x, y = project(*point)
            scene.add(
                Circle(
                    x,
                    y,
                    MIN_RADIUS,
                    MATCHED_STYLE,
                    title=f"matched · {pair.ours.event_id} = {pair.theirs.event_id} · {pair.theirs.place}",
                    css="matched",
                )
            )
    placed: list[tuple[Event, Point]] = []
    for event in unmatched:
        point, _ = incident_point(event, boundaries)
        if point is None or not bbox.contains(*point):
            unplaced += 1
            continue
        placed.append((event, project(*point)))
    # filled circles first, biggest first, then the rings over them: a ring stays visible on a circle of the same place
    placed.sort(
        key=lambda item: (item[0].side == "theirs", -marker_radius(item[0].fatalities), item[0].first, item[0].event_id)
    )
    for event, (x, y) in placed:
        radius = marker_radius(event.fatalities) + (RING_GAP if event.side == "theirs" else 0)
        scene.add(Circle(x, y, radius, marker_style(event), title=_title(event, dataset), css=f"only-{event.side}"))
    named: dict[str, tuple[str, Point, float]] = {}  # one label per place name, though both sides have it
    for event, point in sorted(placed, key=lambda item: (-(item[0].fatalities or 0), item[0].event_id)):
        name = event.location or event.admin2 or event.admin1 or event.country
        if len(named) < LABELLED and name not in named:
            named[name] = (name, point, marker_radius(event.fatalities))
    finish_map(frame, boundaries, list(named.values()))
    _legend(scene, frame.map_height, width, dataset, unplaced)
    return scene


def _legend(scene: Scene, top: float, width: float, dataset: str, unplaced: int) -> None:
    event_type_legend(scene, top, width)
    x, y = 12.0, top + 52
    scene.add(Text(x, y + 4, "Dataset", size=11, color="#333333", bold=True))
    x += text_width("Dataset", 11) + 14
    samples: Sequence[tuple[Style, float, str]] = (
        (Style(fill="#8a8a8a", fill_opacity=0.72, stroke="#ffffff", width=0.9), 7, "only sahelwatch (filled)"),
        (Style(fill="#8a8a8a", fill_opacity=0.10, stroke="#8a8a8a", width=2.4), 7, f"only {dataset} (ring)"),
        (MATCHED_STYLE, MIN_RADIUS, "matched (grey dot)"),
    )
    for style, radius, label in samples:
        scene.add(Circle(x + radius, y, radius, style))
        scene.add(Text(x + 2 * radius + 5, y + 4, label, size=11, color="#333333"))
        x += 2 * radius + 5 + text_width(label, 11) + 20
    scene.add(Text(x, y + 4, "circle area grows with the fatalities", size=11, color="#555555"))
    unplaced_note(scene, width, top + 52 + 4, unplaced, "event")
