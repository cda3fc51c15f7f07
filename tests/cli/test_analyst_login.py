"""An analyst gets a login with `sahelwatch db analyst add` and runs every analyst command with it, against a
warehouse filled by the pipeline on the replica; every write is refused, by the CLI in one line that names the role
needed. A writer login made by `db writer add` makes the review changes. Real CLI subprocesses, real PostgreSQL.

The warehouse is a database of this module's own (the pipeline's steps on the replica's day, the functions the DAG
calls), so the `conn` fixture's truncation elsewhere cannot empty it; the logins have unique names and are dropped
at the end (roles belong to the whole cluster)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from sahelwatch.interval import Interval

SAHELWATCH = str(Path(sys.executable).with_name("sahelwatch"))
DAY = Interval.for_day(date(2025, 6, 2))
ANALYST, WRITER = "sahelwatch_analyst", "sahelwatch_writer"


def _with_database(url: str, name: str) -> str:
    return psycopg.conninfo.make_conninfo(url, dbname=name)


@pytest.fixture(scope="module")
def warehouse(server_url: str, replica: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A warehouse holding the replica's 2 June 2025, as `sahelwatch run --replica` leaves it; dropped at the end."""
    from sahelwatch import pipeline
    from sahelwatch.config import load_settings
    from sahelwatch.db.migrate import migrate
    from sahelwatch.replica.server import replica_sources
    from sahelwatch.sources.registry import parse_registry

    name = f"sahelwatch_test_login_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    url = _with_database(server_url, name)
    try:
        with psycopg.connect(url) as conn:
            migrate(conn)
        settings = replace(
            load_settings(),
            database_url=url,
            data_dir=tmp_path_factory.mktemp("pipeline"),
            allowed_hosts=("127.0.0.1",),
        )
        sources = [asdict(s) for s in parse_registry(replica_sources(replica.base_url))]
        results = [pipeline.crawl(settings, source, DAY) for source in sources]
        pipeline.load(settings, results, DAY, expected=sources)
        for step in (pipeline.clean, pipeline.dedup, pipeline.extract_stage, pipeline.fuse):
            step(settings, DAY)
        yield url
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def logins(server_url: str) -> Iterator[list[str]]:
    """The names of the logins the tests create; whatever is left of them is dropped at the end."""
    names: list[str] = []
    yield names
    with psycopg.connect(server_url, autocommit=True) as admin:
        for name in names:
            admin.execute(sql.SQL("drop role if exists {}").format(sql.Identifier(name)))


def sahelwatch(
    url: str, *argv: str, stdin: str | None = None, data_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAHELWATCH_DATABASE_URL": url}
    if data_dir is not None:
        env["SAHELWATCH_DATA_DIR"] = str(data_dir)
    return subprocess.run([SAHELWATCH, *argv], env=env, input=stdin, capture_output=True, text=True, timeout=300)


def add_login(admin_url: str, kind: str, logins: list[str], *options: str, stdin: str | None = None) -> tuple[str, str]:
    """`sahelwatch db <kind> add` as the administrator: the new login's name and the URL the command printed."""
    name = f"sw_test_{kind}_{uuid.uuid4().hex[:8]}"
    logins.append(name)
    done = sahelwatch(admin_url, "db", kind, "add", name, *options, stdin=stdin)
    assert done.returncode == 0, done.stderr
    [url] = [
        line.split("=", 1)[1].strip("'")
        for line in done.stdout.splitlines()
        if line.strip().startswith("export SAHELWATCH_DATABASE_URL=")
    ]
    return name, url


def refused(done: subprocess.CompletedProcess[str], needs: str, login: str) -> bool:
    """Exit 2 and one line that names the role needed and what the login has; no traceback."""
    return (
        done.returncode == 2
        and done.stderr.count("\n") == 1
        and "Traceback" not in done.stderr
        and done.stderr.startswith(f"error: this command needs {needs};")
        and f"your login {login} has {ANALYST};" in done.stderr
    )


def test_an_analyst_login_runs_every_analyst_command_and_no_write(
    warehouse: str, logins: list[str], tmp_path: Path
) -> None:
    with psycopg.connect(warehouse) as admin:
        incidents = admin.execute("select count(*) from marts.incidents").fetchone()[0]
        report_id = admin.execute("select min(report_id) from marts.incident_sources").fetchone()[0]
    assert incidents >= 3  # the replica's day, fused

    name, url = add_login(warehouse, "analyst", logins)
    printed, target = (psycopg.conninfo.conninfo_to_dict(u) for u in (url, warehouse))
    assert printed["user"] == name and printed["dbname"] == target["dbname"] and len(printed["password"]) >= 32
    with psycopg.connect(url) as conn:  # a real login: no NOLOGIN parent, no superuser
        assert conn.execute(
            "select current_user, pg_has_role(current_user, %s, 'member'), pg_has_role(current_user, %s, 'member')",
            (ANALYST, WRITER),
        ).fetchone() == (name, True, False)

    # a writer login (made the same way) excludes a report; the analyst sees the exclusion
    writer, writer_url = add_login(warehouse, "writer", logins)
    excluded = sahelwatch(
        writer_url, "review", "exclude", "--report-id", report_id, "--reason", "erroneous", "--note", "test exclusion"
    )
    assert excluded.returncode == 0, excluded.stderr

    listed = sahelwatch(url, "review", "list")
    assert listed.returncode == 0, listed.stderr
    assert report_id in listed.stdout and writer in listed.stdout and "1 report(s) excluded" in listed.stdout

    restored = sahelwatch(writer_url, "review", "restore", "--report-id", report_id)
    assert restored.returncode == 0, restored.stderr

    report = sahelwatch(url, "report", "--date", "2025-06-02", "--out", str(tmp_path / "reports"), "--no-png")
    assert report.returncode == 0, report.stderr
    page = Path(report.stdout.strip()).read_text(encoding="utf-8")
    assert "Dioura" in page and "echos-du-delta" in page

    out = tmp_path / "incidents.csv"
    export = sahelwatch(url, "export", "--format", "csv", "--out", str(out))
    assert export.returncode == 0, export.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == incidents

    health = sahelwatch(url, "sources", "--health")
    assert health.returncode == 0, health.stderr
    assert "3 sources crawled" in health.stdout and "echos-du-delta" in health.stdout

    # every write is refused: the review changes and the administration by the CLI, in one line...
    for argv, needs in [
        (("review", "exclude", "--report-id", report_id, "--reason", "retracted"), "the sahelwatch_writer role"),
        (("review", "restore", "--report-id", report_id), "the sahelwatch_writer role"),
        (("db", "migrate"), "the owner of the warehouse database (or a superuser)"),
        (("db", "analyst", "add", f"{name}_x"), "a superuser or a role with CREATEROLE"),
        (("db", "writer", "remove", writer), "a superuser or a role with CREATEROLE"),
    ]:
        done = sahelwatch(url, *argv)
        assert refused(done, needs, name), (argv, done.returncode, done.stderr)
    # ... and by the warehouse, for SQL typed by hand
    for statement in (
        "insert into marts.incident_aliases (alias_id, incident_id)"
        " select 'x', incident_id from marts.incidents limit 1",
        "update marts.incidents set fatalities = 0",
        "delete from marts.incident_sources",
        "select * from staging.report_exclusions",
    ):
        with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)
    with psycopg.connect(warehouse) as admin:
        assert admin.execute("select count(*) from marts.incidents").fetchone()[0] == incidents
        assert admin.execute("select count(*) from staging.report_exclusions").fetchone()[0] == 0

    # the writer login still runs the analyst commands
    assert sahelwatch(writer_url, "sources", "--health").returncode == 0
    assert sahelwatch(writer_url, "review", "list").returncode == 0


def test_add_list_remove(warehouse: str, logins: list[str]) -> None:
    name, _ = add_login(warehouse, "analyst", logins, "--password", "-", stdin="a long given password\n")
    with psycopg.connect(warehouse) as admin:
        verifier = admin.execute("select rolpassword from pg_authid where rolname = %s", (name,)).fetchone()[0]
    assert verifier.startswith("SCRAM-SHA-256$")  # the server got a verifier, never the password

    listed = sahelwatch(warehouse, "db", "analyst", "list")
    assert listed.returncode == 0 and any(line.split()[:2] == [name, ANALYST] for line in listed.stdout.splitlines())
    assert name not in sahelwatch(warehouse, "db", "writer", "list").stdout

    again = sahelwatch(warehouse, "db", "analyst", "add", name)
    assert again.returncode == 1 and f"the role {name} already exists" in again.stderr

    wrong_group = sahelwatch(warehouse, "db", "writer", "remove", name)
    assert wrong_group.returncode == 1 and f"{name} is not a {WRITER} login" in wrong_group.stderr

    removed = sahelwatch(warehouse, "db", "analyst", "remove", name)
    assert removed.returncode == 0 and removed.stdout.strip() == f"login {name} removed"
    with psycopg.connect(warehouse) as admin:
        assert admin.execute("select count(*) from pg_roles where rolname = %s", (name,)).fetchone()[0] == 0


def test_removing_one_group_of_a_login_in_both_keeps_the_login(warehouse: str, logins: list[str]) -> None:
    name, _ = add_login(warehouse, "analyst", logins)
    with psycopg.connect(warehouse) as admin:
        admin.execute(sql.SQL("grant {} to {}").format(sql.Identifier(WRITER), sql.Identifier(name)))
    done = sahelwatch(warehouse, "db", "writer", "remove", name)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{name} is no longer in {WRITER}; the role stays, member of {ANALYST}"
    with psycopg.connect(warehouse) as admin:
        assert admin.execute(
            "select pg_has_role(%s, %s, 'member'), pg_has_role(%s, %s, 'member')", (name, ANALYST, name, WRITER)
        ).fetchone() == (True, False)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("db", "analyst", "add", "Alice"), "is not a valid login name"),
        (("db", "analyst", "add", "bob; drop table x"), "is not a valid login name"),
        (("db", "writer", "add", "sahelwatch_writer"), "is reserved"),
        (("db", "analyst", "remove", "postgres"), "is reserved"),
        (("db", "analyst", "add", "pg_monitor"), "is reserved"),
        (("db", "analyst", "add", "sw_test_short", "--password", "short"), "at least 12 characters"),
    ],
)
def test_bad_names_and_passwords_exit_2(warehouse: str, argv: tuple[str, ...], message: str) -> None:
    done = sahelwatch(warehouse, *argv)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    with psycopg.connect(warehouse) as admin:
        assert admin.execute("select count(*) from pg_roles where rolname = 'sw_test_short'").fetchone()[0] == 0
