import pytest

from sahelwatch.extract.numbers import find_quantities, parse_number


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    return q.best, q.low, q.high, q.kind


@pytest.mark.parametrize(
    "text,value",
    [
        ("trois", 3),
        ("deux cents", 200),
        ("vingt et un", 21),
        ("soixante-dix-sept", 77),
        ("quatre-vingt-dix-neuf", 99),
        ("quatre-vingts", 80),
        ("mille deux cents", 1200),
        ("twenty-five", 25),
        ("two hundred and fifty", 250),
        ("1.200", 1200),
        ("1 200", 1200),
        ("12", 12),
    ],
)
def test_spelled_and_digit_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text,expected",
    [
        ("au moins 12 soldats", (12, 12, None, "at_least")),
        ("at least 50 people", (50, 50, None, "at_least")),
        ("plus de 70 civils", (70, 70, None, "more_than")),
        ("more than 70 people", (70, 70, None, "more_than")),
        ("une vingtaine de soldats", (20, None, None, "approx")),
        ("une dizaine de civils", (10, None, None, "approx")),
        ("a dozen soldiers", (12, None, None, "approx")),
        ("dozens of villagers", (12, 12, None, "plural")),
        ("des dizaines de morts", (10, 10, None, "plural")),
        ("hundreds of people", (100, 100, None, "plural")),
        ("several soldiers", (3, 2, None, "vague")),
        ("plusieurs morts", (3, 2, None, "vague")),
        ("quelques blessés", (2, 2, None, "vague")),
        ("between 10 and 15 people", (10, 10, 15, "range")),
        ("entre 10 et 15 morts", (10, 10, 15, "range")),
        ("10 à 15 morts", (10, 10, 15, "range")),
        ("up to 30 people", (30, None, 30, "up_to")),
        ("environ 40 personnes", (40, None, None, "about")),
        ("trois soldats", (3, 3, 3, "exact")),
    ],
)
def test_quantities(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "le 12 mai",
        "May 12",
        "à 30 km de Mopti",
        "en 2024",
        "à 10h30",
        "20 motos",
        "500 000 FCFA",
        "3 jours",
        "un soldat",  # an article, handled by counts
        "12 obus",
    ],
)
def test_not_counts_of_people(text):
    assert find_quantities(text) == []


def test_thousands_of_numbers_are_bounded():
    text = " ".join(str(i) for i in range(20000))
    assert len(find_quantities(text)) <= 200
