"""`sahelwatch extract [FILE]`: incidents from JSON Lines reports, one JSON object per incident per line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from rich.progress import Progress, TaskID

from sahelwatch.cli.common import USAGE, CommandError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "extract",
        help="extract incidents from JSON Lines reports (FILE or stdin)",
        description="Read reports as JSON Lines (id, url, title, text, published_at, optional language and "
        "country_hint) and write one JSON object per incident found on stdout. A bad line is reported "
        "on stderr with its number and skipped. Exits 1 when no line is a valid report (or the input "
        "cannot be read), so a script can tell 'no incidents' from 'nothing read'. Needs no warehouse.",
    )
    parser.add_argument("file", nargs="?", help="JSON Lines file of reports; '-' or nothing reads stdin")
    parser.set_defaults(handler=command)


def _counted(handle: TextIO, bars: Progress, task: TaskID) -> Iterator[str]:
    """The file's lines, moving the bar by the bytes each one took: how far through the file, and reports read."""
    for count, line in enumerate(handle, start=1):
        bars.update(task, advance=len(line.encode("utf-8")), description=f"extract: {count} reports read")
        yield line


def command(args: argparse.Namespace) -> int:
    from sahelwatch.cli.progress import progress
    from sahelwatch.extract.cli import run

    if args.file in (None, "-"):
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]  # a bad byte costs itself, not the run
        return run(sys.stdin, sys.stdout, sys.stderr)
    try:
        handle = open(args.file, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CommandError(
            f"cannot read {args.file}: {exc.strerror}; give a JSON Lines file of reports, or '-' for stdin", USAGE
        ) from exc
    with handle, progress() as bars:
        task = bars.add_task("extract", total=os.fstat(handle.fileno()).st_size)
        return run(_counted(handle, bars, task), sys.stdout, sys.stderr)
