"""Entry point of the `sahelwatch` command."""

from __future__ import annotations

import argparse
import logging
import sys

from sahelwatch.cli import run


def _extract(args: argparse.Namespace) -> int:
    from sahelwatch.extract.cli import run as run_extract

    if args.file in (None, "-"):
        return run_extract(sys.stdin, sys.stdout, sys.stderr)
    with open(args.file, encoding="utf-8") as handle:
        return run_extract(handle, sys.stdout, sys.stderr)


def _db_migrate(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.pipeline import migrate

    applied = migrate(load_settings())
    print(f"applied {len(applied)} migration(s): {', '.join(applied) or 'none needed'}")
    return 0


def _sources(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.sources.registry import RegistryError, load_registry

    try:
        sources = load_registry(load_settings().sources_file)
    except RegistryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for source in sources:
        flag = "" if source.enabled else " (disabled)"
        print(f"{source.id:28} {source.country:14} {source.language:3} {source.kind:12} {source.url}{flag}")
    print(f"{len(sources)} sources, registry valid")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sahelwatch", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run the daily pipeline (through Airflow) for a day or a range")
    run.add_arguments(run_parser)
    run_parser.set_defaults(handler=run.command)
    extract = commands.add_parser("extract", help="extract incidents from JSON Lines reports (FILE or stdin)")
    extract.add_argument("file", nargs="?")
    extract.set_defaults(handler=_extract)
    db = commands.add_parser("db", help="warehouse administration")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("migrate", help="apply missing migrations").set_defaults(handler=_db_migrate)
    sources = commands.add_parser("sources", help="list and validate the source registry")
    sources.set_defaults(handler=_sources)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
