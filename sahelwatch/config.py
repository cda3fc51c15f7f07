"""Settings read from the environment, so the CLI, the DAGs and the tests configure sahelwatch the same way."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"
MIGRATIONS_DIR = REPO_ROOT / "infra" / "migrations"
SPIDERS_DIR = REPO_ROOT / "spiders"
DAGS_DIR = REPO_ROOT / "dags"


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know about its surroundings."""

    database_url: str | None
    data_dir: Path
    sources_file: Path
    allowed_hosts: tuple[str, ...]
    user_agent: str

    @property
    def runs_dir(self) -> Path:
        """Where crawls leave their JSON Lines run files, one per source and interval."""
        return self.data_dir / "runs"


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def load_settings() -> Settings:
    """Read settings now (not at import), so tests and the CLI can set variables first."""
    data_dir = Path(os.environ.get("SAHELWATCH_DATA_DIR", REPO_ROOT / ".data")).resolve()
    return Settings(
        database_url=os.environ.get("SAHELWATCH_DATABASE_URL") or None,
        data_dir=data_dir,
        sources_file=Path(os.environ.get("SAHELWATCH_SOURCES_FILE", SEEDS_DIR / "sources.yaml")),
        allowed_hosts=_split(os.environ.get("SAHELWATCH_ALLOWED_HOSTS")),
        user_agent=os.environ.get(
            "SAHELWATCH_USER_AGENT",
            "sahelwatch/0.1 (+https://github.com/sahelwatch/sahelwatch; news monitoring for conflict research)",
        ),
    )
