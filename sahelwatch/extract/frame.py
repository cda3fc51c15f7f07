"""The pieces an article is read into: a *unit* is a sentence with what extraction found in it (event words, dates,
figures, actors, a place), a *frame* is the units about one incident, an *actor* is a mention with its role."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sahelwatch.extract.actors import ActorMention
from sahelwatch.extract.counts import Casualty
from sahelwatch.extract.dates import DateMention
from sahelwatch.extract.events import CROWD, STREET, Trigger
from sahelwatch.extract.places import PlaceChoice
from sahelwatch.extract.sentences import Sentence


@dataclass
class Actor:
    mention: ActorMention
    role: str  # attacker, target, other
    name: str | None
    inter: int
    unit: int


@dataclass
class Unit:
    sentence: Sentence
    triggers: list[Trigger]
    dates: list[DateMention]
    casualties: list[Casualty]
    actors: list[Actor]
    place: PlaceChoice | None
    region: PlaceChoice | None
    background: bool
    same_day: bool
    intervention: bool
    countries: list[str]
    bare_killed: bool
    reporting: frozenset[int] = frozenset()
    no_casualties: bool = False  # starts of dates that date a statement, not the event
    support: bool = False  # figures without an event word: only completes a frame
    summary: bool = False  # sums up several incidents: used only when nothing else is found
    loci: dict[int, Any] = field(default_factory=dict)  # figure start -> the town it is given for, or WIDE
    leader: bool = False  # a head of state or minister detained ("the president was detained")
    also: tuple = ()  # other towns of a list with the place ("à Kiffa et Rosso")
    shared: bool = False  # its figures are shared by listed towns: nobody's in particular
    other_days: tuple = ()  # other days of a crowd ("on Tuesday and Wednesday")

    @property
    def crowd(self) -> bool:
        """A demonstration (peaceful or violent) is told here, not as a recap."""
        return not self.background and any(t.kind in CROWD for t in self.triggers)

    @property
    def street(self) -> bool:
        """A demonstration, or what a violent crowd does (barricades, stones, ransacking), is told here."""
        return not self.background and any(t.kind in STREET for t in self.triggers)

    @property
    def index(self) -> int:
        return self.sentence.index

    def best_date(self, reporting: bool = True) -> DateMention | None:
        """The date nearest the event word, a specific one first; dates of statements ("said on Monday") only
        when nothing else is there (never with reporting=False)."""
        if not self.dates:
            return None
        anchor = self.triggers[0].start if self.triggers else self.sentence.start
        event_dates = [d for d in self.dates if d.start not in self.reporting]
        if not event_dates:
            if not reporting:
                return None
            event_dates = self.dates
        specific = [d for d in event_dates if d.specific]
        pool = specific or event_dates
        return min(pool, key=lambda d: (d.start in self.reporting, abs(d.start - anchor), d.precision))


@dataclass
class Frame:
    units: list[Unit] = field(default_factory=list)
    place: PlaceChoice | None = None
    region: PlaceChoice | None = None
    date: DateMention | None = None
    statement_date: DateMention | None = None  # "said on Tuesday": the event's day only when nothing else is

    @property
    def last(self) -> Unit:
        return self.units[-1]
