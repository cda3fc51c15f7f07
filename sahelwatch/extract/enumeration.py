"""Places named in one breath: "coordinated attacks on the villages of A, B and C", "marches in X, Y and Z".

ACLED codes one event per place (and per day); when such places share one toll that the text does not split, each
gets the event with no figure of its own. This module only finds the list: the event's place and the places joined
to it by commas and conjunctions, all of them settlements."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sahelwatch.extract.places import PlaceChoice

# what may stand between two names of one list: a comma, a conjunction, both, an article after them
_SEPARATOR = re.compile(
    r"^\s*(?:(?:,|;)\s*(?:(?:et|and|ou|or)\s+)?|(?:et|and|ou|or|as well as|ainsi que)\s+)(?:(?:de|of|at|in|a|on)\s+|d')?$")
# a list ends with a conjunction ("A, B and C"); "A, B" alone is mostly a village and its district
_CONJUNCTION = re.compile(r"\b(?:et|and|ou|or|as well as|ainsi que)\b")
MIN_LISTED = 2
# the list must be introduced as the event's places ("attacks on", "in", "the villages of"); "between A and B" is a
# stretch of road (the first place is the location), and names without a cue are context
_LIST_CUES = frozenset({"event", "in", "noun"})


def listed_places(place: PlaceChoice, choices: Sequence[PlaceChoice], folded: str) -> tuple[PlaceChoice, ...]:
    """The settlements listed together with `place` (itself included, in text order), or () when it stands alone."""
    towns = sorted((c for c in choices if c.place.kind == "town" and c.cue != "neg"), key=lambda c: c.start)
    chain: list[PlaceChoice] = []
    for c in towns:
        if chain and _SEPARATOR.match(folded[chain[-1].end:c.start]) and c.start > chain[-1].end:
            chain.append(c)
            continue
        if any(x.start == place.start for x in chain):
            break
        chain = [c]
    if not any(x.start == place.start for x in chain) or len(chain) < MIN_LISTED:
        return ()
    if len({(x.place.name, x.place.country) for x in chain}) < len(chain):
        return ()
    if chain[0].cue not in _LIST_CUES or not _CONJUNCTION.search(folded[chain[-2].end:chain[-1].start]):
        return ()
    return tuple(chain)
