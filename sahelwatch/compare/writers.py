"""The comparison as CSV files in --out: the three groups and the rows that could not be read.

- ``matched.csv``: one row per pair, our incident and their event side by side, with the rule that matched them;
- ``only_ours.csv`` and ``only_theirs.csv``: the events of one side that the other lacks;
- ``unreadable_rows.csv``: every row of the outside file that could not be read, with its line and the reason;
- ``compare.html``: the offline page (sahelwatch.compare.page).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sahelwatch.compare.model import FACTS, Event
from sahelwatch.compare.page import write_page
from sahelwatch.compare.rules import Pair
from sahelwatch.compare.run import Comparison
from sahelwatch.compare.summary import lead_days

EVENT_COLUMNS = ("event_id", "event_date", "event_date_last", *FACTS, "reported_at", "line")
PAIR_COLUMNS = (
    ("match_rule", "distance_km", "days_apart", "lead_days")
    + tuple(f"ours_{c}" for c in EVENT_COLUMNS if c != "line")
    + tuple(f"theirs_{c}" for c in EVENT_COLUMNS)
)
ERROR_COLUMNS = ("line", "reason", "text")
FILES = {
    "matched": "matched.csv",
    "only_ours": "only_ours.csv",
    "only_theirs": "only_theirs.csv",
    "unreadable": "unreadable_rows.csv",
    "page": "compare.html",
}


def event_values(event: Event, with_line: bool = True) -> list[Any]:
    reported_at = event.reported_at.isoformat() if event.reported_at else None
    values = [event.event_id, event.first, event.last, *(getattr(event, name) for name in FACTS), reported_at]
    return values + [event.row] if with_line else values


def pair_values(pair: Pair) -> list[Any]:
    distance = round(pair.distance_km, 1) if pair.distance_km is not None else None
    return (
        [pair.rule, distance, pair.days, lead_days(pair)]
        + event_values(pair.ours, with_line=False)
        + event_values(pair.theirs)
    )


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    return path


def write_csvs(comparison: Comparison, out_dir: Path) -> dict[str, Path]:
    matching = comparison.matching
    return {
        "matched": _write(out_dir / FILES["matched"], PAIR_COLUMNS, map(pair_values, matching.pairs)),
        "only_ours": _write(out_dir / FILES["only_ours"], EVENT_COLUMNS, (event_values(e) for e in matching.only_ours)),
        "only_theirs": _write(
            out_dir / FILES["only_theirs"], EVENT_COLUMNS, (event_values(e) for e in matching.only_theirs)
        ),
        "unreadable": _write(
            out_dir / FILES["unreadable"],
            ERROR_COLUMNS,
            ((e.line, e.reason, e.text) for e in comparison.outside.errors),
        ),
    }


def write_all(comparison: Comparison, out_dir: Path) -> dict[str, Path]:
    """Every file of the comparison into out_dir (created if missing); existing files of the same names replaced."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = write_csvs(comparison, out_dir)
    files["page"] = write_page(comparison, out_dir / FILES["page"])
    return files
