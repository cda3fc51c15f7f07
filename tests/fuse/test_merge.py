from datetime import UTC, date, datetime

from sahelwatch.fuse.merge import Mention, fuse, incident_id


def mention(report_id: str, **fields: object) -> Mention:
    base = {"event_date": date(2025, 6, 1), "time_precision": 1, "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": "JNIM", "actor2": "Military Forces of Mali", "country": "Mali",
            "admin1": "Mopti", "admin2": "Tenenkou", "location": "Dioura", "latitude": 14.8, "longitude": -5.2,
            "geo_precision": 1, "fatalities": 12, "fatalities_low": 12, "fatalities_high": 12, "injured": None,
            "abducted": 5, "evidence": f"evidence {report_id}", "confidence": 0.8}
    base.update(fields)
    return Mention(report_id, 0, "src", f"https://x/{report_id}", datetime(2025, 6, 2, tzinfo=UTC), base)


def test_sources_reconciled_conservatively() -> None:
    row = fuse([mention("a", fatalities=12, fatalities_low=12, fatalities_high=15, injured=3),
                mention("b", fatalities=20, fatalities_low=20, fatalities_high=20, injured=None, abducted=1),
                mention("c", fatalities=None, fatalities_low=None, fatalities_high=None)])
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (12, 12, 20)
    assert (row["injured"], row["abducted"], row["source_count"]) == (3, 5, 3)


def test_key_ignores_case_of_place_and_id_is_stable() -> None:
    assert mention("a").key == mention("b", location="DIOURA").key
    assert incident_id(mention("a").key) == incident_id(mention("z").key)
    assert incident_id(mention("a").key) != incident_id(mention("a", event_date=date(2025, 6, 8)).key)


def test_lead_mention_is_the_most_confident() -> None:
    row = fuse([mention("a", confidence=0.5, actor1="Unidentified"), mention("b", confidence=0.9)])
    assert row["actor1"] == "JNIM" and row["evidence"] == "evidence b"
