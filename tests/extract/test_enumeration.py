"""Places named in one breath are one incident each (ACLED), sharing no toll of their own."""

from __future__ import annotations

from sahelwatch.extract import extract_incidents


def test_coordinated_attacks_on_listed_towns_give_one_incident_per_town(make_report, fake_gazetteer):
    text = (
        "On Saturday, gunmen on motorbikes launched simultaneous attacks on Dioura, Gao and Kidal, killing "
        "twenty people in all, officials said."
    )
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert sorted((i.location, i.event_date, i.fatalities) for i in incidents) == [
        ("Dioura", "2025-05-31", None),
        ("Gao", "2025-05-31", None),
        ("Kidal", "2025-05-31", None),
    ]
    assert all(i.extra["shared_toll"]["killed"][0] == 20 for i in incidents)
    dioura = next(i for i in incidents if i.location == "Dioura")
    assert sorted(dioura.extra["shared_with"]) == ["Gao", "Kidal"]


def test_a_stretch_of_road_between_two_towns_is_one_place(make_report, fake_gazetteer):
    text = "On Saturday, a patrol was ambushed between Gao and Kidal; four soldiers were killed."
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert [(i.location, i.fatalities) for i in incidents] == [("Gao", 4)]


def test_a_village_and_its_district_are_not_a_list(make_report, fake_gazetteer):
    text = "On Saturday, gunmen killed five traders in Dioura, Mopti, residents said."
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert [(i.location, i.fatalities) for i in incidents] == [("Dioura", 5)]


def test_a_french_list_with_elided_de_is_a_list(make_report):
    from tests.extract.conftest import _PLACES, FakeGazetteer, Place

    gazetteer = FakeGazetteer(_PLACES + [Place(98, "Intahaka", "Mali", "Gao", "Gao", 16.9, -0.1, "town", 0)])
    text = "Samedi, des hommes armés ont attaqué les villages de Gao et d'Intahaka, tuant douze civils."
    incidents = extract_incidents(make_report(text), gazetteer)
    assert sorted(i.location for i in incidents) == ["Gao", "Intahaka"]


def test_every_listed_town_knows_the_actors_of_the_lead(make_report, fake_gazetteer):
    text = (
        "On Saturday, fighters of the JNIM clashed with the Islamic State in the north of the country, sources "
        "said.\n\n"
        "The fighting raged in the localities of Gao, Kidal and Dioura."
    )
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert sorted(i.location for i in incidents) == ["Dioura", "Gao", "Kidal"]
    assert {i.actor1 for i in incidents} == {"JNIM: Group for Support of Islam and Muslims"}
