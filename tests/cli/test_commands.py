"""The command line as a user meets it: help everywhere, one-line errors with exit codes scripts can rely on (1 for
failed work, 2 for bad usage), tracebacks only with -v. In-process through main(), against the test warehouse."""

from __future__ import annotations

import argparse
import os
import socket
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from sahelwatch.cli.main import build_parser, main


def _command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand of the parser, e.g. ("review", "exclude")."""
    paths = []
    for action in parser._actions:  # argparse offers no public way to walk its subcommands
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                paths += [(*prefix, name), *_command_paths(sub, (*prefix, name))]
    return paths


def test_the_walk_finds_every_command() -> None:
    paths = _command_paths(build_parser())
    assert {("run",), ("db", "migrate"), ("review", "exclude"), ("review", "restore"), ("ui",)} <= set(paths)


@pytest.mark.parametrize("path", _command_paths(build_parser()), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*path, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: sahelwatch {' '.join(path)}") and "--help" in out


@pytest.fixture
def unreachable(monkeypatch: pytest.MonkeyPatch) -> str:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://sahel:secret@127.0.0.1:{port}/warehouse"
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", url)
    return url


@pytest.mark.parametrize(
    "argv",
    [
        ["db", "migrate"],
        ["sources", "--health"],
        ["review", "list"],
        ["review", "exclude", "--report-id", "r1", "--reason", "retracted"],
        ["review", "restore", "--report-id", "r1"],
        ["report", "--date", "2025-06-02", "--no-png"],
        ["export", "--format", "csv", "--out", "{tmp}/x.csv"],
        ["run", "--date", "2025-06-02"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_unreachable_warehouse_is_one_line_and_exit_1(
    argv: list[str], unreachable: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([arg.format(tmp=tmp_path) for arg in argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach the warehouse at postgresql://sahel:***@127.0.0.1")
    assert err.count("\n") == 1 and "SAHELWATCH_DATABASE_URL" in err
    assert "secret" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--date", "2025-13-01"],
        ["run", "--date", "02/06/2025"],
        ["report", "--date", "yesterday"],
        ["export", "--format", "csv", "--out", "x.csv", "--start", "2025-6-1"],
        ["report"],
        ["review", "exclude"],
        ["review", "exclude", "--report-id", "r1", "--reason", "boring"],
        ["frobnicate"],
    ],
)
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


def test_bad_dates_say_the_expected_form(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--date", "2025-13-01"])
    assert "expected a day as YYYY-MM-DD (e.g. 2025-06-02), not '2025-13-01'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["run", "report"])
def test_a_range_that_ends_before_it_starts_exits_2(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--date", "2025-06-03", "--end-date", "2025-06-01"]) == 2
    assert capsys.readouterr().err.startswith("error: --end-date 2025-06-01 is before --date 2025-06-03")


TOMORROW = str(datetime.now(UTC).date() + timedelta(days=1))  # later days fail as arguments (sahelwatch.daybounds)


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--date", TOMORROW, "--replica"],
        ["run", "--date", "2025-06-02", "--end-date", TOMORROW],
        ["report", "--date", TOMORROW],
    ],
)
def test_a_day_after_today_exits_2_before_any_work(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Refused before the replica, the warehouse or Airflow start: one line saying which days can be given."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"error: {TOMORROW} is after today") and len(captured.err.splitlines()) == 1
    assert "replica outlets served" not in captured.out and "warehouse:" not in captured.out


def test_ui_with_the_replica_schedules_nothing_unless_asked() -> None:
    from sahelwatch.cli.ui import ui_environment

    base = {key: value for key, value in os.environ.items() if key != "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE"}
    assert ui_environment(base, 18080, 2, schedule=False)["AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE"] == "False"
    assert "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE" not in ui_environment(base, 18080, 2, schedule=True)


def test_missing_input_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot read {tmp_path / 'missing.jsonl'}: No such file") and err.count("\n") == 1


def test_invalid_registry_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = tmp_path / "sources.yaml"
    registry.write_text("sources:\n  - id: only-an-id\n", encoding="utf-8")
    monkeypatch.setenv("SAHELWATCH_SOURCES_FILE", str(registry))
    assert main(["sources"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the source registry is invalid:") and "SAHELWATCH_SOURCES_FILE" in err


def test_traceback_only_with_verbose(
    conn: psycopg.Connection, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report's file name is taken by a folder, so writing fails in the middle of the work: one line naming
    the file, or the traceback with -v."""
    page = tmp_path / "sahelwatch-report-2025-06-02.html"
    page.mkdir()
    argv = ["report", "--date", "2025-06-02", "--no-png", "--out", str(tmp_path)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Is a directory: ") and str(page) in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["-v", *argv]) == 1
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_export_over_a_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_unmigrated_warehouse_says_to_migrate(
    server_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = f"sahelwatch_cli_{uuid.uuid4().hex[:10]}"
    info = psycopg.conninfo.conninfo_to_dict(server_url)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    try:
        monkeypatch.setenv("SAHELWATCH_DATABASE_URL", psycopg.conninfo.make_conninfo(**{**info, "dbname": name}))
        assert main(["sources", "--health"]) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: the warehouse at ") and "run `sahelwatch db migrate`" in err
        assert main(["db", "migrate"]) == 0
        assert "applied" in capsys.readouterr().out
        assert main(["sources", "--health"]) == 0
        assert "0 sources crawled" in capsys.readouterr().out
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'drop database if exists "{name}" with (force)')


def test_ui_on_a_taken_port_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(["ui", "--port", str(taken.getsockname()[1])]) == 1
    assert "is taken; choose another with --port" in capsys.readouterr().err
