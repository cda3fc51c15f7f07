"""Retention: what a daily pipeline may forget after a while, so years of runs fit on one disk.

Kept forever: the warehouse's incidents and their provenance, every report's row, text and hashes, the situation
reports' HTML. Kept for a window (SAHELWATCH_RETENTION_*, 90 days by default): run files, the raw HTML of reports
(`raw.reports.html_gz`), task logs, report figures (PNG) and Airflow's metadata. `prune` applies the policy; a day
that an Airflow run is processing is never touched.
"""

from sahelwatch.retention.policy import RetentionPolicy, RetentionSettingError
from sahelwatch.retention.prune import PruneResult, prune

__all__ = ["PruneResult", "RetentionPolicy", "RetentionSettingError", "prune"]
