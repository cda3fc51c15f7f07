"""`sahelwatch review`: an analyst excludes a retracted report, sees the incident it changed, and restores it."""

from __future__ import annotations

import psycopg
import pytest

from sahelwatch.cli.main import main

RETRACTED = "maliweb-0603-dioura"
DIOURA = (
    "select incident_id, source_count, fatalities_high from marts.incidents where admin1 = 'Mopti'"
    " and event_date between '2025-05-31' and '2025-06-03'"
)


def test_exclude_then_restore(fused: psycopg.Connection, capsys: pytest.CaptureFixture[str]) -> None:
    [(incident, sources, high)] = fused.execute(DIOURA).fetchall()
    assert (sources, high) == (5, 40)

    assert (
        main(
            [
                "review",
                "exclude",
                "--report-id",
                RETRACTED,
                "--reason",
                "retracted",
                "--note",
                "the outlet withdrew the 40-dead toll",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"report {RETRACTED} excluded (retracted): 1 incident(s) recomputed, 0 removed",
        f"  {incident}: sources 5 -> 4",
    ]
    assert fused.execute(DIOURA).fetchall() == [(incident, 4, 20)]

    assert main(["review", "list"]) == 0
    listed = capsys.readouterr().out
    assert RETRACTED in listed and "the outlet withdrew" in listed and "1 report(s) excluded" in listed

    assert main(["review", "restore", "--report-id", RETRACTED]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"report {RETRACTED} restored: 1 incident(s) recomputed",
        f"  {incident}: supported by the report again, 5 sources",
    ]
    assert fused.execute(DIOURA).fetchall() == [(incident, 5, 40)]

    assert main(["review", "restore", "--report-id", RETRACTED]) == 0  # again: nothing to undo
    assert "is not excluded; nothing changed" in capsys.readouterr().out


def test_excluding_the_only_source_removes_the_incident(
    fused: psycopg.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    [(incident,)] = fused.execute("select incident_id from marts.incidents where event_date = '2025-06-08'").fetchall()
    assert main(["review", "exclude", "--report-id", "echos-0609-dioura", "--reason", "not_an_incident"]) == 0
    assert f"  {incident}: removed" in capsys.readouterr().out.splitlines()
    assert fused.execute("select count(*) from marts.incidents where event_date = '2025-06-08'").fetchone()[0] == 0


@pytest.mark.parametrize("action", [["exclude", "--reason", "duplicate"], ["restore"]])
def test_unknown_report_exits_1(
    action: list[str], fused: psycopg.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fused.execute("select count(*) from staging.report_exclusions").fetchone()[0]
    assert main(["review", action[0], "--report-id", "no-such-report", *action[1:]]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no report 'no-such-report' in the warehouse;") and "report_id" in err
    assert fused.execute("select count(*) from staging.report_exclusions").fetchone()[0] == before
