"""sahelwatch: conflict-incident monitoring for the Sahel, from news feeds to a PostgreSQL warehouse."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

# One module per subcommand, each with register(subparsers); add a command by adding its module here.
COMMAND_MODULES = (
    "sahelwatch.cli.run",
    "sahelwatch.cli.extract_cmd",
    "sahelwatch.cli.db_cmd",
    "sahelwatch.cli.sources_cmd",
    "sahelwatch.cli.export_cmd",
    "sahelwatch.cli.report_cmd",
    "sahelwatch.cli.ui",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sahelwatch", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
