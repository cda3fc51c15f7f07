"""The near-duplicate rule (sahelwatch.dedup.similarity) on constructed texts."""

from __future__ import annotations

from sahelwatch.dedup.signature import sign
from sahelwatch.dedup.similarity import Similarity, Thresholds, compare, is_near_duplicate

PARAGRAPHS = [
    "Des hommes armés ont enlevé dans la nuit de vendredi à samedi une dizaine d'habitants du village de Kandadji.",
    "Arrivés à moto vers deux heures du matin, les ravisseurs ont fait le tour des concessions du village.",
    "Le gouverneur de la région de Tillabéri s'est rendu samedi à Ayorou pour une réunion de sécurité.",
    "Des patrouilles ont été déployées en direction de la frontière malienne, selon un responsable local.",
    "Les enlèvements de notables se sont multipliés ces derniers mois dans le nord de la région.",
    "Plusieurs villages riverains du fleuve se sont vidés de leurs habitants depuis le début de l'année.",
]
ORIGINAL = "\n".join(PARAGRAPHS)


def test_identical_texts() -> None:
    similarity = compare(sign(ORIGINAL), sign(ORIGINAL))
    assert similarity == Similarity(1.0, 1.0, 1.0)


def test_an_excerpt_is_contained() -> None:
    similarity = compare(sign(PARAGRAPHS[0]), sign(ORIGINAL))
    assert similarity.jaccard < 0.38 and similarity.containment >= 0.85
    assert is_near_duplicate(similarity)


def test_empty_text_resembles_nothing() -> None:
    assert compare(sign(""), sign("")) == Similarity(0.0, 0.0, 0.0)
    assert not is_near_duplicate(compare(sign(""), sign(ORIGINAL)))


def test_thresholds() -> None:
    assert is_near_duplicate(Similarity(0.38, 0.5, 0.0))
    assert is_near_duplicate(Similarity(0.10, 0.85, 0.0))
    assert not is_near_duplicate(Similarity(0.37, 0.84, 1.0))  # agreeing leads alone decide nothing
    assert not is_near_duplicate(Similarity(0.5, 0.9, 1.0), Thresholds(jaccard=0.6, containment=0.95))
