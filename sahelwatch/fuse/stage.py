"""staging.report_incidents -> marts.incidents, marts.incident_sources and the daily counts.

A fusion step recomputes every incident that the interval's mentions touch, whole: it starts from the interval's
active mentions (usable, not a duplicate, not excluded) and the incidents its reports supported before, then adds,
until nothing changes, every active mention that matches one of them (sahelwatch.fuse.match; followed up to
HORIZON_DAYS around the run's event dates) and every mention of an incident that one of them belonged to. What
comes out is made of whole connected groups of mentions, so grouping them again (sahelwatch.fuse.cluster) gives
the same incidents whatever day started it, and a re-run of a day or a backfill over a range writes the same rows.
The word-for-word copies that other outlets carried of the incidents' reports are listed and counted as sources
(sahelwatch.fuse.copies); a day that brings a copy of an earlier report recomputes that report's incidents.
Everything happens in one transaction, under an advisory lock so that two fusion runs never rewrite the same
incident at once.

A mention is rejected (logged, counted, left out) when its event type is not one of ACLED's or its event date is
more than a day after the report was published; coordinates outside the country's bounding box are dropped and the
mention is located by its names.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from sahelwatch.db.bulk import upsert_rows
from sahelwatch.fuse.cluster import Cluster, Key, Links, aliases, assign_ids, build_links, find_links, group
from sahelwatch.fuse.copies import COUNTED_RULES, Copy, carried, read_copies
from sahelwatch.fuse.match import EVENT_TYPES, MAX_WINDOW_DAYS
from sahelwatch.fuse.merge import Mention, fuse, incident_id
from sahelwatch.incident_columns import INCIDENT_SOURCES, INCIDENTS, names_of
from sahelwatch.interval import Interval

log = logging.getLogger(__name__)
HORIZON_DAYS = 2 * MAX_WINDOW_DAYS  # how far from the run's own event dates matches are followed
_LOCK_KEY = 727_002  # arbitrary, fixed: serialises fusion runs (727_001 is the migrations' lock)
EXCLUSION_REASONS = ("retracted", "duplicate", "not_an_incident", "erroneous")
INCIDENT_COLUMNS = names_of(INCIDENTS)
SOURCE_COLUMNS = names_of(INCIDENT_SOURCES)
_ACTIVE = sql.SQL(
    "select ri.*, r.source_id, r.source_country, r.url, r.published_at, r.interval_start, w.fetched_at,"
    " marts.in_country_bbox(ri.country, ri.latitude, ri.longitude) as in_bbox"
    " from staging.report_incidents ri"
    " join staging.reports r using (report_id)"
    " join raw.reports w using (report_id)"
    " where r.usable and r.duplicate_of is null"
    " and not exists (select 1 from staging.report_exclusions x where x.report_id = r.report_id)"
    " and "
)
_KEYS = sql.SQL("(ri.report_id, ri.seq) in (select * from unnest(%(reports)s::text[], %(seqs)s::integer[]))")


@dataclass(frozen=True)
class FuseResult:
    incidents: int  # incidents written (created or recomputed)
    removed: int  # incidents that no longer exist (all their mentions gone, or merged into another)
    mentions: int = 0  # active mentions fused into those incidents
    rejected: int = 0  # mentions of the interval left out as implausible (see the module docstring)


def _rejection(row: dict[str, Any]) -> str | None:
    if row["event_type"] not in EVENT_TYPES:
        return f"event type {row['event_type']!r} is not an ACLED event type"
    reported = row["published_at"] or row["fetched_at"]
    if reported is not None and row["event_date"] > reported.astimezone(UTC).date() + timedelta(days=1):
        return f"event date {row['event_date']} is after the report was published ({reported:%Y-%m-%d})"
    return None


def _mentions(
    conn: psycopg.Connection, where: sql.Composable, params: dict[str, Any], rejected: list[Key] | None = None
) -> list[Mention]:
    with conn.cursor(row_factory=dict_row) as cursor:
        rows = cursor.execute(_ACTIVE + where, params).fetchall()
    mentions = []
    for row in rows:
        reason = _rejection(row)
        if reason is not None:
            if rejected is not None:
                rejected.append((row["report_id"], row["seq"]))
                log.warning(
                    "mention %s/%s (%s) left out of fusion: %s", row["report_id"], row["seq"], row["url"], reason
                )
            continue
        if not row["in_bbox"]:
            log.warning(
                "mention %s/%s: (%s, %s) is outside %s; located by name",
                row["report_id"],
                row["seq"],
                row["latitude"],
                row["longitude"],
                row["country"],
            )
        mentions.append(
            Mention(
                report_id=row.pop("report_id"),
                seq=row.pop("seq"),
                source_id=row.pop("source_id"),
                url=row.pop("url"),
                published_at=row.pop("published_at"),
                interval_start=row.pop("interval_start"),
                source_country=row.pop("source_country"),
                in_bbox=bool(row.pop("in_bbox")),
                extra=row.pop("extra") or {},
                fetched_at=row.pop("fetched_at"),
                fields=row,
            )
        )
    return mentions


def _by_keys(conn: psycopg.Connection, keys: Iterable[Key]) -> list[Mention]:
    keys = sorted(keys)
    if not keys:
        return []
    return _mentions(conn, _KEYS, {"reports": [k[0] for k in keys], "seqs": [k[1] for k in keys]})


def _previous(conn: psycopg.Connection, keys: list[Key]) -> list[tuple[str, str, int]]:
    if not keys:
        return []
    return conn.execute(
        "select s.incident_id, s.report_id, s.seq from marts.incident_sources s"
        " join unnest(%s::text[], %s::integer[]) k(report_id, seq) using (report_id, seq) where s.copy_of is null",
        ([k[0] for k in keys], [k[1] for k in keys]),
    ).fetchall()


def _closure(
    conn: psycopg.Connection, seeds: list[Mention], stale: set[str]
) -> tuple[dict[Key, Mention], dict[Key, str], set[str], Links]:
    """The active mentions connected to the seeds (by a match, or by a shared previous incident), the previous
    incident of every mention met on the way (active or not), every previous incident involved, and the links
    between the mentions.

    Matches are followed only among the mentions of the seeds' countries whose event dates lie within
    HORIZON_DAYS of the seeds' (the pool, loaded at once): in a region with incidents every other day, chains of
    matches would otherwise reach back through its whole history at every run. Incidents are always taken whole."""
    spans = [(m.country, m.event_date) for m in seeds] + conn.execute(
        "select country, event_date from marts.incidents where incident_id = any(%s)", (sorted(stale),)
    ).fetchall()
    if not spans:
        return {}, {}, set(), {}
    horizon = timedelta(days=HORIZON_DAYS)
    pool = {
        m.key: m
        for m in _mentions(
            conn,
            sql.SQL("ri.country = any(%(countries)s) and ri.event_date between %(first)s and %(last)s"),
            {
                "countries": sorted({c for c, _ in spans}),
                "first": min(d for _, d in spans) - horizon,
                "last": max(d for _, d in spans) + horizon,
            },
        )
    }
    for seed in seeds:
        pool.setdefault(seed.key, seed)
    links = build_links(list(pool.values()))
    previous = {(report_id, seq): incident for incident, report_id, seq in _previous(conn, list(pool))}
    mentions: dict[Key, Mention] = {}
    incidents: set[str] = set()
    frontier = {seed.key for seed in seeds}
    pending = set(stale)
    while frontier or pending:
        new = frontier - mentions.keys()
        mentions.update((key, pool[key]) for key in new)
        pending |= {previous[key] for key in new if key in previous}
        pending -= incidents
        following: set[Key] = set()
        if pending:
            incidents |= pending
            members = conn.execute(
                "select incident_id, report_id, seq from marts.incident_sources"
                " where incident_id = any(%s) and copy_of is null",
                (sorted(pending),),
            ).fetchall()
            pending = set()
            for incident, report_id, seq in members:
                previous[(report_id, seq)] = incident
            # members beyond the pool (out of the horizon, or moved to another country by a re-extraction)
            extra = _by_keys(conn, {(r, s) for _, r, s in members} - pool.keys())
            for mention, other, found in find_links(extra, [*pool.values(), *extra]):
                links[mention.key][other.key] = links[other.key][mention.key] = found
            pool.update((m.key, m) for m in extra)
            following |= {(r, s) for _, r, s in members if (r, s) in pool}
        for key in new:
            following |= {other for other in links.get(key, ()) if other in pool}
        frontier = following - mentions.keys()
    return mentions, previous, incidents, links


def _source_row(incident: str, cluster: Cluster, mention: Mention) -> tuple[Any, ...]:
    found = cluster.links.get(mention.key)
    distance = round(found.distance_km, 3) if found is not None and found.distance_km is not None else None
    values = {
        **mention.fields,
        "incident_id": incident,
        "report_id": mention.report_id,
        "seq": mention.seq,
        "source_id": mention.source_id,
        "source_country": mention.source_country,
        "url": mention.url,
        "published_at": mention.published_at,
        "confidence": float(mention.fields["confidence"]),
        "match_rule": "anchor" if found is None else found.rule,
        "distance_km": distance,
        "copy_of": None,
    }
    return tuple(values[column] for column in SOURCE_COLUMNS)


def _copy_row(incident: str, mention: Mention, copy: Copy) -> tuple[Any, ...]:
    """A copy's row: its own report, outlet and URL, with the words and figures of the mention it copies."""
    values = {
        **mention.fields,
        "incident_id": incident,
        "report_id": copy.report_id,
        "seq": mention.seq,
        "source_id": copy.source_id,
        "source_country": copy.source_country,
        "url": copy.url,
        "published_at": copy.published_at,
        "confidence": float(mention.fields["confidence"]),
        "match_rule": "copy",
        "distance_km": None,
        "copy_of": copy.copy_of,
    }
    return tuple(values[column] for column in SOURCE_COLUMNS)


def _recompute(conn: psycopg.Connection, seeds: list[Mention], stale: set[str]) -> FuseResult:
    """Regroup everything connected to the seeds and the stale incidents, and write it (caller's transaction)."""
    mentions, previous, old_ids, links = _closure(conn, seeds, stale)
    clusters = group(list(mentions.values()), links)
    reserved = {
        row[0]
        for row in conn.execute(  # ids of other incidents that a new id must not take
            "select incident_id from marts.incidents where incident_id = any(%s) and not incident_id = any(%s)",
            ([incident_id(c.founder) for c in clusters], sorted(old_ids)),
        )
    }
    ids = assign_ids(clusters, previous, reserved)
    copies = read_copies(conn, {m.report_id for m in mentions.values()})
    sources_of = [carried(cluster.members, copies) for cluster in clusters]
    rows = [
        fuse(cluster.members, incident, [copy for _, copy in found])
        for cluster, incident, found in zip(clusters, ids, sources_of)
    ]
    sources = [_source_row(incident, cluster, m) for cluster, incident in zip(clusters, ids) for m in cluster.members]
    sources += [
        _copy_row(incident, mention, copy) for incident, found in zip(ids, sources_of) for mention, copy in found
    ]
    retired = aliases(previous, clusters, ids)
    gone = sorted(old_ids - set(ids))
    days = {
        row[0]
        for row in conn.execute(
            "select distinct event_date from marts.incidents where incident_id = any(%s)", (sorted(old_ids),)
        )
    }
    days |= {row["event_date"] for row in rows}
    touched = sorted(old_ids | set(ids))
    conn.execute("delete from marts.incident_sources where incident_id = any(%s)", (touched,))
    upsert_rows(
        conn,
        INCIDENTS,
        INCIDENT_COLUMNS,
        [tuple(row[c] for c in INCIDENT_COLUMNS) for row in rows],
        key=("incident_id",),
    )
    upsert_rows(conn, INCIDENT_SOURCES, SOURCE_COLUMNS, sources, key=("incident_id", "report_id", "seq"))
    conn.execute("delete from marts.incident_aliases where alias_id = any(%s)", (sorted(ids),))
    if retired:
        with conn.cursor() as cursor:
            cursor.executemany(
                "update marts.incident_aliases set incident_id = %s where incident_id = %s",
                [(new, old) for old, new in sorted(retired.items())],
            )
        upsert_rows(
            conn, "marts.incident_aliases", ("alias_id", "incident_id"), sorted(retired.items()), key=("alias_id",)
        )
    removed = conn.execute("delete from marts.incidents where incident_id = any(%s)", (gone,)).rowcount
    conn.execute("select marts.refresh_counts(%s::date[])", (sorted(days),))
    return FuseResult(len(rows), removed, len(mentions))


def _lock(conn: psycopg.Connection) -> None:
    conn.execute("select pg_advisory_xact_lock(%s)", (_LOCK_KEY,))


def _supported_by(conn: psycopg.Connection, condition: str, params: tuple[Any, ...]) -> set[str]:
    return {
        row[0]
        for row in conn.execute(
            "select distinct s.incident_id from marts.incident_sources s join staging.reports r using (report_id)"
            f" where {condition}",
            params,
        )
    }  # condition: fixed fragments of this module only


def fuse_interval(conn: psycopg.Connection, interval: Interval) -> FuseResult:
    """Fuse the interval's mentions into incidents, recomputing every incident they (or the interval's reports,
    before a re-extraction, a duplicate mark or an exclusion, and the originals of the interval's copies) touch;
    returns what changed."""
    rejected: list[Key] = []
    with conn.transaction():
        _lock(conn)
        seeds = _mentions(
            conn,
            sql.SQL("r.interval_start >= %(start)s and r.interval_start < %(end)s"),
            {"start": interval.start, "end": interval.end},
            rejected,
        )
        stale = _supported_by(
            conn,
            "r.interval_start >= %s and r.interval_start < %s"
            " or exists (select 1 from staging.report_exclusions x"
            " where x.report_id = s.report_id)"
            " or s.report_id in (select c.duplicate_of from staging.reports c"
            " where c.interval_start >= %s and c.interval_start < %s"
            " and c.duplicate_rule = any(%s))",
            (interval.start, interval.end, interval.start, interval.end, list(COUNTED_RULES)),
        )
        result = _recompute(conn, seeds, stale)
    log.info(
        "fused %d mentions into %d incidents for %s (%d removed, %d rejected)",
        result.mentions,
        result.incidents,
        interval.slug,
        result.removed,
        len(rejected),
    )
    return FuseResult(result.incidents, result.removed, result.mentions, len(rejected))


def exclude_report(conn: psycopg.Connection, report_id: str, reason: str, note: str | None = None) -> FuseResult:
    """Take a report out of fusion (retracted, a duplicate dedup missed, ...) and recompute the incidents it
    supported at once: an incident it alone supported disappears, the others lose it as a source."""
    if reason not in EXCLUSION_REASONS:
        raise ValueError(f"reason must be one of {', '.join(EXCLUSION_REASONS)}, not {reason!r}")
    with conn.transaction():
        _lock(conn)
        conn.execute(
            "insert into staging.report_exclusions (report_id, reason, note) values (%s, %s, %s)"
            " on conflict (report_id) do update set reason = excluded.reason, note = excluded.note",
            (report_id, reason, note),
        )
        result = _recompute(conn, [], _supported_by(conn, "s.report_id = %s", (report_id,)))
    log.info(
        "report %s excluded (%s): %d incidents recomputed, %d removed",
        report_id,
        reason,
        result.incidents,
        result.removed,
    )
    return result


def restore_report(conn: psycopg.Connection, report_id: str) -> FuseResult:
    """Undo exclude_report: the report's mentions take part in fusion again (a copy is a source again of the
    incidents of its original)."""
    with conn.transaction():
        _lock(conn)
        conn.execute("delete from staging.report_exclusions where report_id = %s", (report_id,))
        seeds = _mentions(conn, sql.SQL("ri.report_id = %(report)s"), {"report": report_id})
        originals = _supported_by(
            conn, "s.report_id in (select c.duplicate_of from staging.reports c where c.report_id = %s)", (report_id,)
        )
        result = _recompute(conn, seeds, originals)
    log.info("report %s restored: %d incidents recomputed", report_id, result.incidents)
    return result
