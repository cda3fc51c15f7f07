"""Choosing where an incident happened among the places a sentence names (through the gazetteer).

A place counts as the event's location when a cue ties it to the event: "attaque contre X", "attack on X", "à X",
"in the village of X", "near X" or "on the road to X" (geo_precision 2). Places named in passing (the author's or the
government's seat, a dateline, regions given for context, foreign countries) score low or are skipped. A region alone
gives geo_precision 3 at its centroid; a district (cercle, province, département) gives 2."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Protocol

from sahelwatch.extract.lexicon import load, one_of, words
from sahelwatch.extract.villages import Context, Known, NameSpan, ReportedPlace, find_names, locate
from sahelwatch.places.lexicon import DIRECTION_BEFORE
from sahelwatch.text import fold_aligned

# Words and phrases: seeds/lexicons/places.yaml (each list joined here, in the file's order, into the cue regexes)
CAPITALS = set(words("places", "capitals"))

# The seat of each country's government: "dans la capitale", "in the capital" is this town (a demonstration, a coup).
CAPITAL_OF: dict[str, str] = dict(load("places")["capital_of"])
_UNITS = one_of(words("places", "distance_units"))
_CAPITAL_WORD = re.compile(
    r"(?<![\w])"
    + one_of(words("places", "capital_word", "determiners"))
    + r"\s+(?:[a-z]+\s+)?"
    + words("places", "capital_word", "noun")[0]
    + r"(?![\w])"
)
_CAPITAL_BEFORE = re.compile(one_of(words("places", "capital_word", "before"), prefix=r"\b") + r"\s*$")
_CAPITAL_NOT = re.compile(
    r"\b"
    + one_of([*words("places", "distance_units"), *words("places", "capital_word", "not_before")])
    + r"\W+(?:\w+\W+)?$"
)
_OWNER_CAPITAL = re.compile(r"([a-z]+)'s\s+capital(?![\w])")
# "à Rosso, à quelque 200 km au sud de Nouakchott": the second town only locates the first
_DISTANCE_TIE = re.compile(
    r"^\s*,\s*"
    + one_of(words("places", "distance_tie", "approximately"))
    + "*"
    + one_of(words("places", "distance_tie", "about"))
    + r"?\d+\s*"
    + _UNITS
    + r"\b"
)

# a capitalised word right before a name, inside a sentence, or right after it: the name is part of another name
# ("la plateforme Wakit Tama", "governor Gado Pierre Ouedraogo"); before it only in a demonstration's sentence,
# since villages are often named with their commune ("Dangol Boré")
_NAME_BEFORE = re.compile(r"(?<![.!?:»\"]\s)(?<!^)\b[A-Z][a-z\u00e0-\u00ff]+\s+$")
_NAME_AFTER = re.compile(
    r"^\s+(?!" + one_of(words("places", "name_not_after", folded=False)) + r"\b)"
    r"[A-Z][a-z\u00e0-\u00ff]{2,}\b"
)
_ROAD_TO = re.compile(
    one_of(words("places", "road_to", "nouns"))
    + r"(?: \w+){0,2} "
    + one_of(words("places", "road_to", "to"))
    + r"(?: \w+)? $"
)

_ART = one_of(words("places", "articles")) + "?"
_TOWN_NOUN = one_of(words("places", "town_nouns"))
_LINK = r"(?:\s+" + one_of(words("places", "link")) + r"\s*|\s+)?"
_TOWN = r"(?:" + _TOWN_NOUN + _LINK + r")?"  # an optional town noun and its link word ("the village of")

_EVENT_CUE = re.compile(
    one_of(words("places", "event_cue", "words"))
    + r"\s+(?:"
    + one_of(words("places", "event_cue", "prepositions"))
    + r"\s+)?"
    + _ART
    + _TOWN
    + "$"
)
_IN_CUE = re.compile(one_of(words("places", "in_cue"), prefix=r"\b") + r"\s+" + _ART + _TOWN + r"(?:[a-z-]+ )?$")
_NOUN_CUE = re.compile(
    one_of(
        [_TOWN_NOUN + r"\s*" + one_of(words("places", "noun_cue", "of")) + "?", *words("places", "noun_cue", "phrases")]
    )
    + r"\s*$"
)
_NEAR_CUE = re.compile(one_of(words("places", "near_cue")) + r"\s*" + _ART + _TOWN + "$")
_ADMIN_NOUN = one_of(words("places", "admin_nouns"))
# "la région de X", "la région instable de X" (one word may qualify the noun), and the later names of a list that
# the noun heads ("les régions de Dosso et Tillabéri": Tillabéri is a region as much as Dosso)
_ADMIN_CUE = re.compile(
    one_of([_ADMIN_NOUN, *words("places", "admin_cue_extra")]) + r"(?: [a-z]+)?\s*(?:of|de|du|d'|des)?\s*(?:la |l')?"
    r"(?:[\w'-]+(?: [\w'-]+)?(?: et | and | & ))?$"
)
# an area named after its seat town: a Burkinabè department, a Malian rural commune
_SEAT_BEFORE = re.compile(one_of(words("places", "seat_before")) + r"\s+(?:of|de|du|d')?\s*$")
_SEAT_AFTER = re.compile(r"^\s+" + one_of(words("places", "seat_after")) + r"\b")
# "the X region", and the first names of a list that the noun ends ("the Dosso and Tillaberi regions")
_ADMIN_AFTER = re.compile(
    r"^(?:(?: and | et | & )(?!the |la |le |les |l'|dans |in |a |au |de |du |of )[\w'-]+"
    r"(?: [\w'-]+)?)?\s*" + one_of(words("places", "admin_after")) + r"s?\b"
)
# French puts a definite article before the name of an area ("dans le Soum", "dans la Kompienga", "dans le Gourma",
# "dans le Centre-Nord") but not before a town ("à Djibo", "dans Djibo"); a town noun in between ("dans le village de
# X") is a _NOUN_CUE, since the article is then not right before the name
_AREA_ARTICLE = re.compile(
    r"\b"
    + words("places", "area_article", "preposition")[0]
    + " "
    + one_of(words("places", "area_article", "articles"))
    + "$"
)
# The cues read in the words right before a name, first match wins; "area" is turned into "admin" (or "in") by
# PlaceFinder.candidates, which knows the place.
_CUES_BEFORE = (
    (_AREA_ARTICLE, "area"),
    (_NEAR_CUE, "near"),
    (_EVENT_CUE, "event"),
    (_NOUN_CUE, "noun"),
    (_IN_CUE, "in"),
)
_NEG_BEFORE = re.compile(one_of(words("places", "neg_before")) + r"\s*" + _ART + r"$")
# a name inside an institution's name: "the Abdou Moumouni University", "l'université Abdou Moumouni"
_INSTITUTION_AFTER = re.compile(
    r"^\s+[A-Z][a-z\u00e0-\u00ff]+\s+" + one_of(words("places", "institution_after", folded=False)) + r"\b"
)
# troops, posts and units "based in" a place are there (unlike an outlet or an NGO "based in" the capital)
_STATIONED = re.compile(
    r"\b"
    + one_of(words("places", "stationed", "units"))
    + r"\b[^,.;:!?]{0,40}\b"
    + one_of(words("places", "stationed", "verbs"))
    + r"\s+"
    + one_of(words("places", "stationed", "prepositions"))
    + r"\s+$"
)
_NEG_AFTER = re.compile(r"^(?:\s*,)?\s*" + one_of(words("places", "neg_after")))
# a river named after a place or a province ("le fleuve Niger", "the Mouhoun river") is no settlement
_RIVER_BEFORE = re.compile(
    r"\b"
    + one_of(words("places", "river_before", "nouns"))
    + r"\s+"
    + one_of(words("places", "river_before", "links"))
    + "?$"
)
# at a demonstration: "the capital, Niamey", "les étudiants de l'Université de N'Djamena"
_CROWD_IN = re.compile(
    one_of(
        [
            words("places", "crowd_in", "capital")[0] + r"\W{0,3}(?:[a-z]+\W{1,3})?",
            one_of(words("places", "crowd_in", "campus"))
            + " "
            + one_of(words("places", "crowd_in", "of"))
            + "(?:the )?",
        ]
    )
    + "$"
)
# "the Foo attack": an attack word right after the name
_ATTACK_AFTER = re.compile(r"^\s*" + one_of(words("places", "attack_after")))


def _acled_area(place: Any) -> bool:
    """True for an area of the pre-reform map that ACLED codes: a district, or a region that is its own admin1 (not a
    2025/2023 region such as "Soum", whose admin1 is the old region Sahel)."""
    return place.kind == "admin2" or (
        place.kind == "admin1" and fold_aligned(place.admin1 or "") == fold_aligned(place.name)
    )


def _area_of(place: Any, candidates: tuple) -> Any:
    """The area that "dans le X" names, among the resolved place and the mention's candidates of the same name and
    country: one that ACLED codes first (the gazetteer ranks the seat Kompienga above the province, and the 2025 region
    Soum above the old province it replaced), then any area ("le Liptako", a 2025 region only); None when the
    gazetteer knows the name only as a town."""
    areas = [
        c
        for c in (place, *candidates)
        if c.kind in ("admin1", "admin2")
        and c.country == place.country
        and fold_aligned(c.name) == fold_aligned(place.name)
    ]
    return next((a for a in areas if _acled_area(a)), areas[0] if areas else None)


_DIRECTION = re.compile(DIRECTION_BEFORE)


def named_as_direction(folded: str, start: int) -> bool:
    """True when the country name at folded[start:] is an origin or destination ("un convoi à destination du Niger",
    "gunmen who crossed from Niger"): it says nothing of where the event happened."""
    return bool(_DIRECTION.search(" ".join(folded[max(0, start - 45) : start].split()) + " "))


def _countries() -> dict[str, str]:
    """Folded country names the extractor covers -> English name (from the actor lexicon)."""
    global _COUNTRIES
    if _COUNTRIES is None:
        from sahelwatch.extract.actors import lexicon

        _COUNTRIES = {
            fold_aligned(n): country
            for country, info in lexicon().countries.items()
            for n in [country, *info.get("names", [])]
        }
    return _COUNTRIES


_COUNTRIES: dict[str, str] | None = None


class GazetteerLike(Protocol):
    def find_mentions(self, text: str) -> list[Any]: ...
    def resolve(self, mention: Any, text: str, country_hint: str | None = None) -> Any: ...
    def country(self, name: str | None) -> Any: ...


@dataclass(frozen=True)
class PlaceChoice:
    place: Any  # sahelwatch.places.Place
    surface: str
    start: int
    end: int
    cue: str  # event, in, noun, near, admin, none
    score: float
    alternatives: tuple = ()  # the mention's other candidate places

    @property
    def geo_precision(self) -> int:
        if isinstance(self.place, ReportedPlace):
            # a village located by the place named with it (2) or its region (3); a spelling variant is the
            # gazetteer's village (1, or 2 after "near")
            return max(self.place.precision, 2 if self.cue in ("near", "seat") else 1)
        if self.place.kind == "admin1":
            return 3
        if self.place.kind == "admin2":
            return 2
        return 2 if self.cue in ("near", "seat") else 1

    @property
    def key(self) -> tuple:
        p = self.place
        if isinstance(p, ReportedPlace) and p.matched is not None:
            p = p.matched  # "Tanwalbougou" and "Tanwolbougou" are one place
        return (p.geonameid, p.name, p.admin1, p.kind) if p.geonameid else (p.name, p.admin1, p.kind)


def same_or_within(a: PlaceChoice, b: PlaceChoice) -> bool:
    """True when a and b name the same place, or one is an admin area that contains the other."""
    pa, pb = a.place, b.place
    if a.key == b.key or (fold_aligned(pa.name) == fold_aligned(pb.name) and pa.country == pb.country):
        return True
    if isinstance(pa, ReportedPlace) or isinstance(pb, ReportedPlace):
        # a village located only by the place named with it is not that place: "X, dans la commune de Y" and an
        # attack in Y are two frames (one event only when their tolls agree: joining.merge_tellings); its region
        # still contains it
        for area, other in ((pa, pb), (pb, pa)):
            if (
                isinstance(area, ReportedPlace)
                or area.kind not in ("admin1", "admin2")
                or area.country != other.country
            ):
                continue
            within = other.admin1 if area.kind == "admin1" else other.admin2
            if within and fold_aligned(within) == fold_aligned(area.name):
                return True
        return False
    if pa.country != pb.country:
        return False
    for area, other in ((pa, pb), (pb, pa)):
        if area.kind == "admin1" and other.admin1 and fold_aligned(other.admin1) == fold_aligned(area.name):
            return True
        if area.kind == "admin2" and other.admin2 and fold_aligned(other.admin2) == fold_aligned(area.name):
            return True
    return False


@dataclass(frozen=True)
class NameMention:
    """A name the gazetteer does not hold, introduced by a place cue (sahelwatch.extract.villages)."""

    start: int
    end: int
    surface: str
    candidates: tuple = ()


class PlaceFinder:
    """Place mentions of one document, found and resolved lazily (only in the sentences that matter), and the
    choice of an event place for a span. Names that the gazetteer does not hold but a place cue introduces ("le
    village de X") are places too, located by the places named with them (sahelwatch.extract.villages)."""

    MAX_SCANS = 60  # paragraphs scanned per document (bounded time on huge inputs)
    MAX_CONTEXT = 2000  # characters of a paragraph given to the gazetteer

    def __init__(
        self, gazetteer: GazetteerLike | None, text: str, folded: str, country_hint: str | None, skip_before: int = 0
    ) -> None:
        self.gazetteer = gazetteer
        self.text = text
        self.folded = folded
        self.country_hint = country_hint
        self.skip_before = skip_before
        self._scanned: dict[tuple[int, int], list[tuple[Any, Any]]] = {}
        self._resolved: dict[tuple[int, int], Any] = {}
        self._names: dict[tuple[int, int], tuple[NameSpan, list[NameSpan]]] = {}  # doc offsets -> name, its list
        self._settled: frozenset[str] | None = None
        # gazetteer mentions inside a longer name ("Doukou" in "Doukou Saraou") -> that name's doc offsets
        self._shadow: dict[tuple[int, int], tuple[int, int]] = {}

    def _paragraph(self, start: int, end: int) -> tuple[int, int]:
        lo = self.text.rfind("\n", 0, start) + 1
        hi = self.text.find("\n", end)
        hi = len(self.text) if hi < 0 else hi
        if hi - lo > self.MAX_CONTEXT:
            lo = max(lo, start - self.MAX_CONTEXT // 2)
            hi = min(hi, max(end, lo + self.MAX_CONTEXT))
        return lo, hi

    def _scan(self, start: int, end: int) -> list[tuple[Any, Any]]:
        """Mentions of the paragraph around [start, end), resolved in the paragraph's context."""
        key = self._paragraph(start, end)
        if key in self._scanned:
            return self._scanned[key]
        lo, hi = key
        found: list[tuple[Any, Any]] = []
        if self.gazetteer is not None and hi > lo and len(self._scanned) < self.MAX_SCANS:
            context = self.text[lo:hi]
            try:
                mentions = self.gazetteer.find_mentions(context)
            except Exception:  # noqa: BLE001 - a gazetteer failure must not lose the rest of the extraction
                mentions = []
            mentions = self._with_names(mentions[:60], lo, hi)
            for mention in mentions:
                if lo + mention.start < self.skip_before:
                    continue
                found.append((mention, key))
        self._scanned[key] = found
        return found

    def _with_names(self, mentions: list[Any], lo: int, hi: int) -> list[Any]:
        """The gazetteer's mentions of text[lo:hi] and the names it does not hold that a place cue introduces; a
        name that extends a gazetteer mention ("Doukou Saraou" where the gazetteer knows a "Doukou") replaces it,
        unless every part of it is a gazetteer name (a road: "Djibo-Bourzanga")."""
        names = find_names(self.text, self.folded, lo, hi)
        if not names:
            return mentions
        kept: list[NameSpan] = []
        for name in names:
            s, e = name.start - lo, name.end - lo
            overlap = [i for i, m in enumerate(mentions) if m.start < e and s < m.end]
            if any(mentions[i].start <= s and e <= mentions[i].end for i in overlap):
                continue  # the gazetteer's own name
            if overlap:
                if not all(s <= mentions[i].start and mentions[i].end <= e for i in overlap):
                    continue
                parts = [p for p in re.split(r"[\s\-]+", name.surface) if p]
                if all(self._known_name(p) for p in parts):
                    continue
                for i in overlap:
                    self._shadow[(lo + mentions[i].start, lo + mentions[i].end)] = (name.start, name.end)
            kept.append(name)
        out = list(mentions)
        for name in kept:
            self._names[(name.start, name.end)] = (name, names)
            out.append(NameMention(name.start - lo, name.end - lo, name.surface))
        out.sort(key=lambda m: m.start)
        return out

    def _known_name(self, part: str) -> bool:
        try:
            return bool(self.gazetteer.candidates(part))  # type: ignore[union-attr]  # optional: see the except
        except Exception:  # noqa: BLE001 - a gazetteer without candidates(): treat the part as unknown
            return False

    def settled(self) -> frozenset[str]:
        """Folded names that the report introduces as villages somewhere ("le village de X"): a bare "à X" elsewhere
        is then the same place."""
        if self._settled is None:
            self._settled = frozenset(
                fold_aligned(n.surface) for n in find_names(self.text, self.folded) if n.cue == "noun"
            )
        return self._settled

    def _name_wins(self, name_span: tuple[int, int], key: tuple[int, int]) -> bool:
        """Whether the longer name at doc offsets `name_span` is a place (then the gazetteer's shorter name inside
        it is not one); a name after "le maire de" leaves the shorter name its old reading."""
        lo = key[0]
        name = self._names[name_span][0]
        if self._cue(name.start, name.end) == "neg":
            return False
        return self._resolve(NameMention(name.start - lo, name.end - lo, name.surface), key) is not None

    def _locate(self, memo: tuple[int, int], key: tuple[int, int]) -> Any:
        """The ReportedPlace of the unknown name at doc offsets `memo`, or None."""
        name, names = self._names[memo]
        known: list[Known] = []
        for mention, k in self._scanned.get(key, []):
            if isinstance(mention, NameMention) or (k[0] + mention.start, k[0] + mention.end) in self._shadow:
                continue
            resolved = self._resolve(mention, k)
            if resolved is None:
                continue
            m, place = resolved
            known.append(Known(m.start, m.end, place, self._cue(m.start, m.end), fold_aligned(m.surface) in CAPITALS))
        ctx = Context(
            self.text, self.folded, known, names, self.settled(), self.gazetteer, self.country_hint, _countries()
        )
        try:
            return locate(name, ctx)
        except Exception:  # noqa: BLE001 - an unknown name must not lose the rest of the extraction
            return None

    def _resolve(self, mention: Any, key: tuple[int, int]) -> tuple[Any, Any] | None:
        """(mention with document offsets, place), resolved once, in the paragraph's context."""
        lo, hi = key
        memo = (lo + mention.start, lo + mention.end)
        if memo not in self._resolved:
            result = None
            if isinstance(mention, NameMention):
                self._resolved[memo] = None  # no recursion through _locate
                place = self._locate(memo, key)
            elif memo in self._shadow and self._name_wins(self._shadow[memo], key):
                place = None  # part of a longer name that is a place of its own
            else:
                try:  # a gazetteer's mention (from _scan), so there is a gazetteer
                    place = self.gazetteer.resolve(mention, self.text[lo:hi], self.country_hint)  # type: ignore[union-attr]
                except Exception:  # noqa: BLE001
                    place = None
                place = self._fallback(mention, place, self.country_hint)
            if place is not None:
                try:
                    result = (replace(mention, start=memo[0], end=memo[1]), place)
                except Exception:  # noqa: BLE001 - a mention type without dataclass fields
                    result = None
            self._resolved[memo] = result
        return self._resolved[memo]

    def in_span(self, start: int, end: int) -> list[tuple[Any, Any]]:
        out = []
        for mention, key in self._scan(start, end):
            if start <= key[0] + mention.start and key[0] + mention.end <= end:
                resolved = self._resolve(mention, key)
                if resolved is not None:
                    out.append(resolved)
        return out

    @staticmethod
    def _fallback(mention: Any, place: Any, country_hint: str | None) -> Any:
        """Guard against a resolution that loses the name: a candidate spelled exactly as the text beats one found
        by an alternate name; with no resolution, the likeliest candidate (the hinted country, a town, the most
        populated) is used."""
        cands = [c for c in getattr(mention, "candidates", ()) if c.kind != "country"]
        surface = re.sub(r"[\s'-]+", "", fold_aligned(mention.surface))

        def rank(c: Any) -> tuple:
            return (c.country != country_hint, c.kind != "town", -(c.population or 0))

        if place is None:
            if not cands:
                return None
            return sorted(cands, key=rank)[0]
        if re.sub(r"[\s'-]+", "", fold_aligned(place.name)) != surface:
            exact = [
                c for c in cands if re.sub(r"[\s'-]+", "", fold_aligned(c.name)) == surface and c.kind == place.kind
            ]
            if exact:
                same = [c for c in exact if c.admin1 == place.admin1] or [
                    c for c in exact if c.country == place.country
                ]
                return sorted(same or exact, key=rank)[0]
        return place

    def _cue(self, start: int, end: int) -> str:
        before = self.folded[max(0, start - 70) : start]
        before = re.sub(r"\s+", " ", before)
        after = self.folded[end : end + 40]
        if _STATIONED.search(before):
            return "in"  # "une position de l'armée basée à X": where the troops are is where they were attacked
        if (
            _NEG_BEFORE.search(before)
            or _NEG_AFTER.match(after)
            or _RIVER_BEFORE.search(before)
            or _INSTITUTION_AFTER.match(self.text[end : end + 60])
        ):
            return "neg"
        if _ADMIN_CUE.search(before) or _ADMIN_AFTER.match(after):
            return "admin"
        if before.rstrip().endswith("(") or re.match(r"^\s*\)", after) and "(" in before[-3:]:
            return "admin"
        return next((cue for pattern, cue in _CUES_BEFORE if pattern.search(before)), "none")

    def candidates(
        self, start: int, end: int, triggers: list[tuple[int, int]], crowd: bool = False
    ) -> list[PlaceChoice]:
        """Scored place choices in [start, end); the best first. `triggers` are event word spans. For a crowd (a
        demonstration) the capital is a place like any other: that is where demonstrations happen, and "the
        capital, Niamey" names where it took place."""
        out: list[PlaceChoice] = []
        for mention, place in self.in_span(start, end):
            if place.kind == "country":
                continue
            cue = self._cue(mention.start, mention.end)
            if crowd and cue == "neg" and _CROWD_IN.search(self.folded[max(0, mention.start - 30) : mention.start]):
                cue = "in"  # "the capital, Niamey", "les étudiants de l'Université de N'Djamena"
            name = self._names.get((mention.start, mention.end))
            if name is not None and cue != "neg":
                # "X, un village", "X village": the cue follows the name; "la préfecture de X": an area
                if name[0].cue == "noun" and cue in ("in", "none", "admin"):
                    cue = "noun"
                elif name[0].cue == "area":
                    cue = "admin"
                elif cue == "none":
                    cue = "in"
            if cue == "area":
                # "dans le Soum": the province, not a hamlet Soum; a name the gazetteer knows only as a town keeps
                # the settlement reading it had before
                area = _area_of(place, tuple(getattr(mention, "candidates", ())))
                place, cue = (area, "admin") if area is not None else (place, "in")
            if (
                cue == "admin"
                and place.kind == "town"
                and place.country in ("Burkina Faso", "Mali")
                and (
                    _SEAT_BEFORE.search(self.folded[max(0, mention.start - 40) : mention.start])
                    or _SEAT_AFTER.match(self.folded[mention.end : mention.end + 20])
                )
                and not any(
                    c.kind in ("admin1", "admin2")
                    and c.country == place.country
                    and fold_aligned(c.name) == fold_aligned(place.name)
                    for c in getattr(mention, "candidates", ())
                )
            ):
                # "the Koutougou department", "la commune rurale de X": in Burkina Faso and Mali these are communes
                # named after their seat, which the gazetteer holds only as a town: the town, at precision 2 (a
                # Nigerien département is an admin2 area: "dans le département de Torodi" stays a region)
                cue = "seat"
            if place.kind != "town" and cue in ("in", "event", "noun", "near"):
                # "à Bandiagara", "attack on Kaya": the town, not the region of the same name
                towns = [
                    c
                    for c in getattr(mention, "candidates", ())
                    if c.kind == "town"
                    and c.country == place.country
                    and fold_aligned(c.name) == fold_aligned(place.name)
                ]
                # the town inside that area: towns carry the pre-reform admin1, which a 2025 region ("Soum")
                # names as its own admin1 ("Sahel"), and an old region as itself
                area = fold_aligned(place.admin1 or place.name)
                town = next((c for c in towns if fold_aligned(c.admin1 or "") == area), towns[0] if towns else None)
                if town is not None:
                    place = town
            score = {
                "event": 4.0,
                "near": 3.2,
                "noun": 3.2,
                "in": 3.0,
                "seat": 3.0,
                "admin": 1.2,
                "none": 1.0,
                "neg": -5.0,
            }[cue]
            score += {"town": 1.0, "admin2": 0.4, "admin1": 0.0}.get(place.kind, -1.0)
            if cue == "admin" and place.kind == "town":
                score -= 0.8
            if triggers:
                dist = min(min(abs(mention.start - t1), abs(mention.end - t0)) for t0, t1 in triggers)
                score -= min(dist / 250.0, 1.2)
                if _ATTACK_AFTER.match(self.folded[mention.end : mention.end + 12]):
                    score += 1.0
            if fold_aligned(mention.surface) in CAPITALS and cue not in ("event", "near", "noun") and not crowd:
                score -= 1.5
            if isinstance(place, ReportedPlace):
                # a place we could not find in the gazetteer yields to one it holds, on an equal cue
                score -= {"variant": 0.0, "anchor": 0.2, "region": 0.4}.get(place.basis, 0.6)
            if (
                cue == "none"
                and not isinstance(place, ReportedPlace)
                and (
                    (crowd and _NAME_BEFORE.search(self.text[max(0, mention.start - 30) : mention.start]))
                    or _NAME_AFTER.match(self.text[mention.end : mention.end + 30])
                )
            ):
                score -= 1.5  # "la plateforme Wakit Tama", "Amadou Gado": a word of a name, not the town
            if (
                crowd
                and cue == "near"
                and _ROAD_TO.search(re.sub(r"\s+", " ", self.folded[max(0, mention.start - 40) : mention.start]))
            ):
                score -= 3.5  # protesters who block "la route de Ouagadougou" are not in Ouagadougou
            # inside parentheses right after another place: a region given as context
            if "(" in self.folded[max(0, mention.start - 2) : mention.start]:
                score -= 1.5
            out.append(
                PlaceChoice(
                    place,
                    mention.surface,
                    mention.start,
                    mention.end,
                    cue,
                    score,
                    tuple(getattr(mention, "candidates", ())),
                )
            )
        # "le village de X, près de Y": Y only locates X; so does the place that locates a village the gazetteer
        # does not hold ("le village de X, dans la commune de Y")
        anchors = {
            (fold_aligned(a.name), a.country)
            for c in out
            if isinstance(c.place, ReportedPlace) and c.cue != "neg"
            for a in (c.place.anchor, *c.place.tied)
            if a is not None
        }
        adjusted: list[PlaceChoice] = []
        for c in out:
            if c.cue == "near" and any(
                o is not c
                and o.end <= c.start
                and (
                    c.start - o.end <= 25
                    or (c.start - o.end <= 50 and _DISTANCE_TIE.match(self.folded[o.end : c.start]))
                )
                and o.cue in ("noun", "in", "event")
                for o in out
            ):
                c = PlaceChoice(c.place, c.surface, c.start, c.end, c.cue, c.score - 1.5, c.alternatives)
            elif (fold_aligned(c.place.name), c.place.country) in anchors and not isinstance(c.place, ReportedPlace):
                c = PlaceChoice(c.place, c.surface, c.start, c.end, c.cue, c.score - 1.5, c.alternatives)
            adjusted.append(c)
        adjusted.sort(key=lambda c: -c.score)
        return adjusted

    def capital(self, country: str | None) -> Any:
        """The Place of a country's capital, or None."""
        name = CAPITAL_OF.get(country or "")
        if not name or self.gazetteer is None:
            return None
        if not hasattr(self, "_capitals"):
            self._capitals: dict[str, Any] = {}
        if name not in self._capitals:
            self._capitals[name] = self._find_capital(self.gazetteer, name, country)
        return self._capitals[name]

    def _find_capital(self, gazetteer: GazetteerLike, name: str, country: str | None) -> Any:
        try:
            mentions = gazetteer.find_mentions(name)
        except Exception:  # noqa: BLE001
            return None
        for mention in mentions:
            towns = [c for c in getattr(mention, "candidates", ()) if c.kind == "town" and c.country == country]
            if towns:
                return max(towns, key=lambda c: c.population or 0)
        return None

    def capital_choice(
        self, start: int, end: int, default_country: str | None, countries: Any = None
    ) -> PlaceChoice | None:
        """ "dans la capitale", "in the Nigerien capital", "streets of the capital": the country's capital, when
        the sentence names no town. `countries(folded, lo, hi)` gives the countries a span names (adjectives)."""
        for m in _CAPITAL_WORD.finditer(self.folded, start, end):
            before = re.sub(r"\s+", " ", self.folded[max(start, m.start() - 30) : m.start()])
            if not _CAPITAL_BEFORE.search(before) or _CAPITAL_NOT.search(before):
                continue
            country = None
            if countries is not None:
                # "la capitale malienne", "the Nigerien capital"
                named = [c for _, c in countries(self.folded, m.start(), min(end, m.end() + 14))]
                country = named[0] if named else None
            place = self.capital(country or default_country)
            if place is not None:
                return PlaceChoice(place, self.text[m.start() : m.end()], m.start(), m.end(), "in", 3.0)
        for m in _OWNER_CAPITAL.finditer(self.folded, start, end):
            if countries is not None:
                named = [c for _, c in countries(self.folded, m.start(), m.end())]
                place = self.capital(named[0]) if named else None
                if place is not None:
                    return PlaceChoice(place, self.text[m.start() : m.end()], m.start(), m.end(), "in", 3.0)
        return None

    def admin_context(self, start: int, end: int) -> list[tuple[str, str]]:
        """(country, admin1) of the regions named in the span ("dans la région de Diffa"), to disambiguate towns."""
        out: list[tuple[str, str]] = []
        for m, p in self.in_span(start, end):
            if p.kind == "admin1":
                out.append((p.country, fold_aligned(p.name)))
            elif self._cue(m.start, m.end) in ("admin", "area"):
                for c in (p, *getattr(m, "candidates", ())):
                    if c.kind == "admin1":
                        out.append((c.country, fold_aligned(c.name)))
                    elif c.admin1:
                        out.append((c.country, fold_aligned(c.admin1)))
        return out
