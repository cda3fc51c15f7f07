"""Reading news sitemaps (Google News `news:` extension), plain sitemaps and sitemap indexes.

lxml parses with entities and network access off, so a hostile sitemap cannot read files or expand entities. A
gzip-compressed sitemap (`sitemap.xml.gz` served as a file, not as Content-Encoding) is unpacked with a size cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from sahelwatch.crawl.entries import Entry, parse_datetime
from sahelwatch.textsafe import one_line

_NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
_GZIP_MAGIC = b"\x1f\x8b"


class SitemapTooLarge(Exception):
    """A compressed sitemap unpacks to more than the allowed size."""


@dataclass(frozen=True)
class Sitemap:
    """A sitemap's article entries, or the child sitemaps of an index, or the problem with it."""

    entries: list[Entry] = field(default_factory=list)
    children: list[tuple[str, datetime | None]] = field(default_factory=list)  # (loc, lastmod) of an index
    problem: str | None = None  # sitemap_malformed | sitemap_empty | feed_is_html
    detail: str | None = None


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *path: str) -> str | None:
    """Text of the first descendant along `path` of local names (namespaces ignored, as sites get them wrong)."""
    current = element
    for name in path:
        current = next((c for c in current if _local(c.tag) == name), None)
        if current is None:
            return None
    text = (current.text or "").strip()
    return text or None


def unpack(body: bytes, max_size: int) -> bytes:
    """The XML of a sitemap, gunzipped when it is a .gz file; never more than max_size bytes."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    from scrapy.utils.gz import gunzip

    try:
        return gunzip(body, max_size=max_size)
    except ValueError as exc:  # Scrapy's size-exceeded error is a ValueError
        raise SitemapTooLarge(f"gzip sitemap unpacks to more than {max_size} bytes") from exc
    except (OSError, EOFError):
        return b""  # corrupt gzip: parse_sitemap reports it as malformed


def parse_sitemap(body: bytes) -> Sitemap:
    """Entries of a urlset (dated by news:publication_date, else lastmod) or the children of a sitemapindex."""
    if body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return Sitemap(problem="feed_is_html", detail="an HTML page where a sitemap was expected")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        return Sitemap(problem="sitemap_malformed", detail=one_line(str(exc)))
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = [
            (loc, parse_datetime(_child_text(node, "lastmod")))
            for node in root
            if _local(node.tag) == "sitemap" and (loc := _child_text(node, "loc"))
        ]
        return Sitemap(children=children) if children else Sitemap(problem="sitemap_empty", detail="empty index")
    if kind != "urlset":
        return Sitemap(problem="sitemap_malformed", detail=f"root element <{kind}> is not urlset or sitemapindex")
    entries = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        news = next((c for c in node if c.tag == f"{{{_NEWS}}}news" or _local(c.tag) == "news"), None)
        published = None
        title = language = None
        if news is not None:
            published = parse_datetime(_child_text(news, "publication_date"))
            title = _child_text(news, "title")
            language = _child_text(news, "publication", "language")
        if published is None:
            published = parse_datetime(_child_text(node, "lastmod"))
        entries.append(Entry(link=_child_text(node, "loc"), title=title, published=published, language=language))
    if not entries:
        return Sitemap(problem="sitemap_empty", detail="urlset without <url> entries")
    return Sitemap(entries=entries)
