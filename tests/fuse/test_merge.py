from dataclasses import replace
from datetime import UTC, date, datetime

from sahelwatch.fuse.merge import Mention, actor_inter, fuse, incident_id, reconcile_fatalities


def mention(
    report_id: str, seq: int = 0, published: datetime | None = datetime(2025, 6, 2, tzinfo=UTC), **fields: object
) -> Mention:
    base = {
        "event_date": date(2025, 6, 1),
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "JNIM",
        "actor2": "Military Forces of Mali (2021-)",
        "country": "Mali",
        "admin1": "Mopti",
        "admin2": "Tenenkou",
        "location": "Dioura",
        "latitude": 14.87,
        "longitude": -5.25,
        "geo_precision": 1,
        "fatalities": 12,
        "fatalities_low": 12,
        "fatalities_high": 12,
        "injured": None,
        "abducted": 5,
        "evidence": f"evidence {report_id}",
        "confidence": 0.8,
    }
    base.update(fields)
    return Mention(
        report_id,
        seq,
        f"src-{report_id}",
        f"https://x/{report_id}",
        published,
        base,
        interval_start=datetime(2025, 6, 2, tzinfo=UTC),
    )


def test_sources_reconciled_conservatively() -> None:
    row = fuse(
        [
            mention("a", fatalities=12, fatalities_low=12, fatalities_high=15, injured=3),
            mention("b", fatalities=20, fatalities_low=20, fatalities_high=20, injured=None, abducted=1),
            mention("c", fatalities=None, fatalities_low=None, fatalities_high=None),
        ]
    )
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (12, 12, 20)
    assert (row["injured"], row["abducted"], row["source_count"], row["outlet_count"]) == (3, 5, 3, 3)


def test_fatality_range_always_contains_the_best_estimate() -> None:
    # "at least 12" (no upper bound) and a source with an inconsistent range
    assert reconcile_fatalities([mention("a", fatalities=12, fatalities_low=12, fatalities_high=None)]) == (12, 12, 12)
    assert reconcile_fatalities([mention("a", fatalities=5, fatalities_low=8, fatalities_high=3)]) == (5, 5, 5)
    assert reconcile_fatalities([mention("a", fatalities=None, fatalities_low=None, fatalities_high=None)]) == (
        None,
        None,
        None,
    )
    assert reconcile_fatalities(
        [
            mention("a", fatalities=None, fatalities_low=4, fatalities_high=9),
            mention("b", fatalities=None, fatalities_low=6, fatalities_high=None),
        ]
    ) == (None, 4, 9)


def test_lead_gives_actors_and_anchor_gives_place() -> None:
    vague = mention(
        "a",
        confidence=0.9,
        actor1="Unidentified Armed Group (Mali)",
        geo_precision=3,
        location="Mopti",
        latitude=None,
        longitude=None,
        admin2=None,
    )
    precise = mention("b", confidence=0.6, location="Diura", latitude=14.84, longitude=-5.21)
    row = fuse([vague, precise])
    assert row["actor1"] == "Unidentified Armed Group (Mali)" and row["evidence"] == "evidence a"
    assert (row["location"], row["latitude"], row["geo_precision"], row["admin2"]) == ("Diura", 14.84, 1, "Tenenkou")
    assert (row["inter1"], row["inter2"]) == (3, 1)


def test_event_date_is_the_most_reported_among_the_most_precise() -> None:
    row = fuse(
        [
            mention("a", event_date=date(2025, 6, 2)),
            mention("b"),
            mention("c"),
            mention("d", event_date=date(2025, 6, 3), time_precision=2),
        ]
    )
    assert (row["event_date"], row["time_precision"]) == (date(2025, 6, 1), 1)
    tie = fuse([mention("a", event_date=date(2025, 6, 2)), mention("b")])
    assert tie["event_date"] == date(2025, 6, 1)


def test_reported_times_fall_back_to_fetch_time() -> None:
    undated = Mention(
        "u", 0, "s", "https://x/u", None, mention("u").fields, fetched_at=datetime(2025, 6, 4, 12, tzinfo=UTC)
    )
    row = fuse([mention("a"), undated])
    assert row["first_reported_at"] == datetime(2025, 6, 2, tzinfo=UTC)
    assert row["last_reported_at"] == datetime(2025, 6, 4, 12, tzinfo=UTC)


def test_new_ids_hash_the_founding_mention() -> None:
    early = mention("a", published=datetime(2025, 6, 2, 7, tzinfo=UTC))
    later = mention("b", published=datetime(2025, 6, 2, 9, tzinfo=UTC))
    assert fuse([later, early])["incident_id"] == incident_id(early) == fuse([early])["incident_id"]
    assert incident_id(early) != incident_id(mention("a", seq=1)) != incident_id(early, attempt=1)
    assert fuse([later], incident="kept")["incident_id"] == "kept"


def test_inter_codes_from_actor_names() -> None:
    assert [
        actor_inter(a)
        for a in (
            "Military Forces of Niger (2023-)",
            "Civilians (Mali)",
            "Protesters (Mali)",
            "JNIM: Group for Support of Islam and Muslims",
            None,
        )
    ] == [1, 7, 6, None, None]
    extracted = mention("a", actor1="JNIM")
    row = fuse([replace(extracted, extra={"inter1": 2, "inter2": 1})])
    assert (row["inter1"], row["inter2"]) == (2, 1)
