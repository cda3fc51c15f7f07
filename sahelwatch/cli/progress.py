"""Progress bars on long work, in one place. They go to stderr, and only when stderr is a terminal: output that is
piped or logged (CI, `| tee`, `> file`) stays the plain lines that scripts parse, without an escape code."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn

console = Console(stderr=True)


def progress() -> Progress:
    """A live display to use as a context manager; a silent no-op off a terminal. Transient: the bars vanish when
    the work ends, so what stays on screen is the same output as in a log. What the command prints meanwhile goes
    above the bars when stdout is the same terminal, and straight to stdout when it is a pipe or a file (rich would
    otherwise send it to the bars' stream, stderr)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
        redirect_stdout=sys.stdout.isatty(),
    )
