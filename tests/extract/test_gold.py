"""The gold set must not score below the stored baseline (like trafilatura's evaluation gate)."""

import json
from pathlib import Path

import pytest

from sahelwatch.extract.evaluate import evaluate

GOLD_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "extract_gold"


@pytest.fixture(scope="module")
def scores(real_gazetteer):
    return evaluate(GOLD_DIR / "gold.jsonl")


def test_gold_set_is_large_and_well_formed():
    lines = [json.loads(x) for x in (GOLD_DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(lines) >= 40
    assert len({r["id"] for r in lines}) == len(lines)
    assert {r.get("language") for r in lines} >= {"fr", "en"}
    assert any(not r["expected"] for r in lines) and any(len(r["expected"]) > 1 for r in lines)
    for r in lines:
        for inc in r["expected"]:
            assert {"event_date", "event_type", "sub_event_type", "country", "actor1"} <= set(inc)


def test_scores_do_not_fall_below_the_baseline(scores):
    baseline = json.loads((GOLD_DIR / "baseline.json").read_text(encoding="utf-8"))
    for key in ("precision", "recall", "f1"):
        assert scores[key] >= baseline[key], (key, scores[key], baseline[key])
    for name, value in baseline["fields"].items():
        assert scores["fields"].get(name, 0.0) >= value, (name, scores["fields"].get(name), value)


def test_evaluate_command_prints_scores(real_gazetteer, capsys, tmp_path):
    from sahelwatch.extract.evaluate import main

    sample = tmp_path / "gold.jsonl"
    lines = (GOLD_DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines()[:5]
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main([str(sample)]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "recall" in out and "F1" in out and "fatalities" in out
