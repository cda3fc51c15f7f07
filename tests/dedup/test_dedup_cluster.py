"""Cluster assignment (sahelwatch.dedup.cluster): the canonical rule, exact and near rules, determinism."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sahelwatch.dedup.cluster import Assignment, Earlier, Report, assign
from sahelwatch.dedup.exact import ExactIndex
from sahelwatch.dedup.signature import sign

from .pairs import load

DOCUMENTS, _ = load()
T0 = datetime(2025, 9, 14, 8, 0, tzinfo=UTC)


def report(report_id: str, text: str, hours: float | None, url: str | None = None) -> Report:
    from sahelwatch.clean.text import content_hash

    published = None if hours is None else T0 + timedelta(hours=hours)
    return Report(
        report_id, url or f"https://site.example/{report_id}", content_hash(text), published, len(text), sign(text)
    )


def by_id(assignments: list[Assignment]) -> dict[str, Assignment]:
    return {a.report_id: a for a in assignments}


def text(key: str) -> str:
    return DOCUMENTS[key].text


def test_earliest_report_is_canonical_and_copies_point_to_it() -> None:
    result = by_id(
        assign(
            [
                report("b", text("fr_djibo_convoi/original"), 5),
                report("a", text("fr_djibo_convoi/original"), 9),
                report("c", text("fr_djibo_convoi/original"), 2),
            ],
            [],
        )
    )
    assert result["c"] == Assignment("c", None, "c", None, None)
    assert result["a"] == Assignment("a", "c", "c", "hash", 1.0)
    assert result["b"] == Assignment("b", "c", "c", "hash", 1.0)


def test_at_equal_times_the_most_complete_wins() -> None:
    result = by_id(
        assign(
            [report("short", text("fr_boni_engin/truncated"), 1), report("full", text("fr_boni_engin/original"), 1)], []
        )
    )
    assert result["full"].duplicate_of is None
    assert (result["short"].duplicate_of, result["short"].rule) == ("full", "near")
    assert 0 < result["short"].similarity < 1


def test_an_undated_copy_never_becomes_canonical() -> None:
    result = by_id(
        assign(
            [
                report("undated", text("en_tera_attack/original"), None),
                report("dated", text("en_tera_attack/edited"), 30),
            ],
            [],
        )
    )
    assert result["dated"].duplicate_of is None and result["undated"].duplicate_of == "dated"


def test_same_canonical_url_is_a_copy_whatever_the_text() -> None:
    result = by_id(
        assign(
            [
                report("amp", "Texte tronqué de la version AMP.", 2, url="https://x.ml/a"),
                report("page", text("fr_kidal_frappe/original"), 1, url="https://x.ml/a"),
            ],
            [],
        )
    )
    assert (result["amp"].duplicate_of, result["amp"].rule) == ("page", "url")


def test_different_journalists_on_the_same_event_stay_apart() -> None:
    result = assign(
        [
            report(key.split("/")[1], text(key), n)
            for n, key in enumerate(
                [
                    "fr_djibo_convoi/original",
                    "fr_djibo_convoi/rival",
                    "fr_tillaberi_enlevement/rival",
                    "fr_tillaberi_enlevement/rival2",
                ]
            )
        ],
        [],
    )
    assert all(a.duplicate_of is None for a in result)


def test_copies_of_earlier_reports_join_their_cluster_root() -> None:
    earlier = [
        Earlier("day1-original", "day1-original", sign(text("fr_aes_sommet/original"))),
        Earlier("day1-copy", "day1-original", sign(text("fr_aes_sommet/edited"))),
    ]
    result = by_id(assign([report("today", text("fr_aes_sommet/edited"), 30)], earlier))
    assert (result["today"].duplicate_of, result["today"].cluster_id) == ("day1-original", "day1-original")


def test_exact_keys_from_history_win() -> None:
    history = ExactIndex()
    original = report("old", text("en_uranium_permit/original"), 0)
    history.add(original.canonical_url, original.content_hash, "old-root")
    result = assign([report("new", text("en_uranium_permit/original"), 40)], [], history)
    assert (result[0].duplicate_of, result[0].rule) == ("old-root", "hash")


def test_input_order_does_not_matter() -> None:
    keys = sorted(DOCUMENTS)[:40]
    reports = [report(f"r{n:02d}", text(key), n % 7 if n % 5 else None) for n, key in enumerate(keys)]
    expected = sorted(assign(reports, []), key=lambda a: a.report_id)
    for seed in range(3):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(assign(shuffled, []), key=lambda a: a.report_id) == expected
    assert any(a.duplicate_of for a in expected)
