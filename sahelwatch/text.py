"""The one place where text is folded: every comparison of names or words in sahelwatch goes through here.

Each function has one job, and no other module strips accents or case on its own, so that a name written one way
in GeoNames, another way in a news article and a third way in an export filter always meets:

- `fold`: lower case and accent-free, punctuation kept (the length may change: "Œ" -> "oe");
- `key`: the display-insensitive key of a name (case, accents, apostrophes, hyphens and spaces do not matter):
  "Fada N'Gourma", "fada-ngourma" and "FADA NGOURMA" all give "fada ngourma";
- `compact`: a key without spaces ("Tinzaouatene" ~ "Ti-n-Zaouâtene");
- `word_key`: a word of running text, case-, accent- and punctuation-blind with digits kept, as near-duplicate
  detection compares words and headline cleaning compares a site's name with its registry id;
- `distinct_names`: names without the repeats that differ only in spelling ("Ségou, SEGOU" -> "Ségou");
- `ascii_fold`: the plain ASCII spelling of a name, case kept ("Ségou" -> "Segou"), as ACLED writes admin areas;
- `fold_aligned`: extraction's fold, which keeps every character in place (exactly len(text)) so that a match
  found in the folded copy points at the same offsets in the original text and evidence stays verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters that NFKD does not decompose but that news and GeoNames spell with plain letters.
_SPECIAL = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ɛ": "e",
        "Ɛ": "e",
        "ɔ": "o",
        "Ɔ": "o",
        "ɲ": "ny",
        "Ɲ": "ny",
        "ŋ": "ng",
        "Ŋ": "ng",
        "ı": "i",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
    }
)

#: A token of a name is a run of letters; digits and punctuation separate tokens.
TOKEN_RE = re.compile(r"[^\W\d_]+")

APOSTROPHES = frozenset("'’‘`´ʼ")
HYPHENS = frozenset("-‐‑–")

_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower-case, accent-free form of *text* (keeps punctuation)."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().translate(_SPECIAL)


def key(name: str) -> str:
    """Lookup key of a name: folded letter tokens joined by spaces, apostrophes glued.

    >>> key("Fada N'Gourma") == key("fada-ngourma") == "fada ngourma"
    True
    """
    out: list[str] = []
    last_end: int | None = None
    for match in TOKEN_RE.finditer(name):
        token = fold(match.group())
        if last_end is not None:
            gap = name[last_end : match.start()]
            out.append("" if gap and all(ch in APOSTROPHES for ch in gap) else " ")
        out.append(token)
        last_end = match.end()
    return "".join(out)


def key_or_none(name: str | None) -> str | None:
    """`key` of a value that may be missing; None when there is no name or it holds no letters."""
    return key(name) or None if name else None


def compact(name_key: str) -> str:
    """Key with spaces removed, to match "Tinzaouatene" against "Ti-n-Zaouâtene"."""
    return name_key.replace(" ", "")


def word_key(token: str) -> str:
    """A word as near-duplicate detection compares it: folded, digits kept, punctuation dropped ("L’Armée," ->
    "larmee"); "" for a token with no letter or digit."""
    return _NOT_WORD.sub("", fold(token))


def distinct_names(names: Iterable[str | None]) -> list[str]:
    """The names in order, without the missing ones and without those whose `key` was already seen: a place shown
    as "Dioura, Ténenkou, Mopti, Mali" never repeats a level that carries the same name."""
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        if name and key(name) not in seen:
            seen.add(key(name))
            kept.append(name)
    return kept


def ascii_fold(text: str) -> str:
    """ASCII form of a name ("Ségou" -> "Segou"), the spelling ACLED uses for admin areas; case is kept."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if not unicodedata.combining(ch) and ord(ch) < 128) or text


_ALIGNED_SPECIAL = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "\u0060": "'",
    "\u2032": "'",
    "\u02bb": "'",
    "\u02be": "'",
    "\u02bf": "'",  # the ayn/hamza of transliterated Arabic ("Jamāʿat")
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u201e": '"',
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2007": " ",
    "\u200b": " ",
    "\ufeff": " ",
    "\u2060": " ",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u0153": "o",
    "\u0152": "o",
    "\u00e6": "a",
    "\u00c6": "a",
    "\u00df": "s",
    "\u0131": "i",
    "\u0130": "i",
    "\u00f8": "o",
    "\u00d8": "o",
    "\u0111": "d",
    "\u0110": "d",
    "\u0142": "l",
    "\u0141": "l",
    "\u2026": ".",
}


def _aligned_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin letters with diacritics, including the transliteration ones of Latin Extended Additional ("nuṣrat")
    for code in list(range(0x20, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        if ch in _ALIGNED_SPECIAL:
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        low = base.lower()
        if len(low) == 1 and low != ch:
            table[code] = low
    for ch, rep in _ALIGNED_SPECIAL.items():
        table[ord(ch)] = rep
    # control characters become spaces (tabs and newlines are kept)
    for code in list(range(0, 9)) + [11, 12] + list(range(14, 32)) + [127]:
        table[code] = " "
    return table


ALIGNED_TABLE = _aligned_table()


def fold_aligned(text: str) -> str:
    """Lower case, strip accents, unify apostrophes/quotes/dashes/spaces; the result has exactly len(text)."""
    return text.translate(ALIGNED_TABLE)
