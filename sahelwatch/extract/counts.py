"""Casualty figures: which quantity counts whom (victim group) and what happened to them (killed, injured,
abducted, arrested). Rules are described in seeds/lexicons/casualties.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sahelwatch.extract.lexicon import load
from sahelwatch.extract.numbers import find_quantities
from sahelwatch.extract.text import alternation, fold_pattern

AFTER_WINDOW = 90    # characters after a count in which its outcome word may stand
BEFORE_WINDOW = 40   # characters before a count for "tuant 12 civils", "killing several soldiers"
_LOSS_VERB = re.compile(r"(?:a |ont )?perdu|lost")  # the victims of "lost" come after it, never before
_LIFE = re.compile(r"\s+(?:la vie|their lives|his life|her life)")  # ...unless the count lost its own life


@dataclass(frozen=True)
class Casualty:
    start: int
    end: int
    outcome: str         # killed, injured, abducted, arrested
    group: str           # military, civilians, attackers, generic
    best: int | None
    low: int | None
    high: int | None
    vague: bool
    surface: str


class _Rules:
    def __init__(self) -> None:
        lex = load("casualties")
        self.outcome_res: list[tuple[str, re.Pattern[str]]] = []
        alts: list[str] = []
        self.outcome_of: list[tuple[re.Pattern[str], str]] = []
        for outcome, pats in lex["outcomes"].items():
            for p in pats:
                self.outcome_of.append((re.compile(fold_pattern(p) + r"\Z"), outcome))
                alts.append(p)
        self.outcome_regex = re.compile(r"(?<![\w])" + alternation(alts) + r"(?![\w])")
        self.toll = re.compile(r"(?<![\w])" + alternation(lex["toll_words"]) + r"(?![\w])")
        self.group_of: list[tuple[re.Pattern[str], str]] = []
        valts: list[str] = []
        for group, pats in lex["victims"].items():
            for p in pats:
                self.group_of.append((re.compile(fold_pattern(p) + r"\Z"), group))
                valts.append(p)
        self.victim_regex = re.compile(r"(?<![\w])" + alternation(valts) + r"(?![\w])")
        salts: list[str] = []
        self.single_group: dict[str, str] = {}
        for group, words in lex["singular_victims"].items():
            for w in words:
                self.single_group[re.sub(r"\s+", " ", fold_pattern(w).replace(r"\s+", " "))] = group
                salts.append(w)
        titles = lex.get("singular_modifiers", [])
        # English modifiers stand before the noun ("the camp commander"); after a French article the same words
        # would read "le camp militaire" (the military camp) as a soldier, so only English articles take them.
        modifier = r"(?(en)(?:(?:" + alternation(titles) + r")\s+)?|)" if titles else ""
        self.singular_regex = re.compile(
            r"(?<![\w])(?P<art>un|une|(?P<en>a|an|one|the|their|its)|le|la|l'|son|sa|leur)\s*" + modifier
            + r"(?P<noun>" + alternation(salts) + r")(?![\w])")
        # "trois de ses hommes", "three of his men": the men of the person named just before
        self.followers = re.compile(r"\s*(?:de|d'|of)\s+(?:ses|leurs|his|their|its|her|sa|son)\s+(?:"
                                    + alternation(lex.get("followers", ["hommes", "men"])) + r")(?![\w])")
        self.subset = re.compile(r"(?:" + alternation(lex["subset_markers"]) + r")\s*(?:[:,]\s*)?$")
        victims_alt = alternation(valts)
        outcomes_alt = alternation(alts)
        self.next_ok = re.compile(
            r"\s*(?:(?:de|d'|of|des|other|others|autres|more|additional|further|nouveaux|nouvelles|new)\b\s*)*"
            r"(?:[\w-]{2,16}\s+){0,2}?(?:" + victims_alt + "|" + outcomes_alt + r")(?![\w])"
            r"|\s*(?:ont|a|ont ete|a ete|were|was|have|has|had|are|is|sont|est|etaient|died|lost|perished)\b"
            r"|\s*(?:[,;.)]|$)")
        self._outcome_cache: dict[str, str] = {}
        self._group_cache: dict[str, str] = {}

    def outcome(self, word: str) -> str:
        key = re.sub(r"\s+", " ", word)
        if key not in self._outcome_cache:
            found = "killed"
            for regex, outcome in self.outcome_of:
                if regex.match(key):
                    found = outcome
                    break
            self._outcome_cache[key] = found
        return self._outcome_cache[key]

    def group(self, word: str) -> str:
        key = re.sub(r"\s+", " ", word)
        if key not in self._group_cache:
            found = "generic"
            for regex, group in self.group_of:
                if regex.match(key):
                    found = group
                    break
            self._group_cache[key] = found
        return self._group_cache[key]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


_BARRIER = re.compile(r"[;.!?]|\s(?:et|and|mais|but|while|alors que|tandis que)\s+(?:\d|un|une|deux|trois|several"
                      r"|plusieurs|at least|au moins)")


_NOT_A_VICTIM = re.compile(
    r"\s+(?:incident|attaque|attack|assaut|assault|embuscade|ambush|raid|explosion|operation|affrontement|clash"
    r"|evenement|event|enlevement|abduction|kidnapping|frappe|strike|village|localite|town|jour|day|fois|time"
    r"|groupe|group|source|cas|case|bilan|toll|vehicule|vehicle|camp|poste|post|base)\b")


@lru_cache(maxsize=1)
def _event_words() -> re.Pattern[str]:
    from sahelwatch.extract.events import lexicon as event_lexicon

    return event_lexicon().regex


def find_casualties(text: str, folded: str, start: int = 0, end: int | None = None) -> list[Casualty]:
    """Casualty figures in text[start:end] (one clause or sentence)."""
    r = rules()
    end = len(folded) if end is None else end
    items: list[tuple[int, int, int | None, int | None, int | None, bool, str]] = []
    for q in find_quantities(text, folded, start, end, limit=60):
        items.append((q.start, q.end, q.best, q.low, q.high, q.vague, q.surface))
    single_of: dict[int, str] = {}     # start of a singular victim ("le commandant du camp") -> its group
    for m in r.singular_regex.finditer(folded, start, end):
        if any(a <= m.start() < b for a, b, *_ in items):
            continue
        if _NOT_A_VICTIM.match(folded, m.end()):
            continue   # "dans un autre incident", "a second attack": not a person
        items.append((m.start(), m.end(), 1, 1, 1, False, text[m.start():m.end()]))
        single_of[m.start()] = r.single_group.get(re.sub(r"\s+", " ", m.group("noun")), "generic")
    items.sort()
    outcomes = [(m.start(), m.end(), r.outcome(m.group(0))) for m in r.outcome_regex.finditer(folded, start, end)]
    out: list[Casualty] = []
    used: set[int] = set()
    next_ok = rules().next_ok
    pending: list[tuple[int, Casualty]] = []
    for i, (q_start, q_end, best, low, high, vague, surface) in enumerate(items):
        singular = best == 1 and not surface[:1].isdigit() and surface.split()[0].lower() in (
            "un", "une", "a", "an", "one", "le", "la", "the", "l'", "son", "sa", "their", "its", "leur")
        before = folded[max(start, q_start - 30):q_start]
        if r.subset.search(before):
            continue
        if re.search(r"\b(?:how|so|too)\s+$", before) and not surface[:1].isdigit():
            continue   # "it was not clear how many attackers were killed": no figure

        if not singular and not next_ok.match(folded, q_end, min(end, q_end + 60)) \
                and not r.followers.match(folded, q_end, min(end, q_end + 60)):
            # the figure counts something else ("plusieurs témoins", "trois jours"), unless a toll introduces it
            if not r.toll.search(folded, max(start, q_start - 40), q_start):
                continue
        next_q = items[i + 1][0] if i + 1 < len(items) else end
        outcome = None
        o_pos = None
        if singular:  # "un blessé", "la mort": the noun is the outcome
            for s, e, kind in outcomes:
                if q_start <= s < q_end:
                    outcome, o_pos = kind, s
        # 1. an unused outcome word right before: "tuant 12 civils", "killing several soldiers"
        for s, e, kind in reversed(outcomes):
            if outcome is not None:
                break
            if e > q_start:
                continue
            if q_start - e <= 14 and s not in used and not re.search(r"[;.!?,]", folded[e:q_start]):
                outcome, o_pos = kind, s
            break
        # 2. an outcome after the count, before the next count: "12 soldats ont été tués", "12 morts"
        if outcome is None:
            for s, e, kind in outcomes:
                if s < q_end:
                    continue
                if s - q_end > (50 if singular else AFTER_WINDOW) or s >= next_q:
                    break
                if _BARRIER.search(folded[q_end:s]) or s in used:
                    break
                if _LOSS_VERB.fullmatch(folded[s:e]) and not _LIFE.match(folded, e):
                    break  # "un commerçant qui a perdu deux frères": who lost someone is not the victim
                outcome, o_pos = kind, s
                break
        # 3. a toll word before: "le bilan s'élève à 12"
        if outcome is None and not singular:
            toll = None
            for m in r.toll.finditer(folded, max(start, q_start - 60), q_start):
                toll = m
            if toll is not None and not re.search(r"[;.!?]", folded[toll.end():q_start]):
                outcome, o_pos = "killed", toll.start()
        # 4. coordination with the previous figure: "tué 5 soldats et 3 civils"
        if outcome is None and out and out[-1].end <= q_start:
            gap = folded[out[-1].end:q_start]
            if len(gap) < 40 and re.fullmatch(r"[\w' -]*?(?:,|\bet\b|\band\b)\s*", gap):
                outcome = out[-1].outcome
        if outcome is None:
            # maybe coordinated with the next figure: "cinq soldats et deux VDP ont été tués"
            pending.append((i, Casualty(q_start, q_end, "", _singular_group(folded, q_start, q_end, single_of)
                                        if singular else "", best, low, high, vague, surface)))
            continue
        if o_pos is not None:
            used.add(o_pos)
        group = "generic"
        if singular:
            group = _singular_group(folded, q_start, q_end, single_of)
        elif i > 0 and r.followers.match(folded, q_end) and _coordinated(folded, items[i - 1][1], q_start):
            # "a commander and three of his men": the same side as the person before
            group = _item_group(items[i - 1], folded, out, single_of)
        else:
            vm = r.victim_regex.search(folded, q_end, min(end, q_end + 45))
            if vm and vm.start() - q_end < 30 and not re.search(r"[;.!?]", folded[q_end:vm.start()]):
                group = r.group(vm.group(0))
                if group == "civilians" and o_pos is not None and re.match(
                        r"(?:lost|a perdu|ont perdu|pertes?|losses?)\b", folded[o_pos:o_pos + 12]):
                    group = "military"  # "the army lost five men"
                if vm.group(0) in ("autres", "others") and out:
                    group = out[-1].group
            elif o_pos is not None and o_pos < q_start:
                vm = r.victim_regex.search(folded, o_pos, q_start)
                if vm:
                    group = r.group(vm.group(0))
        if group == "generic" and re.match(r"\s*(?:corps|bodies|cadavres|dead bodies)\b", folded[q_end:q_end + 16]):
            # "les terroristes ont laissé douze corps": whose bodies the sentence says
            vm = None
            for vm in r.victim_regex.finditer(folded, max(start, q_start - 80), q_start):
                pass
            if vm is not None and r.group(vm.group(0)) == "attackers":
                group = "attackers"
        out.append(Casualty(q_start, q_end, outcome, group, best, low, high, vague, surface))
    for i, c in pending:
        nxt = next((o for o in out if o.start > c.end), None)
        if nxt is None:
            continue
        gap = folded[c.end:nxt.start]
        if len(gap) < 40 and re.fullmatch(r"[\w' -]*?(?:,|\bet\b|\band\b)\s*", gap) and not re.search(
                r"\b(?:a|ont|ete|was|were|has|have|had|est|sont|is|are)\b", gap) and not r.outcome_regex.search(gap) \
                and not _event_words().search(gap):
            vm = r.victim_regex.search(folded, c.end, nxt.start)
            group = c.group or (r.group(vm.group(0)) if vm else "generic")
            out.append(Casualty(c.start, c.end, nxt.outcome, group, c.best, c.low, c.high, c.vague, c.surface))
    out.sort(key=lambda c: c.start)
    return out


def _singular_group(folded: str, q_start: int, q_end: int, single_of: dict[int, str]) -> str:
    if q_start in single_of:
        return single_of[q_start]
    noun = re.sub(r"\s+", " ", folded[q_start:q_end]).split(" ", 1)[-1]
    noun = re.sub(r"^(?:l')", "", noun)
    return rules().single_group.get(noun, "generic")


def _coordinated(folded: str, prev_end: int, q_start: int) -> bool:
    """Two figures joined by "et"/"and"/a comma, with at most a few words between ("le chef du poste et")."""
    gap = folded[prev_end:q_start]
    return len(gap) < 40 and bool(re.fullmatch(r"[\w' -]*?(?:,|\bet\b|\band\b)\s*", gap)) and not re.search(
        r"\b(?:a|ont|ete|was|were|has|have|had|est|sont|is|are)\b", gap)


def _item_group(item: tuple, folded: str, out: list[Casualty], single_of: dict[int, str]) -> str:
    q_start, q_end = item[0], item[1]
    if q_start in single_of:
        return single_of[q_start]
    done = next((c for c in out if c.start == q_start), None)
    if done is not None:
        return done.group
    vm = rules().victim_regex.search(folded, q_end, min(len(folded), q_end + 45))
    return rules().group(vm.group(0)) if vm and vm.start() - q_end < 30 else "generic"


def bare_plural_outcomes(text: str, folded: str, start: int, end: int) -> set[str]:
    """Outcomes mentioned without any figure ("des soldats ont été tués"): the count is unknown."""
    r = rules()
    found: set[str] = set()
    for m in r.outcome_regex.finditer(folded, start, end):
        found.add(r.outcome(m.group(0)))
    return found
