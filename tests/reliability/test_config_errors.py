"""Warehouse settings that only the user can fix are bad usage: exit 2, one line, the expected form and the command
that fixes it; a command that fails before it has something to write leaves nothing behind; a data dir serves one
warehouse. Real CLI (main() in-process, one subprocess), real PostgreSQL (the machine's, and a private server with
password authentication for the wrong password)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from sahelwatch.cli.main import main
from sahelwatch.config import REPO_ROOT
from sahelwatch.db.migrate import migrate

from .private_postgres import running_server, unavailable

EXPECTED_FORM = "postgresql://user:password@host:5432/dbname"
PASSWORD = "hostile-right-pw"


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(
    "url,says",
    [
        ("mysql://root@127.0.0.1:3306/x", "is a mysql:// URL"),
        ("not a url", "is not a PostgreSQL URL"),
        ("postgresql://u:sec@[::1/x", "is not a PostgreSQL URL"),
        ("postgresql://postgres:sec@127.0.0.1:99999/x", "has a bad setting"),
    ],
    ids=["wrong scheme", "not a url", "malformed", "bad port"],
)
@pytest.mark.parametrize(
    "argv",
    [["export", "--format", "csv", "--out", "{tmp}/x.csv"], ["db", "migrate"], ["review", "list"]],
    ids=lambda argv: argv[0],
)
def test_a_malformed_warehouse_url_is_usage_with_the_expected_form(
    url: str,
    says: str,
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", url)
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = _error(capsys)
    assert says in err and EXPECTED_FORM in err and "SAHELWATCH_DATABASE_URL" in err
    assert "sec@" not in err and 'missing "="' not in err.split("(")[0]
    assert list(tmp_path.iterdir()) == []


def test_a_missing_database_says_createdb(
    server_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = f"sahelwatch_missing_{uuid.uuid4().hex[:10]}"
    info = psycopg.conninfo.conninfo_to_dict(server_url)
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", psycopg.conninfo.make_conninfo(**{**info, "dbname": name}))
    assert main(["sources", "--health"]) == 2
    err = _error(capsys)
    assert "does not exist" in err and "createdb " in err and f" {name}`" in err
    assert "start PostgreSQL" not in err and "sahelwatch db migrate" in err


def test_the_cli_subprocess_exits_2_on_a_mysql_url() -> None:
    env = {**os.environ, "SAHELWATCH_DATABASE_URL": "mysql://root@127.0.0.1:3306/x"}
    done = subprocess.run(
        [str(REPO_ROOT / "bin" / "sahelwatch"), "review", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: SAHELWATCH_DATABASE_URL is a mysql:// URL")
    assert EXPECTED_FORM in done.stderr and "ProgrammingError" not in done.stderr


@pytest.fixture(scope="module")
def password_server() -> Iterator[str]:
    """A private PostgreSQL whose TCP connections need a password (scram-sha-256); yields its port."""
    if reason := unavailable():
        pytest.skip(reason)
    with running_server() as server:
        with psycopg.connect(server.url(), autocommit=True) as admin:
            admin.execute(f"alter role postgres password '{PASSWORD}'")
            hba = server.data / "pg_hba.conf"
            hba.write_text("local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n", encoding="utf-8")
            admin.execute("select pg_reload_conf()")
        yield str(server.port)


@pytest.mark.parametrize(
    "password,says",
    [("wrong-pw", "refused the password of user postgres"), (None, "refused the password of user postgres")],
    ids=["wrong password", "no password"],
)
def test_a_wrong_password_is_usage(
    password_server: str,
    password: str | None,
    says: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    auth = f"postgres:{password}" if password else "postgres"
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", f"postgresql://{auth}@127.0.0.1:{password_server}/postgres")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    assert main(["review", "list"]) == 2
    err = _error(capsys)
    assert says in err and EXPECTED_FORM in err and "~/.pgpass" in err
    assert "wrong-pw" not in err
    monkeypatch.setenv(
        "SAHELWATCH_DATABASE_URL", f"postgresql://postgres:{PASSWORD}@127.0.0.1:{password_server}/postgres"
    )
    assert main(["db", "migrate"]) == 0  # the right password gets in: the check is not a false alarm


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_report_out_is_not_created_when_the_warehouse_is_unreachable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", f"postgresql://sahel@127.0.0.1:{_closed_port()}/warehouse")
    monkeypatch.setenv("SAHELWATCH_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "reports" / "nested"
    assert main(["report", "--date", "2025-06-02", "--no-png", "--out", str(out)]) == 1
    assert "cannot reach the warehouse" in _error(capsys)
    assert main(["report", "--date", "2025-06-02", "--no-png"]) == 1
    _error(capsys)
    assert list(tmp_path.iterdir()) == []  # neither --out nor the data dir's reports/ (nor the data dir itself)


def test_report_out_is_not_created_when_the_warehouse_is_not_migrated(
    server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = f"sahelwatch_bare_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    try:
        info = psycopg.conninfo.conninfo_to_dict(server_url)
        monkeypatch.setenv("SAHELWATCH_DATABASE_URL", psycopg.conninfo.make_conninfo(**{**info, "dbname": name}))
        out = tmp_path / "out"
        assert main(["report", "--date", "2025-06-02", "--no-png", "--out", str(out)]) == 1
        assert "sahelwatch db migrate" in _error(capsys)
        assert not out.exists()
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture
def second_warehouse(server_url: str) -> Iterator[str]:
    name = f"sahelwatch_other_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    info = psycopg.conninfo.conninfo_to_dict(server_url)
    url = psycopg.conninfo.make_conninfo(**{**info, "dbname": name})
    with psycopg.connect(url) as conn:
        migrate(conn)
    yield url
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')


def test_a_data_dir_serves_one_warehouse_and_refuses_another(
    database_url: str,
    second_warehouse: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("SAHELWATCH_DATA_DIR", str(data))
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", database_url)
    assert main(["report", "--date", "2025-06-02", "--no-png"]) == 0
    capsys.readouterr()
    first = json.loads((data / "warehouse.json").read_text(encoding="utf-8"))
    assert first["database"] == psycopg.conninfo.conninfo_to_dict(database_url)["dbname"]
    reports = sorted(p.name for p in (data / "reports").iterdir())

    # the same warehouse, spelt differently (a password the trust server ignores): still its data dir
    info = psycopg.conninfo.conninfo_to_dict(database_url)
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", psycopg.conninfo.make_conninfo(**{**info, "password": "x"}))
    assert main(["report", "--date", "2025-06-02", "--no-png"]) == 0
    capsys.readouterr()

    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", second_warehouse)
    for argv in (["report", "--date", "2025-06-01", "--no-png"], ["run", "--date", "2025-06-01"]):
        assert main(argv) == 2
        err = _error(capsys)
        other = psycopg.conninfo.conninfo_to_dict(second_warehouse)["dbname"]
        assert f"the data dir {data} serves the warehouse" in err and first["database"] in err and other in err
        assert "SAHELWATCH_DATA_DIR" in err
    assert sorted(p.name for p in (data / "reports").iterdir()) == reports  # nothing of the other warehouse
    assert not (data / "airflow").exists() and not (data / "logs").exists()
    assert json.loads((data / "warehouse.json").read_text(encoding="utf-8")) == first

    # with --out, the report goes elsewhere: the data dir is not involved, so the other warehouse may report
    assert main(["report", "--date", "2025-06-01", "--no-png", "--out", str(tmp_path / "elsewhere")]) == 0
    capsys.readouterr()
