"""The comparison page opened in headless Chromium (Debian's /usr/bin/chromium): the map shows both sides' lone
events and the matched pairs, the tables follow, and nothing is fetched. Skipped when Chromium is not installed."""

from __future__ import annotations

import html
from pathlib import Path

import psycopg
import pytest
from PIL import Image

from sahelwatch.compare.run import compare, read_outside
from sahelwatch.compare.writers import write_all
from sahelwatch.export.query import ExportFilter
from tests.browser import chromium, needs_chromium

from .conftest import ACLED_API

pytestmark = needs_chromium
VAC_MAGENTA = (0xCC, 0x3F, 0x8F)  # Violence against civilians (sahelwatch.report.colours.EVENT_COLOURS)


@pytest.fixture
def page(warehouse: psycopg.Connection, tmp_path: Path) -> Path:
    comparison = compare(warehouse, read_outside("ACLED", ACLED_API), ACLED_API, ExportFilter())
    return write_all(comparison, tmp_path / "audit")["page"]


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def test_screenshot_shows_the_map_and_the_tables(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "compare.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri())
    with Image.open(shot) as image:
        assert image.size == (1280, 2400)
        rgb = image.convert("RGB")
        assert len(rgb.getcolors(1 << 24) or []) > 500, "the page looks blank"
        # the map sits below the cards and the rules: sea, land, borders and the markers of both sides
        map_area = rgb.crop((40, 420, 1240, 1120))
        colours = map_area.getcolors(1 << 24) or []
        assert len(colours) > 200
        assert sum(n for n, c in colours if near(c, VAC_MAGENTA)) > 60, "no Violence against civilians marker"
        # the tables below the map: dark text on white rows
        tables = rgb.crop((40, 1300, 1240, 2300)).getcolors(1 << 24) or []
        assert sum(n for n, (r, g, b) in tables if r < 80 and g < 80 and b < 80) > 500, "no table text"


def test_dom_holds_both_sides_and_fetches_nothing(page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert dom.count('class="only-ours"') == 3 and dom.count('class="only-theirs"') == 4
    assert dom.count('class="matched"') == 3
    text = html.unescape(dom)
    for words in (
        "Matching rules",
        "at most 25 km apart",
        "By admin1",
        "Centre-Nord, Burkina Faso",
        "BFA9002",
        "Bourzanga",
        "line",
        "event_date '2025-06-31' is not a date",
        "Fatalities within 10 %",
    ):
        assert words in text, words
    assert "<script" not in dom and "http://" not in dom.replace("http://www.w3.org/2000/svg", "")
