"""The whole audit: read the outside file, select the same period and countries on both sides, match, summarise."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import psycopg

from sahelwatch.compare.acled import read_acled
from sahelwatch.compare.layouts import ACLED, UCDP
from sahelwatch.compare.matcher import Matching, match
from sahelwatch.compare.model import Event, OutsideFile
from sahelwatch.compare.ours import read_ours
from sahelwatch.compare.summary import DIMENSIONS, Agreement, GroupRow, LeadTime, agreement, breakdown, lead_time
from sahelwatch.compare.ucdp import read_ucdp
from sahelwatch.export.query import ExportFilter
from sahelwatch.text import key_or_none

READERS = {ACLED: read_acled, UCDP: read_ucdp}


@dataclass(frozen=True)
class Comparison:
    """Everything a comparison reports: the file read, the period and countries compared, the three groups, the
    events of the file left out (outside the period or the countries) and the summaries."""

    path: Path
    outside: OutsideFile
    start: date | None
    end: date | None
    countries: tuple[str, ...]
    left_out: int
    matching: Matching
    groups: dict[str, list[GroupRow]]
    agreement: Agreement
    lead: LeadTime


def read_outside(dataset: str, path: Path) -> OutsideFile:
    """UnrecognisedFile (layouts) when the file is not an export of `dataset`."""
    return READERS[dataset](path)


def _selected(event: Event, start: date | None, end: date | None, countries: set[str | None]) -> bool:
    if start and event.last < start or end and event.first > end:
        return False
    return not countries or key_or_none(event.country) in countries


def compare(conn: psycopg.Connection, outside: OutsideFile, path: Path, selection: ExportFilter) -> Comparison:
    """Compare the outside events with our incidents. Without --start/--end the period is the file's own (its first
    to its last event date), so a file of one month is compared with that month of the warehouse."""
    selection = selection.resolved(conn)
    if outside.events and (selection.start is None or selection.end is None):
        selection = replace(
            selection,
            start=selection.start or min(e.first for e in outside.events),
            end=selection.end or max(e.last for e in outside.events),
        )
    countries = {key_or_none(name) for name in selection.countries}
    theirs = [e for e in outside.events if _selected(e, selection.start, selection.end, countries)]
    ours = read_ours(conn, selection) if outside.events else []
    matching = match(ours, theirs)
    return Comparison(
        path,
        outside,
        selection.start,
        selection.end,
        selection.countries,
        len(outside.events) - len(theirs),
        matching,
        {name: breakdown(matching, name) for name in DIMENSIONS},
        agreement(matching.pairs),
        lead_time(matching.pairs),
    )
