"""Demonstrations, riots and strategic developments (coups' arrests, bases handed over, property destroyed): one
incident per place and day, typed as ACLED does, and nothing for protests that are only called, planned, banned,
cancelled or spoken of in general. The texts are written for these tests (published Wednesday 18 June 2025)."""

from __future__ import annotations

import pytest

from sahelwatch.extract import extract_incidents
from sahelwatch.extract.events import Situation, classify
from sahelwatch.extract.sentences import split

PUBLISHED = "2025-06-18T08:00:00+00:00"


@pytest.fixture
def run(make_report, real_gazetteer):
    def extract(text: str, title: str = "", country_hint: str | None = None):
        report = make_report(text, published=PUBLISHED, title=title, country_hint=country_hint)
        return extract_incidents(report, real_gazetteer)

    return extract


def kinds(incidents):
    return sorted((i.location, i.event_date, i.event_type, i.sub_event_type) for i in incidents)


def test_peaceful_march_with_its_day_and_town(run):
    [inc] = run("Samedi, plusieurs milliers de commerçants ont manifesté à Bamako contre la hausse des taxes.")
    assert (inc.location, inc.event_date) == ("Bamako", "2025-06-14")
    assert (inc.event_type, inc.sub_event_type) == ("Protests", "Peaceful protest")
    assert inc.actor1 == "Protesters (Mali)"


def test_tear_gas_is_an_intervention_not_a_grenade_attack(run):
    [inc] = run(
        "Mardi, la police a dispersé à coups de grenades lacrymogènes des centaines d'étudiants qui "
        "manifestaient devant l'université à Niamey."
    )
    assert (inc.location, inc.event_date) == ("Niamey", "2025-06-17")
    assert (inc.event_type, inc.sub_event_type) == ("Protests", "Protest with intervention")


def test_stones_barricades_and_burning_tyres_make_a_riot(run):
    [inc] = run(
        "Mardi, à Gao, des jeunes ont érigé des barricades et brûlé des pneus pour protester contre les "
        "coupures d'électricité. Ils ont aussi lancé des cailloux sur un véhicule de la police."
    )
    assert (inc.location, inc.event_type, inc.actor1) == ("Gao", "Riots", "Rioters (Mali)")


def test_protesters_killed_in_clashes_with_the_police_is_still_a_riot(run):
    [inc] = run(
        "Lundi, des affrontements entre manifestants et policiers ont fait trois morts à Kayes, où la "
        "préfecture a été incendiée."
    )
    assert (inc.location, inc.event_type, inc.sub_event_type) == ("Kayes", "Riots", "Violent demonstration")
    assert inc.fatalities == 3


def test_a_peaceful_protest_beaten_by_the_police_stays_a_protest(run):
    [inc] = run(
        "On Monday in Nouakchott, riot police charged a peaceful sit-in of teachers in front of the "
        "education ministry and assaulted two union leaders."
    )
    assert (inc.location, inc.event_type, inc.sub_event_type) == ("Nouakchott", "Protests", "Protest with intervention")


def test_protests_in_several_towns_on_one_day_are_one_incident_each(run):
    incidents = run(
        "Vendredi, des centaines de manifestants se sont rassemblés à Niamey et à Zinder pour soutenir la junte."
    )
    assert kinds(incidents) == [
        ("Niamey", "2025-06-13", "Protests", "Peaceful protest"),
        ("Zinder", "2025-06-13", "Protests", "Peaceful protest"),
    ]


def test_a_list_of_towns_at_the_head_of_the_sentence(run):
    incidents = run(
        "Mopti, Ségou, Sikasso : ce vendredi 13 juin, des foules brandissant des banderoles ont "
        "défilé en soutien aux autorités."
    )
    assert {i.location for i in incidents} == {"Mopti", "Ségou", "Sikasso"}
    assert {i.event_date for i in incidents} == {"2025-06-13"}


def test_two_days_of_marches_are_two_incidents(run):
    incidents = run(
        "In Tominian, traders marched through the town centre on Monday and Tuesday against a new market tax.",
        country_hint="Mali",
    )
    assert [(i.location, i.event_date) for i in sorted(incidents, key=lambda i: i.event_date)] == [
        ("Tominian", "2025-06-16"),
        ("Tominian", "2025-06-17"),
    ]


def test_the_same_town_on_two_days_is_two_incidents(run):
    incidents = run(
        "Samedi, des manifestants ont saccagé le siège d'une société minière à Ouagadougou.\n"
        "Dimanche, d'autres manifestants ont lancé des cailloux sur le même immeuble à Ouagadougou."
    )
    assert kinds(incidents) == [
        ("Ouagadougou", "2025-06-14", "Riots", "Violent demonstration"),
        ("Ouagadougou", "2025-06-15", "Riots", "Violent demonstration"),
    ]


def test_the_capital_and_its_quarters_are_the_capital(run):
    [inc] = run(
        "Mercredi, des lycéens ont incendié des pneus et dressé des barricades à travers la capitale "
        "nigérienne, surtout à Yantala, pour réclamer leurs bourses."
    )
    assert (inc.location, inc.country, inc.event_type) == ("Niamey", "Niger", "Riots")


def test_a_sentence_without_its_town_goes_on_telling_the_demonstration(run):
    [inc] = run(
        "Les policiers ont dispersé ce lundi 16 juin à Bamako un rassemblement de vendeurs ambulants. "
        "Leur porte-parole avait été interpellé le 14 juin. Les vendeurs en colère ont alors lancé des "
        "cailloux sur les agents."
    )
    assert (inc.location, inc.event_date, inc.event_type) == ("Bamako", "2025-06-16", "Riots")


@pytest.mark.parametrize(
    "text",
    [
        "L'opposition appelle à manifester samedi 21 juin à Bamako contre la vie chère.",
        "Une marche est prévue ce samedi à Niamey pour exiger le départ des troupes étrangères.",
        "Les autorités ont interdit la marche que la plateforme voulait organiser mardi à Bamako.",
        "La manifestation de jeudi à Ouagadougou a été annulée par les organisateurs.",
        "Protests have multiplied in recent months in Bamako over power cuts.",
        "The opposition called for protests in Niamey on Friday against the new constitution.",
        "The coalition plans to march in Nouakchott next Tuesday to demand a recount.",
        "Le syndicat menace de descendre dans la rue lundi à Kayes si les salaires ne sont pas payés.",
        "Les écoles sont restées fermées mercredi à Nouakchott, le lendemain des marches.",
    ],
)
def test_protests_that_did_not_take_place_give_nothing(run, text):
    assert run(text) == []


def test_defying_a_ban_is_still_a_protest(run):
    [inc] = run("Malgré l'interdiction, des centaines de jeunes ont marché dimanche dans les rues de Bamako.")
    assert (inc.location, inc.event_date, inc.event_type) == ("Bamako", "2025-06-15", "Protests")


def test_what_a_protest_is_about_is_not_its_toll(run):
    [inc] = run("Residents of Djibo marched on Sunday to protest the killing of two traders by gunmen.")
    assert (inc.location, inc.event_type, inc.sub_event_type) == ("Djibo", "Protests", "Peaceful protest")
    assert inc.fatalities == 0


def test_a_day_in_a_quote_is_not_the_day_of_the_protest(run):
    incidents = run(
        "Une manifestation s'est tenue à Bamako ce lundi 16 juin devant le tribunal. « Aujourd'hui, "
        "nous sommes venus le soutenir », a déclaré un manifestant."
    )
    assert [(i.location, i.event_date) for i in incidents] == [("Bamako", "2025-06-16")]


def test_a_base_handed_over_is_a_non_violent_transfer_to_the_national_army(run):
    [inc] = run("La force française a rétrocédé lundi le camp de Ménaka aux soldats maliens.")
    assert (inc.location, inc.event_date) == ("Ménaka", "2025-06-16")
    assert (inc.event_type, inc.sub_event_type) == ("Strategic developments", "Non-violent transfer of territory")
    assert inc.actor1 == "Military Forces of Mali (2021-)"


def test_a_president_detained_by_soldiers_is_a_coup_arrest_in_the_capital(run):
    incidents = run(
        "Niger's President was detained by soldiers of his own guard, security sources said. The "
        "army has not yet reacted.",
        title="Niger president detained",
    )
    [inc] = [i for i in incidents if i.event_type == "Strategic developments"]
    assert (inc.location, inc.sub_event_type) == ("Niamey", "Arrests")


def test_armed_men_who_ransack_property_without_a_crowd_destroy_property(run):
    [inc] = run(
        "Samedi 14 juin, des hommes armés ont vandalisé la mairie de Djibo et incendié deux véhicules de la commune."
    )
    assert (inc.event_type, inc.sub_event_type) == ("Strategic developments", "Looting/property destruction")


def test_an_armed_group_among_protesters_is_not_a_crowd():
    s = Situation(
        kinds=frozenset({"protest", "attack", "kill"}),
        attacker_inter=2,
        target_inter=7,
        killed_groups=frozenset({"civilians"}),
        abducted_groups=frozenset(),
        protest_intervention=False,
        protesters_killed=False,
        armed_group=True,
        crowd=True,
        crowd_violence=True,
    )
    assert classify(s)[:2] == ("Violence against civilians", "Attack")


def test_a_photo_credit_near_the_top_does_not_end_the_article():
    text = "Photo caption.\nCopyright © some agency\n" + "The army handed over the base on Tuesday. " * 30
    doc = split(text)
    assert doc.sentences[-1].text.startswith("The army handed over")


def test_a_month_abbreviation_does_not_end_a_sentence():
    doc = split("The new school opened on Sept. 8 in the north of the town.")
    assert len(doc.sentences) == 1


def test_a_defused_bomb_is_disrupted_weapons_use(run):
    [inc] = run("Le 11 juin, les démineurs de l'armée ont désamorcé une mine artisanale posée sur la route à Djibo.")
    assert (inc.location, inc.event_date) == ("Djibo", "2025-06-11")
    assert (inc.event_type, inc.sub_event_type) == ("Strategic developments", "Disrupted weapons use")


def test_a_camp_taken_over_without_a_fight_is_a_transfer(run):
    [inc] = run(
        "Lundi 16 juin, les soldats maliens ont pris possession du camp de Tessit que la mission de l'ONU "
        "venait de quitter."
    )
    assert (inc.location, inc.sub_event_type) == ("Tessit", "Non-violent transfer of territory")


def test_the_head_of_a_youth_council_taken_hostage_is_no_coup(run):
    [inc] = run("Lundi 16 juin, des hommes armés ont pris en otage à Djibo le président de l'association des éleveurs.")
    assert (inc.event_type, inc.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance")
