"""`sahelwatch export` filters, as a user meets them: bin/sahelwatch in a subprocess against the test warehouse.

An unknown country or event type is bad usage (exit 2, one line that lists what works) and leaves no file behind;
names, codes, accents and the names news use select the same incidents."""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import psycopg
import pytest

SAHELWATCH = Path(__file__).resolve().parents[2] / "bin" / "sahelwatch"
ABIDJAN = {
    "incident_id": "civ-abidjan-1",
    "event_date": "2025-06-01",
    "time_precision": 1,
    "event_type": "Riots",
    "sub_event_type": "Mob violence",
    "actor1": "Rioters (Ivory Coast)",
    "country": "Côte d'Ivoire",
    "location": "Abidjan",
    "latitude": 5.35,
    "longitude": -4.01,
    "geo_precision": 1,
    "source_count": 1,
    "outlet_count": 1,
    "first_reported_at": "2025-06-02T07:00Z",
    "last_reported_at": "2025-06-02T07:00Z",
    "evidence": "Des émeutiers ont incendié des boutiques à Abidjan.",
    "confidence": 0.7,
}


def export(database_url: str, out: Path, *filters: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAHELWATCH_DATABASE_URL": database_url}
    return subprocess.run(
        [str(SAHELWATCH), "export", "--format", "csv", "--out", str(out), *filters],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def countries_in(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row["country"] for row in csv.DictReader(handle)]


@pytest.fixture
def warehouse(fused: psycopg.Connection, database_url: str) -> str:
    """The Dioura scenario (three incidents in Mali) plus one incident stored under the French spelling of CIV."""
    fused.execute(
        f"insert into marts.incidents ({', '.join(ABIDJAN)}) values ({', '.join(['%s'] * len(ABIDJAN))})",
        tuple(ABIDJAN.values()),
    )
    fused.commit()
    return database_url


@pytest.mark.parametrize(
    ("filters", "valid"),
    [
        (["--country", "Atlantis"], ["Burkina Faso", "Mali", "Côte d'Ivoire (Ivory Coast)", "MLI"]),
        (["--country", "Mali,Atlantis"], ["Burkina Faso", "Niger"]),
        (["--country", "Burkina Fasso"], ["Burkina Faso"]),
        (["--event-type", "Battle"], ["did you mean 'Battles'?", "Violence against civilians", "Riots"]),
        (["--event-type", "Battles", "--event-type", "Skirmish"], ["Explosions/Remote violence"]),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) and value[0].startswith("--") else None,
)
def test_unknown_values_exit_2_with_the_valid_ones_and_write_nothing(
    warehouse: str, tmp_path: Path, filters: list[str], valid: list[str]
) -> None:
    out = tmp_path / "incidents.csv"
    result = export(warehouse, out, *filters)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: unknown ") and result.stderr.count("\n") == 1
    assert "give one of: " in result.stderr and all(word in result.stderr for word in valid), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (["--country", "mali"], ["Mali"] * 3),
        (["--country", "MLI"], ["Mali"] * 3),
        (["--country", "Burkina"], []),  # an alias of Burkina Faso: known, no incident
        (["--country", "Ivory Coast"], ["Côte d'Ivoire"]),  # every spelling of the same ISO code
        (["--country", "cote d’ivoire"], ["Côte d'Ivoire"]),
        (["--country", "CIV,Mali", "--event-type", "riots"], ["Côte d'Ivoire"]),
        (["--event-type", "BATTLES"], ["Mali"] * 2),
        (["--event-type", "explosions / remote violence"], ["Mali"]),
    ],
)
def test_known_values_in_any_spelling_select_their_incidents(
    warehouse: str, tmp_path: Path, filters: list[str], expected: list[str]
) -> None:
    out = tmp_path / "incidents.csv"
    result = export(warehouse, out, *filters)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"exported {len(expected)} incident(s) to {out} (csv)\n"
    assert countries_in(out) == expected
