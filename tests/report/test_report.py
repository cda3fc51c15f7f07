"""write_report and `sahelwatch report` against a seeded warehouse: what the page says, the PNGs, exit codes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from sahelwatch.cli.main import main
from sahelwatch.interval import Interval
from sahelwatch.report import write_report
from sahelwatch.report.data import load_report_data

from .conftest import INCIDENTS, REPORT_DAY, Seeded, seed_incidents

# Found by the run of 2 June (crawled that day) although it happened on 29 May: the run's news all the same.
LATE_NEWS = Seeded(
    "inc-menaka-late",
    date(2025, 5, 29),
    "Battles",
    "Armed clash",
    "Mali",
    "Menaka",
    "Menaka",
    15.92,
    2.40,
    7,
    "Sept soldats ont été tués jeudi lors de combats près de Ménaka, a appris la rédaction.",
    (("maliweb", "https://www.maliweb.net/securite/menaka-combats.html", date(2025, 6, 2)),),
)


def test_report_data_windows_and_sources(seeded) -> None:
    data = load_report_data(seeded, Interval.for_day(REPORT_DAY))
    assert [w.key for w in data.windows] == ["run", "day", "7d", "30d"]
    ids = {w.key: {i.incident_id for i in data.incidents_in(w)} for w in data.windows}
    assert ids["run"] == {"inc-dioura", "inc-djibo"}  # crawled on 2 June; Banibangou was reported on 31 May
    assert ids["day"] == {"inc-dioura", "inc-djibo"}
    assert ids["7d"] == {"inc-dioura", "inc-djibo", "inc-banibangou"}
    assert ids["30d"] == {"inc-dioura", "inc-djibo", "inc-banibangou", "inc-bassikounou"}
    dioura = next(i for i in data.incidents if i.incident_id == "inc-dioura")
    assert dioura.new and [s.source_id for s in dioura.sources] == ["maliweb", "studio-tamani"]
    assert not next(i for i in data.incidents if i.incident_id == "inc-banibangou").new


def test_write_report_page_and_pngs(seeded, tmp_path: Path) -> None:
    path = write_report(seeded, Interval.for_day(REPORT_DAY), tmp_path / "out", source_names={"lefaso": "LeFaso.net"})
    assert path == tmp_path / "out" / "sahelwatch-report-2025-06-02.html"
    html = path.read_text(encoding="utf-8")
    # self-contained: no external resources, no scripts
    assert not re.search(r"<(script|link|img|iframe)\b", html, re.I)
    source_urls = {url for incident in INCIDENTS for _, url, _ in incident.reports}
    for attribute, value in re.findall(r"""\b(src|href|xlink:href)=["']([^"']*)["']""", html):
        assert value.startswith("#") or value in source_urls, f"{attribute}={value} leaves the page"
    assert "@import" not in html and "url(http" not in html and "@font-face" not in html
    for incident in INCIDENTS[:4]:
        assert incident.location in html
    assert "tuant au moins 41 soldats" in html
    # every source of an incident is linked
    for incident in INCIDENTS[:4]:
        for _, url, _ in incident.reports:
            assert f'href="{url}"' in html
    # the April incident is in no window
    assert "Kidal en avril" not in html and "kidal-avril" not in html
    # crawled text is escaped
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>crié</b>" not in html
    # silent sources: failing and quiet ones, not the new or the dropped outlet
    silent = re.findall(r'<tr class="silent-source"><td>(.*?)</td>', html)
    assert any("aib-bf" in s for s in silent) and any("LeFaso.net" in s for s in silent)
    assert not any(name in html for name in ("new-outlet", "gone-outlet"))
    assert "approximate" in html and "Natural Earth" in html
    for key in ("day", "7d", "30d"):
        png = tmp_path / "out" / f"sahelwatch-report-2025-06-02-map-{key}.png"
        with Image.open(png) as image:
            assert image.format == "PNG" and image.size[0] >= 960
            assert len(image.convert("RGB").getcolors(1 << 20) or ()) > 50
    with Image.open(tmp_path / "out" / "sahelwatch-report-2025-06-02-trend.png") as image:
        assert image.format == "PNG"
    assert not list((tmp_path / "out").glob(".*partial"))


def test_the_first_view_lists_what_the_run_reported_whatever_the_event_dates(seeded, tmp_path: Path) -> None:
    """The run of 2 June found an incident of 29 May: the page opens on the run's news, which lists it, before the
    day view (which does not: its event date is not 2 June)."""
    seed_incidents(seeded, (LATE_NEWS,))
    path = write_report(seeded, Interval.for_day(REPORT_DAY), tmp_path, source_names={}, png=False)
    html = path.read_text(encoding="utf-8")
    checked = re.findall(r'<input type="radio" name="window" id="tab-(\w+)" checked>', html)
    assert checked == ["run"]
    panels = dict(re.findall(r'<section class="panel" id="panel-(\w+)"(.*?)</section>', html, re.S))
    assert list(panels)[0] == "run"
    for incident_id, location in (("inc-menaka-late", "Menaka"), ("inc-dioura", "Dioura"), ("inc-djibo", "Djibo")):
        assert f'id="run-{incident_id}"' in panels["run"], f"{location} is not in the run's view"
    assert "inc-banibangou" not in panels["run"]  # in the week, but reported by an earlier run
    assert 'id="day-inc-menaka-late"' not in panels["day"] and 'id="7d-inc-menaka-late"' in panels["7d"]
    assert "Top incidents, reported 2 June 2025" in panels["run"]
    cards = re.findall(r'<div class="card" id="card-(\w+)"><h3>[^<]*</h3><div><span class="big">(\d+)</span>', html)
    assert cards[0] == ("run", "3") and cards[1] == ("day", "2")  # the summary also starts with the run's news


def test_a_run_that_found_nothing_says_so_first(conn, tmp_path: Path) -> None:
    html = write_report(conn, Interval.for_day(date(2025, 1, 15)), tmp_path, source_names={}, png=False).read_text(
        encoding="utf-8"
    )
    assert re.search(r'id="panel-run".*?This run found no incidents', html, re.S)


def test_rerun_rewrites_the_same_page(seeded, tmp_path: Path) -> None:
    interval = Interval.for_day(REPORT_DAY)
    first = write_report(seeded, interval, tmp_path, source_names={}, png=False).read_bytes()
    assert write_report(seeded, interval, tmp_path, source_names={}, png=False).read_bytes() == first


def test_empty_warehouse_still_writes_a_report(conn, tmp_path: Path) -> None:
    path = write_report(conn, Interval.for_day(date(2025, 1, 15)), tmp_path, source_names={})
    html = path.read_text(encoding="utf-8")
    assert "No incidents with an event date in 15 January 2025" in html
    assert (tmp_path / "sahelwatch-report-2025-01-15-map-day.png").exists()


def test_cli_writes_and_prints_the_path(seeded, tmp_path: Path, capsys) -> None:
    assert main(["report", "--date", "2025-06-02", "--out", str(tmp_path / "r"), "--no-png"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == str(tmp_path / "r" / "sahelwatch-report-2025-06-02.html")
    assert "Dioura" in Path(printed).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "argv",
    [
        ["report"],
        ["report", "--date", "02/06/2025"],
        ["report", "--date", "2025-13-01"],
        ["report", "--date", "2025-06-02", "--silent-days", "0"],
    ],
)
def test_cli_bad_arguments_exit_2(argv: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "error" in capsys.readouterr().err


TOMORROW = str(datetime.now(UTC).date() + timedelta(days=1))  # later days fail as arguments (sahelwatch.daybounds)


@pytest.mark.parametrize(
    "argv", [["report", "--date", TOMORROW], ["report", "--date", "2025-06-02", "--end-date", TOMORROW]]
)
def test_cli_refuses_a_day_after_today(argv: list[str], tmp_path: Path, capsys) -> None:
    assert main([*argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {TOMORROW} is after today") and "give a day up to" in err
    assert len(err.splitlines()) == 1 and not list(tmp_path.iterdir())


def test_cli_out_is_a_file_exit_2(tmp_path: Path, capsys) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert main(["report", "--date", "2025-06-02", "--out", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_cli_unreachable_warehouse_exit_1(tmp_path: Path, monkeypatch, capsys) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", f"postgresql://sahel:secret@127.0.0.1:{port}/warehouse")
    assert main(["report", "--date", "2025-06-02", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the warehouse" in err and "SAHELWATCH_DATABASE_URL" in err
    assert "secret" not in err
