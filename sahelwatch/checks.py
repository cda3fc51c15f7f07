"""Data-quality checks over one data interval of the warehouse.

Each check is a plain function ``check(conn, interval, limits=None) -> list[str]``: it only reads, and returns one
human-readable line per problem (an empty list means the check passed). The DAG runs each as its own task that fails
visibly when the list is not empty; the CLI or a notebook can call them the same way.

Thresholds come from ``SAHELWATCH_CHECK_*`` environment variables (see `Limits`), so operators tune them without a
code change.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import timedelta
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from sahelwatch.db.rows import one_row
from sahelwatch.fuse.match import MAX_WINDOW_DAYS, link, place_of
from sahelwatch.interval import Interval


@dataclass(frozen=True)
class Limits:
    """Thresholds of the checks; each field reads ``SAHELWATCH_CHECK_<FIELD>`` when built by `from_env`."""

    min_reports: int = 0  # raw reports expected per interval at least (0: no minimum; sources may be quiet)
    stale_days: int = 3  # a source that has not succeeded for this many days is stale
    yield_window_days: int = 14  # how far back the recent extraction yield is averaged
    yield_min_history: int = 3  # intervals with reports needed in that window before yield is judged
    yield_min_reports: int = 5  # canonical usable reports needed in the interval before yield is judged
    yield_factor: float = 3.0  # yield more than this factor above or below the recent average is a problem
    min_free_gb: float = 5.0  # free space on the data directory's disk below this is a problem (a crawl fills it)

    @classmethod
    def from_env(cls) -> Limits:
        values: dict[str, Any] = {}  # each field's own type: int or float
        for spec in fields(cls):
            raw = os.environ.get(f"SAHELWATCH_CHECK_{spec.name.upper()}")
            if raw not in (None, ""):
                values[spec.name] = float(raw) if spec.type in ("float", float) else int(raw)
        return cls(**values)


def _limits(limits: Limits | None) -> Limits:
    return limits if limits is not None else Limits.from_env()


def _window(interval: Interval) -> dict[str, object]:
    return {"start": interval.start, "end": interval.end}


def row_counts(conn: psycopg.Connection, interval: Interval, limits: Limits | None = None) -> list[str]:
    """Every stage saw the interval's rows: source outcomes recorded and at least one source crawled successfully,
    every raw report cleaned, and at least the configured minimum of raw reports (`min_reports`)."""
    limits = _limits(limits)
    window = _window(interval)
    problems = []
    sources, succeeded = one_row(
        conn.execute(
            "select count(*), count(*) filter (where status in ('ok', 'partial')) from raw.source_runs"
            " where interval_start >= %(start)s and interval_start < %(end)s",
            window,
        )
    )
    if sources == 0:
        problems.append("no source outcome recorded for the interval (did load run?)")
    elif succeeded == 0:
        problems.append(f"none of the {sources} sources was crawled successfully")
    raw, uncleaned = one_row(
        conn.execute(
            "select count(*), count(*) filter (where s.report_id is null) from raw.reports r"
            " left join staging.reports s using (report_id)"
            " where r.interval_start >= %(start)s and r.interval_start < %(end)s",
            window,
        )
    )
    if uncleaned:
        problems.append(f"{uncleaned} of {raw} raw reports have no staging row (clean did not cover them)")
    if raw < limits.min_reports:
        problems.append(f"{raw} raw reports, fewer than the minimum of {limits.min_reports}")
    return problems


@dataclass(frozen=True)
class Required:
    """Columns that must hold a value (not null, not an empty string) in one table, for the interval's rows."""

    table: str
    columns: tuple[str, ...]
    scope: str  # a fixed SQL fragment selecting the interval's rows of alias t; never built from input


_REPORTS_OF_INTERVAL = (
    "select report_id from staging.reports where interval_start >= %(start)s and interval_start < %(end)s"
)
REQUIRED: tuple[Required, ...] = (
    # What a crawl must have kept for every stored page: its status and the page itself (unless retention dropped
    # the page on purpose: sahelwatch.retention, html_pruned_at).
    Required("raw.reports", ("http_status",), "t.interval_start >= %(start)s and t.interval_start < %(end)s"),
    Required(
        "raw.reports",
        ("html_gz",),
        "t.html_pruned_at is null and t.interval_start >= %(start)s and t.interval_start < %(end)s",
    ),
    # A usable report goes to extraction: it needs its text and a detected language (published_at may be null:
    # a report without a trustworthy date is kept undated, by design).
    Required(
        "staging.reports",
        ("text", "title", "language"),
        "t.usable and t.interval_start >= %(start)s and t.interval_start < %(end)s",
    ),
    # An incident mention must say who did it and quote the sentence it came from.
    Required("staging.report_incidents", ("actor1", "evidence"), f"t.report_id in ({_REPORTS_OF_INTERVAL})"),
    Required(
        "marts.incidents",
        ("actor1", "evidence"),
        "t.incident_id in (select incident_id from marts.incident_sources"
        f" where report_id in ({_REPORTS_OF_INTERVAL}))",
    ),
)


def required_columns(
    conn: psycopg.Connection,
    interval: Interval,
    limits: Limits | None = None,
    required: tuple[Required, ...] = REQUIRED,
) -> list[str]:
    """No nulls (or empty strings) in the columns listed in `REQUIRED`, among the interval's rows."""
    problems = []
    for spec in required:
        counts = [
            sql.SQL("count(*) filter (where {c} is null or {c}::text = '')").format(c=sql.Identifier(column))
            for column in spec.columns
        ]
        query = sql.SQL("select count(*), {counts} from {table} t where {scope}").format(
            counts=sql.SQL(", ").join(counts), table=sql.Identifier(*spec.table.split(".")), scope=sql.SQL(spec.scope)
        )  # noqa: S608 - scope is a constant of this module
        total, *missing = one_row(conn.execute(query, _window(interval)))
        for column, count in zip(spec.columns, missing):
            if count:
                problems.append(f"{spec.table}.{column}: {count} of {total} rows of the interval have no value")
    return problems


# The incidents near the interval's in time (within fusion's widest date window of an incident that one of the
# interval's reports supports), as fusion would compare them: the place columns of the anchor, whether its
# coordinates count, and the report mentions (report_id, seq) behind each.
_NEAR_INCIDENTS = (
    "with touched as (select distinct i.incident_id, i.event_date from marts.incidents i"
    " join marts.incident_sources s using (incident_id)"
    f" where s.report_id in ({_REPORTS_OF_INTERVAL}))"
    " select i.incident_id, i.event_date, i.time_precision, i.event_type, i.country, i.admin1, i.admin2,"
    " i.location, i.latitude, i.longitude, i.geo_precision,"
    " marts.in_country_bbox(i.country, i.latitude, i.longitude) as located,"
    " i.incident_id in (select incident_id from touched) as touched,"
    " array(select s.report_id || '#' || s.seq from marts.incident_sources s"
    " where s.incident_id = i.incident_id) as mentions"
    " from marts.incidents i where exists (select 1 from touched t"
    " where abs(i.event_date - t.event_date) <= %(days)s) order by i.incident_id"
)


def _fusion_would_merge(a: dict, b: dict) -> bool:
    """Fusion's own rule (sahelwatch.fuse.match.link on the incidents' anchors): would these two be one incident?
    Two incidents holding different mentions of one report never would: the extractor kept those apart."""
    reports_a = {m.split("#")[0]: m for m in a["mentions"]}
    if any(reports_a.get(m.split("#")[0], m) != m for m in b["mentions"]):
        return False
    return (
        link(
            a["event_type"],
            a["event_date"],
            a["time_precision"],
            place_of(a, a["located"]),
            b["event_type"],
            b["event_date"],
            b["time_precision"],
            place_of(b, b["located"]),
        )
        is not None
    )


def _incidents_fusion_would_merge(conn: psycopg.Connection, interval: Interval) -> list[list[dict]]:
    """Groups (two or more) of incidents near the interval that fusion's matching rules would have made one, each
    group holding at least one incident of the interval."""
    with conn.cursor(row_factory=dict_row) as cursor:
        incidents = cursor.execute(_NEAR_INCIDENTS, {**_window(interval), "days": MAX_WINDOW_DAYS}).fetchall()
    group_of = {i["incident_id"]: [i] for i in incidents}
    for n, a in enumerate(incidents):
        for b in incidents[n + 1 :]:
            if (
                (a["touched"] or b["touched"])
                and group_of[a["incident_id"]] is not group_of[b["incident_id"]]
                and _fusion_would_merge(a, b)
            ):
                merged = group_of[a["incident_id"]] + group_of[b["incident_id"]]
                for member in merged:
                    group_of[member["incident_id"]] = merged
    groups = {id(group): group for group in group_of.values() if len(group) > 1}
    return sorted(
        (sorted(g, key=lambda i: i["incident_id"]) for g in groups.values()), key=lambda g: g[0]["incident_id"]
    )


def duplicate_incidents(conn: psycopg.Connection, interval: Interval, limits: Limits | None = None) -> list[str]:
    """No incident counted twice: a report mention fused into two incidents, two incidents that fusion's own
    matching rules would have made one (sahelwatch.fuse.match), or two canonical reports of the interval with the
    same text."""
    window = _window(interval)
    problems = []
    for report_id, seq, incidents in conn.execute(
        "select report_id, seq, array_agg(incident_id order by incident_id) from marts.incident_sources"
        f" where report_id in ({_REPORTS_OF_INTERVAL}) group by 1, 2 having count(*) > 1 order by 1, 2",
        window,
    ):
        problems.append(f"mention {report_id}#{seq} supports several incidents: {', '.join(incidents)}")
    for group in _incidents_fusion_would_merge(conn, interval):
        first = group[0]
        problems.append(
            f"{len(group)} incidents look like one ({first['event_date']}, {first['country']},"
            f" {first['event_type']}, same place): {', '.join(i['incident_id'] for i in group)}"
        )
    # Reports that an editor excluded from fusion (e.g. as a duplicate that dedup missed) are settled already.
    excluded = (
        "and report_id not in (select report_id from staging.report_exclusions)"
        if one_row(conn.execute("select to_regclass('staging.report_exclusions')"))[0]
        else ""
    )
    for digest, reports in conn.execute(
        "select content_hash, array_agg(report_id order by report_id) from staging.reports"
        " where usable and duplicate_of is null and interval_start >= %(start)s and interval_start < %(end)s"
        f" {excluded} group by 1 having count(*) > 1 order by 1",
        window,
    ):
        problems.append(f"canonical reports with identical text {digest[:12]}: {', '.join(reports)}")
    return problems


def stale_sources(conn: psycopg.Connection, interval: Interval, limits: Limits | None = None) -> list[str]:
    """No source that has been followed for at least `stale_days` failed every crawl of the last `stale_days`.

    A source first crawled less than `stale_days` ago is not judged yet, so one failing day never trips this check
    (that is the crawl task's own red square); a source that stopped being crawled (disabled) drops out of it."""
    limits = _limits(limits)
    since = interval.end - timedelta(days=limits.stale_days)
    rows = conn.execute(
        "select source_id, max(interval_end) filter (where status in ('ok', 'partial')) as last_ok,"
        " count(*) filter (where interval_start >= %(since)s) as recent"
        " from raw.source_runs where interval_start < %(end)s group by source_id"
        " having min(interval_start) <= %(since)s"
        " and count(*) filter (where interval_start >= %(since)s) > 0"
        " and count(*) filter (where interval_start >= %(since)s and status in ('ok', 'partial')) = 0"
        " order by source_id",
        {"since": since, "end": interval.end},
    ).fetchall()
    return [
        f"source {source_id}: no successful crawl in the {limits.stale_days} days before"
        f" {interval.end:%Y-%m-%d %H:%M} ({recent} failed crawls); last success: "
        + (f"{last_ok:%Y-%m-%d %H:%M}" if last_ok else "never")
        for source_id, last_ok, recent in rows
    ]


def extraction_yield(conn: psycopg.Connection, interval: Interval, limits: Limits | None = None) -> list[str]:
    """Incident mentions per canonical usable report stay within `yield_factor` of the recent average.

    Judged only when the interval has `yield_min_reports` reports and the previous `yield_window_days` hold
    `yield_min_history` intervals with reports: a sudden drop usually means a broken lexicon or page layout, a
    sudden rise a noisy source."""
    limits = _limits(limits)
    per_interval = conn.execute(
        "select r.interval_start, count(distinct r.report_id), count(ri.report_id) from staging.reports r"
        " left join staging.report_incidents ri using (report_id)"
        " where r.usable and r.duplicate_of is null and r.interval_start >= %(since)s and r.interval_start < %(end)s"
        " group by 1",
        {"since": interval.start - timedelta(days=limits.yield_window_days), "end": interval.end},
    ).fetchall()
    reports = sum(n for start, n, _ in per_interval if start >= interval.start)
    mentions = sum(m for start, _, m in per_interval if start >= interval.start)
    history = [(n, m) for start, n, m in per_interval if start < interval.start and n > 0]
    if reports < limits.yield_min_reports or len(history) < limits.yield_min_history:
        return []
    average = sum(m for _, m in history) / sum(n for n, _ in history)
    current = mentions / reports
    if average == 0:
        return []
    if current < average / limits.yield_factor or current > average * limits.yield_factor:
        return [
            f"extraction yield {current:.2f} incidents per report ({mentions} from {reports} reports) is more"
            f" than {limits.yield_factor:g}x away from the recent average {average:.2f}"
            f" ({len(history)} earlier intervals of the last {limits.yield_window_days} days)"
        ]
    return []


def free_space(
    conn: psycopg.Connection | None, interval: Interval | None = None, limits: Limits | None = None
) -> list[str]:
    """The disk of the data directory (run files, logs, the embedded warehouse) has at least `min_free_gb` free:
    a disk that fills during a crawl loses the day. Reads no table; `sahelwatch prune` frees space."""
    from sahelwatch.config import load_settings
    from sahelwatch.retention.disk import low_space

    limits = _limits(limits)
    return low_space(load_settings().data_dir, limits.min_free_gb)


Check = Callable[[psycopg.Connection, Interval, Limits | None], list[str]]
# The checks the DAG runs, one task each, in this order. Names are task ids: keep them stable.
CHECKS: dict[str, Check] = {
    "row_counts": row_counts,
    "required_columns": required_columns,
    "duplicate_incidents": duplicate_incidents,
    "stale_sources": stale_sources,
    "extraction_yield": extraction_yield,
}


# Checks of the machine rather than of an interval's rows: the weekly retention DAG and `sahelwatch status` run them.
HOST_CHECKS: dict[str, Check] = {"free_space": free_space}


def run_check(conn: psycopg.Connection, name: str, interval: Interval, limits: Limits | None = None) -> list[str]:
    """Run one check by name (read-only; the transaction is rolled back)."""
    try:
        return {**CHECKS, **HOST_CHECKS}[name](conn, interval, limits)
    finally:
        conn.rollback()
