"""What `--country` and `--event-type` accept, so a misspelt filter is refused instead of exporting nothing.

Values are compared case-, accent-, space- and punctuation-blind (sahelwatch.text.key and compact: "cote d
ivoire" = "Côte d'Ivoire", "guinea bissau" = "Guinea-Bissau"). Nothing here is a new list:

- countries are the rows of marts.countries (the warehouse's coded countries: name and ISO alpha-3), so a value
  may be a name or a code; the names by which news name a country are aliases: the actor lexicon's (seeds/lexicons/
  actors.yaml, `countries.*.names`: "burkina", "tchad", "ivory coast") and the places lexicon's other countries
  (sahelwatch.places.lexicon.FOREIGN_COUNTRIES: "Sénégal", "Cameroun"). "Burkina" is accepted for Burkina Faso:
  news write it so and no other country shares it. A country resolves to every marts.countries spelling of its
  ISO code, so "Ivory Coast" also selects incidents stored as "Côte d'Ivoire";
- event types are ACLED's (sahelwatch.fuse.match.EVENT_TYPES, the values marts.incidents allows), by full name:
  "Battle" is refused, with "Battles" suggested.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import psycopg

from sahelwatch.extract.lexicon import load
from sahelwatch.fuse.match import EVENT_TYPES
from sahelwatch.places.lexicon import FOREIGN_COUNTRIES
from sahelwatch.text import compact, key

SUGGESTION_CUTOFF = 0.75  # how close (difflib ratio) a valid value must be to be offered as "did you mean"


def _key(value: str) -> str:
    return compact(key(value))


class UnknownValue(ValueError):
    """A filter value that names nothing the warehouse can hold; the message lists what would work."""

    def __init__(self, option: str, value: str, valid: Sequence[str], hint: str = "") -> None:
        guess = difflib.get_close_matches(_key(value), [_key(v) for v in valid], n=1, cutoff=SUGGESTION_CUTOFF)
        suggestion = next((f" (did you mean {v!r}?)" for v in valid if guess and _key(v) == guess[0]), "")
        super().__init__(f"unknown {option} value {value!r}{suggestion}; give one of: {', '.join(valid)}{hint}")
        self.option, self.value, self.valid = option, value, tuple(valid)


def event_types(values: Iterable[str]) -> tuple[str, ...]:
    """ACLED's spelling of each value ("battles" -> "Battles"); UnknownValue for anything else."""
    known = {_key(name): name for name in EVENT_TYPES}
    resolved = []
    for value in values:
        if _key(value) not in known:
            raise UnknownValue("--event-type", value, EVENT_TYPES)
        resolved.append(known[_key(value)])
    return tuple(dict.fromkeys(resolved))


def country_aliases() -> dict[str, str]:
    """key of a way news name a country -> the country's name in that list (English)."""
    aliases = {compact(name): country for name, country in FOREIGN_COUNTRIES.items()}
    for country, info in (load("actors").get("countries") or {}).items():
        aliases.update((_key(name), country) for name in [country, *((info or {}).get("names") or [])])
    return aliases


def warehouse_countries(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """(name, ISO alpha-3) of every country the warehouse codes (marts.countries, readable by analysts)."""
    return conn.execute("select country, iso3 from marts.countries order by country").fetchall()


def _listing(known: Sequence[tuple[str, str]]) -> list[str]:
    """One entry per ISO code, its other spellings in brackets: "Ivory Coast (Côte d'Ivoire)"."""
    names: dict[str, list[str]] = {}
    for name, iso3 in known:
        names.setdefault(iso3, []).append(name)
    return sorted(
        f"{spellings[0]} ({', '.join(spellings[1:])})" if len(spellings) > 1 else spellings[0]
        for spellings in names.values()
    )


def countries(values: Iterable[str], known: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Every marts.countries name of the countries the values name (names, ISO alpha-3 codes or aliases, see the
    module docstring); UnknownValue for a value that names none of them."""
    codes = {_key(name): iso3 for name, iso3 in known} | {_key(iso3): iso3 for _, iso3 in known}
    for alias, name in country_aliases().items():
        if _key(name) in codes:
            codes.setdefault(alias, codes[_key(name)])
    wanted = []
    for value in values:
        if _key(value) not in codes:
            raise UnknownValue(
                "--country",
                value,
                _listing(known),
                " (or an ISO alpha-3 code such as MLI, or a name news use such as Burkina)",
            )
        wanted.append(codes[_key(value)])
    return tuple(dict.fromkeys(name for code in wanted for name, iso3 in known if iso3 == code))
