"""Normalise article text and remove the boilerplate that sites wrap around it.

Syndicated copies differ mostly in this wrapping (share prompts, "Lire aussi", comment forms), so removing it is
what lets an exact content hash recognise them. The patterns are data, in seeds/boilerplate.yaml.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import yaml

from sahelwatch.config import SEEDS_DIR

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_WORD = re.compile(r"\w+", re.UNICODE)
_TITLE_SUFFIX = re.compile(r"\s+[-–—|•]\s+([^-–—|•]{2,60})$")
_NAME_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "l'", "d'", "et", "the", "of", "and", "&"})


@dataclass(frozen=True)
class Boilerplate:
    cut_from: tuple[re.Pattern[str], ...]
    drop_line: tuple[re.Pattern[str], ...]


@functools.cache
def boilerplate() -> Boilerplate:
    rules = yaml.safe_load((SEEDS_DIR / "boilerplate.yaml").read_text(encoding="utf-8"))

    def compiled(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(pattern, re.IGNORECASE) for pattern in rules.get(key, []))

    return Boilerplate(compiled("cut_from"), compiled("drop_line"))


def normalise(text: str) -> str:
    """NFC, no control characters, one space between words, no blank runs."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate lines and everything from a comment form on."""
    rules = boilerplate()
    kept: list[str] = []
    for line in normalise(text).split("\n"):
        if any(pattern.search(line) for pattern in rules.cut_from):
            break
        if any(pattern.search(line) for pattern in rules.drop_line):
            continue
        kept.append(line)
    return "\n".join(kept)


def _is_site_name(words: list[str]) -> bool:
    """A site name reads like a proper name ("Échos du Delta") or a domain ("lefaso.net"), not like a clause."""
    if not 1 <= len(words) <= 5:
        return False
    if len(words) == 1 and "." in words[0]:
        return True
    return all(word[:1].isupper() or word.casefold() in _NAME_PARTICLES for word in words)


def clean_title(title: str) -> str:
    """Title without the site name that sites append after a dash or a bar."""
    title = normalise(title).replace("\n", " ")
    match = _TITLE_SUFFIX.search(title)
    if match and len(title[: match.start()]) >= 15 and _is_site_name(match.group(1).split()):
        return title[: match.start()]
    return title


def content_hash(text: str) -> str:
    """Hash of the words only (case- and punctuation-blind), for exact-copy detection."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
