from datetime import date

import pytest

from sahelwatch.extract.actors import find_actors, lexicon


def names(text, country="Mali", when=date(2025, 6, 1)):
    lex = lexicon()
    return [lex.canonical(m, country, when) for m in find_actors(text)]


@pytest.mark.parametrize("text,expected", [
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
])
def test_named_and_national_aliases(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize("text,country,expected", [
    ("des soldats", "Niger", "Military Forces of Niger (2023-)"),
    ("des hommes armés non identifiés", "Mali", "Unidentified Armed Group (Mali)"),
    ("gunmen", "Burkina Faso", "Unidentified Armed Group (Burkina Faso)"),
    ("des terroristes", "Niger", "Unidentified Armed Group (Niger)"),
    ("des civils", "Mauritania", "Civilians (Mauritania)"),
    ("les gendarmes", "Mali", "Police Forces of Mali (2021-)"),
])
def test_generic_actors_take_the_incident_country(text, country, expected):
    assert names(text, country)[0] == expected


def test_names_that_change_over_time():
    assert names("des mercenaires russes", when=date(2025, 1, 1)) == ["Wagner Group"]
    assert names("des mercenaires russes", when=date(2025, 9, 1)) == ["Africa Corps"]
    assert names("le groupe Wagner", when=date(2025, 9, 1)) == ["Wagner Group"]
    assert names("les rebelles", when=date(2024, 6, 1)) == [
        "CSP-DPA: Permanent Strategic Framework for the Defense of the People of Azawad"]
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
