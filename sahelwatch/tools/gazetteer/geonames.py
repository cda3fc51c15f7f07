"""Reading GeoNames country dumps and cleaning their alternate names (build side only).

GeoNames alternate names mix every language and script: Arabic, Chinese pinyin in
lower case, Lithuanian declensions ("Doris" for Dori), airport codes.  News in the
Sahel is written in French and English, so only Latin-script names that look like
proper nouns are kept; the rest would only produce false matches in running text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from sahelwatch.places.text import strip_admin_words
from sahelwatch.text import key

COUNTRIES = {"ML": "Mali", "BF": "Burkina Faso", "NE": "Niger", "MR": "Mauritania"}
#: Neighbours whose places come from GeoNames cities500 (see neighbours.py), not from a country dump.
NEIGHBOURS = {"NG": "Nigeria", "TD": "Chad", "TG": "Togo", "BJ": "Benin"}
ALL_COUNTRIES = {**COUNTRIES, **NEIGHBOURS}

#: Feature codes kept as "town" rows: populated places, localities, camps,
#: airports and military sites, i.e. what incident reports name.  Natural
#: features (wadis, dunes, hills), wells and ruins are left out: they are
#: numerous, rarely the place of an incident, and often share a village's name.
TOWN_CODES = frozenset(
    {
        "PPL",
        "PPLA",
        "PPLA2",
        "PPLA3",
        "PPLA4",
        "PPLC",
        "PPLX",
        "PPLL",
        "PPLQ",
        "PPLW",
        "PPLH",
        "PPLS",
        "PPLF",
        "PPLR",
        "STLMT",
        "LCTY",
        "OAS",
        "CMP",
        "CMPMN",
        "CMPRF",
        "MLTY",
        "INSM",
        "FT",
        "PS",
        "CSTM",
        "AIRP",
        "AIRF",
        "AIRB",
    }
)

# French diacritics are kept; a name using other diacritics (ŝ, ą, ñ, ā, ...) is a
# translation or a scholarly transliteration that no Sahel outlet prints.
_FRENCH_NON_ASCII = frozenset("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ")
_ALLOWED_PUNCT = frozenset(" -'’.")
_JUNK_WORDS = frozenset(
    """gorad horad regione regiunea region región regio regiono regió vilaja bolgesi bölgesi boelgesi
    piiri circondario eparchia prowincja provincia província provinz departamento eskualdea regija
    oblast shaary nutome number cercle cecle department departement département province wilaya wilayat
    district arrondissement airport aéroport aeroport international voblasc rexion""".split()
)
#: Admin alternates this unlike the name are translations ("Iztochen" for Est), not spellings.
ADMIN_MIN_SIMILARITY = 0.6
_ORDINALS = re.compile(
    r"^(?:[IVX]+|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"premi[eè]re?|deuxi[eè]me|troisi[eè]me|quatri[eè]me|cinqui[eè]me|sixi[eè]me|septi[eè]me|"
    r"huiti[eè]me|neuvi[eè]me|dixi[eè]me|onzi[eè]me|douzi[eè]me)\b",
    re.IGNORECASE,
)
_DECLENSIONS = ("s", "as", "is", "us", "os", "o", "io", "a", "u", "e")


@dataclass(frozen=True)
class GeoRow:
    """One line of a GeoNames dump, with only the columns the gazetteer uses."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    latitude: str
    longitude: str
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int


def read_dump(path: Path) -> Iterator[GeoRow]:
    """Yield the rows of one GeoNames country file (tab-separated, 19 columns)."""
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                continue
            yield GeoRow(
                geonameid=int(cols[0]),
                name=cols[1].strip(),
                asciiname=cols[2].strip(),
                alternatenames=tuple(a.strip() for a in cols[3].split(",") if a.strip()),
                latitude=cols[4],
                longitude=cols[5],
                feature_class=cols[6],
                feature_code=cols[7],
                country_code=cols[8],
                admin1_code=cols[10],
                admin2_code=cols[11],
                population=int(cols[14] or 0),
            )


def _latin_proper_noun(name: str) -> bool:
    """True for a name written in French-compatible Latin script and capitalised."""
    if len(name) < 2 or any(ch.isdigit() for ch in name):
        return False
    for ch in name:
        if ch.isalpha():
            if ch.isascii() or ch in _FRENCH_NON_ASCII:
                continue
            return False
        if ch not in _ALLOWED_PUNCT:
            return False
    first = next((ch for ch in name if ch.isalpha()), "")
    if not first.isupper():
        return False  # pinyin and transliterations ("ba ma ke", "mwpty") come in lower case
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) <= 5 and all(ch.isupper() for ch in letters):
        return False  # IATA/ICAO codes: "BKO", "GAQ"
    return True


def _is_junk(name: str) -> bool:
    words = {w.casefold() for w in re.split(r"[\s\-'’]+", name) if w}
    return bool(words & _JUNK_WORDS) or bool(_ORDINALS.match(name))


def _declension_of(candidate: str, bases: Iterable[str]) -> bool:
    """True when *candidate* is a foreign declension of a base name ("doris" of "dori")."""
    for base in bases:
        if len(base) < 3 or candidate == base:
            continue
        for ending in _DECLENSIONS:
            if candidate == base + ending or candidate == base[:-1] + ending:
                return True
    return False


def clean_alternates(name: str, asciiname: str, alternates: Iterable[str], admin: bool = False) -> list[str]:
    """Latin-script, deduplicated alternate names of a row, sorted, excluding the name itself.

    For admin rows the French/English wrappers are stripped first, so "Région de Ségou"
    becomes "Ségou" and merges with the name, and names unlike the main one (translations
    such as "Iztochen" for Est) are dropped: curated aliases cover the ones news use.  Two
    spellings that differ only by accents, case or hyphens share a lookup key and only the
    first (sorted) is kept.
    """
    main = strip_admin_words(name) if admin else name
    seen = {key(main), key(strip_admin_words(asciiname) if admin else asciiname)}
    bases = set(seen)
    kept: list[str] = []
    for alt in sorted(set(alternates), key=lambda s: (s.casefold(), s)):
        alt = " ".join(alt.split())
        if admin:
            alt = strip_admin_words(alt)
        if not _latin_proper_noun(alt) or _is_junk(alt):
            continue
        alt_key = key(alt)
        if not alt_key or alt_key in seen:
            continue
        if _declension_of(alt_key, bases):
            continue
        if admin and SequenceMatcher(None, alt_key, key(main)).ratio() < ADMIN_MIN_SIMILARITY:
            continue
        seen.add(alt_key)
        kept.append(unicodedata.normalize("NFC", alt))
    return kept
