"""Property: the ACLED and UCDP readers of `sahelwatch compare` take any rows under a valid header. A row that
cannot be read (a wrong field count, an unknown event type or type of violence, an unreadable or absurd date,
coordinates out of range, a negative or fractional toll, a blank country) is listed alone with a one-line reason and
its line; every good row becomes an event, hostile text in its names kept; the reader never raises. 200 cases per
dataset, pure functions of a file."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sahelwatch.compare.acled import read_acled
from sahelwatch.compare.layouts import ACLED_OPTIONAL, ACLED_REQUIRED, UCDP_OPTIONAL, UCDP_REQUIRED
from sahelwatch.compare.ucdp import read_ucdp
from sahelwatch.fuse.match import EVENT_TYPES

from .properties import EXAMPLES, HOSTILE_TEXT, PROPERTY, ran, report

ACLED_HEADER = (*ACLED_REQUIRED, *ACLED_OPTIONAL, "disorder_type")
UCDP_HEADER = (*UCDP_REQUIRED, *UCDP_OPTIONAL)
LATEST = datetime.now(UTC).date() + timedelta(days=1)
# Text of one CSV line (written as UTF-8: no lone surrogate; no CR or LF, which a spreadsheet would quote onto a
# second line; the csv module quotes delimiters and quotes).
NAME = HOSTILE_TEXT.map(
    lambda t: t.encode("utf-8", "replace").decode("utf-8").replace("\x00", "").replace("\r", " ").replace("\n", " ")
)
ABSURD_DAY = st.sampled_from(
    [
        "9999-12-31",
        "1989-12-31",
        "0001-01-01",
        f"{LATEST + timedelta(days=2)}",
        "31 December 9999",
        "2099-06-01 00:00:00",
    ]
)


def _acled_good(n: int, draw: st.DrawFn) -> dict[str, str]:
    return {
        "event_id_cnty": f"MLI{n}",
        "event_date": "2025-06-01",
        "event_type": "Battles",
        "country": "Mali",
        "latitude": "14.1",
        "longitude": "-4.2",
        "fatalities": "3",
        "actor1": draw(NAME),
        "actor2": draw(NAME),
        "admin1": draw(NAME),
        "location": draw(NAME),
        "time_precision": "1",
        "geo_precision": "1",
        "timestamp": "1748736000",
        "disorder_type": draw(NAME),
    }


def _ucdp_good(n: int, draw: st.DrawFn) -> dict[str, str]:
    return {
        "id": f"{n}",
        "date_start": "2025-06-01",
        "date_end": "2025-06-02",
        "type_of_violence": "1",
        "country": "Mali",
        "latitude": "14.1",
        "longitude": "-4.2",
        "best": "3",
        "side_a": draw(NAME),
        "side_b": draw(NAME),
        "adm_1": draw(NAME),
        "where_coordinates": draw(NAME),
        "where_prec": "1",
        "date_prec": "1",
    }


ACLED_BREAKS = {
    "event_type": NAME.filter(lambda t: t.strip() not in EVENT_TYPES),
    "event_date": st.one_of(NAME, ABSURD_DAY),
    "latitude": st.sampled_from(["91", "-90.5", "nan", "inf", "north", "1e999"]),
    "fatalities": st.sampled_from(["-1", "2.5", "many", "1e999", "nan"]),
    "country": st.sampled_from(["", "   "]),
    "time_precision": st.sampled_from(["0", "-2", "x"]),
}
UCDP_BREAKS = {
    "type_of_violence": st.sampled_from(["0", "4", "x", "", "1.5"]),
    "date_start": st.one_of(NAME, ABSURD_DAY),
    "date_end": st.sampled_from(["2025-05-01", "9999-12-31"]),
    "longitude": st.sampled_from(["181", "-180.01", "east", "inf"]),
    "best": st.sampled_from(["-1", "2.5", "lots"]),
    "where_prec": st.sampled_from(["0", "8", "x"]),
    "date_prec": st.sampled_from(["0", "6"]),
    "country": st.sampled_from(["", " "]),
}


@st.composite
def export(draw: st.DrawFn, header: tuple[str, ...], good: object, breaks: dict) -> tuple[str, set[int], set[str]]:
    """CSV text, the file lines of the rows that must be listed as errors, the ids of the rows that must be read."""
    rows: list[tuple[str, dict[str, str] | list[str]]] = []
    ids = set()
    for n in range(draw(st.integers(1, 4))):
        row = good(n, draw)  # type: ignore[operator]
        ids.add(row.get("event_id_cnty") or row.get("id"))
        rows.append(("good", row))
    for n in range(draw(st.integers(0, 4))):
        row = good(100 + n, draw)  # type: ignore[operator]
        if draw(st.booleans()):
            field = draw(st.sampled_from(sorted(breaks)))
            row[field] = draw(breaks[field])
            rows.append(("bad", row))
        else:  # a row with a field too many or too few
            values = [row.get(name, "") for name in header]
            rows.append(("bad", values + [draw(NAME)] if draw(st.booleans()) else values[:-1]))
    rows = draw(st.permutations(rows))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    bad_lines = set()
    for kind, row in rows:
        values = row if isinstance(row, list) else [row.get(name, "") for name in header]
        before = buffer.getvalue().count("\n")
        writer.writerow(values)
        if kind == "bad":
            bad_lines.add(before + 1)  # the line the row starts on (quoted newlines make rows span lines)
    return buffer.getvalue(), bad_lines, ids


def _check(outside, bad_lines: set[int], ids: set[str]) -> None:  # noqa: ANN001
    assert {error.line for error in outside.errors} == bad_lines
    assert all("\n" not in error.reason for error in outside.errors)
    assert {event.event_id for event in outside.events} == ids
    for event in outside.events:
        assert event.first.year >= 1990 and event.last <= LATEST
    assert outside.rows == len(bad_lines) + len(ids)


@PROPERTY
@given(case=export(ACLED_HEADER, _acled_good, ACLED_BREAKS))
def test_an_acled_export_lists_bad_rows_alone_and_reads_every_good_one(case, tmp_path: Path) -> None:
    ran("compare: ACLED rows")
    text, bad_lines, ids = case
    path = tmp_path / "acled.csv"
    path.write_text(text, encoding="utf-8")
    _check(read_acled(path), bad_lines, ids)


@PROPERTY
@given(case=export(UCDP_HEADER, _ucdp_good, UCDP_BREAKS))
def test_a_ucdp_export_lists_bad_rows_alone_and_reads_every_good_one(case, tmp_path: Path) -> None:
    ran("compare: UCDP rows")
    text, bad_lines, ids = case
    path = tmp_path / "ucdp.csv"
    path.write_text(text, encoding="utf-8")
    _check(read_ucdp(path), bad_lines, ids)


def test_property_case_counts() -> None:
    for name in ("compare: ACLED rows", "compare: UCDP rows"):
        assert report(name) in (0, *range(EXAMPLES, 10 * EXAMPLES))
