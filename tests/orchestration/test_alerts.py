"""Failure alerts: always a log line, a JSON POST when SAHELWATCH_ALERT_WEBHOOK is set, never an exception."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from sahelwatch import alerts


def _task_context() -> dict:
    ti = SimpleNamespace(
        dag_id="sahelwatch_daily",
        task_id="crawl",
        run_id="scheduled__2025-06-02",
        map_index=3,
        rendered_map_index="faso-matin",
        try_number=3,
        log_url="http://127.0.0.1:8080/dags/sahelwatch_daily/runs/x/tasks/crawl/mapped/3",
    )
    return {
        "ti": ti,
        "exception": RuntimeError("source faso-matin failed: connection refused"),
        "data_interval_start": datetime(2025, 6, 2, tzinfo=UTC),
        "data_interval_end": datetime(2025, 6, 3, tzinfo=UTC),
    }


def test_task_failure_is_logged_and_posted(
    webhook_receiver, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(alerts.WEBHOOK_ENV, webhook_receiver.url)
    with caplog.at_level(logging.ERROR, logger="sahelwatch.alerts"):
        alerts.on_failure(_task_context())
    [post] = webhook_receiver.wait_for(1)
    assert post["path"] == "/hooks/secret-token" and post["content_type"] == "application/json"
    body = post["body"]
    assert body["kind"] == "task_failed" and body["task_id"] == "crawl" and body["map_index"] == 3
    assert body["interval_start"] == "2025-06-02T00:00:00+00:00" and body["try_number"] == 3
    assert "faso-matin" in body["reason"] and "connection refused" in body["reason"]
    assert body["text"].startswith("sahelwatch task failed: sahelwatch_daily.crawl[3]")
    assert body["log_url"].startswith("http://127.0.0.1:8080/")
    [line] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("ALERT ")]
    assert "sahelwatch_daily.crawl[3]" in line
    assert "secret-token" not in caplog.text  # the webhook's token never reaches a log


def test_run_failure_context_without_a_task(webhook_receiver) -> None:
    dag_run = SimpleNamespace(
        dag_id="sahelwatch_daily",
        run_id="manual__1",
        data_interval_start=datetime(2025, 6, 2, tzinfo=UTC),
        data_interval_end=datetime(2025, 6, 3, tzinfo=UTC),
    )
    alert = alerts.alert_from_context({"dag_run": dag_run, "reason": "task_failure"})
    assert alert.kind == "run_failed" and alert.task_id is None and alert.reason == "task_failure"
    assert alerts.send_alert(alert, webhook=webhook_receiver.url) is True
    assert webhook_receiver.wait_for(1)[0]["body"]["run_id"] == "manual__1"


def test_a_run_of_a_day_names_that_day_whatever_its_data_interval(webhook_receiver) -> None:
    """A form trigger of 2 June made today: Airflow's interval is yesterday's, the run (and its alert) 2 June."""
    context = {
        **_task_context(),
        "params": {"day": "2025-06-02"},
        "data_interval_start": datetime(2026, 12, 6, tzinfo=UTC),
        "data_interval_end": datetime(2026, 12, 7, tzinfo=UTC),
    }
    assert alerts.send_alert(alerts.alert_from_context(context), webhook=webhook_receiver.url) is True
    [post] = webhook_receiver.wait_for(1)
    assert (post["body"]["interval_start"], post["body"]["interval_end"]) == (
        "2025-06-02T00:00:00+00:00",
        "2025-06-03T00:00:00+00:00",
    )


def test_without_webhook_only_a_log_line(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delenv(alerts.WEBHOOK_ENV, raising=False)
    with caplog.at_level(logging.ERROR, logger="sahelwatch.alerts"):
        assert alerts.send_alert(alerts.alert_from_context(_task_context())) is False
    assert any(r.getMessage().startswith("ALERT ") for r in caplog.records)


def test_a_broken_webhook_never_raises(webhook_receiver, caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    alert = alerts.alert_from_context(_task_context())
    with caplog.at_level(logging.ERROR, logger="sahelwatch.alerts"):
        assert alerts.send_alert(alert, webhook=f"http://127.0.0.1:{closed}/hook") is False
        assert alerts.send_alert(alert, webhook="file:///etc/passwd") is False
        webhook_receiver.status = 500
        assert alerts.send_alert(alert, webhook=webhook_receiver.url) is False
    assert "failed" in caplog.text
    alerts.on_failure({"ti": object()})  # an unreadable context still logs, never raises
