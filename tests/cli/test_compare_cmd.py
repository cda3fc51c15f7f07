"""`sahelwatch compare` as a user meets it: bin/sahelwatch in a subprocess against a test warehouse holding our side
(tests/fixtures/compare/warehouse.py), with the hand-made ACLED and UCDP files of tests/fixtures/compare.

It prints the rules, the three groups, the breakdowns and the unreadable rows, and writes its files; an analyst
login (marts only) is enough; a file that is not the export named is refused in one line (exit 2) with the
columns expected, before anything is written."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

SAHELWATCH = Path(__file__).resolve().parents[2] / "bin" / "sahelwatch"
DATA = Path(__file__).resolve().parents[1] / "fixtures" / "compare"
FILES = ["matched.csv", "only_ours.csv", "only_theirs.csv", "unreadable_rows.csv", "compare.html"]


def sahelwatch_compare(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAHELWATCH_DATABASE_URL": database_url}
    return subprocess.run(
        [str(SAHELWATCH), "compare", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def warehouse(conn: psycopg.Connection, database_url: str) -> str:
    spec = importlib.util.spec_from_file_location("compare_warehouse", DATA / "warehouse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.insert(conn)
    return database_url


@pytest.fixture
def analyst_url(database_url: str, server_url: str) -> Iterator[str]:
    """A login of the analyst group (unique name, dropped at the end): it reads marts and nothing else."""
    name = f"compare_analyst_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("create role {} login in role sahelwatch_analyst").format(sql.Identifier(name)))
    try:
        yield psycopg.conninfo.make_conninfo(database_url, user=name)
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(sql.SQL("drop role if exists {}").format(sql.Identifier(name)))


def test_acled_comparison_as_an_analyst(warehouse: str, analyst_url: str, tmp_path: Path) -> None:
    out = tmp_path / "audit"
    result = sahelwatch_compare(analyst_url, "--acled", str(DATA / "acled_api.csv"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("acled_api.csv: ACLED API layout, 9 row(s), 7 read, 2 unreadable")
    assert "compared: 2025-05-27 to 2025-06-02, all countries" in lines[1]
    assert any("at most 1 day apart at day precision" in line for line in lines)
    assert any("at most 25 km apart" in line for line in lines)
    assert "matched 3 · only sahelwatch 3 · only ACLED 4" in lines
    assert any(line.split() == ["Niger", "2", "1", "1", "67", "%"] for line in lines)
    assert any("exact 2/3 (67 %), within 10 % 3/3 (100 %)" in line for line in lines)
    assert any("we had 3/3 (100 %) earlier; median +7 days (from +3 to +8)" in line for line in lines)
    assert "  line 9: event_date '2025-06-31' is not a date (expected e.g. 2025-06-01 or 01 June 2025)" in lines
    assert "  line 10: 5 fields where the header has 31" in lines
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    assert result.stderr == ""


def test_ucdp_comparison_of_one_country(warehouse: str, tmp_path: Path) -> None:
    result = sahelwatch_compare(
        warehouse, "--ucdp", str(DATA / "ucdp_ged.csv"), "--country", "NER", "--out", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "compared: 2025-05-31 to 2025-06-02, Niger (2 UCDP event(s) of the file outside them)" in result.stdout
    assert "matched 1 · only sahelwatch 2 · only UCDP 1" in result.stdout
    assert "no matched UCDP event has a timestamp" in result.stdout


@pytest.mark.parametrize(
    ("option", "name", "expected"),
    [
        ("--acled", "ucdp_ged.csv", ["event_id_cnty", "event_date", "event_type", "fatalities", "give it with --ucdp"]),
        ("--ucdp", "acled_classic.csv", ["date_start", "type_of_violence", "best", "give it with --acled"]),
    ],
)
def test_the_wrong_dataset_exits_2_with_the_columns_expected(
    warehouse: str, tmp_path: Path, option: str, name: str, expected: list[str]
) -> None:
    out = tmp_path / "audit"
    result = sahelwatch_compare(warehouse, option, str(DATA / name), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "expected at least" in result.stderr and all(word in result.stderr for word in expected), result.stderr
    assert result.stdout == "" and not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--acled", "no-such.csv"], "no such file"),
        (["--acled", "{tmp}/empty.csv"], "the file is empty"),
        (["--acled", "{data}/acled_api.csv", "--country", "Atlantis"], "unknown --country value 'Atlantis'"),
        (["--acled", "{data}/acled_api.csv", "--start", "2025-06-02", "--end", "2025-06-01"], "give --start before"),
    ],
)
def test_bad_usage_exits_2_in_one_line(warehouse: str, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty.csv").write_text("")
    result = sahelwatch_compare(
        warehouse, *(a.format(tmp=tmp_path, data=DATA) for a in args), "--out", str(tmp_path / "audit")
    )
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "audit").exists()
