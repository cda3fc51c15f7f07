"""The one set of text keys: every module that compares names gives one spelling the same key."""

from __future__ import annotations

import pytest

from sahelwatch.compare.rules import admin_key
from sahelwatch.dedup.shingles import words
from sahelwatch.export.vocabulary import _key as vocabulary_key
from sahelwatch.fuse.match import place_of
from sahelwatch.text import ascii_fold, compact, distinct_names, fold, fold_aligned, key, key_or_none, word_key

SPELLINGS = ("Fada N'Gourma", "Fada N’Gourma", "FADA NGOURMA", "fada-ngourma", "Fada  N'gourma,", "Fadá N'Gourma")


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_one_name_has_one_key_everywhere(spelling: str) -> None:
    assert key(spelling) == "fada ngourma"
    assert key_or_none(spelling) == "fada ngourma"
    assert admin_key(spelling) == "fada ngourma"  # the comparison with ACLED/UCDP
    assert vocabulary_key(spelling) == compact(key(spelling)) == "fadangourma"  # export filters
    row = {
        "country": "Burkina Faso",
        "admin1": None,
        "admin2": None,
        "location": spelling,
        "latitude": None,
        "longitude": None,
        "geo_precision": 1,
    }
    assert place_of(row).name == "fada ngourma"  # fusion, and the duplicate_incidents check through it


def test_keys_ignore_case_accents_apostrophes_and_hyphens() -> None:
    assert key("Ségou") == key("SEGOU") == "segou"
    assert key("Côte d'Ivoire") == "cote divoire"
    assert key("Ti-n-Zaouâtene") == "ti n zaouatene" and compact(key("Ti-n-Zaouâtene")) == "tinzaouatene"
    assert key_or_none("") is None and key_or_none(None) is None and key_or_none("«»") is None
    assert fold("Œuvre à Ségou") == "oeuvre a segou"
    assert ascii_fold("Ségou") == "Segou"


def test_shingle_words_keep_digits_and_drop_punctuation() -> None:
    assert [word_key(w) for w in words("L’Armée, à Fada N'Gourma : 12 morts")] == [
        "larmee",
        "a",
        "fada",
        "ngourma",
        "",
        "12",
        "morts",
    ]


def test_a_place_label_repeats_no_name_in_another_spelling() -> None:
    assert distinct_names(["Ségou", None, "SEGOU", "", "Mali"]) == ["Ségou", "Mali"]


def test_extraction_fold_keeps_every_offset() -> None:
    text = "L’attaque de Fada N’Gourma — « Ségou » Œuvre\u00a0ici"
    folded = fold_aligned(text)
    assert len(folded) == len(text)
    assert folded == "l'attaque de fada n'gourma - \" segou \" ouvre ici"
