"""The large replica's words: news.yaml and incidents.yaml next to this module (their comments say why each list is
as it is), read once at import. Number words come from extraction's own lexicon (seeds/lexicons/numbers.yaml), so
that the replica spells numbers as extraction reads them.

A pair is (French, English): index it with a language's side, 0 for French and 1 for English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sahelwatch.extract.lexicon import load as load_lexicon

HERE = Path(__file__).resolve().parent

Pair = tuple[str, str]
Words = tuple[str, ...]


def _read(name: str) -> dict[str, Any]:
    with (HERE / f"{name}.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def _pair(words: list[str]) -> Pair:
    french, english = words
    return french, english


def _pairs(rows: list[list[str]]) -> tuple[Pair, ...]:
    return tuple(_pair(row) for row in rows)


def _lists(node: dict[str, list[str]]) -> dict[str, Words]:
    return {name: tuple(words) for name, words in node.items()}


def _gendered(word: str) -> Pair:
    """(masculine, feminine) from "régional/régionale", or one form for both ("agricole")."""
    return _pair(word.split("/")) if "/" in word else (word, word)


def _number_words(low: int, high: int) -> dict[int, Pair]:
    """low..high spelled out, from numbers.yaml, which lists a value's French form first and its English form last
    ("six" is both)."""
    units = load_lexicon("numbers")["units"]
    return {n: (units[n][0], units[n][-1]) for n in range(low, high + 1)}


_NEWS = _read("news")
_INCIDENTS = _read("incidents")

FIRST: Words = tuple(_NEWS["first"])
LAST: Words = tuple(_NEWS["last"])
TOPICS = _lists(_NEWS["topics"])

NOUNS_FR = _lists(_NEWS["fr"]["nouns"])  # by gender, m and f
ADJECTIVES_FR = tuple(_gendered(word) for word in _NEWS["fr"]["adjectives"])
VERBS_FR: Words = tuple(f"a {participle}" for participle in _NEWS["fr"]["participles"])
AGENTS_FR: Words = tuple(_NEWS["fr"]["agents"])
PHRASES_FR = _lists(_NEWS["fr_phrases"])

NOUNS_EN: Words = tuple(_NEWS["en"]["nouns"])
ADJECTIVES_EN: Words = tuple(_NEWS["en"]["adjectives"])
VERBS_EN: Words = tuple(_NEWS["en"]["participles"])
AGENTS_EN: Words = tuple(_NEWS["en"]["agents"])
PHRASES_EN = _lists(_NEWS["en_phrases"])

MONTHS: dict[int, Pair] = dict(enumerate(_pairs(_NEWS["months"]), start=1))
COUNTRY_ADJECTIVES: dict[str, Pair] = {country: _pair(words) for country, words in _NEWS["country_adjectives"].items()}
OUTLET_WORDS: tuple[Words, Words] = (tuple(_NEWS["outlet_words"]["fr"]), tuple(_NEWS["outlet_words"]["en"]))
CREDITS = _pairs(_NEWS["credits"])
BOILERPLATE = _pairs(_NEWS["boilerplate"])
COPY_LABELS = _pairs(_NEWS["copy_labels"])

ACTORS = _pairs(_INCIDENTS["actors"])
WHEN: dict[int, tuple[Pair, ...]] = {days: _pairs(rows) for days, rows in _INCIDENTS["when"].items()}
LEADS: dict[str, tuple[Pair, ...]] = {kind: _pairs(rows) for kind, rows in _INCIDENTS["leads"].items()}
TITLES: dict[str, Pair] = {kind: _pair(words) for kind, words in _INCIDENTS["titles"].items()}
WITNESSES = _pairs(_INCIDENTS["witnesses"])
AFTERMATH = _pairs(_INCIDENTS["aftermath"])
OPENINGS = _pairs(_INCIDENTS["openings"])
ROLES = _pairs(_INCIDENTS["roles"])

NUMBER_WORDS = _number_words(2, 12)  # casualty figures a lead may spell out
