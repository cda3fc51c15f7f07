"""The committed source registry (seeds/sources.yaml) and the validator that guards it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from sahelwatch.crawl.runner import spider_for
from sahelwatch.sources.registry import KINDS, RegistryError, Source, load_registry, parse_registry

REGISTRY = Path(__file__).resolve().parents[2] / "seeds" / "sources.yaml"
COUNTRIES = {"Mali", "Burkina Faso", "Niger", "Mauritania", "Chad", "Regional"}
SETTINGS_KEYS = {"url_filter", "entry_filter", "delay", "note", "disabled_reason", "verified", "query", "appname_env"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def sources() -> list[Source]:
    return load_registry(REGISTRY)


@pytest.fixture(scope="module")
def raw_entries() -> list[dict[str, Any]]:
    return yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))["sources"]


def _entry(**overrides: Any) -> dict[str, Any]:
    entry = {
        "id": "example",
        "name": "Example",
        "country": "Mali",
        "language": "fr",
        "kind": "rss",
        "url": "https://example.org/feed/",
    }
    entry.update(overrides)
    return entry


# ---------------------------------------------------------------- the committed registry


def test_registry_loads_with_at_least_forty_sources(sources: list[Source]) -> None:
    assert len(sources) >= 40


def test_ids_are_unique_short_kebab_case(sources: list[Source]) -> None:
    ids = [source.id for source in sources]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert [i for i in ids if not ID_PATTERN.match(i) or len(i) > 24] == []


def test_urls_are_unique_and_https(sources: list[Source]) -> None:
    urls = [source.url for source in sources]
    assert len(set(urls)) == len(urls)
    assert [s.id for s in sources if not s.url.startswith("https://")] == []
    assert [s.id for s in sources if s.homepage and not s.homepage.startswith("https://")] == []


def test_every_country_is_expected(sources: list[Source]) -> None:
    assert {source.country for source in sources} <= COUNTRIES
    # the three core countries are each covered by enabled feeds
    enabled = Counter(source.country for source in sources if source.enabled)
    assert all(enabled[country] >= 5 for country in ("Mali", "Burkina Faso", "Niger")), enabled


def test_every_source_is_one_a_spider_reads(sources: list[Source]) -> None:
    assert [(s.id, s.kind) for s in sources if spider_for(s) is None] == []
    assert not [s.id for s in sources if "not yet implemented" in str(s.settings.get("disabled_reason"))]


def test_every_kind_is_known(sources: list[Source]) -> None:
    assert {source.kind for source in sources} <= KINDS


def test_disabled_sources_say_why(sources: list[Source]) -> None:
    disabled = [source for source in sources if not source.enabled]
    assert disabled, "the discovery sources are expected to be disabled until their spiders exist"
    assert [s.id for s in disabled if not str(s.settings.get("disabled_reason", "")).strip()] == []


def test_enabled_is_a_real_boolean(raw_entries: list[dict[str, Any]]) -> None:
    # the loader uses bool(), so a quoted "false" would silently enable a source
    assert [e["id"] for e in raw_entries if "enabled" in e and not isinstance(e["enabled"], bool)] == []


def test_settings_keys_are_known(sources: list[Source]) -> None:
    unknown = {(s.id, key) for s in sources for key in s.settings if key not in SETTINGS_KEYS}
    assert unknown == set(), "a typo in a settings key would be ignored silently; add new keys to seeds/README.md"


def test_settings_values_have_the_right_types(sources: list[Source]) -> None:
    for source in sources:
        settings = source.settings
        if "delay" in settings:
            assert isinstance(settings["delay"], (int, float)) and settings["delay"] > 0, source.id
        if "verified" in settings:
            assert isinstance(settings["verified"], bool), source.id
        for key in ("url_filter", "entry_filter"):
            if key in settings:
                re.compile(settings[key])


def test_regional_outlets_are_filtered(sources: list[Source]) -> None:
    regional = [s for s in sources if s.country == "Regional"]
    assert regional
    unfiltered = [s.id for s in regional if not ({"url_filter", "entry_filter"} & s.settings.keys())]
    assert unfiltered == ["lemonde-sahel"]  # the only Sahel-only section among them


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("https://www.rfi.fr/fr/afrique/20250101-mali-attaque-contre-un-camp-militaire", True),
        ("https://www.france24.com/fr/afrique/20250101-burkina-faso-des-soldats-tues", True),
        ("https://fr.africanews.com/2025/01/01/niger-la-junte-annonce/", True),
        ("https://apanews.net/les-nigeriens-de-tillaberi/", True),
        ("https://www.jeuneafrique.com/1/politique/tchad-mahamat-deby/", True),
        ("https://www.aa.com.tr/fr/afrique/la-mauritanie-accueille/1", True),
        ("Attaque jihadiste dans le centre du Mali", True),
        ("https://www.rfi.fr/fr/afrique/20250101-somalie-shebabs-mogadiscio", False),
        ("https://www.france24.com/en/africa/20250101-nigeria-lagos-election", False),
        ("https://www.rfi.fr/fr/afrique/20250101-rdc-goma-m23", False),
    ],
)
def test_the_shared_sahel_filter(sources: list[Source], text: str, kept: bool) -> None:
    patterns = {
        s.settings.get("url_filter") or s.settings.get("entry_filter") for s in sources if s.country == "Regional"
    } - {None}
    assert len(patterns) == 1  # one shared definition (the YAML anchor)
    assert bool(re.search(patterns.pop(), text)) is kept


def test_discovery_sources_carry_their_configuration(sources: list[Source]) -> None:
    by_id = {source.id: source for source in sources}
    for country, fips in (("mali", "ML"), ("burkina", "UV"), ("niger", "NG")):
        gdelt = by_id[f"gdelt-{country}"]
        assert gdelt.kind == "api" and f"sourcecountry%3A{fips}" in gdelt.url and "maxrecords=250" in gdelt.url
        gnews = by_id[f"gnews-{country}"]
        assert gnews.kind == "search_feed" and gnews.url.endswith("&hl=fr&gl=FR&ceid=FR:fr")
        relief = by_id[f"reliefweb-{country}"]
        assert relief.settings["appname_env"] == "RELIEFWEB_APPNAME" and "appname=" not in relief.url
        assert gdelt.enabled and gnews.enabled  # their spiders exist (tests/crawl/test_kinds.py)
        assert (spider_for(gdelt), spider_for(gnews), spider_for(relief)) == ("gdelt", "feed", "reliefweb")
        assert not relief.enabled and "RELIEFWEB_APPNAME" in relief.settings["disabled_reason"]


# ---------------------------------------------------------------- the validator


def test_parse_registry_accepts_a_minimal_entry() -> None:
    [source] = parse_registry([_entry(url_filter="(?i)mali", delay=2)])
    assert source.enabled and source.settings == {"url_filter": "(?i)mali", "delay": 2}


def test_rejects_a_duplicate_id() -> None:
    with pytest.raises(RegistryError, match=r"duplicate source id 'twice'"):
        parse_registry([_entry(id="twice"), _entry(id="twice", url="https://example.org/other/")])


def test_rejects_a_duplicate_url() -> None:
    with pytest.raises(RegistryError, match=r"source second: url https://example.org/feed/ is already registered"):
        parse_registry([_entry(id="first"), _entry(id="second")])


def test_rejects_an_unknown_kind() -> None:
    with pytest.raises(RegistryError, match=r"source odd-kind: unknown kind 'json'"):
        parse_registry([_entry(id="odd-kind", kind="json")])


def test_rejects_a_missing_field() -> None:
    entry = _entry(id="no-url")
    del entry["url"]
    with pytest.raises(RegistryError, match=r"entry 2 \(no-url\): missing url"):
        parse_registry([_entry(), entry])


def test_rejects_an_empty_field() -> None:
    with pytest.raises(RegistryError, match=r"entry 1 \(no-country\): missing country"):
        parse_registry([_entry(id="no-country", country="")])


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "example.org/feed/", "file:///etc/passwd"])
def test_rejects_a_non_http_url(url: str) -> None:
    with pytest.raises(RegistryError, match=r"source not-http: url must be http\(s\)"):
        parse_registry([_entry(id="not-http", url=url)])


def test_rejects_an_entry_that_is_not_a_mapping() -> None:
    with pytest.raises(RegistryError, match=r"entry 1: expected a mapping"):
        parse_registry(["https://example.org/feed/"])


def test_load_registry_needs_a_sources_list(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("- {id: a}\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"expected a top-level 'sources:' list"):
        load_registry(path)
