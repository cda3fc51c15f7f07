"""Situation reports: a self-contained HTML page per interval (maps, trends, top incidents with their evidence and
sources, silent sources) and the same figures as PNG files.

`write_report(conn, interval, out_dir)` writes them and returns the page's path; `sahelwatch report --date DAY`
does the same from the command line. Boundaries come from seeds/boundaries/ (sahelwatch.tools.boundaries.build).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sahelwatch.report.write import write_report

__all__ = ["write_report"]


def __getattr__(name: str) -> Any:
    # lazy, so that `python -m sahelwatch.tools.boundaries.build` does not import psycopg and the rest
    if name == "write_report":
        from sahelwatch.report.write import write_report

        return write_report
    raise AttributeError(name)
