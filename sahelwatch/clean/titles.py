"""Headlines without the site name that pages append (or prepend) to them.

Republishers change the site name, so leaving it in would make the same headline look different; cutting a real
part of a headline would be worse, hence the checks that the cut part is the source's own name or reads like one.
"""

from __future__ import annotations

import re

from sahelwatch.clean.text import normalise
from sahelwatch.text import word_key

_SUFFIX = re.compile(r"\s+[-–—|•]{1,2}\s+([^-–—|•]{2,60})$")
_DOMAIN_PREFIX = re.compile(
    r"^([\w-]+\.(net|com|org|info|ml|bf|ne|td|mr|sn|africa|fr|news))\s*[-–—|•:]{1,2}\s+", re.IGNORECASE
)
_NAME_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "l'", "d'", "et", "the", "of", "and", "&", "en"})
MIN_HEADLINE = 15


def _is_source_name(suffix: str, source_id: str | None) -> bool:
    """ "Studio Tamani" for source studiotamani, "Lefaso.net" for lefaso: the registry id is the name compacted."""
    if not source_id:
        return False
    name, source = word_key(suffix), word_key(source_id)
    return len(name) >= 3 and (name in source or source in name)


def _is_site_name(words: list[str]) -> bool:
    """A site name reads like a short proper name ("Échos du Delta") or a domain ("lefaso.net"), not a clause."""
    if not 1 <= len(words) <= 4:
        return False
    if len(words) == 1 and "." in words[0]:
        return True
    return all(word[:1].isupper() or word[:1].isdigit() or word.casefold() in _NAME_PARTICLES for word in words)


def _strip_suffix(title: str, source_id: str | None) -> str:
    match = _SUFFIX.search(title)
    if not match or len(title[: match.start()]) < MIN_HEADLINE:
        return title
    suffix = match.group(1)
    if _is_source_name(suffix, source_id) or _is_site_name(suffix.split()):
        return title[: match.start()]
    return title


def clean_title(title: str, source_id: str | None = None) -> str:
    """Title without site-name suffixes ("… – Échos du Delta", "… | Lefaso.net") or a domain prefix."""
    title = normalise(title).replace("\n", " ")
    for _ in range(2):  # "Headline – Outlet – Slogan": at most two trailing parts
        shorter = _strip_suffix(title, source_id)
        if shorter == title:
            break
        title = shorter
    prefix = _DOMAIN_PREFIX.match(title)
    if prefix and len(title) - prefix.end() >= MIN_HEADLINE:
        title = title[prefix.end() :]
    return title
