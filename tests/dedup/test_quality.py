"""Precision and recall of near-duplicate detection on the labelled pairs of tests/fixtures/dedup_pairs.

The detector is the one dedup_interval uses: the LSH index must propose the pair and the rule must accept it.
The test fails when either figure falls below tests/fixtures/dedup_pairs/baseline.json; raise the baseline when a
change improves them (python -m tests.dedup.test_quality prints the figures and the misclassified pairs).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from sahelwatch.dedup.index import SignatureIndex
from sahelwatch.dedup.signature import Signature, sign
from sahelwatch.dedup.similarity import compare, is_near_duplicate

from .pairs import PAIRS_DIR, Pair, load

BASELINE = PAIRS_DIR / "baseline.json"


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    errors: list[tuple[Pair, bool]]


def detected(first: Signature, second: Signature) -> bool:
    """Would dedup find `second` to be a near-duplicate of an earlier `first`?"""
    index = SignatureIndex()
    index.add("first", first)
    proposed = dict(index.candidates(second))
    return "first" in proposed and is_near_duplicate(compare(second, proposed["first"]))


def score() -> Scores:
    documents, pairs = load()
    signatures = {key: sign(document.text) for key, document in documents.items()}
    counts: Counter[str] = Counter()
    errors = []
    for pair in pairs:
        predicted = detected(signatures[pair.a], signatures[pair.b])
        counts[("t" if predicted == pair.duplicate else "f") + ("p" if predicted else "n")] += 1
        if predicted != pair.duplicate:
            errors.append((pair, predicted))
    precision = counts["tp"] / max(counts["tp"] + counts["fp"], 1)
    recall = counts["tp"] / max(counts["tp"] + counts["fn"], 1)
    return Scores(precision, recall, errors)


def test_labelled_set_is_large_and_varied() -> None:
    documents, pairs = load()
    assert len(pairs) >= 150
    kinds = Counter(pair.kind for pair in pairs)
    assert set(kinds) >= {
        "exact_copy",
        "new_headline",
        "syndicated_edit",
        "same_event",
        "same_template",
        "same_topic",
        "unrelated",
    }
    for language in ("fr", "en"):
        labels = {pair.duplicate for pair in pairs if documents[pair.a].language == language}
        assert labels == {True, False}, language
    assert len({pair.a for pair in pairs} | {pair.b for pair in pairs}) == len(documents), "unused documents"


def test_precision_and_recall_stay_above_the_baseline() -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    scores = score()
    report = "; ".join(
        f"{p.a} / {p.b} ({p.kind}) predicted {'duplicate' if d else 'distinct'}" for p, d in scores.errors
    )
    assert scores.precision >= baseline["precision"], f"precision {scores.precision:.3f}: {report}"
    assert scores.recall >= baseline["recall"], f"recall {scores.recall:.3f}: {report}"


if __name__ == "__main__":
    result = score()
    print(f"precision {result.precision:.3f} recall {result.recall:.3f}")
    for pair, predicted in result.errors:
        print(f"  {pair.a} / {pair.b} ({pair.kind}): predicted {'duplicate' if predicted else 'distinct'}")
