"""`sahelwatch sources`: list and validate the source registry."""

from __future__ import annotations

import argparse
import sys


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("sources", help="list and validate the source registry")
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
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
