"""Name normalisation shared by the gazetteer build and the runtime lookups.

Both sides must turn "Fada N'Gourma", "Fada-N'gourma" and "FADA NGOURMA" into the
same key, otherwise a name written one way in GeoNames and another way in a news
article never meets.  Keeping the one function here guarantees that.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose but that news and GeoNames spell with plain letters.
_SPECIAL = str.maketrans(
    {
        "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o",
        "ɛ": "e", "Ɛ": "e", "ɔ": "o", "Ɔ": "o", "ɲ": "ny", "Ɲ": "ny", "ŋ": "ng", "Ŋ": "ng",
        "ı": "i", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th",
    }
)

#: A token is a run of letters; digits and punctuation separate tokens.
TOKEN_RE = re.compile(r"[^\W\d_]+")

APOSTROPHES = frozenset("'’‘`´ʼ")
HYPHENS = frozenset("-‐‑–")


def fold(text: str) -> str:
    """Lower-case, accent-free form of *text* (keeps punctuation)."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().translate(_SPECIAL)


def joiner(gap: str) -> str | None:
    """How two neighbouring tokens join inside one name, or None if *gap* breaks a name.

    Returns "" for an apostrophe (N'Gourma -> ngourma), " " for a space or a hyphen.
    Commas, full stops, brackets and line breaks end a name.
    """
    if gap == " " or gap == "\u00a0":
        return " "
    if len(gap) == 1 and gap in HYPHENS:
        return " "
    if len(gap) == 1 and gap in APOSTROPHES:
        return ""
    if gap.strip(" ") in {"-", "–"} and "\n" not in gap and len(gap) <= 3:
        return " "
    return None


def key(name: str) -> str:
    """Lookup key of a name: folded tokens joined by spaces, apostrophes glued.

    >>> key("Fada N'Gourma") == key("fada-ngourma") == "fada ngourma"
    True
    """
    out: list[str] = []
    last_end: int | None = None
    for match in TOKEN_RE.finditer(name):
        token = fold(match.group())
        if last_end is not None:
            gap = name[last_end:match.start()]
            out.append("" if gap and all(ch in APOSTROPHES for ch in gap) else " ")
        out.append(token)
        last_end = match.end()
    return "".join(out)


def compact(name_key: str) -> str:
    """Key with spaces removed, to match "Tinzaouatene" against "Ti-n-Zaouâtene"."""
    return name_key.replace(" ", "")


# Words that wrap an administrative name in GeoNames and in French/English prose.
_ADMIN_PREFIX = re.compile(
    r"^(?:(?:la|le|les)\s+)?"
    r"(?:provincedel|cercled|(?:r[ée]gion|province|cercle|d[ée]partement|department|wilaya[ht]?|"
    r"district|arrondissement|commune|pr[ée]fecture|moughataa|moughataâ|circle)\b)"
    r"(?:\s+(?:de\s+la|de\s+l['’]\s*|du|des|de|d['’]\s*|of(?:\s+the)?|l['’]\s*|la|le|les|at|al)\b)?"
    r"\s*(?:d['’]\s*|l['’]\s*)?",
    re.IGNORECASE,
)
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:region|r[ée]gion|province|cercle|department|d[ée]partement|district|wilaya|prefecture)$",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:[Ll]es\s+|[Ll][ae]\s+|[Ll]['’]\s*)(?=[A-ZÀ-Ý])")


def strip_admin_words(name: str) -> str:
    """"Région de Mopti" -> "Mopti", "Province du Séno" -> "Séno", "Kidal Region" -> "Kidal"."""
    name = " ".join(name.split())
    stripped = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip(" -’'")
    stripped = _ARTICLE.sub("", stripped)
    return stripped or name


def is_capitalised(surface: str) -> bool:
    """True when the first letter of *surface* is upper case (news capitalise place names)."""
    for ch in surface:
        if ch.isalpha():
            return ch.isupper()
    return False
