"""Pull the text and metadata out of an article page.

trafilatura finds the main text; the publication date is read only from explicit page metadata here, because a
guessed date (from the URL or the body) is less trustworthy and cleaning ranks the sources of dates itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from parsel import Selector

_DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@property='og:article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='date']/@content",
    "//meta[@name='DC.date.issued']/@content",
    "//meta[@name='dc.date']/@content",
    "//time[@itemprop='datePublished']/@datetime",
    "//article//time/@datetime",
)
_TITLE_XPATHS = ("//meta[@property='og:title']/@content", "//h1[1]//text()", "//title/text()")
MAX_HTML_CHARS = 3_000_000  # trafilatura's tree walk grows with page size; larger pages are cut, not parsed whole


@dataclass(frozen=True)
class PageMetadata:
    title: str | None
    published: str | None
    author: str | None
    language: str | None
    text: str | None


def _first(selector: Selector, xpaths: tuple[str, ...]) -> str | None:
    for xpath in xpaths:
        value = selector.xpath(xpath).get()
        if value and value.strip():
            return value.strip()
    return None


def page_metadata(html: str, url: str) -> PageMetadata:
    """Read what the page states about itself, and its main text."""
    html = html[:MAX_HTML_CHARS]
    selector = Selector(text=html)
    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False, favor_precision=True)
    author = selector.xpath("//meta[@name='author']/@content").get()
    language = selector.xpath("/html/@lang").get()
    return PageMetadata(
        title=_first(selector, _TITLE_XPATHS),
        published=_first(selector, _DATE_XPATHS),
        author=author.strip() if author else None,
        language=language.strip() if language else None,
        text=text,
    )
