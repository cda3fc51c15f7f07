"""Text from outside (run files, JSON Lines reports, command-line arguments) made safe to store and to print.

PostgreSQL text cannot hold NUL, and UTF-8 cannot encode a lone surrogate (a valid JSON escape such as "\\ud800",
which some APIs emit, or an undecodable byte of a command-line argument): either one would fail a whole COPY, or
the whole output of a command, for one bad item. Every path that stores or prints outside text goes through
`storable_text`, so one bad character never costs more than itself.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATES = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"  # what a lone surrogate becomes: the character Unicode keeps for "something was lost here"


def storable_text(value: Any) -> str | None:
    """`value` as text with NUL removed and every lone surrogate replaced by U+FFFD; None stays None. Everything
    else is kept as it came (bidi controls, other control characters, markup)."""
    if value is None:
        return None
    return _SURROGATES.sub(REPLACEMENT, str(value).replace("\x00", ""))


def one_line(text: str) -> str:
    """A message on one line (whitespace runs, newlines included, as one space): parsers' errors (lxml's "out of
    allowed range\n, line 1") end up in logs and in a source's health, which show one line per problem."""
    return " ".join(text.split())
