import pytest

from sahelwatch.extract.events import Situation, classify, find_triggers
from sahelwatch.extract.lexicon import load
from sahelwatch.extract.text import fold

ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def kinds(text):
    return [(t.kind, t.concrete) for t in find_triggers(text, fold(text))]


def test_lexicon_lists_acleds_25_sub_types():
    lex = load("events")["event_types"]
    assert {k: set(v) for k, v in lex.items()} == ACLED
    assert sum(len(v) for v in ACLED.values()) == 25


@pytest.mark.parametrize("text,kind", [
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
])
def test_triggers(text, kind):
    assert kind in [k for k, _ in kinds(text)]


def test_plural_nouns_are_not_concrete():
    assert kinds("attacks were also reported") == [("attack", False)]
    assert kinds("the latest attack") == [("attack", True)]


def sit(**kw):
    base = dict(kinds=frozenset(), attacker_inter=None, target_inter=None, killed_groups=frozenset(),
                abducted_groups=frozenset(), protest_intervention=False, protesters_killed=False)
    base.update(kw)
    base["kinds"] = frozenset(base["kinds"])
    base["killed_groups"] = frozenset(base["killed_groups"])
    base["abducted_groups"] = frozenset(base["abducted_groups"])
    return Situation(**base)


@pytest.mark.parametrize("situation,expected", [
    (sit(kinds={"attack"}, attacker_inter=3, target_inter=1), ("Battles", "Armed clash")),
    (sit(kinds={"attack", "kill"}, killed_groups={"military"}), ("Battles", "Armed clash")),
    (sit(kinds={"attack", "kill"}, attacker_inter=3, target_inter=7), ("Violence against civilians", "Attack")),
    (sit(kinds={"abduction"}, target_inter=7, abducted_groups={"civilians"}),
     ("Violence against civilians", "Abduction/forced disappearance")),
    (sit(kinds={"attack", "abduction", "kill"}, killed_groups={"military"}, abducted_groups={"military"}),
     ("Battles", "Armed clash")),
    (sit(kinds={"takeover"}, attacker_inter=2), ("Battles", "Non-state actor overtakes territory")),
    (sit(kinds={"takeover"}, attacker_inter=1), ("Battles", "Government regains territory")),
    (sit(kinds={"airstrike", "kill"}, attacker_inter=1, killed_groups={"attackers"}),
     ("Explosions/Remote violence", "Air/drone strike")),
    (sit(kinds={"ied", "kill"}, killed_groups={"military"}),
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    (sit(kinds={"suicide", "attack"}), ("Explosions/Remote violence", "Suicide bomb")),
    (sit(kinds={"protest"}), ("Protests", "Peaceful protest")),
    (sit(kinds={"protest"}, protest_intervention=True), ("Protests", "Protest with intervention")),
    (sit(kinds={"protest", "kill"}, protesters_killed=True, killed_groups={"generic"}),
     ("Protests", "Excessive force against protesters")),
    (sit(kinds={"riot"}), ("Riots", "Violent demonstration")),
    (sit(kinds={"mob", "kill"}, killed_groups={"generic"}), ("Riots", "Mob violence")),
    (sit(kinds={"arrest"}), ("Strategic developments", "Arrests")),
    (sit(kinds={"looting"}), ("Strategic developments", "Looting/property destruction")),
    (sit(kinds={"sexual", "abduction"}, abducted_groups={"civilians"}), ("Violence against civilians", "Sexual violence")),
])
def test_classification(situation, expected):
    assert classify(situation)[:2] == expected
