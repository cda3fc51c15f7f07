"""Publication dates (sahelwatch.clean.dates): order of trust, UTC, and no date rather than a wrong one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sahelwatch.clean.dates import choose_published, parse_timestamp, url_date

FETCHED = datetime(2025, 6, 2, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-02T07:30:00+00:00", datetime(2025, 6, 2, 7, 30, tzinfo=UTC)),
        ("2025-06-02T08:30:00+01:00", datetime(2025, 6, 2, 7, 30, tzinfo=UTC)),
        ("2025-06-02T07:30:00Z", datetime(2025, 6, 2, 7, 30, tzinfo=UTC)),
        ("2025-06-02T07:30:00.000+0000", datetime(2025, 6, 2, 7, 30, tzinfo=UTC)),
        ("2025-06-02", datetime(2025, 6, 2, tzinfo=UTC)),
        ("Mon, 02 Jun 2025 07:30:00 +0000", datetime(2025, 6, 2, 7, 30, tzinfo=UTC)),
        ("Sun, 1 Jun 2025 23:00:00 GMT", datetime(2025, 6, 1, 23, 0, tzinfo=UTC)),
        ("lundi 2 juin 2025", datetime(2025, 6, 2, tzinfo=UTC)),
        ("2 juin 2025 à 10h15", datetime(2025, 6, 2, 10, 15, tzinfo=UTC)),
        ("02/06/2025", datetime(2025, 6, 2, tzinfo=UTC)),  # day first, as Sahel outlets write it
    ],
)
def test_timestamps_are_read_in_utc(text: str, expected: datetime) -> None:
    assert parse_timestamp(text) == expected


@pytest.mark.parametrize(
    "text", [None, "", "   ", "garbage", "il y a 2 heures", "hier", "2 juin", "June 2025", "0000-00-00 00:00:00"]
)
def test_relative_partial_or_broken_dates_are_refused(text: str | None) -> None:
    """Relative and partial dates would be completed from the clock: a re-run must not depend on it."""
    assert parse_timestamp(text) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://echos.ml/2025/06/02/attaque-dioura/", datetime(2025, 6, 2, tzinfo=UTC)),
        ("https://site.bf/2025-06-02-prix-du-coton", datetime(2025, 6, 2, tzinfo=UTC)),
        ("https://wire.example/stories/202506020041.html", datetime(2025, 6, 2, tzinfo=UTC)),
        ("https://site.ne/actu/20250602-inondations-niamey", datetime(2025, 6, 2, tzinfo=UTC)),
        ("https://lefaso.net/spip.php?article139000", None),
        ("https://echos.ml/2025/06/31/impossible/", None),
        ("https://echos.ml/2025/06/tribune/", None),
        ("https://site.ml/wp-content/uploads/20250602123456789.jpg", None),
    ],
)
def test_url_dates(url: str, expected: datetime | None) -> None:
    assert url_date(url) == expected


def test_page_metadata_beats_feed_and_url() -> None:
    chosen = choose_published(
        "2025-06-01T17:20:00+00:00", "Mon, 02 Jun 2025 09:00:00 +0000", "https://echos.ml/2025/05/30/x/", FETCHED
    )
    assert (chosen.value, chosen.source) == (datetime(2025, 6, 1, 17, 20, tzinfo=UTC), "page")


def test_feed_date_when_the_page_has_none() -> None:
    chosen = choose_published(None, "Mon, 02 Jun 2025 16:45:00 +0000", "https://echos.ml/breves/x/", FETCHED)
    assert (chosen.value, chosen.source) == (datetime(2025, 6, 2, 16, 45, tzinfo=UTC), "feed")


def test_url_date_last() -> None:
    chosen = choose_published("", "not a date", "https://echos.ml/2025/06/01/x/", FETCHED)
    assert (chosen.value, chosen.source) == (datetime(2025, 6, 1, tzinfo=UTC), "url")


@pytest.mark.parametrize(
    "absurd", ["1970-01-01T00:00:00Z", "1899-12-31", "2031-01-01T00:00:00Z", "2025-06-04T00:00:00Z"]
)
def test_absurd_page_dates_fall_through_to_the_next_source(absurd: str) -> None:
    chosen = choose_published(absurd, "Mon, 02 Jun 2025 09:00:00 +0000", "https://x.ml/a", FETCHED)
    assert chosen.source == "feed"


def test_no_trustworthy_date_is_flagged_not_set_to_the_crawl_time() -> None:
    chosen = choose_published("1970-01-01", None, "https://lefaso.net/spip.php?article139000", FETCHED)
    assert (chosen.value, chosen.source) == (None, None)


def test_a_few_hours_ahead_of_the_fetch_is_tolerated() -> None:
    """Feeds in UTC+1 that label local time as UTC look up to an hour in the future."""
    chosen = choose_published("2025-06-02T19:00:00Z", None, "https://x.ml/a", FETCHED)
    assert chosen.source == "page"
