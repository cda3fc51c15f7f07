from datetime import date

import pytest

from sahelwatch.extract.dates import find_dates

PUB = date(2025, 6, 2)  # a Monday


def first(text, pub=PUB):
    found = find_dates(text, pub)
    assert found, text
    d = found[0]
    return d.value.isoformat(), d.precision


@pytest.mark.parametrize("text,expected", [
    ("on Sunday", ("2025-06-01", 1)),
    ("dimanche", ("2025-06-01", 1)),
    ("lundi", ("2025-06-02", 1)),                 # the publication day itself
    ("mardi dernier", ("2025-05-27", 1)),
    ("last Monday", ("2025-05-26", 1)),
    ("le 1er juin", ("2025-06-01", 1)),
    ("June 1", ("2025-06-01", 1)),
    ("1 June 2025", ("2025-06-01", 1)),
    ("01/06/2025", ("2025-06-01", 1)),
    ("hier", ("2025-06-01", 1)),
    ("yesterday", ("2025-06-01", 1)),
    ("avant-hier", ("2025-05-31", 1)),
    ("dans la nuit de samedi à dimanche", ("2025-05-31", 1)),
    ("dans la nuit du 31 mai au 1er juin", ("2025-05-31", 1)),
    ("between Thursday and Saturday", ("2025-05-29", 2)),
    ("du 28 au 30 mai", ("2025-05-28", 2)),
    ("between May 24 and 28", ("2025-05-24", 2)),
    ("last week", ("2025-05-26", 2)),
    ("la semaine dernière", ("2025-05-26", 2)),
    ("fin mai", ("2025-05-25", 2)),
    ("in late May", ("2025-05-25", 2)),
    ("mi-mai", ("2025-05-15", 2)),
    ("en mai", ("2025-05-15", 3)),
    ("le mois dernier", ("2025-05-15", 3)),
    ("il y a trois jours", ("2025-05-30", 1)),
    ("le 28 décembre", ("2024-12-28", 1)),       # the latest such day before publication
])
def test_resolution(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize("text", ["le 3 juin", "vendredi prochain", "next Friday", "they may 12 times"])
def test_never_after_publication_and_no_false_dates(text):
    assert find_dates(text, PUB) == []


def test_vague_is_not_specific():
    d = find_dates("Within the same week, attacks were reported", PUB)[0]
    assert not d.specific and d.precision == 2


def test_specific_day_is_specific():
    assert find_dates("Gunmen attacked on Sunday", PUB)[0].specific
