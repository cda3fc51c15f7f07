"""Follow-up casualty sentences complete the incident they are about, and coordinated counts add up
("le commandant du camp et quatre soldats" = 5)."""

from __future__ import annotations

import pytest

from sahelwatch.extract import extract_incidents
from sahelwatch.extract.counts import find_casualties
from sahelwatch.extract.tolls import total as _total
from sahelwatch.text import fold_aligned


def cas(text):
    return [(c.outcome, c.group, c.best) for c in find_casualties(text, fold_aligned(text))]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "le commandant du camp et quatre soldats ont été emmenés par les assaillants.",
            [("abducted", "military", 1), ("abducted", "military", 4)],
        ),
        (
            "The commander and four soldiers were taken away by the attackers.",
            [("abducted", "military", 1), ("abducted", "military", 4)],
        ),
        (
            "The camp commander and four soldiers were led away.",
            [("abducted", "military", 1), ("abducted", "military", 4)],
        ),
        ("A commander and three of his men were captured.", [("abducted", "military", 1), ("abducted", "military", 3)]),
        (
            "Le chef de poste et trois de ses hommes ont été faits prisonniers.",
            [("abducted", "military", 1), ("abducted", "military", 3)],
        ),
        (
            "Un sous-officier et deux de ses éléments ont été pris en otage.",
            [("abducted", "military", 1), ("abducted", "military", 2)],
        ),
        (
            "The mayor and two councillors were taken hostage.",
            [("abducted", "civilians", 1), ("abducted", "civilians", 2)],
        ),
        (
            "Le maire et deux conseillers municipaux ont été conduits vers une destination inconnue.",
            [("abducted", "civilians", 1), ("abducted", "civilians", 2)],
        ),
        (
            "Le chauffeur et deux passagers ont été enlevés.",
            [("abducted", "civilians", 1), ("abducted", "civilians", 2)],
        ),
        ("The commander and four soldiers were killed.", [("killed", "military", 1), ("killed", "military", 4)]),
        (
            "Deux soldats ont été tués et le commandant a été enlevé.",
            [("killed", "military", 2), ("abducted", "military", 1)],
        ),
    ],
)
def test_coordinated_counts(text, expected):
    assert cas(text) == expected


def test_coordinated_counts_add_up_in_the_total():
    rows = find_casualties(
        *(lambda t: (t, fold_aligned(t)))("le commandant du camp et quatre soldats ont été emmenés.")
    )
    assert _total([rows], "abducted") == (5, 5, 5)


def test_how_many_is_not_a_figure():
    assert cas("It was not clear how many attackers were killed.") == []
    assert cas("Many attackers were killed.") == [("killed", "attackers", 3)]


DIOURA = (
    "Le camp militaire de Dioura, dans la région de Mopti, a été la cible d'une attaque le dimanche 1er juin. "
    "Au moins 12 soldats ont été tués, selon des sources sécuritaires.\n"
    "L'assaut a débuté peu avant l'aube. Les échanges de tirs ont duré près de trois heures, selon un habitant.\n"
    "L'attaque a été revendiquée le soir même par le JNIM. Le groupe affirme s'être emparé de véhicules.\n"
    "Selon une source militaire, le commandant du camp et quatre soldats ont été emmenés par les assaillants lors "
    "de leur repli. Leur sort restait inconnu lundi matin.\n"
    "Le camp de Dioura avait déjà été visé par un assaut meurtrier en mars 2019. Au moins 26 soldats avaient alors "
    "été tués et plusieurs autres enlevés."
)


def test_follow_up_abduction_completes_the_single_incident(fake_gazetteer, make_report):
    incidents = extract_incidents(
        make_report(DIOURA, published="2025-06-02T07:30:00+00:00", country_hint="Mali"), fake_gazetteer
    )
    assert len(incidents) == 1
    inc = incidents[0]
    assert inc.location == "Dioura" and inc.event_date == "2025-06-01"
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Armed clash")
    assert inc.abducted == 5
    assert inc.fatalities == 12  # the 26 of March 2019 do not leak
    assert "emmenés" in inc.evidence and "2019" not in inc.evidence


def test_english_follow_up_and_conflicting_toll(fake_gazetteer, make_report):
    text = (
        "Gunmen attacked an army post in Gao on Saturday, killing five soldiers, a local official said.\n"
        "The attackers looted the armoury before setting the building on fire.\n"
        "In a statement read on state television on Monday, the army said six soldiers had been killed.\n"
        "The commander and four soldiers were also taken hostage by the assailants, the official added."
    )
    incidents = extract_incidents(make_report(text, country_hint="Mali"), fake_gazetteer)
    assert len(incidents) == 1
    inc = incidents[0]
    assert inc.location == "Gao" and inc.event_date == "2025-05-31"
    assert inc.fatalities == 5  # the smaller firm figure
    assert inc.abducted == 5


def test_follow_up_goes_to_the_incident_it_follows(fake_gazetteer, make_report):
    text = (
        "Le camp de l'armée à Kidal a été attaqué samedi. Six soldats ont été tués, selon une source militaire.\n"
        "Dimanche, des hommes armés ont attaqué un car près de Gao, tuant trois passagers.\n"
        "Selon un élu local, le chauffeur et deux passagers ont également été enlevés par les assaillants."
    )
    incidents = {i.location: i for i in extract_incidents(make_report(text, country_hint="Mali"), fake_gazetteer)}
    assert set(incidents) == {"Kidal", "Gao"}
    assert incidents["Kidal"].abducted is None
    assert incidents["Gao"].abducted == 3 and incidents["Gao"].fatalities == 3


def test_separate_or_earlier_events_lend_no_figures(fake_gazetteer, make_report):
    text = (
        "Des assaillants ont attaqué dimanche le poste militaire de Dioura, dans la région de Mopti, tuant "
        "quatre soldats.\n"
        "Les combats ont duré deux heures.\n"
        "Dans un autre incident, deux bergers ont été enlevés par des hommes armés.\n"
        "En 2019, une attaque contre le camp de Dioura avait coûté la vie à 26 soldats."
    )
    incidents = [
        i for i in extract_incidents(make_report(text, country_hint="Mali"), fake_gazetteer) if i.location == "Dioura"
    ]
    assert len(incidents) == 1
    assert incidents[0].fatalities == 4
    assert incidents[0].abducted is None


def test_far_follow_up_is_left_out(fake_gazetteer, make_report):
    filler = "\n".join(f"Le paragraphe {n} parle de la situation économique de la région." for n in range(6))
    text = (
        "Des assaillants ont attaqué dimanche le poste militaire de Dioura, dans la région de Mopti, tuant "
        "quatre soldats.\n" + filler + "\nLe commandant et deux soldats ont été enlevés."
    )
    inc = [
        i for i in extract_incidents(make_report(text, country_hint="Mali"), fake_gazetteer) if i.location == "Dioura"
    ][0]
    assert inc.abducted is None


def test_a_lead_without_a_place_opens_the_frame_after_it(make_report, fake_gazetteer):
    r = make_report(
        "Trois gendarmes ont été tués et un autre blessé dans la nuit de samedi à dimanche dans une attaque "
        "contre un poste de gendarmerie.\n\nLa mort des gendarmes inquiète tout le pays.\n\n"
        "Dans la nuit de samedi à dimanche, des assaillants ont attaqué le poste de gendarmerie de Dioura.",
        country_hint="Mali",
    )
    [inc] = extract_incidents(r, fake_gazetteer)
    assert (inc.location, inc.event_date, inc.fatalities, inc.injured) == ("Dioura", "2025-05-31", 3, 1)


def test_a_lead_without_the_evidence_of_its_own_opens_the_frame_after_it(make_report, fake_gazetteer):
    r = make_report(
        "An explosive device blew up under a minibus, killing at least 10 civilians and injuring several "
        "other passengers.\n\nThe minibus was on its way from the weekly market to the border.\n\n"
        "According to the governor, the vehicle struck a mine as it neared Dioura village on Sunday "
        "afternoon.",
        country_hint="Mali",
    )
    [inc] = extract_incidents(r, fake_gazetteer)
    assert (inc.location, inc.event_date, inc.fatalities, inc.injured) == ("Dioura", "2025-06-01", 10, 3)


def test_a_lead_that_sums_up_several_villages_stays_apart(make_report, fake_gazetteer):
    r = make_report(
        "At least 27 civilians were killed when gunmen attacked three villages on Sunday.\n\n"
        "In Dioura, the attackers killed 15 villagers.",
        country_hint="Mali",
    )
    found = {i.location: i.fatalities for i in extract_incidents(r, fake_gazetteer)}
    assert found["Dioura"] == 15


def test_seriously_wounded_are_some_of_the_wounded():
    assert [
        (c.outcome, c.best, c.partial)
        for c in find_casualties(
            *(lambda t: (t, fold_aligned(t)))("The blast killed at least 14 people and seriously injured four.")
        )
    ] == [("killed", 14, False), ("injured", 4, True)]
    assert (
        _total(
            [
                find_casualties(t, fold_aligned(t))
                for t in (
                    "The blast killed at least 14 people and seriously injured four.",
                    "It killed 14 and injured nine, a local radio said.",
                )
            ],
            "injured",
        )[0]
        == 9
    )


def test_figures_given_for_other_places_stay_with_them(make_report, fake_gazetteer):
    # a list of places with a figure each: each frame takes its own, not the others' nor the sum
    r = make_report(
        "Gunmen attacked several villages on Sunday, killing six in Dioura, two in Gao and three in "
        "Djibo, local sources said.",
        country_hint="Mali",
    )
    found = {i.location: i.fatalities for i in extract_incidents(r, fake_gazetteer)}
    assert found.get("Dioura") == 6


def test_a_figure_for_a_place_the_gazetteer_does_not_know_is_not_the_frame_s(make_report, fake_gazetteer):
    r = make_report(
        "On Sunday, gunmen killed seven herders in Kerimba and one in nearby Dioura, a mayor said.", country_hint="Mali"
    )
    [inc] = [i for i in extract_incidents(r, fake_gazetteer) if i.location == "Dioura"]
    assert inc.fatalities == 1


def test_respectively_maps_figures_to_places_in_order(make_report, fake_gazetteer):
    r = make_report(
        "Dimanche, un groupe armé a fait irruption dans les villages de Dioura et de Gao et y a abattu "
        "respectivement 32 et 4 personnes.",
        country_hint="Mali",
    )
    found = {i.location: i.fatalities for i in extract_incidents(r, fake_gazetteer)}
    assert found.get("Dioura") == 32


def test_a_figure_for_two_villages_is_not_one_village_s(make_report, fake_gazetteer):
    r = make_report(
        "At least 12 civilians were killed on Sunday in attacks targeting two villages near Mopti.\n\n"
        "The attack was launched in Dioura, where the jihadists opened fire and killed one person.",
        country_hint="Mali",
    )
    [inc] = [i for i in extract_incidents(r, fake_gazetteer) if i.location == "Dioura"]
    assert inc.fatalities == 1
