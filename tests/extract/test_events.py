import pytest

from sahelwatch.extract.events import Situation, classify, find_triggers
from sahelwatch.extract.lexicon import load
from sahelwatch.text import fold_aligned

ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}


def kinds(text):
    return [(t.kind, t.concrete) for t in find_triggers(text, fold_aligned(text))]


def test_lexicon_lists_acleds_25_sub_types():
    lex = load("events")["event_types"]
    assert {k: set(v) for k, v in lex.items()} == ACLED
    assert sum(len(v) for v in ACLED.values()) == 25


@pytest.mark.parametrize(
    "text,kind",
    [
        ("des hommes armés ont attaqué le village", "attack"),
        ("an ambush on the convoy", "attack"),
        ("de violents affrontements", "clash"),
        ("les FAMa ont repoussé une attaque", "clash"),
        ("une frappe de drone", "airstrike"),
        ("airstrikes hit the camp", "airstrike"),
        ("le véhicule a sauté sur une mine", "ied"),
        ("an improvised explosive device", "ied"),
        ("des tirs d'obus", "shelling"),
        ("un kamikaze", "suicide"),
        ("un attentat-suicide", "suicide"),
        ("une grenade", "grenade"),
        ("trois enseignants ont été enlevés", "abduction"),
        ("were kidnapped", "abduction"),
        ("des manifestants", "protest"),
        ("des émeutiers", "riot"),
        ("lynché par la foule", "mob"),
        ("ont été interpellés", "arrest"),
        ("des boutiques pillées", "looting"),
        ("un accord de paix", "agreement"),
        ("took control of the town", "takeover"),
        ("ont repris dimanche le contrôle de la localité", "recapture"),
    ],
)
def test_triggers(text, kind):
    assert kind in [k for k, _ in kinds(text)]


def test_plural_nouns_are_not_concrete():
    assert kinds("attacks were also reported") == [("attack", False)]
    assert kinds("the latest attack") == [("attack", True)]


def sit(**kw):
    base = dict(
        kinds=frozenset(),
        attacker_inter=None,
        target_inter=None,
        killed_groups=frozenset(),
        abducted_groups=frozenset(),
        protest_intervention=False,
        protesters_killed=False,
    )
    base.update(kw)
    base["kinds"] = frozenset(base["kinds"])
    base["killed_groups"] = frozenset(base["killed_groups"])
    base["abducted_groups"] = frozenset(base["abducted_groups"])
    return Situation(**base)


@pytest.mark.parametrize(
    "situation,expected",
    [
        (sit(kinds={"attack"}, attacker_inter=3, target_inter=1), ("Battles", "Armed clash")),
        (sit(kinds={"attack", "kill"}, killed_groups={"military"}), ("Battles", "Armed clash")),
        (sit(kinds={"attack", "kill"}, attacker_inter=3, target_inter=7), ("Violence against civilians", "Attack")),
        (
            sit(kinds={"abduction"}, target_inter=7, abducted_groups={"civilians"}),
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        (
            sit(kinds={"attack", "abduction", "kill"}, killed_groups={"military"}, abducted_groups={"military"}),
            ("Battles", "Armed clash"),
        ),
        (sit(kinds={"takeover"}, attacker_inter=2), ("Battles", "Non-state actor overtakes territory")),
        (sit(kinds={"takeover"}, attacker_inter=1), ("Battles", "Government regains territory")),
        (
            sit(kinds={"airstrike", "kill"}, attacker_inter=1, killed_groups={"attackers"}),
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        (
            sit(kinds={"ied", "kill"}, killed_groups={"military"}),
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        (sit(kinds={"suicide", "attack"}), ("Explosions/Remote violence", "Suicide bomb")),
        (sit(kinds={"protest"}), ("Protests", "Peaceful protest")),
        (sit(kinds={"protest"}, protest_intervention=True), ("Protests", "Protest with intervention")),
        (
            sit(kinds={"protest", "kill"}, protesters_killed=True, killed_groups={"generic"}),
            ("Protests", "Excessive force against protesters"),
        ),
        (sit(kinds={"riot"}), ("Riots", "Violent demonstration")),
        (sit(kinds={"mob", "kill"}, killed_groups={"generic"}), ("Riots", "Mob violence")),
        (sit(kinds={"arrest"}), ("Strategic developments", "Arrests")),
        (sit(kinds={"looting"}), ("Strategic developments", "Looting/property destruction")),
        (
            sit(kinds={"sexual", "abduction"}, abducted_groups={"civilians"}),
            ("Violence against civilians", "Sexual violence"),
        ),
    ],
)
def test_classification(situation, expected):
    assert classify(situation)[:2] == expected


@pytest.mark.parametrize(
    "text,kind",
    [
        ("the truck ran over a mine", "ied"),
        ("l'explosion du minibus a fait dix morts", "ied"),
        ("des frappes d'obusiers sur la base", "shelling"),
        ("l'attaque a été repoussée par les soldats", "clash"),
        ("the assailants were repelled", "clash"),
        ("une unité s'est accrochée avec des jihadistes", "clash"),
        ("fighters overpowered the escort", "attack"),
    ],
)
def test_more_triggers(text, kind):
    assert kind in [k for k, _ in kinds(text)]


def test_a_rocket_launcher_is_a_weapon_not_a_shelling():
    assert "shelling" not in [k for k, _ in kinds("saisie de deux lance-roquettes et de motos")]
    assert "shelling" not in [k for k, _ in kinds("rocket-propelled grenades were used")]


@pytest.mark.parametrize(
    "situation,expected",
    [
        # a mine or a mortar barrage called "an attack" stays remote violence ...
        (
            sit(kinds={"shelling", "attack"}, attacker_inter=2, target_inter=8),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            sit(kinds={"ied", "attack", "kill"}, target_inter=1, killed_groups={"civilians", "military"}),
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        # ... unless the attackers also fought their way in (a complex attack)
        (
            sit(kinds={"ied", "attack", "kill"}, target_inter=1, killed_groups={"military"}, contact=True),
            ("Battles", "Armed clash"),
        ),
        (sit(kinds={"suicide", "shelling", "attack"}, target_inter=8), ("Battles", "Armed clash")),
        (sit(kinds={"suicide", "attack"}, target_inter=1, contact=True), ("Battles", "Armed clash")),
        # strikes on vehicles rigged with bombs are air strikes
        (sit(kinds={"suicide", "airstrike"}, attacker_inter=1), ("Explosions/Remote violence", "Air/drone strike")),
        # a few soldiers among many civilians killed in a village: an attack on civilians
        (
            sit(
                kinds={"attack", "kill"}, target_inter=1, killed_groups={"military", "civilians"}, mostly_civilians=True
            ),
            ("Violence against civilians", "Attack"),
        ),
        (
            sit(kinds={"attack", "kill"}, target_inter=1, killed_groups={"military", "civilians"}),
            ("Battles", "Armed clash"),
        ),
    ],
)
def test_remote_violence_complex_attacks_and_civilian_tolls(situation, expected):
    assert classify(situation)[:2] == expected


def extract_one(make_report, gazetteer, text, **kw):
    from sahelwatch.extract import extract_incidents

    found = extract_incidents(make_report(text, **kw), gazetteer)
    assert len(found) == 1, found
    return found[0]


def test_a_mine_called_an_attack_is_remote_violence(make_report, fake_gazetteer):
    inc = extract_one(
        make_report,
        fake_gazetteer,
        "Dimanche, près de Djibo, un engin explosif a détruit un camion de l'armée. L'attaque a tué "
        "trois soldats, selon une source sécuritaire.",
    )
    assert (inc.event_type, inc.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")


def test_a_mine_followed_by_gunfire_is_a_battle(make_report, fake_gazetteer):
    inc = extract_one(
        make_report,
        fake_gazetteer,
        "Dimanche, près de Djibo, un engin explosif a détruit un camion de l'armée, puis les assaillants "
        "ont ouvert le feu sur le convoi. L'attaque a tué trois soldats.",
    )
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Armed clash")


def test_an_attack_repelled_by_a_militia_is_a_battle(make_report, fake_gazetteer):
    inc = extract_one(
        make_report,
        fake_gazetteer,
        "Samedi à l'aube, des inconnus armés ont attaqué Dioura. Leur raid a été repoussé, après une "
        "heure, par des éléments de Dan Na Ambassagou.",
        country_hint="Mali",
    )
    assert inc.event_type == "Battles" and inc.actor2 == "Dan Na Ambassagou"


def test_an_attack_on_a_security_post_is_a_battle(make_report, fake_gazetteer):
    inc = extract_one(
        make_report,
        fake_gazetteer,
        "Dimanche avant l'aube, une attaque a visé le poste de sécurité de Dioura.",
        country_hint="Mali",
    )
    assert inc.event_type == "Battles"
    assert inc.actor1 == "Unidentified Armed Group (Mali)" and inc.actor2 == "Police Forces of Mali (2021-)"


def test_violence_in_general_does_not_arm_the_victims(make_report, fake_gazetteer):
    # the region's "attaques jihadistes" are the kidnappers' side, not an armed target
    inc = extract_one(
        make_report,
        fake_gazetteer,
        "Dimanche, près de Djibo, des inconnus ont kidnappé un infirmier dans une région qui subit "
        "des attaques jihadistes répétées.",
    )
    assert (inc.event_type, inc.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance")


def test_the_day_before_is_another_incident(make_report, fake_gazetteer):
    found = __import__("sahelwatch.extract", fromlist=["x"]).extract_incidents(
        make_report(
            "Samedi, Boko Haram a attaqué une position militaire près de Gao : deux soldats ont péri. "
            "À la veille de cette attaque, ces hommes avaient kidnappé puis exécuté trois bergers à Dioura."
        ),
        fake_gazetteer,
    )
    by_place = {i.location: i for i in found}
    assert by_place["Gao"].event_type == "Battles"
    assert by_place["Dioura"].event_type == "Violence against civilians"
    assert by_place["Dioura"].event_date == "2025-05-30"


def test_fighting_in_general_does_not_make_a_massacre_a_battle(make_report, fake_gazetteer):
    inc = extract_one(
        make_report,
        fake_gazetteer,
        "Des soldats ont tué au moins 40 villageois lundi à Djibo, selon une ONG. Des civils sont pris "
        "entre deux feux dans les combats entre les groupes armés et l'armée.",
    )
    assert inc.event_type == "Violence against civilians"
    assert inc.actor1 == "Military Forces of Burkina Faso (2022-)" and inc.actor2 == "Civilians (Burkina Faso)"


def test_taking_a_position_as_target_is_an_attack(make_report, fake_gazetteer):
    from sahelwatch.extract import extract_incidents

    text = "Samedi soir, des hommes armés ont pris pour cible une position de l'armée près de Dioura."
    [inc] = extract_incidents(make_report(text), fake_gazetteer)
    assert (inc.location, inc.event_type) == ("Dioura", "Battles")


def test_the_english_verb_to_combat_is_no_fight_but_french_combats_are():
    assert ("clash", True) not in kinds("To combat rising insecurity, the government closed the markets.")
    assert ("clash", True) in kinds("De violents combats ont opposé l'armée aux assaillants.")
