"""The article as a whole, after frames are built: vaguer copies of an incident join it, recalled earlier attacks
are dropped, and incidents of one place, day and type are one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sahelwatch.extract.frame import Frame
from sahelwatch.extract.model import Incident
from sahelwatch.extract.places import same_or_within
from sahelwatch.text import fold_aligned

EVIDENCE_MAX = 1500
CROWD_TYPES = {"Protests", "Riots"}
CROWD_RANK = {
    "Peaceful protest": 1,
    "Protest with intervention": 2,
    "Excessive force against protesters": 3,
    "Violent demonstration": 4,
    "Mob violence": 4,
}


RECALL_DAYS = 7  # an event this much older than the report's news of the day is recalled background


ABSORB_DAYS = 1  # an unplaced frame joins a town's frame of a day at most this far from its own


RECALL_DAYS_COARSE = 3  # ... or this much when dated only to a week, a month or a span of days


def merge_duplicates(incidents: list[Incident]) -> list[Incident]:
    out: list[Incident] = []
    for inc in incidents:
        dup = next(
            (
                o
                for o in out
                if o.location == inc.location
                and o.event_date == inc.event_date
                and (o.event_type == inc.event_type or {o.event_type, inc.event_type} <= CROWD_TYPES)
                and o.country == inc.country
                and o.location
            ),
            None,
        )
        if dup is None:
            out.append(inc)
            continue
        if CROWD_RANK.get(inc.sub_event_type or "", 0) > CROWD_RANK.get(dup.sub_event_type or "", 0):
            # one demonstration told in two places of the report: the violent telling wins
            dup.event_type, dup.sub_event_type, dup.actor1, dup.actor2 = (
                inc.event_type,
                inc.sub_event_type,
                inc.actor1,
                inc.actor2,
            )
            for key in ("inter1", "inter2", "deciding_kind"):
                dup.extra[key] = inc.extra.get(key)
        for name in ("fatalities", "fatalities_low", "fatalities_high", "injured", "abducted"):
            a, b = getattr(dup, name), getattr(inc, name)
            if b is not None and (a is None or b > a):
                setattr(dup, name, b)
        if inc.evidence not in dup.evidence and len(dup.evidence) + len(inc.evidence) < EVIDENCE_MAX * 2:
            dup.evidence = dup.evidence + " " + inc.evidence
        dup.confidence = max(dup.confidence, inc.confidence)
    return out


def town_frame(f: Frame) -> bool:
    return f.place is not None and f.place.place.kind == "town"


def _same_day(a: Frame, b: Frame) -> bool:
    """No two specific days more than ABSORB_DAYS apart (a night, or a lead dated by the report's day)."""
    if a.date is None or b.date is None or not (a.date.specific and b.date.specific):
        return True
    return abs((a.date.value - b.date.value).days) <= ABSORB_DAYS


def _host(f: Frame, towns: list[Frame]) -> Frame | None:
    """The town-level frame that an unplaced or region-level frame is part of: the nearest one before it (a later
    paragraph adds the toll), else the first after it (a lead that names no place), of the same day and area."""
    area = f.place or f.region
    fits = [
        t for t in towns if _same_day(f, t) and (area is None or t.place is not None and same_or_within(area, t.place))
    ]
    start = f.units[0].index
    before = [t for t in fits if t.units[0].index < start]
    return before[-1] if before else (fits[0] if fits else None)


def absorb_unplaced(frames: list[Frame]) -> list[Frame]:
    """The article as a whole: a frame that names no town (a lead that says only "in the north of the country", a
    toll given two paragraphs down, the region only) joins the town-level frame of the same event instead of standing
    as a vaguer copy of it. Frames of another day or area stay apart."""
    towns = [f for f in frames if town_frame(f)]
    if not towns:
        return frames
    kept: list[Frame] = []
    for f in frames:
        host = None if town_frame(f) else _host(f, towns)
        if host is None:
            kept.append(f)
            continue
        host.units = sorted(host.units + f.units, key=lambda u: u.index)
        if host.date is None or (f.date is not None and f.date.specific and not host.date.specific):
            host.date = f.date
        for sibling in siblings_of(host, towns):
            # the other towns of the host's list are told by the same lead: its actors and words, not its toll
            sibling.units = sorted(
                sibling.units + [replace(u, place=None, shared=True) for u in f.units], key=lambda u: u.index
            )
    return kept


def siblings_of(host: Frame, frames: list[Frame]) -> list[Frame]:
    """The frames of the other towns of a list that `host` is one of (they hold a copy of the listing sentence)."""
    listing = {u.index for u in host.units if u.shared}
    return [g for g in frames if g is not host and any(u.shared and u.index in listing for u in g.units)]


def without_recalled(incidents: list[Incident]) -> list[Incident]:
    """An article about the news of a day recalls earlier attacks ("it was the worst since the raid on X in March",
    "a week earlier, a convoy had been ambushed"): those are background, not news of their own. The news are the
    incidents dated to the day that follow each other at most RECALL_DAYS apart, back from the latest (a round-up
    of a fortnight is all news); an incident dated to the day before that run, or dated only to a week, a month or
    a span of days that starts before it, is recalled."""
    days = sorted(
        {date.fromisoformat(i.event_date) for i in incidents if i.time_precision == 1 and i.extra.get("date_text")},
        reverse=True,
    )
    if not days:
        return incidents
    first = days[0]
    for day in days[1:]:
        if (first - day).days > RECALL_DAYS:
            break
        first = day
    return [
        i
        for i in incidents
        if date.fromisoformat(i.event_date)
        >= first - timedelta(days=RECALL_DAYS if i.time_precision == 1 else RECALL_DAYS_COARSE)
    ]


SAME_EVENT_DAYS = 1  # two tellings of one event are dated at most this far apart (a night, a lead's day)


def _toll_agrees(a: Incident, b: Incident) -> bool:
    """One toll, or none, or two that agree (within 10 %): "eight killed in the commune" and "eight killed at X"."""
    x, y = a.fatalities or 0, b.fatalities or 0
    return not x or not y or abs(x - y) <= max(1, 0.1 * max(x, y))


def _one_event(a: Incident, b: Incident) -> bool:
    """Whether two incidents of one report are one event told at two places: the same country, type and day (or
    the next), tolls that agree, and places that are one within fusion's distance, or the village and the place
    the report locates it by ("X, dans la commune de Y"). Towns listed together are apart on purpose."""
    if a.country != b.country or a.event_type != b.event_type or "shared_with" in a.extra or "shared_with" in b.extra:
        return False
    if abs((date.fromisoformat(a.event_date) - date.fromisoformat(b.event_date)).days) > SAME_EVENT_DAYS:
        return False
    if not _toll_agrees(a, b):
        return False
    return any(
        fold_aligned(x.extra.get("place_anchor") or "") == fold_aligned(y.location or "-") for x, y in ((a, b), (b, a))
    )


def _finer(a: Incident, b: Incident) -> bool:
    """Whether a is the finer telling: the village located by b's place, else the more precise place."""
    if fold_aligned(a.extra.get("place_anchor") or "") == fold_aligned(b.location or "-"):
        return True
    if fold_aligned(b.extra.get("place_anchor") or "") == fold_aligned(a.location or "-"):
        return False
    return a.geo_precision < b.geo_precision


def merge_tellings(incidents: list[Incident]) -> list[Incident]:
    """One event told twice in a report, once at a village and once at the commune or town near it, is one
    incident at the finer place, with the larger figures of the two."""
    out: list[Incident] = []
    for inc in incidents:
        twin = next((o for o in out if _one_event(o, inc)), None)
        if twin is None:
            out.append(inc)
            continue
        keep, other = (inc, twin) if _finer(inc, twin) else (twin, inc)
        for name in ("fatalities", "fatalities_low", "fatalities_high", "injured", "abducted"):
            a, b = getattr(keep, name), getattr(other, name)
            if b is not None and (a is None or b > a):
                setattr(keep, name, b)
        keep.confidence = max(keep.confidence, other.confidence)
        out[out.index(twin)] = keep
    return out
