"""Places the gazetteer does not hold, or holds under another spelling (sahelwatch.extract.villages), and countries
named as an origin or destination. Every sentence here is written for these tests; the village names "Zorbatenga"
and "Kelwatiré" are invented (neither they nor a near spelling is in the gazetteer)."""

from datetime import UTC, datetime

import pytest

from sahelwatch.extract import extract_incidents
from sahelwatch.extract.model import Report
from sahelwatch.extract.places import PlaceFinder
from sahelwatch.extract.villages import ReportedPlace, find_names
from sahelwatch.text import fold_aligned

PUBLISHED = datetime(2024, 5, 8, 8, 0, tzinfo=UTC)


def names(text):
    return [(n.surface, n.cue) for n in find_names(text, fold_aligned(text))]


def one(gaz, text, hint=None):
    incidents = extract_incidents(Report("t1", "https://example.org/a", "", text, PUBLISHED, country_hint=hint), gaz)
    assert len(incidents) == 1, [(i.location, i.event_date) for i in incidents]
    return incidents[0]


# -- which capitalised names are places --------------------------------------------------------------------------


def test_a_settlement_word_introduces_a_name():
    assert names("Des hommes armés ont attaqué le village de Zorbatenga mardi.") == [("Zorbatenga", "noun")]
    assert names("Gunmen raided the town of Zorbatenga on Tuesday.") == [("Zorbatenga", "noun")]
    assert names("The attack happened at Zorbatenga village on Friday.") == [("Zorbatenga", "noun")]
    assert names("Ils ont visé Zorbatenga, un hameau isolé.") == [("Zorbatenga", "noun")]


def test_a_church_mosque_school_or_market_of_a_village_introduces_its_name():
    assert names("Dimanche, des hommes armés ont ouvert le feu dans l'église protestante de Zorbatenga.") == [
        ("Zorbatenga", "noun")
    ]
    assert names("Gunmen opened fire on Sunday in the main mosque of Zorbatenga.") == [("Zorbatenga", "noun")]


def test_a_camp_of_refugees_or_displaced_people_introduces_its_name():
    assert names("Le camp de réfugiés de Zorbatenga a été attaqué lundi.") == [("Zorbatenga", "noun")]
    assert names("Gunmen stormed the refugee camp of Zorbatenga on Monday.") == [("Zorbatenga", "noun")]


def test_a_list_shares_its_cue_and_an_apposition_does_not():
    assert names("Les villages de Zorbatenga, Kelwatiré et Gangafani 2 ont été attaqués.") == [
        ("Zorbatenga", "noun"),
        ("Kelwatiré", "noun"),
        ("Gangafani 2", "noun"),
    ]
    assert names("Les assaillants ont visé Zorbatenga et Kelwatiré, deux villages voisins.") == [
        ("Zorbatenga", "noun"),
        ("Kelwatiré", "noun"),
    ]
    assert ("Amadou Traoré", "noun") not in names("said the mayor of the town of Bankass, Amadou Traoré.")


def test_an_area_word_introduces_an_area():
    assert names("dans la préfecture de Zorbatenga, au nord du pays") == [("Zorbatenga", "area")]
    assert names("an army post in the Zorbatenga prefecture") == [("Zorbatenga", "area")]


@pytest.mark.parametrize(
    "text",
    [
        "L'attaque a eu lieu à Mardi Gras.",  # not after a cue in a way that counts: weekday
        "Le village de Moussa a été attaqué en Janvier.",  # a first name, a month
        "the attack on Malian positions",  # a nationality
        "in Niger's western region",  # a possessive
        "des groupes liés à Al-Qaïda",  # a group
        "attaque contre les FAMa à Boulkessi",  # an acronym (Boulkessi is a gazetteer name)
        "the attack on Christmas Eve",
    ],
)
def test_words_that_prose_capitalises_are_not_places(text):
    found = [s for s, _ in names(text)]
    assert not any(
        s in found for s in ("Mardi Gras", "Moussa", "Janvier", "Malian", "Niger", "Al-Qaïda", "FAMa", "Christmas Eve")
    )


# -- where an unknown village is put ------------------------------------------------------------------------------


def test_a_village_takes_the_coordinates_of_the_commune_named_with_it(real_gazetteer):
    inc = one(
        real_gazetteer,
        "Des hommes armés ont tué cinq civils mardi dans le village de Zorbatenga, dans la commune de Djibo.",
    )
    djibo = next(p for p in real_gazetteer.candidates("Djibo") if p.kind == "town")
    assert inc.location == "Zorbatenga" and inc.geo_precision == 2
    assert (inc.latitude, inc.longitude) == (djibo.latitude, djibo.longitude)
    assert (inc.country, inc.admin1, inc.admin2) == ("Burkina Faso", "Sahel", "Soum")
    assert inc.extra["place_basis"] == "anchor" and inc.extra["place_anchor"] == "Djibo"
    assert inc.extra["gazetteer_name"] is None and inc.extra["geonameid"] is None
    assert inc.extra["place_text"] == "Zorbatenga"


def test_a_village_in_brackets_after_its_cercle(real_gazetteer):
    inc = one(real_gazetteer, "Mardi, des hommes armés ont attaqué Zorbatenga (Koro, Mopti), tuant trois villageois.")
    assert inc.location == "Zorbatenga" and inc.geo_precision == 2 and inc.admin1 == "Mopti"


def test_a_village_known_only_by_its_region_gets_precision_3(real_gazetteer):
    inc = one(
        real_gazetteer,
        "Gunmen killed six civilians on Tuesday in the village of Zorbatenga in the Tillaberi region.",
        hint="Niger",
    )
    region = real_gazetteer.admin_area("Tillaberi", "Niger")
    assert inc.location == "Zorbatenga" and inc.geo_precision == 3 and inc.admin1 == "Tillaberi"
    assert (inc.latitude, inc.longitude) == (region.latitude, region.longitude)
    assert inc.extra["place_basis"] == "region"


def test_a_village_with_nothing_to_locate_it_keeps_its_name_and_the_report_country(real_gazetteer):
    inc = one(real_gazetteer, "Des hommes armés ont tué quatre civils mardi dans le village de Kelwatiré.", hint="Mali")
    assert inc.location == "Kelwatiré" and inc.country == "Mali" and inc.geo_precision == 3
    assert inc.latitude is None and inc.longitude is None and inc.extra["place_basis"] == "country"


def test_a_bare_locative_needs_something_more(real_gazetteer):
    # "à X" alone: X could be anything capitalised; with nothing else placing the toll it is an unlocated mention
    text = "Mardi, cinq civils ont été tués à Zorbatenga."
    assert (
        extract_incidents(
            Report("t1", "https://example.org/a", "", text, PUBLISHED, country_hint="Burkina Faso"), real_gazetteer
        )
        == []
    )
    inc = one(real_gazetteer, "Mardi, cinq civils ont été tués à Zorbatenga, à 20 km de Djibo.", hint="Burkina Faso")
    assert inc.location == "Zorbatenga" and inc.geo_precision == 2 and inc.admin1 == "Sahel"


def test_the_place_that_locates_a_village_is_not_the_incident(real_gazetteer):
    inc = one(
        real_gazetteer,
        "Une attaque a visé dimanche le village de Zorbatenga, dans la commune de Djibo, faisant sept morts.",
    )
    assert inc.location == "Zorbatenga"


# -- spelling variants ------------------------------------------------------------------------------------------


def test_a_spelling_variant_is_the_gazetteer_place_under_the_report_spelling(real_gazetteer):
    inc = one(
        real_gazetteer,
        "Lundi, une embuscade contre une unité de l'armée à Tanwalbougou, dans la province du "
        "Gourma, a fait six morts.",
    )
    place = real_gazetteer.candidates("Tanwolbougou")[0]
    assert inc.location == "Tanwalbougou" and inc.geo_precision == 1
    assert inc.extra["gazetteer_name"] == "Tanwolbougou" and inc.extra["geonameid"] == place.geonameid
    assert (inc.latitude, inc.longitude, inc.admin2) == (place.latitude, place.longitude, "Gourma")
    assert inc.extra["place_basis"] == "variant"


def test_a_short_name_must_be_spelled_alike(real_gazetteer):
    # "Yarou" is one letter from Youwarou (a Mopti town and cercle): too short to tell
    inc = one(real_gazetteer, "Gunmen killed 23 people on Friday in the village of Yarou in the Mopti region.")
    assert inc.location == "Yarou" and inc.extra["gazetteer_name"] is None and inc.geo_precision == 3


def test_variants_need_the_same_area(real_gazetteer):
    # Doubalma is in Niger's Dosso region: "Dubalma" said to be in Mali's Mopti region is not it
    inc = one(real_gazetteer, "Gunmen killed five civilians on Tuesday in the village of Dubalma in the Mopti region.")
    assert inc.location == "Dubalma" and inc.country == "Mali" and inc.extra["gazetteer_name"] is None
    inc = one(real_gazetteer, "Gunmen killed five soldiers on Tuesday near the town of Dubalma in the Dosso region.")
    assert inc.location == "Dubalma" and inc.country == "Niger" and inc.extra["gazetteer_name"] == "Doubalma"


def test_skeletons_forget_french_and_english_spelling_habits():
    from sahelwatch.places.variants import skeleton

    assert skeleton("Tanwalbougou") == skeleton("Tanwalbugu")
    assert skeleton("Chétimari") == skeleton("Shetimari")
    assert skeleton("Djibo") == skeleton("Jibo")
    assert skeleton("Tamalate") == skeleton("Tamalat")
    assert skeleton("Tin-Akoff") == skeleton("Ti-n-Akoff") == skeleton("Tinakof")


def test_near_spellings_ranks_the_gazetteer_names(real_gazetteer):
    found = real_gazetteer.near_spellings("Chinegodar", cutoff=84)
    assert found and found[0].place.name == "Chinagodrar" and found[0].score >= 84


# -- without the real gazetteer ---------------------------------------------------------------------------------


def test_unknown_names_work_with_a_gazetteer_without_spelling_variants(fake_gazetteer):
    text = "Des hommes armés ont attaqué le village de Zorbatenga, près de Téra, tuant cinq civils."
    finder = PlaceFinder(fake_gazetteer, text, fold_aligned(text), "Niger")
    t = text.index("attaqué")
    best = finder.candidates(0, len(text), [(t, t + 7)])[0]
    assert isinstance(best.place, ReportedPlace) and best.place.name == "Zorbatenga"
    assert best.place.anchor.name == "Téra" and best.geo_precision == 2


# -- a country named as an origin or a destination ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A fuel convoy heading to Niger was attacked on Tuesday at Boni, killing three drivers.",
        "Gunmen who crossed from Niger attacked the village of Boni on Tuesday, killing five civilians.",
        "Des hommes armés venus du Niger ont attaqué mardi le village de Boni, tuant cinq civils.",
        "Un bus en partance pour le Niger a sauté sur une mine mardi près de Boni, tuant cinq passagers.",
    ],
)
def test_a_destination_or_origin_does_not_move_a_town(real_gazetteer, text):
    # Boni is a town of Mali, Burkina Faso and Niger; the report is Malian
    assert one(real_gazetteer, text, hint="Mali").country == "Mali"
    # and without a hint the country named as a destination or origin does not decide either
    assert one(real_gazetteer, text).country != "Niger"


def test_a_commune_named_after_its_seat(real_gazetteer):
    inc = one(
        real_gazetteer,
        "Gunmen on Monday raided the army unit stationed in the Koutougou department of Soum "
        "province, the general staff said.",
    )
    assert inc.location == "Koutougou" and inc.admin2 == "Soum" and inc.geo_precision == 2


def test_a_village_known_only_by_its_country_takes_the_region_the_report_names(real_gazetteer):
    inc = one(
        real_gazetteer,
        "Gunmen killed four fishermen on Monday in the village of Zorbatenga, Chadian officials "
        "said.\n\nThe army has sent reinforcements to the province du Lac, where the insurgents "
        "hide on the islands.",
    )
    assert (inc.location, inc.country, inc.admin1, inc.extra["place_basis"]) == ("Zorbatenga", "Chad", "Lac", "region")
