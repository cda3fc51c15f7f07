"""One-to-one matching of our incidents with the outside events: every candidate pair ranked, best pairs first."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from sahelwatch.compare.model import Event
from sahelwatch.compare.rules import DATE_WINDOW_DAYS, Pair, pair

WIDEST_WINDOW = max(DATE_WINDOW_DAYS.values())


@dataclass(frozen=True)
class Matching:
    """The three groups: pairs, incidents only we have, events only they have."""

    pairs: tuple[Pair, ...]
    only_ours: tuple[Event, ...]
    only_theirs: tuple[Event, ...]


def candidates(ours: Sequence[Event], theirs: Sequence[Event]) -> list[Pair]:
    """Every pair the rules allow. Outside events are sorted by their first day, so each incident is compared only
    with those whose span can fall within the widest date window (an ACLED year has tens of thousands of rows)."""
    ordered = sorted(theirs, key=lambda e: (e.first, e.event_id))
    firsts = [e.first.toordinal() for e in ordered]
    longest = max(((e.last - e.first).days for e in ordered), default=0)
    found: list[Pair] = []
    for incident in ours:
        low = bisect.bisect_left(firsts, incident.first.toordinal() - WIDEST_WINDOW - longest)
        high = bisect.bisect_right(firsts, incident.last.toordinal() + WIDEST_WINDOW)
        found.extend(p for event in ordered[low:high] if (p := pair(incident, event)) is not None)
    return found


def match(ours: Sequence[Event], theirs: Sequence[Event]) -> Matching:
    """Greedy one-to-one: take the best remaining pair while both its events are free."""
    taken_ours: set[str] = set()
    taken_theirs: set[tuple[str, int | None]] = set()
    pairs = []
    for candidate in sorted(candidates(ours, theirs), key=Pair.rank):
        theirs_key = (candidate.theirs.event_id, candidate.theirs.row)
        if candidate.ours.event_id in taken_ours or theirs_key in taken_theirs:
            continue
        taken_ours.add(candidate.ours.event_id)
        taken_theirs.add(theirs_key)
        pairs.append(candidate)
    pairs.sort(key=lambda p: (p.theirs.first, p.theirs.event_id))
    return Matching(
        tuple(pairs),
        tuple(e for e in ours if e.event_id not in taken_ours),
        tuple(e for e in theirs if (e.event_id, e.row) not in taken_theirs),
    )
