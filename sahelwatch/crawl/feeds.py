"""Reading feeds (RSS 2.0, Atom, RSS 1.0/RDF) with feedparser, and finding a feed on an HTML page.

Pure functions of bytes: no Scrapy, no network, so every broken feed seen in the wild can be a unit test.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from parsel import Selector

from sahelwatch.crawl.entries import Entry
from sahelwatch.textsafe import one_line

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/xml",
    "text/xml",
)
_PROLOGUE = rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<\?xml-stylesheet[^>]*>\s*)?(?:<!--.*?-->\s*)*"
_HTML_START = re.compile(_PROLOGUE + rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_FEED_START = re.compile(_PROLOGUE + rb"<(?:rss|feed|rdf:rdf|channel)\b", re.IGNORECASE | re.DOTALL)
# feedparser flags these but still reads the feed correctly: not worth a warning.
_HARMLESS_BOZO = ("CharacterEncodingOverride", "NonXMLContentType")


@dataclass(frozen=True)
class FeedResult:
    """What a feed body gave: entries, or the problem that kept it from giving any."""

    entries: list[Entry]
    problem: str | None = None  # feed_is_html | feed_malformed | feed_empty
    detail: str | None = None
    warnings: list[str] = field(default_factory=list)  # feed_malformed_recovered | feed_charset
    language: str | None = None


def looks_like_html(body: bytes, content_type: str | None) -> bool:
    """An HTML page, whatever the URL promised: by how it starts, else by its Content-Type.

    A real feed mislabelled text/html (a common server misconfiguration) is still read as a feed.
    """
    head = body[:4096]
    if _HTML_START.match(head):
        return True
    if _FEED_START.match(head):
        return False
    if not content_type:
        return False
    return content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Absolute URLs of the feeds a page advertises with <link rel="alternate" type="...">, in page order."""
    selector = Selector(text=html)
    found: list[str] = []
    for link in selector.xpath("//link[@href]"):
        rel = (link.attrib.get("rel") or "").lower().split()
        kind = (link.attrib.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rel and kind in FEED_TYPES[:4]:
            href = urljoin(base_url, link.attrib["href"].strip())
            if href.startswith(("http://", "https://")) and href not in found:
                found.append(href)
    return found


def _date(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError):
        return None


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value else None


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> FeedResult:
    """Entries of a feed body; links are made absolute against the feed URL."""
    if looks_like_html(body, content_type):
        return FeedResult([], "feed_is_html", f"{content_type or 'no Content-Type'}, starts {body[:60]!r}")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=False)
    bozo = parsed.get("bozo_exception")
    bozo_name = type(bozo).__name__ if bozo else ""
    language = _text(parsed.feed.get("language"))
    if not parsed.entries:
        if bozo and bozo_name not in _HARMLESS_BOZO:
            return FeedResult([], "feed_malformed", one_line(f"{bozo_name}: {bozo}"))
        if not parsed.get("version"):
            return FeedResult([], "feed_malformed", "not a feed (no RSS, Atom or RDF root element)")
        return FeedResult([], "feed_empty", f"{parsed.version} feed without entries", language=language)
    warnings = []
    if bozo and bozo_name == "CharacterEncodingOverride":
        warnings.append("feed_charset")
    elif bozo and bozo_name not in _HARMLESS_BOZO:
        warnings.append("feed_malformed_recovered")
    entries = []
    for entry in parsed.entries:
        link = _text(entry.get("link"))
        entries.append(
            Entry(
                link=urljoin(url, link) if link else None,
                title=_text(entry.get("title")),
                summary=_text(entry.get("summary")),
                published=_date(entry),
                author=_text(entry.get("author")),
                language=language,
            )
        )
    detail = one_line(f"{bozo_name}: {bozo}") if warnings else None
    return FeedResult(entries, None, detail, warnings, language)
