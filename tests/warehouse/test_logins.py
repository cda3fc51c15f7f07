"""sahelwatch.db.logins without a server: which names can be logins, and the URL printed for a new login (TCP,
IPv6 and the embedded warehouse's Unix socket), read back by libpq's own parser. The roles themselves are tested
through the CLI in tests/cli/test_analyst_login.py."""

from __future__ import annotations

from types import SimpleNamespace

import psycopg
import pytest

from sahelwatch.db.logins import check_name, check_password, connection_url, generate_password


@pytest.mark.parametrize("name", ["alice", "alice_diallo", "_svc2", "a" * 63])
def test_valid_names(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Alice",
        "2alice",
        "alice-diallo",
        "a b",
        'x"; drop role y; --',
        "a" * 64,
        "public",
        "postgres",
        "pg_read_all_data",
        "sahelwatch_analyst",
    ],
)
def test_invalid_names(name: str) -> None:
    with pytest.raises(ValueError, match="login name"):
        check_name(name)


def test_generated_passwords_are_long_and_differ() -> None:
    first, second = generate_password(), generate_password()
    assert first != second and len(first) >= 32 and check_password(first) == first
    with pytest.raises(ValueError, match="at least"):
        check_password("short")


@pytest.mark.parametrize(
    ("host", "expected_host"),
    [("127.0.0.1", "127.0.0.1"), ("::1", "::1"), ("/tmp/sahel data/pgdata", "/tmp/sahel data/pgdata")],
)
def test_connection_url_reads_back(host: str, expected_host: str) -> None:
    info = SimpleNamespace(host=host, port=5433, dbname="sahel watch")
    url = connection_url(info, "alice", "p@ss:w/rd?")  # type: ignore[arg-type]
    assert psycopg.conninfo.conninfo_to_dict(url) == {
        "user": "alice",
        "password": "p@ss:w/rd?",
        "host": expected_host,
        "port": "5433",
        "dbname": "sahel watch",
    }
