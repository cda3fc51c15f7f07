"""`sahelwatch db`: apply the warehouse migrations, document marts, and give people and services their own logins.

`db analyst add|remove|list` and `db writer add|remove|list` manage LOGIN roles in the two groups of
infra/migrations/008_roles.sql (sahelwatch.db.logins); the groups hold the privileges, so nothing else changes.
`db dictionary` writes the data dictionary of marts (docs/warehouse.md) from the warehouse's comments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sahelwatch.cli.common import NEEDS_OWNER, NEEDS_ROLE_ADMIN, USAGE, CommandError, warehouse_url
from sahelwatch.db.logins import GROUPS

_DOES = {
    "analyst": "reads marts only: report, export, sources --health, review list, psql, pandas",
    "writer": "runs the pipeline and `review exclude|restore`: reads and writes raw, staging and marts",
}


def login_name(text: str) -> str:
    """argparse type of NAME: an invalid name is bad usage, with the rule in the message."""
    from sahelwatch.db.logins import check_name

    try:
        return check_name(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "db",
        help="warehouse administration: migrations, logins",
        description="Warehouse administration. Reads SAHELWATCH_DATABASE_URL (default: the "
        "embedded PostgreSQL in SAHELWATCH_DATA_DIR).",
    )
    sub = parser.add_subparsers(dest="db_command", required=True)
    sub.add_parser("migrate", help="apply missing migrations (idempotent)").set_defaults(
        handler=migrate_command, needs=NEEDS_OWNER
    )
    dictionary = sub.add_parser(
        "dictionary",
        help="print the data dictionary of marts (docs/warehouse.md)",
        description="The data dictionary of the marts schema in Markdown, from the "
        "warehouse's comments and infra/docs/examples/*.sql.",
    )
    dictionary.add_argument("--out", type=Path, help="write it to this file instead of standard output")
    dictionary.set_defaults(handler=dictionary_command)
    for kind, group in GROUPS.items():
        _register_logins(sub, kind, group)


def _register_logins(sub: argparse._SubParsersAction, kind: str, group: str) -> None:
    parser = sub.add_parser(
        kind,
        help=f"{kind} logins (members of {group})",
        description=f"Logins of the {group} group, which {_DOES[kind]}. Roles belong to the whole PostgreSQL "
        "cluster: adding and removing need a superuser or a role with CREATEROLE.",
    )
    logins = parser.add_subparsers(dest="login_command", required=True)
    add = logins.add_parser(
        "add",
        help=f"create a login in {group}; prints its password and psql line once",
        description=f"Create NAME as a LOGIN role, member of {group}, with a generated password "
        "(or --password), and print how to connect. The password is not stored "
        "anywhere else: keep it.",
    )
    add.add_argument("name", type=login_name, metavar="NAME", help="the login (lower-case letters, digits, _)")
    add.add_argument(
        "--password",
        metavar="P",
        help="use this password instead of a generated one; `-` reads it from stdin (out of the shell history)",
    )
    add.set_defaults(handler=add_command, group=group, needs=NEEDS_ROLE_ADMIN)
    remove = logins.add_parser(
        "remove",
        help=f"take a login out of {group} (and drop it if that was all)",
        description=f"Take NAME out of {group}. The role is dropped when {group} was its "
        "only membership; otherwise it keeps its login and other roles.",
    )
    remove.add_argument("name", type=login_name, metavar="NAME", help="the login")
    remove.set_defaults(handler=remove_command, group=group, needs=NEEDS_ROLE_ADMIN)
    logins.add_parser("list", help=f"the members of {group}").set_defaults(handler=list_command, group=group)


def migrate_command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect, mask_url
    from sahelwatch.db.migrate import migrate

    url = warehouse_url(load_settings())
    with connect(url) as conn:
        applied = migrate(conn)
    print(f"warehouse {mask_url(url)}: applied {len(applied)} migration(s): {', '.join(applied) or 'none needed'}")
    return 0


def dictionary_command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.db.dictionary import render

    with connect(warehouse_url(load_settings())) as conn:
        text = render(conn)
    if args.out is None:
        print(text, end="")
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"data dictionary written to {args.out}")
    return 0


def _password(given: str | None) -> tuple[str, bool]:
    """The password to set, and whether it was generated."""
    from sahelwatch.db.logins import check_password, generate_password

    if given is None:
        return generate_password(), True
    if given == "-":
        given = sys.stdin.readline().rstrip("\r\n")
    try:
        return check_password(given), False
    except ValueError as exc:
        raise CommandError(str(exc), USAGE) from None


def add_command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.db.logins import LoginError, add_login, connection_url

    password, generated = _password(args.password)
    with connect(warehouse_url(load_settings())) as conn:
        try:
            add_login(conn, args.name, args.group, password)
        except LoginError as exc:
            raise CommandError(str(exc)) from None
        url = connection_url(conn.info, args.name, password)
    print(
        f"login {args.name} created, member of {args.group}"
        + (f"; its generated password is shown only now: {password}" if generated else "")
    )
    print(f'  psql "{url}"')
    print(f"  export SAHELWATCH_DATABASE_URL='{url}'")
    return 0


def remove_command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.db.logins import LoginError, find_login, remove_login

    with connect(warehouse_url(load_settings())) as conn:
        try:
            dropped = remove_login(conn, args.name, args.group)
        except LoginError as exc:
            raise CommandError(f"{exc}; `sahelwatch db {_kind(args.group)} list` shows them") from None
        kept = None if dropped else find_login(conn, args.name)
    if kept is None:
        print(f"login {args.name} removed")
    else:
        print(
            f"{args.name} is no longer in {args.group}; the role stays, member of "
            f"{', '.join((*kept.groups, *kept.other_roles))}"
        )
    return 0


def list_command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.db.logins import list_logins

    with connect(warehouse_url(load_settings())) as conn:
        logins = list_logins(conn, args.group)
    for login in logins:
        flags = [flag for flag, on in (("no login", not login.can_login), ("superuser", login.superuser)) if on]
        member_of = ", ".join((*login.groups, *login.other_roles))
        print(f"{login.name:24} {member_of}{''.join(f' ({flag})' for flag in flags)}")
    print(f"{len(logins)} member(s) of {args.group}")
    return 0


def _kind(group: str) -> str:
    return next(kind for kind, name in GROUPS.items() if name == group)
