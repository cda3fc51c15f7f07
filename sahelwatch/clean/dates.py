"""The publication date of a report, from the most trustworthy place that states it.

Order of trust: the page's own metadata, then the feed, then a date in the URL. A report with none of them keeps
no date (and says so) rather than being dated to the crawl, which would put old news into today's figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import dateparser

_URL_DATE = re.compile(r"/(20\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)")
_URL_COMPACT = re.compile(r"/(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-")
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_PARSER_SETTINGS = {"RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC", "PREFER_DAY_OF_MONTH": "first"}


@dataclass(frozen=True)
class PublishedDate:
    value: datetime | None
    source: str | None  # page | feed | url | None when no trustworthy date was found


def parse_timestamp(text: str | None) -> datetime | None:
    """An ISO 8601 or RFC 822 timestamp in UTC; naive times are taken as UTC, the feeds' common default."""
    if not text or not text.strip():
        return None
    text = text.strip()[:64]
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        value = dateparser.parse(text, languages=["en", "fr"], settings=_PARSER_SETTINGS)
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def url_date(url: str) -> datetime | None:
    """A date written in the URL path (/2025/06/02/ or /20250602-), at midnight UTC."""
    match = _URL_DATE.search(url) or _URL_COMPACT.search(url)
    if not match:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    except ValueError:
        return None


def _plausible(value: datetime | None, fetched_at: datetime) -> bool:
    return value is not None and _EARLIEST <= value <= fetched_at + timedelta(days=1)


def choose_published(page: str | None, feed: str | None, url: str, fetched_at: datetime) -> PublishedDate:
    """The first plausible date in order of trust; dates in the future or before 1990 are not trusted."""
    for source, value in (("page", parse_timestamp(page)), ("feed", parse_timestamp(feed)), ("url", url_date(url))):
        if _plausible(value, fetched_at):
            return PublishedDate(value, source)
    return PublishedDate(None, None)
