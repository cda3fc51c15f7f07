"""UCDP GED and GED Candidate exports as events, with UCDP's types of violence and precisions in ACLED's terms."""

from __future__ import annotations

from pathlib import Path

from sahelwatch.compare import fields
from sahelwatch.compare.layouts import UCDP, Row, open_table
from sahelwatch.compare.model import Event, OutsideFile
from sahelwatch.compare.readers import read_rows

# UCDP's type_of_violence as ACLED's event type. State-based (1: a government is a side) and non-state (2: two
# organised armed groups) conflict are both armed fighting between organised sides: ACLED's Battles. One-sided
# violence (3: an organised group or a government against civilians) is ACLED's Violence against civilians.
UCDP_EVENT_TYPES = {1: "Battles", 2: "Battles", 3: "Violence against civilians"}
# UCDP's where_prec (1 the exact place, 2 within about 25 km, 3 its admin2, 4 its admin1, 5 a line or an area
# between admin units, 6 the country, 7 international waters or air) as ACLED's geo_precision.
UCDP_GEO_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}
# UCDP's date_prec (1 the day, 2 a span of 2-6 days, 3 the week, 4 the month, 5 the year) as ACLED's time_precision.
UCDP_TIME_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
WEEK_DAYS = 7  # without date_prec, a span of up to a week is time_precision 2, a longer one 3


def _time_precision(row: Row, span_days: int) -> int:
    code = fields.whole("date_prec", row.get("date_prec"))
    if code is not None:
        if code not in UCDP_TIME_PRECISION:
            raise fields.BadField(f"date_prec {code} is not one of UCDP's codes 1-5")
        return UCDP_TIME_PRECISION[code]
    return 1 if span_days == 0 else 2 if span_days <= WEEK_DAYS else 3


def event_from(row: Row, line: int) -> Event:
    """One UCDP row as an event; fields.BadField when a field matching needs cannot be read."""
    violence = fields.whole("type_of_violence", row.get("type_of_violence"))
    if violence not in UCDP_EVENT_TYPES:
        raise fields.BadField(f"type_of_violence {row.get('type_of_violence')!r} is not 1, 2 or 3")
    first = fields.day("date_start", row.get("date_start"))
    last = fields.day("date_end", row.get("date_end") or row.get("date_start"))
    if last < first:
        raise fields.BadField(f"date_end {last} is before date_start {first}")
    where = fields.whole("where_prec", row.get("where_prec"), 1, 1)
    if where not in UCDP_GEO_PRECISION:
        raise fields.BadField(f"where_prec {where} is not one of UCDP's codes 1-7")
    latitude, longitude, country = fields.point_and_country(row)
    return Event(
        side="theirs",
        event_id=row.get("id") or f"line {line}",
        first=first,
        last=last,
        time_precision=_time_precision(row, (last - first).days),
        event_type=UCDP_EVENT_TYPES[violence],
        country=country,
        **fields.texts(
            row, actor1="side_a", actor2="side_b", admin1="adm_1", admin2="adm_2", location="where_coordinates"
        ),
        latitude=latitude,
        longitude=longitude,
        geo_precision=UCDP_GEO_PRECISION[where],
        fatalities=fields.whole("best", row.get("best")),
        reported_at=None,
        row=line,
    )  # GED and Candidate rows carry no publication time


def read_ucdp(path: Path) -> OutsideFile:
    table = open_table(UCDP, path)
    return read_rows(UCDP, table, event_from)
