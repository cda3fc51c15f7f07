"""Text normalisation and boilerplate stripping (sahelwatch.clean.text, rules in seeds/boilerplate.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelwatch.clean.rules import RULES_FILE, load_rules
from sahelwatch.clean.text import clean_text, content_hash, drop_title_lines, normalise, strip_boilerplate
from sahelwatch.clean.titles import clean_title

PAGES = Path(__file__).parent / "pages"
SHARED_EXAMPLES = Path("/work/shared/examples")


def _page(name: str) -> tuple[str, str]:
    title, _, text = (PAGES / f"{name}.txt").read_text(encoding="utf-8").partition("\n")
    return title, text


@pytest.mark.parametrize(
    "name", sorted(p.name.removesuffix(".txt") for p in PAGES.glob("*.txt") if not p.name.endswith(".expected.txt"))
)
def test_pages_keep_only_the_article(name: str) -> None:
    title, text = _page(name)
    expected = (PAGES / f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    assert clean_text(text, clean_title(title)) == expected


@pytest.mark.skipif(not SHARED_EXAMPLES.is_dir(), reason="the shared examples are not on this machine")
@pytest.mark.parametrize("path", sorted(SHARED_EXAMPLES.glob("*.txt")) if SHARED_EXAMPLES.is_dir() else [])
def test_shared_examples_lose_headline_repeats_and_comment_form(path: Path) -> None:
    title, _, text = path.read_text(encoding="utf-8").partition("\n")
    cleaned = clean_text(text, clean_title(title))
    lines = cleaned.split("\n")
    assert title.strip() not in lines
    assert not any(line.startswith(("Leave a Reply", "Your email address")) for line in lines)
    assert "" not in lines and all(line == line.strip() for line in lines)
    assert len(cleaned.split()) > 100  # the article itself is kept


def test_normalise_removes_invisible_characters_and_blank_lines() -> None:
    raw = "Bama\u00adko\u200b a\u00a0accueilli\u202fle  sommet\r\n\r\n \u00a0\r\nSecond\u2028paragraphe\ufeff"
    assert normalise(raw) == "Bamako a accueilli le sommet\nSecond\nparagraphe"


def test_normalise_composes_accents() -> None:
    assert normalise("Se\u0301gou") == "Ségou"


CUT_EXAMPLES = [
    "Leave a Reply",
    "Laisser un commentaire",
    "Laissez un commentaire :",
    "Your email address will not be published. Required fields are marked *",
    "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
    "Vous devez être connecté pour publier un commentaire.",
    "3 commentaires",
    "Commentaires (12)",
    "Articles similaires",
    "Sur le même sujet",
    "Dans la même rubrique",
    "Related posts",
    "You may also like",
]


@pytest.mark.parametrize("line", CUT_EXAMPLES)
def test_cut_from_lines_end_the_article(line: str) -> None:
    text = f"Premier paragraphe de l'article.\n{line}\nUn commentaire de lecteur."
    assert strip_boilerplate(text) == "Premier paragraphe de l'article."


def test_a_cut_line_before_any_text_is_only_dropped() -> None:
    assert strip_boilerplate("Laisser un commentaire\nLe texte de l'article.") == "Le texte de l'article."


DROP_EXAMPLES = [
    "Partager :",
    "Partager sur Facebook",
    "Share this:",
    "Tweet",
    "WhatsApp",
    "Imprimer",
    "Click to share on X (Opens in new window)",
    "Cliquez pour partager sur WhatsApp",
    "Lire aussi : Mali, la transition prolongée",
    "À lire aussi: Niger, le budget 2026 adopté",
    "LIRE AUSSI >> Examens du CEP : le calendrier dévoilé",
    "READ ALSO: Niger junta extends transition",
    "Related: ECOWAS summit postponed",
    "Par Moussa Traoré",
    "PAR SALIF OUÉDRAOGO",
    "Par La Rédaction",
    "By Aïcha N. Diallo, correspondent in Bamako",
    "By Staff Reporter",
    "Par notre correspondant à Gao",
    "Auteur : Issa Kaboré",
    "Posted by AMB Desk",
    "Publié le 2 juin 2025 à 10h15",
    "Mis à jour le 24 avril 2025 à 18h40",
    "Published: February 19, 2025",
    "Source : Échos du Delta",
    "Source: AFP",
    "(Avec AFP)",
    "Photo : Faso Matin",
    "Crédit photo : DR",
    "© Le Messager du Delta",
    "Copyright 2025 The Savannah Post. All rights reserved.",
    "© 2025 Faso Matin – Tous droits réservés",
    "Suivez-nous sur Facebook et X",
    "Abonnez-vous à notre newsletter",
    "Follow us on WhatsApp",
    "Publicité",
    "Advertisement",
    "Mots-clés : Ségou, Dioro",
    "Tags: Mali, Kayes",
    "Accueil > Sécurité > Ségou",
    "Aller au contenu",
    "Skip to content",
    "Article suivant : Coupe du monde",
    "The post Why the Sahel needs water appeared first on The Savannah Post.",
    "L'article Coton : le prix relevé est apparu en premier sur Faso Matin.",
    "Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site.",
    "Lire la suite sur le site de l'ASP",
    "Continue reading",
    "Vous avez aimé cet article ? Partagez-le !",
    "Did you enjoy this story?",
    "Reporting by Africa Business Wire staff; editing by Claire Dubois",
]


@pytest.mark.parametrize("line", DROP_EXAMPLES)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    text = f"Premier paragraphe.\n{line}\nDeuxième paragraphe."
    assert strip_boilerplate(text) == "Premier paragraphe.\nDeuxième paragraphe."


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, les autorités ont annoncé un couvre-feu à Mopti.",
        "Par la suite, les assaillants se sont repliés vers la frontière.",
        "By Sunday evening, the army said it had regained control of the town.",
        "By then, more than 200 families had fled to Kaya.",
        "Source: a security official who asked not to be named said the toll could rise above 20.",
        "Selon une source sécuritaire, « la situation reste tendue ».",
        "Published figures show that 5,319 schools were closed at the end of March.",
        "Photos and videos shared on social media showed burning trucks.",
        "Related violence has displaced thousands of people in the Centre-Nord region.",
        "Lire aussitôt le communiqué a été la consigne donnée aux préfets.",
        "Tous les commentateurs s'accordent sur un point : la route reste dangereuse.",
        "Publicité mensongère : un commerçant condamné à Bamako pour fraude.",
    ],
)
def test_article_sentences_are_kept(line: str) -> None:
    text = f"Premier paragraphe.\n{line}\nDernier paragraphe."
    assert strip_boilerplate(text) == text


def test_headline_repeats_are_dropped_anywhere_but_similar_lines_kept() -> None:
    text = "Mopti : 12 soldats tués\nAccueil\nMOPTI : 12 soldats tués !\nMopti : 12 soldats tués à Dioura\nCorps."
    assert drop_title_lines(text, "Mopti : 12 soldats tués") == "Accueil\nMopti : 12 soldats tués à Dioura\nCorps."


def test_content_hash_ignores_case_punctuation_and_spacing() -> None:
    assert content_hash("L’armée a « repoussé » l'attaque.") == content_hash("l'ARMÉE a repoussé  l’attaque")
    assert content_hash("12 soldats tués") != content_hash("13 soldats tués")


def test_every_rule_has_an_example() -> None:
    """A rule nobody can show an example of is dead or wrong; seeds/boilerplate.yaml promises one for each."""
    rules = load_rules(RULES_FILE)
    for patterns, examples in ((rules.cut_from, CUT_EXAMPLES), (rules.drop_line, DROP_EXAMPLES)):
        for pattern in patterns:
            assert any(pattern.search(line) for line in examples), pattern.pattern


def test_a_bad_rule_is_reported_with_its_list(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("drop_line:\n  - '^(unclosed'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="drop_line"):
        load_rules(bad)
