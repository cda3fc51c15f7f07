"""actor1 and actor2 as ACLED writes them for an incident's event type.

The frame gives actors as the text names them and which of them attacked; ACLED's columns depend on the event type
as well: protesters or rioters with the forces at the demonstration, the forces that arrest and whom they took, the
parties of an agreement, attackers and targets of violence (with the state flying the aircraft). When the text names
no one, the country's role names stand in (the military, unidentified gunmen, civilians).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sahelwatch.extract.actors import ARMED_INTER, ActorLexicon
from sahelwatch.extract.frame import Actor

Names = tuple[str | None, str | None]


@dataclass(frozen=True)
class Parties:
    """What naming reads of one incident: its types, the frame's actors with the two picked as actor1 and actor2,
    its country, whose deaths and abductions it tells, and whether forces intervened at a crowd."""

    event_type: str
    sub_type: str
    actors: list[Actor]
    actor1: Actor | None
    actor2: Actor | None
    country: str
    killed_groups: frozenset[str]
    abducted_groups: frozenset[str]
    intervention: bool


def acled_names(lex: ActorLexicon, parties: Parties) -> Names:
    """(actor1, actor2) names as ACLED writes them for the event type."""
    named = _crowd_names(lex, parties)
    if named is None:
        named = _development_names(lex, parties)
    if named is None:
        named = _armed_names(lex, parties)
    return named


def _state(parties: Parties) -> list[Actor]:
    return [a for a in parties.actors if a.inter == 1 and a.name]


def _crowd_names(lex: ActorLexicon, parties: Parties) -> Names | None:
    """Protesters or rioters, and the state forces at the demonstration (the police when they intervened, the
    state forces a mob attacked, civilians otherwise); None for another event type."""
    role, country, sub_type = lex.role_name, parties.country, parties.sub_type
    forces = next((a.name for a in _state(parties)), None)
    if parties.event_type == "Protests":
        name2 = forces or (role(country, "police") if parties.intervention or sub_type != "Peaceful protest" else None)
        return role(country, "protesters"), name2
    if parties.event_type == "Riots":
        if sub_type == "Mob violence":
            hit = next((a.name for a in _state(parties) if a.role == "target"), None)
            return role(country, "rioters"), hit or role(country, "civilians")
        return role(country, "rioters"), forces or (role(country, "police") if parties.intervention else None)
    return None


def _development_names(lex: ActorLexicon, parties: Parties) -> Names | None:
    """Arrests (the forces, then whom they took), a base handed over (the forces that take it over, then those
    that leave) and agreements (the parties); None otherwise, and for a handover without state forces."""
    role, country, actors = lex.role_name, parties.country, parties.actors
    if parties.sub_type == "Arrests":
        name1 = next((a.name for a in _state(parties)), None) or role(country, "police")
        others = [a.name for a in actors if a.name and a.inter != 1 and a.role == "target"]
        return name1, (others[0] if others else role(country, "civilians"))
    if parties.sub_type == "Non-violent transfer of territory":
        local = role(country, "military")
        states = [a.name for a in actors if a.name and a.inter in (1, 8)]
        if states:
            mine = [n for n in states if n == local]
            others = [n for n in states if n != local]
            return (mine[0] if mine else local), (others[0] if others else None)
    if parties.sub_type == "Agreement":
        names = list(dict.fromkeys(a.name for a in actors if a.name and a.inter != 7))
        return (names[0] if names else role(country, "military")), (names[1] if len(names) > 1 else None)
    return None


def _armed_names(lex: ActorLexicon, parties: Parties) -> Names:
    """Attacker and target of violence: the state flies the aircraft; with no attacker named, the military
    for an air strike or when only attackers died, else unidentified gunmen; the target by the event type."""
    role, country, sub_type = lex.role_name, parties.country, parties.sub_type
    actor1, actor2, killed_groups = parties.actor1, parties.actor2, parties.killed_groups
    name1 = actor1.name if actor1 else None
    name2 = actor2.name if actor2 else None
    if (
        sub_type == "Air/drone strike"
        and actor1 is not None
        and not lex.state_side(name1, actor1.inter)
        and actor1.inter != 8
        and (actor1.role != "attacker" or actor1.mention.kind == "generic")
    ):
        # aircraft belong to the state (or its foreign partners): the armed men named near a strike are its
        # target, unless a named group is said to have flown the drone
        if actor2 is None or actor2.name in (None, name1) or lex.state_side(name2, actor2.inter):
            actor2 = actor1
            name2 = name1
        name1 = next((a.name for a in _state(parties) if a.role != "target"), None) or role(country, "military")
    if name1 is None:
        if sub_type == "Air/drone strike" or (killed_groups == {"attackers"}):
            name1 = role(country, "military")
        else:
            name1 = role(country, "unidentified")
    if parties.event_type == "Violence against civilians" or sub_type == "Looting/property destruction":
        if actor2 is None or actor2.inter != 7:
            name2 = role(country, "civilians")
    elif parties.event_type == "Battles":
        if actor2 is None or actor2.inter == 7 or name2 == name1:
            name2 = _opponent(lex, parties, name1)
        if name2 == name1:
            name2 = role(country, "unidentified") if lex.type_of(name1) == "state forces" else role(country, "military")
    elif parties.event_type == "Explosions/Remote violence":
        if actor2 is None:
            name2 = _remote_target(killed_groups, country, role)  # name2 is None here
        if name2 == name1:
            name2 = None
    if name2 == name1:
        name2 = None
    return name1, name2


def _opponent(lex: ActorLexicon, parties: Parties, name1: str | None) -> str | None:
    """actor2 of a battle with no armed target named: another armed actor of the frame, else the military when
    soldiers died or were taken, else unidentified gunmen against state forces and the military against the
    others."""
    role, country = lex.role_name, parties.country
    candidates = [a.name for a in parties.actors if a.name and a.inter in ARMED_INTER and a.name != name1]
    if candidates:
        return candidates[0]
    if parties.killed_groups & {"military"} or parties.abducted_groups & {"military"}:
        return role(country, "military")
    if lex.type_of(name1) == "state forces":
        return role(country, "unidentified")
    return role(country, "military")


def _remote_target(
    killed_groups: frozenset[str], country: str, role: Callable[[str | None, str], str | None]
) -> str | None:
    """actor2 of a strike, a mine or a shelling with no target named, by who died: civilians (or people, when no
    soldier died), the military, or the unidentified armed men; None when nobody is said to have died."""
    if killed_groups & {"civilians"} or (killed_groups & {"generic"} and not killed_groups & {"military"}):
        return role(country, "civilians")
    if killed_groups & {"military"}:
        return role(country, "military")
    if killed_groups & {"attackers"}:
        return role(country, "unidentified")
    return None
