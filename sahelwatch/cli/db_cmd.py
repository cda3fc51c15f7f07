"""`sahelwatch db migrate`: apply the warehouse migrations."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("db", help="warehouse administration")
    sub = parser.add_subparsers(dest="db_command", required=True)
    sub.add_parser("migrate", help="apply missing migrations (idempotent)").set_defaults(handler=migrate_command)


def migrate_command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.pipeline import migrate

    applied = migrate(load_settings())
    print(f"applied {len(applied)} migration(s): {', '.join(applied) or 'none needed'}")
    return 0
