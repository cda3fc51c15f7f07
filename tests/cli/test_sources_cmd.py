from datetime import date

from sahelwatch.cli.main import main
from sahelwatch.interval import Interval
from sahelwatch.load.raw import record_source_runs


def test_health_lists_failing_sources_first(conn, capsys) -> None:
    day = Interval.for_day(date(2025, 6, 2))
    record_source_runs(
        conn,
        [
            {"source_id": "quiet", "status": "failed", "stats": {"errors/dns": 1}, "run_file": None},
            {"source_id": "busy", "status": "ok", "stats": {"items_seen": 4, "items_stored": 3}, "run_file": "x"},
        ],
        day,
    )
    conn.commit()
    assert main(["sources", "--health"]) == 0
    out = capsys.readouterr().out
    assert out.index("quiet") < out.index("busy")
    assert "dns x1" in out and "never" in out and "2 sources crawled" in out


def test_registry_listing_validates(capsys) -> None:
    assert main(["sources"]) == 0
    assert "registry valid" in capsys.readouterr().out
