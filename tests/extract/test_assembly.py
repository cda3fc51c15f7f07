"""Assembling an incident's row: the confidence weights, the fatalities triple and the place columns (invented
places and figures)."""

from __future__ import annotations

import pytest

from sahelwatch.extract.assembly import (
    CONFIDENCE_BASE,
    CONFIDENCE_MAX,
    CONFIDENCE_MIN,
    confidence,
    fatalities,
    place_columns,
)
from sahelwatch.extract.places import PlaceChoice
from sahelwatch.places.model import Place

TOWN = Place(91, "Foulbe-Nord", "Mali", "Mopti", "Koro", 14.1, -3.2, "town", 1200)
REGION = Place(92, "Mopti", "Mali", "Mopti", None, 14.5, -4.2, "admin1", 0)


def _choice(place: Place, cue: str = "in") -> PlaceChoice:
    return PlaceChoice(place, place.name, 0, len(place.name), cue, 3.0)


def test_confidence_with_nothing_to_rest_on_is_the_base():
    assert confidence(None, False, False, False, False, False) == CONFIDENCE_BASE


def test_confidence_adds_its_weights_and_a_background_sentence_lowers_it():
    full = confidence(_choice(TOWN), True, True, True, concrete=True, background=False)
    assert full == 0.92
    assert confidence(_choice(TOWN), True, True, True, concrete=True, background=True) == 0.82
    # a town near which it happened (precision 2) and a region (3) weigh less than the town itself
    assert confidence(_choice(TOWN, "near"), True, True, True, True, False) == 0.84
    assert confidence(_choice(REGION), True, True, True, True, False) == 0.77


def test_confidence_stays_within_its_bounds():
    assert CONFIDENCE_MIN <= confidence(None, False, False, False, False, True) <= CONFIDENCE_MAX


@pytest.mark.parametrize(
    "killed, bare, event_type, expected",
    [
        ((7, 5, 9), False, "Battles", (7, 5, 9)),  # a figure is the figure
        (None, True, "Battles", (None, None, None)),  # "people were killed", no number: unknown
        (None, True, "Strategic developments", (0, 0, 0)),  # a development kills nobody by itself
        (None, False, "Violence against civilians", (0, 0, 0)),  # no killing told: none
    ],
)
def test_fatalities(killed, bare, event_type, expected):
    assert fatalities(killed, bare, event_type) == expected


def test_place_columns_of_a_town_a_region_and_none():
    assert place_columns(TOWN) == {
        "admin1": "Mopti",
        "admin2": "Koro",
        "location": "Foulbe-Nord",
        "latitude": 14.1,
        "longitude": -3.2,
    }
    assert place_columns(REGION)["admin1"] == "Mopti" and place_columns(REGION)["admin2"] is None
    assert set(place_columns(None).values()) == {None}
