"""Warehouse connections: one place that turns settings into a psycopg connection."""

from __future__ import annotations

import re

import psycopg
from psycopg.conninfo import conninfo_to_dict

from sahelwatch.config import Settings

EXPECTED_FORM = "postgresql://user:password@host:5432/dbname"
URL_VARIABLE = "SAHELWATCH_DATABASE_URL"
_SCHEMES = ("postgresql", "postgres")
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*)://")


class WarehouseConfigError(ValueError):
    """A warehouse setting that only the user can fix (the URL's form, a missing database, a wrong password): the
    message says what to type; the CLI exits 2 with it, as for any bad usage."""


def _first_line(exc: Exception) -> str:
    """libpq's first line of the error, with any password it quotes from the URL masked."""
    return mask_url((str(exc).strip().splitlines() or [type(exc).__name__])[0].removeprefix("connection failed: "))


def check_database_url(url: str) -> None:
    """Refuse a warehouse URL that is not a PostgreSQL one before anything connects: libpq's own message for
    `mysql://...` or `not a url` ('missing "=" after ...') does not say what is wrong."""
    scheme = _SCHEME.match(url)
    if scheme and scheme[1].lower() not in _SCHEMES:
        raise WarehouseConfigError(
            f"{URL_VARIABLE} is a {scheme[1]}:// URL ({mask_url(url)}), but the warehouse is "
            f"PostgreSQL: set it to {EXPECTED_FORM}"
        )
    try:
        conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise WarehouseConfigError(
            f"{URL_VARIABLE} is not a PostgreSQL URL ({mask_url(url)}: {_first_line(exc)}); set it to {EXPECTED_FORM}"
        ) from None


def resolve_database_url(settings: Settings) -> str:
    """Use the configured warehouse (checked for its form), or start the embedded one when none is configured."""
    if settings.database_url:
        check_database_url(settings.database_url)
        return settings.database_url
    from sahelwatch.db.embedded import start_embedded

    return start_embedded(settings.data_dir)


def _client_command(tool: str, url: str, *args: str, as_user: bool = True) -> str:
    """`createdb -h HOST -p PORT -U USER NAME` with the options the URL sets, so the command reaches its server
    (without -U when the URL's user is the one to create)."""
    info = conninfo_to_dict(url)
    flags = (("h", "host"), ("p", "port"), ("U", "user")) if as_user else (("h", "host"), ("p", "port"))
    options = [f"-{flag} {info[key]}" for flag, key in flags if info.get(key)]
    return " ".join([tool, *options, *args])


def config_error(exc: psycopg.Error, url: str) -> WarehouseConfigError | None:
    """The WarehouseConfigError that a failed connection means, or None when it is not the user's setting (a server
    that is down or unreachable: that is failed work, not bad usage). Read from libpq's message, the only place
    that says it: connection failures carry no SQLSTATE."""
    message = str(exc)
    info = conninfo_to_dict(url)
    user = info.get("user") or "the current user"
    where = mask_url(url)
    if "does not exist" in message and "database" in message:
        name = str(info.get("dbname") or info.get("user") or "NAME")
        return WarehouseConfigError(
            f"the warehouse database {name} does not exist on the server of {where}; create it with "
            f"`{_client_command('createdb', url, name)}` (then `sahelwatch db migrate`), or set {URL_VARIABLE} "
            f"to an existing database ({EXPECTED_FORM})"
        )
    if "password authentication failed" in message or "no password supplied" in message:
        return WarehouseConfigError(
            f"the warehouse at {where} refused the password of user {user}; put the right one in {URL_VARIABLE} "
            f"({EXPECTED_FORM}) or in ~/.pgpass"
        )
    if "role" in message and "does not exist" in message:
        create = _client_command("createuser", url, "--pwprompt", str(user), as_user=False)
        return WarehouseConfigError(
            f"the warehouse at {where} has no user {user}; create it with `{create}`, or set "
            f"{URL_VARIABLE} to a user that exists ({EXPECTED_FORM})"
        )
    if "no pg_hba.conf entry" in message:
        return WarehouseConfigError(
            f"the warehouse at {where} does not let user {user} in from here ({_first_line(exc)}); allow it in the "
            f"server's pg_hba.conf, or set {URL_VARIABLE} to another user or host ({EXPECTED_FORM})"
        )
    if message.startswith("connection is bad:") or isinstance(exc, psycopg.ProgrammingError):
        return WarehouseConfigError(
            f"{URL_VARIABLE} has a bad setting ({where}: {_first_line(exc)}); set it to {EXPECTED_FORM}"
        )
    return None


def connect(url: str) -> psycopg.Connection:
    """A plain connection: pipeline steps are short-lived and commit once, so no pool is needed. A failure that the
    user's settings caused is raised as WarehouseConfigError (what to fix), any other as psycopg raised it."""
    check_database_url(url)
    try:
        return psycopg.connect(url, application_name="sahelwatch")
    except (psycopg.OperationalError, psycopg.ProgrammingError) as exc:
        error = config_error(exc, url)
        if error is None:
            raise
        raise error from exc


_URL_PASSWORD = re.compile(r"(://[^:/@?#]*:)[^/?#]*@")  # to the last @ of the authority: a raw @ in a password
_KEY_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)", re.IGNORECASE)  # key=value, ?query


def mask_url(url: str) -> str:
    """Hide the password of a connection URL (or of a key=value connection string) before it reaches a log."""
    return _KEY_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", url))
