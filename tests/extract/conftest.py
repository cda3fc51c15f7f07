"""Fixtures for the extraction tests: a tiny in-memory gazetteer (same interface as sahelwatch.places) so that
pipeline rules can be tested without the real one, and the real gazetteer when it is available."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from sahelwatch.extract.model import Report

try:
    from sahelwatch.places.model import Place, PlaceMention
except ImportError:  # pragma: no cover - the gazetteer package is built separately

    @dataclass(frozen=True)
    class Place:  # type: ignore[no-redef]
        geonameid: int | None
        name: str
        country: str
        admin1: str | None
        admin2: str | None
        latitude: float
        longitude: float
        kind: str
        population: int
        admin1_new: str | None = None

    @dataclass(frozen=True)
    class PlaceMention:  # type: ignore[no-redef]
        start: int
        end: int
        surface: str
        candidates: tuple


# Approximate coordinates, enough for tests.
_PLACES = [
    Place(1, "Dioura", "Mali", "Mopti", "Tenenkou", 14.83, -5.25, "town", 0),
    Place(2, "Dioura", "Mali", "Kayes", "Diema", 14.30, -9.85, "town", 0),
    Place(3, "Mopti", "Mali", "Mopti", "Mopti", 14.48, -4.18, "town", 108000),
    Place(4, "Mopti", "Mali", "Mopti", None, 14.70, -3.40, "admin1", 2000000),
    Place(5, "Bamako", "Mali", "Bamako", "Bamako", 12.65, -8.00, "town", 1800000),
    Place(6, "Djibo", "Burkina Faso", "Sahel", "Soum", 14.10, -1.63, "town", 61000),
    Place(7, "Tillaberi", "Niger", "Tillaberi", None, 14.33, 2.08, "admin1", 0),
    Place(8, "Téra", "Niger", "Tillaberi", None, 14.01, 0.75, "town", 21000),
    Place(9, "Mali", "Mali", None, None, 18.0, -2.0, "country", 0),
    Place(10, "Gao", "Mali", "Gao", "Gao", 16.27, -0.04, "town", 87000),
    Place(11, "Kidal", "Mali", "Kidal", "Kidal", 18.44, 1.41, "town", 11000),
    Place(12, "Sahel", "Burkina Faso", "Sahel", None, 14.0, -0.5, "admin1", 0),
]


class FakeGazetteer:
    def __init__(self, places=_PLACES) -> None:
        self.by_name: dict[str, list[Place]] = {}
        for p in places:
            self.by_name.setdefault(self._key(p.name), []).append(p)
        names = sorted({p.name for p in places}, key=len, reverse=True)
        self.regex = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")

    @staticmethod
    def _key(name: str) -> str:
        return name.casefold().replace("é", "e")

    def candidates(self, name: str) -> list[Place]:
        return list(self.by_name.get(self._key(name), []))

    def find_mentions(self, text: str) -> list[PlaceMention]:
        return [
            PlaceMention(m.start(), m.end(), m.group(0), tuple(self.candidates(m.group(0))))
            for m in self.regex.finditer(text)
        ]

    def resolve(self, mention: PlaceMention, text: str, country_hint: str | None = None) -> Place | None:
        cands = list(mention.candidates)
        after = text[mention.end : mention.end + 12].lower()
        before = text[max(0, mention.start - 14) : mention.start].lower()
        if "region" in after or "région" in before:
            admin = [c for c in cands if c.kind == "admin1"]
            if admin:
                return admin[0]
        towns = [c for c in cands if c.kind == "town"]
        if country_hint:
            towns = [c for c in towns if c.country == country_hint] or towns
        return (sorted(towns, key=lambda p: -p.population) or cands or [None])[0]

    def admin_area(self, name: str, country: str | None = None) -> Place | None:
        return next((p for p in self.candidates(name) if p.kind == "admin1"), None)


@pytest.fixture(scope="session")
def fake_gazetteer() -> FakeGazetteer:
    return FakeGazetteer()


@pytest.fixture(scope="session")
def real_gazetteer():
    try:
        from sahelwatch.places.gazetteer import Gazetteer

        return Gazetteer.default()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"gazetteer not available: {exc}")


def _make_report(
    text: str,
    published: str = "2025-06-02T10:00:00+00:00",
    title: str = "",
    country_hint: str | None = None,
    rid: str = "r1",
) -> Report:
    return Report(
        id=rid,
        url="https://example.org/" + rid,
        title=title,
        text=text,
        published_at=datetime.fromisoformat(published).astimezone(UTC),
        country_hint=country_hint,
    )


@pytest.fixture(scope="session")
def make_report():
    """Build a Report from text (published 2025-06-02, a Monday, unless told otherwise)."""
    return _make_report
