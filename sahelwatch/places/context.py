"""Choosing among homonyms from what the surrounding sentences say.

Order of evidence, strongest first: an admin area named nearby ("Dioura (région
de Mopti)"), a country named nearby ("in Mali's..."), a nearby town that lies
close to one candidate, the outlet's country, then the prior importance of the
place.  Weights shrink with sentence distance; a country named only as a border
or neighbour ("près de la frontière avec le Niger") counts little.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sahelwatch.distance import haversine_km
from sahelwatch.places.lexicon import BORDER_CUES, DEMONYMS, DIRECTION_BEFORE
from sahelwatch.places.model import Place, PlaceMention
from sahelwatch.places.scan import Hit, admin_cue, words_before
from sahelwatch.text import TOKEN_RE, fold, key

_SENTENCE_END = re.compile(r"[.!?]+[\"»”’)]*\s+|\n+")
_DISTANCE_WEIGHT = {0: 1.0, 1: 0.5, 2: 0.25}
_PROXIMITY_KM = 80.0
_DIRECTION = re.compile(DIRECTION_BEFORE)

W_ADMIN2, W_ADMIN1, W_COUNTRY, W_NEAR, W_DEMONYM, W_HINT = 3.0, 3.0, 2.0, 1.5, 0.5, 1.0


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of *text* (a light splitter: news prose is regular)."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


@dataclass
class Evidence:
    """What the context of one mention says, each item with its strongest weight."""

    countries: dict[str, float] = field(default_factory=dict)  # country -> weight
    named_here: dict[str, int] = field(default_factory=dict)  # country -> char distance, same sentence
    demonyms_here: set[str] = field(default_factory=set)  # "malien" etc. in the same sentence
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)  # (country, region) -> weight
    admin2: dict[tuple[str, str], float] = field(default_factory=dict)
    towns: list[tuple[float, tuple[Place, ...]]] = field(default_factory=list)
    demonyms: dict[str, float] = field(default_factory=dict)

    @staticmethod
    def _bump(table: dict, item: object, weight: float) -> None:
        table[item] = max(table.get(item, 0.0), weight)


def gather(text: str, mention: PlaceMention, hits: Sequence[Hit]) -> Evidence:
    """Collect the evidence around *mention* from the other hits of the same text."""
    starts = sentence_starts(text)
    here = bisect.bisect_right(starts, mention.start) - 1
    own_key = key(mention.surface)
    ev = Evidence()
    for hit in hits:
        if hit.start == mention.start or key(hit.surface) == own_key:
            continue
        distance = abs(bisect.bisect_right(starts, hit.start) - 1 - here)
        weight = _DISTANCE_WEIGHT.get(distance)
        if weight is None:
            continue
        border = bool(set(words_before(text, hit.start, 5)) & BORDER_CUES)
        if hit.foreign or any(p.kind == "country" for p in hit.places):
            # a country named as an origin or destination ("a convoy bound for Niger", "des hommes armés venus du
            # Burkina") says nothing of where the event happened: no evidence at all
            before = " ".join(fold(text[max(0, hit.start - 45) : hit.start]).split()) + " "
            if _DIRECTION.search(before):
                continue
            names = [hit.foreign] if hit.foreign else [p.country for p in hit.places if p.kind == "country"]
            for country in names:
                Evidence._bump(ev.countries, country, weight * (0.3 if border else 1.0))
                if not border and distance == 0:
                    gap = max(hit.start - mention.end, mention.start - hit.end, 0)
                    ev.named_here[country] = min(gap, ev.named_here.get(country, gap))
            continue
        cue = admin_cue(text, hit.start, hit.end)
        for place in hit.places:
            if place.kind == "admin1" and cue != "admin2":
                for region in {place.admin1, place.admin1_new, place.name} - {None}:
                    Evidence._bump(ev.admin1, (place.country, region), weight)
            elif place.kind == "admin2" and cue != "admin1":
                for area in {place.admin2, place.name} - {None}:
                    Evidence._bump(ev.admin2, (place.country, area), weight)
        towns = tuple(p for p in hit.places if p.kind == "town")
        if towns and len(towns) <= 20:
            ev.towns.append((weight, towns))
            if len({p.country for p in towns}) == 1:
                Evidence._bump(ev.countries, towns[0].country, 0.2 * weight)
    for offset in (-1, 0, 1):
        if not 0 <= here + offset < len(starts):
            continue
        lo = starts[here + offset]
        hi = starts[here + offset + 1] if here + offset + 1 < len(starts) else len(text)
        for token in TOKEN_RE.findall(text[lo:hi]):
            demonym_country = DEMONYMS.get(fold(token))
            if demonym_country:
                Evidence._bump(ev.demonyms, demonym_country, _DISTANCE_WEIGHT[abs(offset)])
                if offset == 0:
                    ev.demonyms_here.add(demonym_country)
    return ev


VETO_CHARS = 120


def ruled_out(candidates: Sequence[Place], ev: Evidence) -> bool:
    """True when a country named close by, in the same sentence, holds none of the candidates.

    Only the mention's own sentence can veto ("Kouré, au Nigeria"); a country named in a
    neighbouring sentence, far away in a long list, or as a border ("près de la frontière
    avec le Niger") only weighs in the score.
    """
    close = {country for country, gap in ev.named_here.items() if gap <= VETO_CHARS}
    if not close:
        return False
    allowed = set(ev.named_here) | ev.demonyms_here
    return not any(p.country in allowed for p in candidates)


def score(place: Place, ev: Evidence, prior: float, hint: str | None) -> float:
    """Evidence-weighted score of one candidate; the prior (< 1) only breaks ties."""
    total = prior
    total += W_COUNTRY * ev.countries.get(place.country, 0.0)
    total += W_DEMONYM * ev.demonyms.get(place.country, 0.0)
    total += W_HINT * (hint == place.country)
    regions = {region for region in (place.admin1, place.admin1_new) if region is not None}
    total += W_ADMIN1 * max((ev.admin1.get((place.country, r), 0.0) for r in regions), default=0.0)
    if place.admin2:
        total += W_ADMIN2 * ev.admin2.get((place.country, place.admin2), 0.0)
    if place.kind == "town":
        near = 0.0
        for weight, towns in ev.towns:
            d = min(haversine_km((place.latitude, place.longitude), (t.latitude, t.longitude)) for t in towns)
            near = max(near, weight * max(0.0, 1.0 - d / _PROXIMITY_KM))
        total += W_NEAR * near
    return total
