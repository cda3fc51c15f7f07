"""`sahelwatch db migrate`: apply the warehouse migrations; `sahelwatch db dictionary`: document marts."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("db", help="warehouse administration",
                                 description="Warehouse administration. Reads SAHELWATCH_DATABASE_URL (default: the "
                                             "embedded PostgreSQL in SAHELWATCH_DATA_DIR).")
    sub = parser.add_subparsers(dest="db_command", required=True)
    sub.add_parser("migrate", help="apply missing migrations (idempotent)").set_defaults(handler=migrate_command)
    dictionary = sub.add_parser("dictionary", help="print the data dictionary of marts (docs/warehouse.md)",
                                description="The data dictionary of the marts schema in Markdown, from the "
                                            "warehouse's comments and infra/docs/examples/*.sql.")
    dictionary.add_argument("--out", type=Path, help="write it to this file instead of standard output")
    dictionary.set_defaults(handler=dictionary_command)


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


def dictionary_command(args: argparse.Namespace) -> int:
    from sahelwatch.cli.common import warehouse_url
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
