"""Which reports go on to extraction (sahelwatch.clean.usable); the others keep a reason."""

from __future__ import annotations

import pytest

from sahelwatch.clean.usable import MIN_WORDS, unusable_reason

ARTICLE = " ".join(["Le camp militaire de Dioura a été attaqué dimanche par des hommes armés."] * 6)
URL = "https://echos.ml/2025/06/02/attaque-dioura/"


def test_an_article_is_usable() -> None:
    assert unusable_reason(ARTICLE, "Mopti : le camp de Dioura attaqué", "fr", URL, 200) is None


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"http_status": 404}, "http status 404"),
        ({"url": "https://echos.ml/category/securite/"}, "not an article page"),
        ({"url": "https://echos.ml/tag/fama/"}, "not an article page"),
        ({"url": "https://echos.ml/author/redaction/"}, "not an article page"),
        ({"url": "https://echos.ml/page/2/"}, "not an article page"),
        ({"url": "https://echos.ml/?s=mopti"}, "not an article page"),
        ({"url": "https://lefaso.net/spip.php?rubrique3"}, "not an article page"),
        ({"url": "https://lefaso.net/spip.php?page=contact"}, "not an article page"),
        ({"title": "Page non trouvée – Échos du Delta"}, "error, challenge or paywall page"),
        ({"title": "404 Not Found"}, "error, challenge or paywall page"),
        ({"title": "Just a moment..."}, "error, challenge or paywall page"),
        ({"text": ""}, "no text"),
        ({"text": "Trop court pour être un article."}, f"text shorter than {MIN_WORDS} words"),
        ({"language": "pt"}, "language 'pt' not supported"),
    ],
)
def test_unusable_reports_say_why(kwargs: dict, reason: str) -> None:
    values = {
        "text": ARTICLE,
        "title": "Mopti : le camp de Dioura attaqué",
        "language": "fr",
        "url": URL,
        "http_status": 200,
        **kwargs,
    }
    assert unusable_reason(**values) == reason


@pytest.mark.parametrize(
    "url",
    [
        "https://lefaso.net/spip.php?article139000",
        "https://echos.ml/2025/06/02/contact-group-meeting-in-bamako/",
        "https://site.ne/actualites/les-auteurs-de-l-attaque-arretes",
    ],
)
def test_article_urls_that_look_like_service_pages_are_kept(url: str) -> None:
    assert unusable_reason(ARTICLE, "Un titre d'article", "fr", url, 200) is None


NON_ARTICLE_URLS = [
    "https://echos.ml/category/securite/",
    "https://lefaso.net/spip.php?rubrique3",
    "https://echos.ml/?s=mopti",
]
NON_ARTICLE_TITLES = [
    "404 Not Found",
    "Page non trouvée – Échos du Delta",
    "Oups ! Cette page est vide",
    "Just a moment...",
    "Please enable JavaScript to continue",
    "Not Found",
    "Abonnez-vous pour lire la suite",
]


@pytest.mark.parametrize("title", NON_ARTICLE_TITLES)
def test_error_and_paywall_titles(title: str) -> None:
    assert unusable_reason(ARTICLE, title, "fr", URL, 200) == "error, challenge or paywall page"


def test_every_non_article_rule_has_an_example() -> None:
    from sahelwatch.clean.rules import RULES_FILE, load_rules

    rules = load_rules(RULES_FILE)
    for patterns, examples in (
        (rules.non_article_url, NON_ARTICLE_URLS),
        (rules.non_article_title, NON_ARTICLE_TITLES),
    ):
        for pattern in patterns:
            assert any(pattern.search(example) for example in examples), pattern.pattern


@pytest.mark.parametrize(
    "title",
    [
        "Mali : les mineurs introuvables après l'éboulement",
        "Niger: missing soldiers not found after three days of searches",
        "Oumar, 404 jours de détention",
    ],
)
def test_news_titles_are_not_error_pages(title: str) -> None:
    assert unusable_reason(ARTICLE, title, "fr", URL, 200) is None
