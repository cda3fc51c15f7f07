"""Apply the retention policy: plan what has expired, leave out what running DAG runs hold, remove the rest."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sahelwatch.config import Settings
from sahelwatch.retention.busy import active_intervals, metadata_url
from sahelwatch.retention.executors import AIRFLOW_TABLES, clean_airflow, clear_html, remove_path
from sahelwatch.retention.planner import AIRFLOW, RAW_HTML, Plan, make_plan
from sahelwatch.retention.policy import RetentionPolicy


@dataclass
class PruneResult:
    plan: Plan
    dry_run: bool
    freed: Counter[str] = field(default_factory=Counter)  # bytes per kind actually removed
    airflow: str = ""  # what happened to Airflow's metadata, in words

    def as_dict(self) -> dict[str, object]:
        """JSON-safe, for Airflow's XCom and logs."""
        return {
            "dry_run": self.dry_run,
            "items": len(self.plan.items),
            "bytes_planned": self.plan.bytes,
            "bytes_freed": dict(self.freed),
            "held": self.plan.held,
            "airflow": self.airflow,
        }


def airflow_settings(settings: Settings) -> dict[str, str]:
    """Where Airflow keeps its metadata and logs, as `sahelwatch run|ui` point it (without creating anything, so
    that a dry run writes nothing)."""
    from sahelwatch.airflow_env import metadata_database

    env = dict(os.environ)
    env.setdefault("AIRFLOW_HOME", str(settings.data_dir / "airflow"))
    if env.get("SAHELWATCH_AIRFLOW_DATABASE_URL") and not env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"):
        env.update(metadata_database(env["SAHELWATCH_AIRFLOW_DATABASE_URL"]))
    return env


def _has_metadata(env: dict[str, str]) -> bool:
    url = metadata_url(env)
    return not url.startswith("sqlite:") or Path(url.split("///", 1)[-1].split("?", 1)[0]).exists()


def _clean_airflow(settings: Settings, plan: Plan, env: dict[str, str], dry_run: bool) -> str:
    before = plan.cutoffs[AIRFLOW]
    if not _has_metadata(env):
        return "no Airflow metadata here yet"
    if dry_run:
        return f"`airflow db clean` would remove rows older than {before:%Y-%m-%d} from {', '.join(AIRFLOW_TABLES)}"
    from sahelwatch.airflow_env import airflow_environment

    removed = clean_airflow(before, {**env, **airflow_environment(settings)})
    return f"`airflow db clean` removed {removed} row(s) older than {before:%Y-%m-%d}"


def prune(
    settings: Settings, policy: RetentionPolicy | None = None, *, now: datetime | None = None, dry_run: bool = False
) -> PruneResult:
    """Remove what the policy expires at `now` (default: the current time); with `dry_run`, only say what would go.
    Days that a queued or running DAG run covers are held back whole (see `busy`)."""
    from sahelwatch.pipeline import warehouse

    policy = policy or RetentionPolicy.from_env()
    now = now or datetime.now(UTC)
    env = airflow_settings(settings)
    busy = active_intervals(env)
    with warehouse(settings) as conn:
        plan = make_plan(settings, policy, conn, now, busy, env)
        result = PruneResult(plan, dry_run)
        if not dry_run:
            for item in plan.items:
                result.freed[item.kind] += clear_html(conn, item) if item.kind == RAW_HTML else remove_path(item)
    result.airflow = _clean_airflow(settings, plan, env, dry_run)
    return result
