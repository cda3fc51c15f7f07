"""Casualty figures: which quantity counts whom (victim group) and what happened to them (killed, injured,
abducted, arrested). Rules are described in seeds/lexicons/casualties.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from sahelwatch.extract.lexicon import load
from sahelwatch.extract.numbers import find_quantities
from sahelwatch.extract.text import alternation, fold_pattern

AFTER_WINDOW = 90  # characters after a count in which its outcome word may stand
BEFORE_WINDOW = 40  # characters before a count for "tuant 12 civils", "killing several soldiers"
_LOSS_VERB = re.compile(r"(?:a |ont )?perdu|lost")  # the victims of "lost" come after it, never before
_LIFE = re.compile(r"\s+(?:la vie|their lives|his life|her life)")  # ...unless the count lost its own life


@dataclass(frozen=True)
class Casualty:
    start: int
    end: int
    outcome: str  # killed, injured, abducted, arrested
    group: str  # military, civilians, attackers, generic
    best: int | None
    low: int | None
    high: int | None
    vague: bool
    surface: str
    additional: bool = False  # "sept autres personnes", "two more", "another": on top of a figure already given
    update: bool = False  # "le nouveau bilan", "the toll rose to": replaces an earlier figure of the group
    partial: bool = False  # "neuf corps transférés", "15 bodies buried": the dead found so far, not the toll


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
            r"(?<![\w])(?P<art>un|une|(?P<en>a|an|one|the|their|its)|le|la|l'|son|sa|leur)\s*"
            + modifier
            + r"(?P<noun>"
            + alternation(salts)
            + r")(?![\w])"
        )
        # "trois de ses hommes", "three of his men": the men of the person named just before
        self.followers = re.compile(
            r"\s*(?:de|d'|of)\s+(?:ses|leurs|his|their|its|her|sa|son)\s+(?:"
            + alternation(lex.get("followers", ["hommes", "men"]))
            + r")(?![\w])"
        )
        self.subset = re.compile(r"(?:" + alternation(lex["subset_markers"]) + r")\s*(?:[:,]\s*)?$")
        self.subset_any = re.compile(r"(?<![\w])(?:" + alternation(lex["subset_markers"]) + r")(?![\w])")
        victims_alt = alternation(valts)
        outcomes_alt = alternation(alts)
        self.next_ok = re.compile(
            r"[\s\"”»’]*(?:(?:de|d'|of|des|other|others|autres|more|additional|further|nouveaux|nouvelles|new)\b\s*)*"
            r"(?:[\w-]{2,16}\s+){0,2}?[\"“«‘]?(?:"
            + victims_alt
            + "|"
            + outcomes_alt
            + "|"
            + alternation(salts)
            + r"|d'entre (?:eux|elles)|of them)(?![\w])"
            r"|\s*(?:ont|a|ont ete|a ete|were|was|have|has|had|are|is|sont|est|etaient|died|lost|perished)\b"
            r"|\s*(?:[,;.)]|$)"
        )
        # the figure's noun (if any), an auxiliary, then the word: "280 000 déplacés", "300 soldats ont été
        # déployés", "three hostages were freed" (not "one person as residents fled")
        self.not_victims = re.compile(
            r"\s*(?:(?:de|d'|of|autres|other|more)\s+)?(?:[\w'-]+\s+)?(?:(?:ont|a|ont ete|a ete|sont|se sont|have"
            r"|has|had|have been|has been|had been|were|was|are|is)\s+)?(?:"
            + alternation(lex.get("not_victims", []))
            + r")(?![\w])"
        )
        # after an outcome word, the victim noun may stand behind a long name: "23 ISWAP terrorists"
        self.far_victim = re.compile(r"\s*(?:[\w'.-]+\s+|\([\w'. -]+\)\s+){0,7}?(?:" + victims_alt + r")(?![\w])")
        self.aggregate = re.compile(alternation(lex.get("aggregate", [])))
        # "one GATIA fighter", "a Wagner mercenary": an English article, a capitalised name, a singular victim noun
        self.named_singular = re.compile(
            r"(?<![\w])(?:one|an?|the)\s+(?P<mod>[\w'.-]{2,14})\s+(?P<noun>" + alternation(salts) + r")(?![\w])"
        )
        self._outcome_cache: dict[str, str] = {}
        self._group_cache: dict[str, str] = {}

    def outcome(self, word: str) -> str:
        return _first_match(word, self.outcome_of, "killed", self._outcome_cache)

    def group(self, word: str) -> str:
        return _first_match(word, self.group_of, "generic", self._group_cache)


def _first_match(word: str, table: list[tuple[re.Pattern[str], str]], default: str, cache: dict[str, str]) -> str:
    """The label of the first pattern of `table` that matches the matched `word` (white space folded), else
    `default`; remembered in `cache`, since the same few words come back in every report."""
    key = re.sub(r"\s+", " ", word)
    if key not in cache:
        cache[key] = next((label for regex, label in table if regex.match(key)), default)
    return cache[key]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


_BARRIER = re.compile(
    r"[;.!?]|\s(?:et|and|mais|but|while|alors que|tandis que)\s+(?:\d|un|une|deux|trois|several"
    r"|plusieurs|at least|au moins)"
)


_NOT_A_VICTIM = re.compile(
    r"\s+(?:official|source|responsable|temoin|witness|spokesman|porte-parole|security source|local source"
    r"|incident|attaque|attack|assaut|assault|embuscade|ambush|raid|explosion|operation|affrontement|clash"
    r"|evenement|event|enlevement|abduction|kidnapping|frappe|strike|village|localite|town|jour|day|fois|time"
    r"|groupe|group|source|cas|case|bilan|toll|vehicule|vehicle|camp|poste|post|base)\b"
)


@lru_cache(maxsize=1)
def _event_words() -> re.Pattern[str]:
    from sahelwatch.extract.events import lexicon as event_lexicon

    return event_lexicon().regex


def find_casualties(text: str, folded: str, start: int = 0, end: int | None = None) -> list[Casualty]:
    """Casualty figures in text[start:end] (one clause or sentence)."""
    r = rules()
    end = len(folded) if end is None else end
    if r.aggregate.search(folded, start, end) and _aggregate(folded, start, end):
        return []  # "Depuis 2015, les attaques ont fait plus de 500 morts": statistics, no incident's toll
    items, single_of = _figures(text, folded, start, end)
    outcomes = [(m.start(), m.end(), r.outcome(m.group(0))) for m in r.outcome_regex.finditer(folded, start, end)]
    out: list[Casualty] = []
    used: set[int] = set()
    pending: list[tuple[int, Casualty]] = []
    part_end = -1  # end of the last figure that is part of a figure already given ("including 17 soldiers")
    parts: list[tuple[int, int, str]] = []  # (start, value, group) of such parts
    for i, (q_start, q_end, best, low, high, vague, surface) in enumerate(items):
        singular = _is_singular(best, surface)
        hit = _outcome_right_before(folded, q_start, outcomes)
        if r.subset.search(folded[max(start, q_start - 30) : q_start]) or (
            part_end >= 0 and _coordinated(folded, part_end, q_start)
        ):
            part_end = q_end  # "including 17 soldiers and 36 VDP": both are parts
            vm = r.victim_regex.match(folded, q_end, min(end, q_end + 30)) or r.victim_regex.search(
                folded, q_end, min(end, q_end + 25)
            )
            parts.append((q_start, best or 0, r.group(vm.group(0)) if vm else "generic"))
            continue
        located = _IN_PLACE.match(folded, q_end) and (hit or (out and _coordinated(folded, out[-1].end, q_start)))
        if not located and not _counts_people(folded, start, end, q_start, q_end, surface, singular, hit):
            continue
        next_q = items[i + 1][0] if i + 1 < len(items) else end
        outcome, o_pos = _outcome_of(folded, start, end, q_start, q_end, next_q, singular, outcomes, used, out)
        flags = _flags(folded, start, q_start, q_end, outcomes, o_pos, first=not out and not pending)
        if outcome is None:
            # maybe coordinated with the next figure: "cinq soldats et deux VDP ont été tués"
            pending.append(
                (
                    i,
                    Casualty(
                        q_start,
                        q_end,
                        "",
                        _singular_group(folded, q_start, q_end, single_of) if singular else "",
                        best,
                        low,
                        high,
                        vague,
                        surface,
                        *flags,
                    ),
                )
            )
            continue
        if o_pos is not None:
            used.add(o_pos)
        group = _group_of(folded, start, end, i, items, q_start, q_end, o_pos, singular, out, single_of, hit)
        out.append(Casualty(q_start, q_end, outcome, group, best, low, high, vague, surface, *flags))
        for other in _chained_outcomes(folded, end, outcomes, o_pos, outcome):
            # "ont enlevé et tué deux commerçants", "retrouvé mort après avoir été enlevé": both happened to them
            out.append(Casualty(q_start, q_end, other, group, best, low, high, vague, surface, *flags))
    out.extend(_coordinated_pending(folded, pending, out))
    out.sort(key=lambda c: c.start)
    return _group_from_parts(out, parts)


def _group_from_parts(out: list[Casualty], parts: list[tuple[int, int, str]]) -> list[Casualty]:
    """A general figure whose parts, all of one group, add up to it is that group's: "53 combatants, including 17
    soldiers and 36 VDP" are soldiers ("15 morts, dont 10 civils" stays general)."""
    for i, c in enumerate(out):
        if c.group != "generic" or not c.best:
            continue
        mine = [p for p in parts if p[0] > c.end and not any(o.start > c.end and o.start < p[0] for o in out)]
        groups = {g for _, _, g in mine}
        if len(groups) == 1 and "generic" not in groups and sum(v for _, v, _ in mine) == c.best:
            out[i] = replace(c, group=groups.pop())
    return out


_SINGULAR_ARTICLES = ("un", "une", "a", "an", "one", "le", "la", "the", "l'", "son", "sa", "their", "its", "leur")


def _figures(text: str, folded: str, start: int, end: int) -> tuple[list[tuple], dict[int, str]]:
    """Quantities and singular victims ("le chef du village") in order, and the group of each singular victim."""
    r = rules()
    items: list[tuple] = []
    for q in find_quantities(text, folded, start, end, limit=60):
        if q.best is not None and q.best >= AGGREGATE_FIGURE:
            continue  # "plus de 36 000 personnes tuées" since 2009: a statistic, not one incident's toll
        items.append((q.start, q.end, q.best, q.low, q.high, q.vague, q.surface))
    single_of: dict[int, str] = {}  # start of a singular victim ("le commandant du camp") -> its group
    for m in r.singular_regex.finditer(folded, start, end):
        if any(a <= m.start() < b for a, b, *_ in items):
            continue
        if _NOT_A_VICTIM.match(folded, m.end()):
            continue  # "dans un autre incident", "a second attack": not a person
        if _OF_A_FIGURE.match(folded, m.end()) and r.outcome_regex.fullmatch(folded, m.start("noun"), m.end()):
            continue  # "la mort de six d'entre eux", "the death of 12 soldiers": the figure after counts
        if _SOURCE_BEFORE.search(folded, max(start, m.start() - 20), m.start()):
            continue  # "according to a local resident": who tells, not who was hit
        items.append((m.start(), m.end(), 1, 1, 1, False, text[m.start() : m.end()]))
        single_of[m.start()] = r.single_group.get(re.sub(r"\s+", " ", m.group("noun")), "generic")
    for m in _ONE_IN.finditer(folded, start, end):
        # "killed seven herders in X and one in nearby Y": a figure of one, given for a place
        if not any(a <= m.start(1) < b for a, b, *_ in items):
            items.append((m.start(1), m.end(1), 1, 1, 1, False, text[m.start(1) : m.end(1)]))
    for m in r.named_singular.finditer(folded, start, end):
        if text[m.start("mod")].isupper() and not any(a <= m.start() < b for a, b, *_ in items):
            items.append((m.start(), m.end(), 1, 1, 1, False, text[m.start() : m.end()]))
            single_of[m.start()] = r.single_group.get(re.sub(r"\s+", " ", m.group("noun")), "generic")
    items.sort()
    return items, single_of


def _is_singular(best: int | None, surface: str) -> bool:
    return best == 1 and not surface[:1].isdigit() and surface.split()[0].lower() in _SINGULAR_ARTICLES


def _counts_people(
    folded: str,
    start: int,
    end: int,
    q_start: int,
    q_end: int,
    surface: str,
    singular: bool,
    outcome_before: bool = False,
) -> bool:
    """Whether the figure counts victims: not a part of a figure already given ("dont 10 civils"), not "how many",
    not people displaced, deployed or freed, and followed by a victim or outcome word (or introduced by a toll
    word, or right after an outcome: "neutralised 23 Islamic State West Africa Province (ISWAP) terrorists")."""
    r = rules()
    before = folded[max(start, q_start - 30) : q_start]
    if r.subset.search(before):
        return False
    if re.search(r"\b(?:how|so|too)\s+$", before) and not surface[:1].isdigit():
        return False  # "it was not clear how many attackers were killed": no figure
    if r.not_victims.match(folded, q_end, min(end, q_end + 60)):
        return False  # "280 000 déplacés", "300 soldiers deployed", "three hostages freed"
    if (_ACRONYM_AND.match(folded, q_end) or _AND_FIGURE.match(folded, q_end)) and surface[:1].isalnum():
        return True  # "two MSA and one GATIA fighter", "respectivement 32 et 4 personnes": the noun comes after
    if outcome_before and r.far_victim.match(folded, q_end, min(end, q_end + 80)):
        return True
    if (
        not singular
        and not r.next_ok.match(folded, q_end, min(end, q_end + 60))
        and not r.followers.match(folded, q_end, min(end, q_end + 60))
    ):
        # the figure counts something else ("plusieurs témoins", "trois jours"), unless a toll introduces it
        if not r.toll.search(folded, max(start, q_start - 40), q_start):
            return False
    return True


def _outcome_of(
    folded: str,
    start: int,
    end: int,
    q_start: int,
    q_end: int,
    next_q: int,
    singular: bool,
    outcomes: list[tuple[int, int, str]],
    used: set[int],
    out: list[Casualty],
) -> tuple[str | None, int | None]:
    """What happened to the victims of a figure, and where the outcome word stands (None when only coordination
    with the previous figure tells it)."""
    r = rules()
    outcome = None
    o_pos = None
    if singular:  # "un blessé", "la mort": the noun is the outcome
        for s, _end, kind in outcomes:
            if q_start <= s < q_end:
                outcome, o_pos = kind, s
    # 1. an unused outcome word right before: "tuant 12 civils", "killing several soldiers" -- unless it ends the
    # previous clause and the figure has its own outcome after it ("une personne a été tuée et 19 autres blessées")
    for s, e, kind in reversed(outcomes):
        if outcome is not None:
            break
        if e > q_start:
            continue
        if (
            _near(folded, e, q_start)
            and s not in used
            and not re.search(r"[;.!?,]", folded[e:q_start])
            and not (
                re.search(r"\b(?:et|and)\b", folded[e:q_start]) and _own_outcome_after(folded, q_end, next_q, outcomes)
            )
        ):
            outcome, o_pos = kind, s
        break
    # 2. an outcome after the count, before the next count: "12 soldats ont été tués", "12 morts"
    if outcome is None:
        for s, e, kind in outcomes:
            if s < q_end:
                continue
            gap = folded[q_end:s]
            parts = r.subset_any.search(gap)  # "53 combatants, including 17 soldiers and 36 VDP, died"
            if s - q_end > (50 if singular else AFTER_WINDOW + (70 if parts else 0)) or (s >= next_q and not parts):
                break
            if _BARRIER.search(gap[: parts.start()] if parts else gap) or s in used:
                break
            if _LOSS_VERB.fullmatch(folded[s:e]) and not _LIFE.match(folded, e):
                break  # "un commerçant qui a perdu deux frères": who lost someone is not the victim
            if next_q < end and 0 <= next_q - e <= 6 and re.fullmatch(r"\s*(?:a|à|of|de)?\s*", folded[e:next_q]):
                break  # "la troisième a coûté la vie à six paysans": the outcome introduces the next figure
            outcome, o_pos = kind, s
            break
    # 2b. a singular subject and its singular passive verb further on: "Le maire de la commune de Doukouria, ...,
    # a été enlevé lundi", "l'épouse de l'infirmier-chef du dispensaire de X ... a été enlevée"
    if outcome is None and singular:
        found = _singular_passive(folded, q_end, min(end, next_q), outcomes, used)
        if found is not None:
            outcome, o_pos = found
    # 3. a toll word before: "le bilan s'élève à 12"
    if outcome is None and not singular:
        toll = None
        for m in r.toll.finditer(folded, max(start, q_start - 60), q_start):
            toll = m
        if toll is not None and not re.search(r"[;.!?]", folded[toll.end() : q_start]):
            outcome, o_pos = "killed", toll.start()
    # 4. coordination with the previous figure: "tué 5 soldats et 3 civils"
    if outcome is None and out and out[-1].end <= q_start:
        gap = folded[out[-1].end : q_start]
        if len(gap) < 40 and re.fullmatch(_COORDINATION, gap):
            outcome = out[-1].outcome
    return outcome, o_pos


def _group_of(
    folded: str,
    start: int,
    end: int,
    i: int,
    items: list[tuple],
    q_start: int,
    q_end: int,
    o_pos: int | None,
    singular: bool,
    out: list[Casualty],
    single_of: dict[int, str],
    outcome_before: bool = False,
) -> str:
    """Whose loss a figure is: the singular noun, the victim noun after the figure, the side of the person named
    just before ("trois de ses hommes"), or whose bodies the sentence says."""
    r = rules()
    group = "generic"
    if singular:
        group = _singular_group(folded, q_start, q_end, single_of)
    elif i > 0 and r.followers.match(folded, q_end) and _coordinated(folded, items[i - 1][1], q_start):
        # "a commander and three of his men": the same side as the person before
        group = _item_group(items[i - 1], folded, out, single_of)
    else:
        reach = 75 if outcome_before else 45
        vm = r.victim_regex.search(folded, q_end, min(end, q_end + reach))
        if vm and vm.group(0) in ("autres", "others"):
            # "15 autres terroristes": the noun after "autres" says whose loss it is
            after = r.victim_regex.match(folded, vm.end() + 1, min(end, vm.end() + 30))
            vm = after or vm
        if vm and vm.start() - q_end < reach - 15 and not re.search(r"[;.!?]", folded[q_end : vm.start()]):
            group = r.group(vm.group(0))
            if (
                group == "civilians"
                and o_pos is not None
                and re.match(r"(?:lost|a perdu|ont perdu|pertes?|losses?)\b", folded[o_pos : o_pos + 12])
            ):
                group = "military"  # "the army lost five men"
            if vm.group(0) in ("autres", "others") and out:
                group = out[-1].group
        elif o_pos is not None and o_pos < q_start:
            vm = r.victim_regex.search(folded, o_pos, q_start)
            if vm:
                group = r.group(vm.group(0))
    if group == "generic":
        # "Côté ami, six morts", "dans nos rangs", "côté ennemi": whose side the sentence says
        side = _SIDE.search(folded, max(start, q_start - 40), q_start)
        if side:
            group = "attackers" if side.group("enemy") else "military"
    if group == "generic" and re.match(r"\s*(?:corps|bodies|cadavres|dead bodies)\b", folded[q_end : q_end + 16]):
        # "les terroristes ont laissé douze corps": whose bodies the sentence says
        victims = list(r.victim_regex.finditer(folded, max(start, q_start - 80), q_start))
        vm = victims[-1] if victims else None
        if vm is not None and r.group(vm.group(0)) == "attackers":
            group = "attackers"
    return group


def _coordinated_pending(folded: str, pending: list[tuple[int, Casualty]], out: list[Casualty]) -> list[Casualty]:
    """Figures without an outcome of their own that are coordinated with a later one ("cinq soldats et deux VDP
    ont été tués") take its outcome."""
    r = rules()
    found: list[Casualty] = []
    for _, c in pending:
        nxt = next((o for o in out if o.start > c.end), None)
        if nxt is None:
            continue
        gap = folded[c.end : nxt.start]
        if (
            len(gap) < 40
            and re.fullmatch(_COORDINATION, gap)
            and not re.search(r"\b(?:a|ont|ete|was|were|has|have|had|est|sont|is|are)\b", gap)
            and not r.outcome_regex.search(gap)
            and not _event_words().search(gap)
        ):
            vm = r.victim_regex.search(folded, c.end, nxt.start)
            # "two MSA and one GATIA fighter": without a noun of its own, the figure shares the next one's
            group = c.group or (r.group(vm.group(0)) if vm else nxt.group)
            found.append(
                Casualty(
                    c.start,
                    c.end,
                    nxt.outcome,
                    group,
                    c.best,
                    c.low,
                    c.high,
                    c.vague,
                    c.surface,
                    c.additional,
                    c.update,
                    c.partial,
                )
            )
    return found


AGGREGATE_FIGURE = 1000  # no single incident of the region has this many victims: a figure this large is a statistic
_OF_A_FIGURE = re.compile(
    r"\s+(?:de|d'|of)\s*(?:\d|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze"
    r"|quinze|vingt|trente|plus|au moins|pres|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fifteen|twenty|thirty|at least|more|about|several|plusieurs|nombreu|dozens"
    r"|des dizaines|une? (?:dizaine|vingtaine|trentaine|quinzaine|douzaine|centaine))"
)
_ADDITIONAL_AFTER = re.compile(r"\s*(?:autres|others?|more|additional|further|supplementaires|de plus|encore)\b")
_ADDITIONAL_BEFORE = re.compile(r"\b(?:another|a further|an additional|further|encore|additional)\s*$")
_UPDATE = re.compile(
    r"\b(?:(?:nouveau|dernier|new|latest|updated|revised|final|definitive|official) (?:bilan|toll|death toll|figure)"
    r"|revised|revu a la hausse|s'est alourdi|a ete revu|has risen|has climbed|rose to|risen to|climbed to|passe a"
    r"|porte a)\b"
)
_AND_FIGURE = re.compile(
    r"\s*(?:,\s*|\s(?:et|and)\s+)(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|un|une"
    r"|deux|trois|quatre|cinq|sept|huit|neuf|dix)\s+(?:[\w-]+\s+)?(?:personnes|people|persons"
    r"|civils|civilians|soldats|soldiers|militaires|morts|dead|tues|killed|blesses|injured)\b"
)
_RESPECTIVELY = re.compile(r"\s*(?:respectivement|respectively)\s*")
_ACRONYM_AND = re.compile(r"\s+(?:[a-z]{2,6})\s+(?:and|et)\s+(?:\d+|one|two|three|four|five|un|une|deux|trois)\s")


def _aggregate(folded: str, start: int, end: int) -> bool:
    """A statistic over a period, unless the sentence also dates a single day ("depuis 2015" is background to "ce
    lundi, 12 soldats ont été tués")."""
    from sahelwatch.extract.dates import grammar as date_grammar

    return not any(
        m.group("dmy") or m.group("mdy") or m.group("wd") or m.group("reld")
        for m in date_grammar().regex.finditer(folded, start, end)
    )


_SERIOUSLY = re.compile(r"\b(?:seriously|critically|severely|gravement|grievement|tres grave(?:ment)?)\b")
_SIDE = re.compile(
    r"(?:(?P<enemy>cote ennemi|cote adverse|on the enemy side|enemy side|chez l'ennemi)"
    r"|cote ami|cote des fds|cote fama|friendly side|on our side|dans (?:nos|leurs|ses) rangs"
    r"|in (?:our|their) ranks)[^.;!?]{0,25}$"
)
_COORDINATION = r"[\w' -]*?(?:,\s*(?:and|et)?|\bet\b|\band\b)\s*"  # "et", "and", ",", ", and"
_IN_PLACE = re.compile(
    r"\s+(?:in|at|near|on the road|a|dans|pres de|sur l'axe)\s+(?:nearby\s+|the\s+village\s+of\s+)?"
    r"[^\W\d]"
)
_ONE_IN = re.compile(r"(?:,|\band|\bet)\s+(one|un|une)\s+(?:in|at|near|a|dans)\s+(?!the\b|a\b|an\b|la\b|le\b|les\b)")
_IN_TOTAL = re.compile(r"\W*(?:in total|in all|au total|en tout|overall|all told)\b")
_SOURCE_BEFORE = re.compile(r"\b(?:according to|selon|d'apres|quoting|citant)\s+$")
_PARTIAL_WORDS = re.compile(r"(?:corps|bodies|cadavres|dead bodies)\Z")
_SINGULAR_AUX = re.compile(r"(?:\ba ete|\best|\bwas|\bhas been|\bhad been|\bavait ete|\bs'est fait)\s+(?:\w+\s+)?$")
_CHAIN = re.compile(
    r"\s*,?\s*(?:et|and|puis|then|before being|avant d'etre|apres avoir ete|after being|and later"
    r"|et ensuite|and then)\s+(?:(?:later|ensuite|finalement|eventually)\s+)?(?:(?:a|ont|ete|been|were|was)\s+)*$"
)


def _outcome_right_before(folded: str, q_start: int, outcomes: list[tuple[int, int, str]]) -> bool:
    """An outcome word just before the figure ("neutralised 23 ...", "tuant 12 ...")."""
    for _s, e, _ in reversed(outcomes):
        if e <= q_start:
            return _near(folded, e, q_start) and not re.search(r"[;.!?,]", folded[e:q_start])
    return False


def _near(folded: str, e: int, q_start: int) -> bool:
    """An outcome word ending at e stands right before a figure at q_start ("tuant 12", "a abattu respectivement
    32 et 4 personnes")."""
    return q_start - e <= 14 or bool(_RESPECTIVELY.fullmatch(folded, e, q_start))


def _own_outcome_after(folded: str, q_end: int, next_q: int, outcomes: list[tuple[int, int, str]]) -> bool:
    """An outcome word closely after the figure, before the next figure ("19 autres blessées")."""
    for s, _e, _ in outcomes:
        if s >= q_end:
            return s < next_q and s - q_end <= 25 and not _BARRIER.search(folded[q_end:s])
    return False


def _singular_passive(
    folded: str, q_end: int, limit: int, outcomes: list[tuple[int, int, str]], used: set[int]
) -> tuple[str, int] | None:
    """The first outcome after a singular victim that a singular passive auxiliary introduces, with no other
    figure and no sentence end between them."""
    for s, e, kind in outcomes:
        if s < q_end or s in used:
            continue
        if s >= limit or s - q_end > 220 or re.search(r"[;.!?]", folded[q_end:s]):
            return None
        if _SINGULAR_AUX.search(folded, max(q_end, s - 30), s) and not folded[s:e].endswith("s"):
            return kind, s
        return None
    return None


def _chained_outcomes(
    folded: str, end: int, outcomes: list[tuple[int, int, str]], o_pos: int | None, outcome: str
) -> list[str]:
    """Other outcomes joined to the figure's own ("enlevé et tué", "abducted and later killed", "retrouvé mort
    après avoir été enlevé")."""
    if o_pos is None:
        return []
    found: list[str] = []
    own = next(((s, e) for s, e, _ in outcomes if s == o_pos), None)
    if own is None:
        return []
    for s, e, kind in outcomes:
        if kind == outcome or kind in found or kind == "arrested":
            continue
        if e <= own[0] and own[0] - e <= 30 and _CHAIN.fullmatch(folded, e, own[0]):
            found.append(kind)
        elif s >= own[1] and s - own[1] <= 40 and _CHAIN.fullmatch(folded, own[1], s):
            found.append(kind)
    return found


def _flags(
    folded: str,
    start: int,
    q_start: int,
    q_end: int,
    outcomes: list[tuple[int, int, str]],
    o_pos: int | None,
    first: bool,
) -> tuple[bool, bool, bool]:
    """(additional, update, partial) for a figure, see Casualty. "Others" adds to an earlier sentence's figure only
    when it is the sentence's first figure ("Two other people died of wounds"); after a figure of its own sentence
    it means other than those ("one dead and a dozen others wounded"). A figure that sums up a report ("In total,
    13 civilians were killed") counts like the dead found: only when nothing else is known."""
    additional = first and bool(
        _ADDITIONAL_AFTER.match(folded, q_end)
        or _ADDITIONAL_BEFORE.search(folded, max(start, q_start - 20), q_start)
        or re.match(r"\s*(?:un|une|an?)\s+autre|another", folded[q_start:q_end])
    )
    update = bool(_UPDATE.search(folded, max(start, q_start - 70), q_start))
    partial = bool(_IN_TOTAL.match(folded, start, q_start))
    if o_pos is not None:
        word = next((folded[s:e] for s, e, _ in outcomes if s == o_pos), "")
        partial = partial or bool(_PARTIAL_WORDS.search(word))
        # "seriously injured four", "4 grièvement blessés": some of the wounded, not all of them
        partial = partial or bool(_SERIOUSLY.search(folded, max(start, min(o_pos, q_start) - 14), max(o_pos, q_end)))
    return additional, update, partial


def _singular_group(folded: str, q_start: int, q_end: int, single_of: dict[int, str]) -> str:
    if q_start in single_of:
        return single_of[q_start]
    noun = re.sub(r"\s+", " ", folded[q_start:q_end]).split(" ", 1)[-1]
    noun = re.sub(r"^(?:l')", "", noun)
    return rules().single_group.get(noun, "generic")


def _coordinated(folded: str, prev_end: int, q_start: int) -> bool:
    """Two figures joined by "et"/"and"/a comma, with at most a few words between ("le chef du poste et")."""
    gap = folded[prev_end:q_start]
    return (
        len(gap) < 40
        and bool(re.fullmatch(_COORDINATION, gap))
        and not re.search(r"\b(?:a|ont|ete|was|were|has|have|had|est|sont|is|are)\b", gap)
    )


def _item_group(item: tuple, folded: str, out: list[Casualty], single_of: dict[int, str]) -> str:
    q_start, q_end = item[0], item[1]
    if q_start in single_of:
        return single_of[q_start]
    done = next((c for c in out if c.start == q_start), None)
    if done is not None:
        return done.group
    vm = rules().victim_regex.search(folded, q_end, min(len(folded), q_end + 45))
    return rules().group(vm.group(0)) if vm and vm.start() - q_end < 30 else "generic"
