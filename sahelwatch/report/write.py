"""Write a report for an interval: the HTML page and the same figures as PNG files, into one folder.

Files (for a daily interval; another interval uses its slug instead of the date):

- ``sahelwatch-report-2025-06-02.html``: the page (self-contained);
- ``sahelwatch-report-2025-06-02-map-run.png`` (what the run reported), ``-map-day.png``, ``-map-7d.png``,
  ``-map-30d.png``: the maps;
- ``sahelwatch-report-2025-06-02-trend.png``: incidents and fatalities per day by country.

Every file is written to a temporary name and renamed, so a reader never sees half a report, and re-running the
same interval over the same warehouse rewrites the same bytes for the page.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import psycopg

from sahelwatch.interval import Interval
from sahelwatch.report.boundaries import Boundaries, load_boundaries
from sahelwatch.report.data import MartsIncident, load_report_data, silent_sources
from sahelwatch.report.incident_map import map_bbox, map_scene
from sahelwatch.report.page import Figures, anchor, render_page
from sahelwatch.report.trend import trend_scene

log = logging.getLogger(__name__)
TOP_INCIDENTS = 15
SILENT_DAYS = 3
ATTRIBUTION = (
    "Country outlines: Natural Earth (public domain). Admin1 areas are approximate, derived by "
    "sahelwatch from GeoNames places (CC BY 4.0, geonames.org): they are not official boundaries."
)


def report_stem(interval: Interval) -> str:
    if interval == Interval.for_day(interval.start.date()):
        return f"sahelwatch-report-{interval.start.date().isoformat()}"
    return f"sahelwatch-report-{interval.slug}"


def _atomic(path: Path, write: Callable[[Path], object]) -> Path:
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        write(partial)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def registry_names() -> dict[str, str]:
    """Source ids to outlet names from the configured registry; empty when it cannot be read."""
    try:
        from sahelwatch.config import load_settings
        from sahelwatch.sources.registry import load_registry

        return {source.id: source.name for source in load_registry(load_settings().sources_file)}
    except Exception as exc:  # noqa: BLE001 - names are a nicety: the report still names sources by id
        log.warning("source names unavailable (%s); the report shows source ids", exc)
        return {}


def top_incidents(incidents: list[MartsIncident], limit: int = TOP_INCIDENTS) -> list[MartsIncident]:
    return sorted(incidents, key=lambda i: i.severity)[:limit]


def write_report(
    conn: psycopg.Connection,
    interval: Interval,
    out_dir: Path,
    *,
    silent_days: int = SILENT_DAYS,
    source_names: dict[str, str] | None = None,
    png: bool = True,
    boundaries: Boundaries | None = None,
) -> Path:
    """Write the interval's report into `out_dir` (created if missing) and return the HTML file's path.

    Reads only marts (incidents, incident_sources, supporting_reports, source_runs), so an analyst login can write
    reports; writes nothing to the warehouse. `png=False` skips the PNG copies of the figures."""
    out_dir = Path(out_dir)
    data = load_report_data(conn, interval)
    boundaries = boundaries or load_boundaries()
    names = registry_names() if source_names is None else source_names
    stem = report_stem(interval)

    top = {window.key: top_incidents(data.incidents_in(window)) for window in data.windows}
    bbox = map_bbox(data.incidents)
    maps = {}
    for window in data.windows:
        links = {i.incident_id: "#" + anchor(window, i) for i in top[window.key]}
        maps[window.key] = map_scene(
            boundaries, data.incidents_in(window), window, bbox, f"map-{window.key}", links=links
        )
    trend = trend_scene(data.incidents, data.windows[-1], data.window("7d"), data.window("day"), "trend")
    silent = silent_sources(data.source_runs, interval.end, days=silent_days)

    out_dir.mkdir(parents=True, exist_ok=True)  # only now: a report that fails before this leaves no folder
    if png:
        for key, scene in maps.items():
            _atomic(out_dir / f"{stem}-map-{key}.png", scene.to_png)
        _atomic(out_dir / f"{stem}-trend.png", trend.to_png)
    html = render_page(data, Figures(maps, trend), top, silent, names, silent_days, ATTRIBUTION)
    path = _atomic(out_dir / f"{stem}.html", lambda p: p.write_text(html, encoding="utf-8"))
    log.info(
        "report for %s: %s (%d incidents in 30 days, %d silent sources)",
        interval.slug,
        path,
        len(data.incidents),
        len(silent),
    )
    return path
