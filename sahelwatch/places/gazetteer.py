"""Place lookup for incident extraction: names to places, text to mentions, mentions to one place.

The data is the committed seeds/gazetteer (see seeds/README.md, "Gazetteer");
nothing here touches the network or the raw GeoNames dumps.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from rapidfuzz import fuzz, process

from sahelwatch.places.context import gather, ruled_out, score
from sahelwatch.places.model import NEIGHBOUR_COUNTRIES, NEIGHBOUR_PRIOR, Place, PlaceMention, importance
from sahelwatch.places.scan import Hit, admin_cue, scan
from sahelwatch.places.store import (
    ALIASES_FILE,
    OVERRIDES_FILE,
    Entry,
    apply_overrides,
    apply_region_aliases,
    read_places,
)
from sahelwatch.places.text import strip_admin_words
from sahelwatch.places.variants import Variant, VariantIndex
from sahelwatch.resources import SEEDS_DIR
from sahelwatch.text import compact, key

__all__ = ["Gazetteer", "PlaceMention", "Place", "DEFAULT_DIR"]

DEFAULT_DIR = SEEDS_DIR / "gazetteer"
_KIND_ORDER = {"country": 0, "admin1": 1, "admin2": 2, "town": 3}


class Gazetteer:
    """In-memory index of the gazetteer; build once (``default()``) and share, it is read-only."""

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(self, entries: list[Entry]) -> None:
        self._prior: dict[Place, float] = {}
        self._by_key: dict[str, list[Place]] = {}
        self._by_compact: dict[str, list[Place]] = {}
        self._countries: dict[str, Place] = {}
        self._max_tokens = 1
        for entry in entries:
            place = entry.place
            self._prior[place] = max(self._prior.get(place, 0.0), importance(place, entry.feature_code))
            if entry.source == "override" and place.kind == "town":
                floor = 0.55 * (NEIGHBOUR_PRIOR if place.country in NEIGHBOUR_COUNTRIES else 1.0)
                self._prior[place] = max(self._prior[place], floor)
            if place.kind == "country":
                self._countries[key(place.country)] = place
                self._countries[entry.country_code.casefold()] = place
            for name in dict.fromkeys(entry.names):
                k = key(name)
                if not k:
                    continue
                self._add(self._by_key, k, place)
                self._add(self._by_compact, compact(k), place)
                self._max_tokens = max(self._max_tokens, k.count(" ") + 1)
        for table in (self._by_key, self._by_compact):
            for k, places in table.items():
                countries = [p for p in places if p.kind == "country"]
                table[k] = countries if countries else sorted(places, key=self._rank)
        for alias_key in [k for k, v in self._by_key.items() if v and v[0].kind == "country"]:
            self._countries.setdefault(alias_key, self._by_key[alias_key][0])
        self._fuzzy_keys = sorted(self._by_key)
        self._scan_cache: OrderedDict[str, list[Hit]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._variants = VariantIndex(self._by_key.items())  # spelling variants (about 0.25 s)

    @staticmethod
    def _add(table: dict[str, list[Place]], k: str, place: Place) -> None:
        bucket = table.setdefault(k, [])
        if place not in bucket:
            bucket.append(place)

    def _rank(self, place: Place) -> tuple:
        return (
            -self._prior.get(place, 0.4),
            _KIND_ORDER.get(place.kind, 9),
            place.country,
            place.name,
            place.geonameid or 0,
            place.latitude,
            place.longitude,
        )

    # -- construction -----------------------------------------------------------------------

    @classmethod
    def load(cls, directory: Path) -> Gazetteer:
        """Load places.tsv and apply overrides.csv and region_aliases.csv from *directory*."""
        directory = Path(directory)
        entries = apply_overrides(read_places(directory), directory / OVERRIDES_FILE)
        apply_region_aliases(entries, directory / ALIASES_FILE)
        return cls(entries)

    @classmethod
    def default(cls) -> Gazetteer:
        """The committed gazetteer, loaded once per process (about a second and 70 MB)."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls.load(DEFAULT_DIR)
            return cls._default

    # -- lookups ----------------------------------------------------------------------------

    def candidates(self, name: str) -> list[Place]:
        """Places answering to *name*, best first; case, accent, hyphen and apostrophe blind.

        Country names return only the country.  "Région de Mopti"-style wrappers are
        understood.  Spacing differences ("Tin Zaouatene" / "Ti-n-Zaouâtene") are tried last.
        """
        k = key(name)
        found = self._by_key.get(k)
        if not found:
            stripped = key(strip_admin_words(name))
            if stripped != k:
                found = [p for p in self._by_key.get(stripped, []) if p.kind in {"admin1", "admin2"}]
        if not found:
            found = self._by_compact.get(compact(k), [])
        return list(found)

    def suggest(self, name: str, limit: int = 5, score_cutoff: float = 88.0) -> list[Place]:
        """Fuzzy fallback for misspelt names ("Boulkessy"); not used by the mention scan."""
        results = process.extract(
            key(name), self._fuzzy_keys, scorer=fuzz.ratio, limit=limit, score_cutoff=score_cutoff
        )
        out: list[Place] = []
        for matched, _score, _index in results:
            for place in self._by_key[matched]:
                if place not in out:
                    out.append(place)
        return out

    def near_spellings(self, name: str, cutoff: float = 80.0) -> list[Variant]:
        """Places whose name or alternate name is spelled like *name* ("Tanwalbougou" -> Tanwolbougou), best first,
        by sahelwatch.places.variants; deciding which are plausible is the caller's job."""
        return self._variants.lookup(name, cutoff=cutoff)

    def country(self, name: str | None) -> Place | None:
        """The country row for an English/French name or ISO code ("ML", "Mauritanie")."""
        if not name:
            return None
        return self._countries.get(key(name)) or self._countries.get(name.strip().casefold())

    def admin_area(self, name: str, country: str | None = None) -> Place | None:
        """The admin1 (preferred) or admin2 area called *name*, by any of its old or new names."""
        country_row = self.country(country)
        wanted = country_row.country if country_row else None
        areas = [p for p in self.candidates(name) if p.kind in {"admin1", "admin2"}]
        if wanted:
            areas = [p for p in areas if p.country == wanted]
        areas.sort(key=lambda p: (_KIND_ORDER[p.kind], self._rank(p)))
        return areas[0] if areas else None

    # -- running text -----------------------------------------------------------------------

    def _hits(self, text: str) -> list[Hit]:
        with self._cache_lock:
            cached = self._scan_cache.get(text)
            if cached is not None:
                self._scan_cache.move_to_end(text)
                return cached
        hits = scan(text, lambda k: self._by_key.get(k, ()), lambda k: self._by_compact.get(k, ()), self._max_tokens)
        with self._cache_lock:
            self._scan_cache[text] = hits
            while len(self._scan_cache) > 8:
                self._scan_cache.popitem(last=False)
        return hits

    def find_mentions(self, text: str) -> list[PlaceMention]:
        """Place names in *text* (Sahel countries and their places; foreign countries are skipped)."""
        return [PlaceMention(h.start, h.end, h.surface, h.places) for h in self._hits(text) if not h.foreign]

    def resolve(self, mention: PlaceMention, text: str, country_hint: str | None = None) -> Place | None:
        """The place *mention* most likely means, or None when context puts it in another country."""
        candidates = list(mention.candidates)
        if not candidates:
            return None
        if candidates[0].kind == "country":
            return candidates[0]
        cue = admin_cue(text, mention.start, mention.end)
        if cue:
            cued = [p for p in candidates if p.kind == cue] or [p for p in candidates if p.kind != "town"]
            candidates = cued or candidates
        evidence = gather(text, mention, self._hits(text))
        if ruled_out(candidates, evidence):
            return None
        hint_place = self.country(country_hint)
        hint = hint_place.country if hint_place else None
        ranked = sorted(candidates, key=self._rank)  # max() keeps the first of equal scores
        return max(ranked, key=lambda p: score(p, evidence, self._prior.get(p, 0.4), hint))
