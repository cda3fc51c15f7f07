"""One line of a JSON Lines file from outside (a run file, reports for `sahelwatch extract`), parsed or refused with
a reason that fits on one line.

The line is parsed without its line ending, so an error's column is where it is in the line: with the newline
kept, JSON that stops short ('{"id": "r1", ') was reported "at column 1" of a second line that is not there.
"""

from __future__ import annotations

import json
from typing import Any


class BadJsonLine(ValueError):
    """A line that is not JSON (or nested too deeply for Python to read); the message is the reason."""


def parse_line(line: str) -> Any:
    """The JSON value of one line (any type: the caller says which it wants)."""
    try:
        return json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        raise BadJsonLine(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise BadJsonLine("invalid JSON (nested too deeply to read)") from None
    except ValueError as exc:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        raise BadJsonLine(f"invalid JSON ({str(exc).split(';')[0]})") from None
