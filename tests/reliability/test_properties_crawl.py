"""Property: the feed and sitemap parsers take any body. A well-formed feed or sitemap whose items are hostile (odd
text, bidi controls, absurd or unreadable dates, junk or missing links) gives every item, the good ones intact;
any body at all (cut, binary, illegal characters, deep nesting, entity tricks) gives entries or a problem with a
one-line detail, never an exception. 200 cases per property, pure functions of bytes."""

from __future__ import annotations

import gzip
from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st

from sahelwatch.crawl.feeds import parse_feed
from sahelwatch.crawl.sitemaps import SitemapTooLarge, parse_sitemap, unpack

from .properties import EXAMPLES, HOSTILE_TEXT, PROPERTY, ran, report

FEED_URL = "https://outlet.example/feed/"
PROBLEMS = {"feed_is_html", "feed_malformed", "feed_empty", "sitemap_malformed", "sitemap_empty"}
GOOD_DATE = "Mon, 02 Jun 2025 08:00:00 GMT"
GOOD_LASTMOD = "2025-06-02T08:00:00+00:00"


def _xml_legal(text: str) -> str:
    """The characters XML 1.0 allows (a feed that holds others is malformed, tested separately)."""
    return "".join(
        c for c in text if c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000"
    )


LEGAL_TEXT = HOSTILE_TEXT.map(_xml_legal)
ABSURD_DATE = st.one_of(
    LEGAL_TEXT,
    st.sampled_from(
        [
            "Fri, 31 Dec 9999 23:59:59 -0500",
            "Mon, 01 Jan 0001 00:00:00 +0500",
            "9999-12-31T23:00:00-05:00",
            "0001-01-01T00:00:00+05:00",
            "1970-01-01T00:00:00Z",
            "31/12/9999",
            "99999-01-01",
            "2025-02-30T00:00:00Z",
            "-1",
            "1e400",
            "20250602T073000Z",
            "2025-06-02T25:00:00Z",
        ]
    ),
)


@st.composite
def hostile_item(draw: st.DrawFn) -> tuple[str | None, str | None, str | None]:
    """(title, link, date) of an item, each hostile or missing."""
    title = draw(st.none() | LEGAL_TEXT)
    link = draw(
        st.none()
        | LEGAL_TEXT
        | st.sampled_from(
            ["javascript:alert(1)", "//evil.example/x", "../../etc", "http://[::1", "https://a.example/" + "x" * 5000]
        )
    )
    return title, link, draw(st.none() | ABSURD_DATE)


def _rss(items: list[tuple[str | None, str | None, str | None]]) -> bytes:
    parts = []
    for title, link, when in items:
        fields = [
            f"<{tag}>{escape(value)}</{tag}>"
            for tag, value in (("title", title), ("link", link), ("pubDate", when))
            if value is not None
        ]
        parts.append("<item>" + "".join(fields) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet</title>'
        f"<link>https://outlet.example/</link>{''.join(parts)}</channel></rss>"
    ).encode()


def _urlset(items: list[tuple[str | None, str | None, str | None]]) -> bytes:
    parts = []
    for title, link, when in items:
        news = (
            f"<news:news><news:publication><news:name>O</news:name><news:language>fr</news:language>"
            f"</news:publication><news:publication_date>{escape(when or '')}</news:publication_date>"
            f"<news:title>{escape(title or '')}</news:title></news:news>"
        )
        loc = f"<loc>{escape(link)}</loc>" if link is not None else ""
        parts.append(f"<url>{loc}<lastmod>{escape(when or '')}</lastmod>{news}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(parts) + "</urlset>"
    ).encode()


def _mixed(draw: st.DrawFn, good_date: str) -> tuple[list[tuple[str | None, str | None, str | None]], list[str]]:
    goods = [f"https://outlet.example/2025/06/02/good-{n}" for n in range(draw(st.integers(1, 3)))]
    items = [(f"Good {n}", link, good_date) for n, link in enumerate(goods)]
    items += draw(st.lists(hostile_item(), max_size=5))
    return draw(st.permutations(items)), goods


@PROPERTY
@given(data=st.data())
def test_a_feed_with_hostile_items_gives_every_item(data: st.DataObject) -> None:
    ran("crawl: feed items")
    items, goods = _mixed(data.draw, GOOD_DATE)
    result = parse_feed(_rss(items), FEED_URL, "application/rss+xml")
    assert result.problem is None, result.detail
    assert len(result.entries) == len(items)
    by_link = {entry.link: entry for entry in result.entries}
    for n, link in enumerate(goods):  # the good items are all there, intact
        assert by_link[link].title == f"Good {n}" and by_link[link].published.isoformat() == GOOD_LASTMOD


@PROPERTY
@given(data=st.data())
def test_a_sitemap_with_hostile_entries_gives_every_entry(data: st.DataObject) -> None:
    ran("crawl: sitemap entries")
    items, goods = _mixed(data.draw, GOOD_LASTMOD)
    result = parse_sitemap(_urlset(items))
    assert result.problem is None, result.detail
    assert len(result.entries) == len(items)
    by_link = {entry.link: entry for entry in result.entries}
    for n, link in enumerate(goods):
        assert by_link[link].title == f"Good {n}" and by_link[link].published.isoformat() == GOOD_LASTMOD


@st.composite
def any_body(draw: st.DrawFn) -> bytes:
    """A feed or sitemap body broken in one way: cut, spliced with bytes, with illegal characters, or pure junk."""
    items, _ = _mixed(draw, GOOD_DATE)
    body = draw(st.sampled_from([_rss, _urlset]))(items)
    kind = draw(st.sampled_from(["cut", "splice", "illegal", "junk", "deep", "entities", "gzip"]))
    if kind == "cut":
        return body[: draw(st.integers(0, len(body)))]
    if kind == "splice":
        at = draw(st.integers(0, len(body)))
        return body[:at] + draw(st.binary(max_size=50)) + body[at:]
    if kind == "illegal":  # NUL, lone surrogates (as bytes UTF-8 forbids), C0 controls, inside the text
        text = draw(HOSTILE_TEXT).encode("utf-8", "surrogatepass")
        return body.replace(b"Good 0", b"Good 0" + text, 1)
    if kind == "junk":
        return draw(st.binary(max_size=500))
    if kind == "deep":
        depth = draw(st.integers(1_000, 50_000))
        return body.replace(b"<item>", b"<item>" + b"<x>" * depth + b"</x>" * depth, 1).replace(
            b"<url>", b"<url>" + b"<x>" * depth + b"</x>" * depth, 1
        )
    if kind == "entities":
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + b"A" * 100 + b'">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
        )
        return bomb + body.split(b"?>", 1)[1].replace(b"Good 0", b"&b;&x;", 1)
    return gzip.compress(body)[: draw(st.integers(0, len(body)))]


@PROPERTY
@given(body=any_body())
def test_any_body_gives_entries_or_a_one_line_problem(body: bytes) -> None:
    ran("crawl: any body")
    for parsed in (parse_feed(body, FEED_URL, None), parse_feed(body, FEED_URL, "text/html")):
        assert parsed.problem in PROBLEMS | {None}
        assert parsed.problem is not None or parsed.entries
        assert "\n" not in (parsed.detail or "")
    try:
        xml = unpack(body, max_size=1_000_000)
    except SitemapTooLarge:
        return
    sitemap = parse_sitemap(xml)
    assert sitemap.problem in PROBLEMS | {"feed_is_html", None}
    assert sitemap.problem is not None or sitemap.entries or sitemap.children
    assert "\n" not in (sitemap.detail or "")


def test_property_case_counts() -> None:
    for name in ("crawl: feed items", "crawl: sitemap entries", "crawl: any body"):
        assert report(name) in (0, *range(EXAMPLES, 10 * EXAMPLES))
