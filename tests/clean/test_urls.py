"""Canonical URLs (sahelwatch.clean.urls): one key per article, SPIP articles kept apart."""

from __future__ import annotations

import pytest

from sahelwatch.clean.urls import canonical_url


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        (
            "https://www.echos.ml/2025/06/02/attaque-dioura/?utm_source=facebook&utm_medium=social#comments",
            "https://echos.ml/2025/06/02/attaque-dioura",
        ),
        ("http://echos.ml/2025/06/02/attaque-dioura", "https://echos.ml/2025/06/02/attaque-dioura"),
        ("https://echos.ml/2025/06/02/attaque-dioura/amp/", "https://echos.ml/2025/06/02/attaque-dioura"),
        ("https://amp.echos.ml/2025/06/02/attaque-dioura/", "https://echos.ml/2025/06/02/attaque-dioura"),
        ("https://m.echos.ml/2025/06/02/attaque-dioura/?fbclid=IwAR0abc", "https://echos.ml/2025/06/02/attaque-dioura"),
        ("https://echos.ml/amp/2025/06/02/attaque-dioura/", "https://echos.ml/2025/06/02/attaque-dioura"),
        ("https://echos.ml/2025/06/02/attaque-dioura/?amp", "https://echos.ml/2025/06/02/attaque-dioura"),
        ("https://echos.ml/2025/06/02/attaque-dioura/?outputType=amp", "https://echos.ml/2025/06/02/attaque-dioura"),
        ("https://echos.ml/article/attaque-dioura.amp.html", "https://echos.ml/article/attaque-dioura.html"),
        (
            "https://echos-ml.cdn.ampproject.org/c/s/echos.ml/2025/06/02/attaque-dioura/",
            "https://echos.ml/2025/06/02/attaque-dioura",
        ),
        ("https://ECHOS.ML:443/2025/06/02/attaque-dioura", "https://echos.ml/2025/06/02/attaque-dioura"),
        ("http://echos.ml:80/2025/06/02/attaque-dioura", "https://echos.ml/2025/06/02/attaque-dioura"),
        ("https://site.ne/article.php?ref=homepage&id=88", "https://site.ne/article.php?id=88"),
        ("https://site.ne/article.php?b=2&a=1&xtor=RSS-3", "https://site.ne/article.php?a=1&b=2"),
    ],
)
def test_variants_share_one_canonical_url(variant: str, canonical: str) -> None:
    assert canonical_url(variant) == canonical


def test_spip_articles_stay_distinct() -> None:
    first = canonical_url("https://lefaso.net/spip.php?article139000")
    second = canonical_url("http://www.lefaso.net/spip.php?article139001&utm_source=x")
    assert first == "https://lefaso.net/spip.php?article139000"
    assert second == "https://lefaso.net/spip.php?article139001"


def test_a_numeric_ref_is_an_article_number_not_tracking() -> None:
    assert canonical_url("https://site.td/index.php?ref=4521") == "https://site.td/index.php?ref=4521"


def test_loopback_replica_keeps_plain_http() -> None:
    url = "http://127.0.0.1:8765/faso-matin/spip.php?article4521"
    assert canonical_url(url) == url


def test_percent_encoding_is_normalised() -> None:
    assert canonical_url("https://site.ml/s%C3%A9gou/march%c3%a9") == canonical_url("https://site.ml/ségou/marché")
