"""JSON Lines reports in, JSON Lines incidents out: the work behind `sahelwatch extract [FILE]`, whose one entry
point is sahelwatch.cli.extract_cmd (argument parsing, progress bar, exit codes).

Input lines: {"id", "url", "title", "text", "published_at" (ISO 8601), optional "language", "country_hint"}.
Output: one JSON object per incident with exactly the Incident fields. A bad line is reported on errfile with its
line number and skipped; so is a report published in the future or before 1990 (its relative dates, "hier", "last
Tuesday", would resolve to wrong days). Text is made storable as the loader does (NUL removed, a lone surrogate
becomes U+FFFD), so one odd character never stops the run.

Exit codes: 0 when at least one report was read (even if it gave no incident), NOTHING_READ when no line of the
input was a valid report (an empty input included: a script can tell "no incidents" from "nothing read"), 1 when
the input could not be read to its end."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

from sahelwatch.extract import extract_incidents
from sahelwatch.extract.model import PublicationDateError, Report, check_publication_date
from sahelwatch.jsonlines import BadJsonLine, parse_line
from sahelwatch.textsafe import storable_text

UNREADABLE = 1  # the input could not be read to its end
NOTHING_READ = 1  # no line of the input was a valid report: failed work, as README's exit codes say


class BadLine(ValueError):
    pass


def _text(value: Any) -> str:
    return storable_text(value) or ""


def _parse_time(value: Any) -> datetime:
    if not isinstance(value, str) or not value.strip():
        raise BadLine("missing or empty published_at")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise BadLine(f"published_at is not an ISO 8601 date: {value[:40]!r}") from None
    try:
        check_publication_date(when)
    except PublicationDateError as exc:
        raise BadLine(str(exc)) from None
    return when


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadLine(f"{key} must be a string")
    return _text(value) or None


def parse_report(line: str) -> Report:
    """A Report from one JSON Lines record; BadLine says what is wrong."""
    try:
        obj = parse_line(line)
    except BadJsonLine as exc:
        raise BadLine(str(exc)) from None
    if not isinstance(obj, dict):
        raise BadLine("expected a JSON object")
    rid = obj.get("id")
    if rid is None or isinstance(rid, (dict, list, bool)) or not _text(rid).strip():
        raise BadLine("missing id")
    text = obj.get("text")
    if not isinstance(text, str):
        raise BadLine("missing text" if text is None else "text must be a string")
    title = obj.get("title") or ""
    if not isinstance(title, str):
        raise BadLine("title must be a string")
    url = obj.get("url") or ""
    if not isinstance(url, str):
        raise BadLine("url must be a string")
    return Report(
        id=_text(rid),
        url=_text(url),
        title=_text(title),
        text=_text(text),
        published_at=_parse_time(obj.get("published_at")),
        language=_optional_str(obj, "language"),
        country_hint=_optional_str(obj, "country_hint"),
    )


def run(infile: Iterable[str], outfile: TextIO, errfile: TextIO) -> int:
    """Extract incidents from every report of infile: 0 when a report was read, NOTHING_READ when none was,
    UNREADABLE when infile could not be read."""
    lineno = lines = reports = 0
    try:
        for lineno, line in enumerate(infile, start=1):
            if not line.strip():
                continue
            lines += 1
            try:
                report = parse_report(line)
            except BadLine as exc:
                errfile.write(f"line {lineno}: {exc}; skipped\n")
                continue
            reports += 1
            try:
                incidents = extract_incidents(report)
            except Exception as exc:  # noqa: BLE001 - one report must not stop the file
                errfile.write(
                    f"line {lineno}: extraction failed for report {report.id}: {type(exc).__name__}: {exc}; skipped\n"
                )
                continue
            for incident in incidents:
                outfile.write(json.dumps(incident.to_row(), ensure_ascii=False) + "\n")
    except (OSError, UnicodeDecodeError) as exc:
        errfile.write(f"cannot read input after line {lineno}: {exc}\n")
        return UNREADABLE
    if not reports:
        why = f"none of the input's {lines} line(s) is a valid report (see above)" if lines else "the input is empty"
        errfile.write(f"no report read: {why}; give JSON Lines of reports with id, text and published_at\n")
        return NOTHING_READ
    return 0
