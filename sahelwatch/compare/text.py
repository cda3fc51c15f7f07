"""The comparison as plain text lines for the terminal: rules, counts, breakdowns, agreement, lead time."""

from __future__ import annotations

from sahelwatch.compare.rules import rules_text
from sahelwatch.compare.run import Comparison
from sahelwatch.compare.summary import FATALITY_TOLERANCE, GroupRow

ERRORS_SHOWN = 10  # unreadable rows listed on the terminal; all of them are in unreadable_rows.csv
GROUP_ROWS_SHOWN = 12


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f} %)" if whole else "0/0"


def signed(value: float) -> str:
    """ "+7", "-0.5", and "0" without a sign."""
    return f"{value:+g}" if value else "0"


def period(comparison: Comparison) -> str:
    span = f"{comparison.start} to {comparison.end}" if comparison.start else "no dated event"
    countries = ", ".join(comparison.countries) or "all countries"
    return f"{span}, {countries}"


def _group_lines(name: str, rows: list[GroupRow]) -> list[str]:
    width = max([len(name), *(len(r.value) for r in rows[:GROUP_ROWS_SHOWN])])
    lines = [f"  {name:<{width}}  matched  only ours  only theirs  coverage"]
    for row in rows[:GROUP_ROWS_SHOWN]:
        coverage = f"{100 * row.coverage:.0f} %" if row.coverage is not None else "-"
        lines.append(
            f"  {row.value:<{width}}  {row.matched:>7}  {row.only_ours:>9}  {row.only_theirs:>11}  {coverage:>8}"
        )
    if len(rows) > GROUP_ROWS_SHOWN:
        lines.append(f"  … {len(rows) - GROUP_ROWS_SHOWN} more in the HTML page")
    return lines


def report_lines(comparison: Comparison) -> list[str]:
    outside, matching = comparison.outside, comparison.matching
    theirs = len(matching.pairs) + len(matching.only_theirs)
    ours = len(matching.pairs) + len(matching.only_ours)
    agree, lead = comparison.agreement, comparison.lead
    lines = [
        f"{comparison.path}: {outside.layout} layout, {outside.rows} row(s), {len(outside.events)} read, "
        f"{len(outside.errors)} unreadable",
        f"compared: {period(comparison)} ({comparison.left_out} {outside.dataset} event(s) of the file outside them)",
        "rules:",
        *(f"  {line}" for line in rules_text()),
        f"matched {len(matching.pairs)} · only sahelwatch {len(matching.only_ours)} · only {outside.dataset} "
        f"{len(matching.only_theirs)}",
        f"  we have {percent(len(matching.pairs), theirs)} of {outside.dataset}'s events; "
        f"{outside.dataset} has {percent(len(matching.pairs), ours)} of ours",
    ]
    for name, rows in comparison.groups.items():
        if rows:
            lines += [f"by {name}:", *_group_lines(name, rows)]
    median = signed(agree.fatalities_median_difference) if agree.fatalities_median_difference is not None else "-"
    lines += [
        f"agreement of the {agree.pairs} matched pair(s):",
        f"  event type  {percent(agree.same_type, agree.pairs)} the same",
        f"  actors      actor1 {percent(agree.same_actor1, agree.pairs)}, actor2 "
        f"{percent(agree.same_actor2, agree.pairs)}, both in either order {percent(agree.same_actors, agree.pairs)}",
        f"  fatalities  {agree.fatalities_compared} pair(s) with both figures: exact "
        f"{percent(agree.fatalities_exact, agree.fatalities_compared)}, within {100 * FATALITY_TOLERANCE:.0f} % "
        f"{percent(agree.fatalities_within, agree.fatalities_compared)}, median difference (ours - theirs) "
        f"{median}",
    ]
    if lead.spread is not None:
        median_days, min_days, max_days = lead.spread
        lines.append(
            f"lead time: {lead.compared} pair(s) with an {outside.dataset} timestamp; we had "
            f"{percent(lead.earlier, lead.compared)} earlier; median {signed(median_days)} days "
            f"(from {signed(min_days)} to {signed(max_days)})"
        )
    else:
        lines.append(
            f"lead time: no matched {outside.dataset} event has a timestamp (UCDP files have none)"
            if outside.dataset == "UCDP"
            else f"lead time: no matched {outside.dataset} event has a timestamp"
        )
    if outside.errors:
        lines.append(f"unreadable rows: {len(outside.errors)}")
        lines += [f"  line {e.line}: {e.reason}" for e in outside.errors[:ERRORS_SHOWN]]
        if len(outside.errors) > ERRORS_SHOWN:
            lines.append(f"  … {len(outside.errors) - ERRORS_SHOWN} more in unreadable_rows.csv")
    return lines
