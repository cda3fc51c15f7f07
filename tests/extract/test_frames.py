"""How sentences of one article come together as one incident: the lead that says what happened, later paragraphs
that say where and when."""

from __future__ import annotations

from sahelwatch.extract import extract_incidents


def test_the_day_a_statement_was_made_does_not_split_the_event_from_its_own_day(make_report, fake_gazetteer):
    text = ("At least nine soldiers were killed in an ambush by gunmen in the centre of Mali, the army said on "
            "Monday.\n\n"
            "The patrol was ambushed on Saturday evening near Dioura, in the Mopti region, a military source said.")
    incidents = extract_incidents(make_report(text), fake_gazetteer)
    assert [(i.location, i.event_date, i.fatalities) for i in incidents] == [("Dioura", "2025-05-31", 9)]
