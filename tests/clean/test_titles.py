"""Site names cut from headlines (sahelwatch.clean.titles), without cutting the headline itself."""

from __future__ import annotations

import pytest

from sahelwatch.clean.titles import clean_title


@pytest.mark.parametrize(
    ("raw", "source_id", "expected"),
    [
        (
            "Mopti : au moins 12 soldats tués dans l'attaque du camp de Dioura – Échos du Delta",
            None,
            "Mopti : au moins 12 soldats tués dans l'attaque du camp de Dioura",
        ),
        (
            "Coton : le prix au producteur fixé à 325 francs | Lefaso.net",
            None,
            "Coton : le prix au producteur fixé à 325 francs",
        ),
        ("Niger: 14 soldiers killed near Téra - The Savannah Post", None, "Niger: 14 soldiers killed near Téra"),
        ("Kayes : trois ouvriers enlevés – Studio Tamani", "studiotamani", "Kayes : trois ouvriers enlevés"),
        ("Bamako : pénurie de carburant - journal du mali", "journaldumali", "Bamako : pénurie de carburant"),
        (
            "Sécurité : le Burkina prolonge l'état d'urgence – Burkina24",
            "burkina24",
            "Sécurité : le Burkina prolonge l'état d'urgence",
        ),
        (
            "lefaso.net | Bobo-Dioulasso : les maraîchers face à la pénurie d'eau",
            None,
            "Bobo-Dioulasso : les maraîchers face à la pénurie d'eau",
        ),
        ("  Niamey :\u00a0la crue   du fleuve  ", None, "Niamey : la crue du fleuve"),
    ],
)
def test_site_names_are_removed(raw: str, source_id: str | None, expected: str) -> None:
    assert clean_title(raw, source_id) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Tribune – AES et CEDEAO : sortir de la logique du face-à-face",
        "Mali - Attaque contre le camp de Dioura : ce que l'on sait",
        "Niger: At Least 20 Soldiers Killed in Attack On Army Post in Banibangou",
        "Ségou – une nuit de terreur à Dioro",
        "Court – Mali",  # too short for the rest to be a headline
    ],
)
def test_headlines_are_not_cut(title: str) -> None:
    assert clean_title(title) == title
