"""The two search APIs sahelwatch reads: GDELT DOC 2.0 (article lists) and ReliefWeb v2 (reports with their text).

Pure functions: request URLs from a source URL and an interval, entries from a JSON body. The spiders do the I/O.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sahelwatch.crawl.entries import Entry, parse_datetime

GDELT_MAX_RECORDS = 250
GDELT_LANGUAGES = {
    "french": "fr",
    "english": "en",
    "arabic": "ar",
    "spanish": "es",
    "portuguese": "pt",
    "german": "de",
    "hausa": "ha",
    "italian": "it",
    "russian": "ru",
    "chinese": "zh",
    "turkish": "tr",
}
RELIEFWEB_FIELDS = (
    "title",
    "body",
    "body-html",
    "url",
    "url_alias",
    "date.created",
    "date.original",
    "source.name",
    "language.code",
    "primary_country.name",
)
RELIEFWEB_MAX_LIMIT = 1000
_SECRET_PARAMS = re.compile(r"((?:^|[?&])(?:appname|apikey|api_key|key|token)=)[^&#]*", re.IGNORECASE)


@dataclass(frozen=True)
class ApiResult:
    entries: list[Entry] = field(default_factory=list)
    problem: str | None = None  # api_error | api_malformed
    detail: str | None = None
    total: int | None = None  # ReliefWeb's totalCount


def _with_query(url: str, drop: set[str], add: list[tuple[str, str]]) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in drop]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query + add), ""))


def mask_secrets(url: str) -> str:
    """The URL with credential-like query values (ReliefWeb's appname, API keys) hidden, for logs and run files."""
    return _SECRET_PARAMS.sub(r"\1***", url)


def api_name(source: dict[str, Any]) -> str | None:
    """Which API a `kind: api` source uses: its `api` setting, else guessed from the API's host name."""
    if source.get("api"):
        return str(source["api"]).lower()
    host = (urlsplit(source.get("url", "")).hostname or "").lower()
    if host.endswith("gdeltproject.org"):
        return "gdelt"
    if host.endswith("reliefweb.int"):
        return "reliefweb"
    return None


# ---------------------------------------------------------------------------------------------------------- GDELT


def _gdelt_time(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


def gdelt_url(url: str, start: datetime, end: datetime) -> str:
    """The source's query as an article list (JSON) limited to [start, end); GDELT's end bound is inclusive."""
    parts = dict(parse_qsl(urlsplit(url).query))
    records = min(int(parts.get("maxrecords") or GDELT_MAX_RECORDS), GDELT_MAX_RECORDS)
    return _with_query(
        url,
        {"mode", "format", "timespan", "startdatetime", "enddatetime", "maxrecords", "sort"},
        [
            ("mode", "artlist"),
            ("format", "json"),
            ("maxrecords", str(records)),
            ("sort", "datedesc"),
            ("startdatetime", _gdelt_time(start)),
            ("enddatetime", _gdelt_time(end - timedelta(seconds=1))),
        ],
    )


def gdelt_max_records(url: str) -> int:
    return min(int(dict(parse_qsl(urlsplit(url).query)).get("maxrecords") or GDELT_MAX_RECORDS), GDELT_MAX_RECORDS)


def parse_gdelt(body: bytes) -> ApiResult:
    """Entries of an artlist answer. GDELT answers errors as plain text with status 200, and no match as `{}`."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text.startswith("{"):
        return ApiResult(problem="api_error", detail=text[:300] or "empty answer")
    try:
        document = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        return ApiResult(problem="api_malformed", detail=str(exc))
    articles = document.get("articles", []) if isinstance(document, dict) else None
    if not isinstance(articles, list):
        return ApiResult(problem="api_malformed", detail="'articles' is not a list")
    entries = []
    for article in articles:
        if not isinstance(article, dict):
            continue
        language = str(article.get("language") or "").lower()
        entries.append(
            Entry(
                link=article.get("url") or None,
                title=(article.get("title") or "").strip() or None,
                published=parse_datetime(article.get("seendate")),
                language=GDELT_LANGUAGES.get(language, language[:2] or None),
                extra={"domain": article.get("domain"), "sourcecountry": article.get("sourcecountry")},
            )
        )
    return ApiResult(entries)


# ------------------------------------------------------------------------------------------------------- ReliefWeb


def reliefweb_url(url: str, appname: str, offset: int = 0) -> str:
    """The source's report query with our appname, the fields we store, and a page offset."""
    query = dict(parse_qsl(urlsplit(url).query))
    add = [("appname", appname)] + [("fields[include][]", name) for name in RELIEFWEB_FIELDS]
    if not any(key.startswith("sort") for key in query):
        add.append(("sort[]", "date.created:desc"))
    if offset:
        add.append(("offset", str(offset)))
    return _with_query(url, {"appname", "offset", "fields[include][]", "profile", "preset"}, add)


def reliefweb_limit(url: str) -> int:
    try:
        return max(1, min(int(dict(parse_qsl(urlsplit(url).query)).get("limit") or 10), RELIEFWEB_MAX_LIMIT))
    except ValueError:
        return 10


def _names(values: Any, key: str) -> list[str]:
    return [str(v[key]) for v in values if isinstance(v, dict) and v.get(key)] if isinstance(values, list) else []


def parse_reliefweb(body: bytes) -> ApiResult:
    """Reports of a /v2/reports answer; each entry carries the report's HTML and text, which the API returns."""
    try:
        document = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return ApiResult(problem="api_malformed", detail=str(exc))
    if not isinstance(document, dict):
        return ApiResult(problem="api_malformed", detail="answer is not a JSON object")
    if "error" in document:
        error = document["error"]
        return ApiResult(problem="api_error", detail=str(error.get("message") if isinstance(error, dict) else error))
    records = document.get("data")
    if not isinstance(records, list):
        return ApiResult(problem="api_malformed", detail="'data' is not a list")
    entries = []
    for record in records:
        fields = record.get("fields") if isinstance(record, dict) else None
        if not isinstance(fields, dict):
            continue
        date_field = fields.get("date")
        dates = date_field if isinstance(date_field, dict) else {}
        languages = _names(fields.get("language"), "code")
        entries.append(
            Entry(
                link=fields.get("url_alias") or fields.get("url") or record.get("href"),
                title=fields.get("title"),
                published=parse_datetime(dates.get("created")),
                author=", ".join(_names(fields.get("source"), "name")) or None,
                language=languages[0] if languages else None,
                extra={
                    "html": fields.get("body-html"),
                    "text": fields.get("body"),
                    "original": dates.get("original"),
                    "api_url": record.get("href"),
                },
            )
        )
    total = document.get("totalCount")
    return ApiResult(entries, total=int(total) if isinstance(total, int) else None)
