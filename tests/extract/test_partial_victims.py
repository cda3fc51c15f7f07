"""Who lost someone is not a victim, and a small firm figure that names some of the victims does not replace the
approximate toll ("une vingtaine de civils tués ... un commerçant qui a perdu deux de ses frères")."""

from __future__ import annotations

from datetime import UTC, datetime

from sahelwatch.extract import extract_incidents
from sahelwatch.extract.counts import find_casualties
from sahelwatch.extract.model import Report
from sahelwatch.text import fold_aligned

TEXT = (
    "Des hommes armés ont attaqué un village de la commune de Bourzanga, dans la province du Bam, le samedi "
    "31 mai. Le bilan provisoire fait état d'une vingtaine de civils tués, selon des habitants. Les assaillants "
    "ont ouvert le feu sur les habitants, raconte un commerçant qui y a perdu deux de ses frères."
)


def test_subject_of_lost_is_not_a_victim() -> None:
    text = "raconte un commerçant qui y a perdu deux de ses frères."
    bests = [(c.outcome, c.best) for c in find_casualties(text, fold_aligned(text))]
    assert ("killed", 1) not in bests


def test_lost_their_lives_still_counts_the_subject() -> None:
    text = "Dix militaires ont perdu la vie dans l'embuscade."
    assert [(c.outcome, c.best) for c in find_casualties(text, fold_aligned(text))] == [("killed", 10)]


def test_small_firm_figure_does_not_replace_approximate_toll() -> None:
    report = Report(
        "r",
        "https://example.org/r",
        "Bam : attaque d'un village",
        TEXT,
        datetime(2025, 6, 2, 9, tzinfo=UTC),
        "fr",
        "Burkina Faso",
    )
    (incident,) = extract_incidents(report)
    assert incident.fatalities == 20
