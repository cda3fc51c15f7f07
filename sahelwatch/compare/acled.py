"""ACLED exports (classic and API layouts, and CSVs of the `acled` package's AcledEvent records) as events."""

from __future__ import annotations

from pathlib import Path

from sahelwatch.compare import fields
from sahelwatch.compare.layouts import ACLED, Row, open_table
from sahelwatch.compare.model import Event, OutsideFile
from sahelwatch.compare.readers import read_rows
from sahelwatch.fuse.match import EVENT_TYPES

DEFAULT_PRECISION = 1  # ACLED codes both precisions from 1; a blank one is read as ACLED's most common code


def event_from(row: Row, line: int) -> Event:
    """One ACLED row as an event; fields.BadField when a field matching needs cannot be read."""
    event_type = row.get("event_type")
    if event_type not in EVENT_TYPES:
        raise fields.BadField(f"event_type {event_type!r} is not one of ACLED's ({', '.join(EVENT_TYPES)})")
    when = fields.day("event_date", row.get("event_date"))
    time_precision = fields.whole("time_precision", row.get("time_precision"), DEFAULT_PRECISION, 1)
    geo_precision = fields.whole("geo_precision", row.get("geo_precision"), DEFAULT_PRECISION, 1)
    latitude, longitude, country = fields.point_and_country(row)
    return Event(
        side="theirs",
        event_id=row.get("event_id_cnty") or f"line {line}",
        first=when,
        last=when,
        time_precision=min(time_precision or DEFAULT_PRECISION, 3),
        event_type=event_type,
        country=country,
        **fields.texts(row, actor1="actor1", actor2="actor2", admin1="admin1", admin2="admin2", location="location"),
        latitude=latitude,
        longitude=longitude,
        geo_precision=min(geo_precision or DEFAULT_PRECISION, 3),
        fatalities=fields.whole("fatalities", row.get("fatalities")),
        reported_at=fields.moment("timestamp", row.get("timestamp")),
        row=line,
    )


def read_acled(path: Path) -> OutsideFile:
    table = open_table(ACLED, path)
    return read_rows(ACLED, table, event_from)
