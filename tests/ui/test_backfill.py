"""`airflow backfill create` over a week, run by the live scheduler, twice: the warehouse ends up identical. And,
on the same live UI (started once for the module), that nothing it started listens beyond 127.0.0.1.

The replica holds articles of 2025-06-01 (2) and 2025-06-02 (7) only, so the week (2025-05-28 to 2025-06-03) has
quiet days before and after them. The second backfill re-runs the completed days (`--reprocess-behavior
completed`), crawling again.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from sahelwatch.cli.ui import PGID_FILE

DAG_ID = "sahelwatch_daily"
WEEK = [date(2025, 5, 28) + timedelta(days=n) for n in range(7)]


def _backfill(live_airflow, reprocess: str) -> list[dict]:
    """Create the backfill with the Airflow CLI, wait until the scheduler completed it; its runs, oldest first."""
    before = {b["id"] for b in live_airflow.call("GET", f"/api/v2/backfills?dag_id={DAG_ID}")["backfills"]}
    command = [
        str(Path(sys.executable).with_name("airflow")),
        "backfill",
        "create",
        "--dag-id",
        DAG_ID,
        "--from-date",
        WEEK[0].isoformat(),
        "--to-date",
        WEEK[-1].isoformat(),
        "--max-active-runs",
        "1",
        "--reprocess-behavior",
        reprocess,
    ]
    completed = subprocess.run(command, env=live_airflow.env, capture_output=True, text=True, timeout=180, check=False)
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    [backfill] = [
        b for b in live_airflow.call("GET", f"/api/v2/backfills?dag_id={DAG_ID}")["backfills"] if b["id"] not in before
    ]
    deadline = time.monotonic() + 1200
    while live_airflow.call("GET", f"/api/v2/backfills/{backfill['id']}")["completed_at"] is None:
        assert time.monotonic() < deadline, f"backfill {backfill['id']} did not complete\n{live_airflow.tail()}"
        time.sleep(3)
    runs = live_airflow.call("GET", f"/api/v2/dags/{DAG_ID}/dagRuns?run_type=backfill&limit=100&order_by=logical_date")[
        "dag_runs"
    ]
    return [run for run in runs if run.get("backfill_id") in (None, backfill["id"])]


# What a crawl observed about the HTTP exchange itself, not about the interval's data: whether the feed answered
# 304 Not Modified depends on which interval was crawled last (raw.feed_state), so a re-run may legitimately differ.
EXCHANGE_COLUMNS = {"raw.source_runs": ("feed_not_modified",)}


def _digests(conn: psycopg.Connection, checksums) -> dict[str, str]:
    """The `checksums` fixture's digests, with the source runs compared without their exchange columns."""
    digests = checksums(conn)
    for table, columns in EXCHANGE_COLUMNS.items():
        present = [
            c
            for c in columns
            if conn.execute(
                "select 1 from information_schema.columns where table_schema || '.' || table_name = %s"
                " and column_name = %s",
                (table, c),
            ).fetchone()
        ]
        if present:
            drop = " - ".join(f"'{c}'" for c in present)
            digests[table] = conn.execute(
                f"select md5(coalesce(string_agg((to_jsonb(t) - {drop})::text, '|' order by (to_jsonb(t) - {drop})"
                f"::text), '')) from {table} t"
            ).fetchone()[0]  # noqa: S608 - constant names
    return digests


@pytest.mark.timeout(2700)
def test_backfilling_a_week_twice_leaves_identical_warehouse(live_airflow, conn: psycopg.Connection, checksums) -> None:
    live_airflow.wait_for_dag(DAG_ID)
    first = _backfill(live_airflow, "none")
    assert [
        (run["logical_date"][:10], run["data_interval_start"][:10], run["data_interval_end"][:10], run["state"])
        for run in first
    ] == [(day.isoformat(), day.isoformat(), (day + timedelta(days=1)).isoformat(), "success") for day in WEEK], (
        live_airflow.tail()
    )
    per_day = conn.execute(
        "select interval_start::date::text, count(*) from raw.reports group by 1 order by 1"
    ).fetchall()
    assert per_day == [("2025-06-01", 2), ("2025-06-02", 7)]
    assert conn.execute("select count(distinct interval_start) from raw.source_runs").fetchone()[0] == 7
    conn.commit()
    once = _digests(conn, checksums)

    second = _backfill(live_airflow, "completed")
    assert [run["state"] for run in second] == ["success"] * 7, live_airflow.tail()
    conn.commit()
    assert _digests(conn, checksums) == once


def _stat(pid: str) -> list[str]:
    """/proc/PID/stat after the command name: state, ppid, pgrp, ..."""
    return Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace").rsplit(")", 1)[1].split()


def _socket_inodes(pgids: set[int]) -> set[str]:
    """The sockets held open by the processes of these process groups."""
    inodes = set()
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or int(_stat(entry.name)[2]) not in pgids:
                continue
            for fd in (entry / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[len("socket:[") : -1])
        except (FileNotFoundError, ProcessLookupError, NotADirectoryError):
            continue  # the process or descriptor went away while we looked
    return inodes


def _address(hex_address: str) -> tuple[str, int]:
    """An address of /proc/net/tcp{,6} ("0100007F:1F90": 32-bit words in host byte order) as (ip, port)."""
    host, port = hex_address.split(":")
    raw = b"".join(bytes.fromhex(host[i : i + 8])[::-1] for i in range(0, len(host), 8))
    return socket.inet_ntop(socket.AF_INET if len(raw) == 4 else socket.AF_INET6, raw), int(port, 16)


def _listening(inodes: set[str]) -> set[tuple[str, int]]:
    """The TCP addresses on which these sockets listen (state 0A)."""
    found = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/net/{table}").read_text(encoding="ascii").splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:
                found.add(_address(fields[1]))
    return found


def _other_local_address() -> str | None:
    """An IPv4 address of this machine outside 127.0.0.0/8, if it has one."""
    if shutil.which("ip") is None:
        return None
    output = subprocess.run(
        ["ip", "-4", "-o", "addr", "show", "scope", "global"], capture_output=True, text=True, timeout=10, check=False
    ).stdout
    addresses = [line.split()[3].split("/")[0] for line in output.splitlines() if len(line.split()) > 3]
    return addresses[0] if addresses else None


def test_the_live_ui_listens_on_loopback_only(live_airflow) -> None:
    """Every TCP socket that a process of `sahelwatch ui` listens on (the API, the replica, anything a component
    might open) is bound to 127.0.0.1, and the UI's port refuses a connection on the machine's other address."""
    groups = {int(word) for word in (live_airflow.home / PGID_FILE).read_text(encoding="utf-8").split()}
    groups |= {int(_stat(str(pgid))[1]) for pgid in groups}  # and `sahelwatch ui` itself, the leaders' parent
    listening = _listening(_socket_inodes(groups))
    port = urlsplit(live_airflow.base_url).port
    print(f"process groups {sorted(groups)} listen on {sorted(listening)}")
    assert ("127.0.0.1", port) in listening
    assert {host for host, _ in listening} == {"127.0.0.1"}
    other = _other_local_address()
    if other is None:
        print("no address outside 127.0.0.0/8 on this machine: reachability from another interface not tried")
        return
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((other, port), timeout=10).close()
    print(f"{other}:{port} refused the connection")
