"""Normalise article text and remove the boilerplate that sites wrap around it.

Syndicated copies differ mostly in this wrapping (share prompts, "Lire aussi", bylines, comment forms), so removing
it is what lets an exact content hash recognise them and keeps near-duplicate scores high. The patterns are data,
in seeds/boilerplate.yaml (see sahelwatch.clean.rules).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from sahelwatch.clean.rules import matches_any, rules

# Invisible characters that survive HTML extraction: controls, zero-width and bidi marks, soft hyphens, BOM.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """NFC, no invisible characters, one space between words, one line per paragraph, no blank lines."""
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text))
    text = _INVISIBLE.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate lines, and everything from a comment form or a related-articles block on."""
    kept: list[str] = []
    for line in normalise(text).split("\n"):
        if matches_any(rules().cut_from, line):
            if kept:
                break
            continue
        if not matches_any(rules().drop_line, line):
            kept.append(line)
    return "\n".join(kept)


def _comparable(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def drop_title_lines(text: str, title: str) -> str:
    """Remove the lines that repeat the headline: extractors often copy it into the text (once or several times,
    sometimes under a breadcrumb), and a copy under a new headline must not differ from its original by it."""
    wanted = _comparable(title)
    if not wanted:
        return text
    return "\n".join(line for line in text.split("\n") if _comparable(line) != wanted)


def clean_text(text: str, title: str = "") -> str:
    """The article body as the later steps read it. Headline repeats are removed before the boilerplate, so that a
    comment prompt right under a repeated headline is still seen as coming after the text, not before it."""
    return strip_boilerplate(drop_title_lines(normalise(text), title))


def content_hash(text: str) -> str:
    """Hash of the words only (case- and punctuation-blind), for exact-copy detection."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
