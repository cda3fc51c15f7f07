"""The publication date of a report, from the most trustworthy place that states it.

Order of trust: the page's own metadata, then the feed, then a date in the URL. A report with none of them keeps
no date (published_at null, date_source null: the flag) rather than being dated to the crawl, which would put old
news into today's figures. Dates before 1990 (CMS defaults such as 1970-01-01) or more than a day after the fetch
are not trusted.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import dateparser

from sahelwatch.daybounds import FUTURE_SLACK, day_in_range

_URL_DATE = re.compile(r"/(20\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
# /20250602-slug and allAfrica-style /stories/202506020041.html (date then a four-digit serial).
_URL_COMPACT = re.compile(r"/(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:-|_|\d{4}\.html?$)")
# Sahel outlets write day-month-year: "02/06/2025" is the 2nd of June. Relative ("il y a 2 heures") and partial
# ("2 juin") dates are refused: dateparser would complete them from the clock, and a re-run must not depend on it.
_PARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TO_TIMEZONE": "UTC",
    "DATE_ORDER": "DMY",
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}


@dataclass(frozen=True)
class PublishedDate:
    value: datetime | None
    source: str | None  # page | feed | url | None when no trustworthy date was found


def _as_utc(value: datetime) -> datetime | None:
    """Naive times are taken as UTC: the feeds' common default, and Mali's and Burkina Faso's own time. A time that
    UTC puts past year 9999 (9999-12-31T23:00-05:00) is no date at all: None, instead of failing the day's clean."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        return None


def parse_timestamp(text: str | None) -> datetime | None:
    """An ISO 8601, RFC 822 or written-out ("lundi 2 juin 2025") timestamp in UTC, or None."""
    if not text or not text.strip():
        return None
    text = text.strip()[:64]
    try:
        return _as_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _as_utc(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    value = dateparser.parse(text, languages=["fr", "en"], settings=_PARSER_SETTINGS)
    return _as_utc(value) if value is not None else None


def url_date(url: str) -> datetime | None:
    """A date written in the URL path (/2025/06/02/, /20250602-, /stories/202506020041.html), at midnight UTC."""
    match = _URL_DATE.search(url) or _URL_COMPACT.search(url)
    if not match:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    except ValueError:  # 31 June and the like
        return None


def plausible(value: datetime | None, fetched_at: datetime) -> bool:
    """Within sahelwatch's range of days (sahelwatch.daybounds: not before 1990, a CMS placeholder, nor after
    tomorrow, whatever the run file says the fetch time was) and not more than a day after the page was fetched."""
    return value is not None and day_in_range(value) and value - FUTURE_SLACK <= fetched_at  # no overflow at 9999


def choose_published(page: str | None, feed: str | None, url: str, fetched_at: datetime) -> PublishedDate:
    """The first plausible date in order of trust: page metadata, feed, URL."""
    for source, value in (("page", parse_timestamp(page)), ("feed", parse_timestamp(feed)), ("url", url_date(url))):
        if plausible(value, fetched_at):
            return PublishedDate(value, source)
    return PublishedDate(None, None)
