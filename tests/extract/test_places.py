from sahelwatch.extract.places import PlaceFinder, same_or_within
from sahelwatch.extract.text import fold


def best(gaz, text, trigger_word):
    finder = PlaceFinder(gaz, text, fold(text), None)
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
    finder = PlaceFinder(fake_gazetteer, text, fold(text), None)
    choices = finder.candidates(0, len(text), [(text.index("tués"), len(text) - 1)])
    assert choices[0].place.kind == "admin1" and choices[0].geo_precision == 3


def test_same_or_within(fake_gazetteer):
    text = "attaque à Dioura, dans la région de Mopti"
    finder = PlaceFinder(fake_gazetteer, text, fold(text), None)
    choices = {c.place.kind: c for c in finder.candidates(0, len(text), [(0, 7)])}
    assert same_or_within(choices["town"], choices["admin1"])


def test_no_gazetteer_no_places():
    text = "attaque à Dioura"
    assert PlaceFinder(None, text, fold(text), None).candidates(0, len(text), [(0, 7)]) == []
