"""The one-day convention (sahelwatch/interval.py): which day a run covers, from its `day` param, its data interval
or its creation time, and days after today refused everywhere."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sahelwatch.interval import FutureDay, Interval, check_not_future, interval_for_run, manual_run_times

NOW = datetime(2026, 12, 7, 10, 30, 15, tzinfo=UTC)
JUNE_2 = Interval.for_day(date(2025, 6, 2))


def test_the_day_param_wins_over_the_data_interval() -> None:
    """A form trigger of 2 June at logical date `now` still covers 2 June."""
    scheduled = (datetime(2026, 12, 6, tzinfo=UTC), datetime(2026, 12, 7, tzinfo=UTC))
    assert interval_for_run({}, *scheduled, params={"day": "2025-06-02"}, now=NOW) == JUNE_2
    assert interval_for_run({"day": "2025-06-02"}, *scheduled, now=NOW) == JUNE_2


def test_without_a_day_the_data_interval_is_the_day() -> None:
    """Scheduled and backfill runs: logical date D 00:00, interval [D, D+1)."""
    assert interval_for_run({}, JUNE_2.start, JUNE_2.end, params={"day": None}, now=NOW) == JUNE_2
    assert interval_for_run({"day": ""}, JUNE_2.start, JUNE_2.end, now=NOW) == JUNE_2


def test_a_trigger_without_day_or_interval_covers_the_last_complete_day() -> None:
    assert interval_for_run(None, None, None, run_after=NOW, now=NOW) == Interval.for_day(date(2026, 12, 6))


@pytest.mark.parametrize("conf", [{"day": "2026-12-08"}, {"day": "2030-01-01"}])
def test_a_day_after_today_is_refused(conf: dict) -> None:
    with pytest.raises(FutureDay, match="after today"):
        interval_for_run(conf, None, None, now=NOW)


def test_today_is_allowed_and_tomorrow_is_not() -> None:
    assert check_not_future(date(2026, 12, 7), today=date(2026, 12, 7)) == date(2026, 12, 7)
    with pytest.raises(FutureDay, match="give a day up to 2026-12-07"):
        check_not_future(date(2026, 12, 8), today=date(2026, 12, 7))


def test_a_bad_day_says_the_expected_form() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        interval_for_run({"day": "2 June"}, None, None, now=NOW)


def test_a_cli_run_has_a_unique_logical_date_inside_its_day() -> None:
    logical, interval = manual_run_times(date(2025, 6, 2), now=NOW)
    assert interval == JUNE_2
    assert logical == datetime(2025, 6, 2, 10, 30, 15, tzinfo=UTC)
    assert interval.start <= logical < interval.end
    later, _ = manual_run_times(date(2025, 6, 2), now=NOW.replace(second=16))
    assert later != logical
    with pytest.raises(FutureDay):
        manual_run_times(date(2026, 12, 8), now=NOW)
