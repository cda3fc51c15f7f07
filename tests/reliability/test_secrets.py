"""Connection strings are masked before they reach a log or the terminal. The analyst role (cannot write, cannot
read raw or staging) is proven in tests/warehouse/test_roles.py, not repeated here."""

from __future__ import annotations

import argparse
import logging
from datetime import date
from pathlib import Path

import psycopg
import pytest

from sahelwatch.db.connect import mask_url

PASSWORD = "Hunter2-s3cr3t-Pw"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://sahelwatch:{PASSWORD}@db.example:5432/warehouse",
        f"postgres://sahelwatch:{PASSWORD}@127.0.0.1/warehouse?sslmode=require",
        f"postgresql+psycopg://sahelwatch:{PASSWORD}@db/warehouse",
        f"postgresql://sahelwatch:{PASSWORD}@h1:5432,h2:5433/warehouse",
        f"postgresql://:{PASSWORD}@db/warehouse",
        f"postgresql://sahelwatch:{PASSWORD}@with@at@db/warehouse",  # a raw @ in the password
        f"postgresql://sahelwatch@db/warehouse?password={PASSWORD}&sslmode=require",
        f"host=db user=sahelwatch password={PASSWORD} dbname=warehouse",
        f"host=db password = '{PASSWORD} with space' dbname=warehouse",
        f"host=db PASSWORD={PASSWORD}",
    ],
)
def test_mask_url_hides_the_password(url: str) -> None:
    masked = mask_url(url)
    assert PASSWORD not in masked and "***" in masked, masked
    assert "warehouse" in masked or "host=db" in masked  # still says which warehouse it is


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://sahelwatch@db/warehouse",
        "postgresql:///warehouse",
        "host=db user=sahelwatch dbname=warehouse",
        "postgresql://u@db/warehouse?options=-c%20search_path=a@b",
    ],
)
def test_mask_url_leaves_a_url_without_password_alone(url: str) -> None:
    assert mask_url(url) == url


def test_run_command_output_and_logs_never_show_the_password(
    database_url: str, tmp_path: Path, monkeypatch, capsys, caplog
) -> None:
    """`sahelwatch run` for one day, its DAG run replaced by a stub: what it prints (warehouse line, summary) and
    logs never contains the password of the warehouse URL (the local server ignores it: trust authentication)."""
    from sahelwatch.cli import run

    info = psycopg.conninfo.conninfo_to_dict(database_url)
    url = (
        f"postgresql://{info.get('user', 'postgres')}:{PASSWORD}@{info.get('host', '127.0.0.1')}:"
        f"{info.get('port', 5432)}/{info['dbname']}"
    )
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", url)
    seen_env = {}

    def fake_dag_run(settings, interval, extra_env, **options):  # noqa: ANN001, ANN003, ANN202
        seen_env.update(extra_env)
        logging.getLogger("sahelwatch.cli.airflow_runner").info(
            "DAG run for %s with %s", interval.slug, sorted(extra_env)
        )
        return False, tmp_path / "dag.log"

    monkeypatch.setattr(run, "run_dag_once", fake_dag_run)
    caplog.set_level(logging.DEBUG)
    code = run.command(argparse.Namespace(date=date(2025, 6, 2), end_date=None, replica=False, backfill=False))
    out = capsys.readouterr()
    assert code == 1  # the stub said the DAG run failed: the summary says so
    assert seen_env["SAHELWATCH_DATABASE_URL"] == url  # the child processes do get the real URL
    printed = out.out + out.err
    assert "warehouse: postgresql://" in printed and "***@" in printed and "FAILED" in printed
    assert PASSWORD not in printed
    assert PASSWORD not in caplog.text
