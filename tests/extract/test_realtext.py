"""Real news must not score below the stored baseline: the corpus in ../shared/realtext (text we did not write, read
where it lies) is scored with its own scorer, and each figure is compared with tests/fixtures/realtext_baseline.json
(figures only, never text). Raise the baseline when the scores rise."""

import json
from pathlib import Path

import pytest

from sahelwatch.extract.corpus import DEFAULT_CORPUS, CorpusError, check_corpus, evaluate_corpus, parse_summary

BASELINE = Path(__file__).resolve().parents[1] / "fixtures" / "realtext_baseline.json"


@pytest.fixture(scope="module")
def scores(real_gazetteer):
    try:
        check_corpus(DEFAULT_CORPUS)
    except CorpusError as exc:
        pytest.skip(f"no real-news corpus beside the repository: {exc}")
    return evaluate_corpus(DEFAULT_CORPUS)


def test_scores_do_not_fall_below_the_baseline(scores):
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    for key in ("precision", "recall", "f1", "field_accuracy"):
        assert getattr(scores, key) >= baseline[key], (key, getattr(scores, key), baseline[key])
    for name, value in baseline["fields"].items():
        assert scores.fields.get(name, 0.0) >= value, (name, scores.fields.get(name), value)


def test_a_directory_without_a_corpus_is_refused(tmp_path):
    with pytest.raises(CorpusError, match="reports.jsonl"):
        evaluate_corpus(tmp_path)


def test_summary_without_the_closing_line_is_refused():
    with pytest.raises(CorpusError, match="incident F1"):
        parse_summary("date 3/4\n")
    summary = parse_summary("date 3/4\nprecision 0.50 recall 0.25 (tp 1 fp 1 fn 3)\nincident F1 0.33 field-acc 0.75\n")
    assert summary["fields"] == {"date": 0.75} and (summary["tp"], summary["fp"], summary["fn"]) == (1, 1, 3)


def test_the_diff_is_tallied_by_kind_of_failure():
    from sahelwatch.extract.corpus import causes

    gold = {
        "a": [
            {"location": "Gao", "country": "Mali", "event_type": "Riots"},
            {"location": "Bol", "country": "Chad", "event_type": "Battles"},
        ],
        "b": [],
    }
    diff = [
        "a MISS Gao 2025-01-01 Riots",
        "a MISS Bol 2025-01-02 Battles",
        'a HIT  Kidal  wrong: date, actor1 -> {"event_date": "2025-01-03"}',
        "a EXTRA None 2025-01-01 Battles",
        "b EXTRA Gao 2025-01-01 Battles",
    ]
    assert causes(diff, gold) == {
        "missed crowd/strategic": 1,
        "missed violent": 1,
        "missed in Mali/BF/Niger/Mauritania": 1,
        "missed outside Mali/BF/Niger/Mauritania": 1,
        "wrong date": 1,
        "wrong actor1": 1,
        "spurious, no place": 1,
        "spurious, report has no incident": 1,
    }
