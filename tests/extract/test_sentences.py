"""Splitting a report: where its wire dateline ends."""

from sahelwatch.extract.sentences import split


def test_a_dateline_below_a_bare_date_line_is_found():
    text = "14 mars 2024\n\nDJIBO, 13 mars (SahelPresse) - Des hommes armés ont attaqué le marché."
    doc = split(text, "")
    assert doc.folded[doc.dateline_end :].startswith("des hommes armes")


def test_a_dateline_crediting_two_agencies_is_found():
    doc = split("Gao, 1 June 2025 (dpa/ANP) – Gunmen stormed an army post.", "")
    assert doc.folded[doc.dateline_end :].startswith("gunmen")


def test_a_first_sentence_is_no_dateline():
    doc = split("Gunmen stormed an army post in Gao on Saturday - the army said.", "")
    assert doc.dateline_end == 0
