"""Assembling one incident from a frame: its tolls, the facts the event type is decided on, the fatalities triple,
the place columns and the confidence score. Pure functions of the frame and what the pipeline already decided, so
that each rule can be read, and changed, on its own (the pipeline's `_Extractor.incident` only composes them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sahelwatch.extract.counts import Casualty
from sahelwatch.extract.events import VIOLENT, Situation
from sahelwatch.extract.frame import Actor, Frame, Unit
from sahelwatch.extract.places import PlaceChoice
from sahelwatch.extract.tolls import figures_here, total

Toll = tuple[int | None, int | None, int | None]  # (best, low, high), as tolls.total gives it

# -- confidence: what the row rests on (added in this order, then clipped and rounded to 2 decimals) -----------------
CONFIDENCE_BASE = 0.25
CONFIDENCE_TOWN = 0.2  # a place at geo_precision 1 (a town, a village the gazetteer holds)
CONFIDENCE_DISTRICT = 0.12  # a place at geo_precision 2 (near a town, a district, a village located by one)
CONFIDENCE_REGION = 0.05  # any coarser place (a region)
CONFIDENCE_SPECIFIC_DATE = 0.15  # the event's own day, not the publication's
CONFIDENCE_NAMED_ACTOR = 0.12  # an attacker is named (or actor1 is known)
CONFIDENCE_CASUALTIES = 0.12  # a figure is given
CONFIDENCE_CONCRETE = 0.08  # a concrete event word ("l'attaque", "attacked"), not violence in general
CONFIDENCE_BACKGROUND = 0.1  # taken off when a sentence of the frame is background
CONFIDENCE_MIN = 0.05
CONFIDENCE_MAX = 0.95

# inter code of the victims when no actor2 is named: soldiers killed or taken make the state the target, civilians
# the civilians
_MILITARY_INTER = 1
_CIVILIAN_INTER = 7
_NON_STATE_ARMED = (2, 3, 4)  # rebels, political militias, identity militias
CROWD_VIOLENCE = frozenset({"clash", "attack", "looting", "grenade", "kill"})  # at a demonstration: a riot
MASSACRE_MIN = 10  # civilians killed, at least, for "mostly civilians" ...
MASSACRE_RATIO = 5  # ... and at least this many times the armed men killed


@dataclass(frozen=True)
class Tolls:
    """A frame's figures: every casualty found for its town, the figures each sentence gives for it, and the totals
    per outcome over its sentences."""

    casualties: list[Casualty]
    per_unit: list[list[Casualty]]
    killed: Toll | None
    injured: Toll | None
    abducted: Toll | None
    arrested: Toll | None
    killed_groups: frozenset[str]
    abducted_groups: frozenset[str]


def distinct_units(f: Frame) -> list[Unit]:
    """The frame's sentences without those the report repeats word for word: a repeated sentence gives its figures
    once."""
    seen: set[str] = set()
    out: list[Unit] = []
    for u in f.units:
        words = " ".join(u.sentence.text.split())
        if words not in seen:
            seen.add(words)
            out.append(u)
    return out


def tolls(f: Frame, units: list[Unit]) -> Tolls:
    """The frame's figures over `units`. A toll that listed towns share ("attacks on A, B and C killed 20") types the
    event but is no town's own; a figure given for this town is ("respectively 5 and 3")."""
    here = figures_here(f, units)
    casualties = [c for rows in here for c in rows]
    per_unit = [
        [c for c in row if not u.shared or isinstance(u.loci.get(c.start), PlaceChoice)] for u, row in zip(units, here)
    ]
    return Tolls(
        casualties=casualties,
        per_unit=per_unit,
        killed=total(per_unit, "killed"),
        injured=total(per_unit, "injured"),
        abducted=total(per_unit, "abducted"),
        arrested=total(per_unit, "arrested"),
        killed_groups=frozenset(c.group for c in casualties if c.outcome == "killed"),
        abducted_groups=frozenset(c.group for c in casualties if c.outcome == "abducted"),
    )


def victim_inter(actor2: Actor | None, t: Tolls) -> int | None:
    """actor2's inter code, or, with no actor2, the victims': the state when soldiers were killed or taken, the
    civilians when civilians were."""
    inter = actor2.inter if actor2 else None
    if inter is not None:
        return inter
    if t.killed_groups & {"military"} or t.abducted_groups & {"military"}:
        return _MILITARY_INTER
    if t.killed_groups & {"civilians"} or t.abducted_groups & {"civilians"}:
        return _CIVILIAN_INTER
    return None


def _police_attacks(u: Unit) -> bool:
    """State forces are the attackers of the sentence (police firing on a crowd)."""
    return any(a.inter == _MILITARY_INTER and a.role == "attacker" for a in u.actors)


def crowd_violence(lived: list[Unit]) -> bool:
    """Violence at a demonstration that is the crowd's (stones, ransacking, clashes), not the police's firing on
    it."""
    return any(
        t.kind in ("riot", "vandalism")
        or (t.concrete and t.kind in CROWD_VIOLENCE and not (t.kind in ("attack", "kill") and _police_attacks(u)))
        for u in lived
        for t in u.triggers
    )


def police_fire(lived: list[Unit]) -> bool:
    """The police or the army shot at or killed in a demonstration's sentence: an intervention."""
    return any(t.kind in ("attack", "kill") and _police_attacks(u) for u in lived if u.crowd for t in u.triggers)


def armed_group_attacks(lived: list[Unit]) -> bool:
    """A non-state armed group attacks, in a sentence that tells an attack (not "dénonce les violences des groupes
    armés"): not a crowd's incident."""
    return any(
        a.inter in _NON_STATE_ARMED
        and a.role == "attacker"
        and (a.mention.kind == "named" or any(t.concrete and t.kind in VIOLENT for t in u.triggers))
        for u in lived
        for a in u.actors
    )


def protesters_killed(kinds: frozenset[str], t: Tolls) -> bool:
    """People died at a protest and they were not soldiers or attackers."""
    return (
        "protest" in kinds
        and t.killed is not None
        and t.killed[0] not in (None, 0)
        and not (t.killed_groups & {"military", "attackers"})
    )


def mostly_civilians(t: Tolls) -> bool:
    """The civilians killed far outnumber the armed men killed (a few soldiers among many villagers)."""
    civilians = total([[c for c in row if c.group == "civilians"] for row in t.per_unit], "killed")
    armed = total([[c for c in row if c.group in ("military", "attackers")] for row in t.per_unit], "killed")
    return bool(
        civilians
        and armed
        and civilians[0]
        and armed[0]
        and civilians[0] >= max(MASSACRE_MIN, MASSACRE_RATIO * armed[0])
    )


def situation(
    f: Frame,
    kinds: frozenset[str],
    actor1: Actor | None,
    actor2: Actor | None,
    t: Tolls,
    *,
    contact: bool,
    peaceful: bool,
) -> Situation:
    """What classify() decides the event type on. `contact` (the sides met) and `peaceful` (the demonstration is
    said to be peaceful) are searched in the text by the caller."""
    lived = [u for u in f.units if not u.background]
    crowd = any(u.crowd for u in f.units)
    return Situation(
        kinds,
        actor1.inter if actor1 else None,
        victim_inter(actor2, t),
        t.killed_groups,
        t.abducted_groups,
        any(u.intervention for u in f.units) or police_fire(lived),
        protesters_killed(kinds, t),
        any(u.no_casualties for u in f.units) and t.killed is None,
        contact=contact,
        mostly_civilians=mostly_civilians(t),
        armed_group=armed_group_attacks(lived),
        crowd=crowd,
        crowd_violence=crowd_violence(lived),
        leader_detained=any(u.leader for u in lived),
        peaceful=crowd and peaceful,
    )


def fatalities(killed: Toll | None, bare_killed: bool, event_type: str) -> Toll:
    """(best, low, high) fatalities. With no figure: unknown (None) when a sentence says people were killed
    without a number, 0 otherwise (and always 0 for a strategic development)."""
    if killed:
        return killed
    if bare_killed and event_type != "Strategic developments":
        return None, None, None
    return 0, 0, 0


def confidence(
    place: PlaceChoice | None, specific: bool, named_actor: bool, has_figures: bool, concrete: bool, background: bool
) -> float:
    """How much the row rests on: a precise place, the event's own day, a named attacker, a figure, a concrete event
    word; a background sentence lowers it. The weights are the CONFIDENCE_* constants."""
    score = CONFIDENCE_BASE
    if place:
        precision = place.geo_precision
        score += CONFIDENCE_TOWN if precision == 1 else CONFIDENCE_DISTRICT if precision == 2 else CONFIDENCE_REGION
    score += CONFIDENCE_SPECIFIC_DATE if specific else 0.0
    score += CONFIDENCE_NAMED_ACTOR if named_actor else 0.0
    score += CONFIDENCE_CASUALTIES if has_figures else 0.0
    score += CONFIDENCE_CONCRETE if concrete else 0.0
    score -= CONFIDENCE_BACKGROUND if background else 0.0
    return round(max(CONFIDENCE_MIN, min(CONFIDENCE_MAX, score)), 2)


def place_columns(p: Any) -> dict[str, Any]:
    """admin1, admin2, location and coordinates of the incident's place (a sahelwatch.places.Place or a
    ReportedPlace), all None without one. An area is its own admin1 or admin2."""
    if not p:
        return {"admin1": None, "admin2": None, "location": None, "latitude": None, "longitude": None}
    return {
        "admin1": p.admin1 if p.kind != "admin1" else p.name,
        "admin2": p.admin2 if p.kind == "town" else (p.name if p.kind == "admin2" else None),
        "location": p.name,
        "latitude": float(p.latitude) if p.latitude is not None else None,
        "longitude": float(p.longitude) if p.longitude is not None else None,
    }
