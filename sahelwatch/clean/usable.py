"""Whether a cleaned report can go on to extraction, and if not, why.

Unusable reports keep their staging row with the reason, so a source that only yields error pages or index pages
shows up in the figures instead of disappearing silently.
"""

from __future__ import annotations

from sahelwatch.clean.language import SUPPORTED
from sahelwatch.clean.rules import matches_any, rules

MIN_WORDS = 40


def unusable_reason(text: str, title: str, language: str, url: str, http_status: int) -> str | None:
    """The first reason the report cannot be used, or None when it can."""
    if http_status >= 400:
        return f"http status {http_status}"
    if matches_any(rules().non_article_url, url):
        return "not an article page"
    if matches_any(rules().non_article_title, title):
        return "error, challenge or paywall page"
    if not text.strip():
        return "no text"
    if len(text.split()) < MIN_WORDS:
        return f"text shorter than {MIN_WORDS} words"
    if language not in SUPPORTED:
        return f"language {language!r} not supported"
    return None
