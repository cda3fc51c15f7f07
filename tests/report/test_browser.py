"""The report opened in headless Chromium (Debian's /usr/bin/chromium): it renders, and shows the incidents.

Skipped when Chromium is not installed (`apt-get install -y chromium`)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PIL import Image

from sahelwatch.interval import Interval
from sahelwatch.report import write_report
from tests.browser import chromium, needs_chromium

from .conftest import INCIDENTS, REPORT_DAY

pytestmark = needs_chromium


@pytest.fixture
def page(seeded, tmp_path: Path) -> Path:
    return write_report(seeded, Interval.for_day(REPORT_DAY), tmp_path / "report", source_names={})


def test_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    with Image.open(shot) as image:
        assert image.size == (1280, 2000)
        rgb = image.convert("RGB")
        colours = rgb.getcolors(1 << 24)
        assert colours is not None and len(colours) > 500, "the page looks blank"
        # the map (below the summary cards) is drawn: land, sea, borders and markers
        map_area = rgb.crop((40, 450, 1240, 1100)).getcolors(1 << 24)
        assert map_area is not None and len(map_area) > 200
        # the report's day has a Battles marker (vermillion) and a Violence against civilians one (magenta)
        pixels = rgb.crop((40, 350, 1240, 1300)).getcolors(1 << 24) or []
        assert any(r > 180 and 60 < g < 130 and b < 60 for _, (r, g, b) in pixels), "no Battles marker"


def test_dom_shows_the_incidents(page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<svg" in dom and dom.count('class="incident"') >= 2 + 3 + 4
    text = html.unescape(dom)
    for incident in INCIDENTS[:4]:
        assert incident.location in text
    for incident in INCIDENTS[:3]:
        assert incident.evidence in text
    assert "Kidal en avril" not in text
    # the crawled markup stayed text: no script element came from it
    assert "<script" not in dom.replace("&lt;script", "")
    assert 'href="https://www.maliweb.net/securite/attaque-dioura-41-soldats-tues.html"' in dom
    assert 'href="https://www.studiotamani.org/2025/06/02/dioura-attaque/"' in dom
