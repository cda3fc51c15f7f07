"""The report's 30-day trend as a scene (sahelwatch.report.scene): incidents and fatalities per day, stacked by
country, the last 7 days shaded and the report's day outlined."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sahelwatch.report.colours import OTHER_COLOUR
from sahelwatch.report.data import MartsIncident, Window, day_text
from sahelwatch.report.scene import Rect, Scene, Style, Text, line, text_width

COUNTRY_COLOURS = {"Mali": "#4e79a7", "Burkina Faso": "#f28e2b", "Niger": "#59a14f", "Mauritania": "#76b7b2"}
SPARE_COLOURS = ("#e15759", "#b07aa1", "#9c755f", "#edc948", "#ff9da7")
OTHERS = "Other countries"


def nice_ticks(maximum: float, target: int = 4) -> list[float]:
    """Round tick values from 0 to at least `maximum`: steps of 1, 2 or 5 times a power of ten, about `target`
    of them. Integers stay integers for counts."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / target
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1  # counts: no fractional ticks
    top = math.ceil(maximum / step) * step
    count = int(round(top / step))
    return [int(i * step) if float(step).is_integer() else i * step for i in range(count + 1)]


def country_colours(countries: Sequence[str]) -> dict[str, str]:
    """Fixed colours for the four countries, spare ones for the others in order, grey for the rest."""
    colours, spare = {}, iter(SPARE_COLOURS)
    for country in countries:
        colours[country] = COUNTRY_COLOURS.get(country) or (
            OTHER_COLOUR if country == OTHERS else next(spare, OTHER_COLOUR)
        )
    return colours


def trend_series(
    incidents: Iterable[MartsIncident], days: Sequence[date], keep: int = 5
) -> tuple[list[str], dict[str, dict[date, tuple[int, int]]]]:
    """Incidents and known fatalities per day and country, the `keep` busiest countries by name and the rest as
    OTHERS; countries ordered busiest first."""
    per: dict[str, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    totals: Counter[str] = Counter()
    wanted = set(days)
    for incident in incidents:
        if incident.event_date not in wanted:
            continue
        cell = per[incident.country][incident.event_date]
        cell[0] += 1
        cell[1] += incident.fatalities or 0
        totals[incident.country] += 1
    ranked = [c for c, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    kept, rest = ranked[:keep], ranked[keep:]
    if len(rest) == 1:
        kept, rest = ranked, []
    series: dict[str, dict[date, tuple[int, int]]] = {}
    for country in kept:
        series[country] = {d: (per[country][d][0], per[country][d][1]) for d in days}
    if rest:
        series[OTHERS] = {d: (sum(per[c][d][0] for c in rest), sum(per[c][d][1] for c in rest)) for d in days}
    return list(series), series


def trend_scene(
    incidents: Sequence[MartsIncident], window: Window, recent: Window, day: Window, id_prefix: str, width: float = 960
) -> Scene:
    """Incidents and fatalities per day of `window`, stacked by country; `recent` (the last 7 days) is shaded and
    `day` outlined."""
    days = window.days
    countries, series = trend_series(incidents, days)
    colours = country_colours(countries)
    left, right, panel, gap, top = 52.0, 16.0, 150.0, 58.0, 40.0
    height = top + 2 * panel + gap + 40
    scene = Scene(
        width,
        height,
        id_prefix,
        title=f"Incidents and fatalities per day by country, {window.title}",
        background="#ffffff",
    )
    # legend
    x = left
    for country in countries:
        scene.add(Rect(x, 12, 12, 12, Style(fill=colours[country])))
        scene.add(Text(x + 17, 22, country, size=11, color="#333333"))
        x += 17 + text_width(country, 11) + 16
    if not countries:
        scene.add(Text(left, 22, "No incidents in these 30 days", size=11, color="#666666"))
    plot_width = width - left - right
    band = plot_width / len(days)
    for index, (metric, name) in enumerate(((0, "Incidents per day"), (1, "Fatalities per day (best estimates)"))):
        y0 = top + index * (panel + gap) + 18
        y1 = y0 + panel - 18
        totals = [sum(series[c][d][metric] for c in countries) for d in days]
        ticks = nice_ticks(max(totals, default=0))
        scale = (y1 - y0) / ticks[-1]
        first_recent = days.index(recent.first) if recent.first in days else 0
        scene.add(
            Rect(left + first_recent * band, y0, (len(days) - first_recent) * band, y1 - y0, Style(fill="#f3efe6"))
        )
        if index == 0:
            scene.add(Text(left + first_recent * band + 4, y0 + 12, f"last {recent.label}", size=10, color="#8a7a60"))
        scene.add(Text(left, y0 - 6, name, size=12, color="#222222", bold=True))
        for tick in ticks:
            y = y1 - tick * scale
            scene.add(line(((left, y), (width - right, y)), Style(stroke="#e2e2e2", width=0.8)))
            scene.add(Text(left - 6, y + 4, f"{tick:g}", size=10, color="#555555", anchor="end"))
        for i, d in enumerate(days):
            x = left + i * band + band * 0.15
            base = y1
            for country in countries:
                value = series[country][d][metric]
                if not value:
                    continue
                h = value * scale
                unit = (
                    ("incident" if metric == 0 else "killed")
                    if value == 1
                    else ("incidents" if metric == 0 else "killed")
                )
                scene.add(
                    Rect(
                        x,
                        base - h,
                        band * 0.7,
                        h,
                        Style(fill=colours[country]),
                        title=f"{country}, {day_text(d, short=True)}: {value} {unit}",
                    )
                )
                base -= h
            if d in day:
                scene.add(
                    Rect(left + i * band + 1, y0, band - 2, y1 - y0, Style(stroke="#3b3226", width=1.2, dash=(3, 2)))
                )
        scene.add(line(((left, y1), (width - right, y1)), Style(stroke="#777777", width=1)))
        for i, d in enumerate(days):
            if (len(days) - 1 - i) % 5 == 0:
                scene.add(
                    Text(
                        left + (i + 0.5) * band,
                        y1 + 15,
                        day_text(d, year=False, short=True),
                        size=10,
                        color="#555555",
                        anchor="middle",
                    )
                )
    return scene
