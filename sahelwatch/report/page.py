"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched when it is opened.

Tabs (the day, 7 days, 30 days) are radio buttons styled with CSS, so they work without JavaScript; printing
shows every tab.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from urllib.parse import urlsplit

from sahelwatch.report.colours import EVENT_COLOURS, OTHER_COLOUR
from sahelwatch.report.data import MartsIncident, ReportData, SilentSource, Window, day_text
from sahelwatch.report.scene import Scene

CSS = """
:root { --ink: #222; --muted: #666; --line: #e3ded3; --paper: #fff; --sand: #f4efe4; --brown: #3b3226; }
* { box-sizing: border-box; }
body { margin: 0; background: #faf9f6; color: var(--ink);
       font: 14px/1.45 "DejaVu Sans", Verdana, Arial, sans-serif; }
header { background: var(--brown); color: #fff; padding: 18px 32px 16px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: #e8dfcf; }
main { max-width: 1240px; margin: 0 auto; padding: 18px 32px 40px; }
h2 { font-size: 18px; margin: 28px 0 10px; }
h3 { font-size: 15px; margin: 18px 0 8px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
.card h3 { margin: 0 0 6px; font-size: 13px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.card .big { font-size: 26px; font-weight: bold; margin-right: 6px; }
.card .types { margin-top: 6px; font-size: 12px; color: var(--muted); }
.card .type { white-space: nowrap; margin-right: 6px; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px;
       vertical-align: -1px; }
.tabs > input { position: absolute; opacity: 0; pointer-events: none; }
.tab-labels { display: flex; gap: 4px; border-bottom: 2px solid var(--brown); margin-top: 8px; }
.tab-labels label { padding: 7px 18px; border: 1px solid var(--line); border-bottom: none; cursor: pointer;
                    border-radius: 6px 6px 0 0; background: #efebe3; color: #4b4336; }
.panel { display: none; padding-top: 12px; }
#tab-run:checked ~ .tab-labels label[for="tab-run"],
#tab-day:checked ~ .tab-labels label[for="tab-day"], #tab-7d:checked ~ .tab-labels label[for="tab-7d"],
#tab-30d:checked ~ .tab-labels label[for="tab-30d"] { background: var(--brown); color: #fff; font-weight: bold; }
#tab-run:checked ~ .panels #panel-run,
#tab-day:checked ~ .panels #panel-day, #tab-7d:checked ~ .panels #panel-7d,
#tab-30d:checked ~ .panels #panel-30d { display: block; }
.tabs > input:focus-visible ~ .tab-labels { outline: 2px solid #0072b2; }
svg.figure { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px;
             background: #fff; }
svg .incident:hover { stroke: #000; stroke-width: 2; }
.caption { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
table { width: 100%; border-collapse: collapse; background: var(--paper); border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 7px 9px; border-bottom: 1px solid var(--line); }
th { background: #f1ede5; font-size: 12px; color: #4b4336; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr:target { background: #fff6d6; }
.evidence { margin: 0 0 6px; padding-left: 9px; border-left: 3px solid #d9cdb5; font-style: italic; color: #333; }
.sources { margin: 0; padding: 0; list-style: none; font-size: 12px; }
.sources li { display: inline; }
.sources li + li::before { content: " · "; color: #aaa; }
.sources a { color: #0b5c99; }
.new { display: inline-block; font-size: 11px; font-weight: bold; color: #fff; background: #222;
       border-radius: 3px; padding: 0 5px; margin-left: 4px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.status-failed { color: #a3241a; font-weight: bold; }
.status-partial, .status-disabled { color: #8a5a00; font-weight: bold; }
footer { max-width: 1240px; margin: 0 auto; padding: 0 32px 40px; color: var(--muted); font-size: 12px; }
@media print {
  .tab-labels { display: none; }
  .panel { display: block !important; break-inside: avoid; }
  .panel::before { content: attr(data-title); font-weight: bold; font-size: 16px; }
  header { background: none; color: var(--ink); }
}
"""


def page_top(title: str) -> str:
    """The page's head (inline CSS, nothing to fetch) and the start of its header, with `title` as both the
    document's title and its heading: the comparison page (sahelwatch.compare.page) starts the same way, so the
    two pages look alike."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sahelwatch">
<title>{escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
"""


@dataclass(frozen=True)
class Figures:
    maps: dict[str, Scene]  # by window key
    trend: Scene


def anchor(window: Window, incident: MartsIncident) -> str:
    return f"{window.key}-" + re.sub(r"[^A-Za-z0-9_-]", "-", incident.incident_id)


def _number(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def _fatalities(incident: MartsIncident) -> str:
    if incident.fatalities is None:
        return '<span class="muted">unknown</span>'
    low, high = incident.fatalities_low, incident.fatalities_high
    text = f"<b>{incident.fatalities:,}</b>"
    if (low is not None and low != incident.fatalities) or (high is not None and high != incident.fatalities):
        text += f'<br><span class="muted small">{_number(low)}–{_number(high)}</span>'
    return text


def _when(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M} UTC"


def _link(url: str, text: str, title: str = "") -> str:
    title_attr = f' title="{escape(title)}"' if title else ""
    if urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{escape(url)}" rel="noopener noreferrer" target="_blank"{title_attr}>{escape(text)}</a>'
    return f"<span{title_attr}>{escape(text)}</span>"


def _sources(incident: MartsIncident, names: dict[str, str]) -> str:
    items = []
    for source in incident.sources:
        label = names.get(source.source_id, source.source_id)
        when = f" ({day_text(source.published_at.date(), year=False, short=True)})" if source.published_at else ""
        items.append(f"<li>{_link(source.url, label + when, source.evidence)}</li>")
    return f'<ul class="sources">{"".join(items)}</ul>' if items else '<span class="muted small">no link</span>'


def _incident_rows(window: Window, incidents: Sequence[MartsIncident], names: dict[str, str]) -> str:
    rows = []
    for rank, incident in enumerate(incidents, 1):
        colour = EVENT_COLOURS.get(incident.event_type, OTHER_COLOUR)
        actors = escape(incident.actor1) + (f"<br>vs {escape(incident.actor2)}" if incident.actor2 else "")
        extra = []
        if incident.injured:
            extra.append(f"{incident.injured:,} injured")
        if incident.abducted:
            extra.append(f"{incident.abducted:,} abducted")
        extra_html = f'<br><span class="muted small">{escape(", ".join(extra))}</span>' if extra else ""
        new = '<span class="new" title="a report of it was crawled in this run">new</span>' if incident.new else ""
        rows.append(
            f'<tr id="{anchor(window, incident)}" class="incident-row">'
            f'<td class="num">{rank}</td>'
            f"<td>{incident.event_date.isoformat()}{new}</td>"
            f'<td><span class="dot" style="background:{colour}"></span>{escape(incident.event_type)}'
            f'<br><span class="muted small">{escape(incident.sub_event_type)}</span></td>'
            f'<td class="place">{escape(incident.place)}</td>'
            f"<td>{actors}</td>"
            f'<td class="num">{_fatalities(incident)}{extra_html}</td>'
            f'<td><blockquote class="evidence">{escape(incident.evidence)}</blockquote>'
            f"{_sources(incident, names)}</td>"
            "</tr>"
        )
    return "\n".join(rows)


def _top_table(window: Window, top: Sequence[MartsIncident], total: int, names: dict[str, str]) -> str:
    if not top and window.by_run:
        return '<p class="muted">This run found no incidents in the reports it crawled.</p>'
    if not top:
        return f'<p class="muted">No incidents with an event date in {escape(window.title)}.</p>'
    more = f" ({total - len(top)} more not shown)" if total > len(top) else ""
    return (
        f"<h3>Top incidents, {escape(window.title)}{more}</h3>"
        '<table class="top-incidents"><thead><tr><th class="num">#</th><th>Date</th><th>Event</th>'
        '<th>Where</th><th>Actors</th><th class="num">Killed</th><th>Evidence and sources</th></tr></thead>'
        f"<tbody>{_incident_rows(window, top, names)}</tbody></table>"
    )


def _card(window: Window, incidents: Sequence[MartsIncident]) -> str:
    fatalities = sum(i.fatalities or 0 for i in incidents)
    unknown = sum(1 for i in incidents if i.fatalities is None)
    countries = len({i.country for i in incidents})
    new = sum(1 for i in incidents if i.new)
    types = Counter(i.event_type for i in incidents)
    type_html = " ".join(
        f'<span class="type"><span class="dot" style="background:'
        f'{EVENT_COLOURS.get(t, OTHER_COLOUR)}"></span>{escape(t)} {n}</span>'
        for t, n in sorted(types.items(), key=lambda item: (-item[1], item[0]))
    )
    return (
        f'<div class="card" id="card-{window.key}"><h3>{escape(window.label)} · {escape(window.title)}</h3>'
        f'<div><span class="big">{len(incidents):,}</span>incidents</div>'
        f'<div><span class="big">{fatalities:,}</span>killed'
        + (f' <span class="muted small">(+{unknown} with unknown toll)</span>' if unknown else "")
        + "</div>"
        f'<div class="muted small">{countries} countr{"y" if countries == 1 else "ies"} · {new} reported in '
        f"this run</div>"
        f'<div class="types">{type_html or "no incidents"}</div></div>'
    )


def _country_table(data: ReportData) -> str:
    windows = data.date_windows
    stats: dict[str, dict[str, list[int]]] = {}
    for window in windows:
        for incident in data.incidents_in(window):
            cell = stats.setdefault(incident.country, {w.key: [0, 0] for w in windows})[window.key]
            cell[0] += 1
            cell[1] += incident.fatalities or 0
    if not stats:
        return '<p class="muted">No incidents in the last 30 days.</p>'
    widest = windows[-1].key
    order = sorted(stats, key=lambda c: (-stats[c][widest][0], c))
    head = "".join(f'<th class="num">{escape(w.label)}<br>incidents</th><th class="num">killed</th>' for w in windows)
    body = []
    for country in order + ["Total"]:
        cells = []
        for window in windows:
            if country == "Total":
                values = [sum(stats[c][window.key][k] for c in stats) for k in (0, 1)]
            else:
                values = stats[country][window.key]
            cells.append(f'<td class="num">{values[0]:,}</td><td class="num">{values[1]:,}</td>')
        name = f"<b>{country}</b>" if country == "Total" else escape(country)
        body.append(f"<tr><td>{name}</td>{''.join(cells)}</tr>")
    return (
        f'<table class="by-country"><thead><tr><th>Country</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _silent_table(silent: Sequence[SilentSource], names: dict[str, str], days: int) -> str:
    if not silent:
        return (
            f'<p class="ok">Every source crawled in the last week had a successful crawl and new articles in '
            f"the last {days} days.</p>"
        )
    rows = []
    for source in silent:
        runs = source.runs
        name = names.get(source.source_id)
        label = (
            f"{escape(name)}<br><span class='muted small'>{escape(source.source_id)}</span>"
            if name
            else escape(source.source_id)
        )
        message = (runs.last_message or "")[:240]
        rows.append(
            f'<tr class="silent-source"><td>{label}</td><td>{escape(source.reason)}</td>'
            f'<td><span class="status-{escape(runs.last_status)}">{escape(runs.last_status)}</span>'
            f'<br><span class="muted small">{_when(runs.last_run_at)}</span></td>'
            f"<td>{_when(runs.last_success_end) or 'never'}</td>"
            f"<td>{_when(runs.last_items_end) or 'never'}</td>"
            f'<td class="num">{runs.failures_since_success}</td>'
            f'<td class="small">{escape(message)}</td></tr>'
        )
    return (
        '<table class="silent"><thead><tr><th>Source</th><th>Why listed</th><th>Last crawl</th>'
        "<th>Last success (end of interval)</th><th>Last new articles</th>"
        '<th class="num">Failures since</th><th>Last message</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _what(window: Window) -> str:
    """The first words of a view's caption: which incidents it shows."""
    if window.by_run:
        return (
            "Incidents reported by the articles this run crawled, whatever their event dates (the event date is "
            "in each row)"
        )
    return f"Incidents with an event date in {escape(window.title)}"


def render_page(
    data: ReportData,
    figures: Figures,
    top: dict[str, list[MartsIncident]],
    silent: Sequence[SilentSource],
    names: dict[str, str],
    silent_days: int,
    attribution: str,
) -> str:
    day = data.window("day")
    interval = data.interval
    first = data.windows[0]  # the run's news
    inputs = "".join(
        f'<input type="radio" name="window" id="tab-{w.key}"{" checked" if w is first else ""}>' for w in data.windows
    )
    tab_labels = "".join(f'<label for="tab-{w.key}">{escape(w.label)}</label>' for w in data.windows)
    panels = []
    for window in data.windows:
        incidents = data.incidents_in(window)
        panels.append(
            f'<section class="panel" id="panel-{window.key}" data-title="{escape(window.label)} · '
            f'{escape(window.title)}">'
            f"{figures.maps[window.key].to_svg()}"
            f'<p class="caption">{_what(window)}: circle area grows with '
            f"the fatalities, colour gives the event type; hover a circle for details, click one of the top "
            f"incidents to jump to its row. Dashed lines are <b>approximate</b> admin1 areas (derived from gazetteer "
            f"towns, not official boundaries), tinted by the number of incidents.</p>"
            f"{_top_table(window, top[window.key], len(incidents), names)}</section>"
        )
    cards = "".join(_card(w, data.incidents_in(w)) for w in data.windows)
    span = f"{interval.start:%Y-%m-%d %H:%M} – {interval.end:%Y-%m-%d %H:%M} UTC"
    return (
        page_top(f"sahelwatch situation report · {day.title}")
        + f"""<p>Conflict incidents in the Sahel extracted from the news: first those this run reported (from the
reports it crawled, whatever their event dates), then by event date: the day, the last 7 and the last 30 days.
Crawl interval {escape(span)}.</p>
</header>
<main>
<section class="cards">{cards}</section>
<h2>Map and top incidents</h2>
<div class="tabs">{inputs}<div class="tab-labels">{tab_labels}</div><div class="panels">{"".join(panels)}</div></div>
<h2>Incidents and fatalities over time</h2>
{figures.trend.to_svg()}
<p class="caption">Per day and country over the last 30 days (stacked); the shaded part is the last 7 days and
the dashed box the report's day. Fatalities add up the best estimates that are known.</p>
<h3>By country</h3>
{_country_table(data)}
<h2>Silent sources</h2>
<p class="muted small">Sources crawled in the last week with no successful crawl, or no new article, for
{silent_days} days or more before {escape(f"{interval.end:%Y-%m-%d %H:%M}")} UTC.</p>
{_silent_table(silent, names, silent_days)}
</main>
<footer>
<p>Data: the sahelwatch warehouse (marts.incidents, marts.incident_sources, marts.source_runs). Fatalities are
best estimates, the lowest figure a source gives (ranges show the lowest and highest figures across sources).
Incidents come from automatic extraction: check the evidence and the sources before citing them.</p>
<p>{escape(attribution)}</p>
</footer>
</body>
</html>
"""
    )
