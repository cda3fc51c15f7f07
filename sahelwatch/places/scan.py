"""Finding place names in running text: token n-grams looked up in a dict.

The scan walks the tokens once; at each capitalised token it tries the longest
n-gram first (up to the longest gazetteer name) and takes the first that is a
known name and passes the cue rules in lexicon.py.  Cost is O(tokens x longest
name), with no regex per place, so a whole article takes milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sahelwatch.places.lexicon import (
    ADMIN_CUES,
    COMMON_WORDS,
    CUE_ONLY_ADMIN,
    FOREIGN_COUNTRIES,
    NOT_COUNTRY_CUES,
    ORG_AFTER,
    ORG_CUES,
    PERSON_NAMES,
    PLACE_CUES,
)
from sahelwatch.places.model import Place
from sahelwatch.places.text import joiner
from sahelwatch.text import TOKEN_RE, compact, fold

_LINKING = frozenset({"de", "du", "des", "d", "l", "la", "le", "les", "of", "the", "en"})
_TITLES = frozenset(
    {
        "m",
        "mr",
        "mme",
        "dr",
        "president",
        "presidente",
        "general",
        "colonel",
        "capitaine",
        "commandant",
        "lieutenant",
        "ministre",
        "minister",
        "imam",
        "cheikh",
        "sheikh",
        "chef",
        "sergent",
        "adjudant",
        "marabout",
        "emir",
        "porte",
        "parole",
        "spokesman",
        "leader",
        "captain",
        "said",
        "selon",
    }
)
#: Elided words glued by an apostrophe ("L'an", "D'autres") do not start a name; "N'Gourma" does.
_ELIDED = frozenset({"l", "d", "qu", "j", "s", "m", "t", "c", "jusqu", "lorsqu", "puisqu", "quoiqu"})
_SENTENCE_BREAK = re.compile(r"[.!?;:\n()\[\]«»\"]")


@dataclass(frozen=True)
class Hit:
    """One scanned name: in-scope places, or a foreign country (country set, no places)."""

    start: int
    end: int
    surface: str
    places: tuple[Place, ...]
    foreign: str | None = None


def words_before(text: str, start: int, n: int = 4) -> list[str]:
    """The last *n* folded words before *start*, not crossing a sentence or bracket."""
    window = text[max(0, start - 60) : start]
    cut = max((m.end() for m in _SENTENCE_BREAK.finditer(window)), default=0)
    return [fold(t) for t in TOKEN_RE.findall(window[cut:])][-n:]


def word_after(text: str, end: int) -> str | None:
    """The folded word right after *end*, if only spaces separate them."""
    match = TOKEN_RE.search(text, end, min(len(text), end + 30))
    if match is None or text[end : match.start()].strip(" ,\u00a0"):
        return None
    return fold(match.group())


def admin_cue(text: str, start: int, end: int) -> str | None:
    """ "admin1"/"admin2" when the name is introduced as an area ("région de l'Est", "Soum province")."""
    before = words_before(text, start)
    while before and before[-1] in _LINKING:
        before.pop()
    if before and before[-1] in ADMIN_CUES:
        return ADMIN_CUES[before[-1]]
    after = word_after(text, end)
    return ADMIN_CUES.get(after) if after else None


def place_cue(text: str, start: int) -> bool:
    """True when the name follows a locative ("à", "village de", "near", "commune of")."""
    before = words_before(text, start)
    if before and before[-1] in PLACE_CUES:
        return True
    while before and before[-1] in _LINKING:
        before.pop()
    return bool(before) and (before[-1] in PLACE_CUES or before[-1] in ADMIN_CUES)


def _accept(text: str, start: int, end: int, k: str, places: Sequence[Place]) -> tuple[Place, ...] | None:
    """Apply the false-positive rules to a dictionary hit; the places to keep, or None."""
    surface = text[start:end]
    capitals = sum(ch.isupper() for ch in surface)
    if TOKEN_RE.fullmatch(surface) and capitals >= 2 and (not surface.isupper() or len(surface) <= 5):
        return None  # acronyms: "FAMa", "JNIM", "VDP"
    before = words_before(text, start, 2)
    after = word_after(text, end)
    linked = [w for w in words_before(text, start, 3) if w not in _LINKING]
    if (linked and linked[-1] in ORG_CUES) or (after and after in ORG_AFTER):
        return None  # "Katiba Macina", "Ansar Dine", "Boko Haram", "Front de libération du Macina"
    countries = tuple(p for p in places if p.kind == "country")
    if countries:
        if set(words_before(text, start, 3)) & NOT_COUNTRY_CUES or (after and after in NOT_COUNTRY_CUES):
            return None  # "fleuve Niger", "Niger river", "Office du Niger"
        return countries
    if k in COMMON_WORDS:
        if k in CUE_ONLY_ADMIN and admin_cue(text, start, end):
            admins = tuple(p for p in places if p.kind in {"admin1", "admin2"})
            return admins or None
        return None
    person_next = after in PERSON_NAMES and text[end : end + 2].strip()[:1].isupper()
    if (before and (before[-1] in _TITLES or before[-1] in PERSON_NAMES) or person_next) and not place_cue(text, start):
        return None  # "colonel Goïta", "Amadou Koufa", "Sadio Camara"
    if (k in PERSON_NAMES or len(compact(k)) <= 2) and not (place_cue(text, start) or admin_cue(text, start, end)):
        return None
    return tuple(places)


def scan(
    text: str,
    lookup: Callable[[str], Sequence[Place]],
    lookup_compact: Callable[[str], Sequence[Place]],
    max_tokens: int,
) -> list[Hit]:
    """All place and foreign-country hits in *text*, left to right, longest match first."""
    tokens = list(TOKEN_RE.finditer(text))
    folded = [fold(t.group()) for t in tokens]
    joins = [joiner(text[tokens[i].end() : tokens[i + 1].start()]) for i in range(len(tokens) - 1)]
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].group()[0].isupper() or (folded[i] in _ELIDED and i < len(joins) and joins[i] == ""):
            i += 1
            continue
        longest = 1
        while longest < max_tokens and i + longest < len(tokens) and joins[i + longest - 1] is not None:
            longest += 1
        taken = 0
        for n in range(longest, 0, -1):
            parts = [folded[i]]
            for j in range(i, i + n - 1):
                parts.append(joins[j] or "")
                parts.append(folded[j + 1])
            k = "".join(parts)
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            if k in FOREIGN_COUNTRIES:
                hits.append(Hit(start, end, text[start:end], (), FOREIGN_COUNTRIES[k]))
                taken = n
                break
            places = lookup(k)
            spaced = n > 1 and any(joins[j] == " " for j in range(i, i + n - 1))
            if not places and (n == 1 or not spaced or all(t.group()[0].isupper() for t in tokens[i : i + n])):
                places = lookup_compact(compact(k))
            if not places:
                continue
            kept = _accept(text, start, end, k, places)
            if kept:
                hits.append(Hit(start, end, text[start:end], kept))
                taken = n
                break
        i += taken or 1
    return hits
