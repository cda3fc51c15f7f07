from dataclasses import replace
from datetime import UTC, date, datetime

from sahelwatch.fuse.cluster import aliases, assign_ids, group
from sahelwatch.fuse.merge import Mention, incident_id


def mention(
    report_id: str,
    seq: int = 0,
    lon: float = -5.25,
    day: int = 1,
    confidence: float = 0.7,
    interval_day: int = 2,
    **fields: object,
) -> Mention:
    base = {
        "event_date": date(2025, 6, day),
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "JNIM",
        "actor2": None,
        "country": "Mali",
        "admin1": "Mopti",
        "admin2": None,
        "location": "Dioura",
        "latitude": 14.87,
        "longitude": lon,
        "geo_precision": 1,
        "fatalities": None,
        "fatalities_low": None,
        "fatalities_high": None,
        "injured": None,
        "abducted": None,
        "evidence": "",
        "confidence": confidence,
    }
    base.update(fields)
    return Mention(
        report_id,
        seq,
        report_id,
        f"https://x/{report_id}",
        datetime(2025, 6, 2, tzinfo=UTC),
        base,
        interval_start=datetime(2025, 6, interval_day, tzinfo=UTC),
    )


def confident(m: Mention) -> Mention:
    return replace(m, fields={**m.fields, "confidence": 0.9})


def keys(clusters) -> list[list[str]]:
    return [sorted(m.report_id for m in c.members) for c in clusters]


def test_a_week_apart_stays_two_and_consecutive_days_merge() -> None:
    clusters = group([mention("a"), mention("b", day=2), mention("c", day=8)])
    assert keys(clusters) == [["a", "b"], ["c"]]


def test_members_must_match_the_anchor_so_places_do_not_chain() -> None:
    km = 1 / 107.5  # one km of longitude at 14.87 N, roughly
    west, middle, east = mention("w", lon=-5.25 - 20 * km), mention("m", lon=-5.25), mention("e", lon=-5.25 + 20 * km)
    assert keys(group([west, confident(middle), east])) == [["e", "m", "w"]]
    assert sorted(keys(group([confident(west), middle, east]))) == [["e"], ["m", "w"]]


def test_two_mentions_of_one_report_never_merge() -> None:
    assert keys(group([mention("a", 0), mention("a", 1), mention("b")])) == [["a", "b"], ["a"]]


def test_grouping_does_not_depend_on_input_order() -> None:
    items = [mention(str(n), lon=-5.25 + n * 0.05, day=1 + n % 3, confidence=0.5 + n / 100) for n in range(12)]
    assert keys(group(items)) == keys(group(list(reversed(items))))


def test_ids_stay_with_their_incident() -> None:
    a, b = mention("a"), mention("b")
    (first,) = group([a, b])
    ids = assign_ids([first], {})
    assert ids == [incident_id(a)]
    # an article published earlier but crawled later joins: the id stays
    early = replace(mention("early", interval_day=5), published_at=datetime(2025, 6, 1, tzinfo=UTC))
    (second,) = group([a, b, early])
    assert assign_ids([second], {a.key: ids[0], b.key: ids[0]}) == ids
    # the founder is removed: the remaining mentions keep the id
    (third,) = group([b, early])
    assert assign_ids([third], {a.key: ids[0], b.key: ids[0], early.key: ids[0]}) == ids


def test_split_gives_the_id_to_the_larger_part_and_merge_leaves_an_alias() -> None:
    a, b, c = mention("a"), mention("b"), mention("c", day=8)
    previous = {a.key: "old", b.key: "old", c.key: "old"}
    clusters = group([a, b, c])
    ids = assign_ids(clusters, previous)
    assert ids[0] == "old" and ids[1] == incident_id(c)
    merged = group([a, b])
    new_ids = assign_ids(merged, {a.key: "one", b.key: "two"})
    assert new_ids == ["one"] and aliases({a.key: "one", b.key: "two"}, merged, new_ids) == {"two": "one"}
    assert assign_ids(group([c]), {}, reserved={incident_id(c)}) == [incident_id(c, 1)]
