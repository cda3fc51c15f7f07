"""The large replica must have the properties the end-to-end benchmark relies on, checked at a small scale:
counts, shares of copies, incidents and languages, incidents that grow with the day and stay apart for fusion, feeds
that parse and list every article, unrelated stories as unlike as real news, pages that the pipeline's dedup and
extraction read as intended, and the same bytes for the same seed."""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from datetime import timedelta
from pathlib import Path

import feedparser
import numpy as np
import pytest

from sahelwatch.dedup.cluster import Report, assign
from sahelwatch.dedup.signature import sign_many
from sahelwatch.extract import extract_incidents
from sahelwatch.extract.model import Report as ExtractReport
from sahelwatch.extract.pipeline import MAX_AGE_DAYS
from sahelwatch.fuse.match import DISTANCE_KM
from sahelwatch.replica.server import ReplicaServer, replica_sources
from sahelwatch.sources.registry import parse_registry
from sahelwatch.tools.replica.day import draw_articles, make_outlets
from sahelwatch.tools.replica.generate import generate
from sahelwatch.tools.replica.model import COUNTRIES, DAY, DAY_WINDOW, EVENT_DAYS, SITE_SPACING_KM, Replica
from sahelwatch.tools.replica.towns import distance_km, sites

REPORTS = 200


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Replica]:
    out = tmp_path_factory.mktemp("large")
    return out, generate(out, REPORTS, outlets=12, seed=7)


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_counts_and_shares(generated: tuple[Path, Replica]) -> None:
    out, replica = generated
    counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert counts["reports"] == REPORTS == len(list((out / "site").glob("outlet-*/2025/06/02/*.html")))
    assert 0.1 <= counts["copies"] / REPORTS <= 0.3  # 0.2 expected; 200 draws give a standard deviation of 0.03
    assert 0.28 <= counts["incident_reports"] / REPORTS <= 0.48
    assert 1 <= counts["incidents"] < counts["incident_reports"]  # incidents are reported more than once
    assert set(counts["languages"]) == {"fr", "en"} and counts["languages"]["fr"] > counts["languages"]["en"]
    for article in replica.articles:
        assert article.published.date() == DAY
        if article.copy_of:
            original = next(a for a in replica.articles if a.path == article.copy_of)
            assert original.outlet.id != article.outlet.id and original.outlet.language == article.outlet.language
            assert article.published > original.published


def test_incidents_grow_with_the_day() -> None:
    """About 20 incident reports per incident at any size, so that fusion's work per incident does not grow with the
    day (a bounded number of incidents made it quadratic), and never more incidents than fusion can tell apart."""
    per_size = {}
    for reports in (2_000, 8_000):
        rng = random.Random(11)
        articles = draw_articles(make_outlets(40, rng), reports, rng)
        events = [a.event for a in articles if a.event is not None]
        per_size[reports] = len({e.number for e in events})
        assert 12 <= len(events) / per_size[reports] <= 30
        distinct = list({e.number: e for e in events}.values())
        assert all(
            distance_km(a.place, b.place) > DISTANCE_KM or abs(a.days_before - b.days_before) > DAY_WINDOW
            for i, a in enumerate(distinct)
            for b in distinct[i + 1 :]
        )  # fusion's 25 km and 2 days apart
    assert 3 <= per_size[8_000] / per_size[2_000] <= 5


def test_pages_are_news_sized(generated: tuple[Path, Replica]) -> None:
    out, _ = generated
    sizes = [path.stat().st_size for path in (out / "site").glob("outlet-*/2025/06/02/*.html")]
    assert 10_000 <= min(sizes) and max(sizes) <= 30_000


def test_served_feeds_list_every_article(generated: tuple[Path, Replica]) -> None:
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


def test_dedup_catches_copies_and_keeps_originals_apart(generated: tuple[Path, Replica]) -> None:
    _, replica = generated
    texts = ["\n".join(a.paragraphs) for a in replica.articles]
    reports = [
        Report(a.path, a.path, a.path, a.published, len(text), signature)
        for a, text, signature in zip(replica.articles, texts, sign_many(texts))
    ]
    assigned = {a.report_id: a for a in assign(reports, [])}
    for article in replica.articles:
        if article.copy_of:
            assert assigned[article.path].cluster_id == assigned[article.copy_of].cluster_id
        else:
            assert assigned[article.path].duplicate_of is None, article.path


def test_unrelated_stories_share_few_shingles(generated: tuple[Path, Replica]) -> None:
    """Unrelated real news shares almost no 3-word shingles; a generator whose stories share many makes dedup's LSH
    compare a growing share of all pairs, which is not what a real day costs."""
    _, replica = generated
    stories = [a for a in replica.articles if a.event is None and a.copy_of is None]
    signatures = sign_many(["\n".join(a.paragraphs) for a in stories])
    estimates = sorted(float(np.mean(a.body == b.body)) for i, a in enumerate(signatures) for b in signatures[i + 1 :])
    assert len(estimates) > 1000
    assert estimates[len(estimates) // 2] <= 0.02 and estimates[int(0.99 * len(estimates))] <= 0.08
    assert estimates[-1] < 0.2  # far below the near-duplicate threshold (0.38)


def test_incident_reports_extract_to_their_incident(generated: tuple[Path, Replica]) -> None:
    _, replica = generated
    for article in replica.articles:
        if article.copy_of:
            continue
        report = ExtractReport(
            article.path,
            article.path,
            article.title,
            "\n".join(article.paragraphs),
            article.published,
            article.outlet.language,
            article.outlet.country,
        )
        incidents = extract_incidents(report)
        if article.event is None:
            assert incidents == [], article.path
            continue
        place, day = article.event.place, DAY - timedelta(days=article.event.days_before)
        assert [(i.location, i.country, i.event_date) for i in incidents] == [
            (place.name, place.country, day.isoformat())
        ], article.path


def test_same_seed_same_bytes(generated: tuple[Path, Replica], tmp_path: Path) -> None:
    out, _ = generated
    generate(tmp_path, REPORTS, outlets=12, seed=7)
    assert _digest(tmp_path) == _digest(out)
    generate(tmp_path / "other", REPORTS, outlets=12, seed=8)
    assert _digest(tmp_path / "other" / "site") != _digest(out / "site")


def test_sites_are_far_apart() -> None:
    chosen = sites()
    assert len(chosen) >= 40
    assert Counter(s.country for s in chosen).keys() == set(COUNTRIES)
    assert min(distance_km(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1 :]) >= SITE_SPACING_KM


def test_incident_slots_follow_fusion_and_extraction() -> None:
    """Sites and days are spaced by fusion's own thresholds and stay within extraction's age for news, whatever
    those constants become."""
    assert SITE_SPACING_KM > DISTANCE_KM
    assert all(min(later) - max(earlier) > DAY_WINDOW for earlier, later in zip(EVENT_DAYS, EVENT_DAYS[1:]))
    assert max(EVENT_DAYS[-1]) <= MAX_AGE_DAYS < max(EVENT_DAYS[-1]) + DAY_WINDOW + 1
