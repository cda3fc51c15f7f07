"""sahelwatch: conflict-incident monitoring for the Sahel, from news feeds to a PostgreSQL warehouse.

Exit codes: 0 success, 1 failed work (a failed DAG run, an unreachable warehouse, an unknown report, no valid report
in extract's input), 2 bad usage (bad arguments or days, an invalid source registry, a missing input file, a login
without the role a command needs, a warehouse setting to fix: the URL's form, a missing database, a wrong password,
a data dir of another warehouse)."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback

from sahelwatch.cli.common import NEEDS_ANALYST, USAGE, CommandError, Need

# One module per subcommand, each with register(subparsers); add a command by adding its module here.
COMMAND_MODULES = (
    "sahelwatch.cli.run",
    "sahelwatch.cli.extract_cmd",
    "sahelwatch.cli.db_cmd",
    "sahelwatch.cli.sources_cmd",
    "sahelwatch.cli.export_cmd",
    "sahelwatch.cli.report_cmd",
    "sahelwatch.cli.compare_cmd",
    "sahelwatch.cli.review_cmd",
    "sahelwatch.cli.ui",
    "sahelwatch.cli.prune_cmd",
    "sahelwatch.cli.status_cmd",
    "sahelwatch.cli.dags_cmd",
)
INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sahelwatch", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more, and show the traceback of an error")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def _warehouse() -> str:
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import mask_url

    url = load_settings().database_url
    return mask_url(url) if url else "the embedded PostgreSQL"


def _login() -> str:
    """ "alice has sahelwatch_analyst": who the warehouse login is, asked afresh (the failed transaction is gone)."""
    from sahelwatch.config import load_settings
    from sahelwatch.db.connect import connect, resolve_database_url
    from sahelwatch.db.logins import GROUPS
    from sahelwatch.db.rows import one_row

    try:
        with connect(resolve_database_url(load_settings())) as conn:
            login, groups = one_row(
                conn.execute(
                    "select current_user, array(select rolname from pg_roles where rolname = any(%s)"
                    " and pg_has_role(current_user, oid, 'member') order by rolname)",
                    (list(GROUPS.values()),),
                )
            )
    except Exception:  # noqa: BLE001 - the message still names the role needed
        return "your login could not be looked up"
    return f"your login {login} has {', '.join(groups) or 'no sahelwatch role'}"


def _explain(exc: Exception, needs: Need = NEEDS_ANALYST) -> tuple[str, int]:
    """The one line that tells the user what went wrong and what to do, and the exit code. `needs` is what the
    command needs from the login, named when the warehouse refuses a privilege."""
    import psycopg

    from sahelwatch.db.connect import WarehouseConfigError
    from sahelwatch.db.migrate import MigrationsNotFound
    from sahelwatch.sources.registry import RegistryError

    first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0].removeprefix("connection failed: ")
    if isinstance(exc, CommandError):
        return str(exc), exc.code
    if isinstance(exc, WarehouseConfigError):
        return str(exc), USAGE
    if isinstance(exc, psycopg.OperationalError) and exc.sqlstate is None:  # no server answered, or it refused us
        return (
            f"cannot reach the warehouse at {_warehouse()} ({first_line}); start PostgreSQL or set "
            "SAHELWATCH_DATABASE_URL to a reachable warehouse (postgresql://user:password@host:5432/dbname)",
            1,
        )
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return f"this command needs {needs.what}; {_login()}; {needs.remedy}", USAGE
    if isinstance(
        exc, (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName, psycopg.errors.UndefinedColumn)
    ):
        return f"the warehouse at {_warehouse()} is not migrated ({first_line}); run `sahelwatch db migrate`", 1
    if isinstance(exc, MigrationsNotFound):
        return (
            f"{first_line}; this sahelwatch install is incomplete: reinstall it "
            "(pip install --force-reinstall sahelwatch-*.whl, or pip install -e . in a checkout)",
            USAGE,
        )
    if isinstance(exc, RegistryError):
        return f"the source registry is invalid: {first_line}; fix it, or set SAHELWATCH_SOURCES_FILE", USAGE
    if isinstance(exc, OSError) and exc.filename:
        files = f"{exc.filename} -> {exc.filename2}" if exc.filename2 else exc.filename
        return f"{exc.strerror or first_line}: {files}", 1
    return f"{type(exc).__name__}: {first_line} (run `sahelwatch -v ...` to see where it happened)", 1


def main(argv: list[str] | None = None) -> int:
    """Parse, run the subcommand, and turn every failure into one line on stderr and an exit code that scripts can
    rely on; the traceback only with -v."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    os.environ.setdefault("PGCONNECT_TIMEOUT", "10")  # libpq: give up on an unreachable warehouse in seconds
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the one place where failures become messages and exit codes
        if args.verbose:
            traceback.print_exc()
        message, code = _explain(exc, getattr(args, "needs", NEEDS_ANALYST))
        print(f"error: {message}", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
