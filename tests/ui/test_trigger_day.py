"""One day means one thing in the live UI (sahelwatch/interval.py): a REST trigger with the `day` param covers that
day, in seconds; `sahelwatch run` of a day and then a UI trigger of the same day both succeed (no 409) and leave one
set of warehouse rows; a day after today is refused; the trigger form shows the `day` field (screenshot in docs/).
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import yaml

from sahelwatch.replica.server import replica_sources
from sahelwatch.resources import REPO_ROOT

from .test_backfill import _digests

DAG_ID = "sahelwatch_daily"
DAY = "2025-06-02"
DAY_START, DAY_END = "2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z"
FORM_SCREENSHOT = REPO_ROOT / "docs" / "ui-trigger-form.png"
RUN_LIMIT = timedelta(hours=1)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _runs_path(run_id: str) -> str:
    return f"/api/v2/dags/{DAG_ID}/dagRuns/{quote(run_id, safe='')}"


def _finished(live_airflow, run_id: str) -> dict:
    deadline = time.monotonic() + 600
    while True:
        run = live_airflow.call("GET", _runs_path(run_id))
        if run["state"] in ("success", "failed"):
            return run
        assert time.monotonic() < deadline, f"run {run_id} still {run['state']}\n{live_airflow.tail()}"
        time.sleep(2)


def _states(live_airflow, run_id: str) -> dict[tuple[str, str | None], str]:
    tasks = live_airflow.call("GET", _runs_path(run_id) + "/taskInstances?limit=200")["task_instances"]
    return {(t["task_id"], t["rendered_map_index"]): t["state"] for t in tasks}


def _task_log(live_airflow, run_id: str, task_id: str, try_number: int = 1) -> str:
    log = live_airflow.call("GET", _runs_path(run_id) + f"/taskInstances/{task_id}/logs/{try_number}?full_content=true")
    content = log["content"]
    return "\n".join(str(line.get("event", line)) if isinstance(line, dict) else str(line) for line in content)


def _reports_of_the_day(conn: psycopg.Connection) -> int:
    return conn.execute("select count(*) from raw.reports where interval_start = %s", (_moment(DAY_START),)).fetchone()[
        0
    ]


@pytest.mark.timeout(900)
def test_a_trigger_with_day_covers_that_day_in_seconds(live_airflow, conn: psycopg.Connection) -> None:
    live_airflow.wait_for_dag(DAG_ID)
    details = live_airflow.call("GET", f"/api/v2/dags/{DAG_ID}/details")
    schema = details["params"]["day"]["schema"]
    assert "string" in schema["type"] and schema["format"] == "date"

    asked_at = datetime.now(UTC)
    created = live_airflow.call(
        "POST",
        f"/api/v2/dags/{DAG_ID}/dagRuns",
        {
            "logical_date": f"{DAY}T{asked_at:%H:%M:%S}Z",
            "data_interval_start": DAY_START,
            "data_interval_end": DAY_END,
            "conf": {"day": DAY},
        },
    )
    run = _finished(live_airflow, created["dag_run_id"])
    states = _states(live_airflow, created["dag_run_id"])
    assert run["state"] == "success", f"{states}\n{live_airflow.tail()}"
    assert set(states.values()) == {"success"}
    assert {label for task_id, label in states if task_id == "crawl"} == {"echos-du-delta", "faso-matin", "sahel-wire"}
    assert (_moment(run["data_interval_start"]), _moment(run["data_interval_end"])) == (
        _moment(DAY_START),
        _moment(DAY_END),
    )
    started, ended = _moment(run["start_date"]), _moment(run["end_date"])
    assert asked_at - timedelta(seconds=5) <= started < ended
    assert ended - started < RUN_LIMIT, f"the run took {ended - started}"
    assert "this run covers 2025-06-02T00:00:00+00:00 to 2025-06-03T00:00:00+00:00" in _task_log(
        live_airflow, created["dag_run_id"], "sources"
    )
    assert _reports_of_the_day(conn) == 7


def _cli_env(live_airflow, database_url: str, root: Path) -> dict[str, str]:
    """`sahelwatch run` in its own Airflow home (so the live scheduler never sees its run), crawling the UI's
    replica (same URLs, so the same reports), into the same warehouse."""
    base_url = re.search(
        r"replica outlets served at (http://127\.0\.0\.1:\d+)", live_airflow.output.read_text(encoding="utf-8")
    ).group(1)
    registry = root / "sources.yaml"
    registry.write_text(yaml.safe_dump({"sources": replica_sources(base_url)}), encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AIRFLOW__DATABASE__") and key != "SAHELWATCH_AIRFLOW_DATABASE_URL"
    }
    return {
        **env,
        "AIRFLOW_HOME": str(root / "airflow"),
        "SAHELWATCH_DATA_DIR": str(root / "data"),
        "SAHELWATCH_DATABASE_URL": database_url,
        "SAHELWATCH_SOURCES_FILE": str(registry),
        "SAHELWATCH_ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONUNBUFFERED": "1",
    }


@pytest.mark.timeout(1200)
def test_a_cli_run_then_a_ui_trigger_of_the_same_day_leave_one_set_of_rows(
    live_airflow, conn: psycopg.Connection, database_url: str, checksums, tmp_path: Path
) -> None:
    live_airflow.wait_for_dag(DAG_ID)
    env = _cli_env(live_airflow, database_url, tmp_path)
    started_cli = datetime.now(UTC)
    cli = subprocess.run(
        [sys.executable, "-m", "sahelwatch.cli.main", "run", "--date", DAY],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert cli.returncode == 0, cli.stdout[-3000:] + cli.stderr[-3000:]
    assert "DAG run succeeded" in cli.stdout
    with sqlite3.connect(tmp_path / "airflow" / "airflow.db") as metadata:
        [(start, end, began, ended, conf)] = metadata.execute(
            "select data_interval_start, data_interval_end, start_date, end_date, conf from dag_run"
        ).fetchall()
    assert (start[:19], end[:19]) == ("2025-06-02 00:00:00", "2025-06-03 00:00:00")
    began, ended = (datetime.fromisoformat(moment).replace(tzinfo=UTC) for moment in (began, ended))
    assert started_cli <= began < ended and ended - began < RUN_LIMIT, (began, ended)
    assert '"day": "2025-06-02"' in str(conf) or "'day': '2025-06-02'" in str(conf)
    conn.commit()
    after_cli = _digests(conn, checksums)
    assert _reports_of_the_day(conn) == 7

    # The day already ran: a trigger of it is a new run, not Airflow's 409 on a taken logical date.
    created = live_airflow.call("POST", f"/api/v2/dags/{DAG_ID}/dagRuns", {"logical_date": None, "conf": {"day": DAY}})
    run = _finished(live_airflow, created["dag_run_id"])
    assert run["state"] == "success", f"{_states(live_airflow, created['dag_run_id'])}\n{live_airflow.tail()}"
    assert _moment(run["end_date"]) - _moment(run["start_date"]) < RUN_LIMIT
    assert "this run covers 2025-06-02T00:00:00+00:00" in _task_log(live_airflow, created["dag_run_id"], "sources")
    conn.commit()
    assert _digests(conn, checksums) == after_cli
    assert _reports_of_the_day(conn) == 7


@pytest.mark.timeout(600)
def test_a_malformed_or_future_day_is_refused(live_airflow, conn: psycopg.Connection) -> None:
    live_airflow.wait_for_dag(DAG_ID)
    with pytest.raises(AssertionError, match="HTTP 400"):
        live_airflow.call(
            "POST", f"/api/v2/dags/{DAG_ID}/dagRuns", {"logical_date": None, "conf": {"day": "2025-13-01"}}
        )
    created = live_airflow.call(
        "POST", f"/api/v2/dags/{DAG_ID}/dagRuns", {"logical_date": None, "conf": {"day": "2030-01-01"}}
    )
    run = _finished(live_airflow, created["dag_run_id"])
    states = _states(live_airflow, created["dag_run_id"])
    assert run["state"] == "failed" and states[("sources", None)] == "failed", states
    assert "2030-01-01 is after today" in _task_log(live_airflow, created["dag_run_id"], "sources")
    assert "crawl" not in {task_id for (task_id, _), state in states.items() if state == "success"}
    conn.commit()
    assert conn.execute("select count(*) from raw.source_runs where interval_start > now()").fetchone()[0] == 0


def _open_form_and_type_the_day(then: str = "") -> str:
    """JavaScript: click Trigger, then type the replica's day into the date field as a user would (React reads
    input events), then run `then`."""
    return (
        "[...document.querySelectorAll('button')].find(b => b.innerText.trim() === 'Trigger')?.click();"
        "const fill = setInterval(() => { const field = document.querySelector('input[type=date]'); if (!field)"
        " return; clearInterval(fill); Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')"
        f".set.call(field, '{DAY}'); field.dispatchEvent(new Event('input', {{bubbles: true}}));"
        f" field.dispatchEvent(new Event('change', {{bubbles: true}})); {then} }}, 200);"
    )


SUBMIT = (
    "setTimeout(() => [...document.querySelectorAll('[role=dialog] button')]"
    ".find(b => b.innerText.trim() === 'Trigger')?.click(), 1500);"
)


@pytest.mark.timeout(900)
def test_the_form_with_the_day_triggers_a_run_of_that_day(
    live_airflow, browser_screenshot, tmp_path: Path, conn: psycopg.Connection
) -> None:
    """A user's path: open the form, pick the day, press Trigger; the run covers that day and succeeds."""
    live_airflow.wait_for_dag(DAG_ID)
    before = {
        run["dag_run_id"] for run in live_airflow.call("GET", f"/api/v2/dags/{DAG_ID}/dagRuns?limit=100")["dag_runs"]
    }
    browser_screenshot(
        f"{live_airflow.base_url}/dags/{DAG_ID}",
        cookies={"_token": live_airflow.token()},
        profile=tmp_path / "profile",
        wait_for_text="Trigger",
        then_run=_open_form_and_type_the_day(SUBMIT),
        then_wait_for="successfully triggered",
    )
    [run] = [
        run
        for run in live_airflow.call("GET", f"/api/v2/dags/{DAG_ID}/dagRuns?limit=100")["dag_runs"]
        if run["dag_run_id"] not in before
    ]
    assert run["conf"].get("day") == DAY and run["triggered_by"] == "ui", run
    finished = _finished(live_airflow, run["dag_run_id"])
    assert finished["state"] == "success", f"{_states(live_airflow, run['dag_run_id'])}\n{live_airflow.tail()}"
    assert "this run covers 2025-06-02T00:00:00+00:00" in _task_log(live_airflow, run["dag_run_id"], "sources")
    conn.commit()
    assert _reports_of_the_day(conn) == 7


@pytest.mark.timeout(180)
def test_the_trigger_form_asks_for_the_day(live_airflow, browser_screenshot, png_colour_count, tmp_path: Path) -> None:
    """Headless Chromium opens the DAG page, clicks Trigger, types the replica's day and keeps the form (with its
    `day` date field) as docs/ui-trigger-form.png, the picture of the README's UI section."""
    live_airflow.wait_for_dag(DAG_ID)
    png = browser_screenshot(
        f"{live_airflow.base_url}/dags/{DAG_ID}",
        cookies={"_token": live_airflow.token()},
        profile=tmp_path / "profile",
        wait_for_text="Trigger",
        width=1280,
        height=1000,
        then_run=_open_form_and_type_the_day(),
        then_wait_for="Day to process",
    )
    assert len(png) > 10_000 and png_colour_count(png) > 16, "the trigger form rendered blank"
    FORM_SCREENSHOT.write_bytes(png)
