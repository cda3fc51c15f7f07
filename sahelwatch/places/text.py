"""How names are cut out of text and stripped of their admin words, for the gazetteer build and the runtime lookups.

The key of a name itself ("Fada N'Gourma" -> "fada ngourma") is `sahelwatch.text.key`, shared by every module.
"""

from __future__ import annotations

import re

from sahelwatch.text import APOSTROPHES, HYPHENS


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
    """ "Région de Mopti" -> "Mopti", "Province du Séno" -> "Séno", "Kidal Region" -> "Kidal"."""
    name = " ".join(name.split())
    stripped = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip(" -’'")
    stripped = _ARTICLE.sub("", stripped)
    return stripped or name
