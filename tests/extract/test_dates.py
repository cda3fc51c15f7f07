from datetime import date

import pytest

from sahelwatch.extract.dates import find_dates

PUB = date(2025, 6, 2)  # a Monday


def first(text, pub=PUB):
    found = find_dates(text, pub)
    assert found, text
    d = found[0]
    return d.value.isoformat(), d.precision


@pytest.mark.parametrize(
    "text,expected",
    [
        ("on Sunday", ("2025-06-01", 1)),
        ("dimanche", ("2025-06-01", 1)),
        ("lundi", ("2025-06-02", 1)),  # the publication day itself
        ("mardi dernier", ("2025-05-27", 1)),
        ("last Monday", ("2025-05-26", 1)),
        ("le 1er juin", ("2025-06-01", 1)),
        ("June 1", ("2025-06-01", 1)),
        ("1 June 2025", ("2025-06-01", 1)),
        ("01/06/2025", ("2025-06-01", 1)),
        ("hier", ("2025-06-01", 1)),
        ("yesterday", ("2025-06-01", 1)),
        ("avant-hier", ("2025-05-31", 1)),
        ("dans la nuit de samedi à dimanche", ("2025-05-31", 1)),
        ("dans la nuit du 31 mai au 1er juin", ("2025-05-31", 1)),
        ("between Thursday and Saturday", ("2025-05-29", 2)),
        ("du 28 au 30 mai", ("2025-05-28", 2)),
        ("between May 24 and 28", ("2025-05-24", 2)),
        ("last week", ("2025-05-26", 2)),
        ("la semaine dernière", ("2025-05-26", 2)),
        ("fin mai", ("2025-05-25", 2)),
        ("in late May", ("2025-05-25", 2)),
        ("mi-mai", ("2025-05-15", 2)),
        ("en mai", ("2025-05-15", 3)),
        ("le mois dernier", ("2025-05-15", 3)),
        ("il y a trois jours", ("2025-05-30", 1)),
        ("le 28 décembre", ("2024-12-28", 1)),  # the latest such day before publication
    ],
)
def test_resolution(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize("text", ["le 3 juin", "vendredi prochain", "next Friday", "they may 12 times"])
def test_never_after_publication_and_no_false_dates(text):
    assert find_dates(text, PUB) == []


def test_vague_is_not_specific():
    d = find_dates("Within the same week, attacks were reported", PUB)[0]
    assert not d.specific and d.precision == 2


def test_specific_day_is_specific():
    assert find_dates("Gunmen attacked on Sunday", PUB)[0].specific


# --- rules users rely on (PUB is Monday 2 June 2025) --------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("dans la nuit de vendredi à samedi", ("2025-05-30", 1)),  # the night from Friday to Saturday is Friday
        ("last Tuesday", ("2025-05-27", 1)),
        ("on Tuesday", ("2025-05-27", 1)),
        ("il y a huit jours", ("2025-05-25", 1)),
        ("il y a de cela quinze jours", ("2025-05-18", 1)),
        ("ten days ago", ("2025-05-23", 1)),
        # several days: the first one
        ("les 12 et 13 mai", ("2025-05-12", 2)),
        ("on 12 and 13 May", ("2025-05-12", 2)),
        ("Dans la nuit du samedi 31 mai au dimanche 1er juin", ("2025-05-31", 1)),
    ],
)
def test_more_resolution(text, expected):
    assert first(text) == expected


def test_a_time_of_day_is_not_a_day():
    # "dans la matinée" says when on the event's day, whatever that day is: not the publication day
    assert find_dates("dans la matinée", PUB) == []
    assert first("dans la matinée du 1er juin") == ("2025-06-01", 1)


@pytest.mark.parametrize("text", ["retenu depuis mercredi", "held since Wednesday", "depuis le 28 mai", "aujourd'hui"])
def test_since_and_today_are_not_specific(text):
    # "depuis mercredi" is when a state began; "aujourd'hui" often means "nowadays"
    [d] = find_dates(text, PUB)
    assert not d.specific


# --- dates of statements, of findings, and frames that give no day ---------------------------------------------


def _one(report, gazetteer):
    from sahelwatch.extract import extract_incidents

    found = extract_incidents(report, gazetteer)
    assert len(found) == 1, [(i.location, i.event_date) for i in found]
    return found[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "A local official on Sunday confirmed that 19 people were killed in the attack.",
        "Nineteen people were killed in the attack, an official told AFP by phone on Sunday.",
        "Nineteen people were killed in the attack, an official told Reuters on Sunday.",
        "A resident who disclosed this on Sunday said 19 people were killed in the attack.",
        "This morning we counted 19 dead, a resident said.",
    ],
)
def test_a_statement_or_a_count_does_not_date_the_event(make_report, fake_gazetteer, sentence):
    r = make_report("Gunmen stormed the village of Dioura on Saturday evening. " + sentence)
    inc = _one(r, fake_gazetteer)
    assert inc.event_date == "2025-05-31" and inc.fatalities == 19


def test_a_frame_without_a_day_takes_the_heading_of_its_section(make_report, fake_gazetteer):
    r = make_report(
        "VENDREDI 30 MAI 2025\n\nDes hommes armés ont tué deux jeunes à Dioura.\n\nSAMEDI 31 MAI 2025\n\n"
        "Affrontements à Gao entre des miliciens et des jeunes : trois morts."
    )
    got = sorted((i.location, i.event_date) for i in extract_incidents_of(r, fake_gazetteer))
    assert got == [("Dioura", "2025-05-30"), ("Gao", "2025-05-31")]


def test_a_byline_date_is_not_a_heading(make_report, fake_gazetteer):
    r = make_report(
        "June 2, 2025\n\nAt least 30 people have been killed by gunmen in Dioura, the government said.\n\n"
        "The attack happened on Saturday, a resident said."
    )
    assert _one(r, fake_gazetteer).event_date == "2025-05-31"


def test_a_frame_without_a_day_takes_the_lead_day(make_report, fake_gazetteer):
    r = make_report(
        "Le samedi 31 mai a été un samedi noir, avec au moins une dizaine de morts.\n\n"
        "À Dioura, un véhicule militaire a sauté sur une mine, faisant deux morts.\n\n"
        "À Gao, un notable a été froidement assassiné chez lui.",
        country_hint="Mali",
    )
    got = sorted((i.location, i.event_date) for i in extract_incidents_of(r, fake_gazetteer) if i.location)
    assert got == [("Dioura", "2025-05-31"), ("Gao", "2025-05-31")]


def test_the_same_night_and_the_day_before(make_report, fake_gazetteer):
    r = make_report(
        "Dans la nuit de samedi à dimanche, le poste de Dioura a été attaqué par des assaillants. "
        "Un gendarme a été tué.\n\n"
        "Dans la même nuit, une attaque similaire s'est produite au poste de Gao.\n\n"
        "La veille, des hommes armés ont enlevé deux commerçants à Djibo.",
        country_hint="Mali",
    )
    got = {i.location: i.event_date for i in extract_incidents_of(r, fake_gazetteer)}
    assert got == {"Dioura": "2025-05-31", "Gao": "2025-05-31", "Djibo": "2025-05-30"}


def test_week_level_incident_has_week_precision(make_report, fake_gazetteer):
    r = make_report("Within the same week, gunmen killed five civilians in Dioura.")
    inc = _one(r, fake_gazetteer)
    assert inc.time_precision == 2


def extract_incidents_of(report, gazetteer):
    from sahelwatch.extract import extract_incidents

    return extract_incidents(report, gazetteer)


# --- publication dates that cannot be right ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "published,message", [("2999-01-01T08:00:00Z", "in the future"), ("1985-05-01T08:00:00Z", "before 1990")]
)
def test_an_impossible_publication_date_is_refused(make_report, fake_gazetteer, published, message):
    import io
    import json

    from sahelwatch.extract import PublicationDateError, extract_incidents
    from sahelwatch.extract.cli import run

    r = make_report("Des hommes armés ont tué trois civils hier à Dioura.", published=published)
    with pytest.raises(PublicationDateError, match=message):
        extract_incidents(r, fake_gazetteer)
    out, err = io.StringIO(), io.StringIO()
    line = json.dumps({"id": "x", "text": r.text, "published_at": published})
    assert run(io.StringIO(line + "\n"), out, err) == 1  # the only line was refused: nothing read
    assert out.getvalue() == "" and message in err.getvalue() and err.getvalue().startswith("line 1:")


@pytest.mark.parametrize("year", [1985, 2099])
def test_an_event_date_outside_the_range_of_days_gives_no_incident(fake_gazetteer, year):
    """A report without publication date dates its incident by the explicit year of its text; a year before 1990
    or after tomorrow is refused as a publication date would be (sahelwatch.daybounds), not stored as 2099-03-03."""
    from sahelwatch.extract import Report, extract_incidents

    text = f"Le 3 mars {year}, des hommes armés ont tué trois civils à Dioura."
    assert extract_incidents(Report(id="r", url="u", title="", text=text, published_at=None), fake_gazetteer) == []
    text = "Le 3 mars 2024, des hommes armés ont tué trois civils à Dioura."  # the same report in range: kept
    [incident] = extract_incidents(Report(id="r", url="u", title="", text=text, published_at=None), fake_gazetteer)
    assert incident.event_date == "2024-03-03"
