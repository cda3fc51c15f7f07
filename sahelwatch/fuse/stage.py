"""staging.report_incidents -> marts.incidents and marts.incident_sources for what the interval touched."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row

from sahelwatch.interval import Interval
from sahelwatch.db.bulk import upsert_rows
from sahelwatch.fuse.merge import Mention, fuse, incident_id

log = logging.getLogger(__name__)
INCIDENT_COLUMNS = ("incident_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                    "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
                    "fatalities", "fatalities_low", "fatalities_high", "injured", "abducted", "source_count",
                    "first_reported_at", "last_reported_at", "evidence", "confidence")
SOURCE_COLUMNS = ("incident_id", "report_id", "seq", "source_id", "url", "published_at", "evidence")
_MENTIONS = (
    "select ri.*, r.source_id, r.url, r.published_at from staging.report_incidents ri"
    " join staging.reports r using (report_id) where r.usable and r.duplicate_of is null and {where}"
)


@dataclass(frozen=True)
class FuseResult:
    incidents: int
    removed: int


def _mentions(conn: psycopg.Connection, where: str, params: tuple[object, ...]) -> list[Mention]:
    with conn.cursor(row_factory=dict_row) as cursor:
        rows = cursor.execute(_MENTIONS.format(where=where), params).fetchall()  # where: fixed fragments only
    return [Mention(row.pop("report_id"), row.pop("seq"), row.pop("source_id"), row.pop("url"),
                    row.pop("published_at"), row) for row in rows]


def fuse_interval(conn: psycopg.Connection, interval: Interval) -> FuseResult:
    """Recompute every incident that a report of the interval supports or used to support."""
    today = _mentions(conn, "r.interval_start >= %s and r.interval_start < %s", (interval.start, interval.end))
    keys = {m.key for m in today}
    stale = {row[0] for row in conn.execute(
        "select distinct s.incident_id from marts.incident_sources s join staging.reports r using (report_id)"
        " where r.interval_start >= %s and r.interval_start < %s", (interval.start, interval.end))}
    dates = sorted({key[0] for key in keys} | {row[0] for row in conn.execute(
        "select event_date from marts.incidents where incident_id = any(%s)", (list(stale),))})
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for mention in _mentions(conn, "ri.event_date = any(%s)", (dates,)):
        if mention.key in keys or incident_id(mention.key) in stale:
            groups[mention.key].append(mention)
    incidents = [fuse(group) for group in groups.values()]
    sources = [(incident_id(key), m.report_id, m.seq, m.source_id, m.url, m.published_at, m.fields["evidence"])
               for key, group in groups.items() for m in group]
    affected = sorted(stale | {row["incident_id"] for row in incidents})
    with conn.transaction():
        removed = conn.execute("delete from marts.incidents where incident_id = any(%s)", (affected,)).rowcount
        upsert_rows(conn, "marts.incidents", INCIDENT_COLUMNS,
                    [tuple(row[c] for c in INCIDENT_COLUMNS) for row in incidents], key=("incident_id",))
        upsert_rows(conn, "marts.incident_sources", SOURCE_COLUMNS, sources,
                    key=("incident_id", "report_id", "seq"))
    log.info("fused %d incidents for %s", len(incidents), interval.slug)
    return FuseResult(len(incidents), max(removed - len(incidents), 0))
