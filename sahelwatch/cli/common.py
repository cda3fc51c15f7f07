"""What several subcommands share: the error they raise for main's wrapper, argument types, the warehouse URL."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date, timedelta

from sahelwatch.config import Settings
from sahelwatch.daybounds import DayOutOfRange, check_day
from sahelwatch.db.logins import ANALYST, WRITER
from sahelwatch.textsafe import storable_text

USAGE = 2  # exit code of bad usage (argparse's own); failed work exits with 1


class CommandError(Exception):
    """A failure the user can act on: main prints `error: <message>` (no traceback) and exits with `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Need:
    """What a command needs from the warehouse login, so that a refused privilege becomes one line naming it (main
    reads it from the parsed arguments: `parser.set_defaults(needs=NEEDS_WRITER)`; the default is NEEDS_ANALYST)."""

    what: str
    remedy: str


NEEDS_ANALYST = Need(
    f"the {ANALYST} role", "log in as an analyst (an administrator makes one with `sahelwatch db analyst add NAME`)"
)
NEEDS_WRITER = Need(
    f"the {WRITER} role", "log in as a writer (an administrator makes one with `sahelwatch db writer add NAME`)"
)
NEEDS_ROLE_ADMIN = Need("a superuser or a role with CREATEROLE", "run it as the cluster's administrator")
NEEDS_OWNER = Need(
    "the owner of the warehouse database (or a superuser)", "run it as the login that created the warehouse"
)


def clock_day(text: str) -> date:
    """argparse type of a day that stands for the clock, not for news (`prune --as-of`: a later day previews a later
    prune): YYYY-MM-DD, without sahelwatch's range of news days."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a day as YYYY-MM-DD (e.g. 2025-06-02), not {text!r}") from None


def iso_day(text: str) -> date:
    """argparse type of every option that names a day of news, so a bad date gets the same helpful message
    everywhere: a day that is not YYYY-MM-DD, or is outside sahelwatch's range of days (before 1990, after
    tomorrow), is bad usage."""
    day = clock_day(text)
    try:
        check_day(day, "day")
    except DayOutOfRange as exc:
        raise argparse.ArgumentTypeError(f"{exc}; give a day in that range") from None
    return day


def listed_values(items: list[str] | None) -> tuple[str, ...]:
    """Repeated options and comma-separated lists both work: --country Mali,Niger --country BFA."""
    return tuple(part.strip() for item in items or () for part in item.split(",") if part.strip())


def text_arg(text: str) -> str:
    """argparse type of free-text options that reach the warehouse (ids, notes, filters): an argument with bytes
    that are not UTF-8 arrives with lone surrogates, which PostgreSQL cannot take; they become U+FFFD, as in the
    loader, instead of failing the command with UnicodeEncodeError."""
    return storable_text(text) or ""


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number, 1 or more, not {text!r}")
    return value


def day_range(first: date, last: date | None) -> list[date]:
    """Every day from first to last (included); last before first is bad usage, not an empty range."""
    last = last or first
    if last < first:
        raise CommandError(f"--end-date {last} is before --date {first}; give the first day, then the last", USAGE)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def past_days(first: date, last: date | None) -> list[date]:
    """day_range, refusing a range that reaches after today (UTC) as bad usage: nothing was published then yet,
    and a crawl recorded for such a day would make silent sources look fresh (sahelwatch/interval.py)."""
    from sahelwatch.interval import FutureDay, check_not_future

    days = day_range(first, last)
    try:
        check_not_future(days[-1])
    except FutureDay as exc:
        raise CommandError(str(exc), USAGE) from None
    return days


def warehouse_url(settings: Settings) -> str:
    """The configured warehouse, or the embedded one; its failure to start becomes a message that says what to do
    (the embedded server fails in many ways, all of which mean "no warehouse")."""
    from sahelwatch.db.connect import WarehouseConfigError, resolve_database_url

    try:
        return resolve_database_url(settings)
    except WarehouseConfigError:
        raise
    except Exception as exc:  # noqa: BLE001 - see the docstring
        raise CommandError(
            f"no warehouse is configured and the embedded PostgreSQL did not start ({exc}); set "
            "SAHELWATCH_DATABASE_URL to a reachable warehouse "
            "(postgresql://user:password@host:5432/dbname)"
        ) from exc
