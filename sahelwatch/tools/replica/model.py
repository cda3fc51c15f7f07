"""What the large replica is made of: its day, the shares of copies and incidents, where and when incidents may
happen, and the records drawn (towns, outlets, incidents, articles, the whole replica).

Incident sites and days are spaced by fusion's and extraction's own constants, so that no two generated incidents
can look like one to fusion and every one of them is news to extraction: the number of distinct incidents is then
what fusion must find.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sahelwatch.extract.pipeline import MAX_AGE_DAYS
from sahelwatch.fuse.match import DATE_WINDOW_DAYS, DISTANCE_KM

DAY = date(2025, 6, 2)  # a Monday: "dimanche"/"Sunday" is the day before, "samedi"/"Saturday" two days before
COUNTRIES = ("Mali", "Burkina Faso", "Niger")
COPY_SHARE = 0.2  # share of reports that republish another outlet's story
INCIDENT_SHARE = 0.36  # share of original reports that describe an incident
NEW_EVENT_SHARE = 0.06  # share of original incident reports that tell of a new incident (the others follow one up)
# Incident sites are farther apart than fusion links two mentions (DISTANCE_KM, 25 km), with a 5 km margin: no two
# sites' mentions link.
SITE_SPACING_KM = DISTANCE_KM + 5
# Days before DAY, by slot (one incident per site and slot). Slots are more than fusion's window for two dates of a
# day's precision (DAY_WINDOW, two days) apart: the last three days in one slot (yesterday drawn twice as often), then
# every third day back to, not reaching, extraction's age limit for news (MAX_AGE_DAYS; older dates are background).
# With today's gazetteer: 112 sites x 30 slots = 3,360 incidents at most.
DAY_WINDOW = DATE_WINDOW_DAYS[1]
SLOT_STEP = DAY_WINDOW + 1
RECENT_DAYS = tuple(sorted((*range(SLOT_STEP), 1)))  # (0, 1, 1, 2)
EVENT_DAYS = (RECENT_DAYS, *((days,) for days in range(RECENT_DAYS[-1] + SLOT_STEP, MAX_AGE_DAYS, SLOT_STEP)))


@dataclass(frozen=True)
class Town:
    """A gazetteer town where the replica places incidents."""

    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    country: str
    language: str  # fr | en
    kind: str  # rss | atom
    weight: float  # relative number of articles a day

    @property
    def feed_path(self) -> str:
        return f"{self.id}/feed/index.xml" if self.kind == "rss" else f"{self.id}/atom.xml"

    @property
    def feed_url(self) -> str:
        return "{base}/" + (f"{self.id}/feed/" if self.kind == "rss" else self.feed_path)

    def registry_entry(self, articles: int) -> dict[str, Any]:
        """The source entry (seeds/sources.yaml format) with the settings a fast loopback target allows."""
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "language": self.language,
            "kind": self.kind,
            "url": self.feed_url,
            "homepage": f"{{base}}/{self.id}/",
            "delay": 0,
            "autothrottle": False,
            "concurrency": 16,
            "max_items": max(1, articles),
            "timeout": 60,
        }


@dataclass(frozen=True)
class Event:
    """An incident in the world; one or more outlets report it."""

    number: int
    place: Town
    kind: str  # civilians | ambush | ied | kidnap
    actor: int  # index into the actor phrases
    days_before: int  # 0 to 89 days before DAY (see EVENT_DAYS)
    killed: int
    injured: int


@dataclass(frozen=True)
class Article:
    outlet: Outlet
    number: int
    title: str
    paragraphs: tuple[str, ...]
    published: datetime
    event: Event | None = None  # the incident it reports, if any
    copy_of: str | None = None  # the path of the article it republishes

    @property
    def path(self) -> str:
        return f"{self.outlet.id}/{DAY:%Y/%m/%d}/article-{self.number}.html"


@dataclass
class Replica:
    """What was generated: the articles (without their pages) and the outlets."""

    outlets: list[Outlet]
    articles: list[Article] = field(default_factory=list)
    bytes_written: int = 0

    def counts(self) -> dict[str, Any]:
        per_outlet = Counter(a.outlet.id for a in self.articles)
        return {
            "reports": len(self.articles),
            "outlets": len(self.outlets),
            "copies": sum(a.copy_of is not None for a in self.articles),
            "incident_reports": sum(a.event is not None for a in self.articles),
            "incidents": len({a.event.number for a in self.articles if a.event is not None}),
            "languages": dict(Counter(a.outlet.language for a in self.articles)),
            "largest_outlet": max(per_outlet.values(), default=0),
            "bytes": self.bytes_written,
        }

    def registry(self) -> list[dict[str, Any]]:
        per_outlet = Counter(a.outlet.id for a in self.articles)
        return [o.registry_entry(per_outlet[o.id]) for o in self.outlets if per_outlet[o.id]]
