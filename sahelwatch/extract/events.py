"""Event triggers (FR/EN words for attacks, clashes, strikes, protests ...) and the rules that turn them, with the
actors around them, into ACLED event types and sub-event types. Lexicon: seeds/lexicons/events.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sahelwatch.extract.lexicon import load
from sahelwatch.extract.text import alternation

# Trigger kinds in the order in which they are tried at one position (specific before general), each with whether
# it is violence in itself (an arrest, a protest or an agreement is not).
_KINDS = (
    ("suicide", True),
    ("airstrike", True),
    ("ied", True),
    ("shelling", True),
    ("grenade", True),
    ("chemical", True),
    ("takeover", True),
    ("recapture", True),
    ("clash", True),
    ("looting", False),
    ("abduction", True),
    ("sexual", True),
    ("weapons", False),
    ("agreement", False),
    ("base", False),
    ("transfer", False),
    ("change", False),
    ("protest", False),
    ("riot", True),
    ("vandalism", True),
    ("mob", True),
    ("arrest", False),
    ("attack", True),
    ("kill", True),
)
_MATCH_ORDER = tuple(kind for kind, _ in _KINDS)
VIOLENT = frozenset(kind for kind, violent in _KINDS if violent)

SUB_TYPES = {
    "suicide": ("Explosions/Remote violence", "Suicide bomb"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "ied": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "grenade": ("Explosions/Remote violence", "Grenade"),
    "chemical": ("Explosions/Remote violence", "Chemical weapon"),
    "takeover": ("Battles", "Non-state actor overtakes territory"),
    "recapture": ("Battles", "Government regains territory"),
    "clash": ("Battles", "Armed clash"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "sexual": ("Violence against civilians", "Sexual violence"),
    "mob": ("Riots", "Mob violence"),
    "riot": ("Riots", "Violent demonstration"),
    "vandalism": ("Riots", "Violent demonstration"),
    "protest": ("Protests", "Peaceful protest"),
    "arrest": ("Strategic developments", "Arrests"),
    "looting": ("Strategic developments", "Looting/property destruction"),
    "weapons": ("Strategic developments", "Disrupted weapons use"),
    "agreement": ("Strategic developments", "Agreement"),
    "base": ("Strategic developments", "Headquarters or base established"),
    "transfer": ("Strategic developments", "Non-violent transfer of territory"),
    "change": ("Strategic developments", "Change to group/activity"),
    "attack": ("Violence against civilians", "Attack"),
    "kill": ("Violence against civilians", "Attack"),
}
# A crowd: a demonstration, peaceful or not. Violence at a crowd (stones thrown, clashes with the police, buildings
# ransacked, protesters killed) is still the crowd's incident, unless an armed group or a weapon of war is in it.
CROWD = {"protest", "riot"}
STREET = CROWD | {"vandalism"}  # a crowd, or what a violent crowd does: placed and dated like a demonstration
_NOT_CROWD = {"suicide", "airstrike", "ied", "shelling", "chemical", "takeover", "recapture", "abduction", "sexual"}


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    surface: str
    kind: str
    concrete: bool


class EventLexicon:
    def __init__(self) -> None:
        lex = load("events")
        groups: list[str] = []
        self.group_kind: dict[str, tuple[str, bool]] = {}
        triggers = lex["triggers"]
        for kind in _MATCH_ORDER:
            spec = triggers.get(kind) or {}
            for flavour, concrete in (("concrete", True), ("generic", False)):
                pats = spec.get(flavour) or []
                if not pats:
                    continue
                name = f"{kind}_{flavour}"
                self.group_kind[name] = (kind, concrete)
                groups.append(f"(?P<{name}>{alternation(pats)})")
        # generic (plural) forms must win over the concrete singular at the same position
        groups.sort(key=lambda g: 0 if "_generic>" in g else 1)
        self.regex = re.compile(r"(?<![\w])(?:" + "|".join(groups) + r")(?![\w'])")
        self.intervention = re.compile(r"(?<![\w])" + alternation(lex["protest_intervention"]) + r"(?![\w])")
        self.hard = re.compile(r"(?<![\w])" + alternation(lex["suppress"]["hard"]) + r"(?![\w])")
        self.soft = re.compile(r"(?<![\w])" + alternation(lex["suppress"]["soft"]) + r"(?![\w])")
        self.statistic = re.compile(r"(?<![\w])" + alternation(lex["suppress"]["statistic"]) + r"(?![\w])")
        self.background = re.compile(r"(?<![\w])" + alternation(lex["background"]) + r"(?![\w])")
        self.same_day = re.compile(r"(?<![\w])" + alternation(lex["same_day"]) + r"(?![\w])")
        self.summary = re.compile(r"(?<![\w])" + alternation(lex.get("summary", [])) + r"(?![\w])")
        self.no_casualties = re.compile(r"(?<![\w])" + alternation(lex.get("no_casualties", [])) + r"(?![\w])")
        self.attribution = re.compile(r"(?<![\w])" + alternation(lex.get("attribution", [])) + r"(?![\w])")
        self.contact = re.compile(r"(?<![\w])" + alternation(lex.get("contact", [])) + r"(?![\w])")
        self.peaceful = re.compile(r"(?<![\w])" + alternation(lex.get("protest_peaceful", [])) + r"(?![\w])")
        self.soft_crowd_ok = re.compile(r"(?<![\w])" + alternation(lex.get("soft_crowd_ok", [])) + r"(?![\w])")
        self.hard_except = re.compile(r"(?<![\w])" + alternation(lex.get("hard_except", [])) + r"(?![\w])")
        self.protest_suppress = re.compile(r"(?<![\w])" + alternation(lex.get("protest_suppress", [])) + r"(?![\w])")
        self.protest_topic = re.compile(r"(?<![\w])" + alternation(lex.get("protest_topic", [])) + r"$")

    def suppressed(self, folded: str, start: int, end: int) -> bool:
        """A hard suppression in [start, end) (denial, trial, commemoration, accident, call to protest ...), once the
        spans of `hard_except` are blanked out."""
        part = folded[start:end]
        if self.hard_except.search(part):
            part = self.hard_except.sub(lambda m: " " * len(m.group(0)), part)
        return bool(self.hard.search(part))

    def soft_suppressed(self, folded: str, start: int, end: int, crowd: bool) -> bool:
        """A statement about violence in general, a conditional or a plan; in a sentence that tells a demonstration,
        its size and its cause ("des milliers de manifestants contre l'insécurité") are none of these."""
        part = folded[start:end]
        if crowd and self.soft_crowd_ok.search(part):
            part = self.soft_crowd_ok.sub(lambda m: " " * len(m.group(0)), part)
        return bool(self.soft.search(part))

    def crowd_words_void(self, folded: str, start: int, end: int) -> bool:
        """The sentence speaks of a protest that did not take place (called, planned, banned, cancelled, general)."""
        part = folded[start:end]
        if self.hard_except.search(part):
            part = self.hard_except.sub(lambda m: " " * len(m.group(0)), part)
        return bool(self.protest_suppress.search(part))

    def is_topic(self, folded: str, start: int, lo: int) -> bool:
        """The violent word at `start` is what a protest is about ("protest against the kidnapping")."""
        window = re.sub(r"\s+", " ", folded[max(lo, start - 140) : start])
        return bool(self.protest_topic.search(window))

    def find(self, text: str, folded: str, start: int = 0, end: int | None = None) -> list[Trigger]:
        end = len(folded) if end is None else end
        out: list[Trigger] = []
        for m in self.regex.finditer(folded, start, end):
            kind, concrete = self.group_kind[m.lastgroup or ""]
            out.append(Trigger(m.start(), m.end(), text[m.start() : m.end()], kind, concrete))
        return out


@lru_cache(maxsize=1)
def lexicon() -> EventLexicon:
    return EventLexicon()


def find_triggers(text: str, folded: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    return lexicon().find(text, folded, start, end)


@dataclass(frozen=True)
class Situation:
    """What the pipeline knows about one incident when it picks the type."""

    kinds: frozenset[str]
    attacker_inter: int | None  # ACLED inter code of actor1 candidate (1 state ... 8 external)
    target_inter: int | None  # inter code of the target (7 civilians ...)
    killed_groups: frozenset[str]  # victim groups with deaths (military, civilians, attackers, generic)
    abducted_groups: frozenset[str]
    protest_intervention: bool
    protesters_killed: bool
    no_casualties: bool = False
    contact: bool = False  # gunfire, an assault or an ambush: the sides met (a complex attack)
    mostly_civilians: bool = False  # the civilians killed far outnumber the armed men killed
    armed_group: bool = False  # a non-state armed group (rebels, militias, jihadists) takes part
    crowd: bool = False  # a demonstration is told (not only recalled)
    crowd_violence: bool = False  # stones, barricades, ransacking, clashes, shooting at the demonstration
    leader_detained: bool = False  # a head of state or minister detained or taken away
    peaceful: bool = False  # the demonstration is said to be peaceful


def classify(s: Situation) -> tuple[str, str, str]:
    """(event_type, sub_event_type, deciding kind) under ACLED's rules (see seeds/lexicons/events.yaml)."""
    kinds = set(s.kinds)
    if s.abducted_groups:
        kinds.add("abduction")  # "ont enlevé du bétail et deux bergers": the figure tells what happened
    if s.killed_groups:
        kinds.add("kill")
    armed_target = (
        s.target_inter in (1, 2, 3, 4, 8)
        or bool(s.killed_groups & {"military", "attackers"})
        or bool(s.abducted_groups & {"military"})
    )
    if s.mostly_civilians and "clash" not in kinds:
        armed_target = False  # "5 soldiers and 58 civilians killed" in a village: an attack on civilians
    contact = s.contact or "clash" in kinds
    civilian_target = s.target_inter == 7 or bool(s.killed_groups & {"civilians"})
    state_attacker = s.attacker_inter == 1
    if "suicide" in kinds:
        if contact or "shelling" in kinds:
            # car bomb with gunfire or rockets: a complex attack, coded as the fighting
            return (*SUB_TYPES["clash"], "clash")
        if "airstrike" in kinds:
            return (*SUB_TYPES["airstrike"], "airstrike")  # strikes on vehicles rigged with bombs
        return (*SUB_TYPES["suicide"], "suicide")
    crowd = crowd_type(s, kinds)
    if crowd is not None:
        return crowd
    if (
        s.leader_detained
        and not s.killed_groups
        and not s.armed_group
        and s.attacker_inter not in (2, 3, 4)
        and not kinds & {"clash", "airstrike", "ied", "shelling", "takeover", "recapture", "suicide"}
    ):
        # soldiers who detain the president or take him to a camp: a coup's arrest, not a kidnapping
        return (*SUB_TYPES["arrest"], "arrest")
    if (
        s.no_casualties
        and "looting" in kinds
        and not s.killed_groups
        and not s.abducted_groups
        and not kinds & {"clash", "takeover", "recapture", "airstrike", "shelling", "ied", "grenade", "sexual"}
        and s.target_inter not in (1, 2, 3, 4, 8)
    ):
        return (*SUB_TYPES["looting"], "looting")
    if "takeover" in kinds:
        if state_attacker:
            return (*SUB_TYPES["recapture"], "recapture")
        return (*SUB_TYPES["takeover"], "takeover")
    if "recapture" in kinds:
        return (*SUB_TYPES["recapture"], "recapture")
    ground = kinds & {"clash", "attack", "kill"}
    if "weapons" in kinds and "ied" in kinds and not s.killed_groups and not ground:
        # "les démineurs ont désamorcé une mine artisanale": the bomb did not go off
        return (*SUB_TYPES["weapons"], "weapons")
    if "clash" in kinds:
        return (*SUB_TYPES["clash"], "clash")
    remote = [k for k in ("airstrike", "shelling", "ied", "grenade", "chemical") if k in kinds]
    if remote and "airstrike" in remote:
        return (*SUB_TYPES["airstrike"], "airstrike")
    if (
        ground
        and armed_target
        and not (civilian_target and not s.killed_groups & {"military", "attackers"} and s.target_inter == 7)
    ):
        if not remote or contact:
            # a mine or a shell is remote violence, unless the attackers also fought their way in
            return (*SUB_TYPES["clash"], "clash")
    if remote:
        return (*SUB_TYPES[remote[0]], remote[0])
    if ground:
        if "sexual" in kinds and not s.killed_groups:
            return (*SUB_TYPES["sexual"], "sexual")
        if "abduction" in kinds and not s.killed_groups:
            return (*SUB_TYPES["abduction"], "abduction")
        if s.protesters_killed and "protest" in kinds:
            return ("Protests", "Excessive force against protesters", "protest")
        if "mob" in kinds:
            return (*SUB_TYPES["mob"], "mob")
        if _property_raid(kinds, s):
            return (*SUB_TYPES["looting"], "looting")
        if kinds & {"riot", "vandalism", "protest"} and not civilian_target and not s.killed_groups:
            return (*SUB_TYPES["riot"], "riot")
        return (*SUB_TYPES["attack"], "attack")
    if "sexual" in kinds:
        return (*SUB_TYPES["sexual"], "sexual")
    if "abduction" in kinds:
        if s.abducted_groups & {"military"} and not s.abducted_groups & {"civilians"}:
            return (*SUB_TYPES["clash"], "clash")
        return (*SUB_TYPES["abduction"], "abduction")
    if "mob" in kinds:
        return (*SUB_TYPES["mob"], "mob")
    if _property_raid(kinds, s):
        return (*SUB_TYPES["looting"], "looting")
    if kinds & {"riot", "vandalism"}:
        return (*SUB_TYPES["riot"], "riot")
    if "protest" in kinds:
        if s.protesters_killed:
            return ("Protests", "Excessive force against protesters", "protest")
        if s.protest_intervention:
            return ("Protests", "Protest with intervention", "protest")
        return (*SUB_TYPES["protest"], "protest")
    for kind in ("arrest", "looting", "weapons", "agreement", "base", "transfer", "change"):
        if kind in kinds:
            return (*SUB_TYPES[kind], kind)
    return ("Strategic developments", "Other", "other")


def crowd_type(s: Situation, kinds: set[str]) -> tuple[str, str, str] | None:
    """A demonstration's type, or None when the incident is not a crowd's. ACLED: a peaceful demonstration is a
    Peaceful protest, one dispersed (tear gas, arrests, water cannon) a Protest with intervention; a demonstration
    with violence (stones, barricades, burning tyres, ransacking, clashes with the police, deaths) is a Violent
    demonstration (Riots), also when the dead are protesters shot by the police."""
    if not s.crowd or not kinds & CROWD or kinds & _NOT_CROWD or s.armed_group:
        return None
    if s.killed_groups & {"attackers"} or s.abducted_groups:
        return None
    if "mob" in kinds:
        return (*SUB_TYPES["mob"], "mob")
    if s.peaceful and not kinds & {"riot", "vandalism"}:
        # "the police beat up a peaceful sit-in": the violence is the police's
        if s.killed_groups or s.protesters_killed:
            return ("Protests", "Excessive force against protesters", "protest")
        if s.protest_intervention or s.crowd_violence:
            return ("Protests", "Protest with intervention", "protest")
        return (*SUB_TYPES["protest"], "protest")
    if s.crowd_violence or s.killed_groups or s.protesters_killed:
        return (*SUB_TYPES["riot"], "riot")
    if s.protest_intervention:
        return ("Protests", "Protest with intervention", "protest")
    return (*SUB_TYPES["protest"], "protest")


def _property_raid(kinds: set[str], s: Situation) -> bool:
    """Destruction without a crowd or a death, by armed men or with looting: "des hommes armés ont vandalisé la
    mairie et brûlé deux voitures" is looting/property destruction, not a riot."""
    return bool(
        kinds & {"riot", "vandalism"}
        and not s.crowd
        and not s.killed_groups
        and ("looting" in kinds or s.attacker_inter in (2, 3, 4))
    )
