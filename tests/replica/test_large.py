"""The large replica must have the properties the end-to-end benchmark relies on, checked at a small scale:
counts, shares of copies, incidents and languages, feeds that parse and list every article, pages that the
pipeline's dedup and extraction read as intended, and the same bytes for the same seed."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import feedparser
import pytest

from sahelwatch.dedup.cluster import Report, assign
from sahelwatch.dedup.signature import sign_many
from sahelwatch.extract import extract_incidents
from sahelwatch.extract.model import Report as ExtractReport
from sahelwatch.replica import large
from sahelwatch.replica.server import ReplicaServer, replica_sources
from sahelwatch.sources.registry import parse_registry

REPORTS = 200


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, large.Replica]:
    out = tmp_path_factory.mktemp("large")
    return out, large.generate(out, REPORTS, outlets=12, seed=7)


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_counts_and_shares(generated: tuple[Path, large.Replica]) -> None:
    out, replica = generated
    counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert counts["reports"] == REPORTS == len(list((out / "site").glob("outlet-*/2025/06/02/*.html")))
    assert 0.12 <= counts["copies"] / REPORTS <= 0.28
    assert 0.28 <= counts["incident_reports"] / REPORTS <= 0.48
    assert counts["incidents"] < counts["incident_reports"]  # some incidents are reported more than once
    assert set(counts["languages"]) == {"fr", "en"} and counts["languages"]["fr"] > counts["languages"]["en"]
    for article in replica.articles:
        assert article.published.date() == large.DAY
        if article.copy_of:
            original = next(a for a in replica.articles if a.path == article.copy_of)
            assert original.outlet.id != article.outlet.id and original.outlet.language == article.outlet.language
            assert article.published > original.published


def test_pages_are_news_sized(generated: tuple[Path, large.Replica]) -> None:
    out, _ = generated
    sizes = [path.stat().st_size for path in (out / "site").glob("outlet-*/2025/06/02/*.html")]
    assert 10_000 <= min(sizes) and max(sizes) <= 30_000


def test_served_feeds_list_every_article(generated: tuple[Path, large.Replica]) -> None:
    out, replica = generated
    with ReplicaServer(root=out / "site") as server:
        sources = parse_registry(replica_sources(server.base_url, out / "sources.yaml"))
        listed = 0
        for source in sources:
            feed = feedparser.parse(source.url)
            assert not feed.bozo, (source.id, feed.get("bozo_exception"))
            assert feed.version == ("atom10" if source.kind == "atom" else "rss20")
            assert len(feed.entries) == source.settings["max_items"]
            assert all(entry.link.startswith(server.base_url) and entry.published_parsed for entry in feed.entries)
            listed += len(feed.entries)
    assert listed == REPORTS
    assert {s.kind for s in sources} == {"rss", "atom"}


def test_dedup_catches_copies_and_keeps_originals_apart(generated: tuple[Path, large.Replica]) -> None:
    _, replica = generated
    texts = ["\n".join(a.paragraphs) for a in replica.articles]
    reports = [Report(a.path, a.path, a.path, a.published, len(text), signature)
               for a, text, signature in zip(replica.articles, texts, sign_many(texts))]
    assigned = {a.report_id: a for a in assign(reports, [])}
    for article in replica.articles:
        if article.copy_of:
            assert assigned[article.path].cluster_id == assigned[article.copy_of].cluster_id
        else:
            assert assigned[article.path].duplicate_of is None, article.path


def test_incident_reports_extract_to_their_incident(generated: tuple[Path, large.Replica]) -> None:
    _, replica = generated
    for article in replica.articles:
        if article.copy_of:
            continue
        report = ExtractReport(article.path, article.path, article.title, "\n".join(article.paragraphs),
                               article.published, article.outlet.language, article.outlet.country)
        incidents = extract_incidents(report)
        if article.event is None:
            assert incidents == [], article.path
            continue
        place = article.event.place
        assert [(i.location, i.country) for i in incidents] == [(place.name, place.country)], article.path


def test_same_seed_same_bytes(generated: tuple[Path, large.Replica], tmp_path: Path) -> None:
    out, _ = generated
    large.generate(tmp_path, REPORTS, outlets=12, seed=7)
    assert _digest(tmp_path) == _digest(out)
    large.generate(tmp_path / "other", REPORTS, outlets=12, seed=8)
    assert _digest(tmp_path / "other" / "site") != _digest(out / "site")


def test_sites_are_far_apart() -> None:
    chosen = large.sites()
    assert len(chosen) >= 40
    assert Counter(s.country for s in chosen).keys() == set(large.COUNTRIES)
    assert min(large.distance_km(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1:]) >= large.SITE_SPACING_KM
