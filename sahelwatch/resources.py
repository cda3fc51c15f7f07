"""Where sahelwatch's data files are: seeds, migrations, example queries, the Scrapy project, the DAG files and the
script that runs a day of the DAG.

A checkout keeps them at the repository's top level (seeds/, infra/migrations/, infra/docs/examples/, spiders/,
dags/, infra/airflow/), where maintainers edit them. A built wheel carries copies inside the package, in
sahelwatch/_bundle/<name>/ (setup.py copies LAYOUT there at build time), because an installed package has no
repository beside it. Every module that reads one of these files takes its path from here, so a checkout and an
installed wheel behave the same.

This module imports nothing but the standard library: setup.py loads it to learn LAYOUT.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent  # the checkout's root; in an installed package, only site-packages
BUNDLE = "_bundle"
# name in the wheel's bundle -> path in a checkout, relative to the repository's root
LAYOUT = {
    "seeds": "seeds",
    "migrations": "infra/migrations",
    "examples": "infra/docs/examples",
    "spiders": "spiders",
    "dags": "dags",
    "airflow": "infra/airflow",  # scripts run with Airflow's Python (run_day.py), outside the package's imports
}


def _in_checkout() -> bool:
    """A checkout has the project file and every top-level data folder beside the package; site-packages has not."""
    return (REPO_ROOT / "pyproject.toml").is_file() and all((REPO_ROOT / path).is_dir() for path in LAYOUT.values())


IN_CHECKOUT = _in_checkout()


def location(name: str) -> Path:
    """The folder of the data `name` (a key of LAYOUT): the checkout's own, else the copy inside the package."""
    return REPO_ROOT / LAYOUT[name] if IN_CHECKOUT else PACKAGE_DIR / BUNDLE / name


SEEDS_DIR = location("seeds")
MIGRATIONS_DIR = location("migrations")
EXAMPLES_DIR = location("examples")
SPIDERS_DIR = location("spiders")
DAGS_DIR = location("dags")
AIRFLOW_SCRIPTS_DIR = location("airflow")
