"""The whole comparison against a real warehouse: the three groups, the breakdowns, agreement, lead time, CSVs."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import psycopg
import pytest

from sahelwatch.compare.run import Comparison, compare, read_outside
from sahelwatch.compare.summary import GroupRow
from sahelwatch.compare.writers import write_all
from sahelwatch.export.query import ExportFilter

from .conftest import ACLED_API, ACLED_CLASSIC, UCDP_GED

DIOURA, BOURZANGA, TILLIA, BANI_BANGOU, BER, NIAMEY_PROTEST = (
    "83942a29c231b22e",
    "4220a4334078f916",
    "d4302b02b3009227",
    "57aa6b4c296898bd",
    "19757bab14b401fa",
    "c0ffee0000000001",
)


def run(conn: psycopg.Connection, dataset: str, path: Path, selection: ExportFilter = ExportFilter()) -> Comparison:
    return compare(conn, read_outside(dataset, path), path, selection)


def ids(events) -> set[str]:  # noqa: ANN001
    return {e.event_id for e in events}


@pytest.mark.parametrize("path", [ACLED_API, ACLED_CLASSIC], ids=["api", "classic"])
def test_acled_groups(warehouse: psycopg.Connection, path: Path) -> None:
    result = run(warehouse, "ACLED", path)
    assert (result.start, result.end) == (date(2025, 5, 27), date(2025, 6, 2))  # the file's own period
    pairs = {(p.ours.event_id, p.theirs.event_id, p.rule, p.days) for p in result.matching.pairs}
    assert pairs == {
        (DIOURA, "MLI9001", "distance", 0),  # 24.9 km north
        (BANI_BANGOU, "NER9003", "distance", 1),  # one day later
        (TILLIA, "NER9006", "distance", 0),
    }  # ours near-town (2), theirs the town: 0 km
    assert ids(result.matching.only_ours) == {BOURZANGA, BER, NIAMEY_PROTEST}  # the 20 May incident is outside
    # 25.1 km away; two days apart; Battles against a protest; nothing of ours in Menaka
    assert ids(result.matching.only_theirs) == {"BFA9002", "MLI9004", "NER9005", "MLI9007"}
    assert result.left_out == 0


def test_acled_breakdowns_agreement_and_lead_time(warehouse: psycopg.Connection) -> None:
    result = run(warehouse, "ACLED", ACLED_API)
    assert result.groups["country"] == [
        GroupRow("Mali", 1, 1, 2),
        GroupRow("Niger", 2, 1, 1),
        GroupRow("Burkina Faso", 0, 1, 1),
    ]
    assert GroupRow("Niamey, Niger", 0, 1, 1) in result.groups["admin1"]
    assert result.groups["month"] == [GroupRow("2025-05", 1, 2, 2), GroupRow("2025-06", 2, 1, 2)]
    assert {r.value: (r.matched, r.only_ours, r.only_theirs) for r in result.groups["event type"]} == {
        "Battles": (2, 0, 1),
        "Violence against civilians": (1, 1, 2),
        "Explosions/Remote violence": (0, 1, 1),
        "Protests": (0, 1, 0),
    }
    agree = result.agreement
    assert (agree.pairs, agree.same_type, agree.same_actors) == (3, 3, 3)
    # 12 vs 13 (within 10 %), 20 vs 20, 0 vs 0
    assert (agree.fatalities_compared, agree.fatalities_exact, agree.fatalities_within) == (3, 2, 3)
    assert agree.fatalities_median_difference == 0
    # our first reports against ACLED's timestamps: 7 days (Dioura), 8 (Bani Bangou), 3 (Tillia)
    assert (result.lead.compared, result.lead.earlier, result.lead.median_days) == (3, 3, 7.0)
    assert (result.lead.min_days, result.lead.max_days) == (3.0, 8.0)


def test_ucdp_groups(warehouse: psycopg.Connection) -> None:
    result = run(warehouse, "UCDP", UCDP_GED)
    pairs = {(p.ours.event_id, p.theirs.event_id, p.rule) for p in result.matching.pairs}
    assert pairs == {
        (DIOURA, "990001", "admin2"),  # UCDP locates it by the cercle only, 52 km away
        (BOURZANGA, "990002", "distance"),  # one-sided violence = Violence against civilians
        (BANI_BANGOU, "990003", "distance"),
    }  # non-state = Battles, a two-day span
    assert ids(result.matching.only_ours) == {TILLIA, NIAMEY_PROTEST}  # Ber (29 May) is before the file's period
    assert ids(result.matching.only_theirs) == {"990004"}
    assert len(result.outside.errors) == 1
    agree = result.agreement
    assert (agree.same_type, agree.same_actors, agree.fatalities_exact, agree.fatalities_within) == (3, 0, 1, 2)
    assert result.lead.compared == 0


def test_period_and_country_restrict_both_sides(warehouse: psycopg.Connection) -> None:
    result = run(warehouse, "ACLED", ACLED_API, ExportFilter(date(2025, 5, 31), date(2025, 6, 1), ("burkina",)))
    assert result.countries == ("Burkina Faso",)
    assert not result.matching.pairs
    assert ids(result.matching.only_ours) == {BOURZANGA} and ids(result.matching.only_theirs) == {"BFA9002"}
    assert result.left_out == 6


def test_csv_files_hold_the_three_groups_and_the_unreadable_rows(warehouse: psycopg.Connection, tmp_path: Path) -> None:
    files = write_all(run(warehouse, "ACLED", ACLED_API), tmp_path / "out")

    def rows(name: str) -> list[dict[str, str]]:
        with files[name].open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    matched = rows("matched")
    assert {(r["ours_event_id"], r["theirs_event_id"]) for r in matched} == {
        (DIOURA, "MLI9001"),
        (BANI_BANGOU, "NER9003"),
        (TILLIA, "NER9006"),
    }
    dioura = next(r for r in matched if r["theirs_event_id"] == "MLI9001")
    assert (dioura["match_rule"], dioura["distance_km"], dioura["days_apart"], dioura["lead_days"]) == (
        "distance",
        "24.9",
        "0",
        "7.0",
    )
    assert len(rows("only_ours")) == 3 and len(rows("only_theirs")) == 4
    assert [(r["line"], r["reason"][:10]) for r in rows("unreadable")] == [("9", "event_date"), ("10", "5 fields w")]
    assert files["page"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
