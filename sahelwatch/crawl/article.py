"""Pull the text and metadata out of an article page.

trafilatura finds the main text; the publication date is read only from explicit page metadata here, because a
guessed date (from the URL or the body) is less trustworthy and cleaning ranks the sources of dates itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

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


def _json_ld(selector: Selector) -> dict[str, Any]:
    """The first schema.org article object in the page's JSON-LD (WordPress/Yoast and most CMSs write one)."""
    for script in selector.xpath("//script[@type='application/ld+json']/text()").getall():
        try:
            document = json.loads(script)
        except ValueError:
            continue
        stack = [document]
        while stack:
            node = stack.pop(0)
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                kinds = node.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(str(k).endswith(("Article", "NewsArticle", "Report", "BlogPosting")) for k in kinds):
                    return node
                stack.extend(node.get("@graph", []) if isinstance(node.get("@graph"), list) else [])
    return {}


def _ld_author(article: dict[str, Any]) -> str | None:
    author = article.get("author")
    authors = author if isinstance(author, list) else [author]
    names = [a.get("name") if isinstance(a, dict) else a for a in authors]
    return ", ".join(str(n).strip() for n in names if n and str(n).strip()) or None


def page_metadata(html: str, url: str, *, fast: bool = False) -> PageMetadata:
    """Read what the page states about itself (meta tags, then JSON-LD), and its main text.

    `fast` skips trafilatura's fallback extractors (readability, justext): about 40 % less time per page in
    benchmarks/crawl_benchmark.py, the same text on the replica's pages, but less robust on unusual layouts.
    """
    html = html[:MAX_HTML_CHARS]
    selector = Selector(text=html)
    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False, favor_precision=True,
                               fast=fast)
    author = selector.xpath("//meta[@name='author']/@content").get()
    language = selector.xpath("/html/@lang").get()
    published = _first(selector, _DATE_XPATHS)
    ld: dict[str, Any] = {}
    if published is None or not author:
        ld = _json_ld(selector)
    ld_date = ld.get("datePublished")
    return PageMetadata(
        title=_first(selector, _TITLE_XPATHS),
        published=published or (str(ld_date).strip() if isinstance(ld_date, str) and ld_date.strip() else None),
        author=author.strip() if author and author.strip() else _ld_author(ld),
        language=language.strip() if language else None,
        text=text,
    )
