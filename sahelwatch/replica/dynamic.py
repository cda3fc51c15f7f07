"""The replica's dynamic routes: imitations of the GDELT DOC 2.0 and ReliefWeb v2 APIs, a Google News-style search
feed whose links redirect, and the fault pages of sahelwatch.replica.faults.

Static outlets live under site/ and are served as files; everything here is computed per request, because it
depends on the query (API windows, pages, appname), on the request headers (conditional GET), or on state (a page
that fails once, then works). Hits are counted per route so tests can check what the crawler asked for.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

import yaml

DATA_FILE = Path(__file__).resolve().parent / "apis.yaml"
PLACEHOLDER = "{base}"


@dataclass
class Reply:
    """One HTTP answer. `chunks` streams a body (with `length` announced) instead of `body`."""

    status: int
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0  # seconds to wait before answering (a slow server)
    length: int | None = None
    chunks: Iterable[bytes] | None = None


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status, b"", "text/plain; charset=utf-8", [("Location", location)])


def not_found() -> Reply:
    return Reply(404, b"404 Not Found\n", "text/plain; charset=utf-8")


def json_reply(document: Any, status: int = 200) -> Reply:
    import json

    return Reply(status, json.dumps(document, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")


class Routes:
    """Dispatches dynamic paths; `reply` returns None for paths that are not dynamic (served as files)."""

    PREFIXES = ("/gdelt-api/", "/reliefweb-api/", "/search-news/", "/faults/")

    def __init__(self) -> None:
        from sahelwatch.replica.faults import Faults

        self.data: dict[str, Any] = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.faults = Faults(self)

    def hit(self, name: str) -> None:
        with self._lock:
            self.hits[name] += 1

    def reply(self, path: str, query: str, headers: Mapping[str, str], base_url: str) -> Reply | None:
        if not path.startswith(self.PREFIXES):
            return None
        params = parse_qs(query, keep_blank_values=True)
        self.hit(path)
        if path == "/gdelt-api/api/v2/doc/doc":
            return self.gdelt(params, base_url)
        if path == "/reliefweb-api/v2/reports":
            return self.reliefweb(params, base_url)
        if path == "/search-news/rss/search":
            return self.search_feed(base_url)
        if path.startswith("/search-news/rss/articles/") or path.startswith("/search-news/track/"):
            return self.search_redirect(path, base_url)
        if path.startswith("/faults/"):
            return self.faults.reply(path, query, params, headers, base_url)
        return not_found()

    # ------------------------------------------------------------------------------------------------------ GDELT

    def gdelt(self, params: dict[str, list[str]], base_url: str) -> Reply:
        """Like the real API: errors are plain text with status 200; no match is `{}`; end is inclusive."""
        first = {key: values[0] for key, values in params.items()}
        if first.get("mode", "").lower() != "artlist" or first.get("format", "").lower() != "json":
            return Reply(
                200,
                b"Invalid mode or format for this replica: use mode=artlist&format=json\n",
                "text/html; charset=utf-8",
            )
        if not first.get("query"):
            return Reply(200, b"Please specify a search query.\n", "text/html; charset=utf-8")
        try:
            start = datetime.strptime(first["startdatetime"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            end = datetime.strptime(first["enddatetime"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            records = max(1, min(250, int(first.get("maxrecords", "75"))))
        except (KeyError, ValueError):
            return Reply(
                200, b"This replica needs startdatetime and enddatetime (YYYYMMDDHHMMSS).\n", "text/html; charset=utf-8"
            )
        self.hit("gdelt:window")
        articles = []
        for article in self.data["gdelt"]:
            seen = datetime.strptime(article["seendate"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            if start <= seen <= end:
                articles.append(
                    {
                        **article,
                        "url": article["url"].replace(PLACEHOLDER, base_url),
                        "url_mobile": "",
                        "socialimage": "",
                    }
                )
        articles.sort(key=lambda a: a["seendate"], reverse=True)
        return json_reply({"articles": articles[:records]} if articles else {})

    # -------------------------------------------------------------------------------------------------- ReliefWeb

    def reliefweb(self, params: dict[str, list[str]], base_url: str) -> Reply:
        appname = (params.get("appname") or [""])[0]
        if appname != self.data["reliefweb_appname"]:
            return json_reply(
                {
                    "status": 403,
                    "time": 1,
                    "error": {
                        "type": "AccessDeniedHttpException",
                        "message": "You are not authorized to access the API: an approved appname is required.",
                    },
                },
                403,
            )
        included = set(params.get("fields[include][]", []))
        country = (params.get("filter[value]") or [""])[0]
        offset = int((params.get("offset") or ["0"])[0])
        limit = int((params.get("limit") or ["10"])[0])
        reports = sorted(
            (r for r in self.data["reliefweb"] if not country or r["country"] == country),
            key=lambda r: r["created"],
            reverse=True,
        )
        data = []
        for report in reports[offset : offset + limit]:
            url = f"{base_url}/reliefweb/report/mali/{report['id']}"
            body = report["body"].strip()
            fields: dict[str, Any] = {"title": report["title"]}  # the API's default: title only
            if included:
                full = {
                    "title": report["title"],
                    "body": body,
                    "body-html": "".join(f"<p>{escape(line)}</p>" for line in body.splitlines()),
                    "url": url,
                    "url_alias": url,
                    "date": {"created": report["created"], "original": report["original"]},
                    "source": [{"name": report["source"]}],
                    "language": [{"code": report["language"]}],
                    "primary_country": {"name": "Mali", "iso3": report["country"].lower()},
                }
                fields = {
                    key: value
                    for key, value in full.items()
                    if key in included or any(name.split(".")[0] == key for name in included)
                }
            data.append(
                {
                    "id": str(report["id"]),
                    "score": 1,
                    "fields": fields,
                    "href": f"{base_url}/reliefweb-api/v2/reports/{report['id']}",
                }
            )
        self.hit("reliefweb:page")
        return json_reply(
            {
                "time": 3,
                "href": f"{base_url}/reliefweb-api/v2/reports",
                "took": 2,
                "totalCount": len(reports),
                "count": len(data),
                "data": data,
            }
        )

    # --------------------------------------------------------------------------------------------- search feed

    def search_feed(self, base_url: str) -> Reply:
        items = []
        for item in self.data["search"]:
            link = f"{base_url}/search-news/rss/articles/{item['token']}?oc=5"
            items.append(f"""<item><title>{escape(item["title"])}</title><link>{link}</link>
<guid isPermaLink="false">{item["token"]}</guid><pubDate>{item["published"]}</pubDate>
<description>&lt;a href="{escape(link)}"&gt;{escape(item["title"])}&lt;/a&gt;</description>
<source url="{base_url}/">{escape(item["source"])}</source></item>""")
        body = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<rss version="2.0" '
            'xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator>'
            '<title>"Mali attaque" - Google News (replica)</title><link>' + base_url + "/search-news/</link>"
            "<language>fr</language><description>Replica of a Google News search feed</description>"
            + "\n".join(items)
            + "</channel></rss>\n"
        )
        return Reply(200, body.encode("utf-8"), "application/xml; charset=utf-8")

    def search_redirect(self, path: str, base_url: str) -> Reply:
        token = path.rsplit("/", 1)[-1]
        item = next((i for i in self.data["search"] if i["token"] == token), None)
        if item is None:
            return not_found()
        target = item["target"].replace(PLACEHOLDER, base_url)
        if path.startswith("/search-news/rss/articles/") and item.get("hops", 1) == 2:
            return redirect(f"{base_url}/search-news/track/{quote(token)}", 301)
        return redirect(target, 302)
