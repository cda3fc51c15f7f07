"""The package as a user gets it: a wheel built from a clean copy of this tree, installed into a fresh virtual
environment, and run from a folder outside the repository. Only the wheel's own files can be read there: the
checkout is neither on sys.path nor the working directory, so seeds, migrations, examples and DAG files that the
wheel lacks make these tests fail.

The fresh environment has no pip and no dependencies of its own: a .pth file appends the project's .venv
site-packages (the locked dependencies) after its own, and the wheel goes in with --no-deps. Appended paths do not
run the .pth files found in them, so the .venv's editable install of sahelwatch stays out of it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import yaml

from sahelwatch.resources import BUNDLE, DAGS_DIR, EXAMPLES_DIR, MIGRATIONS_DIR, REPO_ROOT, SEEDS_DIR

REPORT = {
    "id": "r1",
    "url": "https://example.org/a",
    "title": "Niger",
    "published_at": "2025-06-02T08:00:00Z",
    "text": "Des hommes armés ont tué sept civils samedi à Tillia, dans la région de Tahoua.",
}


@dataclass(frozen=True)
class Installed:
    """The fresh environment: its interpreter, its copy of the package, and where commands run."""

    python: Path
    package: Path
    workdir: Path
    home: Path

    def env(self, **extra: str) -> dict[str, str]:
        """The test's environment without anything that points at the checkout or its settings."""
        kept = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("SAHELWATCH_", "PYTHON", "AIRFLOW", "VIRTUAL_ENV", "XDG_"))
        }
        path = os.pathsep.join([str(self.python.parent), kept.get("PATH", "/usr/bin:/bin")])
        return {**kept, "PATH": path, "HOME": str(self.home), **extra}

    def run(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.python.with_name("sahelwatch")), *args],
            cwd=self.workdir,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )


def _copy_tree(target: Path) -> None:
    """The files a clone would have (tracked, plus new files not ignored): no build/, .venv or stale bundle."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = REPO_ROOT / name
        if source.is_file():  # deleted but not yet committed files are listed too
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    assert REPO_ROOT not in root.parents, "the fresh environment must live outside the checkout"
    _copy_tree(root / "src")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-q", "-w", str(root / "dist"), str(root / "src")],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = (root / "dist").glob("sahelwatch-*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root / "venv")], check=True, timeout=120)
    python = root / "venv" / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "_sahelwatch_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for folder in ("work", "home"):
        (root / folder).mkdir()
    return Installed(python, site / "sahelwatch", root / "work", root / "home")


@pytest.fixture
def fresh_database(server_url: str) -> Iterator[str]:
    """An empty database, not migrated (the session's database_url already is)."""
    name = f"sahelwatch_wheel_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    info = psycopg.conninfo.conninfo_to_dict(server_url)
    yield psycopg.conninfo.make_conninfo(**{**info, "dbname": name})
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')


def test_the_installed_package_is_the_wheel_and_keeps_its_data_out_of_site_packages(installed: Installed) -> None:
    probe = (
        "import json, sys, sahelwatch; from sahelwatch import config, resources; "
        "print(json.dumps({'file': sahelwatch.__file__, 'checkout': resources.IN_CHECKOUT, "
        "'data_dir': str(config.load_settings().data_dir), 'path': sys.path}))"
    )
    for extra, expected in (
        ({}, installed.home / ".local" / "share" / "sahelwatch"),
        ({"XDG_DATA_HOME": str(installed.home / "xdg")}, installed.home / "xdg" / "sahelwatch"),
    ):
        done = subprocess.run(
            [str(installed.python), "-c", probe],
            cwd=installed.workdir,
            env=installed.env(**extra),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        seen = json.loads(done.stdout)
        assert Path(seen["file"]) == installed.package / "__init__.py"
        assert seen["checkout"] is False
        assert Path(seen["data_dir"]) == expected
        assert not any(Path(entry or installed.workdir).resolve() == REPO_ROOT for entry in seen["path"])


def test_the_large_replica_generator_runs_with_the_word_lists_the_wheel_carries(installed: Installed) -> None:
    out = installed.workdir / "large-replica"
    done = subprocess.run(
        [
            str(installed.python),
            "-m",
            "sahelwatch.tools.replica.generate",
            "--reports",
            "20",
            "--outlets",
            "2",
            "--out",
            str(out),
        ],
        cwd=installed.workdir,
        env=installed.env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (installed.package / "tools" / "replica" / "news.yaml").is_file()
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"] == 20


def test_db_migrate_applies_every_migration_the_checkout_has(installed: Installed, fresh_database: str) -> None:
    done = installed.run("db", "migrate", SAHELWATCH_DATABASE_URL=fresh_database)
    assert done.returncode == 0, done.stderr
    expected = [path.stem for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql"))]
    assert f"applied {len(expected)} migration(s): {', '.join(expected)}" in done.stdout
    with psycopg.connect(fresh_database) as conn:
        versions = [row[0] for row in conn.execute("select version from public.schema_migrations order by 1")]
    assert versions == expected
    again = installed.run("db", "migrate", SAHELWATCH_DATABASE_URL=fresh_database)
    assert again.returncode == 0 and "applied 0 migration(s): none needed" in again.stdout
    dictionary = installed.run("db", "dictionary", SAHELWATCH_DATABASE_URL=fresh_database)
    assert dictionary.returncode == 0, dictionary.stderr
    assert dictionary.stdout.count("\nExample: ") == len(list(EXAMPLES_DIR.glob("*.sql")))


def test_db_migrate_without_migrations_is_a_usage_error_naming_the_folder(
    installed: Installed, fresh_database: str
) -> None:
    folder = installed.package / BUNDLE / "migrations"
    hidden = folder.with_name("migrations-hidden")
    folder.rename(hidden)
    try:
        done = installed.run("db", "migrate", SAHELWATCH_DATABASE_URL=fresh_database)
    finally:
        hidden.rename(folder)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: no migrations found in {folder} ") and done.stderr.count("\n") == 1
    assert "reinstall" in done.stderr
    with psycopg.connect(fresh_database) as conn:  # nothing was created before the error
        assert conn.execute("select to_regclass('public.schema_migrations')").fetchone()[0] is None


def test_sources_reads_the_shipped_registry(installed: Installed) -> None:
    done = installed.run("sources")
    assert done.returncode == 0, done.stderr
    registry = yaml.safe_load((SEEDS_DIR / "sources.yaml").read_text(encoding="utf-8"))
    assert done.stdout.splitlines()[-1] == f"{len(registry['sources'])} sources, registry valid"


def test_extract_finds_the_incident_with_the_shipped_gazetteer_and_lexicons(installed: Installed) -> None:
    report = installed.workdir / "report.jsonl"
    report.write_text(json.dumps(REPORT, ensure_ascii=False) + "\n", encoding="utf-8")
    done = installed.run("extract", str(report))
    assert done.returncode == 0, done.stderr
    (incident,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert (incident["event_type"], incident["location"], incident["admin1"], incident["fatalities"]) == (
        "Violence against civilians",
        "Tillia",
        "Tahoua",
        7,
    )
    checkout = subprocess.run(
        [str(Path(sys.executable).with_name("sahelwatch")), "extract", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert done.stdout == checkout.stdout  # the same seeds as the checkout's, not merely some


CRAWL = """
import json
from dataclasses import replace
from datetime import date

from sahelwatch.config import load_settings
from sahelwatch.crawl.runner import crawl_source
from sahelwatch.crawl.state import CrawlState
from sahelwatch.interval import Interval
from sahelwatch.replica.server import ReplicaServer, replica_sources
from sahelwatch.sources.registry import parse_registry

with ReplicaServer() as server:
    source = parse_registry(replica_sources(server.base_url))[0]
    settings = replace(load_settings(), allowed_hosts=("127.0.0.1",))
    result = crawl_source(source, Interval.for_day(date(2025, 6, 2)), settings, state=CrawlState())
    lines = open(result.run_file, encoding="utf-8").read().splitlines() if result.run_file else []
    print(json.dumps({"status": result.status, "items": len(lines), "message": result.message}))
"""


def test_a_crawl_runs_the_shipped_scrapy_project_without_writing_into_the_package(installed: Installed) -> None:
    bundle = installed.package / BUNDLE
    before = sorted(bundle.rglob("*"))
    done = subprocess.run(
        [str(installed.python), "-c", CRAWL],
        cwd=installed.workdir,
        env=installed.env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["status"] == "ok" and seen["items"] > 0, seen
    assert sorted(bundle.rglob("*")) == before
    assert (installed.home / ".local" / "share" / "sahelwatch" / "runs").is_dir()  # the run file went to the data dir


def test_run_replica_goes_through_airflow_with_the_shipped_dags_and_run_day_script(
    installed: Installed, fresh_database: str
) -> None:
    launcher = installed.python.with_name("airflow")  # pip puts it in a real venv; here Airflow comes through the .pth
    launcher.write_text(
        f"#!{installed.python}\nimport sys\nfrom airflow.__main__ import main\nsys.exit(main())\n", encoding="utf-8"
    )
    launcher.chmod(0o755)
    done = installed.run("run", "--replica", "--date", "2025-06-02", SAHELWATCH_DATABASE_URL=fresh_database)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    assert "2025-06-02: DAG run succeeded" in done.stdout
    data_dir = installed.home / ".local" / "share" / "sahelwatch"
    assert (data_dir / "reports" / "sahelwatch-report-2025-06-02.html").is_file()
    with psycopg.connect(fresh_database) as conn:
        assert conn.execute("select count(*) from marts.incidents").fetchone()[0] > 0


def test_dags_install_puts_dag_files_that_airflow_parses_into_any_folder(installed: Installed) -> None:
    target = installed.workdir / "airflow-dags"
    done = installed.run("dags", "install", str(target))
    assert done.returncode == 0, done.stderr
    shipped = sorted(DAGS_DIR.glob("sahelwatch_*.py"))
    assert sorted(path.name for path in target.iterdir()) == [path.name for path in shipped]
    assert all((target / path.name).read_bytes() == path.read_bytes() for path in shipped)
    parse = (
        "import json; from airflow.dag_processing.dagbag import DagBag; bag = DagBag(dag_folder=%r); "
        "errors = {name: str(error) for name, error in bag.import_errors.items()}; "
        "print(json.dumps({'dags': sorted(bag.dags), 'errors': errors}))"
    )
    parsed = subprocess.run(
        [str(installed.python), "-c", parse % str(target)],
        cwd=installed.workdir,
        env=installed.env(AIRFLOW_HOME=str(installed.home / "airflow"), AIRFLOW__CORE__LOAD_EXAMPLES="False"),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    seen = json.loads(parsed.stdout.strip().splitlines()[-1])
    assert seen == {"dags": ["sahelwatch_daily", "sahelwatch_retention"], "errors": {}}
    not_a_folder = installed.run("dags", "install", str(installed.workdir / "airflow-dags" / shipped[0].name))
    assert not_a_folder.returncode == 2 and "is not a folder" in not_a_folder.stderr
