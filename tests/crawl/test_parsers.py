"""The pure parts of the crawl: listings (feeds, sitemaps, APIs) to entries, which entries to fetch, charsets,
page metadata. No network and no Scrapy process."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from sahelwatch.crawl.apis import api_name, gdelt_url, mask_secrets, parse_gdelt, parse_reliefweb, reliefweb_url
from sahelwatch.crawl.article import page_metadata
from sahelwatch.crawl.charset import decode_html
from sahelwatch.crawl.entries import Admission, Entry, Verdict, parse_datetime
from sahelwatch.crawl.feeds import discover_feeds, looks_like_html, parse_feed
from sahelwatch.crawl.sitemaps import SitemapTooLarge, parse_sitemap, unpack

START = datetime(2025, 6, 2, tzinfo=UTC)
END = datetime(2025, 6, 3, tzinfo=UTC)
RSS = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><language>fr</language>
<item><title>Un</title><link>/a/1</link><pubDate>Mon, 02 Jun 2025 10:00:00 +0000</pubDate></item>
<item><title>Deux</title><link>https://x.example/a/2</link></item></channel></rss>"""


# ------------------------------------------------------------------------------------------------------ feeds


def test_feed_entries_are_absolute_and_dated() -> None:
    result = parse_feed(RSS, "https://x.example/feed/", "application/rss+xml")
    assert result.problem is None and result.language == "fr"
    assert [(e.link, e.title, e.published) for e in result.entries] == [
        ("https://x.example/a/1", "Un", datetime(2025, 6, 2, 10, tzinfo=UTC)),
        ("https://x.example/a/2", "Deux", None),
    ]


@pytest.mark.parametrize(
    ("body", "content_type", "problem"),
    [
        (b"<!DOCTYPE html><html><head><title>Accueil</title></head><body></body></html>", "text/html", "feed_is_html"),
        (b"<html><body>maintenance</body></html>", None, "feed_is_html"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><description>Les derni',
            None,
            "feed_malformed",
        ),
        (b'{"error": "rate limited"}', "application/json", "feed_malformed"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', None, "feed_empty"),
    ],
)
def test_feed_problems_are_named(body: bytes, content_type: str | None, problem: str) -> None:
    assert parse_feed(body, "https://x.example/feed", content_type).problem == problem


def test_a_feed_mislabelled_text_html_is_still_a_feed() -> None:
    assert not looks_like_html(RSS, "text/html; charset=utf-8")
    assert len(parse_feed(RSS, "https://x.example/feed", "text/html").entries) == 2


def test_recovered_feed_keeps_its_readable_entries_with_a_warning() -> None:
    cut = RSS[: RSS.index(b"<item><title>Deux") + 20]
    result = parse_feed(cut, "https://x.example/feed", None)
    assert result.problem is None and result.warnings == ["feed_malformed_recovered"]
    assert result.entries[0].link == "https://x.example/a/1"


def test_autodiscovery_reads_relative_alternate_links_of_feed_types_only() -> None:
    page = """<html><head><link rel="stylesheet" href="s.css"><link rel="alternate" hreflang="en" href="/en/">
    <link rel="alternate" type="application/rss+xml" href="feed/"><link rel="alternate"
    type="application/atom+xml" href="https://x.example/atom.xml"><link rel="alternate" type="application/rss+xml"
    href="feed/"></head></html>"""
    assert discover_feeds(page, "https://x.example/news/") == [
        "https://x.example/news/feed/",
        "https://x.example/atom.xml",
    ]


# ------------------------------------------------------------------------------------------------------ admission


def entry(link: str | None, published: datetime | None = START, title: str = "t") -> Entry:
    return Entry(link=link, title=title, published=published)


def test_admission_reasons_in_order() -> None:
    rules = Admission(
        START, END, url_filter=re.compile("mali"), known_urls=frozenset({"https://x/mali-known"}), max_items=1
    )
    verdicts = [
        rules.judge(e)
        for e in [
            entry(None),
            entry("ftp://x/mali"),
            entry("https://x/burkina"),
            entry("https://x/mali-old", datetime(2025, 5, 1, tzinfo=UTC)),
            entry("https://x/mali-undated", None),
            entry("https://x/mali-known"),
            entry("https://x/mali-1"),
            entry("https://x/mali-1"),
            entry("https://x/mali-2"),
            entry("https://x/mali-late", END),
        ]
    ]
    assert verdicts == [
        Verdict.NO_LINK,
        Verdict.BAD_SCHEME,
        Verdict.FILTERED,
        Verdict.OUT_OF_INTERVAL,
        Verdict.UNDATED,
        Verdict.KNOWN,
        Verdict.FETCH,
        Verdict.DUPLICATE,
        Verdict.OVER_CAP,
        Verdict.OUT_OF_INTERVAL,
    ]


def test_backfill_keeps_undated_and_older_but_not_later_entries() -> None:
    rules = Admission(START, END, backfill=True)
    assert rules.judge(entry("https://x/1", None)) is Verdict.FETCH
    assert rules.judge(entry("https://x/2", datetime(2024, 1, 1, tzinfo=UTC))) is Verdict.FETCH
    assert rules.judge(entry("https://x/3", END)) is Verdict.OUT_OF_INTERVAL


def test_entry_filter_reads_title_and_summary() -> None:
    rules = Admission(START, END, entry_filter=re.compile(r"(?i)\bmali"))
    assert rules.judge(Entry("https://x/1", "Somalie", "rien", START)) is Verdict.FILTERED
    assert rules.judge(Entry("https://x/2", "Afrique", "attaque au Mali", START)) is Verdict.FETCH


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-02", datetime(2025, 6, 2, tzinfo=UTC)),
        ("2025-06-02T07:30:00+02:00", datetime(2025, 6, 2, 5, 30, tzinfo=UTC)),
        ("2025-06-02T07:30Z", datetime(2025, 6, 2, 7, 30, tzinfo=UTC)),
        ("20250602T073000Z", datetime(2025, 6, 2, 7, 30, tzinfo=UTC)),
        ("hier", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_datetime(text: str | None, expected: datetime | None) -> None:
    assert parse_datetime(text) == expected


# ------------------------------------------------------------------------------------------------------ sitemaps

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://x.example/a</loc><news:news><news:publication><news:name>X</news:name>
<news:language>fr</news:language></news:publication><news:publication_date>2025-06-02T08:00:00Z</news:publication_date>
<news:title>Titre A</news:title></news:news></url>
<url><loc>https://x.example/b</loc><lastmod>2025-06-01</lastmod></url></urlset>"""


def test_news_sitemap_entries_dated_by_publication_date_then_lastmod() -> None:
    sitemap = parse_sitemap(NEWS_SITEMAP)
    assert [(e.link, e.title, e.language, e.published) for e in sitemap.entries] == [
        ("https://x.example/a", "Titre A", "fr", datetime(2025, 6, 2, 8, tzinfo=UTC)),
        ("https://x.example/b", None, None, datetime(2025, 6, 1, tzinfo=UTC)),
    ]


def test_sitemap_index_lists_children_with_lastmod() -> None:
    index = parse_sitemap(b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>https://x.example/news.xml</loc><lastmod>2025-06-02</lastmod></sitemap>
        <sitemap><loc>https://x.example/old.xml</loc></sitemap></sitemapindex>""")
    assert index.children == [
        ("https://x.example/news.xml", datetime(2025, 6, 2, tzinfo=UTC)),
        ("https://x.example/old.xml", None),
    ]


def test_sitemap_entities_are_not_expanded() -> None:
    hostile = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url></urlset>"""
    sitemap = parse_sitemap(hostile)
    assert all("root:" not in (e.link or "") for e in sitemap.entries)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"<urlset><url><loc>https://x", "sitemap_malformed"),
        (b"<rss version='2.0'/>", "sitemap_malformed"),
        (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', "sitemap_empty"),
        (b"<!DOCTYPE html><html></html>", "feed_is_html"),
    ],
)
def test_sitemap_problems(body: bytes, problem: str) -> None:
    assert parse_sitemap(body).problem == problem


def test_gzipped_sitemap_is_unpacked_within_the_size_limit() -> None:
    assert unpack(gzip.compress(NEWS_SITEMAP), 10_000) == NEWS_SITEMAP
    with pytest.raises(SitemapTooLarge):
        unpack(gzip.compress(b"<urlset>" + b" " * 100_000), 10_000)


# ------------------------------------------------------------------------------------------------------ APIs


def test_api_is_named_by_setting_or_host() -> None:
    assert api_name({"url": "https://api.gdeltproject.org/api/v2/doc/doc?query=x"}) == "gdelt"
    assert api_name({"url": "https://api.reliefweb.int/v2/reports"}) == "reliefweb"
    assert api_name({"url": "http://127.0.0.1:1/x", "api": "GDELT"}) == "gdelt"
    assert api_name({"url": "https://example.org/api"}) is None


def test_gdelt_url_pins_the_interval_and_the_output() -> None:
    url = gdelt_url(
        "https://api.gdeltproject.org/api/v2/doc/doc?query=Mali&timespan=1d&maxrecords=500&format=html", START, END
    )
    query = parse_qs(urlsplit(url).query)
    assert query["query"] == ["Mali"] and "timespan" not in query
    assert (query["mode"], query["format"], query["maxrecords"]) == (["artlist"], ["json"], ["250"])
    assert (query["startdatetime"], query["enddatetime"]) == (["20250602000000"], ["20250602235959"])


def test_gdelt_answers() -> None:
    body = json.dumps(
        {
            "articles": [
                {
                    "url": "https://x.example/a",
                    "title": " Attaque ",
                    "seendate": "20250602T073000Z",
                    "language": "French",
                    "domain": "x.example",
                }
            ]
        }
    ).encode()
    (only,) = parse_gdelt(body).entries
    assert (only.link, only.title, only.language, only.published) == (
        "https://x.example/a",
        "Attaque",
        "fr",
        datetime(2025, 6, 2, 7, 30, tzinfo=UTC),
    )
    assert parse_gdelt(b"{}").entries == [] and parse_gdelt(b"{}").problem is None
    assert parse_gdelt(b"Please limit requests to one every 5 seconds").problem == "api_error"
    assert parse_gdelt(b'{"articles": [').problem == "api_malformed"


def test_reliefweb_url_adds_appname_fields_and_offset() -> None:
    url = reliefweb_url(
        "https://api.reliefweb.int/v2/reports?filter[field]=primary_country.iso3&filter[value]=MLI"
        "&limit=100&appname=old",
        "mine",
        offset=100,
    )
    query = parse_qs(urlsplit(url).query)
    assert query["appname"] == ["mine"] and query["offset"] == ["100"] and query["sort[]"] == ["date.created:desc"]
    assert {"body", "body-html", "url_alias", "date.created"} <= set(query["fields[include][]"])
    assert mask_secrets(url).count("appname=***") == 1 and "mine" not in mask_secrets(url)


def test_reliefweb_answers() -> None:
    body = json.dumps(
        {
            "totalCount": 7,
            "data": [
                {
                    "id": "1",
                    "fields": {
                        "title": "Flash update",
                        "body": "Texte",
                        "body-html": "<p>Texte</p>",
                        "url_alias": "https://r.example/1",
                        "date": {"created": "2025-06-02T15:00:00+00:00", "original": "2025-06-01T00:00:00+00:00"},
                        "source": [{"name": "OCHA"}, {"name": "WFP"}],
                        "language": [{"code": "fr"}],
                    },
                }
            ],
        }
    ).encode()
    result = parse_reliefweb(body)
    (report,) = result.entries
    assert result.total == 7
    assert (report.link, report.author, report.language, report.extra["html"]) == (
        "https://r.example/1",
        "OCHA, WFP",
        "fr",
        "<p>Texte</p>",
    )
    assert parse_reliefweb(b'{"error": {"message": "denied"}}').detail == "denied"


# ------------------------------------------------------------------------------------------------------ charsets

PAGE = "<html><head><title>Tués à Djibo</title></head><body><p>Élevés, déplacés</p></body></html>"


@pytest.mark.parametrize(
    ("body", "content_type", "problem"),
    [
        (PAGE.encode("utf-8"), "text/html; charset=utf-8", None),
        (PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("utf-8"), "text/html", None),
        (PAGE.encode("iso-8859-1"), "text/html", "charset_missing"),
        (PAGE.encode("utf-8"), "text/html", "charset_missing"),
        (PAGE.encode("iso-8859-1"), "text/html; charset=utf-8", "charset_wrong"),
        (PAGE.encode("utf-8"), "text/html; charset=iso-8859-1", "charset_wrong"),
        (PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').encode("iso-8859-1"), None, None),
    ],
)
def test_pages_are_decoded_whatever_their_charset_claims(
    body: bytes, content_type: str | None, problem: str | None
) -> None:
    decoded = decode_html(body, content_type)
    assert decoded.problem == problem
    assert "Tués à Djibo" in decoded.text and "\ufffd" not in decoded.text


# ------------------------------------------------------------------------------------------------------ articles


def test_json_ld_gives_date_and_author_when_meta_tags_do_not() -> None:
    page = """<html lang="fr"><head><title>T</title><script type="application/ld+json">{"@context":
    "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "T",
    "datePublished": "2025-06-02T08:10:00+00:00", "author": [{"@type": "Person", "name": "Issa Dicko"}]}]}</script>
    </head><body><article><h1>T</h1><p>Texte.</p></article></body></html>"""
    meta = page_metadata(page, "https://x.example/a")
    assert (meta.published, meta.author, meta.language) == ("2025-06-02T08:10:00+00:00", "Issa Dicko", "fr")
