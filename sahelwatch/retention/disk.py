"""Where the disk goes: the data directory and the warehouse by part, and whether free space is running out."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import psycopg

from sahelwatch.db.rows import one_row
from sahelwatch.retention.planner import size_of

GB = 1024**3
# The data directory's parts, by folder name, in the order `sahelwatch status` shows them.
DATA_PARTS = {
    "runs": "run files",
    "reports": "situation reports",
    "logs": "DAG run logs",
    "airflow": "Airflow home (metadata, task logs)",
    "pgdata": "embedded warehouse",
}


@dataclass(frozen=True)
class Part:
    name: str
    bytes: int


def data_dir_usage(data_dir: Path) -> list[Part]:
    """Bytes under each known part of the data directory, then everything else as one line."""
    parts = [
        Part(f"{folder}/ ({label})", size_of(data_dir / folder))
        for folder, label in DATA_PARTS.items()
        if (data_dir / folder).exists()
    ]
    others = [child for child in (data_dir.iterdir() if data_dir.is_dir() else []) if child.name not in DATA_PARTS]
    if others:
        parts.append(Part("other", sum(size_of(child) for child in others)))
    return parts


def warehouse_usage(conn: psycopg.Connection) -> list[Part]:
    """Bytes of each warehouse schema (tables, indexes, TOAST), and the share of raw.reports that is raw HTML.

    Sizes come from the catalogue, which any login may read; the raw HTML's share needs read access to raw and is
    left out without it."""
    parts = [
        Part(f"schema {schema}", int(size))
        for schema, size in conn.execute(
            "select n.nspname, coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c"
            " join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('raw', 'staging', 'marts')"
            " and c.relkind in ('r', 'm') group by 1 order by 1"
        )
    ]
    try:
        with conn.transaction():
            html, pruned = one_row(
                conn.execute(
                    "select coalesce(sum(octet_length(html_gz)), 0), count(*) filter (where html_pruned_at is not null)"
                    " from raw.reports"
                )
            )
        parts.append(Part(f"  of which raw.reports.html_gz ({pruned} pages pruned)", int(html)))
    except psycopg.errors.InsufficientPrivilege:
        pass
    return parts


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def free_bytes(path: Path) -> int:
    """Free bytes on the disk that holds `path` (or would hold it, before it is created)."""
    return shutil.disk_usage(_existing(path)).free


def low_space(path: Path, min_free_gb: float) -> list[str]:
    """One problem line when the disk holding `path` has less than `min_free_gb` free, else none."""
    free = free_bytes(path)
    if free >= min_free_gb * GB:
        return []
    return [
        f"only {free / GB:.1f} GB free on the disk of {path} (below SAHELWATCH_CHECK_MIN_FREE_GB ="
        f" {min_free_gb:g}); run `sahelwatch prune` or shorten SAHELWATCH_RETENTION_* windows"
    ]


def human(size: int) -> str:
    """Bytes for people: 12 B, 3.4 KB, 340.0 MB, 1.2 GB."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024:
            return f"{int(value)} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"
