"""Who did it to whom: the role of an actor mention from the words around it (sahelwatch.extract.roles)."""

import pytest

from sahelwatch.extract.roles import role_of
from sahelwatch.text import fold_aligned


def role(sentence: str, actor: str, victim_like: bool = False) -> str:
    folded = fold_aligned(sentence)
    start = folded.index(fold_aligned(actor))
    return role_of(folded, start, start + len(actor), 0, len(folded), victim_like)


@pytest.mark.parametrize(
    "sentence,actor",
    [
        # the group names the attack it carried out, before or after the noun, without a determiner in between
        ("La commune subit des attaques jihadistes répétées depuis un an.", "jihadistes"),
        ("Une attaque terroriste du JNIM a visé le poste.", "JNIM"),
        ("Les frappes aériennes FAMa ont détruit deux bases.", "FAMa"),
        ("Nine farmers died in twin Boko Haram attacks on Sunday.", "Boko Haram"),
        ("A JNIM-linked attack destroyed forty trucks.", "JNIM"),
    ],
)
def test_a_group_named_with_its_attack_is_the_attacker(sentence, actor):
    assert role(sentence, actor) == "attacker"


def test_a_verb_with_its_auxiliary_is_not_a_noun():
    assert role("Les FAMa ont attaqué des terroristes près de Gao.", "terroristes") == "target"
    assert role("Le poste a été attaqué par des hommes armés.", "hommes armés") == "attacker"
    assert role("L'attaque des terroristes contre le poste a échoué.", "terroristes") == "attacker"


@pytest.mark.parametrize(
    "sentence,actor,expected",
    [
        ("A spokesman blames the Katiba Macina for last week's raid.", "Katiba Macina", "attacker"),
        ("The army blames the Katiba Macina for last week's raid.", "army", "source"),
        (
            "Russian paramilitaries and the national army are accused of the killings.",
            "Russian paramilitaries",
            "attacker",
        ),
        ("Les jihadistes sont soupçonnés d'avoir tué les bergers.", "jihadistes", "attacker"),
    ],
)
def test_who_is_blamed_is_the_attacker(sentence, actor, expected):
    assert role(sentence, actor) == expected


def test_the_subject_of_a_reported_clause_acts():
    assert role("An officer said the army struck two camps with drones.", "army") == "attacker"
    assert role("Twelve fighters were killed, said the army.", "army") == "source"


@pytest.mark.parametrize(
    "sentence,actor",
    [
        ("Twenty militants killed in the strike were buried.", "militants"),
        ("Au total, 30 terroristes neutralisés selon la même source.", "terroristes"),
        ("Trois assaillants tués lors de la riposte ont été identifiés.", "assaillants"),
    ],
)
def test_a_bare_participle_is_passive(sentence, actor):
    assert role(sentence, actor) == "target"


def test_an_active_verb_keeps_its_subject():
    assert role("Gunmen killed twelve villagers near Djibo.", "Gunmen") == "attacker"
    assert role("Des hommes armés ont tué deux bergers.", "hommes armés") == "attacker"


@pytest.mark.parametrize(
    "sentence,actor",
    [
        (
            "Mardi soir, l'assaut contre le hameau a encore été repoussé, cette fois par des éléments de Dan "
            "Na Ambassagou.",
            "Dan Na Ambassagou",
        ),
        ("Une patrouille de la MINUSMA accompagnée par des gendarmes est tombée dans une embuscade.", "MINUSMA"),
        ("A MINUSMA convoy came under fire near Gao.", "MINUSMA"),
        ("La voiture piégée visait surtout les combattants du GATIA.", "GATIA"),
        ("They spent the night in the bush before attacking the soldiers.", "soldiers"),
    ],
)
def test_defenders_and_the_hit_side_are_targets(sentence, actor):
    assert role(sentence, actor, victim_like=actor == "soldiers") == "target"


def test_the_subject_of_a_clash_verb_initiates_it():
    assert role("Lundi, les FDS en patrouille se sont accrochées avec des jihadistes.", "FDS") == "attacker"
    assert role("JNIM fighters riding motorbikes overwhelmed the guards.", "JNIM fighters") == "attacker"


def test_an_acronym_in_brackets_does_not_hide_the_verb():
    assert (
        role(
            "Hier, la Coordination des mouvements de l'Azawad (CMA) a attaqué un poste.",
            "Coordination des mouvements de l'Azawad",
        )
        == "attacker"
    )
