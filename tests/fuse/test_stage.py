"""Fusion against a real warehouse, on multi-source scenarios written straight into staging."""

from datetime import UTC, date, datetime

import pytest

from sahelwatch.fuse.merge import Mention, incident_id
from sahelwatch.fuse.stage import exclude_report, fuse_interval, restore_report
from sahelwatch.interval import Interval

DIOURA = (
    "select incident_id, event_date::text, location, latitude, longitude, source_count, outlet_count,"
    " fatalities, fatalities_low, fatalities_high, injured, abducted, first_reported_at, last_reported_at,"
    " actor1 from marts.incidents where event_date between '2025-05-31' and '2025-06-03'"
    " and admin1 = 'Mopti'"
)


def run_days(conn, days) -> None:
    for day in days:
        fuse_interval(conn, Interval.for_day(day))
    conn.commit()


def dioura(conn) -> dict:
    rows = conn.execute(DIOURA).fetchall()
    assert len(rows) == 1, rows
    names = (
        "id",
        "date",
        "location",
        "lat",
        "lon",
        "sources",
        "outlets",
        "best",
        "low",
        "high",
        "injured",
        "abducted",
        "first",
        "last",
        "actor1",
    )
    return dict(zip(names, rows[0]))


def founder_id(report_id: str) -> str:
    return incident_id(Mention(report_id, 0, "", "", None, {}))


def test_three_outlets_on_consecutive_days_make_one_incident(conn, scenario) -> None:
    reports = scenario.load("dioura")
    scenario.insert(
        conn, [r for r in reports if r["id"] in ("echos-0602-dioura", "wire-0602-diura", "faso-0603-mopti")]
    )
    run_days(conn, [date(2025, 6, 2), date(2025, 6, 3)])
    row = dioura(conn)
    assert (row["date"], row["location"], row["lat"], row["lon"]) == ("2025-06-01", "Dioura", 14.87, -5.25)
    assert (row["sources"], row["outlets"]) == (3, 3)
    # lowest best estimate; the range spans every source; injured/abducted the highest count given
    assert (row["best"], row["low"], row["high"], row["injured"], row["abducted"]) == (12, 12, 20, 7, 5)
    assert row["first"] == datetime(2025, 6, 2, 7, 30, tzinfo=UTC)
    assert row["last"] == datetime(2025, 6, 3, 9, 0, tzinfo=UTC)
    assert row["actor1"] == "JNIM: Group for Support of Islam and Muslims"
    assert row["id"] == founder_id("echos-0602-dioura")
    sources = conn.execute(
        "select report_id, match_rule, round(distance_km::numeric, 1), fatalities"
        " from marts.incident_sources where incident_id = %s order by report_id",
        (row["id"],),
    ).fetchall()
    assert [(s[0], s[1]) for s in sources] == [
        ("echos-0602-dioura", "anchor"),
        ("faso-0603-mopti", "admin"),
        ("wire-0602-diura", "distance"),
    ]
    assert 4 < sources[2][2] < 6 and [s[3] for s in sources] == [12, 20, 15]
    # the drone strike in Ber, from the same report, stays its own incident
    assert conn.execute("select source_count, fatalities from marts.incidents where location = 'Ber'").fetchall() == [
        (1, 10)
    ]


def test_two_attacks_in_the_same_town_a_week_apart_stay_two(conn, scenario) -> None:
    reports = scenario.load("dioura")
    scenario.insert(conn, reports)
    run_days(conn, scenario.intervals(reports))
    rows = conn.execute(
        "select event_date::text, source_count, fatalities from marts.incidents"
        " where location = 'Dioura' order by event_date"
    ).fetchall()
    assert rows == [("2025-06-01", 5, 10), ("2025-06-08", 1, 3)]
    assert conn.execute("select count(*) from marts.incidents").fetchone()[0] == 3


def test_late_reports_update_the_incident_and_keep_its_id(conn, scenario) -> None:
    reports = {r["id"]: r for r in scenario.load("dioura")}
    scenario.insert(conn, [reports["echos-0602-dioura"], reports["wire-0602-diura"]])
    run_days(conn, [date(2025, 6, 2)])
    first = dioura(conn)
    assert first["sources"] == 2 and first["high"] == 20

    scenario.insert(conn, [reports["faso-0603-mopti"], reports["maliweb-0603-dioura"]])
    result = fuse_interval(conn, Interval.for_day(date(2025, 6, 3)))
    conn.commit()
    assert (result.incidents, result.removed) == (1, 0)
    later = dioura(conn)
    assert later["id"] == first["id"] and later["sources"] == 4 and later["high"] == 40

    # an article published before all the others, crawled only on 5 June (a backfill), joins the same incident:
    # the id does not move to it, the first-reported time does
    scenario.insert(conn, [reports["tamani-0601-dioura"]])
    run_days(conn, [date(2025, 6, 5)])
    late = dioura(conn)
    assert late["id"] == first["id"] and late["sources"] == 5
    assert (late["best"], late["low"]) == (10, 10)
    assert late["first"] == datetime(2025, 6, 1, 22, 0, tzinfo=UTC)
    assert conn.execute("select count(*) from marts.incidents").fetchone()[0] == 2


def test_retracted_report_is_removed_and_incident_recomputed(conn, scenario) -> None:
    reports = scenario.load("dioura")
    scenario.insert(conn, reports)
    run_days(conn, scenario.intervals(reports))
    before = dioura(conn)
    assert (before["sources"], before["high"]) == (5, 40)

    result = exclude_report(conn, "maliweb-0603-dioura", "retracted", "the outlet withdrew the 40-dead toll")
    conn.commit()
    assert (result.incidents, result.removed) == (1, 0)
    after = dioura(conn)
    assert after["id"] == before["id"] and (after["sources"], after["high"]) == (4, 20)
    assert (
        conn.execute("select count(*) from marts.incident_sources where report_id = 'maliweb-0603-dioura'").fetchone()[
            0
        ]
        == 0
    )
    assert (
        conn.execute(
            "select fatalities_high from marts.daily_counts where event_date = '2025-06-01' and admin1 = 'Mopti'"
        ).fetchone()[0]
        == 20
    )

    # a re-run of the report's day keeps it out
    run_days(conn, [date(2025, 6, 3)])
    assert dioura(conn)["sources"] == 4

    # the only report of an incident gone: the incident goes too
    removed = exclude_report(conn, "echos-0609-dioura", "not_an_incident")
    conn.commit()
    assert removed.removed == 1
    assert conn.execute("select count(*) from marts.incidents where event_date = '2025-06-08'").fetchone()[0] == 0
    assert conn.execute("select count(*) from marts.daily_counts where event_date = '2025-06-08'").fetchone()[0] == 0

    restore_report(conn, "maliweb-0603-dioura")
    conn.commit()
    assert dioura(conn) == before

    with pytest.raises(ValueError):
        exclude_report(conn, "maliweb-0603-dioura", "boring")


def test_report_marked_duplicate_later_leaves_on_rerun_of_its_day(conn, scenario) -> None:
    reports = scenario.load("dioura")
    scenario.insert(conn, reports)
    run_days(conn, scenario.intervals(reports))
    conn.execute(
        "update staging.reports set duplicate_of = 'echos-0602-dioura' where report_id = 'maliweb-0603-dioura'"
    )
    conn.commit()
    run_days(conn, [date(2025, 6, 3)])
    assert (dioura(conn)["sources"], dioura(conn)["high"]) == (4, 20)


def test_reruns_and_backfills_leave_the_same_rows(conn, scenario, checksums) -> None:
    reports = scenario.load("dioura")
    scenario.insert(conn, reports)
    days = scenario.intervals(reports)
    run_days(conn, days)
    daily = checksums(conn)

    run_days(conn, [date(2025, 6, 3)])  # re-run one day
    assert checksums(conn) == daily
    backfill = Interval(datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 6, 10, tzinfo=UTC))
    fuse_interval(conn, backfill)  # a backfill over the whole range
    conn.commit()
    assert checksums(conn) == daily
    run_days(conn, days)  # and every day again
    assert checksums(conn) == daily

    # from an empty marts, the backfill alone writes the very same rows (ids included)
    conn.execute(
        "truncate marts.incidents, marts.incident_sources, marts.incident_aliases, marts.daily_counts,"
        " marts.daily_actor_counts"
    )
    conn.commit()
    fuse_interval(conn, backfill)
    conn.commit()
    assert checksums(conn) == daily


def test_a_bridging_report_merges_two_incidents_and_the_old_id_becomes_an_alias(conn, scenario) -> None:
    def admin_level(report_id: str, day: str, published: str, fatalities: int) -> dict:
        return {
            "id": report_id,
            "source_id": report_id.split("-")[0],
            "source_country": "Mali",
            "published_at": published,
            "interval": published[:10],
            "mentions": [
                {
                    "event_date": day,
                    "location": "Mopti",
                    "admin1": "Mopti",
                    "geo_precision": 3,
                    "fatalities": fatalities,
                    "fatalities_low": fatalities,
                    "fatalities_high": fatalities,
                }
            ],
        }

    scenario.insert(
        conn,
        [
            admin_level("a-0602", "2025-06-01", "2025-06-02T08:00:00+00:00", 5),
            admin_level("b-0605", "2025-06-04", "2025-06-05T08:00:00+00:00", 7),
        ],
    )
    run_days(conn, [date(2025, 6, 2), date(2025, 6, 5)])
    ids = [row[0] for row in conn.execute("select incident_id from marts.incidents order by event_date")]
    assert len(ids) == 2  # three days apart: two incidents

    # a town-level report dated between them ties both to one attack
    scenario.insert(
        conn,
        [
            {
                "id": "c-0606",
                "source_id": "c",
                "source_country": "Mali",
                "published_at": "2025-06-06T08:00:00+00:00",
                "interval": "2025-06-06",
                "mentions": [
                    {
                        "event_date": "2025-06-03",
                        "location": "Dioura",
                        "admin1": "Mopti",
                        "latitude": 14.87,
                        "longitude": -5.25,
                        "fatalities": 6,
                    }
                ],
            }
        ],
    )
    result = fuse_interval(conn, Interval.for_day(date(2025, 6, 6)))
    conn.commit()
    assert (result.incidents, result.removed) == (1, 1)
    rows = conn.execute("select incident_id, source_count, location, fatalities from marts.incidents").fetchall()
    assert rows == [(ids[0], 3, "Dioura", 5)]  # the incident founded first keeps its id
    assert conn.execute("select alias_id, incident_id from marts.incident_aliases").fetchall() == [(ids[1], ids[0])]


def test_implausible_mentions_are_left_out_and_bad_coordinates_dropped(conn, scenario) -> None:
    scenario.insert(
        conn,
        [
            {
                "id": "x-0602",
                "source_id": "x",
                "source_country": "Mali",
                "published_at": "2025-06-02T08:00:00+00:00",
                "interval": "2025-06-02",
                "mentions": [
                    {
                        "event_date": "2025-06-01",
                        "location": "Dioura",
                        "admin1": "Mopti",
                        "latitude": 41.0,
                        "longitude": 2.0,
                    },  # Barcelona: outside Mali
                    {"event_date": "2025-06-20", "location": "Ber", "admin1": "Tombouctou"},
                    {"event_date": "2025-06-01", "event_type": "Weather", "location": "Gao"},
                ],
            }
        ],
    )
    result = fuse_interval(conn, Interval.for_day(date(2025, 6, 2)))
    conn.commit()
    assert (result.incidents, result.rejected) == (1, 2)
    assert conn.execute("select location, latitude, longitude from marts.incidents").fetchall() == [
        ("Dioura", None, None)
    ]
