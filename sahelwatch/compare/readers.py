"""What both readers share: every data row becomes an event or a listed error, never nothing."""

from __future__ import annotations

from collections.abc import Callable

from sahelwatch.compare.fields import BadField
from sahelwatch.compare.layouts import Row, Table
from sahelwatch.compare.model import Event, OutsideFile, RowError

ERROR_TEXT_CHARS = 160  # how much of an unreadable row is quoted back


def read_rows(dataset: str, table: Table, parse: Callable[[Row, int], Event]) -> OutsideFile:
    events: list[Event] = []
    errors: list[RowError] = []
    count = 0
    for line, values in table.rows:
        count += 1
        text = ",".join(values)[:ERROR_TEXT_CHARS]
        if len(values) != table.width:
            errors.append(RowError(line, f"{len(values)} fields where the header has {table.width}", text))
            continue
        try:
            events.append(parse(Row(table, values), line))
        except BadField as exc:
            errors.append(RowError(line, str(exc), text))
    return OutsideFile(dataset, table.layout, tuple(events), tuple(errors), count)
