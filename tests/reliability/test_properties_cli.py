"""Property: the CLI's day and filter arguments take any text. A day is accepted only as YYYY-MM-DD within
1990-01-01 .. tomorrow, anything else is bad usage (exit 2, the reason on one line); filter and free-text values,
lone surrogates from undecodable argument bytes included, reach the warehouse's query without failing it.

The parser and the export query take the generated cases (200 per property); a few subprocess cases run the real
command with undecodable bytes in its arguments."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahelwatch.cli.common import iso_day
from sahelwatch.cli.main import build_parser
from sahelwatch.config import REPO_ROOT
from sahelwatch.export.query import ExportFilter, export_query

from .properties import EXAMPLES, HOSTILE_TEXT, PROPERTY, ran, report

EARLIEST = date(1990, 1, 1)
PARSER = build_parser()
DAY_TEXT = st.one_of(
    st.dates().map(date.isoformat),
    HOSTILE_TEXT,
    st.sampled_from(
        [
            "9999-12-31",
            "1989-12-31",
            "1990-01-01",
            "0001-01-01",
            "2025-02-29",
            "2025-13-01",
            "02/06/2025",
            "yesterday",
            "2025-06-02T00:00",
            "20250602",
            " 2025-06-02",
            "２０２５-０６-０２",
            "-2025-06-02",
            "2025-06-02\x00",
        ]
    ),
)
DAY_OPTIONS = (
    ("run", "--date"),
    ("run", "--end-date"),
    ("report", "--date"),
    ("export", "--start"),
    ("export", "--end"),
)


def _latest() -> date:
    return datetime.now(UTC).date() + timedelta(days=1)


def _expected(text: str) -> date | None:
    """The oracle: the day the text names when it is an ISO day in range, else None."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if EARLIEST <= day <= _latest() else None


def _parse(argv: list[str]) -> tuple[argparse.Namespace | None, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            return PARSER.parse_args(argv), err.getvalue()
        except SystemExit as exit_:
            assert exit_.code == 2
            return None, err.getvalue()


@PROPERTY
@given(text=DAY_TEXT, option=st.sampled_from(DAY_OPTIONS))
def test_a_day_argument_is_a_day_in_range_or_usage(text: str, option: tuple[str, str]) -> None:
    ran("cli: day arguments")
    command, flag = option
    extra = ["--format", "csv", "--out", "x.csv"] if command == "export" else []
    extra += ["--date", "2025-06-01"] if flag == "--end-date" else []
    args, err = _parse([command, *extra, f"{flag}={text}"])
    expected = _expected(text)
    if expected is None:
        assert args is None
        error = [line for line in err.splitlines() if ": error: " in line]
        assert len(error) == 1 and f"argument {flag}" in error[0]
        with pytest.raises(argparse.ArgumentTypeError):
            iso_day(text)
    else:
        assert args is not None and getattr(args, flag.lstrip("-").replace("-", "_")) == expected


FILTER_TEXT = st.one_of(
    HOSTILE_TEXT,
    st.sampled_from(
        [
            "Mali,Niger",
            ",,,",
            "BFA",
            "battles",
            "Burkina",
            "mali",
            "Violence against civilians",
            "'; drop table x; --",
            "\ud800",
            "a\udcffb",
            "Mali\u202e",
            "Côte d'Ivoire",
        ]
    ),
)


@PROPERTY
@given(countries=st.lists(FILTER_TEXT, max_size=3), types=st.lists(FILTER_TEXT, max_size=3))
def test_filter_values_of_any_text_are_known_or_usage_and_never_fail_the_query(
    countries: list[str], types: list[str], conn: psycopg.Connection
) -> None:
    """Each value is a known country or event type, and the export query runs on the real warehouse with it; or
    it is unknown, which the CLI reports as usage (exit 2) in one line listing the valid values."""
    from sahelwatch.cli.common import listed_values as _values
    from sahelwatch.export.vocabulary import UnknownValue

    ran("cli: filter arguments")
    argv = ["export", "--format", "csv", "--out", "x.csv"]
    argv += [f"--country={value}" for value in countries] + [f"--event-type={value}" for value in types]
    args, err = _parse(argv)
    assert args is not None, err
    for value in [*_values(args.country), *_values(args.event_type)]:
        value.encode("utf-8")  # raises on a lone surrogate
        assert "\x00" not in value
    try:
        selection = ExportFilter(None, None, _values(args.country), _values(args.event_type)).resolved(conn)
    except UnknownValue as exc:
        assert "\n" not in str(exc) and str(exc).startswith("unknown --")
        str(exc).encode("utf-8")
        conn.rollback()
        return
    query, params = export_query(selection)
    conn.execute(query, params).fetchall()  # the warehouse takes it: no UnicodeEncodeError, no DataError
    conn.rollback()


def test_property_case_counts() -> None:
    for name in ("cli: day arguments", "cli: filter arguments"):
        assert report(name) in (0, *range(EXAMPLES, 10 * EXAMPLES))


# --- the real command, with bytes that are not UTF-8 in its arguments ---------------------------------------------

SAHELWATCH = os.fsencode(REPO_ROOT / "bin" / "sahelwatch")


def _cli(*argv: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [SAHELWATCH, *argv], capture_output=True, timeout=300, check=False, env={**os.environ, "LC_ALL": "C.UTF-8"}
    )


def test_undecodable_filter_and_id_bytes_do_not_fail_the_command(database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    done = _cli(
        b"export",
        b"--format",
        b"csv",
        b"--out",
        os.fsencode(out),
        b"--country",
        b"Mali",
        b"--event-type",
        b"\xfe\xfeBattles",
    )
    assert done.returncode == 0, done.stderr  # the vocabulary reads the value around the U+FFFD: Battles
    assert done.stdout.startswith(b"exported 0 incident(s)") and out.exists()
    done = _cli(b"export", b"--format", b"csv", b"--out", os.fsencode(out) + b"2", b"--country", b"\xff\xfe")
    assert done.returncode == 2 and done.stderr.startswith("error: unknown --country value '\ufffd\ufffd'".encode())
    assert done.stderr.count(b"\n") == 1 and not Path(os.fsdecode(os.fsencode(out) + b"2")).exists()
    done = _cli(b"review", b"exclude", b"--report-id", b"r\xff1", b"--reason", b"retracted", b"--note", b"\xc3")
    assert done.returncode == 1 and done.stderr.startswith("error: no report 'r\ufffd1' in the warehouse".encode())


def test_days_outside_the_range_are_usage_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    for argv in (
        [b"export", b"--format", b"csv", b"--out", os.fsencode(out), b"--start", b"1989-12-31"],
        [b"run", b"--date", b"9999-12-31"],
        [b"report", b"--date", b"2025-06-02", b"--end-date", str(_latest() + timedelta(days=1)).encode()],
    ):
        done = _cli(*argv)
        assert done.returncode == 2, done.stderr
        error = done.stderr.decode().splitlines()[-1]
        assert "is before 1990" in error or "is in the future" in error
    assert list(tmp_path.iterdir()) == []
