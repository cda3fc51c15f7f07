"""The readers: both ACLED layouts and UCDP's, columns by name, unreadable rows listed, unknown files refused."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sahelwatch.compare.acled import read_acled
from sahelwatch.compare.layouts import ACLED_REQUIRED, UCDP_REQUIRED, UnrecognisedFile
from sahelwatch.compare.ucdp import read_ucdp

from .conftest import ACLED_API, ACLED_CLASSIC, UCDP_GED


def test_both_acled_layouts_give_the_same_events() -> None:
    api, classic = read_acled(ACLED_API), read_acled(ACLED_CLASSIC)
    assert (api.layout, classic.layout) == ("ACLED API", "ACLED classic")
    assert len(classic.events) == 7 and not classic.errors
    assert [e.__dict__ | {"row": None} for e in api.events] == [e.__dict__ | {"row": None} for e in classic.events]
    dioura = api.events[0]
    assert (dioura.event_id, dioura.first, dioura.event_type, dioura.fatalities) == (
        "MLI9001",
        date(2025, 6, 1),
        "Battles",
        13,
    )
    assert dioura.reported_at == datetime(2025, 6, 9, 7, 30, tzinfo=UTC)


def test_unreadable_rows_are_counted_and_listed() -> None:
    api = read_acled(ACLED_API)
    assert api.rows == 9 and len(api.events) == 7
    assert [(e.line, e.reason.split(" ")[0]) for e in api.errors] == [(9, "event_date"), (10, "5")]
    assert "2025-06-31" in api.errors[0].reason and "header has 31" in api.errors[1].reason


def rewrite(source: Path, target: Path, delimiter: str = ",", reverse: bool = False, upper: bool = False) -> Path:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle) if len(row) > 10]
    if reverse:
        rows = [row[::-1] for row in rows]
    if upper:
        rows[0] = [name.upper() for name in rows[0]]
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return target


def test_columns_are_found_by_name_in_any_order_case_or_delimiter(tmp_path: Path) -> None:
    expected = [(e.event_id, e.first, e.latitude) for e in read_acled(ACLED_API).events]
    for name, options in {"reversed": {"reverse": True}, "semicolons": {"delimiter": ";", "upper": True}}.items():
        result = read_acled(rewrite(ACLED_API, tmp_path / f"{name}.csv", **options))
        assert [(e.event_id, e.first, e.latitude) for e in result.events] == expected, name
        assert len(result.errors) == 1  # the impossible date; the cut row was left out of the copy


def test_ucdp_types_and_precisions_in_acled_terms() -> None:
    ged = read_ucdp(UCDP_GED)
    assert ged.layout == "UCDP GED/Candidate" and ged.rows == 5
    by_id = {e.event_id: e for e in ged.events}
    assert by_id["990001"].event_type == "Battles" and by_id["990001"].geo_precision == 2  # state-based, admin2
    assert by_id["990002"].event_type == "Violence against civilians"  # one-sided
    assert by_id["990003"].event_type == "Battles" and by_id["990003"].time_precision == 2  # non-state, 2 days
    assert (by_id["990003"].first, by_id["990003"].last) == (date(2025, 6, 1), date(2025, 6, 2))
    assert by_id["990001"].actor1 == "Government of Mali" and by_id["990001"].fatalities == 14
    assert all(e.reported_at is None for e in ged.events)
    assert [(e.line, e.reason) for e in ged.errors] == [(6, "type_of_violence '4' is not 1, 2 or 3")]


@pytest.mark.parametrize(
    ("reader", "other", "required"), [(read_acled, UCDP_GED, ACLED_REQUIRED), (read_ucdp, ACLED_API, UCDP_REQUIRED)]
)
def test_the_other_dataset_is_refused_with_the_columns_expected(reader, other: Path, required) -> None:  # noqa: ANN001
    with pytest.raises(UnrecognisedFile) as refused:
        reader(other)
    message = str(refused.value)
    assert all(name in message for name in required) and "missing" in message
    assert "give it with --" in message


@pytest.mark.parametrize(
    "content",
    [b"", b"name,date\nDioura,2025-06-01\n", b"\xff\xfe\x00garbage\x00"],
    ids=["empty", "other columns", "not text"],
)
def test_malformed_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(UnrecognisedFile, match="expected .*event_id_cnty, event_date, event_type"):
        read_acled(path)


def test_the_acled_package_s_records_saved_as_csv(tmp_path: Path) -> None:
    """The `acled` package's AcledEvent has the API's field names, with dates and timestamps as ISO text."""
    path = tmp_path / "from-package.csv"
    with ACLED_API.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["event_id_cnty"] == "MLI9001"]
    rows[0]["timestamp"] = "2025-06-09 07:30:00"
    rows[0]["event_date"] = "2025-06-01T00:00:00"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (event,) = read_acled(path).events
    assert event.first == date(2025, 6, 1) and event.reported_at == datetime(2025, 6, 9, 7, 30, tzinfo=UTC)
