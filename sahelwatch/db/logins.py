"""Logins for people and services: LOGIN roles that are members of one of the two group roles of
infra/migrations/008_roles.sql (sahelwatch_analyst reads marts; sahelwatch_writer runs the pipeline).

The groups carry every privilege; a login only inherits them, so adding or removing one never touches a grant and
the role model stays as 008 defines it. Roles belong to the whole PostgreSQL cluster: a login reaches every
sahelwatch database of the cluster that granted its group the right to connect."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import quote

import psycopg
from psycopg import sql

ANALYST = "sahelwatch_analyst"
WRITER = "sahelwatch_writer"
GROUPS = {"analyst": ANALYST, "writer": WRITER}  # the `sahelwatch db <kind>` word -> the group role

# Lower case, so the name needs no quoting in psql, a URL or a GRANT typed by hand; 63 bytes is PostgreSQL's limit.
NAME_PATTERN = re.compile(r"[a-z_][a-z0-9_]{0,62}")
RESERVED_NAMES = frozenset(
    {"public", "none", "current_user", "current_role", "session_user", "postgres", *GROUPS.values()}
)
PASSWORD_BYTES = 24  # secrets.token_urlsafe: 32 URL-safe characters, 192 bits
MIN_PASSWORD_CHARS = 12


class LoginError(Exception):
    """A request the warehouse cannot honour as asked (the role exists, is not a login of the group, ...)."""


@dataclass(frozen=True)
class Login:
    name: str
    can_login: bool
    superuser: bool
    groups: tuple[str, ...]  # every sahelwatch group the role is a direct member of
    other_roles: tuple[str, ...]  # roles outside the sahelwatch groups that it is a direct member of


def check_name(name: str) -> str:
    """The name when it can be a login; ValueError saying what a valid one looks like otherwise."""
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError(
            f"{name!r} is not a valid login name: use lower-case letters, digits and _, starting with "
            "a letter or _, at most 63 characters (e.g. alice_diallo)"
        )
    if name in RESERVED_NAMES or name.startswith("pg_"):
        raise ValueError(f"{name!r} is reserved; choose another login name")
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(
            f"a password needs at least {MIN_PASSWORD_CHARS} characters; give a longer one, or leave "
            "--password out to have one generated"
        )
    return password


def generate_password() -> str:
    return secrets.token_urlsafe(PASSWORD_BYTES)


_LOGINS = """
select r.rolname, r.rolcanlogin, r.rolsuper,
       coalesce(array_agg(g.rolname order by g.rolname) filter (where g.rolname = any(%(groups)s)), '{}'),
       coalesce(array_agg(g.rolname order by g.rolname) filter (where g.rolname <> all(%(groups)s)), '{}')
  from pg_roles r
  left join pg_auth_members m on m.member = r.oid
  left join pg_roles g on g.oid = m.roleid
 where r.rolname = %(name)s
    or r.oid in (select m2.member from pg_auth_members m2 join pg_roles g2 on g2.oid = m2.roleid
                  where g2.rolname = %(group)s)
 group by r.rolname, r.rolcanlogin, r.rolsuper
 order by r.rolname
"""


def _logins(conn: psycopg.Connection, name: str | None = None, group: str | None = None) -> list[Login]:
    """The role called `name` and the direct members of `group`, with their memberships."""
    rows = conn.execute(_LOGINS, {"name": name, "group": group, "groups": list(GROUPS.values())}).fetchall()
    return [
        Login(rolname, can_login, superuser, tuple(groups), tuple(others))
        for rolname, can_login, superuser, groups, others in rows
    ]


def find_login(conn: psycopg.Connection, name: str) -> Login | None:
    return next(iter(_logins(conn, name=name)), None)


def list_logins(conn: psycopg.Connection, group: str) -> list[Login]:
    """The roles that are direct members of the group, by name."""
    return _logins(conn, group=group)


def _require_group(conn: psycopg.Connection, group: str) -> None:
    if conn.execute("select 1 from pg_roles where rolname = %s", (group,)).fetchone() is None:
        raise LoginError(
            f"the role {group} does not exist in this cluster; run `sahelwatch db migrate` (as the "
            "warehouse owner) to create it"
        )


def add_login(conn: psycopg.Connection, name: str, group: str, password: str) -> None:
    """Create `name` as a LOGIN role in `group`. The server receives the password's SCRAM verifier, computed here
    (as psql's \\password does), never the password itself, so it cannot reach the server's statement log."""
    _require_group(conn, group)
    existing = find_login(conn, name)
    if existing is not None:
        what = f"a {', '.join(existing.groups)} login" if existing.groups else "a role outside sahelwatch"
        raise LoginError(f"the role {name} already exists ({what}); choose another name")
    verifier = conn.pgconn.encrypt_password(password.encode(), name.encode()).decode()
    conn.execute(
        sql.SQL("create role {} login password {} in role {}").format(
            sql.Identifier(name), sql.Literal(verifier), sql.Identifier(group)
        )
    )


def remove_login(conn: psycopg.Connection, name: str, group: str) -> bool:
    """Take `name` out of `group`. The role itself is dropped when that group was all it belonged to; a role that
    is also a member of other roles keeps them and its login (returns False then)."""
    login = find_login(conn, name)
    if login is None or group not in login.groups:
        raise LoginError(f"{name} is not a {group} login")
    if login.superuser:
        raise LoginError(f"{name} is a superuser; remove it with DROP ROLE by hand if you mean it")
    others = [role for role in (*login.groups, *login.other_roles) if role != group]
    if others:
        conn.execute(sql.SQL("revoke {} from {}").format(sql.Identifier(group), sql.Identifier(name)))
        return False
    try:
        with conn.transaction():
            conn.execute(sql.SQL("drop role {}").format(sql.Identifier(name)))
    except psycopg.errors.DependentObjectsStillExist as exc:
        raise LoginError(
            f"{name} owns objects or holds privileges of its own ({exc.diag.message_primary}); run "
            f"`reassign owned by {name} to postgres; drop owned by {name}` in each database, then "
            "remove it again"
        ) from exc
    return True


def connection_url(info: psycopg.ConnectionInfo, name: str, password: str) -> str:
    """The URL of the warehouse that `info` describes (host, port, database), for the login `name`: what goes into
    psql or SAHELWATCH_DATABASE_URL."""
    user = f"{quote(name, safe='')}:{quote(password, safe='')}"
    dbname = quote(info.dbname, safe="")
    if info.host.startswith("/"):  # a Unix socket (the embedded warehouse): the directory goes in ?host=
        return f"postgresql://{user}@/{dbname}?host={quote(info.host, safe='')}&port={info.port}"
    host = f"[{info.host}]" if ":" in info.host else info.host
    return f"postgresql://{user}@{host}:{info.port}/{dbname}"
