import pytest

from sahelwatch.extract.counts import find_casualties
from sahelwatch.text import fold_aligned


def cas(text):
    return [(c.outcome, c.group, c.best) for c in find_casualties(text, fold_aligned(text))]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Au moins 12 soldats ont été tués et 5 autres blessés.",
            [("killed", "military", 12), ("injured", "military", 5)],
        ),
        (
            "Des hommes armés ont tué trois civils et enlevé deux femmes.",
            [("killed", "civilians", 3), ("abducted", "civilians", 2)],
        ),
        (
            "killing several soldiers and capturing a number of others",
            [("killed", "military", 3), ("abducted", "military", 3)],
        ),
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
    ],
)
def test_figures_tied_to_victims_and_outcomes(text, expected):
    assert cas(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Selon plusieurs témoins, l'attaque a eu lieu hier.",
        "Plusieurs obus sont tombés sur la ville.",
        "They set 20 trucks on fire.",
        "Le 12 mai, trois jours après l'attaque.",
    ],
)
def test_figures_that_are_not_casualties(text):
    assert cas(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        # French adjectives follow the noun: "le camp militaire" is the military camp, not a soldier
        (
            "Le dimanche 1er juin 2025, des hommes armés ont attaqué le camp militaire de Dioura, dans la "
            "région de Mopti, "
            "tuant au moins 12 soldats.",
            [("killed", "military", 12)],
        ),
        (
            "Le poste de police a été incendié et la base militaire attaquée, tuant deux civils.",
            [("killed", "civilians", 2)],
        ),
        # English modifiers precede it: "the camp commander" is still a victim
        (
            "Gunmen killed the camp commander and three of his men.",
            [("killed", "military", 1), ("killed", "military", 3)],
        ),
        ("An army officer was killed near Djibo.", [("killed", "military", 1)]),
    ],
)
def test_singular_modifiers_are_english_only(text, expected):
    assert cas(text) == expected


# --- totals over a frame's sentences (sahelwatch.extract.pipeline._total) -------------------------------------


def total(*sentences, outcome="killed"):
    from sahelwatch.extract.tolls import total as _total

    return _total([find_casualties(s, fold_aligned(s)) for s in sentences], outcome)


@pytest.mark.parametrize(
    "sentences,expected",
    [
        # totals across groups, all sides, singular victims
        (["Two MSA and one GATIA fighter were killed in the clash."], 3),
        (["Eight soldiers and eight assailants were killed."], 16),
        (["Gunmen assassinated a village chief in Dioura."], 1),
        (["A soldier was killed."], 1),
        (["Soldiers neutralised 17 Islamic State West Africa Province (ISWAP) fighters near Bama on Friday."], 17),
        (["The troops neutralized no fewer than two dozen terrorists."], 24),
        (["Côté ami, sept martyrs (soldats tués), deux blessés dont un civil."], 7),
        (["Le Koglwéogo abat deux jeunes."], 2),
    ],
)
def test_totals_across_groups(sentences, expected):
    assert total(*sentences)[0] == expected


def test_a_vague_figure_does_not_add_to_a_numeric_one():
    # one side's toll numeric and the other vague: the numeric part, with no upper bound
    assert total("Côté ami, sept soldats ont été tués.", "Plusieurs dizaines de terroristes ont été neutralisés.") == (
        7,
        7,
        None,
    )
    assert total("Un assaillant a été neutralisé et abandonné sur place ainsi que plusieurs corps emportés.")[0] == 1
    assert total("Plusieurs dizaines de terroristes ont été neutralisés.")[0] == 10  # vague alone: ACLED's 10


def test_others_in_a_later_sentence_add_up():
    assert total("Seven died on the spot and three died in their homes.", "Two other people died of wounds.")[0] == 12
    assert (
        total(
            "Les FAMa ont neutralisé six terroristes.", "Le ratissage a permis de neutraliser 15 autres terroristes."
        )[0]
        == 21
    )
    # "others" after a figure of its own sentence means other than those, not more
    assert (
        total(
            "Last week a rocket strike left one peacekeeper dead and roughly a dozen others hurt.",
            "At least three soldiers were wounded this time.",
            outcome="injured",
        )[0]
        == 3
    )


def test_parts_of_a_total_in_the_same_sentence_are_not_added():
    assert (
        total(
            "Au moins cinq personnes sont mortes à Gao samedi, selon le gouverneur, qui précise que quatre "
            "corps ont été découverts dans un entrepôt brûlé et qu'une femme a été retrouvée morte dans un "
            "bar."
        )[0]
        == 5
    )


def test_a_new_toll_replaces_and_bodies_found_do_not_compete():
    assert (
        total(
            "Le bus a sauté sur une mine, faisant une dizaine de morts.",
            "Le nouveau bilan faisant état d'au moins 11 morts a été confirmé par la mairie.",
            "Nous venons de transférer neuf corps au centre de santé.",
        )[0]
        == 11
    )
    assert (
        total("Rescuers found the bodies of 4 other villagers in Dioura.", "In total, 13 villagers were killed.")[0]
        == 4
    )


@pytest.mark.parametrize(
    "text",
    [
        "Depuis 2015, les attaques ont fait plus de 500 morts et 280 000 déplacés internes.",
        "Le Burkina compte 280 000 déplacés internes.",
        "Depuis, plus de 36 000 personnes ont été tuées et 3 millions ont dû fuir.",
        "Conflicts across the country have killed almost 20,000 people.",
        "300 soldats ont été déployés dans la zone.",
        "Plus de 5 000 personnes ont fui leurs villages.",
        "Three hostages were freed on Sunday.",
        "Ils ont exigé 100 000 FCFA.",
    ],
)
def test_numbers_that_are_not_victims(text):
    assert total(text) is None and total(text, outcome="abducted") is None


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Une embuscade a entraîné la mort de six d'entre eux et deux blessés.",
            [("killed", "generic", 6), ("injured", "generic", 2)],
        ),
        ("L'attaque a causé la mort d'une dizaine de personnes.", [("killed", "generic", 10)]),
        # the outcome after a figure is its own, the one before ends the previous clause
        (
            "Au moins une personne a péri et 23 autres ont été blessées lors des heurts.",
            [("killed", "generic", 1), ("injured", "generic", 23)],
        ),
        # two outcomes for the same victims
        (
            "Les éléments de Boko Haram ont enlevé et tué deux commerçants.",
            [("killed", "civilians", 2), ("abducted", "civilians", 2)],
        ),
        (
            "Un imam a été tué après avoir été enlevé par des hommes armés.",
            [("killed", "civilians", 1), ("abducted", "civilians", 1)],
        ),
        # singular victims with a nationality, a name, or a long apposition before the verb
        ("An Austrian woman was kidnapped in Agadez on Saturday.", [("abducted", "civilians", 1)]),
        ("An American national was kidnapped from his home.", [("abducted", "civilians", 1)]),
        ("A rocket attack left one U.N. peacekeeper dead.", [("killed", "military", 1)]),
        (
            "Le maire de la commune de Kassa, dans le cercle de Niono, Moussa Diarra, a été enlevé mardi.",
            [("abducted", "civilians", 1)],
        ),
        ("La ressortissante française enlevée samedi à Gao n'a pas été retrouvée.", [("abducted", "civilians", 1)]),
        # who tells is not who was hit
        ("According to a local resident, around thirty VDP were killed.", [("killed", "military", 30)]),
    ],
)
def test_outcomes_and_victims(text, expected):
    assert cas(text) == expected


def test_vague_figures_are_flagged_not_shown_as_reported(make_report, fake_gazetteer):
    from sahelwatch.extract import extract_incidents

    [inc] = extract_incidents(
        make_report("Des hommes armés ont tué plusieurs civils dimanche à Dioura."), fake_gazetteer
    )
    assert inc.fatalities == 3 and inc.fatalities_low == 2 and inc.fatalities_high is None
    assert inc.extra["vague"] == ["plusieurs"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # the parts after "including" are all parts, and when they add up to the figure they say whose it is
        (
            "On Monday 48 combatants, including 20 soldiers and 28 Volunteers for the Defense of the Homeland "
            "(VDP), died "
            "when gunmen stormed their post.",
            [("killed", "military", 48)],
        ),
        # "côté ami": our side's losses
        ("Côté ami, six morts et quatre blessés.", [("killed", "military", 6), ("injured", "military", 4)]),
        ("Côté ennemi, 24 corps ont été abandonnés.", [("killed", "attackers", 24)]),
        # an outcome that introduces the next figure is not an ordinal's ("la troisième [attaque]")
        (
            "La deuxième, survenue mardi soir près du fleuve, a coûté la vie à quatre autres pêcheurs.",
            [("killed", "civilians", 4)],
        ),
        ("Une attaque a eu pour bilan l'enlèvement de sept jeunes filles.", [("abducted", "civilians", 7)]),
        ("The attack killed four army auxiliaries.", [("killed", "military", 4)]),
    ],
)
def test_parts_sides_and_ordinals(text, expected):
    assert cas(text) == expected


def test_a_date_before_a_subject_and_its_reporting_verb_is_the_statement_s(make_report, fake_gazetteer):
    from sahelwatch.extract import extract_incidents

    r = make_report(
        "On Wednesday evening, the Malian army revealed that ten soldiers were killed in an ambush earlier "
        "this week.\n\nThe attack targeted a unit on Monday afternoon near Dioura.",
        country_hint="Mali",
    )
    [inc] = extract_incidents(r, fake_gazetteer)
    assert (inc.location, inc.event_date, inc.fatalities) == ("Dioura", "2025-06-02", 10)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Two people sustained injuries in the assault.", [("injured", "generic", 2)]),
        ("Three others succumbed to their injuries in hospital.", [("killed", "generic", 3)]),
    ],
)
def test_more_outcome_words(text, expected):
    assert cas(text) == expected
