import pytest

from sahelwatch.extract.places import PlaceFinder, same_or_within
from sahelwatch.text import fold_aligned


def best(gaz, text, trigger_word):
    finder = PlaceFinder(gaz, text, fold_aligned(text), None)
    t = text.index(trigger_word)
    choices = finder.candidates(0, len(text), [(t, t + len(trigger_word))])
    return choices[0] if choices else None


def test_event_cue_beats_a_place_named_in_passing(fake_gazetteer):
    c = best(fake_gazetteer, "Depuis Bamako, le gouvernement a condamné l'attaque contre Dioura.", "attaque")
    assert c.place.name == "Dioura" and c.cue == "event" and c.geo_precision == 1


def test_near_gives_precision_2(fake_gazetteer):
    c = best(fake_gazetteer, "Des soldats ont été tués près de Téra dimanche.", "tués")
    assert c.place.name == "Téra" and c.geo_precision == 2


def test_region_context_is_not_the_location(fake_gazetteer):
    c = best(fake_gazetteer, "the latest attack striking the town of Dioura in the Mopti Region on June 1", "attack")
    assert c.place.name == "Dioura" and c.place.admin1 == "Mopti"


def test_region_only_gives_precision_3(fake_gazetteer):
    text = "Dans la région de Tillaberi, cinq soldats tués."
    finder = PlaceFinder(fake_gazetteer, text, fold_aligned(text), None)
    choices = finder.candidates(0, len(text), [(text.index("tués"), len(text) - 1)])
    assert choices[0].place.kind == "admin1" and choices[0].geo_precision == 3


def test_same_or_within(fake_gazetteer):
    text = "attaque à Dioura, dans la région de Mopti"
    finder = PlaceFinder(fake_gazetteer, text, fold_aligned(text), None)
    choices = {c.place.kind: c for c in finder.candidates(0, len(text), [(0, 7)])}
    assert same_or_within(choices["town"], choices["admin1"])


def test_no_gazetteer_no_places():
    text = "attaque à Dioura"
    assert PlaceFinder(None, text, fold_aligned(text), None).candidates(0, len(text), [(0, 7)]) == []


# -- a town and the district named after it (real gazetteer: Djénné is a town and a cercle, Bandiagara a town, a
# cercle and a region; GeoNames codes both towns as plain PPL, so without a cue the gazetteer's prior gives the area)


def _town_and_areas(gaz, name):
    cands = gaz.candidates(name)
    return {c.kind: c for c in reversed(cands) if c.country == "Mali" and fold_aligned(c.name) == fold_aligned(name)}


def _incident(real_gazetteer, make_report, text):
    from sahelwatch.extract import extract_incidents

    [inc] = extract_incidents(make_report(text, country_hint="Mali"), real_gazetteer)
    return inc


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "3 commerçants ont été enlevés samedi par des hommes armés sur la route de Djénné, dans la région "
            "de Mopti, "
            "selon des sources locales.",
            "Djénné",
        ),
        (
            "Cinq passagers ont été enlevés samedi par des hommes armés sur la route de Bandiagara, selon des sources "
            "locales.",
            "Bandiagara",
        ),
        (
            "Gunmen kidnapped 3 traders along the road to Djenné in Mopti region on Saturday, local sources said.",
            "Djenné",
        ),
        ("Gunmen kidnapped 3 traders on the main road to Bandiagara on Saturday, local sources said.", "Bandiagara"),
        # the replica's English template: "on the road to" was already a near cue, kept as a guard
        ("Gunmen kidnapped 3 traders on the road to Djenné in Mopti region on Saturday, local sources said.", "Djenné"),
    ],
    ids=[
        "fr-route-de-djenne",
        "fr-route-de-bandiagara",
        "en-along-the-road-to-djenne",
        "en-main-road-to-bandiagara",
        "en-on-the-road-to-djenne",
    ],
)
def test_road_to_a_town_is_near_the_town_not_the_district_of_its_name(real_gazetteer, make_report, text, name):
    places = _town_and_areas(real_gazetteer, name)
    assert {"town", "admin2"} <= set(places)  # the homonymy this test is about
    town = places["town"]
    trigger = "enlevés" if "enlevés" in text else "kidnapped"
    choice = best(real_gazetteer, text, trigger)
    assert choice.place == town and choice.cue == "near" and choice.geo_precision == 2
    inc = _incident(real_gazetteer, make_report, text)
    assert (inc.latitude, inc.longitude) == (town.latitude, town.longitude)
    assert inc.location == town.name and inc.geo_precision == 2  # ACLED: "near X", precision 2


@pytest.mark.parametrize(
    "text, name, kind",
    [
        (
            "3 commerçants ont été enlevés samedi par des hommes armés dans le cercle de Djénné, selon des sources "
            "locales.",
            "Djénné",
            "admin2",
        ),
        ("Gunmen kidnapped 3 traders in Djenne cercle on Saturday, local sources said.", "Djenné", "admin2"),
        (
            "3 commerçants ont été enlevés samedi par des hommes armés dans le cercle de Bandiagara, selon des sources "
            "locales.",
            "Bandiagara",
            "admin2",
        ),
    ],
    ids=["fr-cercle-de-djenne", "en-djenne-cercle", "fr-cercle-de-bandiagara"],
)
def test_an_area_named_as_such_stays_the_area(real_gazetteer, make_report, text, name, kind):
    area = _town_and_areas(real_gazetteer, name)[kind]
    trigger = "enlevés" if "enlevés" in text else "kidnapped"
    choice = best(real_gazetteer, text, trigger)
    assert choice.place == area and choice.cue == "admin" and choice.geo_precision == 2
    inc = _incident(real_gazetteer, make_report, text)
    assert (inc.latitude, inc.longitude) == (area.latitude, area.longitude) and inc.geo_precision == 2


def test_road_cue_does_not_take_a_route_de_that_names_no_place(fake_gazetteer):
    text = "Des milliers d'habitants ont pris la route de l'exil après l'attaque contre Dioura."
    c = best(fake_gazetteer, text, "attaque")
    assert c.place.name == "Dioura" and c.cue == "event" and c.geo_precision == 1


# -- "dans le Soum": a definite article before the name marks an area (a province, cercle or region), not a town


def _area(gaz, name, country, kind):
    [area] = [
        c
        for c in gaz.candidates(name)
        if c.country == country and c.kind == kind and c.geonameid and fold_aligned(c.name) == fold_aligned(name)
    ]
    return area


@pytest.mark.parametrize(
    "text, name, admin1",
    [
        # the hamlets Soum (Centre-Ouest, Sud-Ouest) and the 2025 region Soum (the old province) are the traps
        ("Des hommes armés ont attaqué un village dans le Soum samedi, tuant 12 civils.", "Soum", "Sahel"),
        # the gazetteer ranks the seat Kompienga (PPLA2) above the province of the same name
        ("Des hommes armés ont attaqué un village dans la Kompienga samedi, tuant 12 civils.", "Kompienga", "Est"),
        ("Une attaque dans le Loroum a fait 12 morts samedi parmi les civils.", "Loroum", "Nord"),
    ],
    ids=["dans-le-soum", "dans-la-kompienga", "attaque-dans-le-loroum"],
)
def test_dans_le_names_the_province(real_gazetteer, make_report, text, name, admin1):
    from sahelwatch.extract import extract_incidents

    province = _area(real_gazetteer, name, "Burkina Faso", "admin2")
    assert province.admin1 == admin1
    trigger = "attaqué" if "attaqué" in text else "attaque"
    choice = best(real_gazetteer, text, trigger)
    assert choice.place == province and choice.cue == "admin" and choice.geo_precision == 2
    [inc] = extract_incidents(make_report(text, country_hint="Burkina Faso"), real_gazetteer)
    assert (inc.location, inc.admin1, inc.geo_precision) == (name, admin1, 2)
    assert (inc.latitude, inc.longitude) == (province.latitude, province.longitude)


def test_dans_le_names_a_region_at_region_precision(real_gazetteer):
    region = _area(real_gazetteer, "Centre-Nord", "Burkina Faso", "admin1")
    choice = best(
        real_gazetteer, "Des hommes armés ont attaqué un village dans le Centre-Nord, tuant 12 civils.", "attaqué"
    )
    assert choice.place == region and choice.cue == "admin" and choice.geo_precision == 3


@pytest.mark.parametrize(
    "text, name, cue",
    [
        ("Des hommes armés ont attaqué des civils dans le village de Dioura, tuant 12 personnes.", "Dioura", "noun"),
        ("Des hommes armés ont attaqué des civils dans la localité de Dioura, tuant 12 personnes.", "Dioura", "noun"),
        (
            "Des hommes armés ont attaqué des civils dans la commune de Kompienga, tuant 12 personnes.",
            "Kompienga",
            "noun",
        ),
        ("Des hommes armés ont attaqué des civils dans Dioura, tuant 12 personnes.", "Dioura", "in"),
        ("Des hommes armés ont attaqué des civils à Kompienga, tuant 12 personnes.", "Kompienga", "in"),
        ("Gunmen attacked civilians in Kompienga, killing 12 people.", "Kompienga", "in"),
    ],
    ids=[
        "dans-le-village-de",
        "dans-la-localite-de",
        "dans-la-commune-de",
        "dans-without-article",
        "a-town",
        "en-in-town",
    ],
)
def test_a_settlement_cue_still_gives_the_town(real_gazetteer, text, name, cue):
    choice = best(real_gazetteer, text, "attaqué" if "attaqué" in text else "attacked")
    assert (choice.place.name, choice.place.kind, choice.cue, choice.geo_precision) == (name, "town", cue, 1)


def test_dans_la_region_de_stays_the_region(real_gazetteer):
    choice = best(
        real_gazetteer,
        "Des hommes armés ont attaqué des civils dans la région de Mopti, tuant 12 personnes.",
        "attaqué",
    )
    assert (choice.place.name, choice.place.kind, choice.cue, choice.geo_precision) == ("Mopti", "admin1", "admin", 3)


@pytest.mark.parametrize("name", ["Djénné", "Bandiagara"])
def test_a_cueless_title_naming_a_cercle_seat_gives_the_town(real_gazetteer, name):
    """GeoNames codes these seats as plain villages; seeds/gazetteer/overrides.csv makes them PPLA2."""
    town = _town_and_areas(real_gazetteer, name)["town"]
    choice = best(real_gazetteer, f"{name} : trois morts dans une attaque", "attaque")
    assert choice.place == town and choice.cue == "none" and choice.geo_precision == 1


@pytest.mark.parametrize(
    "text", ["Gunmen killed 12 civilians in Soum on Saturday.", "Des hommes armés ont tué 12 civils à Soum samedi."]
)
def test_a_settlement_cue_on_a_2025_region_picks_the_town_inside_it(real_gazetteer, text):
    """ "in Soum": a place called Soum, and the one inside the Soum region (old region Sahel), not the hamlet of the
    same name 300 km away in Centre-Ouest."""
    choice = best(real_gazetteer, text, "killed" if "killed" in text else "tué")
    assert (choice.place.kind, choice.place.admin1) == ("town", "Sahel"), choice.place


# -- places across the Sahel's borders (Nigeria's north-east, Chad, Togo, Benin), from GeoNames cities500


@pytest.mark.parametrize(
    ("text", "hint", "location", "country", "admin1"),
    [
        (
            "Suspected jihadists stormed Konduga in Borno State on Saturday night, killing nine farmers.",
            None,
            "Konduga",
            "Nigeria",
            "Borno",
        ),
        (
            "Insurgents attacked an army post in Marte, in north-eastern Nigeria, on Sunday, killing four soldiers.",
            None,
            "Marte",
            "Nigeria",
            "Borno",
        ),
        (
            "Des hommes armés ont attaqué dimanche la ville de Bol, dans la province du Lac, tuant trois civils.",
            None,
            "Bol",
            "Chad",
            "Lac",
        ),
        (
            "Des militaires togolais ont été tués samedi dans une attaque à Mandouri, dans la région des Savanes.",
            None,
            "Mandouri",
            "Togo",
            "Savanes",
        ),
        (
            "Deux soldats béninois ont été tués lundi dans l'attaque d'un poste à Matéri, au nord du Bénin.",
            None,
            "Matéri",
            "Benin",
            "Atacora",
        ),
    ],
)
def test_a_town_of_a_neighbouring_country_is_located(
    real_gazetteer, make_report, text, hint, location, country, admin1
):
    from sahelwatch.extract import extract_incidents

    [inc] = extract_incidents(make_report(text, country_hint=hint), real_gazetteer)
    assert (inc.location, inc.country, inc.admin1, inc.geo_precision) == (location, country, admin1, 1)


def test_a_neighbouring_region_alone_is_the_region(real_gazetteer, make_report):
    from sahelwatch.extract import extract_incidents

    text = "Au moins six soldats tchadiens ont été tués mardi dans une attaque de Boko Haram dans la province du Lac."
    [inc] = extract_incidents(make_report(text), real_gazetteer)
    assert (inc.location, inc.country, inc.admin1, inc.geo_precision) == ("Lac", "Chad", "Lac", 3)


@pytest.mark.parametrize(
    ("text", "hint", "country", "admin1"),
    [
        # homonyms of Sahel towns keep their Sahel reading when nothing points across the border
        (
            "Des hommes armés ont attaqué Kaya dimanche, tuant cinq civils.",
            "Burkina Faso",
            "Burkina Faso",
            "Centre-Nord",
        ),
        ("Des hommes armés ont attaqué Kaya dimanche, tuant cinq civils.", None, "Burkina Faso", "Centre-Nord"),
        ("Gunmen attacked Léré on Sunday, killing five villagers.", "Mali", "Mali", "Tombouctou"),
    ],
)
def test_sahel_homonyms_stay_in_the_sahel(real_gazetteer, make_report, text, hint, country, admin1):
    from sahelwatch.extract import extract_incidents

    [inc] = extract_incidents(make_report(text, country_hint=hint), real_gazetteer)
    assert (inc.country, inc.admin1) == (country, admin1)


def test_troops_based_in_a_town_are_attacked_there(fake_gazetteer, make_report):
    from sahelwatch.extract import extract_incidents

    text = "Samedi, une position de l'armée basée à Dioura a été attaquée par des hommes armés ; six soldats ont péri."
    assert [i.location for i in extract_incidents(make_report(text), fake_gazetteer)] == ["Dioura"]


def test_an_outlet_based_in_the_capital_is_not_the_place(fake_gazetteer, make_report):
    from sahelwatch.extract import extract_incidents

    text = "Samedi, des hommes armés ont tué six villageois à Dioura, selon une radio basée à Gao."
    assert [i.location for i in extract_incidents(make_report(text), fake_gazetteer)] == ["Dioura"]


def test_a_place_name_that_begins_a_persons_name_is_not_the_place(fake_gazetteer, make_report):
    from sahelwatch.extract import extract_incidents

    text = (
        "Samedi, des hommes armés ont tué six civils à Dioura.\n\n"
        "Dimanche, le gouverneur Kidal Amadou Touré a dénoncé une attaque barbare qui a fait six morts."
    )
    assert [i.location for i in extract_incidents(make_report(text), fake_gazetteer)] == ["Dioura"]


@pytest.mark.parametrize(
    "text",
    [
        "Samedi, des hommes armés ont tué six pêcheurs à Dioura, au bord du fleuve Mopti, selon des habitants.",
        "On Saturday gunmen killed six fishermen in Dioura.\n\nOn Sunday, soldiers fought the attackers along "
        "the Mopti "
        "river, killing four.",
    ],
)
def test_a_river_named_after_a_place_is_not_a_place(fake_gazetteer, make_report, text):
    from sahelwatch.extract import extract_incidents

    assert [i.location for i in extract_incidents(make_report(text), fake_gazetteer)] == ["Dioura"]
