"""The values export filters accept (sahelwatch.export.vocabulary), without a warehouse."""

from __future__ import annotations

import pytest

from sahelwatch.export.vocabulary import UnknownValue, countries, event_types

KNOWN = [
    ("Mali", "MLI"),
    ("Burkina Faso", "BFA"),
    ("Chad", "TCD"),
    ("Ivory Coast", "CIV"),
    ("Côte d'Ivoire", "CIV"),
    ("Guinea", "GIN"),
    ("Guinea-Bissau", "GNB"),
    ("Senegal", "SEN"),
]


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("MALI", ("Mali",)),
        ("bfa", ("Burkina Faso",)),
        ("Burkina", ("Burkina Faso",)),
        ("Tchad", ("Chad",)),
        ("Sénégal", ("Senegal",)),
        ("guinee bissau", ("Guinea-Bissau",)),
        ("Guinée", ("Guinea",)),
        ("Ivory Coast", ("Ivory Coast", "Côte d'Ivoire")),
        ("COTE D IVOIRE", ("Ivory Coast", "Côte d'Ivoire")),
    ],
)
def test_countries_by_name_code_or_alias(value: str, names: tuple[str, ...]) -> None:
    assert countries([value], KNOWN) == names


def test_an_alias_of_a_country_the_warehouse_does_not_code_is_unknown() -> None:
    with pytest.raises(UnknownValue) as error:
        countries(["France"], KNOWN)  # named by the actor lexicon, but not in marts.countries
    assert error.value.valid == (
        "Burkina Faso",
        "Chad",
        "Guinea",
        "Guinea-Bissau",
        "Ivory Coast (Côte d'Ivoire)",
        "Mali",
        "Senegal",
    )


def test_several_values_give_each_name_once() -> None:
    assert countries(["CIV", "Côte d'Ivoire", "mali"], KNOWN) == ("Ivory Coast", "Côte d'Ivoire", "Mali")


def test_event_types_take_acled_spelling_and_refuse_the_rest() -> None:
    assert event_types(["battles", "VIOLENCE AGAINST CIVILIANS", "Battles"]) == (
        "Battles",
        "Violence against civilians",
    )
    with pytest.raises(UnknownValue, match=r"unknown --event-type value 'Battle' \(did you mean 'Battles'\?\)"):
        event_types(["Battle"])
    with pytest.raises(UnknownValue, match="Armed clash"):  # a sub-event type is not an event type
        event_types(["Armed clash"])
