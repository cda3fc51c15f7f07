from datetime import date

import pytest

from sahelwatch.extract.actors import find_actors, lexicon


def names(text, country="Mali", when=date(2025, 6, 1)):
    lex = lexicon()
    return [lex.canonical(m, country, when) for m in find_actors(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Les FAMa ont riposté", "Military Forces of Mali (2021-)"),
        ("l'armée malienne", "Military Forces of Mali (2021-)"),
        ("les forces armées maliennes", "Military Forces of Mali (2021-)"),
        ("Malian soldiers", "Military Forces of Mali (2021-)"),
        ("le GSIM", "JNIM: Group for Support of Islam and Muslims"),
        ("la katiba Macina", "JNIM: Group for Support of Islam and Muslims"),
        ("l'EIGS", "Islamic State (Sahel)"),
        ("ISSP fighters", "Islamic State (Sahel)"),
        ("l'État islamique au Sahel", "Islamic State (Sahel)"),
        ("des éléments de Boko Haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
        ("ISWAP", "Islamic State (West Africa)"),
        ("les VDP", "VDP: Volunteers for the Defense of the Homeland"),
        ("des chasseurs dozos", "Dozo Communal Militia"),
        ("Dan Na Ambassagou", "Dan Na Ambassagou"),
        ("la MINUSMA", "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali"),
        ("le FLA", "FLA: Azawad Liberation Front"),
        ("l'armée burkinabè", "Military Forces of Burkina Faso (2022-)"),
        ("les forces armées nigériennes", "Military Forces of Niger (2023-)"),
    ],
)
def test_named_and_national_aliases(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize(
    "text,country,expected",
    [
        ("des soldats", "Niger", "Military Forces of Niger (2023-)"),
        ("des hommes armés non identifiés", "Mali", "Unidentified Armed Group (Mali)"),
        ("gunmen", "Burkina Faso", "Unidentified Armed Group (Burkina Faso)"),
        ("des terroristes", "Niger", "Unidentified Armed Group (Niger)"),
        ("des civils", "Mauritania", "Civilians (Mauritania)"),
        ("les gendarmes", "Mali", "Police Forces of Mali (2021-)"),
    ],
)
def test_generic_actors_take_the_incident_country(text, country, expected):
    assert names(text, country)[0] == expected


def test_names_that_change_over_time():
    assert names("des mercenaires russes", when=date(2025, 1, 1)) == ["Wagner Group"]
    assert names("des mercenaires russes", when=date(2025, 9, 1)) == ["Africa Corps"]
    assert names("le groupe Wagner", when=date(2025, 9, 1)) == ["Wagner Group"]
    assert names("les rebelles", when=date(2024, 6, 1)) == [
        "CSP-DPA: Permanent Strategic Framework for the Defense of the People of Azawad"
    ]
    assert names("les rebelles", when=date(2025, 6, 1)) == ["FLA: Azawad Liberation Front"]


def test_actor_types():
    lex = lexicon()
    assert lex.type_of("Military Forces of Mali (2021-)") == "state forces"
    assert lex.type_of("JNIM: Group for Support of Islam and Muslims") == "rebel group"
    assert lex.type_of("Dozo Communal Militia") == "identity militia"
    assert lex.type_of("Civilians (Mali)") == "civilians"
    assert lex.type_of("Wagner Group") == "external/other forces"


def test_acronyms_are_case_sensitive():
    assert names("a fan of football") == []


@pytest.mark.parametrize(
    "text,when,expected",
    [
        ("une incursion de Boko-Haram", date(2019, 3, 1), "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
        ("la Katibat Macina a revendiqué", date(2024, 5, 1), "JNIM: Group for Support of Islam and Muslims"),
        (
            "the Group for Support of Islam and Muslims",
            date(2024, 5, 1),
            "JNIM: Group for Support of Islam and Muslims",
        ),
        ("le Jamāʿat nuṣrat al-islām wal-muslimīn", date(2022, 8, 1), "JNIM: Group for Support of Islam and Muslims"),
        ("AQMI", date(2020, 1, 1), "AQIM: Al Qaeda in the Islamic Maghreb"),
        ("des jihadistes liés à al-Qaïda", date(2016, 1, 1), "AQIM: Al Qaeda in the Islamic Maghreb"),
        ("des jihadistes liés à al-Qaïda", date(2020, 1, 1), "JNIM: Group for Support of Islam and Muslims"),
        ("le groupe Almourabitone", date(2017, 1, 1), "Al Mourabitoune Battalion"),
        (
            "l'ANSIPRJ",
            date(2016, 7, 1),
            "ANSIPRJ: National Alliance for the Safeguarding of Fulani Identity and the Restoration of Justice",
        ),
        ("terrorist groups", date(2024, 1, 1), "Unidentified Armed Group (Mali)"),
    ],
)
def test_more_spellings_and_groups(text, when, expected):
    assert expected in names(text, when=when)


def test_a_group_name_is_not_a_place(make_report, fake_gazetteer):
    from dataclasses import replace

    from sahelwatch.extract import extract_incidents

    places = [p for same in fake_gazetteer.by_name.values() for p in same]
    with_dan = type(fake_gazetteer)(places + [replace(places[0], geonameid=99, name="Dan")])
    [inc] = extract_incidents(
        make_report(
            "Samedi, des hommes armés ont attaqué Dioura. Leur raid a été repoussé, "
            "après une heure, par des éléments de Dan Na Ambassagou.",
            country_hint="Mali",
        ),
        with_dan,
    )
    assert inc.location == "Dioura" and inc.event_type == "Battles"


def extract(make_report, gazetteer, text, **kw):
    from sahelwatch.extract import extract_incidents

    return extract_incidents(make_report(text, **kw), gazetteer)


def test_a_descriptor_and_the_group_it_names_are_one_actor(make_report, fake_gazetteer):
    [inc] = extract(
        make_report,
        fake_gazetteer,
        "Dimanche, le groupe jihadiste Boko Haram a kidnappé douze fillettes près de Gao. Selon un élu, "
        "les assaillants étaient une cinquantaine et leur raid a aussi fait huit morts.",
    )
    # "terroriste" and "les assaillants" are Boko Haram, not a second armed side
    assert inc.event_type == "Violence against civilians"
    assert inc.actor1 == "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
    assert inc.actor2 == "Civilians (Mali)"


def test_the_group_the_report_blames_is_the_unnamed_attacker(make_report, fake_gazetteer):
    found = extract(
        make_report,
        fake_gazetteer,
        "Samedi, cinq villageois ont péri à Gao dans un raid que les autorités imputent à Boko Haram.\n\n"
        "Dimanche, trois éleveurs ont été abattus par balles à Dioura.",
    )
    assert {i.location: i.actor1 for i in found} == {
        "Gao": "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
        "Dioura": "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
    }


def test_a_roundup_lends_no_author_to_its_other_incidents(make_report, fake_gazetteer):
    found = extract(
        make_report,
        fake_gazetteer,
        "- Mercredi, des combattants de l'État islamique ont attaqué Gao, tuant onze civils.\n"
        "- Vendredi, deux enseignants ont été enlevés près de Dioura.",
    )
    by_place = {i.location: i.actor1 for i in found}
    assert by_place["Gao"].startswith("Islamic State")
    assert by_place["Dioura"] == "Unidentified Armed Group (Mali)"


def test_the_side_that_was_hit_does_not_attack(make_report, fake_gazetteer):
    # the convoy of peacekeepers and its escort were ambushed: neither is actor1
    [inc] = extract(
        make_report,
        fake_gazetteer,
        "Samedi, une patrouille de la MINUSMA accompagnée par des soldats maliens est tombée dans une "
        "embuscade près de Gao, où cinq personnes ont péri, dont quatre civils.",
    )
    assert inc.event_type == "Battles"
    assert inc.actor1 == "Unidentified Armed Group (Mali)"
    assert inc.actor2.startswith("MINUSMA")


def test_an_air_strike_is_the_army_s(make_report, fake_gazetteer):
    [inc] = extract(
        make_report,
        fake_gazetteer,
        "Samedi, des frappes aériennes ont ciblé des véhicules et des combattants terroristes près de Gao, "
        "selon l'état-major.",
        country_hint="Mali",
    )
    assert inc.sub_event_type == "Air/drone strike"
    assert inc.actor1 == "Military Forces of Mali (2021-)" and inc.actor2 == "Unidentified Armed Group (Mali)"
