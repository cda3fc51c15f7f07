"""Pull the text and metadata out of an article page.

trafilatura finds the main text; the publication date is read only from explicit page metadata here, because a
guessed date (from the URL or the body) is less trustworthy and cleaning ranks the sources of dates itself.

The page is parsed once: the meta tags, the JSON-LD and trafilatura all read the same lxml tree (trafilatura works
on its own copy). Extraction is the costliest part of a crawl (benchmarks/README.md, Crawl), and most of that cost
was trafilatura's fallback (readability and justext, compared with its own result). The fallback only changes the
result when the main extractor found little, so it runs only then: see `main_text`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

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
_AUTHOR_XPATHS = ("//meta[@name='author']/@content",)
_LANGUAGE_XPATHS = ("/html/@lang",)
_JSON_LD_XPATH = "//script[@type='application/ld+json']/text()"
MAX_HTML_CHARS = 3_000_000  # trafilatura's tree walk grows with page size; larger pages are cut, not parsed whole
# Below this many characters of main text, trafilatura's fallback extractors are asked too. On the replica's pages
# and the benchmark's, a main text of this length or more was the same with and without them; under it (empty
# pages, teasers, captions mistaken for the body) they are what finds the article.
FULL_CASCADE_BELOW = 1000


@dataclass(frozen=True)
class PageMetadata:
    title: str | None
    published: str | None
    author: str | None
    language: str | None
    text: str | None


def _compiled(xpaths: tuple[str, ...]) -> tuple[etree.XPath, ...]:
    """Plain strings out (not lxml's "smart" ones that keep the tree alive), so results pickle small."""
    return tuple(etree.XPath(xpath, smart_strings=False) for xpath in xpaths)


_DATES, _TITLES, _AUTHORS, _LANGUAGES = map(_compiled, (_DATE_XPATHS, _TITLE_XPATHS, _AUTHOR_XPATHS, _LANGUAGE_XPATHS))
(_JSON_LD,) = _compiled((_JSON_LD_XPATH,))


def _first(tree: HtmlElement, xpaths: tuple[etree.XPath, ...]) -> str | None:
    """The first match of the first expression whose first match is not blank."""
    for xpath in xpaths:
        values = xpath(tree)
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return None


def _json_ld(tree: HtmlElement) -> dict[str, Any]:
    """The first schema.org article object in the page's JSON-LD (WordPress/Yoast and most CMSs write one)."""
    for script in _JSON_LD(tree):
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


def _extract(tree: HtmlElement, url: str, *, fast: bool) -> str | None:
    return trafilatura.extract(
        tree, url=url, include_comments=False, include_tables=False, favor_precision=True, fast=fast
    )


def main_text(tree: HtmlElement, url: str) -> str | None:
    """trafilatura's main extractor alone, then its whole cascade if that found less than FULL_CASCADE_BELOW.

    The cascade (readability and justext, compared with the main extractor's result) cost more than half of the
    extraction time per page, and replaced the main result only on pages where it found little.
    """
    text = _extract(tree, url, fast=True)
    if text is None or len(text) < FULL_CASCADE_BELOW:
        text = _extract(tree, url, fast=False)
    return text


def page_metadata(html: str, url: str) -> PageMetadata:
    """Read what the page states about itself (meta tags, then JSON-LD), and its main text."""
    tree = trafilatura.load_html(html[:MAX_HTML_CHARS])
    if tree is None:
        return PageMetadata(None, None, None, None, None)
    text = main_text(tree, url)
    author = _first(tree, _AUTHORS)
    published = _first(tree, _DATES)
    ld: dict[str, Any] = {}
    if published is None or not author:
        ld = _json_ld(tree)
    ld_date = ld.get("datePublished")
    return PageMetadata(
        title=_first(tree, _TITLES),
        published=published or (str(ld_date).strip() if isinstance(ld_date, str) and ld_date.strip() else None),
        author=author or _ld_author(ld),
        language=_first(tree, _LANGUAGES),
        text=text,
    )
