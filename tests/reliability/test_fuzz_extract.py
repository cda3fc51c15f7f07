"""Pathological texts through the incident extractor: each finishes without an exception. Times are printed; the
only bound is a generous per-text cap (10 s) that catches a hang or a catastrophic regex, not slowness."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

import pytest

from sahelwatch.extract import Report, default_gazetteer, extract_incidents

CAP_SECONDS = 10.0
_rng = random.Random(20250602)
_SENTENCE = "Le 1er juin 2025, des hommes armés ont tué 14 civils et enlevé 3 femmes près de Ménaka, au Mali. "


def _texts() -> dict[str, str]:
    return {
        "one-sentence-of-40k-chars": "Des hommes armés ont attaqué Djibo et tué "
        + ", ".join(f"{i} civils" for i in range(4000))
        + ".",
        "10k-numbers": " ".join(str(_rng.randint(0, 10**9)) for _ in range(10_000)),
        "10k-numbers-with-casualty-words": " ".join(f"{i} morts {i} blessés" for i in range(10_000)),
        "deep-parentheses": "(" * 20_000 + "attaque à Gao, 12 morts" + ")" * 20_000,
        "unbalanced-brackets": "([{" * 10_000 + "Ménaka 5 tués",
        "only-punctuation": "!?.,;:…«»—-'\"()[]{}" * 10_000,
        "only-dots": "." * 200_000,
        "no-spaces-200k": "a" * 200_000,
        "500kb-repeated-incident": (_SENTENCE * 6000)[:500_000],
        "500kb-random-words": " ".join(
            "".join(_rng.choice("abcdéèmortsuéattaque") for _ in range(_rng.randint(1, 12))) for _ in range(70_000)
        )[:500_000],
        "dates-everywhere": " ".join(f"le {d} juin {y}" for d in range(1, 31) for y in range(1900, 2100)),
        "control-and-nul": "".join(chr(c) for c in range(32)) * 2000 + _SENTENCE,
        "rtl-and-combining": "هجوم مسلح في غاو " * 2000 + "e\u0301" * 20_000 + _SENTENCE,
        "emoji-and-surrogate-pairs": "💥🔫☠️ " * 20_000 + _SENTENCE,
        "empty": "",
        "whitespace-only": " \t\n\r\u00a0\u2028" * 20_000,
        "many-newlines": "\n" * 100_000 + _SENTENCE,
        "numbers-with-separators": " ".join(f"{i:,}".replace(",", " ") + " morts" for i in range(0, 10**7, 997)),
        "very-long-word-number": "9" * 100_000 + " morts à Gao",
        "huge-actor-list": "Attaque des "
        + " et des ".join(["djihadistes", "militaires", "Dozos", "FAMa"] * 3000)
        + " à Tombouctou, 5 morts.",
    }


TEXTS = _texts()


@pytest.fixture(scope="module")
def gazetteer():  # noqa: ANN201 - loaded once, outside the timed calls
    return default_gazetteer()


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_pathological_text_is_extracted_without_exception(name: str, gazetteer) -> None:
    text = TEXTS[name]
    for language in ("fr", "en"):
        report = Report(
            id=f"fuzz-{name}",
            url=f"https://fuzz.example/{name}",
            title=text[:300] or "Attaque",
            text=text,
            published_at=datetime(2025, 6, 2, 8, tzinfo=UTC),
            language=language,
            country_hint="Mali",
        )
        started = time.perf_counter()
        incidents = extract_incidents(report, gazetteer)
        elapsed = time.perf_counter() - started
        print(f"{name} [{language}]: {len(text):,} chars -> {len(incidents)} incidents in {elapsed:.2f} s")
        assert isinstance(incidents, list)
        assert elapsed < CAP_SECONDS, f"{name} took {elapsed:.1f} s"
