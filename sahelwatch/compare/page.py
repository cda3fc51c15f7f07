"""The comparison as one offline HTML page (inline CSS and SVG, nothing fetched): the situation report's look
(sahelwatch.report.page.page_top), the map with events only one side has, then the tables."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from sahelwatch.compare.figure import comparison_scene
from sahelwatch.compare.model import Event
from sahelwatch.compare.rules import rules_text
from sahelwatch.compare.run import Comparison
from sahelwatch.compare.summary import FATALITY_TOLERANCE, GroupRow, lead_days
from sahelwatch.compare.text import percent, period, signed
from sahelwatch.report.boundaries import Boundaries, load_boundaries
from sahelwatch.report.colours import EVENT_COLOURS, OTHER_COLOUR
from sahelwatch.report.incident_map import ATTRIBUTION
from sahelwatch.report.page import page_top
from sahelwatch.report.scene import Scene

EVENTS_LISTED = 500  # rows of each list on the page; the CSV files have them all


def _cell(value: Any, number: bool = False) -> str:
    text = "" if value is None else f"{value:,}" if isinstance(value, int) and number else str(value)
    return f'<td class="num">{escape(text)}</td>' if number else f"<td>{escape(text)}</td>"


def _table(css: str, head: Sequence[tuple[str, bool]], rows: Sequence[Sequence[Any]]) -> str:
    header = "".join(f'<th class="num">{escape(h)}</th>' if n else f"<th>{escape(h)}</th>" for h, n in head)
    body = "".join("<tr>" + "".join(_cell(v, n) for v, (_, n) in zip(row, head)) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'


def _groups(name: str, rows: list[GroupRow]) -> str:
    return f"<h3>By {escape(name)}</h3>" + _table(
        f"by-{name.replace(' ', '-')}",
        (
            (name.capitalize(), False),
            ("Matched", True),
            ("Only sahelwatch", True),
            ("Only theirs", True),
            ("Coverage of theirs", True),
        ),
        [
            (
                r.value,
                r.matched,
                r.only_ours,
                r.only_theirs,
                f"{100 * r.coverage:.0f} %" if r.coverage is not None else "–",
            )
            for r in rows
        ],
    )


def _type(event_type: str) -> str:
    colour = EVENT_COLOURS.get(event_type, OTHER_COLOUR)
    return f'<span class="dot" style="background:{colour}"></span>{escape(event_type)}'


def _events(css: str, events: Sequence[Event]) -> str:
    if not events:
        return '<p class="muted">None.</p>'
    rows = []
    for e in events[:EVENTS_LISTED]:
        actors = " vs ".join(a for a in (e.actor1, e.actor2) if a)
        rows.append(
            f"<tr><td>{escape(e.event_id)}</td><td>{e.first}</td><td>{_type(e.event_type)}</td>"
            f"<td>{escape(e.place)}</td><td>{escape(actors)}</td>{_cell(e.fatalities, True)}</tr>"
        )
    more = (
        f'<p class="muted small">{len(events) - EVENTS_LISTED} more in the CSV file.</p>'
        if len(events) > EVENTS_LISTED
        else ""
    )
    return (
        f'<table class="{css}"><thead><tr><th>Id</th><th>Date</th><th>Event type</th><th>Where</th>'
        f'<th>Actors</th><th class="num">Killed</th></tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'
    )


def _pairs(comparison: Comparison) -> str:
    pairs = comparison.matching.pairs
    if not pairs:
        return '<p class="muted">No pairs.</p>'
    rows = [
        (
            p.ours.event_id,
            p.theirs.event_id,
            p.theirs.first,
            p.theirs.place,
            p.rule,
            None if p.distance_km is None else f"{p.distance_km:.1f}",
            p.days,
            f"{p.ours.event_type} / {p.theirs.event_type}",
            p.ours.fatalities,
            p.theirs.fatalities,
            lead_days(p),
        )
        for p in pairs[:EVENTS_LISTED]
    ]
    return _table(
        "pairs",
        (
            ("sahelwatch", False),
            ("Theirs", False),
            ("Date", False),
            ("Where", False),
            ("Rule", False),
            ("km", True),
            ("Days apart", True),
            ("Types (ours / theirs)", False),
            ("Killed (ours)", True),
            ("Killed (theirs)", True),
            ("Lead days", True),
        ),
        rows,
    )


def _card(title: str, count: int, note: str) -> str:
    return (
        f'<div class="card"><h3>{escape(title)}</h3><div><span class="big">{count:,}</span></div>'
        f'<div class="muted small">{escape(note)}</div></div>'
    )


def render_page(comparison: Comparison, scene: Scene) -> str:
    outside, matching, agree, lead = (comparison.outside, comparison.matching, comparison.agreement, comparison.lead)
    dataset = outside.dataset
    theirs = len(matching.pairs) + len(matching.only_theirs)
    ours = len(matching.pairs) + len(matching.only_ours)
    cards = (
        _card("Matched", len(matching.pairs), f"{percent(len(matching.pairs), theirs)} of {dataset}'s events")
        + _card("Only sahelwatch", len(matching.only_ours), f"of {ours} incidents in the warehouse")
        + _card(f"Only {dataset}", len(matching.only_theirs), f"of {theirs} {dataset} events compared")
    )
    median = signed(agree.fatalities_median_difference) if agree.fatalities_median_difference is not None else "–"
    lead_days = "–"
    if lead.spread is not None:
        median_days, min_days, max_days = lead.spread
        lead_days = f"{signed(median_days)} ({signed(min_days)} to {signed(max_days)})"
    agreement_rows = [
        ("Event type the same", percent(agree.same_type, agree.pairs)),
        ("actor1 the same", percent(agree.same_actor1, agree.pairs)),
        ("actor2 the same", percent(agree.same_actor2, agree.pairs)),
        ("Both actors, either order", percent(agree.same_actors, agree.pairs)),
        ("Fatalities exact", percent(agree.fatalities_exact, agree.fatalities_compared)),
        (
            f"Fatalities within {100 * FATALITY_TOLERANCE:.0f} %",
            percent(agree.fatalities_within, agree.fatalities_compared),
        ),
        ("Fatalities, median difference (ours − theirs)", median),
        ("Lead time: pairs with a timestamp", str(lead.compared)),
        ("Lead time: we had it earlier", percent(lead.earlier, lead.compared)),
        ("Lead time: median days (range)", lead_days),
    ]
    errors = "".join(
        f'<tr><td class="num">{e.line}</td><td>{escape(e.reason)}</td><td class="small">{escape(e.text)}</td></tr>'
        for e in outside.errors
    )
    error_html = (
        f'<table class="unreadable"><thead><tr><th class="num">Line</th><th>Why</th><th>Row</th></tr>'
        f"</thead><tbody>{errors}</tbody></table>"
        if errors
        else '<p class="muted">None.</p>'
    )
    rules = "".join(f"<li>{escape(line)}</li>" for line in rules_text())
    groups = "".join(_groups(name, rows) for name, rows in comparison.groups.items())
    title = f"sahelwatch compared with {dataset} · {period(comparison)}"
    read = len(outside.events)
    return (
        page_top(title)
        + f"""<p>{escape(comparison.path.name)}: {escape(outside.layout)} layout, {outside.rows:,} rows, {read:,}
read, {len(outside.errors):,} unreadable; {comparison.left_out:,} of its events fall outside the period or the
countries compared.</p>
</header>
<main>
<section class="cards">{cards}</section>
<h2>Matching rules</h2>
<ul>{rules}</ul>
<h2>Where each side is alone</h2>
{scene.to_svg()}
<p class="caption">Filled circles: incidents only sahelwatch has; rings: events only {escape(dataset)} has; grey
dots: matched pairs, at {escape(dataset)}'s place. Colour gives the event type, area the fatalities. Events without
coordinates are drawn at the middle of their admin1 area.</p>
<h2>Counts</h2>
<p class="muted small">A matched pair is counted under {escape(dataset)}'s country, admin1, type and month.</p>
{groups}
<h2>Agreement of the matched pairs</h2>
{_table("agreement", (("Measure", False), ("Value", True)), agreement_rows)}
<h2>Matched pairs</h2>
{_pairs(comparison)}
<h2>Only sahelwatch</h2>
{_events("list-only-ours", matching.only_ours)}
<h2>Only {escape(dataset)}</h2>
{_events("list-only-theirs", matching.only_theirs)}
<h2>Rows that could not be read</h2>
{error_html}
</main>
<footer>
<p>sahelwatch side: marts.incidents. Lead time: days from sahelwatch's first report of an event to the
{escape(dataset)} row's timestamp, where the file has one.</p>
<p>{escape(ATTRIBUTION)}</p>
</footer>
</body>
</html>
"""
    )


def write_page(comparison: Comparison, path: Path, boundaries: Boundaries | None = None) -> Path:
    scene = comparison_scene(boundaries or load_boundaries(), comparison.matching, comparison.outside.dataset)
    path.write_text(render_page(comparison, scene), encoding="utf-8")
    return path
