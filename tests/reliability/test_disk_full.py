"""Disk full: the warehouse's disk fills during a load, and the crawler's disk fills while it writes a run file.

Both run on real parts on a small tmpfs that the test mounts (tests/reliability/tmpfs.py) and grows afterwards:

* Warehouse: a private PostgreSQL (tests/reliability/private_postgres.py) whose warehouse database lives in a
  tablespace on the tmpfs, while pg_wal stays on the ordinary disk: table files fill, WAL does not (PostgreSQL PANICs
  when it cannot write WAL; that is a different fault). `sahelwatch.pipeline.load` of a run file of 40 000 lines
  runs out of space half-way ("could not extend file ...: No space left on device"): either in the COPY into the
  load's temporary table (which lives in the database's tablespace by default) or, with temp_tablespaces moved to
  the ordinary disk, in the INSERT into raw.reports itself. The load must fail with DiskFull naming the cause, leave
  every table as it was, and leave the server up; once the disk has grown, the same load lands every row once and a
  third load changes nothing.
* Crawler: SAHELWATCH_DATA_DIR on the tmpfs; one source is crawled while there is room, then one whose pages do not
  fit. That crawl must end `failed` with a message that says the disk is full, publish no run file (a failed write
  may have left half a line: its `<run>.part` is deleted), and leave the first source's run file whole; a source
  crawled while the disk is still full fails the same way instead of raising. Once the disk has grown, the re-run
  crawl and the load land every article once.
"""

from __future__ import annotations

import errno
import json
import os
import pwd
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

import psycopg
import pytest

from sahelwatch import pipeline
from sahelwatch.config import load_settings
from sahelwatch.crawl.runner import run_file_path
from sahelwatch.db.migrate import migrate
from sahelwatch.interval import Interval
from sahelwatch.replica.server import ReplicaServer, replica_sources
from sahelwatch.sources.registry import parse_registry
from sahelwatch.tools.replica.generate import generate

from .corpus import plain_run_file
from .private_postgres import running_server, unavailable
from .tmpfs import MB, mount_refused, small_tmpfs

DAY = Interval.for_day(date(2025, 6, 2))
LINES = 40_000
EARLIER = 50
HEADROOM = 16 * MB  # room left on the warehouse tablespace before the big load: about half of what the load needs


@pytest.fixture(scope="module")
def can_mount() -> None:
    if reason := mount_refused():
        pytest.skip(reason)


def _failed_relation(conn: psycopg.Connection, message: str) -> str:
    """The relation whose file could not be extended, from the error's file name (`.../<filenode>` or `t3_<filenode>`
    for a temporary table, which the rollback has dropped)."""
    found = re.search(r'could not extend file "[^"]*/(t\d+_)?(\d+)(?:\.\d+)?"', message)
    if found is None:
        return "?"
    if found.group(1):
        return f"temporary table (filenode {found.group(2)})"
    name = conn.execute("select pg_filenode_relation(0, %s)::regclass::text", (int(found.group(2)),)).fetchone()[0]
    return name or f"filenode {found.group(2)}"


@pytest.mark.parametrize("fills", ["copy", "insert"])
def test_warehouse_disk_full_mid_load_leaves_nothing_and_the_load_after_lands_once(
    can_mount: None, fills: str, tmp_path: Path, checksums, monkeypatch
) -> None:
    if reason := unavailable():
        pytest.skip(reason)
    with small_tmpfs(64 * MB, owner="postgres") as disk, running_server() as server:
        location = disk.path / "tablespace"
        location.mkdir()
        postgres = pwd.getpwnam("postgres")
        os.chown(location, postgres.pw_uid, postgres.pw_gid)
        with psycopg.connect(server.url(), autocommit=True) as admin:
            admin.execute(f"create tablespace small location '{location}'")
            admin.execute("create database warehouse tablespace small")
            if fills == "insert":  # the load's temporary table on the ordinary disk: raw.reports itself fills up
                admin.execute("alter database warehouse set temp_tablespaces = 'pg_default'")
        url = server.url("warehouse")
        with psycopg.connect(url) as conn:
            migrate(conn)
        monkeypatch.setenv("SAHELWATCH_DATABASE_URL", url)
        settings = load_settings()
        assert (
            pipeline.load(settings, plain_run_file(tmp_path / "earlier.jsonl", "earlier", EARLIER), DAY)[
                "rows_inserted"
            ]
            == EARLIER
        )
        results = plain_run_file(tmp_path / "big.jsonl", "big", LINES)

        with psycopg.connect(url, autocommit=True) as conn:
            before = checksums(conn)
            started_at = conn.execute("select pg_postmaster_start_time()").fetchone()[0]
            disk.resize(disk.used + HEADROOM)
            used, size = disk.usage()
            started = time.monotonic()
            with pytest.raises(psycopg.errors.DiskFull) as failure:
                pipeline.load(settings, results, DAY)
            took = time.monotonic() - started
            message = str(failure.value)
            where = _failed_relation(conn, message)
            print(
                f"\n[{fills}] tablespace tmpfs {size / MB:.1f} MB, {used / MB:.1f} MB used before the load;"
                f" run file {LINES} lines, {Path(results[0]['run_file']).stat().st_size / MB:.1f} MB;"
                f" load failed after {took:.2f} s in {where}: {message.splitlines()[0]}"
            )
            assert "No space left on device" in message and "could not extend file" in message, message

            # nothing half-loaded, and the same server still answers (no crash and restart)
            assert checksums(conn) == before
            assert conn.execute("select count(*) from raw.reports").fetchone()[0] == EARLIER
            assert conn.execute("select count(*) from raw.source_runs").fetchone()[0] == 1
            assert conn.execute("select pg_postmaster_start_time()").fetchone()[0] == started_at
            # and it ran out where this variant meant it to: the temporary table, or raw.reports (heap or index)
            assert ("temporary" in where) == (fills == "copy"), where
            assert fills == "copy" or where.startswith("raw.reports"), where
        log = (server.root / "server.log").read_text(encoding="utf-8", errors="replace")
        assert "PANIC" not in log, log[-2000:]
        with psycopg.connect(url, connect_timeout=10) as fresh:
            assert fresh.execute("select 1").fetchone() == (1,)

        disk.resize(512 * MB)
        started = time.monotonic()
        again = pipeline.load(settings, results, DAY)
        print(
            f"[{fills}] load after growing the disk to 512 MB: {again} in {time.monotonic() - started:.2f} s,"
            f" tablespace now {disk.used / MB:.1f} MB used"
        )
        assert again["rows_inserted"] == LINES and again["lines_rejected"] == 0
        with psycopg.connect(url, autocommit=True) as conn:
            total, distinct = conn.execute("select count(*), count(distinct url) from raw.reports").fetchone()
            assert total == distinct == LINES + EARLIER
            landed = checksums(conn)
            assert pipeline.load(settings, results, DAY)["rows_inserted"] == 0
            assert checksums(conn) == landed


ARTICLES = 100  # the large replica's one outlet: pages of 10-30 KB, a run file of about 2.4 MB
CRAWL_DISK = 1 * MB


@pytest.fixture(scope="module")
def large_outlet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ReplicaServer, dict]]:
    """One outlet of the large replica (ARTICLES articles of 2 June 2025) on 127.0.0.1, and its registry entry."""
    out = tmp_path_factory.mktemp("large-outlet")
    generate(out, ARTICLES, outlets=1, seed=7)
    with ReplicaServer(root=out / "site") as server:
        entry = replica_sources(server.base_url, registry=out / "sources.yaml")[0]
        yield server, asdict(parse_registry([entry])[0])


def _fill(path: Path) -> Path:
    """A file that takes every byte left on its filesystem."""
    with open(path, "wb", buffering=0) as handle:
        chunk = b"\0" * 4096
        try:
            while True:
                handle.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    return path


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_crawler_disk_full_fails_the_source_clearly_publishes_nothing_and_the_rerun_lands_once(
    can_mount: None, replica, large_outlet, conn: psycopg.Connection, database_url: str, checksums, monkeypatch
) -> None:
    _, big = large_outlet
    small, later = (
        next(s for s in replica_sources(replica.base_url) if s["id"] == name)
        for name in ("echos-du-delta", "faso-matin")
    )
    small, later = (asdict(parse_registry([s])[0]) for s in (small, later))
    with small_tmpfs(CRAWL_DISK) as disk:
        monkeypatch.setenv("SAHELWATCH_DATABASE_URL", database_url)
        monkeypatch.setenv("SAHELWATCH_DATA_DIR", str(disk.path / "data"))
        monkeypatch.setenv("SAHELWATCH_ALLOWED_HOSTS", "127.0.0.1")
        settings = load_settings()
        assert settings.runs_dir.is_relative_to(disk.path)

        first = pipeline.crawl(settings, small, DAY)  # while there is room
        assert first["status"] == "ok", first
        first_bytes = Path(first["run_file"]).read_bytes()

        started = time.monotonic()
        full = pipeline.crawl(settings, big, DAY)
        run_file = run_file_path(settings, big["id"], DAY)
        part = run_file.with_suffix(".part")
        print(
            f"\ncrawl on a {disk.size / MB:.0f} MB disk: {full['status']} in {time.monotonic() - started:.1f} s,"
            f" message {full['message']!r}; {part.name} {part.stat().st_size if part.exists() else 0} bytes,"
            f" {_lines(part)} of {ARTICLES} items; disk {disk.used} of {disk.size} bytes used"
        )
        assert full["status"] == "failed" and full["run_file"] is None, full
        assert "No space left on device" in (full["message"] or ""), full
        assert not run_file.exists(), "a crawl that could not write all its items published a run file"
        assert Path(first["run_file"]).read_bytes() == first_bytes, "the earlier source's run file changed"

        ballast = _fill(disk.path / "ballast")  # the last free bytes too: not even the crawl's state file fits
        during = pipeline.crawl(settings, later, DAY)  # fails the same way, never raises
        print(f"crawl while the disk is full: {during['status']}, message {during['message']!r}")
        assert during["status"] == "failed" and during["run_file"] is None, during
        assert "No space left on device" in (during["message"] or ""), during
        assert not run_file_path(settings, later["id"], DAY).exists()

        expected = [small, big, later]
        loaded = pipeline.load(settings, [first, full, during], DAY, expected=expected)
        print(f"load of the day with the disk full: {loaded}")
        first_items = _lines(Path(first["run_file"]))
        assert (loaded["rows_inserted"], loaded["lines_rejected"], loaded["sources_failed"]) == (first_items, 0, 2)
        runs = dict(conn.execute("select source_id, status from raw.source_runs").fetchall())
        assert runs == {small["id"]: "ok", big["id"]: "failed", later["id"]: "failed"}
        message = conn.execute("select message from raw.source_runs where source_id = %s", (big["id"],)).fetchone()[0]
        assert "No space left on device" in message

        ballast.unlink()
        disk.resize(64 * MB)
        started = time.monotonic()
        retried = [pipeline.crawl(settings, source, DAY) for source in (big, later)]
        again = pipeline.load(settings, retried, DAY, expected=[big, later])
        print(
            f"after growing the disk to 64 MB: crawls {[r['status'] for r in retried]},"
            f" items {[r['stats'].get('items_stored') for r in retried]}, load {again}"
            f" in {time.monotonic() - started:.1f} s; run file {run_file.stat().st_size} bytes"
        )
        assert [r["status"] for r in retried] == ["ok", "ok"], retried
        later_items = _lines(run_file_path(settings, later["id"], DAY))
        assert _lines(run_file) == ARTICLES
        assert again["rows_inserted"] == ARTICLES + later_items and again["sources_failed"] == 0
        total, distinct = conn.execute("select count(*), count(distinct url) from raw.reports").fetchone()
        assert total == distinct == first_items + ARTICLES + later_items
        big_urls = conn.execute("select count(*) from raw.reports where source_id = %s", (big["id"],)).fetchone()[0]
        assert big_urls == ARTICLES
        runs = dict(conn.execute("select source_id, status from raw.source_runs").fetchall())
        assert set(runs.values()) == {"ok"}
        landed = checksums(conn)
        assert pipeline.load(settings, retried, DAY, expected=[big, later])["rows_inserted"] == 0
        assert checksums(conn) == landed


def test_crawler_disk_full_for_a_moment_loses_no_article_silently(can_mount: None, large_outlet, monkeypatch) -> None:
    """The disk is full for a moment only (another process's file takes the space, then goes): the items that could
    not be written must not vanish from a run file published as `ok`."""
    server, big = large_outlet
    big = {**big, "settings": {**big["settings"], "delay": 0.05, "concurrency": 1}}  # about 5 s: time to free space
    with small_tmpfs(4 * MB) as disk:
        monkeypatch.setenv("SAHELWATCH_DATA_DIR", str(disk.path / "data"))
        monkeypatch.setenv("SAHELWATCH_ALLOWED_HOSTS", "127.0.0.1")
        settings = replace(load_settings(), database_url=None)
        ballast = disk.path / "ballast"
        ballast.write_bytes(b"\0" * (4 * MB - 700 * 1024))  # room for the first ~25 articles
        log_file = run_file_path(settings, big["id"], DAY).with_suffix(".log")
        outcome: dict = {}
        crawler = threading.Thread(target=lambda: outcome.update(pipeline.crawl(settings, big, DAY)))
        crawler.start()
        try:
            while crawler.is_alive() and not (
                log_file.exists() and "cannot write the run file" in log_file.read_text(errors="replace")
            ):
                time.sleep(0.02)
            assert crawler.is_alive(), "the crawl ended before its disk filled"
            ballast.unlink()  # space is back while the crawl goes on
        finally:
            crawler.join(timeout=120)
        published = Path(outcome["run_file"]) if outcome.get("run_file") else None
        readable = 0
        if published is not None:
            for line in published.read_bytes().splitlines():
                try:
                    json.loads(line)
                    readable += 1
                except ValueError:
                    pass
        print(
            f"\ndisk full for a moment: {outcome['status']}, items_stored"
            f" {outcome['stats'].get('items_stored')} of {ARTICLES}, run file"
            f" {'published' if published else 'not published'} with {readable} readable lines"
        )
        # nothing half-written is published: the source fails, says why, and its next run fetches everything
        assert outcome["status"] == "failed" and published is None, outcome
        assert "No space left on device" in outcome["message"]
        assert not list(disk.path.rglob("*.part")), "the incomplete run file still takes space"
