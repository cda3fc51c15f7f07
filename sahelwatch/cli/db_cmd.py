"""`sahelwatch db migrate`: apply the warehouse migrations."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("db", help="warehouse administration",
                                 description="Warehouse administration. Reads SAHELWATCH_DATABASE_URL (default: the "
                                             "embedded PostgreSQL in SAHELWATCH_DATA_DIR).")
    sub = parser.add_subparsers(dest="db_command", required=True)
    sub.add_parser("migrate", help="apply missing migrations (idempotent)").set_defaults(handler=migrate_command)


def migrate_command(args: argparse.Namespace) -> int:
    from sahelwatch.cli.common import warehouse_url
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect, mask_url
    from sahelwatch.db.migrate import migrate

    url = warehouse_url(load_settings())
    with connect(url) as conn:
        applied = migrate(conn)
    print(f"warehouse {mask_url(url)}: applied {len(applied)} migration(s): {', '.join(applied) or 'none needed'}")
    return 0
