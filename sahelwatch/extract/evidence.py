"""The evidence test: whether a frame (sentences joined around one place and day) tells an incident.

Precision first: a frame must show where or who, and something that happened (a figure, a day, a concrete event
word). The test is an ordered table of named rules; the first rule a frame fails is recorded, so that the reason a
report's sentences gave no incident can be read in `extra["dropped"]` and in the evaluation diff."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sahelwatch.extract.events import VIOLENT


@dataclass(frozen=True)
class Evidence:
    """What a frame offers."""

    kinds: frozenset[str]  # event word kinds
    place: bool  # a place or a region
    town: bool  # a settlement, not only a region
    actor: bool  # an actor that is not a bystander
    named: bool  # a named group or a national force
    count: bool  # a victim figure (killed, injured, abducted)
    firm_count: bool  # ... that is not a vague word
    arrest_count: bool  # a figure of people arrested
    specific: bool  # the event's own day
    concrete: bool  # a concrete event word ("l'attaque", "ambushed"), not violence in general
    violent_concrete: bool  # ... among the violent words
    background: bool  # every sentence tells an earlier event


Rule = tuple[str, Callable[[Evidence], bool]]

RULES: tuple[Rule, ...] = (
    ("no place and no actor", lambda e: e.place or e.actor),
    ("nothing happened: no figure, day or concrete event", lambda e: e.count or e.specific or e.concrete),
    ("background without its own day", lambda e: not e.background or e.specific),
    (
        "no place, and no firm figure with a day or a named actor",
        lambda e: e.place or (e.firm_count and (e.specific or e.named)),
    ),
    (
        "non-violent event without a place and a day or figure",
        lambda e: bool(e.kinds & VIOLENT) or (e.place and (e.specific or e.arrest_count or e.count)),
    ),
    (
        "violence in general without a figure or a day",
        lambda e: not (e.kinds & VIOLENT) or e.violent_concrete or e.count or e.specific,
    ),
    (
        "a killing word alone, without a figure or a dated town and actor",
        lambda e: bool(e.kinds - {"kill"}) or e.count or (e.specific and e.town and e.actor),
    ),
)


# Checked once the report is read whole (unplaced frames have joined the towns they belong to): what is still
# placed in no town or region is an unlocated mention, which ACLED does not code as an event.
UNLOCATED = "unlocated: no town or region, even with the whole report read"


def failed_rule(evidence: Evidence) -> str | None:
    """The name of the first rule the evidence fails, or None when it tells an incident."""
    return next((name for name, passes in RULES if not passes(evidence)), None)
