"""How sentences of one article come together as one incident: the lead that says what happened, later paragraphs
that say where and when."""

from __future__ import annotations

from sahelwatch.extract import extract_incidents


def test_the_day_a_statement_was_made_does_not_split_the_event_from_its_own_day(make_report, fake_gazetteer):
    text = (
        "At least nine soldiers were killed in an ambush by gunmen in the centre of Mali, the army said on "
        "Monday.\n\n"
        "The patrol was ambushed on Saturday evening near Dioura, in the Mopti region, a military source said."
    )
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert [(i.location, i.event_date, i.fatalities) for i in incidents] == [("Dioura", "2025-05-31", 9)]


def test_an_earlier_attack_recalled_by_the_article_is_not_news(make_report, fake_gazetteer):
    text = (
        "Gunmen killed twelve villagers on Saturday near Djibo, residents said.\n\n"
        "The area had seen worse: on 12 May, 30 soldiers were killed when their base at Gao was overrun.\n\n"
        "In April, an ambush near Kidal left 15 dead."
    )
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert [(i.location, i.event_date) for i in incidents] == [("Djibo", "2025-05-31")]


def test_a_round_up_of_a_fortnight_keeps_every_day(make_report, fake_gazetteer):
    text = (
        "On 20 May, soldiers repelled an attack on their post at Gao, killing eight assailants.\n\n"
        "On 26 May, four civilians were killed by gunmen in Djibo.\n\n"
        "On 1 June, an ambush near Kidal killed six soldiers."
    )
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert sorted((i.location, i.event_date) for i in incidents) == [
        ("Djibo", "2025-05-26"),
        ("Gao", "2025-05-20"),
        ("Kidal", "2025-06-01"),
    ]


def test_a_place_given_paragraphs_below_the_lead_is_the_incident_place(make_report, fake_gazetteer):
    text = (
        "Gunmen stormed an army post in central Mali on Saturday, killing nine soldiers, the army said.\n\n"
        "The government has extended the state of emergency for another year.\n\n"
        "Talks between the transitional authorities and regional leaders resumed in the capital last month.\n\n"
        "The post that came under fire stands at Dioura, in the Mopti region, a local official said."
    )
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert [(i.location, i.event_date, i.fatalities) for i in incidents] == [("Dioura", "2025-05-31", 9)]


def test_a_regional_sentence_of_another_day_stays_its_own_incident(make_report, fake_gazetteer):
    text = (
        "Gunmen killed six villagers on Saturday in Dioura, in the Mopti region, residents said.\n\n"
        "On Thursday, 14 soldiers were killed in an ambush in the Tillaberi region."
    )
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert sorted((i.location, i.event_date) for i in incidents) == [
        ("Dioura", "2025-05-31"),
        ("Tillaberi", "2025-05-29"),
    ]


def test_a_place_name_inside_an_actors_name_is_not_a_place(make_report):
    from tests.extract.conftest import _PLACES, FakeGazetteer, Place

    # a village that shares its name with the first word of a militia's name
    gazetteer = FakeGazetteer(_PLACES + [Place(99, "Dan", "Mali", "Mopti", "Bankass", 14.1, -3.5, "town", 0)])
    text = (
        "Gunmen killed seven villagers in Dioura on Saturday.\n\n"
        "On Thursday, militiamen of Dan Na Ambassagou killed five herders, residents said."
    )
    incidents = extract_incidents(make_report(text), gazetteer)
    assert "Dan" not in [i.location for i in incidents]


def test_a_dateline_crediting_two_agencies_is_not_the_incident_place(make_report, fake_gazetteer):
    text = (
        "Gao, 1 June 2025 (dpa/ANP) – Gunmen stormed an army post on Saturday night, killing 14 soldiers.\n\n"
        "The attack targeted the post of Dioura, in the Mopti region."
    )
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert [i.location for i in incidents] == ["Dioura"]


def test_a_tally_over_months_is_no_incident(make_report, fake_gazetteer):
    text = (
        "Armed groups have killed more than 1,200 people in the Mopti region since January, the governor said "
        "on Friday.\n\n"
        "In all, 64 people were abducted in the course of 37 attacks on villages around Dioura."
    )
    assert extract_incidents(make_report(text), fake_gazetteer) == []


def test_a_settlement_named_anywhere_in_the_region_of_the_incident_is_its_place(make_report, fake_gazetteer):
    text = (
        "Gunmen killed nine soldiers on Saturday in the Tillaberi region, the ministry said.\n\n"
        "The government declared three days of national mourning.\n\n"
        "The unit had been stationed for months in the town of Téra, close to the border."
    )
    incidents = extract_incidents(make_report(text, country_hint="Niger"), fake_gazetteer)
    assert [(i.location, i.event_date, i.fatalities) for i in incidents] == [("Téra", "2025-05-31", 9)]


def test_two_settlements_in_the_region_leave_the_region(make_report, fake_gazetteer):
    text = (
        "Gunmen killed nine soldiers on Saturday in the Mopti region, the ministry said.\n\n"
        "Traders from the town of Dioura and from the city of Mopti say the roads are unsafe."
    )
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert [(i.location, i.geo_precision) for i in incidents] == [("Mopti", 3)]


def test_an_incident_without_a_place_takes_the_one_village_the_report_names(make_report, fake_gazetteer):
    text = (
        "Gunmen killed nine villagers on Saturday, the army said.\n\n"
        "Relatives said all the victims came from the village of Dioura."
    )
    incidents = extract_incidents(make_report(text, country_hint="Mali"), fake_gazetteer)
    assert [(i.location, i.fatalities) for i in incidents] == [("Dioura", 9)]


def test_an_incident_without_a_place_takes_the_one_town_it_happened_near(make_report, fake_gazetteer):
    text = (
        "Gunmen abducted 40 bus passengers on Saturday, officials said.\n\n"
        "The three buses had been forced off the road near Dioura."
    )
    incidents = extract_incidents(make_report(text, country_hint="Mali"), fake_gazetteer)
    assert [(i.location, i.abducted) for i in incidents] == [("Dioura", 40)]


def test_a_region_named_in_a_list_of_regions_is_the_region_not_its_seat_town(make_report, real_gazetteer):
    # "the Dosso and Tillaberi regions", "les régions de Dosso et Tillabéri": each name is a region, although each
    # is also the name of the region's seat town
    for text in (
        "On Wednesday, soldiers killed 15 fighters in an operation in the Dosso and Tillaberi regions, the army said.",
        "Mercredi, l'armée a neutralisé 15 terroristes lors d'une opération dans les régions de Dosso et Tillabéri.",
    ):
        [inc] = extract_incidents(make_report(text), real_gazetteer)
        assert inc.geo_precision == 3 and inc.location in ("Dosso", "Tillaberi", "Tillabéri"), inc


def test_a_region_qualified_by_an_adjective_joins_the_town_incident_it_comments(make_report, real_gazetteer):
    # "la région instable de Ségou" is the region: a comment on the attack at Markala, not a second incident in the
    # town of Ségou
    text = (
        "Mardi, des hommes armés ont tué six civils à Markala, selon des sources locales.\n\n"
        "Cette attaque est la troisième du genre en deux mois dans la région instable de Ségou."
    )
    incidents = extract_incidents(make_report(text), real_gazetteer)
    assert [(i.location, i.fatalities) for i in incidents] == [("Markala", 6)]


def test_a_tally_over_a_year_gives_no_incident_its_toll(make_report, real_gazetteer):
    text = (
        "Armed groups in Tahoua and Dosso regions near Nigeria have killed more than 300 civilians and pushed "
        "thousands of others from their homes in 2024, a rights group said in a report this month. On Friday, "
        "lawmakers from the region asked for more troops, saying the fighters behind the attacks in the vast "
        "Tahoua region move freely."
    )
    incidents = extract_incidents(make_report(text), real_gazetteer)
    assert all(i.fatalities in (None, 0) for i in incidents), incidents


def test_a_foreign_force_does_not_move_the_incident_to_its_own_country(make_report, real_gazetteer):
    # "French aircraft", "the French army": the strike was in the country of the report, at the village it names
    text = (
        "On Sunday, French aircraft struck a gathering, killing about twenty people, the French army said on "
        "Tuesday.\n\n"
        "Residents said the bombs fell on a wedding party on the edge of the village of Bounti."
    )
    incidents = extract_incidents(make_report(text, country_hint="Mali"), real_gazetteer)
    assert [(i.location, i.country, i.fatalities) for i in incidents] == [("Bounti", "Mali", 20)]


def test_one_attack_told_at_the_commune_and_at_its_village_is_one_incident_at_the_village(make_report, real_gazetteer):
    # the lead gives the commune, a later paragraph the village "of the commune of" it: one event, the finer place
    text = (
        "Sept villageois ont été tués dans la nuit de samedi à dimanche dans la commune de Bosso, dans le "
        "sud-est du Niger.\n\n"
        "Les assaillants ont fait irruption dimanche vers 2 heures à Tchoukoulé, un village de la commune de "
        "Bosso, où ils ont tué sept personnes."
    )
    incidents = extract_incidents(make_report(text, country_hint="Niger"), real_gazetteer)
    assert [(i.location, i.fatalities) for i in incidents] == [("Tchoukoulé", 7)]


def test_two_villages_of_one_commune_with_their_own_tolls_stay_two_incidents(make_report, real_gazetteer):
    text = (
        "Dimanche, des hommes armés ont tué sept personnes à Tchoukoulé, un village de la commune de Bosso.\n\n"
        "Le même jour, douze soldats ont été tués dans une embuscade près de Bosso."
    )
    incidents = extract_incidents(make_report(text, country_hint="Niger"), real_gazetteer)
    assert len(incidents) == 2
