"""`sahelwatch ui` serves Airflow on 127.0.0.1: health answers, a JWT from /auth/token drives the REST API (v2), a
run triggered there crawls the replica through the scheduler and succeeds, and the grid page renders in a browser."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

DAG_ID = "sahelwatch_daily"
RUN_ID = "ui_test_2025-06-02"


def test_health_pool_and_dag_are_there(live_airflow) -> None:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{live_airflow.base_url}/api/v2/monitor/health", timeout=10) as response:
        health = json.loads(response.read())
    assert health["metadatabase"]["status"] == "healthy"
    dag = live_airflow.wait_for_dag(DAG_ID)
    assert not dag["is_paused"] and {tag["name"] for tag in dag["tags"]} >= {"sahelwatch"}
    pool = live_airflow.call("GET", "/api/v2/pools/sahelwatch_crawl")
    assert pool["slots"] == 3
    assert not live_airflow.call("GET", "/api/v2/importErrors")["import_errors"]


@pytest.mark.timeout(300)
def test_a_run_triggered_through_the_rest_api_succeeds_on_the_replica(live_airflow, conn: psycopg.Connection) -> None:
    live_airflow.wait_for_dag(DAG_ID)
    # A run for one data interval, as the scheduler would make it: logical date = interval start.
    created = live_airflow.call(
        "POST",
        f"/api/v2/dags/{DAG_ID}/dagRuns",
        {
            "dag_run_id": RUN_ID,
            "logical_date": "2025-06-02T00:00:00Z",
            "data_interval_start": "2025-06-02T00:00:00Z",
            "data_interval_end": "2025-06-03T00:00:00Z",
        },
    )
    assert created["state"] == "queued"
    run = live_airflow.wait_for_run(DAG_ID, RUN_ID)
    tasks = live_airflow.task_instances(DAG_ID, RUN_ID)
    states = {(t["task_id"], t["rendered_map_index"]): t["state"] for t in tasks}
    assert run["state"] == "success", f"{states}\n{live_airflow.tail()}"
    assert set(states.values()) == {"success"}
    assert {label for task_id, label in states if task_id == "crawl"} == {"echos-du-delta", "faso-matin", "sahel-wire"}
    assert (
        conn.execute("select count(*) from raw.reports where interval_start = '2025-06-02T00:00:00Z'").fetchone()[0]
        == 7
    )
    assert conn.execute("select count(*) from raw.source_runs where status = 'ok'").fetchone()[0] == 3


@pytest.mark.timeout(120)
def test_the_grid_page_renders(live_airflow, browser_screenshot, png_colour_count, tmp_path: Path) -> None:
    """Headless Chromium, logged in with the JWT as the UI's own login page would (the `_token` cookie)."""
    live_airflow.wait_for_dag(DAG_ID)
    png = browser_screenshot(
        f"{live_airflow.base_url}/dags/{DAG_ID}",
        cookies={"_token": live_airflow.token()},
        profile=tmp_path / "profile",
        wait_for_text="crawl",
    )
    (tmp_path / "grid.png").write_bytes(png)
    assert len(png) > 10_000
    assert png_colour_count(png) > 16, "the grid page rendered blank"
