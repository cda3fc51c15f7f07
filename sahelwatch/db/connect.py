"""Warehouse connections: one place that turns settings into a psycopg connection."""

from __future__ import annotations

import re

import psycopg

from sahelwatch.config import Settings


def resolve_database_url(settings: Settings) -> str:
    """Use the configured warehouse, or start the embedded one when none is configured."""
    if settings.database_url:
        return settings.database_url
    from sahelwatch.db.embedded import start_embedded

    return start_embedded(settings.data_dir)


def connect(url: str) -> psycopg.Connection:
    """A plain connection: pipeline steps are short-lived and commit once, so no pool is needed."""
    return psycopg.connect(url, application_name="sahelwatch")


_URL_PASSWORD = re.compile(r"(://[^:/@?#]*:)[^/?#]*@")  # to the last @ of the authority: a raw @ in a password
_KEY_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)", re.IGNORECASE)  # key=value, ?query


def mask_url(url: str) -> str:
    """Hide the password of a connection URL (or of a key=value connection string) before it reaches a log."""
    return _KEY_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", url))
