"""Text folding: a same-length, lower-case, accent-free copy of a text so that lexicon patterns written once match
every spelling, while match offsets still point into the original text (evidence stays verbatim)."""

from __future__ import annotations

import unicodedata

_SPECIAL = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "\u0060": "'", "\u2032": "'",
    "\u02bb": "'", "\u02be": "'", "\u02bf": "'",   # the ayn/hamza of transliterated Arabic ("Jamāʿat")
    "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u201e": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u200b": " ", "\ufeff": " ", "\u2060": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u0153": "o", "\u0152": "o", "\u00e6": "a", "\u00c6": "a", "\u00df": "s", "\u0131": "i", "\u0130": "i",
    "\u00f8": "o", "\u00d8": "o", "\u0111": "d", "\u0110": "d", "\u0142": "l", "\u0141": "l",
    "\u2026": ".",
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin letters with diacritics, including the transliteration ones of Latin Extended Additional ("nuṣrat")
    for code in list(range(0x20, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        if ch in _SPECIAL:
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        low = base.lower()
        if len(low) == 1 and low != ch:
            table[code] = low
    for ch, rep in _SPECIAL.items():
        table[ord(ch)] = rep
    # control characters become spaces (tabs and newlines are kept)
    for code in list(range(0, 9)) + [11, 12] + list(range(14, 32)) + [127]:
        table[code] = " "
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """Lower case, strip accents, unify apostrophes/quotes/dashes/spaces; the result has exactly len(text)."""
    return text.translate(_TABLE)


def fold_pattern(pattern: str) -> str:
    """Fold a lexicon pattern the same way as text, leaving backslash escapes alone, and let a space match any
    run of white space."""
    out: list[str] = []
    escape = False
    for ch in pattern:
        if escape:
            out.append(ch)
            escape = False
        elif ch == "\\":
            out.append(ch)
            escape = True
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(ch.translate(_TABLE))
    return "".join(out)


def alternation(patterns: list[str] | tuple[str, ...], *, fold_it: bool = True) -> str:
    """One non-capturing alternation, longest pattern first so that the longest alias wins.

    Patterns that start with a plain letter are grouped by that letter ("a(?:ttaque|rmee)"), so that the regex
    engine tries only the branch of the letter at hand: with hundreds of aliases this is many times faster."""
    parts = sorted({(fold_pattern(p) if fold_it else p) for p in patterns if p}, key=len, reverse=True)
    if not parts:
        return r"(?!x)x"
    buckets: dict[str, list[str]] = {}
    others: list[str] = []
    for part in parts:
        head, rest = part[0], part[1:]
        if head.isalpha() and head.islower() and not rest.startswith(("?", "*", "+", "{")):
            buckets.setdefault(head, []).append(rest)
        else:
            others.append(part)
    groups = list(others)
    for head, rests in buckets.items():
        rests.sort(key=len, reverse=True)
        if len(rests) == 1:
            groups.append(head + rests[0])
        else:
            groups.append(head + "(?:" + "|".join(rests) + ")")
    return "(?:" + "|".join(groups) + ")"
