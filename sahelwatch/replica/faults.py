"""Fault pages of the replica, under /faults/: every way a Sahel outlet's server has been seen to misbehave.

Each fault has its own path, and the sources that read them are in faults.yaml (never in sources.yaml, so the demo
crawl stays clean). tests/crawl/test_faults.py states the exact counts each one must produce.

| path | fault |
|------|-------|
| /faults/mixed/feed.xml | an RSS feed whose entries each hit one article fault below |
| /faults/mixed/ok.html | a normal article |
| /faults/mixed/latin1-no-charset.html | ISO-8859-1 bytes, no charset in header or page |
| /faults/mixed/latin1-declared-utf8.html | ISO-8859-1 bytes, header says utf-8 |
| /faults/mixed/missing.html | 404 |
| /faults/mixed/broken.html | 500, every time |
| /faults/mixed/flaky.html?n=… | 503 with Retry-After: 1 the first time, then the article |
| /faults/mixed/empty-page.html | a page with navigation only, no article text |
| /faults/mixed/bomb.html | a gzip bomb: 16 KiB on the wire, 16 MiB decompressed |
| /faults/mixed/huge.html | announces and streams 3 MiB |
| /faults/mixed/to-metadata | 302 to http://169.254.169.254/latest/meta-data/ (the cloud metadata address) |
| /faults/mixed/moved | 302 to the same article on http://localhost:PORT (another host) |
| /faults/mixed/slow.html | answers after 3 seconds |
| /faults/mixed/report.pdf | a PDF where an article was expected |
| /faults/html-feed/ | an HTML page at a feed URL, advertising no feed |
| /faults/autodiscover/ | an HTML page advertising its feed with a relative <link rel="alternate"> |
| /faults/malformed.xml, /faults/truncated.xml | broken XML: nothing readable / one entry readable |
| /faults/empty.xml | a valid feed without entries |
| /faults/down.xml | 503, every time (/faults/gone.xml is a plain 404) |
| /faults/conditional/atom.xml | an Atom feed honouring If-None-Match / If-Modified-Since (304) |
| /faults/bulk/feed.xml | 40 entries, to test the cap on articles per feed |
| /faults/metadata/feed.xml | one entry, whose link redirects to the metadata address |
"""

from __future__ import annotations

import gzip
import threading
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import replace
from email.utils import parsedate_to_datetime
from html import escape
from typing import TYPE_CHECKING, Any

from sahelwatch.replica.dynamic import Reply, not_found, redirect

if TYPE_CHECKING:
    from sahelwatch.replica.dynamic import Routes

DAY = "Mon, 02 Jun 2025"
BOMB_SIZE = 16 * 1024 * 1024
HUGE_SIZE = 3 * 1024 * 1024
SLOW_SECONDS = 3.0
CONDITIONAL_ETAG = '"cond-v1"'
CONDITIONAL_LAST_MODIFIED = "Mon, 02 Jun 2025 18:00:00 GMT"
BULK_ENTRIES = 40

_PARAGRAPHS = (
    "Des hommes armés ont attaqué dimanche un poste de gendarmerie dans la commune de {place}, selon des sources "
    "locales jointes par téléphone. Le bilan reste incertain en fin de journée.",
    "Les assaillants, arrivés à moto en fin d'après-midi, se sont retirés après plus d'une heure d'échanges de tirs, "
    "emportant du matériel et des munitions, rapportent des habitants de {place}.",
    "Des renforts ont été dépêchés depuis le chef-lieu de la province. Aucune revendication n'avait été enregistrée "
    "lundi matin, et les autorités n'ont pas encore communiqué.",
    "Plusieurs familles ont quitté les hameaux voisins pour se réfugier en ville, où les services sociaux tentent "
    "d'organiser leur accueil dans des écoles fermées pour l'occasion.",
)
_PLACES = ("Arbinda", "Gorom-Gorom", "Markoye", "Sebba", "Titao", "Diapaga", "Kantchari", "Solenzo", "Barsalogho")


def article_html(title: str, place: str, *, charset_meta: bool = True, published: str | None = None) -> str:
    """A plain fictional article page (French) with enough text for trafilatura."""
    meta = '<meta charset="utf-8" />\n' if charset_meta else ""
    date = f'<meta property="article:published_time" content="{published}" />\n' if published else ""
    paragraphs = "\n".join(f"<p>{escape(p.format(place=place))}</p>" for p in _PARAGRAPHS)
    return (
        f"<!DOCTYPE html>\n<!-- A fault page of the sahelwatch test replica; the article is invented. -->\n"
        f'<html lang="fr">\n<head>\n{meta}<title>{escape(title)} | Le Veilleur (replica)</title>\n{date}'
        f'</head>\n<body>\n<header><p class="site">Le Veilleur</p><nav><a href="/">Accueil</a> '
        f'<a href="/securite/">Sécurité</a></nav></header>\n<main><article>\n<h1>{escape(title)}</h1>\n'
        f'<p class="byline">Par la Rédaction</p>\n<div class="entry-content">\n{paragraphs}\n</div>\n</article>'
        f"</main>\n<footer><p>© Le Veilleur (fictional)</p></footer>\n</body>\n</html>\n"
    )


def _rss(title: str, items: list[str]) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>http://replica.invalid/</link><description>Fault feed of the sahelwatch replica</description>"
        f"<language>fr</language>\n" + "\n".join(items) + "\n</channel></rss>\n"
    ).encode("utf-8")


def _item(title: str, link: str | None, date: str | None) -> str:
    parts = [f"<title>{escape(title)}</title>"]
    if link is not None:
        parts.append(f"<link>{escape(link)}</link>")
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def _page(title: str, place: str, **kwargs: Any) -> Reply:
    return Reply(200, article_html(title, place, **kwargs).encode("utf-8"))


class Faults:
    def __init__(self, routes: Routes) -> None:
        self.routes = routes
        self._lock = threading.Lock()
        self._flaky_seen: set[str] = set()
        self._bomb: bytes | None = None

    def bomb(self) -> bytes:
        with self._lock:
            if self._bomb is None:
                self._bomb = gzip.compress(
                    b"<html><body><p>" + b"A" * BOMB_SIZE + b"</p></body></html>", compresslevel=9, mtime=0
                )
            return self._bomb

    def reply(
        self, path: str, query: str, params: dict[str, list[str]], headers: Mapping[str, str], base: str
    ) -> Reply:
        handler = {
            "/faults/mixed/feed.xml": lambda: self.mixed_feed(base),
            "/faults/mixed/ok.html": lambda: _page("Arbinda : attaque contre un poste de gendarmerie", "Arbinda"),
            "/faults/mixed/latin1-no-charset.html": lambda: self.latin1(charset_in_header=None),
            "/faults/mixed/latin1-declared-utf8.html": lambda: self.latin1(charset_in_header="utf-8"),
            "/faults/mixed/broken.html": lambda: Reply(500, b"<h1>Internal Server Error</h1>"),
            "/faults/mixed/flaky.html": lambda: self.flaky(params),
            "/faults/mixed/empty-page.html": lambda: Reply(
                200,
                (
                    b'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Le Veilleur</title></head>'
                    b'<body><nav><a href="/">Accueil</a> <a href="/securite/">S\xc3\xa9curit\xc3\xa9</a></nav>'
                    b'<div id="app"></div><script>document.getElementById("app").innerText = "...";</script>'
                    b"</body></html>"
                ),
            ),
            "/faults/mixed/bomb.html": lambda: Reply(
                200, self.bomb(), "text/html; charset=utf-8", [("Content-Encoding", "gzip")]
            ),
            "/faults/mixed/huge.html": lambda: Reply(
                200, content_type="text/html; charset=utf-8", length=HUGE_SIZE, chunks=_zeros(HUGE_SIZE)
            ),
            "/faults/mixed/to-metadata": lambda: redirect("http://169.254.169.254/latest/meta-data/"),
            "/faults/mixed/moved": lambda: redirect(
                base.replace("127.0.0.1", "localhost") + "/faults/mixed/moved-here.html"
            ),
            "/faults/mixed/moved-here.html": lambda: _page("Sebba : le marché rouvre après l'attaque", "Sebba"),
            "/faults/mixed/slow.html": lambda: replace(_page("Titao : tirs", "Titao"), delay=SLOW_SECONDS),
            "/faults/mixed/report.pdf": lambda: Reply(200, b"%PDF-1.4\n% fictional\n%%EOF\n", "application/pdf"),
            "/faults/html-feed/": lambda: Reply(
                200,
                (
                    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Le Veilleur – Accueil</title>'
                    "</head><body><h1>Le Veilleur</h1><p>Bienvenue sur notre nouveau site !</p></body></html>"
                ).encode(),
            ),
            "/faults/autodiscover/": lambda: Reply(
                200,
                (
                    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Le Veilleur – Accueil</title>'
                    '<link rel="alternate" type="application/rss+xml" title="Le Veilleur » Flux" href="feed.xml">'
                    "</head><body><h1>Le Veilleur</h1></body></html>"
                ).encode(),
            ),
            "/faults/autodiscover/feed.xml": lambda: Reply(
                200,
                _rss(
                    "Le Veilleur",
                    [
                        _item(
                            "Kantchari : une embuscade contre un convoi",
                            f"{base}/faults/autodiscover/a.html",
                            f"{DAY} 08:00:00 +0000",
                        ),
                        _item(
                            "Diapaga : couvre-feu prolongé",
                            f"{base}/faults/autodiscover/b.html",
                            f"{DAY} 12:00:00 +0000",
                        ),
                    ],
                ),
                "application/rss+xml; charset=utf-8",
            ),
            "/faults/autodiscover/a.html": lambda: _page("Kantchari : une embuscade contre un convoi", "Kantchari"),
            "/faults/autodiscover/b.html": lambda: _page("Diapaga : couvre-feu prolongé", "Diapaga"),
            "/faults/malformed.xml": lambda: Reply(
                200,
                (
                    b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Le Veilleur</title>'
                    b"<description>Les derni"
                ),
                "application/rss+xml; charset=utf-8",
            ),
            "/faults/truncated.xml": lambda: Reply(
                200,
                (
                    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Le Veilleur</title>'
                    + _item(
                        "Kantchari : une embuscade contre un convoi",
                        f"{base}/faults/autodiscover/a.html",
                        f"{DAY} 08:00:00 +0000",
                    )
                    + "<item><title>Diapaga : couvre-f"
                ).encode("utf-8"),
                "application/rss+xml; charset=utf-8",
            ),
            "/faults/empty.xml": lambda: Reply(200, _rss("Le Veilleur", []), "application/rss+xml; charset=utf-8"),
            "/faults/down.xml": lambda: Reply(503, b"<h1>Service Unavailable</h1>"),
            "/faults/conditional/atom.xml": lambda: self.conditional(headers, base),
            "/faults/conditional/one.html": lambda: _page("Solenzo : des éleveurs enlevés", "Solenzo"),
            "/faults/conditional/two.html": lambda: _page("Barsalogho : les déplacés affluent", "Barsalogho"),
            "/faults/bulk/feed.xml": lambda: Reply(
                200,
                _rss(
                    "Le Veilleur (bulk)",
                    [
                        _item(f"Dépêche {n}", f"{base}/faults/bulk/{n}.html", f"{DAY} {n % 24:02d}:00:00 +0000")
                        for n in range(BULK_ENTRIES)
                    ],
                ),
                "application/rss+xml; charset=utf-8",
            ),
            "/faults/metadata/feed.xml": lambda: Reply(
                200,
                _rss(
                    "Le Veilleur",
                    [
                        _item(
                            "Markoye : une page qui redirige vers l'adresse des métadonnées",
                            f"{base}/faults/mixed/to-metadata",
                            f"{DAY} 09:00:00 +0000",
                        )
                    ],
                ),
                "application/rss+xml; charset=utf-8",
            ),
        }.get(path)
        if handler is None and path.startswith("/faults/bulk/") and path.endswith(".html"):
            number = path.removeprefix("/faults/bulk/").removesuffix(".html")
            if number.isdigit() and int(number) < BULK_ENTRIES:
                return _page(f"Dépêche {number}", _PLACES[int(number) % len(_PLACES)])
        return handler() if handler is not None else not_found()

    def mixed_feed(self, base: str) -> Reply:
        nonce = uuid.uuid4().hex  # a new flaky URL for every crawl, so "fails once" holds per crawl
        when = f"{DAY} 10:00:00 +0000"
        page = f"{base}/faults/mixed"
        items = [
            _item("Arbinda : attaque contre un poste de gendarmerie", f"{page}/ok.html", when),
            _item("Gorom-Gorom : page en ISO-8859-1 sans charset", f"{page}/latin1-no-charset.html", when),
            _item("Markoye : page ISO-8859-1 annoncée en utf-8", f"{page}/latin1-declared-utf8.html", when),
            _item("Page disparue", f"{page}/missing.html", when),
            _item("Serveur en panne", f"{page}/broken.html", when),
            _item("Serveur capricieux", f"{page}/flaky.html?n={nonce}", when),
            _item("Page sans texte", f"{page}/empty-page.html", when),
            _item("Bombe gzip", f"{page}/bomb.html", when),
            _item("Page trop grande", f"{page}/huge.html", when),
            _item("Redirection vers les métadonnées", f"{page}/to-metadata", when),
            _item("Lien vers une adresse privée", "http://[::1]:9/private", when),
            _item("Sebba : article déménagé", f"{page}/moved", when),
            _item("Serveur trop lent", f"{page}/slow.html", when),
            _item("Rapport en PDF", f"{page}/report.pdf", when),
            _item("Entrée sans lien", None, when),
            _item("Trop ancienne", f"{page}/ok.html?old", "Fri, 30 May 2025 10:00:00 +0000"),
            _item("Sans date", f"{page}/ok.html?undated", None),
            _item("Arbinda : attaque contre un poste de gendarmerie (doublon)", f"{page}/ok.html", when),
        ]
        return Reply(200, _rss("Le Veilleur (fautes)", items), "application/rss+xml; charset=utf-8")

    def latin1(self, charset_in_header: str | None) -> Reply:
        title = "Gorom-Gorom : des éleveurs attaqués près de la frontière"
        body = article_html(title, "Gorom-Gorom", charset_meta=False).encode("iso-8859-1")
        content_type = "text/html" + (f"; charset={charset_in_header}" if charset_in_header else "")
        return Reply(200, body, content_type)

    def flaky(self, params: dict[str, list[str]]) -> Reply:
        nonce = (params.get("n") or [""])[0]
        with self._lock:
            first = nonce not in self._flaky_seen
            self._flaky_seen.add(nonce)
        if first:
            return Reply(503, b"<h1>Service Unavailable</h1>", headers=[("Retry-After", "1")])
        return _page("Sebba : un convoi de vivres arrive enfin", "Sebba")

    def conditional(self, headers: Mapping[str, str], base: str) -> Reply:
        validators = [("ETag", CONDITIONAL_ETAG), ("Last-Modified", CONDITIONAL_LAST_MODIFIED)]
        if _not_modified(headers, CONDITIONAL_ETAG, CONDITIONAL_LAST_MODIFIED):
            self.routes.hit("conditional:304")
            return Reply(304, b"", None, validators)
        self.routes.hit("conditional:200")
        body = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Veilleur (Atom)</title>
  <id>urn:uuid:3f0d6a2c-replica-conditional</id>
  <updated>2025-06-02T18:00:00Z</updated>
  <link rel="self" href="{base}/faults/conditional/atom.xml"/>
  <entry>
    <title>Solenzo : des éleveurs enlevés</title>
    <link rel="alternate" href="{base}/faults/conditional/one.html"/>
    <id>urn:uuid:replica-conditional-one</id>
    <published>2025-06-02T07:00:00Z</published>
    <updated>2025-06-02T07:00:00Z</updated>
    <author><name>La Rédaction</name></author>
  </entry>
  <entry>
    <title>Barsalogho : les déplacés affluent</title>
    <link rel="alternate" href="{base}/faults/conditional/two.html"/>
    <id>urn:uuid:replica-conditional-two</id>
    <published>2025-06-02T15:30:00Z</published>
    <updated>2025-06-02T15:30:00Z</updated>
  </entry>
</feed>
"""
        return Reply(200, body.encode("utf-8"), "application/atom+xml; charset=utf-8", validators)


def _not_modified(headers: Mapping[str, str], etag: str, last_modified: str) -> bool:
    """RFC 9110: If-None-Match wins when present; else If-Modified-Since against Last-Modified."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    since = headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(last_modified)
        except (TypeError, ValueError):
            return False
    return False


def _zeros(size: int) -> Iterator[bytes]:
    chunk = b"<!-- padding -->" * 4096
    sent = 0
    while sent < size:
        piece = chunk[: size - sent]
        sent += len(piece)
        yield piece
