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


def mask_url(url: str) -> str:
    """Hide the password of a connection URL before it reaches a log."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)
