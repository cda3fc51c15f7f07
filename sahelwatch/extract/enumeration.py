"""Places named in one breath: "coordinated attacks on the villages of A, B and C", "marches à Kiffa et Rosso",
"Bamako, Sikasso, Tombouctou, Kayes…".

ACLED codes one event per place (and per day); when such places share one toll that the text does not split, each
gets the event with no figure of its own. This module only finds the list: the event's place and the settlements
joined to it. A demonstration's towns are often strung with commas alone; a violent event's list must be introduced
as the event's places and end with a conjunction, since "A, B" is mostly a village and its district and
"between A and B" a stretch of road."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sahelwatch.extract.places import PlaceChoice, same_or_within

# what may stand between two names of one list: a comma, a conjunction, both, an article or a preposition after them
_SEPARATOR = re.compile(
    r"^\s*(?:(?:,|;)\s*(?:(?:et|and|ou|or)\s+)?|(?:et|and|ou|or|as well as|ainsi que)\s+)"
    r"(?:(?:de|of|at|in|a|on)\s+|d')?$"
)
# a demonstration's towns may also be strung with "&", "/" or an ellipsis, and given as "la ville de X"
_CROWD_SEPARATOR = re.compile(
    r"^\s*(?:,|et|and|&|\.|…|/|ainsi qu'|as well as)?\s*(?:(?:et|and)\s+)?(?:(?:a|au|in|at|dans)\s+)?"
    r"(?:(?:la ville de|the town of|the city of)\s+)?$"
)
_CONJUNCTION = re.compile(r"\b(?:et|and|ou|or|as well as|ainsi que)\b")
# the cue that introduces a violent event's list: "attacks on", "in", "the villages of"
_LIST_CUES = frozenset({"event", "in", "noun"})


def listed_with(
    place: PlaceChoice, choices: Sequence[PlaceChoice], folded: str, crowd: bool
) -> tuple[PlaceChoice, ...]:
    """The other settlements listed with `place` (in text order), or () when it stands alone."""
    towns = sorted(
        (
            c
            for c in choices
            if c.place.kind == "town" and c.cue not in ("neg", "admin") and c.place.country == place.place.country
        ),
        key=lambda c: c.start,
    )
    separator = _CROWD_SEPARATOR if crowd else _SEPARATOR
    chain: list[PlaceChoice] = []
    for c in towns:
        if chain and c.start >= chain[-1].end and separator.match(folded[chain[-1].end : c.start]):
            chain.append(c)
            continue
        if any(x.start == place.start for x in chain):
            break
        chain = [c]
    if len(chain) < 2 or not any(x.start == place.start for x in chain):
        return ()
    if not crowd and (
        chain[0].cue not in _LIST_CUES or not _CONJUNCTION.search(folded[chain[-2].end : chain[-1].start])
    ):
        return ()
    return tuple(c for c in chain if c.start != place.start and not same_or_within(c, place))
