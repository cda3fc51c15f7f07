"""End-to-end behaviour of extract_incidents."""

from __future__ import annotations

import glob
import os
from datetime import datetime
from pathlib import Path

import pytest

from sahelwatch.extract import extract_incidents
from sahelwatch.extract.model import Incident, Report

_REPO = Path(__file__).resolve().parents[2]
_SHARED = [os.environ.get("SAHELWATCH_SHARED_DIR", ""), str(_REPO.parent / "shared"), "/work/shared"]
EXAMPLES = next(
    (
        found
        for base in _SHARED
        if base
        for found in [sorted(glob.glob(os.path.join(base, "examples", "*.txt")))]
        if found
    ),
    [],
)
DIOURA_TITLE = "Deadly Insurgency in Mopti: Malian Soldiers Killed, Commander Captured in Dioura Attack"


@pytest.mark.skipif(not EXAMPLES, reason="shared example not present")
def test_shared_example_gives_exactly_the_dioura_attack(real_gazetteer):
    text = open(EXAMPLES[0], encoding="utf-8").read()
    report = Report("ex", "https://example.org/ex", DIOURA_TITLE, text, datetime(2025, 6, 2, 9, 0))
    incidents = extract_incidents(report, real_gazetteer)
    assert len(incidents) == 1, [(i.location, i.event_date) for i in incidents]
    inc = incidents[0]
    assert inc.country == "Mali"
    assert inc.admin1 == "Mopti"
    assert inc.location == "Dioura"
    assert inc.event_date == "2025-06-01" and inc.time_precision == 1
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Armed clash")
    assert inc.actor2 == "Military Forces of Mali (2021-)"
    assert inc.abducted is not None and inc.abducted >= 1
    assert inc.fatalities is not None and inc.fatalities >= 1
    assert "Dioura" in inc.evidence and inc.evidence[:80] in text  # verbatim sentences of the report
    assert all(i.location not in ("Gao", "Diffa", "Djibo", "Sirakorola", "Boulkessi") for i in incidents)


@pytest.mark.skipif(not EXAMPLES, reason="shared example not present")
def test_shared_example_without_title(real_gazetteer):
    text = open(EXAMPLES[0], encoding="utf-8").read()
    incidents = extract_incidents(Report("ex", "u", "", text, datetime(2025, 6, 2)), real_gazetteer)
    assert [i.location for i in incidents] == ["Dioura"]


def test_wire_brief_civilians(make_report, fake_gazetteer):
    r = make_report(
        "BAMAKO, 2 juin (AFP) - Des hommes armés ont tué au moins 12 civils dimanche à Dioura, "
        "dans la région de Mopti, selon des sources locales.",
        country_hint="Mali",
    )
    [inc] = extract_incidents(r, fake_gazetteer)
    assert (inc.event_type, inc.sub_event_type) == ("Violence against civilians", "Attack")
    assert inc.actor1 == "Unidentified Armed Group (Mali)" and inc.actor2 == "Civilians (Mali)"
    assert inc.location == "Dioura" and inc.admin1 == "Mopti"  # not Bamako, the dateline
    assert inc.event_date == "2025-06-01" and inc.fatalities == 12 and inc.fatalities_low == 12
    assert inc.fatalities_high is None and inc.geo_precision == 1
    assert 0 < inc.confidence <= 1


def test_attack_on_soldiers_is_a_battle(make_report, fake_gazetteer):
    r = make_report(
        "Des jihadistes du JNIM ont attaqué samedi le camp militaire de Djibo. Sept soldats ont été "
        "tués et une vingtaine d'assaillants neutralisés, selon l'armée."
    )
    [inc] = extract_incidents(r, fake_gazetteer)
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Armed clash")
    assert inc.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert inc.actor2 == "Military Forces of Burkina Faso (2022-)"
    assert inc.country == "Burkina Faso" and inc.event_date == "2025-05-31"
    assert inc.fatalities == 27


def test_kidnapping(make_report, fake_gazetteer):
    r = make_report("Three teachers were kidnapped by gunmen in Djibo on Friday, officials said.")
    [inc] = extract_incidents(r, fake_gazetteer)
    assert inc.sub_event_type == "Abduction/forced disappearance"
    assert inc.abducted == 3 and inc.fatalities == 0 and inc.event_date == "2025-05-30"


def test_roundup_gives_one_incident_per_place(make_report, fake_gazetteer):
    r = make_report(
        "Mardi, deux civils ont été tués par des hommes armés à Dioura. Jeudi, un véhicule militaire a "
        "sauté sur une mine près de Gao : trois soldats ont été tués. Samedi, des assaillants ont "
        "attaqué un poste de l'armée à Kidal, faisant quatre morts.",
        country_hint="Mali",
    )
    incidents = extract_incidents(r, fake_gazetteer)
    got = {(i.location, i.event_date, i.sub_event_type, i.fatalities) for i in incidents}
    assert got == {
        ("Dioura", "2025-05-27", "Attack", 2),
        ("Gao", "2025-05-29", "Remote explosive/landmine/IED", 3),
        ("Kidal", "2025-05-31", "Armed clash", 4),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Le Mali, le Burkina Faso et le Niger font face depuis 2012 à des attaques jihadistes qui ont fait des "
        "milliers de morts. Bamako appelle au dialogue.",
        "L'armée dément la chute du camp de Djibo, une fausse information selon l'état-major.",
        "Le procès des auteurs de l'attaque de Gao s'est ouvert lundi à Bamako.",
        "Quatre personnes ont trouvé la mort dans un accident de la circulation à Gao dimanche.",
        "Opinion: the Sahel needs dialogue, not only weapons. Violence in Gao and Djibo shows the limits of force.",
        "The opposition called on supporters to protest in Bamako next Friday.",
        "",
    ],
)
def test_no_incident(make_report, fake_gazetteer, text):
    assert extract_incidents(make_report(text), fake_gazetteer) == []


def test_fallback_date_is_publication_week(make_report, fake_gazetteer):
    r = make_report("Des hommes armés ont tué cinq civils à Dioura, selon des sources locales.")
    [inc] = extract_incidents(r, fake_gazetteer)
    assert inc.event_date == "2025-06-02" and inc.time_precision == 2


def test_old_events_are_background(make_report, fake_gazetteer):
    r = make_report("Le 3 janvier 2024, des hommes armés avaient tué 30 civils à Dioura.")
    assert extract_incidents(r, fake_gazetteer) == []


def test_incident_rows_have_exactly_the_model_fields(make_report, fake_gazetteer):
    r = make_report("Des hommes armés ont tué trois civils dimanche à Dioura.")
    [inc] = extract_incidents(r, fake_gazetteer)
    row = inc.to_row()
    assert list(row) == [f for f in Incident.__dataclass_fields__]
    assert inc.evidence == "Des hommes armés ont tué trois civils dimanche à Dioura."


def test_a_toll_placed_in_no_town_or_region_is_no_incident_and_the_drop_says_why(make_report):
    # "unlocated mentions are not incidents" (ACLED): a national toll with a country and no place is kept only as
    # a dropped frame, so that the reader of extra["dropped"] sees why the report gave nothing
    from sahelwatch.extract.evidence import UNLOCATED
    from sahelwatch.extract.pipeline import extract

    r = make_report(
        "Dimanche, des soldats nigériens ont été tués par des jihadistes, a annoncé l'armée, qui "
        "fait état de dix morts."
    )
    dropped: list[dict] = []
    assert extract(r, None, dropped) == []
    assert [d["rule"] for d in dropped] == [UNLOCATED]


def test_an_unlocated_toll_still_tells_which_day_is_the_news(make_report, real_gazetteer):
    # the news of the day has no place; the town named is an attack recalled from weeks before: it stays background
    from sahelwatch.extract.pipeline import extract

    r = make_report(
        "Dimanche, l'armée malienne a perdu douze soldats dans une embuscade, selon un communiqué. "
        "Le 2 mai 2025, une attaque contre le camp de Boulkessi avait fait trente morts."
    )
    assert extract(r, real_gazetteer) == []
