"""Failure alerts for unattended runs: a log line always, and a JSON POST to a webhook when one is configured.

Plain Python (no Airflow import): the DAG's failure callbacks hand their context here, and anything else (a cron
wrapper, the CLI) can send the same alert. Set ``SAHELWATCH_ALERT_WEBHOOK`` to an http(s) URL that accepts a JSON
POST; the body carries a ``text`` field (what Slack, Mattermost and Rocket.Chat incoming webhooks display) next to
the structured fields. Sending never raises: a broken webhook must not turn one failure into two.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)
WEBHOOK_ENV = "SAHELWATCH_ALERT_WEBHOOK"
TIMEOUT_SECONDS = 10.0
_MAX_TEXT = 2000


@dataclass(frozen=True)
class Alert:
    """What failed, where to look, and why (as far as the failure says)."""

    kind: str  # "task_failed" | "run_failed"
    dag_id: str
    run_id: str | None = None
    task_id: str | None = None
    map_index: int | None = None
    try_number: int | None = None
    interval_start: str | None = None
    interval_end: str | None = None
    reason: str | None = None
    log_url: str | None = None

    @property
    def text(self) -> str:
        """One line for humans: the log line and the webhook's `text`."""
        where = self.dag_id
        if self.task_id:
            where += f".{self.task_id}"
            if self.map_index is not None and self.map_index >= 0:
                where += f"[{self.map_index}]"
        parts = [f"sahelwatch {self.kind.replace('_', ' ')}: {where}"]
        if self.run_id:
            parts.append(f"run {self.run_id}")
        if self.interval_start and self.interval_end:
            parts.append(f"interval {self.interval_start} to {self.interval_end}")
        if self.try_number:
            parts.append(f"try {self.try_number}")
        if self.reason:
            parts.append(f"reason: {self.reason}")
        if self.log_url:
            parts.append(f"log: {self.log_url}")
        return "; ".join(parts)[:_MAX_TEXT]


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value is not None else None)


def alert_from_context(context: Mapping[str, Any], kind: str | None = None) -> Alert:
    """Build an alert from an Airflow callback context (task-level or DAG-level), reading it by duck typing.

    `kind` is "task_failed" or "run_failed"; by default a context with a task instance is a task's. A DAG-level
    context also carries the task instance that failed the run, so DAG callbacks pass kind="run_failed"."""
    ti = context.get("ti") or context.get("task_instance")
    dag_run = context.get("dag_run")
    dag = context.get("dag")
    exception = context.get("exception")
    reason = context.get("reason")
    if exception is not None:
        reason = f"{type(exception).__name__}: {exception}"
    dag_id = getattr(ti, "dag_id", None) or getattr(dag_run, "dag_id", None) or getattr(dag, "dag_id", None) or "?"
    map_index = getattr(ti, "map_index", None)
    rendered = getattr(ti, "rendered_map_index", None)
    start, end = _covered(context, dag_run)
    return Alert(
        kind=kind or ("task_failed" if ti is not None else "run_failed"),
        dag_id=str(dag_id),
        run_id=getattr(ti, "run_id", None) or getattr(dag_run, "run_id", None) or context.get("run_id"),
        task_id=getattr(ti, "task_id", None),
        map_index=map_index if isinstance(map_index, int) else None,
        try_number=getattr(ti, "try_number", None),
        interval_start=_iso(start),
        interval_end=_iso(end),
        reason=(f"[{rendered}] " if rendered else "") + (str(reason) if reason else "") or None,
        log_url=getattr(ti, "log_url", None) if isinstance(getattr(ti, "log_url", None), str) else None,
    )


def _covered(context: Mapping[str, Any], dag_run: Any) -> tuple[Any, Any]:
    """The interval the failed run covers, by the one-day convention of sahelwatch/interval.py: its `day` param
    when it has one (a form or API trigger, `sahelwatch run`), else its data interval as recorded."""
    from sahelwatch.interval import Interval, requested_day

    start = context.get("data_interval_start") or getattr(dag_run, "data_interval_start", None)
    end = context.get("data_interval_end") or getattr(dag_run, "data_interval_end", None)
    try:
        day = requested_day(getattr(dag_run, "conf", None), context.get("params"))
    except ValueError:
        return start, end
    if day is None:
        return start, end
    interval = Interval.for_day(day)
    return interval.start, interval.end


def _safe_target(url: str) -> str:
    """The webhook for logs without its path or query, which often hold the webhook's secret token."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or '?'}{f':{parts.port}' if parts.port else ''}/..."


def post_webhook(url: str, payload: Mapping[str, Any], timeout: float = TIMEOUT_SECONDS) -> bool:
    """POST a JSON payload; True when the receiver answered 2xx. Logs and swallows every failure."""
    if urlsplit(url).scheme not in ("http", "https"):
        log.error("alert webhook ignored: %s is not an http(s) URL", _safe_target(url))
        return False
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, default=str).encode("utf-8"),
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "sahelwatch-alerts/1"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            ok = 200 <= response.status < 300
    except (urllib.error.URLError, OSError, ValueError) as exc:
        log.error("alert webhook %s failed: %s", _safe_target(url), exc)
        return False
    if not ok:
        log.error("alert webhook %s answered HTTP %s", _safe_target(url), response.status)
    return ok


def send_alert(alert: Alert, webhook: str | None = None) -> bool:
    """Log the alert, then POST it when a webhook is given or configured; True when a webhook accepted it."""
    log.error("ALERT %s", alert.text)
    url = webhook if webhook is not None else os.environ.get(WEBHOOK_ENV, "").strip()
    if not url:
        return False
    return post_webhook(url, {"text": alert.text, **asdict(alert)})


def on_failure(context: Mapping[str, Any], kind: str | None = None) -> None:
    """The failure callback of a task (`on_failure_callback=on_failure`); a DAG's passes kind="run_failed"."""
    try:
        alert = alert_from_context(context, kind)
    except Exception:  # noqa: BLE001 - an alert must never fail the callback itself
        log.exception("could not build an alert from the failure context")
        alert = Alert(kind=kind or "task_failed", dag_id="?", reason="unreadable failure context")
    send_alert(alert)


def on_run_failure(context: Mapping[str, Any]) -> None:
    """The failure callback of a DAG run (`DAG(on_failure_callback=on_run_failure)`)."""
    on_failure(context, kind="run_failed")
