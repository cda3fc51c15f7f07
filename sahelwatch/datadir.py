"""The data dir serves one warehouse: it says which, and refuses another.

Run files, logs, situation reports and Airflow's home (with its record of DAG runs) live in SAHELWATCH_DATA_DIR.
Two warehouses sharing one data dir would overwrite each other's reports and mix their Airflow runs, so the first
command that writes there records the warehouse in `warehouse.json`, and a later command pointed at another
warehouse is refused with a message that names both. The warehouse is known by its server's system identifier
(set once by initdb) and its database name, so two spellings of one URL (`localhost` and `127.0.0.1`, with and
without a password) are the same warehouse.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import psycopg

from sahelwatch.db.connect import WarehouseConfigError, mask_url
from sahelwatch.db.rows import one_row

MARK_FILE = "warehouse.json"


def warehouse_identity(conn: psycopg.Connection, url: str) -> dict[str, Any]:
    """What names a warehouse for good: the server's system identifier and the database (plus the URL, masked,
    for people to read)."""
    server, database = one_row(
        conn.execute("select system_identifier::text, current_database() from pg_control_system()")
    )
    return {"server": server, "database": database, "url": mask_url(url)}


def _same(recorded: dict[str, Any], current: dict[str, Any]) -> bool:
    return (recorded.get("server"), recorded.get("database")) == (current["server"], current["database"])


def claim_data_dir(data_dir: Path, conn: psycopg.Connection, url: str) -> None:
    """Record the warehouse in an unclaimed data dir; raise WarehouseConfigError when the data dir belongs to
    another warehouse (or its record cannot be read)."""
    mark = data_dir / MARK_FILE
    current = warehouse_identity(conn, url)
    try:
        recorded = json.loads(mark.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _write(mark, current)
        return
    except (OSError, ValueError) as exc:
        raise WarehouseConfigError(
            f"cannot read {mark} ({exc}); it should name the warehouse that the data dir "
            f"serves: delete it to let the data dir take {current['url']}"
        ) from exc
    if not isinstance(recorded, dict) or not _same(recorded, current):
        theirs = _get(recorded, "url")
        raise WarehouseConfigError(
            f"the data dir {data_dir} serves the warehouse {theirs} (database {_get(recorded, 'database')}), not "
            f"{current['url']} (database {current['database']}): its reports and Airflow runs would be mixed; set "
            f"SAHELWATCH_DATA_DIR to a folder of its own for this warehouse, or set SAHELWATCH_DATABASE_URL back to "
            f"{theirs} (if that warehouse is gone for good, delete {mark})"
        )


def _get(recorded: Any, key: str) -> str:
    return str(recorded.get(key, "?")) if isinstance(recorded, dict) else "?"


def _write(mark: Path, identity: dict[str, Any]) -> None:
    """Written whole or not at all (a temporary file renamed), so a killed command leaves no half record."""
    mark.parent.mkdir(parents=True, exist_ok=True)
    partial = mark.with_name(f".{mark.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(identity, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, mark)
