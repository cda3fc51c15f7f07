"""`sahelwatch review`: an analyst takes a bad report out of the incidents (and can undo it), from the shell.

Calls sahelwatch.fuse.stage.exclude_report / restore_report, which recompute the incidents at once, and prints
which incidents changed, so the analyst sees the effect without querying the warehouse."""

from __future__ import annotations

import argparse

import psycopg

from sahelwatch.cli.common import NEEDS_WRITER, CommandError, text_arg, warehouse_url

_SUPPORTED = (
    "select s.incident_id, i.source_count from marts.incident_sources s join marts.incidents i"
    " using (incident_id) where s.report_id = %s order by s.incident_id"
)


def register(commands: argparse._SubParsersAction) -> None:
    from sahelwatch.fuse.stage import EXCLUSION_REASONS

    parser = commands.add_parser(
        "review",
        help="exclude a bad report from the incidents, or restore it",
        description="Take a report out of fusion (retracted by its outlet, a duplicate that dedup missed, not about "
        "a real incident) or bring it back; the incidents it supports are recomputed at once. Report "
        "ids are the report_id of staging.reports and marts.incident_sources. Reads "
        "SAHELWATCH_DATABASE_URL.",
    )
    sub = parser.add_subparsers(dest="review_command", required=True)
    exclude = sub.add_parser("exclude", help="take a report out of the incidents")
    exclude.add_argument("--report-id", required=True, type=text_arg, metavar="ID", help="the report to exclude")
    exclude.add_argument("--reason", required=True, choices=EXCLUSION_REASONS, help="why")
    exclude.add_argument(
        "--note", type=text_arg, help="free text kept with the exclusion (e.g. where the retraction is)"
    )
    exclude.set_defaults(handler=exclude_command, needs=NEEDS_WRITER)
    restore = sub.add_parser("restore", help="undo `review exclude`: the report supports incidents again")
    restore.add_argument("--report-id", required=True, type=text_arg, metavar="ID", help="the excluded report")
    restore.set_defaults(handler=restore_command, needs=NEEDS_WRITER)
    sub.add_parser("list", help="the excluded reports, newest first").set_defaults(handler=list_command)


def _supported(conn: psycopg.Connection, report_id: str) -> dict[str, int]:
    """The incidents the report supports now, with their number of sources."""
    return dict(conn.execute(_SUPPORTED, (report_id,)).fetchall())


def _known(conn: psycopg.Connection, report_id: str) -> None:
    if conn.execute("select 1 from staging.reports where report_id = %s", (report_id,)).fetchone() is None:
        raise CommandError(
            f"no report {report_id!r} in the warehouse; copy the id from the report_id column "
            "of marts.incident_sources (or staging.reports)"
        )


def _existing(conn: psycopg.Connection, incidents: set[str]) -> dict[str, int]:
    return dict(
        conn.execute(
            "select incident_id, source_count from marts.incidents where incident_id = any(%s)", (sorted(incidents),)
        ).fetchall()
    )


def exclude_command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.fuse.stage import exclude_report

    with connect(warehouse_url(load_settings())) as conn:
        _known(conn, args.report_id)
        before = _supported(conn, args.report_id)
        result = exclude_report(conn, args.report_id, args.reason, args.note)
        now = _existing(conn, set(before))
    print(
        f"report {args.report_id} excluded ({args.reason}): {result.incidents} incident(s) recomputed, "
        f"{result.removed} removed"
    )
    for incident, count in sorted(before.items()):
        print(f"  {incident}: " + (f"sources {count} -> {now[incident]}" if incident in now else "removed"))
    return 0


def restore_command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect
    from sahelwatch.fuse.stage import restore_report

    with connect(warehouse_url(load_settings())) as conn:
        _known(conn, args.report_id)
        if (
            conn.execute("select 1 from staging.report_exclusions where report_id = %s", (args.report_id,)).fetchone()
            is None
        ):
            print(f"report {args.report_id} is not excluded; nothing changed")
            return 0
        result = restore_report(conn, args.report_id)
        after = _supported(conn, args.report_id)
    print(f"report {args.report_id} restored: {result.incidents} incident(s) recomputed")
    for incident, count in sorted(after.items()):
        print(f"  {incident}: supported by the report again, {count} sources")
    return 0


def list_command(args: argparse.Namespace) -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect

    with connect(warehouse_url(load_settings())) as conn:
        rows = conn.execute(
            "select report_id, reason, excluded_at::date, excluded_by, coalesce(note, '')"
            " from marts.report_exclusions order by excluded_at desc, report_id"
        ).fetchall()
    for report_id, reason, day, who, note in rows:
        print(f"{report_id:32} {reason:16} {day} {who:12} {note}".rstrip())
    print(f"{len(rows)} report(s) excluded")
    return 0
