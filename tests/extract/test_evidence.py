"""The evidence test is an ordered table of named rules; the rule that dropped a frame is on record."""

from __future__ import annotations

from dataclasses import replace

from sahelwatch.extract import extract_incidents
from sahelwatch.extract.evidence import RULES, Evidence, failed_rule

NOTHING = Evidence(
    kinds=frozenset(),
    place=False,
    town=False,
    actor=False,
    named=False,
    count=False,
    firm_count=False,
    arrest_count=False,
    specific=False,
    concrete=False,
    violent_concrete=False,
    background=False,
)
DATED_ATTACK_IN_A_TOWN = replace(
    NOTHING,
    kinds=frozenset({"attack"}),
    place=True,
    town=True,
    actor=True,
    specific=True,
    concrete=True,
    violent_concrete=True,
)


def test_rules_have_distinct_names():
    assert len({name for name, _ in RULES}) == len(RULES)


def test_the_first_failed_rule_is_named():
    assert failed_rule(NOTHING) == "no place and no actor"
    assert failed_rule(replace(NOTHING, place=True)) == "nothing happened: no figure, day or concrete event"
    assert failed_rule(DATED_ATTACK_IN_A_TOWN) is None


def test_violence_in_general_needs_a_figure_or_a_day():
    general = replace(DATED_ATTACK_IN_A_TOWN, specific=False, concrete=True, violent_concrete=False)
    assert failed_rule(general) == "violence in general without a figure or a day"
    assert failed_rule(replace(general, count=True)) is None


def test_a_dropped_frame_and_its_rule_are_in_extra(make_report, fake_gazetteer):
    text = (
        "Gunmen killed five villagers in Dioura on Saturday, residents said.\n\n"
        "The government has promised to fight insecurity.\n\n"
        "In a separate development, an attack was reported, officials said."
    )
    [incident] = extract_incidents(make_report(text), fake_gazetteer)
    assert incident.extra["dropped"] == [{"sentences": [2], "rule": "no place and no actor", "place": None}]
