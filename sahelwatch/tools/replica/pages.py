"""The large replica's files: each article's HTML page (menus, related links, inline style and script around the
article, 10-30 KB like a real news page), each outlet's feed (RSS 2.0 or Atom) and home page. Pages hold the
``{base}`` placeholder that ReplicaServer(root=...) fills in."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from sahelwatch.tools.replica.model import Article, Outlet, Replica
from sahelwatch.tools.replica.words import TOPICS


@dataclass(frozen=True)
class _Chrome:
    """What an outlet's pages share: menus, style and script (the weight of a real page around its article)."""

    head: str
    header: str
    footer: str


@cache
def _chrome(outlet: Outlet) -> _Chrome:
    rng = random.Random(outlet.id)
    rules = rng.randint(60, 200)
    style = "".join(
        f".{outlet.id[-2:]}-c{n}{{margin:{n % 17}px;padding:{n % 7}px;color:#{(n * 37) % 4096:03x}}}"
        for n in range(rules)
    )
    script = "".join(
        f"window.tag{n}={{slot:'{outlet.id}-{n}',lazy:{str(n % 2 == 0).lower()},size:[{n},250]}};"
        for n in range(rng.randint(40, 160))
    )
    menu = "".join(
        f'<li class="menu-item"><a href="{{base}}/{outlet.id}/rubrique/{escape(t.lower())}/">{escape(t)}</a></li>'
        for t in TOPICS[outlet.language] * rng.randint(2, 5)
    )
    head = f'<meta name="viewport" content="width=device-width"><style>{style}</style><script>{script}</script>'
    header = (
        f'<header class="site-header"><p class="site-title"><a href="{{base}}/{outlet.id}/">'
        f'{escape(outlet.name)}</a></p><nav><ul class="menu">{menu}</ul></nav></header>'
    )
    footer = (
        f'<footer><ul class="footer-menu">{menu}</ul><p>© 2025 {escape(outlet.name)} – site fictif, '
        "articles inventés</p></footer>"
    )
    return _Chrome(head, header, footer)


def article_page(article: Article, related: list[Article]) -> str:
    """The article's HTML page, with `{base}` wherever an absolute URL is needed."""
    outlet = article.outlet
    chrome = _chrome(outlet)
    title = escape(article.title)
    stamp = article.published.isoformat()
    body = "".join(f"<p>{escape(p)}</p>\n" for p in article.paragraphs)
    links = "".join(f'<li><a href="{{base}}/{r.path}">{escape(r.title)}</a></li>' for r in related)
    heading = "À lire aussi" if outlet.language == "fr" else "Read more"
    return (
        f'<!DOCTYPE html>\n<html lang="{outlet.language}"><head><meta charset="utf-8">'
        f"<title>{title} – {escape(outlet.name)}</title>"
        f'<meta property="og:title" content="{escape(article.title, quote=True)}">'
        f'<meta property="article:published_time" content="{stamp}">'
        f'<link rel="canonical" href="{{base}}/{article.path}">{chrome.head}</head>\n'
        f'<body class="single">{chrome.header}<main><article class="post">'
        f'<h1 class="entry-title">{title}</h1><div class="entry-meta"><time datetime="{stamp}">'
        f'{article.published:%d/%m/%Y %H:%M}</time></div>\n<div class="entry-content">\n{body}</div>'
        f'<div class="share"><a href="#">Facebook</a> <a href="#">WhatsApp</a> <a href="#">X</a></div>'
        f'</article><aside class="related"><h2>{heading}</h2><ul>{links}</ul></aside></main>'
        f"{chrome.footer}</body></html>\n"
    )


def feed_document(outlet: Outlet, articles: list[Article]) -> str:
    """The outlet's feed (RSS 2.0 or Atom) listing `articles`, newest first."""
    ordered = sorted(articles, key=lambda a: a.published, reverse=True)
    home = f"{{base}}/{outlet.id}/"
    if outlet.kind == "atom":
        entries = "".join(
            f'<entry><title>{escape(a.title)}</title><link href="{{base}}/{a.path}"/><id>{{base}}/{a.path}</id>'
            f"<published>{a.published.isoformat()}</published><updated>{a.published.isoformat()}</updated>"
            f"<summary>{escape(a.paragraphs[0][:200])}</summary></entry>\n"
            for a in ordered
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>{escape(outlet.name)}</title><link href="{home}"/><id>{home}</id>'
            f"<updated>{ordered[0].published.isoformat() if ordered else '2025-06-02T00:00:00+00:00'}</updated>\n"
            f"{entries}</feed>\n"
        )
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{{base}}/{a.path}</link><guid>{{base}}/{a.path}</guid>"
        f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate>"
        f"<description>{escape(a.paragraphs[0][:200])}</description></item>\n"
        for a in ordered
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(outlet.name)}</title><link>{home}</link><description>{escape(outlet.name)}</description>"
        f"<language>{outlet.language}</language>\n{items}</channel></rss>\n"
    )


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def write_site(site: Path, replica: Replica, rng: random.Random) -> None:
    """Every article page, each outlet's feed and home page, under `site` (the ReplicaServer root)."""
    by_outlet: dict[str, list[Article]] = {}
    for article in replica.articles:
        by_outlet.setdefault(article.outlet.id, []).append(article)
    for articles in by_outlet.values():
        for position, article in enumerate(articles):
            related = [articles[(position + step) % len(articles)] for step in rng.sample(range(1, 60), 10)]
            replica.bytes_written += _write(site / article.path, article_page(article, related))
    for outlet in replica.outlets:
        articles = by_outlet.get(outlet.id, [])
        replica.bytes_written += _write(site / outlet.feed_path, feed_document(outlet, articles))
        home = "".join(f'<li><a href="{{base}}/{a.path}">{escape(a.title)}</a></li>' for a in articles[-50:])
        replica.bytes_written += _write(
            site / outlet.id / "index.html", f"<!DOCTYPE html><html><body><ul>{home}</ul></body></html>\n"
        )
