"""Apply the ordered `.sql` files of infra/migrations once each, recording them in a table.

Parallel Airflow tasks may all ask for migrations at once, so an advisory lock serialises them; every file is also
written to be idempotent, so a half-recorded run can safely be repeated.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import psycopg

from sahelwatch.resources import MIGRATIONS_DIR

log = logging.getLogger(__name__)
_LOCK_KEY = 727_001  # arbitrary, fixed: the advisory lock that serialises migrations


@dataclass(frozen=True)
class Migration:
    version: str
    path: Path

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


class MigrationsNotFound(Exception):
    """No migration file where they should be: an incomplete install or a wrong path, never "nothing to do"."""


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Migrations in the order their NNN_ prefixes give; none at all is an error, since a warehouse always has some
    (reporting "0 applied" would hide a package built without its migrations)."""
    found = [Migration(p.stem, p) for p in sorted(directory.glob("[0-9][0-9][0-9]_*.sql"))]
    if not found:
        raise MigrationsNotFound(f"no migrations found in {directory} (looked for NNN_name.sql files)")
    return found


def migrate(conn: psycopg.Connection, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply what is missing, each file in its own transaction; return the versions applied now."""
    migrations = discover(directory)  # before touching the warehouse: a missing folder changes nothing
    applied_now: list[str] = []
    with conn.transaction():
        conn.execute("select pg_advisory_lock(%s)", (_LOCK_KEY,))
    try:
        with conn.transaction():  # every statement inside a block, so each block commits on its own
            conn.execute(
                "create table if not exists public.schema_migrations ("
                " version text primary key, checksum text not null,"
                " applied_at timestamptz not null default now())"
            )
            done = {row[0]: row[1] for row in conn.execute("select version, checksum from public.schema_migrations")}
        for migration in migrations:
            if migration.version in done:
                if done[migration.version] != migration.checksum:
                    log.warning("migration %s changed after it was applied; not re-applied", migration.version)
                continue
            with conn.transaction():
                conn.execute(migration.path.read_text(encoding="utf-8"))
                conn.execute(
                    "insert into public.schema_migrations (version, checksum) values (%s, %s)",
                    (migration.version, migration.checksum),
                )
            log.info("applied migration %s", migration.version)
            applied_now.append(migration.version)
    finally:
        with conn.transaction():
            conn.execute("select pg_advisory_unlock(%s)", (_LOCK_KEY,))
    return applied_now
