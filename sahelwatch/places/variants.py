"""Spelling variants of gazetteer names: "Tanwalbougou" for Tanwolbougou, "Dubalma" for Doubalma, "Chinegodar" for
Chinagodrar, "Tchinberkaouane" for Tchi-m Berkaouane.

News and GeoNames write the same village through French or English habits (ou/u/w, dj/j, tch/ch/sh, y/i, doubled
consonants, a final mute e, with or without hyphens and "Ti-n-"). A name is reduced to a skeleton that forgets those
differences, and skeletons are compared with rapidfuzz's ratio, only among names that begin with the same skeleton
letter and are about as long: a few thousand comparisons per name, done in C. The caller decides which of the
returned places are plausible (same country, same area as the places named with it) and the threshold; see
sahelwatch/extract/villages.py."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from rapidfuzz import fuzz, process

from sahelwatch.places.model import Place
from sahelwatch.text import key

# fixed replacements, in order, on a compact key (lower case, no accents, no spaces): French and English habits
_REPLACE = (
    ("tch", "C"),
    ("tsh", "C"),
    ("ch", "C"),
    ("sh", "C"),  # French ch = English sh, French tch = English ch
    ("dj", "j"),
    ("ou", "u"),
    ("w", "u"),
    ("y", "i"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("qu", "k"),
    ("q", "k"),
    ("c", "k"),
)
_GUE = re.compile(r"gu(?=[ei])")  # French gue/gui = ge/gi
_NOT_LETTER = re.compile(r"[^a-z]")


def skeleton(name: str) -> str:
    """The spelling-blind form of a name: `skeleton("Tanwalbougou") == "tanualbugu"`."""
    return _skeleton_of_key(key(name))


def _skeleton_of_key(name_key: str) -> str:
    s = _NOT_LETTER.sub("", name_key)
    for a, b in _REPLACE:
        if a in s:
            s = s.replace(a, b)
    if "gu" in s:
        s = _GUE.sub("g", s)
    s = "".join(letter for letter, _ in groupby(s))  # doubled letters
    if len(s) > 2 and s.endswith("e"):
        s = s[:-1]  # a final mute e: Tamalate / Tamalat
    return s


@dataclass(frozen=True)
class Variant:
    place: Place
    score: float  # rapidfuzz ratio of the two skeletons, 0-100


class VariantIndex:
    """Gazetteer names grouped by the first letter of their skeleton."""

    MIN_LETTERS = 4

    def __init__(self, names: Iterable[tuple[str, list[Place]]]) -> None:
        self._by_letter: dict[str, tuple[list[str], list[list[Place]]]] = {}
        grouped: dict[str, dict[str, list[Place]]] = {}
        for name, places in names:
            sk = _skeleton_of_key(name)
            if len(sk) < self.MIN_LETTERS - 1:
                continue
            grouped.setdefault(sk[0], {}).setdefault(sk, []).extend(p for p in places if p.kind != "country")
        for letter, table in grouped.items():
            skeletons = [sk for sk in sorted(table) if table[sk]]
            self._by_letter[letter] = (skeletons, [table[sk] for sk in skeletons])

    def lookup(self, name: str, cutoff: float = 80.0, limit: int = 25) -> list[Variant]:
        """Gazetteer places whose name is spelled like *name*, best first (score >= cutoff)."""
        sk = skeleton(name)
        if len(sk) < self.MIN_LETTERS or sk[0] not in self._by_letter:
            return []
        skeletons, entries = self._by_letter[sk[0]]
        band = max(2, len(sk) // 4)
        found = process.extract(sk, skeletons, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        out: list[Variant] = []
        for matched, score, index in found:
            if abs(len(matched) - len(sk)) > band:
                continue
            for place in dict.fromkeys(entries[index]):
                out.append(Variant(place, float(score)))
        out.sort(key=lambda v: -v.score)
        return out
