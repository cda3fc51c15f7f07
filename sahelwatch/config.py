"""Settings read from the environment, so the CLI, the DAGs and the tests configure sahelwatch the same way."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from sahelwatch.resources import IN_CHECKOUT, REPO_ROOT, SEEDS_DIR


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


def default_data_dir() -> Path:
    """.data/ in a checkout (the README's commands and the tests rely on it); an installed package must not write
    into site-packages, so it uses the user's data directory ($XDG_DATA_HOME/sahelwatch, ~/.local/share/sahelwatch)."""
    if IN_CHECKOUT:
        return REPO_ROOT / ".data"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if Path(xdg).is_absolute() else Path.home() / ".local" / "share"  # the spec ignores relative
    return base / "sahelwatch"


def load_settings() -> Settings:
    """Read settings now (not at import), so tests and the CLI can set variables first."""
    data_dir = Path(os.environ.get("SAHELWATCH_DATA_DIR") or default_data_dir()).resolve()
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


def with_warehouse_uri(settings: Settings, uri: str | None) -> Settings:
    """The settings with the warehouse of an Airflow connection, when the DAG found one: Airflow writes the scheme
    `postgres://`, which psycopg reads but SQLAlchemy-style tools do not, so it becomes `postgresql://`."""
    if not uri:
        return settings
    return replace(
        settings,
        database_url="postgresql://" + uri.removeprefix("postgres://") if uri.startswith("postgres://") else uri,
    )
