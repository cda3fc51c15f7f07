"""Places the gazetteer does not know: capitalised names that a place cue introduces ("le village de X", "in the
town of X", "X, a village", "à X" in an event sentence), kept as the report spells them.

Such a name becomes a `ReportedPlace`, located the way ACLED locates a village it cannot find:
- a name one or two letters away from a gazetteer name of the area ("Tanwalbougou" for Tanwolbougou, "Dubalma" for
  Doubalma) is that gazetteer place under the report's spelling: its coordinates, admin areas and geonameid, with the
  precision of a town (1, or 2 after "near");
- otherwise at the gazetteer place that the report names with it ("in the commune of Y", "X (Koro, Mopti)", "X, near
  Y", "X, in Y province", "X, 30 km from Y"): that place's coordinates and admin areas, geo_precision 2;
- at its region's centroid when only the region is named, geo_precision 3: the coordinates are only as good as the
  region (ACLED's 3 is "a region or province-level location");
- with no coordinates, geo_precision 3, when not even the region is known (the country is the report's).

Only names after a cue are taken, and never a word that prose capitalises for other reasons (months, weekdays,
first names and surnames, titles, groups, nationalities). A bare locative ("à X", "in X", "attack on X") is not
enough on its own: the name must also be tied to a known place, a spelling variant, an area word ("X, préfecture de
Y"), a distance ("X, 15 km from ..."), or be introduced as a village elsewhere in the report. A place invented here
costs as much as one found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sahelwatch.distance import haversine_km
from sahelwatch.extract import lexicon
from sahelwatch.places.lexicon import COMMON_WORDS, FOREIGN_COUNTRIES, PERSON_NAMES
from sahelwatch.places.model import Place
from sahelwatch.text import fold_aligned

# -- tunables (measured on ../shared/realtext: seeds/README.md, "Spelling variants", gives the figures) -------------

VARIANT_MIN_SCORE = 84.0  # rapidfuzz ratio of skeletons (sahelwatch.places.variants), in the area the report gives
VARIANT_SHORT = 6  # skeletons shorter than this must be identical (Yarou/Youwarou are 89 apart)
VARIANT_ALONE = 93.0  # without an area to check it against (only the country), at least this
VARIANT_MARGIN = 4.0  # unless a place right after the name vouches for the area, the best must beat the next
ANCHOR_KM = 60.0  # a variant lies at most this far from a town named with the village (120 in its region)
ANCHOR_WINDOW = 110  # characters after a name (or its list) in which the place named with it is looked for

# -- what a name looks like ------------------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Ý"
_LETTER = r"[^\W\d_]"
# one word of a name: "Koulogon", "N'Djamena", "Koira-Zeno", "Ti-n-Zaouatene", "Tin-Akoff" (not "Niger's")
_WORD = (
    rf"[{_UPPER}](?:{_LETTER})*(?:['’](?!s\b)(?:{_LETTER})+)?"
    rf"(?:-(?:{_LETTER})+(?:['’](?!s\b)(?:{_LETTER})+)?)*"
)
_NAME = re.compile(rf"{_WORD}(?:[ \u00a0](?:{_WORD}|\d{{1,2}}(?![\d,.:/h])))*")
_NAME_PART = re.compile(rf"(?:{_WORD}|\d{{1,2}}(?![\d,.:/h]))")
_POSSESSIVE = re.compile(r"^['’]s\b")

# Words and phrases: the `villages` section of seeds/lexicons/places.yaml (lists joined here, in the file's order).


def _lex(*path: str, folded: bool = True) -> list[str]:
    return lexicon.words("places", "villages", *path, folded=folded)


def _set(key: str) -> frozenset[str]:
    return lexicon.word_set("places", "villages", key)


_one_of = lexicon.one_of

# folded words that are never (the first word of) an unknown place; later words stop a name
_NEVER = _set("never")
# nationalities ("Malian army", "Nigerien forces", "Burkinabe soldiers"); the actor lexicon's adjectives are added
_DEMONYMS = _set("demonyms")
_CAPITAL_CITIES = _set("capital_cities")
_FOREIGN_EXTRA = _set("foreign_countries")

# -- the cues --------------------------------------------------------------------------------------------------------

_SETTLEMENT = _one_of(_lex("settlement_nouns"))
_PLURAL_SETTLEMENT = re.compile(_one_of(_lex("plural_settlement_nouns")) + r"\b")
# "le village de X", "the villages of X", "the town of X", "la commune rurale de X", "a village called X"
_NOUN_BEFORE = re.compile(
    r"(?:" + _SETTLEMENT + r"(?:\s+" + _one_of(_lex("naming")) + r")?"
    r"|" + _one_of(_lex("sites")) + r"(?: \w+)?\s+(?:de|d'|du|of)"
    r"|" + _one_of(_lex("posts", "nouns")) + _one_of(_lex("posts", "kinds")) + r"?"
    r"\s+(?:de|d'|du)|" + _one_of(_lex("camps")) + r" camp (?:of|at|in))\s*$"
)
# "the villages hit in the region: X, Y and Z"
_LIST_OPENER = re.compile(_one_of(_lex("list_openers")) + r"\b[^.;:!?\n]{0,80}:\s*$")
# "X, un village situé à ...", "at X village", "X, a village in ...", "X, an island", "X et Y, deux villages"
_NOUN_AFTER = re.compile(
    r"^\s*(?:,\s*|\(\s*)?(?:"
    + _one_of([*_lex("noun_after", "determiners"), *_lex("noun_after", "several")])
    + r"\s+)?(?:"
    + _one_of(_lex("noun_after", "sizes"))
    + r"\s+)?"
    + _one_of(_lex("noun_after", "nouns"))
    + r"\b"
)
# "X, deux villages", "X and Y, both ...": the names before are a list
_SEVERAL_AFTER = re.compile(r"^\s*,?\s*" + _one_of(_lex("noun_after", "several")) + r"\b")
# "la préfecture de X", "X prefecture", "dans le canton de X": an area the gazetteer does not know (Togo, Benin...)
_AREA_BEFORE = re.compile(_one_of(_lex("area_before")) + r"\s+(?:de|d'|du|of)\s*(?:la |l')?$")
_AREA_AFTER = re.compile(r"^\s+" + _one_of(_lex("area_after")) + r"\b")
# a bare locative in an event sentence: "à X", "in X", "near X", "entre X et Y"
_IN_BEFORE = re.compile(_one_of(_lex("in_before"), prefix=r"\b") + r"\s*$")
_EVENT_BEFORE = re.compile(_one_of(_lex("event_before")) + r"\s+(?:(?:on|the|le|la|l'|les)\s+)?$")
_LIST_GLUE = re.compile(
    r"^\s*(?:,\s*(?:et\s+|and\s+|ou\s+)?(?:d'|de\s+)?|(?:et|and|ou|or)\s+(?:d'|de\s+|a\s+)?"
    r"|&\s*)$"
)
_NOT_A_SETTLEMENT_AFTER = re.compile(r"^\s+" + _one_of(_lex("not_a_settlement_after")) + r"\b")

# -- what ties a bare locative to a place ----------------------------------------------------------------------------

# "X, préfecture de Y", "X dans le département de Y", "X in the Y district", "X in Y State"
_AREA_PHRASE = re.compile(
    r"^\s*[,(]?\s*(?:(?:in|dans|de|du|of|within)\s+)?(?:(?:the|la|le|l'|les)\s*)?(?:[^\s,.;:!?()]+\s+){0,3}?"
    + _one_of(_lex("area_nouns"))
    + r"\b"
)
# "X, some 30 km from ...", "X (80 kilometres east of ...)", "X, à une trentaine de kilomètres"
_DISTANCE_PHRASE = re.compile(
    r"^\s*[,(]?\s*" + _one_of(_lex("distance_approximately"), suffix=r"\s+") + r"*(?:une?\s+)?"
    r"(?:\d+|[a-z]+aine)\s*(?:km|kilomet)"
)
# words that may stand between a name and the place that locates it: "X, dans la commune de Y", "X (Y)", "X village
# in the Y province", "X, un hameau à une dizaine de kilomètres au nord de Y", "X, near Y"
_TIE_WORDS = _set("tie_words")
_NOT_COVERED = frozenset(_lex("not_covered", folded=False))  # actor-lexicon countries that are not incident countries
_FOREIGN_AREA_AFTER = re.compile(r"^\s+" + _one_of([*_lex("foreign_area_after"), *_lex("nigerian_areas")]) + r"\b")
_NIGERIAN_AREA = re.compile(r"\b" + _one_of(_lex("nigerian_areas")) + r"\b")
_CLAUSE_END = re.compile(r"[.;!?\n]|\s" + _one_of(_lex("clause_breaks")) + r"\s")
_NEAR_TIE = re.compile(_one_of(_lex("near_tie")) + r"[^,;]*$")


@dataclass(frozen=True)
class NameSpan:
    """A capitalised name that a place cue introduces. `cue` is noun (a settlement word before or after it, or a
    list that one opens), area (a prefecture/department word: an area the gazetteer does not know), event ("attack
    on X") or in (a bare locative: "à X", "in X", "near X"); `group` numbers the list the name belongs to."""

    start: int
    end: int
    surface: str
    cue: str
    group: int = -1


@dataclass(frozen=True)
class ReportedPlace(Place):
    """A place as the report names it. `matched` is the gazetteer place it is a spelling variant of, `anchor` the
    gazetteer place named with it that gives its coordinates (None for both when only the country is known);
    `precision` is its ACLED geo_precision; `basis` says which: variant, anchor, region or country."""

    precision: int = 2
    basis: str = "anchor"
    matched: Any = None
    anchor: Any = None
    score: float | None = None
    tied: tuple = ()  # the gazetteer places the report names right after it, credible or not (they only
    # locate it: never the incident's place in its stead)


def _bad_word(f: str) -> bool:
    return f in _NEVER or f in COMMON_WORDS or f in _FOREIGN_EXTRA


def _excluded(words: list[str]) -> bool:
    first = words[0]
    if _bad_word(first) or first in PERSON_NAMES or first in _CAPITAL_CITIES:
        return True
    if "-" in first and (_bad_word(first.split("-")[0]) or _bad_word(first.split("-")[-1])):
        return True  # "Nord-Est", "Centre-Nord", "Al-Qaïda"
    if " ".join(words) in FOREIGN_COUNTRIES or first in FOREIGN_COUNTRIES or " ".join(words) in _CAPITAL_CITIES:
        return True
    if len(words) > 1 and words[-1] in PERSON_NAMES:
        return True  # "Moulaye Guindo": a person
    if first in _DEMONYMS or first.startswith("burkinab"):
        return True  # "Malian", "Nigerien", "Burkinabe", "Sénégalais"
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name in text[start:end] without trailing words that cannot be part of it ("Tarmuwa Local Government",
    "Niger Republic"), or None when what is left is not a name."""
    keep: list[re.Match[str]] = []
    for w in _NAME_PART.finditer(text, start, end):
        f = fold_aligned(w.group())
        if keep and (_bad_word(f) or f in _CAPITAL_CITIES):
            break
        keep.append(w)
    while keep and keep[-1].group().isdigit() and len(keep) == 1:
        keep.pop()
    if not keep:
        return None
    words = [fold_aligned(w.group()) for w in keep]
    if _excluded(words):
        return None
    for w in keep:
        part = w.group().split("-")[0]
        letters = [c for c in part if c.isalpha()]
        if len(letters) >= 2 and sum(c.isupper() for c in part) >= 2 and not re.search(r"['’]", part):
            return None  # acronyms and shouted words: "FAMa", "VDP", "URGENT", "MINUSMA"
    if len(re.sub(r"[^a-z]", "", "".join(words))) < 3:
        return None
    return keep[0].start(), keep[-1].end()


def _is_actor(text: str, folded: str, start: int, end: int) -> bool:
    """True when the name starts an actor of the actor lexicon ("Al-Qaïda", "Dan Na Ambassagou")."""
    from sahelwatch.extract.actors import lexicon

    found = lexicon().find(text, folded, max(0, start - 1), min(len(text), end + 40))
    return any(a.start <= start < a.end for a in found)


def _before(folded: str, lo: int, s: int) -> str:
    """The folded text right before s, from the start of its line, spaces collapsed."""
    window = folded[max(lo, s - 100) : s]
    cut = window.rfind("\n")
    if cut >= 0:
        window = window[cut + 1 :]
    return re.sub(r"\s+", " ", window)


def find_names(text: str, folded: str, lo: int = 0, hi: int | None = None) -> list[NameSpan]:
    """Capitalised names in text[lo:hi] that a place cue introduces, left to right, without overlaps."""
    hi = len(text) if hi is None else hi
    spans: list[tuple[int, int]] = []
    for m in _NAME.finditer(text, lo, hi):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'’-"):
            # inside a word, except after an elided article or preposition ("d'Alamou", "l'Atacora")
            if not (
                text[m.start() - 1] in "'’"
                and m.start() >= 2
                and folded[m.start() - 2] in "ld"
                and (m.start() < 3 or not folded[m.start() - 3].isalpha())
            ):
                continue
        if _POSSESSIVE.match(text[m.end() : m.end() + 3]) or _NOT_A_SETTLEMENT_AFTER.match(
            folded[m.end() : m.end() + 20]
        ):
            continue
        span = _trim(text, m.start(), m.end())
        if (
            span is not None
            and not _POSSESSIVE.match(text[span[1] : span[1] + 3])
            and not _is_actor(text, folded, *span)
        ):
            spans.append(span)
    cues: dict[int, str] = {}
    plural: set[int] = set()
    for s, e in spans:
        before = _before(folded, lo, s)
        after = folded[e : min(hi, e + 60)]
        if _NOUN_BEFORE.search(before) or _LIST_OPENER.search(before) or _NOUN_AFTER.match(after):
            cues[s] = "noun"
            if _LIST_OPENER.search(before) or _PLURAL_SETTLEMENT.search(before[-25:]) or _SEVERAL_AFTER.match(after):
                plural.add(s)
        elif _AREA_BEFORE.search(before) or _AREA_AFTER.match(after):
            cues[s] = "area"
        elif _EVENT_BEFORE.search(before):
            cues[s] = "event"
        elif _IN_BEFORE.search(before):
            cues[s] = "in"
    # a list carries its cue: "les villages de A, B et C", "A et B, deux villages", "A and B villages"
    groups: dict[int, int] = {}
    changed = True
    while changed:
        changed = False
        for i, (s, _end) in enumerate(spans):
            for j in (i - 1, i + 1):
                if not 0 <= j < len(spans) or cues.get(spans[j][0]) not in ("noun", "area"):
                    continue
                if cues.get(s) in ("noun", "area"):
                    continue
                a, b = (spans[j], spans[i]) if j < i else (spans[i], spans[j])
                glue = folded[a[1] : b[0]]
                if not _LIST_GLUE.match(glue):
                    continue
                if "," in glue and not re.search(r"\b(?:et|and|ou|or)\b", glue) and spans[j][0] not in plural:
                    continue  # "the mayor of the town of X, Amadou Traoré": an apposition, not a list
                cues[s] = cues[spans[j][0]]
                plural.add(s)
                plural.add(spans[j][0])
                changed = True
    # list membership: names joined by list glue share a group (for the place named after the whole list)
    group = 0
    for i, (s, _end) in enumerate(spans):
        if s not in cues:
            continue
        if i > 0 and spans[i - 1][0] in groups and _LIST_GLUE.match(folded[spans[i - 1][1] : s]):
            groups[s] = groups[spans[i - 1][0]]
        else:
            group += 1
            groups[s] = group
    return [NameSpan(s, e, text[s:e], cues[s], groups[s]) for s, e in spans if s in cues]


# -- locating a name -------------------------------------------------------------------------------------------------


@dataclass
class Known:
    """A gazetteer place named in the same paragraph: the mention's document offsets, its place and its cue (as
    sahelwatch.extract.places.PlaceFinder reads it)."""

    start: int
    end: int
    place: Any
    cue: str
    capital: bool = False


@dataclass
class Context:
    """What `locate` needs besides the name: the text, the gazetteer places of the paragraph, the names of the
    paragraph (for lists), the names introduced as villages anywhere in the report, and the gazetteer."""

    text: str
    folded: str
    known: list[Known]
    names: list[NameSpan]
    settled: frozenset[str]
    gazetteer: Any
    country_hint: str | None
    countries: dict[str, str] = field(default_factory=dict)  # folded country name -> English name


def _clause_end(folded: str, start: int, limit: int) -> int:
    m = _CLAUSE_END.search(folded, start, min(len(folded), start + limit))
    return m.start() if m else min(len(folded), start + limit)


def _sentence_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    lo = max(folded.rfind(". ", 0, start), folded.rfind("\n", 0, start), folded.rfind("; ", 0, start))
    m = re.search(r"[.!?;](?:\s|$)|\n", folded[end:])
    hi = end + m.start() if m else len(folded)
    return (lo + 1 if lo >= 0 else 0), hi


def _anchor(name: NameSpan, ctx: Context, tied: list[Known] | None = None) -> tuple[Known | None, bool]:
    """The gazetteer place the report names with *name*: the first one after the name (or after the list the name
    belongs to) in the same clause, if only locating words stand between them ("X, dans la commune de Y", "X (Y)",
    "X, a village 125 km from Y"); else an area named before it in the same sentence ("dans la région de Ménaka,
    les localités de X, Y et Z", "the governor of the Bandiagara region ... the village of X"); else an area named
    after it in the sentence. Places tied to the name are added to `tied`, credible or not. The flag says whether
    the place was tied to the name (True) or only named in its sentence."""
    last = max((n.end for n in ctx.names if n.group == name.group), default=name.end)
    stop = _clause_end(ctx.folded, last, ANCHOR_WINDOW)
    s_lo, s_hi = _sentence_bounds(ctx.folded, name.start, last)
    members = [n for n in ctx.names if n.group == name.group]
    known = [k for k in ctx.known if k.place.kind != "country"]
    for k in sorted(known, key=lambda k: k.start):
        if k.start < last or k.start >= stop:
            continue
        if any(n.start <= k.start < n.end for n in members):
            continue
        between = re.sub(r"\s+", " ", ctx.folded[last : k.start])
        if not _tied(between):
            break  # the next place is not said to locate the name ("..., a indiqué Babakura Kolo")
        if (k.capital or k.cue == "neg") and not _NEAR_TIE.search(between):
            continue  # "..., a annoncé le gouvernement à Bamako" (but "125 km from Niamey" locates)
        if tied is not None:
            tied.append(k)
        if not _credible(k, ctx):
            continue  # "in a district of Borno State": not the Malian village Borno
        return k, True
    areas = [
        k
        for k in known
        if k.place.kind in ("admin1", "admin2")
        and _credible(k, ctx)
        and s_lo <= k.start < s_hi
        and not (name.start <= k.start < last)
    ]
    before = [k for k in areas if k.end <= name.start]
    if before:
        return max(before, key=lambda k: k.start), False
    after = [k for k in areas if k.start >= last]
    return (min(after, key=lambda k: k.start) if after else None), False


def _paragraph_region(name: NameSpan, ctx: Context, country: str | None) -> Any:
    """The region of the gazetteer places named in the name's paragraph, when they agree (two thirds of those in
    the name's country): "le hameau de X ... selon un habitant de Tondikiwindi, la commune d'à côté" is in
    Tillabéri. A gazetteer admin1 place, or None."""
    if country is None:
        return None
    regions: dict[str, int] = {}
    for k in ctx.known:
        p = k.place
        if p.country != country or p.kind == "country" or not _credible(k, ctx):
            continue
        region = p.name if p.kind == "admin1" and not p.admin1 else p.admin1
        if region:
            regions[region] = regions.get(region, 0) + 1
    if not regions:
        return None
    region, count = max(regions.items(), key=lambda item: item[1])
    if count * 3 < sum(regions.values()) * 2:
        return None
    area = getattr(ctx.gazetteer, "admin_area", None)
    try:
        found = area(region, country) if area is not None else None
    except Exception:  # noqa: BLE001
        found = None
    return found if found is not None and found.kind == "admin1" else None


def _tied(between: str) -> bool:
    """Whether the words between a name and a place only say where the name lies (see _TIE_WORDS)."""
    return all(
        w in _TIE_WORDS or w.isdigit() for w in re.findall(r"[a-z]+(?:-[a-z]+)*|\d+", between)
    ) and not re.search(r"[.;!?]", between)


def _credible(k: Known, ctx: Context) -> bool:
    """A place the gazetteer found where the report names an area of a country it does not cover is not a locator:
    "Borno" is a Malian village too, but "Borno State", "Nganzai Local Government Area" are Nigerian."""
    return k.place.country == "Nigeria" or not _FOREIGN_AREA_AFTER.match(ctx.folded[k.end : k.end + 30])


def _country_after(name: NameSpan, ctx: Context) -> str | None:
    """ "Bamoanga, Niger", "Jacqueville (Ivory Coast)": the country named right after the name."""
    m = re.match(
        r"^\s*[,(]\s*(?:in\s+|au\s+|en\s+)?([a-z' -]{3,30}?)\s*(?:[),.;]|$)", ctx.folded[name.end : name.end + 40]
    )
    if m and m.group(1).strip() in ctx.countries:
        return ctx.countries[m.group(1).strip()]
    return None


def _context_country(name: NameSpan, ctx: Context) -> str | None:
    """The country of a name that no place locates: Nigeria when the report locates it with Nigeria's own words
    ("X, Abadam Local Government Area", "in Borno State"); else the report's (the outlet's, or the one its actors
    and country names point to); else that of the nearest gazetteer place of the paragraph. (The nearest place
    first would be wrong more often: in reports on countries the gazetteer does not cover, many capitalised words
    are homonyms of Malian or Nigerien villages.)"""
    end = _clause_end(ctx.folded, name.end, ANCHOR_WINDOW)
    if _NIGERIAN_AREA.search(ctx.folded[name.end : end]) or re.search(
        r"\b(?!Islamic\b)[A-Z][a-z]+ State\b", ctx.text[name.end : end]
    ):
        return "Nigeria"
    if ctx.country_hint is not None:
        return ctx.country_hint
    near = [k for k in ctx.known if k.cue != "neg" and k.place.kind != "country" and _credible(k, ctx)]
    if near:
        return min(near, key=lambda k: abs(k.start - name.start)).place.country
    return None


def _supported(name: NameSpan, ctx: Context, anchor: Known | None) -> bool:
    """Whether a bare locative ("à X", "attack on X") is tied to something that makes X a place."""
    if name.cue in ("noun", "area") or fold_aligned(name.surface) in ctx.settled:
        return True
    after = re.sub(r"\s+", " ", ctx.folded[name.end : name.end + 90])
    if _AREA_PHRASE.match(after) or _DISTANCE_PHRASE.match(after) or _NOUN_AFTER.match(after):
        return True
    if anchor is not None and anchor.start >= name.end:
        between = re.sub(r"\s+", " ", ctx.folded[name.end : anchor.start])
        # tied to the place right after it: "à X, dans la commune de Y", "à X (Y)", "in X, near Y"
        return _tied(between) and not re.search(r"\b(?:et|and|ou|or)\s+(?:a|in|at|au)\b", between)
    return False


def _in_area(candidate: Any, anchor: Any) -> bool:
    """True when a gazetteer place lies in, or near, the place named with the village."""
    if candidate.country != anchor.country:
        return False
    if anchor.kind == "admin1":
        names = {
            fold_aligned(anchor.name),
            fold_aligned(anchor.admin1 or ""),
            fold_aligned(anchor.admin1_new or ""),
        } - {""}
        return bool({fold_aligned(candidate.admin1 or ""), fold_aligned(candidate.admin1_new or "")} & names)
    if anchor.kind == "admin2" and candidate.admin2 and fold_aligned(candidate.admin2) == fold_aligned(anchor.name):
        return True
    km = haversine_km((candidate.latitude, candidate.longitude), (anchor.latitude, anchor.longitude))
    same_region = fold_aligned(candidate.admin1 or "") == fold_aligned(anchor.admin1 or "-")
    return km <= ANCHOR_KM or (same_region and km <= 2 * ANCHOR_KM)


def _variant(name: NameSpan, ctx: Context, area: Any, country: str | None, tied: bool) -> Any:
    """The gazetteer place *name* is a spelling variant of, or None: among names that begin and sound alike, the
    closest one in `area` (the place named with it, or the region of its paragraph) or, without an area, in
    `country`. Unless `tied` (a place named with it vouches for the area), the best must stand out from other
    villages spelled about so (VARIANT_MARGIN), and without an area it must be very close (VARIANT_ALONE)."""
    lookup = getattr(ctx.gazetteer, "near_spellings", None)
    if lookup is None:
        return None
    from sahelwatch.places.variants import skeleton  # the gazetteer package is there when near_spellings is

    sk = skeleton(name.surface)
    kinds = ("town",) if name.cue != "area" else ("admin2", "admin1", "town")
    cands = [v for v in lookup(name.surface, cutoff=VARIANT_MIN_SCORE) if v.place.kind in kinds]
    if len(sk) < VARIANT_SHORT:
        cands = [v for v in cands if v.score >= 100.0]
    if area is not None:
        cands = [v for v in cands if _in_area(v.place, area)]
    elif country is not None:
        cands = [v for v in cands if v.place.country == country]
    if not cands:
        return None
    best = cands[0]
    if area is None and best.score < VARIANT_ALONE:
        return None  # nothing named with it to check the match against: only a very close spelling
    if not tied:
        rivals = [v for v in cands[1:] if fold_aligned(v.place.name) != fold_aligned(best.place.name)]
        if rivals and best.score - rivals[0].score < VARIANT_MARGIN:
            return None  # several villages spelled about so: none is safer than a guess
    elif area.kind == "town":
        close = [v for v in cands if v.score == best.score]
        best = min(
            close, key=lambda v: haversine_km((v.place.latitude, v.place.longitude), (area.latitude, area.longitude))
        )
    return best


def locate(name: NameSpan, ctx: Context) -> ReportedPlace | None:
    """The place *name* stands for, or None when nothing ties it to a place (a bare locative without support)."""
    tied: list[Known] = []
    found, vouched = _anchor(name, ctx, tied)
    located_by = tuple(k.place for k in tied)
    country = found.place.country if found is not None else (_country_after(name, ctx) or _context_country(name, ctx))
    if country is not None and (country not in ctx.countries.values() or country in _NOT_COVERED):
        return None  # a country the extractor does not cover
    anchor = found.place if found is not None else None
    region = _paragraph_region(name, ctx, country) if anchor is None else None
    variant = _variant(
        name, ctx, anchor or region, country, tied=vouched and anchor is not None and anchor.kind != "admin1"
    )
    if variant is None and not _supported(name, ctx, found):
        return None
    kind = "admin2" if name.cue == "area" else "town"
    if variant is not None:
        p = variant.place
        return ReportedPlace(
            p.geonameid,
            name.surface,
            p.country,
            p.admin1,
            p.admin2,
            p.latitude,
            p.longitude,
            p.kind if name.cue == "area" else "town",
            p.population,
            p.admin1_new,
            precision=1,
            basis="variant",
            matched=p,
            anchor=anchor,
            score=variant.score,
            tied=located_by,
        )
    a = anchor or region
    if a is not None and a.kind == "admin1":
        return ReportedPlace(
            None,
            name.surface,
            a.country,
            a.admin1 or a.name,
            None,
            a.latitude,
            a.longitude,
            kind,
            0,
            a.admin1_new,
            precision=3,
            basis="region",
            anchor=a,
            tied=located_by,
        )
    if a is not None:
        admin2 = a.name if a.kind == "admin2" else a.admin2
        return ReportedPlace(
            None,
            name.surface,
            a.country,
            a.admin1,
            admin2,
            a.latitude,
            a.longitude,
            kind,
            0,
            a.admin1_new,
            precision=2,
            basis="anchor",
            anchor=a,
            tied=located_by,
        )
    if country is None:
        return None
    # no coordinates (Place types them as float): only the country is known
    return ReportedPlace(
        None,
        name.surface,
        country,
        None,
        None,
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        kind,
        0,
        None,
        precision=3,
        basis="country",
        tied=located_by,
    )
