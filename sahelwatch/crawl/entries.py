"""What every listing (feed, news sitemap, API answer) is turned into: entries that point at articles.

The spiders decide which entries to fetch with `admit`, the same rules for every kind of source, so a feed and a
sitemap of the same outlet keep the same articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Entry:
    """One article announced by a listing, before it is fetched."""

    link: str | None
    title: str | None = None
    summary: str | None = None
    published: datetime | None = None  # timezone-aware
    author: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # listing-specific data the item may use (API bodies)


class Verdict(StrEnum):
    """Why an entry is or is not fetched; the skip reasons are counted as `skipped/<verdict>` in the stats."""

    FETCH = "fetch"
    NO_LINK = "entry_without_link"  # counted as an error: the listing is broken
    BAD_SCHEME = "bad_scheme"
    DUPLICATE = "duplicate"
    FILTERED = "filtered"
    UNDATED = "undated"
    OUT_OF_INTERVAL = "out_of_interval"
    KNOWN = "known"
    OVER_CAP = "over_cap"


@dataclass
class Admission:
    """The per-crawl rules: data interval, backfill, source filters, already-known URLs and the item cap."""

    start: datetime
    end: datetime
    backfill: bool = False
    url_filter: re.Pattern[str] | None = None
    entry_filter: re.Pattern[str] | None = None
    known_urls: frozenset[str] = frozenset()
    max_items: int = 200
    _links: set[str] = field(default_factory=set)
    admitted: int = 0

    @classmethod
    def from_source(
        cls,
        source: dict[str, Any],
        start: datetime,
        end: datetime,
        *,
        backfill: bool,
        known_urls: frozenset[str],
        max_items: int,
    ) -> Admission:
        return cls(
            start=start,
            end=end,
            backfill=backfill,
            url_filter=_pattern(source.get("url_filter")),
            entry_filter=_pattern(source.get("entry_filter")),
            known_urls=known_urls,
            max_items=max_items,
        )

    def in_interval(self, published: datetime | None) -> Verdict | None:
        """None when the date is acceptable for this crawl, else the reason it is not."""
        if published is None:
            return None if self.backfill else Verdict.UNDATED
        if self.start <= published < self.end:
            return None
        if self.backfill and published < self.start:
            return None  # a backfill keeps older items; items dated after the interval belong to a later one
        return Verdict.OUT_OF_INTERVAL

    def judge(self, entry: Entry) -> Verdict:
        """Decide one entry. Order matters: the counts say why the most fundamental rule rejected it."""
        link = (entry.link or "").strip()
        if not link:
            return Verdict.NO_LINK
        if not link.startswith(("http://", "https://")):
            return Verdict.BAD_SCHEME
        if link in self._links:
            return Verdict.DUPLICATE
        self._links.add(link)
        if self.url_filter is not None and not self.url_filter.search(link):
            return Verdict.FILTERED
        if self.entry_filter is not None and not self.entry_filter.search(
            " ".join(filter(None, (entry.title, entry.summary)))
        ):
            return Verdict.FILTERED
        if (reason := self.in_interval(entry.published)) is not None:
            return reason
        if link in self.known_urls:
            return Verdict.KNOWN
        if self.admitted >= self.max_items:
            return Verdict.OVER_CAP
        self.admitted += 1
        return Verdict.FETCH


def _pattern(value: Any) -> re.Pattern[str] | None:
    return re.compile(str(value)) if value else None


def parse_datetime(value: str | None) -> datetime | None:
    """W3C/ISO 8601 dates as sitemaps and APIs write them; naive values are taken as UTC; None if unreadable."""
    if not value:
        return None
    text = value.strip()
    compact = re.fullmatch(r"(\d{8})T?(\d{6})Z?", text)  # GDELT: 20250602T073000Z
    if compact:
        text = f"{compact.group(1)}T{compact.group(2)}+00:00"
    try:
        parsed = datetime.fromisoformat(text)
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # 9999-12-31T23:00-05:00 is past the last day Python holds in UTC
        return None
