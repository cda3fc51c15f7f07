import pytest

from sahelwatch.extract.counts import find_casualties
from sahelwatch.extract.text import fold


def cas(text):
    return [(c.outcome, c.group, c.best) for c in find_casualties(text, fold(text))]


@pytest.mark.parametrize("text,expected", [
    ("Au moins 12 soldats ont été tués et 5 autres blessés.", [("killed", "military", 12), ("injured", "military", 5)]),
    ("Des hommes armés ont tué trois civils et enlevé deux femmes.",
     [("killed", "civilians", 3), ("abducted", "civilians", 2)]),
    ("killing several soldiers and capturing a number of others",
     [("killed", "military", 3), ("abducted", "military", 3)]),
    ("L'armée a neutralisé une vingtaine de terroristes.", [("killed", "attackers", 20)]),
    ("Un soldat a été tué et deux autres blessés.", [("killed", "military", 1), ("injured", "military", 2)]),
    ("faisant 7 morts et 12 blessés", [("killed", "generic", 7), ("injured", "generic", 12)]),
    ("Le bilan provisoire fait état de 15 morts, dont 10 civils.", [("killed", "generic", 15)]),
    ("the death toll rose to 30 on Monday", [("killed", "generic", 30)]),
    ("Le chef du village a été enlevé par des hommes armés.", [("abducted", "civilians", 1)]),
    ("Trois enseignants ont été pris en otage.", [("abducted", "civilians", 3)]),
    ("cinq soldats et deux VDP ont été tués", [("killed", "military", 5), ("killed", "military", 2)]),
    ("Dix militaires ont perdu la vie", [("killed", "military", 10)]),
    ("Six pêcheurs ont trouvé la mort", [("killed", "civilians", 6)]),
    ("Quatre personnes ont été faites prisonnières", [("abducted", "generic", 4)]),
    ("the army said it had lost three men", [("killed", "military", 3)]),
    ("12 soldiers were captured", [("abducted", "military", 12)]),
])
def test_figures_tied_to_victims_and_outcomes(text, expected):
    assert cas(text) == expected


@pytest.mark.parametrize("text", [
    "Selon plusieurs témoins, l'attaque a eu lieu hier.",
    "Plusieurs obus sont tombés sur la ville.",
    "They set 20 trucks on fire.",
    "Le 12 mai, trois jours après l'attaque.",
])
def test_figures_that_are_not_casualties(text):
    assert cas(text) == []


@pytest.mark.parametrize("text,expected", [
    # French adjectives follow the noun: "le camp militaire" is the military camp, not a soldier
    ("Le dimanche 1er juin 2025, des hommes armés ont attaqué le camp militaire de Dioura, dans la région de Mopti, "
     "tuant au moins 12 soldats.", [("killed", "military", 12)]),
    ("Le poste de police a été incendié et la base militaire attaquée, tuant deux civils.",
     [("killed", "civilians", 2)]),
    # English modifiers precede it: "the camp commander" is still a victim
    ("Gunmen killed the camp commander and three of his men.", [("killed", "military", 1), ("killed", "military", 3)]),
    ("An army officer was killed near Djibo.", [("killed", "military", 1)]),
])
def test_singular_modifiers_are_english_only(text, expected):
    assert cas(text) == expected
