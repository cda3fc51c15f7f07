"""The large replica's day: its outlets, and its articles in publication order (original stories, incident reports
that tell of a new incident or follow one up, and syndicated copies of other outlets' stories)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sahelwatch.tools.replica.model import (
    COPY_SHARE,
    COUNTRIES,
    DAY,
    EVENT_DAYS,
    INCIDENT_SHARE,
    NEW_EVENT_SHARE,
    Article,
    Event,
    Outlet,
)
from sahelwatch.tools.replica.towns import places, sites
from sahelwatch.tools.replica.words import ACTORS, BOILERPLATE, COPY_LABELS, CREDITS, LEADS, OUTLET_WORDS
from sahelwatch.tools.replica.writer import Writer


def make_outlets(count: int, rng: random.Random) -> list[Outlet]:
    """`count` outlets: two in three French-speaking, spread over the three countries, a few large and many small
    (weights fall off as rank^-0.7), one in four serving Atom instead of RSS."""
    outlets = []
    for number in range(count):
        language = "en" if number % 3 == 2 else "fr"
        country = COUNTRIES[number % len(COUNTRIES)]
        words = OUTLET_WORDS[0 if language == "fr" else 1]
        name = f"{words[number % len(words)]} {'du' if language == 'fr' else 'of'} {rng.choice(places()).name}"
        outlets.append(
            Outlet(
                id=f"outlet-{number:02d}",
                name=name,
                country=country,
                language=language,
                kind="atom" if number % 4 == 3 else "rss",
                weight=1 / (number + 1) ** 0.7,
            )
        )
    return outlets


class _Day:
    """Draws the day's articles one after the other, remembering what can be copied and which incidents exist."""

    def __init__(self, outlets: list[Outlet], rng: random.Random) -> None:
        self.outlets = outlets
        self.rng = rng
        self.writer = Writer(rng)
        self.originals: dict[str, list[Article]] = {"fr": [], "en": []}
        self.events: list[Event] = []
        self.slots = [(site, days) for site in sites() for days in EVENT_DAYS]  # one incident each
        rng.shuffle(self.slots)

    def article(self, number: int, outlet: Outlet, published: datetime) -> Article:
        wires = [a for a in self.originals[outlet.language][-400:] if a.outlet.id != outlet.id]
        if wires and self.rng.random() < COPY_SHARE:
            return self._copy(number, outlet, published, self.rng.choice(wires))
        if self.rng.random() < INCIDENT_SHARE:
            event, follow_up = self._event()
            title, paragraphs = self.writer.incident(event, outlet.language, follow_up)
        else:
            event = None
            title, paragraphs = self.writer.story(outlet.language, outlet.country)
        article = Article(outlet, number, title, tuple(paragraphs), published, event=event)
        self.originals[outlet.language].append(article)
        return article

    def _event(self) -> tuple[Event, bool]:
        """A new incident at a free site and time, or (when none is left, or by chance) one already reported; and
        whether it is the latter (a follow-up)."""
        if self.events and (not self.slots or self.rng.random() >= NEW_EVENT_SHARE):
            return self.rng.choice(self.events[-200:]), True
        site, days = self.slots.pop()
        event = Event(
            len(self.events),
            site,
            self.rng.choice(tuple(LEADS)),
            self.rng.randrange(len(ACTORS)),
            self.rng.choice(days),
            self.rng.randint(2, 40),
            self.rng.randint(2, 12),
        )
        self.events.append(event)
        return event, False

    def _copy(self, number: int, outlet: Outlet, published: datetime, wire: Article) -> Article:
        """The wire story under the outlet's own title, credit line and boilerplate; one in three loses its last
        paragraph (cut to fit)."""
        side = 0 if outlet.language == "fr" else 1
        paragraphs = list(wire.paragraphs)
        if len(paragraphs) > 4 and self.rng.random() < 1 / 3:
            paragraphs.pop()
        paragraphs[0] = f"{self.rng.choice(CREDITS)[side]} {paragraphs[0]}"
        paragraphs.append(self.rng.choice(BOILERPLATE)[side].format(outlet=outlet.name))
        labels = tuple(label[side] for label in COPY_LABELS)  # the last one names the wire
        title = (
            f"{self.rng.choice(labels)} | {wire.title}" if self.rng.random() < 0.5 else f"{wire.title} ({labels[-1]})"
        )
        published = max(published, wire.published + timedelta(seconds=60))  # copies follow their original
        return Article(outlet, number, title, tuple(paragraphs), published, event=wire.event, copy_of=wire.path)


def draw_articles(outlets: list[Outlet], reports: int, rng: random.Random) -> list[Article]:
    """The day's `reports` articles in publication order, each outlet's share following its weight."""
    day = _Day(outlets, rng)
    weights = [o.weight for o in outlets]
    start = datetime(DAY.year, DAY.month, DAY.day, tzinfo=UTC)
    articles = []
    for number in range(reports):
        outlet = rng.choices(outlets, weights)[0]
        published = start + timedelta(seconds=int(number * 86_000 / max(reports, 1)) + rng.randrange(300))
        articles.append(day.article(number, outlet, published))
    return articles
