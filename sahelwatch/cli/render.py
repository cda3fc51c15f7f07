"""How the CLI shows results: rich tables on a terminal, plain text otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sahelwatch.summary import RunSummary

console = Console()
if not console.is_terminal:  # pipes and CI logs: wide enough that the incident table stays readable
    console = Console(width=160)


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


def print_summary(day: date, summary: RunSummary, new: int, ok: bool, log_file: Path) -> None:
    status = "[green]succeeded[/green]" if ok else f"[red]FAILED[/red] (see {log_file})"
    console.print(f"\n[bold]sahelwatch {day}[/bold]: DAG run {status}")
    console.print(
        f"sources {summary.sources} ({summary.sources_failed} failed) · reports crawled {summary.reports_crawled}"
        f" · new {new} · usable {summary.reports_usable} · duplicates {summary.duplicates}"
        f" · incidents {summary.incidents}"
    )
    if summary.raw_pages_pruned:
        console.print(
            f"  [yellow]raw pages gone[/yellow]: retention dropped the raw HTML of"
            f" {summary.raw_pages_pruned} report(s) of this day (older than its window); they were"
            " re-extracted from their stored text"
        )
    for failure in summary.failed_sources:
        kinds = ", ".join(f"{kind} x{count}" for kind, count in sorted(failure["error_kinds"].items()))
        console.print(f"  [yellow]source {failure['source_id']} failed[/yellow]: {kinds or failure['message']}")
    if not summary.top_incidents:
        return
    table = Table(title="Top incidents", show_lines=False)
    for name in ("date", "type", "location", "admin1", "country", "actors", "killed", "abducted", "sources"):
        table.add_column(name)
    for row in summary.top_incidents:
        killed = _count(row["fatalities"])
        if row["fatalities_low"] is not None and row["fatalities_high"] != row["fatalities_low"]:
            killed += f" ({row['fatalities_low']}-{_count(row['fatalities_high'])})"
        table.add_row(
            str(row["event_date"]),
            row["sub_event_type"],
            row["location"] or "",
            row["admin1"] or "",
            row["country"],
            " vs ".join(filter(None, (row["actor1"], row["actor2"]))),
            killed,
            _count(row["abducted"]),
            str(row["source_count"]),
        )
    console.print(table)


@dataclass(frozen=True)
class DayResult:
    """One day of `sahelwatch run`, for the table at the end of a range."""

    day: date
    ok: bool
    summary: RunSummary
    new: int


def print_days(results: list[DayResult]) -> None:
    """The closing table of a run over several days: one row per day, so a bad day stands out."""
    table = Table(title=f"sahelwatch run: {len(results)} days")
    for name in ("day", "status", "sources failed", "reports", "new", "incidents"):
        table.add_column(name, justify="left" if name in ("day", "status") else "right")
    for result in results:
        status = "succeeded" if result.ok else "[red]FAILED[/red]"
        table.add_row(
            str(result.day),
            status,
            f"{result.summary.sources_failed}/{result.summary.sources}",
            str(result.summary.reports_crawled),
            str(result.new),
            str(result.summary.incidents),
        )
    console.print()
    console.print(table)
