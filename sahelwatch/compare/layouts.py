"""Which export a file is, from its header: ACLED's classic layout, ACLED's API layout, or UCDP GED / Candidate.

Columns are found by name, in any order and any case, never by position. A file whose header lacks a column that
matching needs is refused (`UnrecognisedFile`) with the columns expected, before any row is read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

# What matching needs from each dataset; the other columns used are optional (blank when absent).
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "country", "latitude", "longitude", "fatalities")
ACLED_OPTIONAL = ("time_precision", "actor1", "actor2", "admin1", "admin2", "location", "geo_precision", "timestamp")
# Columns only the classic layout (analysts' older downloads: "01 June 2025" dates) has, and only the API layout
# (and the `acled` package's AcledEvent fields, which are the API's names) has.
ACLED_CLASSIC_MARKERS = ("data_id", "event_id_no_cnty")
ACLED_API_MARKERS = ("disorder_type", "civilian_targeting", "tags")
UCDP_REQUIRED = ("id", "date_start", "date_end", "type_of_violence", "country", "latitude", "longitude", "best")
UCDP_OPTIONAL = ("side_a", "side_b", "adm_1", "adm_2", "where_coordinates", "where_prec", "date_prec")
DELIMITERS = ",;\t"  # exports saved by spreadsheets in French or German locales use ';'
SNIFF_BYTES = 64 * 1024

ACLED = "ACLED"
UCDP = "UCDP"
REQUIRED = {ACLED: ACLED_REQUIRED, UCDP: UCDP_REQUIRED}


class UnrecognisedFile(ValueError):
    """The file is not an export of the dataset named: the message names the columns expected and those missing."""


@dataclass(frozen=True)
class Table:
    """An opened export: its layout's name, the position of each known column, the rows after the header (with their
    line numbers) and the header's width."""

    layout: str
    columns: dict[str, int]
    width: int
    rows: Iterator[tuple[int, list[str]]]


def _expected(dataset: str) -> str:
    return ", ".join(REQUIRED[dataset])


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """The header's delimiter; quotes as every spreadsheet and ACLED's exports write them ("" inside a quoted
    field), which a header without quotes cannot show the sniffer: it guessed no doubling, and a row whose notes or
    actor held a quote was cut into one field too many."""
    try:
        dialect = csv.Sniffer().sniff(sample.partition("\n")[0], delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel
    dialect.doublequote = True
    return dialect


def layout_of(dataset: str, header: Sequence[str]) -> str:
    """ "ACLED classic", "ACLED API" or "UCDP GED/Candidate"; UnrecognisedFile when a required column is missing."""
    names = {name.strip().lower() for name in header}
    missing = [name for name in REQUIRED[dataset] if name not in names]
    if missing:
        other = UCDP if dataset == ACLED else ACLED
        hint = (
            f"; it looks like a {other} export: give it with --{other.lower()}"
            if all(name in names for name in REQUIRED[other])
            else ""
        )
        raise UnrecognisedFile(
            f"not an {dataset} export: column(s) {', '.join(missing)} missing; expected at least "
            f"{_expected(dataset)} (found {', '.join(header[:12]) or 'no header'}){hint}"
        )
    if dataset == UCDP:
        return "UCDP GED/Candidate"
    if any(name in names for name in ACLED_CLASSIC_MARKERS):
        return "ACLED classic"
    return "ACLED API"


def open_table(dataset: str, path: Path) -> Table:
    """The file's header checked and its rows ready to read. UnrecognisedFile for a file that is empty, not UTF-8
    text, or lacks a required column."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        sample = handle.read(SNIFF_BYTES)
        handle.seek(0)
    except UnicodeDecodeError as exc:
        raise UnrecognisedFile(
            f"not an {dataset} export: not UTF-8 text ({exc.reason} at byte {exc.start}); "
            f"expected a CSV with the columns {_expected(dataset)}"
        ) from exc
    reader = csv.reader(handle, _dialect(sample))
    try:
        header = next(reader, None)
        if not header:
            raise UnrecognisedFile(
                f"not an {dataset} export: the file is empty; expected a CSV with the columns {_expected(dataset)}"
            )
        layout = layout_of(dataset, header)
    except (UnrecognisedFile, csv.Error) as exc:
        handle.close()
        if isinstance(exc, csv.Error):
            raise UnrecognisedFile(
                f"not an {dataset} export: its header cannot be read as CSV ({exc}); expected "
                f"the columns {_expected(dataset)}"
            ) from exc
        raise
    columns: dict[str, int] = {}
    for position, name in enumerate(header):
        columns.setdefault(name.strip().lower(), position)
    return Table(layout, columns, len(header), _numbered(reader, handle))


class _CsvRows(Protocol):
    """What csv.reader returns: rows, and the file line read up to."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...


def _numbered(reader: _CsvRows, handle: IO[str]) -> Iterator[tuple[int, list[str]]]:
    """Rows with the file line they start on (the header is line 1); blank lines are skipped, as csv does."""
    try:
        for row in reader:
            if row:
                yield reader.line_num, row
    except (csv.Error, UnicodeDecodeError) as exc:
        raise UnrecognisedFile(f"the file cannot be read as CSV after line {reader.line_num}: {exc}") from exc
    finally:
        handle.close()


class Row:
    """One data row, its fields looked up by column name (blank when the layout lacks the column)."""

    def __init__(self, table: Table, values: list[str]) -> None:
        self.table, self.values = table, values

    def get(self, name: str) -> str:
        position = self.table.columns.get(name)
        if position is None or position >= len(self.values):
            return ""
        return self.values[position].strip()
