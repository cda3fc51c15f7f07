"""Language detection (sahelwatch.clean.language, py3langid)."""

from __future__ import annotations

import pytest

from sahelwatch.clean.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Les habitants de Kandadji ont été réveillés par des tirs dans la nuit de vendredi à samedi, selon "
            "plusieurs témoins joints par téléphone.",
            "fr",
        ),
        (
            "Residents of Téra said they heard heavy gunfire for nearly four hours on Monday as fighters stormed a "
            "military post on the outskirts of the town.",
            "en",
        ),
        (
            "Os combatentes atacaram a base militar durante a noite e as autoridades ainda não divulgaram um balanço "
            "das vítimas.",
            "pt",
        ),
        (
            "Las autoridades confirmaron que el convoy fue atacado cerca de la frontera y que varios soldados murieron "
            "en el enfrentamiento.",
            "es",
        ),
    ],
)
def test_languages(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_a_short_text_takes_the_page_hint() -> None:
    assert detect_language("Flash info", "fr-FR") == "fr"
    assert detect_language("Flash info") == "und"
