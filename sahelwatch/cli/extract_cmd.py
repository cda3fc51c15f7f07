"""`sahelwatch extract [FILE]`: incidents from JSON Lines reports, one JSON object per incident per line."""

from __future__ import annotations

import argparse
import sys


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("extract", help="extract incidents from JSON Lines reports (FILE or stdin)")
    parser.add_argument("file", nargs="?", help="JSON Lines file of reports; '-' or nothing reads stdin")
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    from sahelwatch.extract.cli import run

    if args.file in (None, "-"):
        return run(sys.stdin, sys.stdout, sys.stderr)
    try:
        handle = open(args.file, encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    with handle:
        return run(handle, sys.stdout, sys.stderr)
