"""Extraction never crashes and stays bounded in time, whatever the text."""

import random
import time

import pytest

from sahelwatch.extract import extract_incidents

random.seed(7)
JUNK = [
    "",
    " \n\n\t ",
    "x" * 300_000,
    "1 2 3 4 5 6 7 8 9 " * 30_000,
    "tués blessés enlevés " * 20_000,
    "Attaque à Djibo dimanche, 12 morts. " * 5_000,
    "".join(chr(random.randrange(0, 0x3000)) for _ in range(50_000)),
    "\x00\x01\x02\ufffd" * 20_000,
    "a" * 59_999 + " tués à Djibo",
    "Des hommes armés ont tué " + ", ".join(str(i) for i in range(5_000)) + " civils à Djibo.",
    "(" * 10_000 + "attaque" + ")" * 10_000,
    "Le 1er juin, " * 10_000,
]


@pytest.mark.parametrize("text", JUNK, ids=[f"junk{i}" for i in range(len(JUNK))])
def test_junk_is_handled_quickly(make_report, fake_gazetteer, text):
    start = time.perf_counter()
    incidents = extract_incidents(make_report(text, title=text[:500]), fake_gazetteer)
    assert time.perf_counter() - start < 5.0
    assert isinstance(incidents, list) and len(incidents) <= 40


def test_real_gazetteer_on_a_huge_text(make_report, real_gazetteer):
    text = "Des hommes armés ont attaqué le village de Dioura dimanche, tuant 3 civils. " * 3_000
    start = time.perf_counter()
    incidents = extract_incidents(make_report(text), real_gazetteer)
    assert time.perf_counter() - start < 10.0
    assert len(incidents) >= 1


def test_missing_publication_date(fake_gazetteer):
    from sahelwatch.extract.model import Report

    r = Report("x", "u", "", "Des hommes armés ont tué 3 civils le 1er juin 2025 à Dioura. Hier, 4 autres.", None)
    incidents = extract_incidents(r, fake_gazetteer)
    assert [i.event_date for i in incidents] == ["2025-06-01"]
