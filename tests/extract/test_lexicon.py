"""The lexicon loader: lists read against folded text must be written folded, and cue lists keep their order."""

from __future__ import annotations

import re

import pytest

from sahelwatch.extract import lexicon
from sahelwatch.extract.lexicon import one_of, word_set, words


@pytest.fixture
def lexicons(tmp_path, monkeypatch):
    """A directory of lexicons of the test's own, read instead of seeds/lexicons."""
    monkeypatch.setenv("SAHELWATCH_LEXICONS", str(tmp_path))
    lexicon.load.cache_clear()
    yield tmp_path
    lexicon.load.cache_clear()


def test_an_unfolded_entry_is_refused_at_load(lexicons):
    (lexicons / "cuetest.yaml").write_text('cues:\n  near: [near, "Près de"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'pres de'"):
        words("cuetest", "cues", "near")
    assert words("cuetest", "cues", "near", folded=False) == ["near", "Près de"]


def test_a_yaml_boolean_in_a_list_is_refused(lexicons):
    (lexicons / "booltest.yaml").write_text("prepositions: [on, at]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="non-empty strings"):
        words("booltest", "prepositions")


def test_a_word_block_is_a_set_of_folded_words(lexicons):
    (lexicons / "blocktest.yaml").write_text("never: |\n  on off\n  no yes\nbad: |\n  Mali\n", encoding="utf-8")
    assert word_set("blocktest", "never") == {"on", "off", "no", "yes"}
    with pytest.raises(ValueError, match="'mali'"):
        word_set("blocktest", "bad")


def test_one_of_keeps_the_lexicon_order():
    # "de" before "des": the engine takes the first branch that lets the rest match
    assert one_of(["de", "des"], prefix=r"\b") == r"(?:\bde|\bdes)"
    assert re.match(one_of(["de", "des"]), "des").group() == "de"


def test_the_places_lexicon_loads_folded():
    assert "near" in words("places", "near_cue")
    assert "University" in words("places", "institution_after", folded=False)
    assert {"village", "on", "or"} <= word_set("places", "villages", "never")


def test_the_frames_lexicon_loads_folded():
    assert "a annonce" in words("frames", "reporting")
    assert words("frames", "date_words")[0] == "on"  # quoted in the file: not YAML's boolean
