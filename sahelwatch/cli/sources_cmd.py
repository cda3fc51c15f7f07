"""`sahelwatch sources`: list and validate the source registry, or show each source's crawl health."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "sources",
        help="list and validate the source registry, or show source health",
        description="List the sources of the registry (SAHELWATCH_SOURCES_FILE, default seeds/sources.yaml) after "
        "validating it (exit 2 when it is invalid), or, with --health, each crawled source's state "
        "from the warehouse.",
    )
    parser.add_argument(
        "--health",
        action="store_true",
        help="show each crawled source's last run, last success and failures (from the warehouse)",
    )
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    return _health() if args.health else _list()


def _list() -> int:
    from sahelwatch.config import load_settings
    from sahelwatch.sources.registry import load_registry

    sources = load_registry(load_settings().sources_file)  # an invalid registry: exit 2, from main
    for source in sources:
        flag = "" if source.enabled else " (disabled)"
        print(f"{source.id:28} {source.country:14} {source.language:3} {source.kind:12} {source.url}{flag}")
    print(f"{len(sources)} sources, registry valid")
    return 0


def _health() -> int:
    """Sources that went quiet show first: most consecutive failures, then the oldest last success."""
    from rich.table import Table

    from sahelwatch.cli.common import warehouse_url
    from sahelwatch.cli.render import console
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect

    with connect(warehouse_url(load_settings())) as conn:
        rows = conn.execute(
            "select source_id, last_run_at::date, last_status, last_success_at::date, consecutive_failures,"
            " items_new, items_new_7d, errors_7d, last_error_kinds from marts.source_crawl_health"
            " order by consecutive_failures desc, last_success_at nulls first, source_id"
        ).fetchall()
    table = Table(title="Source health")
    for name in (
        "source",
        "last run",
        "status",
        "last success",
        "failures in a row",
        "new items",
        "new (7 d)",
        "errors (7 d)",
        "last errors",
    ):
        table.add_column(name)
    for source_id, last_run, status, success, failures, new, new_7d, errors_7d, kinds in rows:
        last_errors = ", ".join(f"{kind} x{count}" for kind, count in sorted((kinds or {}).items()))
        table.add_row(
            source_id,
            str(last_run),
            status,
            str(success or "never"),
            str(failures),
            str(new or 0),
            str(new_7d or 0),
            str(errors_7d or 0),
            last_errors,
        )
    console.print(table)
    print(f"{len(rows)} sources crawled")
    return 0
