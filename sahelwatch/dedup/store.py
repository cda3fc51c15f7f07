"""Reading and writing deduplication state in the warehouse (staging.reports, staging.report_signatures).

Each function reads or writes one thing; dedup_interval (sahelwatch.dedup.stage) wires them in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import psycopg

from sahelwatch.db.bulk import upsert_rows
from sahelwatch.dedup.cluster import Assignment, Earlier
from sahelwatch.dedup.exact import ExactIndex
from sahelwatch.dedup.signature import Signature, SignatureParams, sign_many
from sahelwatch.interval import Interval

SIGNATURE_COLUMNS = (
    "report_id",
    "interval_start",
    "params",
    "content_hash",
    "shingle_count",
    "body_minhash",
    "lead_minhash",
)
BATCH_ROWS = 2000


def today_reports(conn: psycopg.Connection, interval: Interval) -> Iterator[list[tuple[Any, ...]]]:
    """(report_id, canonical_url, content_hash, published_at, text, interval_start) of the interval's usable reports,
    in batches from a server-side cursor (inside the caller's transaction): the caller keeps each text only until it
    is signed, so memory does not grow with the day."""
    with conn.cursor(name="dedup_today") as cursor:
        cursor.execute(
            "select report_id, canonical_url, content_hash, published_at, text, interval_start from staging.reports"
            " where usable and interval_start >= %s and interval_start < %s order by report_id",
            (interval.start, interval.end),
        )
        while rows := cursor.fetchmany(BATCH_ROWS):
            yield rows


def earlier_exact(
    conn: psycopg.Connection, interval: Interval, urls: Sequence[str], hashes: Sequence[str]
) -> ExactIndex:
    """Exact keys of all earlier usable reports sharing a URL or a hash with today's (indexed, so no window)."""
    index = ExactIndex()
    for url, digest, root in conn.execute(
        "select canonical_url, content_hash, cluster_id from staging.reports"
        " where usable and interval_start < %s and (canonical_url = any(%s) or content_hash = any(%s))"
        " order by interval_start, published_at nulls last, report_id",
        (interval.start, list(urls), list(hashes)),
    ):
        index.add(url, digest, root)
    return index


def window_reports(
    conn: psycopg.Connection, interval: Interval, days: int, params: SignatureParams
) -> tuple[list[Earlier], int]:
    """Usable reports of the `days` before the interval with their stored signatures; a report whose signature is
    missing or stale (other params, changed text) is signed again in memory. Returns the reports and that count."""
    rows = conn.execute(
        "select r.report_id, r.cluster_id, s.shingle_count, s.body_minhash, s.lead_minhash,"
        " case when s.report_id is null then r.text end from staging.reports r"
        " left join staging.report_signatures s on s.report_id = r.report_id and s.params = %s"
        "  and s.content_hash = r.content_hash"
        " where r.usable and r.interval_start >= %s - make_interval(days => %s) and r.interval_start < %s"
        " order by r.report_id",
        (params.name, interval.start, days, interval.start),
    ).fetchall()
    stale = [row for row in rows if row[3] is None]
    resigned = dict(zip((row[0] for row in stale), sign_many([row[5] or "" for row in stale], params)))
    earlier = [
        Earlier(report_id, cluster_id, resigned.get(report_id) or Signature.from_bytes(body, lead, shingles))
        for report_id, cluster_id, shingles, body, lead, _ in rows
    ]
    return earlier, len(resigned)


def save_assignments(conn: psycopg.Connection, interval: Interval, assignments: Iterable[Assignment]) -> None:
    """Reset the interval's dedup columns, then write the assignments (the caller owns the transaction)."""
    conn.execute(
        "update staging.reports set duplicate_of = null, cluster_id = report_id, duplicate_rule = null,"
        " duplicate_similarity = null where interval_start >= %s and interval_start < %s",
        (interval.start, interval.end),
    )
    conn.execute(
        "create temporary table dedup_assignments (report_id text primary key, duplicate_of text,"
        " cluster_id text not null, duplicate_rule text, duplicate_similarity real) on commit drop"
    )
    with conn.cursor().copy("copy dedup_assignments from stdin") as copy:
        for a in assignments:
            if a.duplicate_of is not None:
                copy.write_row((a.report_id, a.duplicate_of, a.cluster_id, a.rule, a.similarity))
    conn.execute(
        "update staging.reports r set duplicate_of = a.duplicate_of, cluster_id = a.cluster_id,"
        " duplicate_rule = a.duplicate_rule, duplicate_similarity = a.duplicate_similarity"
        " from dedup_assignments a where r.report_id = a.report_id"
    )
    conn.execute("drop table dedup_assignments")


def save_signatures(
    conn: psycopg.Connection,
    interval: Interval,
    params: SignatureParams,
    signed: Iterable[tuple[str, datetime, str, Signature]],
) -> None:
    """Replace the interval's stored signatures (reports that became unusable lose theirs)."""
    conn.execute(
        "delete from staging.report_signatures where interval_start >= %s and interval_start < %s",
        (interval.start, interval.end),
    )
    rows = (
        (report_id, start, params.name, digest, signature.shingles, *signature.to_bytes())
        for report_id, start, digest, signature in signed
    )
    upsert_rows(conn, "staging.report_signatures", SIGNATURE_COLUMNS, rows, key=("report_id",))
