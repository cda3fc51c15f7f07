"""Pure parts of the figures: marker sizes, ticks, colours, series, the map frame, SVG output, silent sources."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sahelwatch.fuse.match import EVENT_TYPES
from sahelwatch.interval import Interval
from sahelwatch.report.boundaries import load_boundaries
from sahelwatch.report.colours import EVENT_COLOURS
from sahelwatch.report.data import MartsIncident, SourceRuns, Window, silent_sources, windows_for
from sahelwatch.report.incident_map import (
    CORE_BBOX,
    LIMIT_BBOX,
    MAX_RADIUS,
    MIN_RADIUS,
    map_bbox,
    map_scene,
    marker_radius,
)
from sahelwatch.report.scene import Circle, Scene, Shape, Style, Text
from sahelwatch.report.trend import OTHERS, nice_ticks, trend_scene, trend_series

DAY = date(2025, 6, 2)


def incident(n: int = 0, **changes) -> MartsIncident:
    base = MartsIncident(
        f"i{n}",
        DAY,
        "Battles",
        "Armed clash",
        "JNIM",
        None,
        "Mali",
        "Mopti",
        None,
        "Sevare",
        14.5,
        -4.1,
        1,
        5,
        5,
        5,
        None,
        None,
        1,
        "evidence",
        0.8,
    )
    return replace(base, **changes)


def test_marker_radius_grows_with_the_square_root_and_is_capped() -> None:
    assert marker_radius(None) == marker_radius(0) == marker_radius(-3) == MIN_RADIUS
    sizes = [marker_radius(f) for f in (1, 4, 16, 64, 100)]
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes)
    # area-like: 4x the deaths is 2x the radius beyond the minimum
    assert (marker_radius(64) - MIN_RADIUS) == pytest.approx(2 * (marker_radius(16) - MIN_RADIUS))
    assert marker_radius(10_000) == MAX_RADIUS


@pytest.mark.parametrize(
    ("maximum", "expected"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (8, [0, 2, 4, 6, 8]),
        (9, [0, 5, 10]),
        (37, [0, 10, 20, 30, 40]),
        (250, [0, 100, 200, 300]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_nice_ticks(maximum: int, expected: list[int]) -> None:
    assert nice_ticks(maximum) == expected


def test_every_event_type_has_a_colour() -> None:
    assert set(EVENT_COLOURS) == set(EVENT_TYPES)
    assert len(set(EVENT_COLOURS.values())) == len(EVENT_COLOURS)


def test_trend_series_keeps_the_busiest_countries() -> None:
    days = [DAY - timedelta(days=n) for n in range(3)][::-1]
    incidents = [
        incident(1, fatalities=None),
        incident(2, fatalities=3),
        incident(3, country="Niger"),
        *[
            incident(10 + n, country=c, event_date=days[0])
            for n, c in enumerate(["Chad", "Benin", "Togo", "Ghana", "Nigeria", "Nigeria"])
        ],
        incident(30, event_date=DAY - timedelta(days=40)),
    ]  # outside the days
    countries, series = trend_series(incidents, days, keep=3)
    assert countries == ["Mali", "Nigeria", "Benin", OTHERS]
    assert series["Mali"][DAY] == (2, 3)  # unknown fatalities add nothing
    assert series[OTHERS][days[0]] == (3, 15)  # Chad, Ghana, Togo; Niger is on DAY
    assert series[OTHERS][DAY] == (1, 5)


def test_map_bbox_grows_for_incidents_outside_the_sahel() -> None:
    assert map_bbox([]) == CORE_BBOX
    assert map_bbox([incident()]) == CORE_BBOX
    grown = map_bbox([incident(latitude=12.1, longitude=15.0 + 5)])  # east of Lake Chad
    assert grown.east > CORE_BBOX.east and grown.west == CORE_BBOX.west
    far = map_bbox([incident(latitude=36.7, longitude=3.0), incident(latitude=-30, longitude=25)])
    assert far == far.clamped(LIMIT_BBOX) and far.north <= LIMIT_BBOX.north


def test_map_scene_draws_markers_labels_and_links() -> None:
    window = Window("day", "Day", DAY, DAY)
    incidents = [
        incident(1, fatalities=40, location="Dioura", new=True),
        incident(2, fatalities=None),
        incident(3, latitude=None, longitude=None, admin1="Gao", location=None),
        incident(4, latitude=None, longitude=None, country="Atlantis", admin1=None),
    ]
    scene = map_scene(load_boundaries(), incidents, window, CORE_BBOX, "m", links={"i1": "#day-i1"})
    circles = [item for item in scene.items if isinstance(item, Circle) and item.css == "incident"]
    assert len(circles) == 3  # Atlantis has no place on the map
    big = next(c for c in circles if c.href == "#day-i1")
    assert big.r == marker_radius(40) and big.style.stroke == "#222222"  # new: dark ring
    unknown = next(c for c in circles if "fatalities unknown" in (c.title or ""))
    assert unknown.style.dash and unknown.r == MIN_RADIUS
    assert any("placed at the middle of its area" in (c.title or "") for c in circles)
    texts = [item.text for item in scene.items if isinstance(item, Text)]
    assert "Dioura" in texts and "MALI" in texts and any("outside the map" in t for t in texts)
    assert any(isinstance(i, Shape) and i.clip == "MLI" and i.css == "admin1-tint" for i in scene.items)
    svg = scene.to_svg()
    assert svg.startswith("<svg") and 'href="#day-i1"' in svg and 'clip-path="url(#m-clip-MLI)"' in svg


def test_trend_scene_handles_no_incidents(tmp_path: Path) -> None:
    windows = windows_for(Interval.for_day(DAY))
    scene = trend_scene([], windows[3], windows[2], windows[1], "t")
    assert any(isinstance(i, Text) and "No incidents" in i.text for i in scene.items)
    assert scene.to_png(tmp_path / "t.png").stat().st_size > 1000


def test_scene_escapes_text_and_draws_png(tmp_path: Path) -> None:
    scene = Scene(200, 100, "s", title='a "title" <b>', background="#ffffff")
    scene.add(
        Shape(
            (((10, 10), (90, 10), (90, 90), (10, 90)), ((30, 30), (30, 70), (70, 70), (70, 30))),
            Style(fill="#cc0000", stroke="#000000", width=1),
        )
    )
    scene.add(Circle(150, 50, 20, Style(fill="#0072b2", fill_opacity=0.5), title="<script>x</script>"))
    scene.add(Text(100, 95, "A & B <c>", size=10, anchor="middle", halo="#ffffff"))
    svg = scene.to_svg()
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "A &amp; B &lt;c&gt;" in svg
    from PIL import Image

    with Image.open(scene.to_png(tmp_path / "s.png", scale=1)) as image:
        assert image.size == (200, 100)
        rgb = image.convert("RGB")
        assert rgb.getpixel((20, 20))[0] > 150 and rgb.getpixel((50, 50)) == (255, 255, 255)  # the hole


AS_OF = datetime(2025, 6, 3, tzinfo=UTC)


def runs(
    source_id: str,
    *,
    first: int = 20,
    last: int = 1,
    success: int | None = 1,
    items: int | None = 1,
    status: str = "ok",
    failures: int = 0,
) -> SourceRuns:
    """Days before AS_OF (None: never)."""

    def ago(days: int | None) -> datetime | None:
        return None if days is None else AS_OF - timedelta(days=days)

    return SourceRuns(source_id, ago(first), ago(last), status, None, ago(success), ago(items), failures)


def test_silent_sources() -> None:
    found = silent_sources(
        [
            runs("healthy", success=0, items=0),
            runs("failing", success=4, items=4, status="failed", failures=3),
            runs("quiet", success=0, items=5),
            runs("never-worked", success=None, items=None, status="failed", failures=20),
            runs("just-failing", success=3, items=3, status="failed", failures=2),
            runs("two-days", success=2, items=2, status="failed"),
            runs("brand-new", first=1, success=None, items=None, status="failed"),
            runs("dropped", last=9, success=30, items=30, status="failed"),
        ],
        AS_OF,
        days=3,
    )
    assert [s.source_id for s in found] == ["never-worked", "failing", "just-failing", "quiet"]
    by_id = {s.source_id: s for s in found}
    assert by_id["failing"].reason == "no successful crawl for 4 days"
    assert by_id["quiet"].reason == "crawls succeed but no new article for 5 days"
    assert by_id["never-worked"].days_without_success is None
    assert silent_sources([runs("failing", success=4, items=4)], AS_OF, days=5) == []
    with pytest.raises(ValueError):
        silent_sources([], AS_OF, days=0)


def test_windows_of_a_day() -> None:
    run, day, week, month = windows_for(Interval.for_day(DAY))
    assert run.by_run and run.title == "reported 2 June 2025" and not day.by_run
    assert (day.first, day.last) == (DAY, DAY)
    assert (week.first, month.first) == (DAY - timedelta(days=6), DAY - timedelta(days=29))
    assert DAY in week and DAY - timedelta(days=7) not in week
    assert day.title == "2 June 2025" and month.title == "4 May – 2 June 2025"
