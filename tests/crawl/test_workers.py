"""The extraction pool (sahelwatch.crawl.workers) with real worker processes: answers match the article module's,
and a page that raises, hangs or kills its worker is an error for that page alone, while the next page is read."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from sahelwatch.crawl.article import page_metadata
from sahelwatch.crawl.workers import ExtractionFailed, ExtractionPool

PARAGRAPH = "<p>Des hommes armés ont attaqué le poste de {place} dimanche soir, selon des habitants joints.</p>"


def page(place: str, paragraphs: int = 5) -> str:
    return (
        f"<html lang='fr'><head><title>{place}</title><meta name='author' content='Rédaction {place}'></head>"
        f"<body><article><h1>Attaque à {place}</h1>{PARAGRAPH.format(place=place) * paragraphs}</article>"
        "</body></html>"
    )


HUGE = page("Djibo", 20_000)  # about 2.4 million characters: seconds of work for lxml and trafilatura


def with_pool(size: int, timeout: float, check: Callable[[ExtractionPool], Awaitable[Any]]) -> Any:
    """Run `check` on a fresh pool in an event loop of its own; the pool is always closed afterwards."""
    pool = ExtractionPool(size, timeout)
    try:
        return asyncio.run(check(pool))
    finally:
        pool.close()


def test_pages_in_parallel_each_get_their_own_answer() -> None:
    places = ["Djibo", "Arbinda", "Dori", "Sebba", "Kaya", "Mopti"]

    async def check(pool: ExtractionPool) -> list[Any]:
        return await asyncio.gather(
            *(pool.page_metadata(page(place), f"https://x.example/{place}") for place in places)
        )

    answers = with_pool(2, 60, check)
    for place, (meta, cpu) in zip(places, answers, strict=True):
        assert meta == page_metadata(page(place), f"https://x.example/{place}")
        assert meta.author == f"Rédaction {place}" and f"poste de {place}" in (meta.text or "") and cpu >= 0


def test_a_page_that_raises_is_its_error_and_the_worker_carries_on() -> None:
    async def check(pool: ExtractionPool) -> None:
        await pool.page_metadata(page("Dori"), "https://x.example/1")
        (before,) = [process.pid for process in pool.processes]
        with pytest.raises(ExtractionFailed) as failed:
            await pool.page_metadata(None, "https://x.example/2")  # type: ignore[arg-type]
        assert failed.value.kind == "extract_exception" and "TypeError" in str(failed.value)
        meta, _ = await pool.page_metadata(page("Kaya"), "https://x.example/3")
        assert meta.title == "Attaque à Kaya" and [process.pid for process in pool.processes] == [before]

    with_pool(1, 60, check)


def test_a_page_over_the_timeout_is_its_error_and_its_worker_is_replaced() -> None:
    async def check(pool: ExtractionPool) -> None:
        await pool.page_metadata(page("Dori"), "https://x.example/1")
        (stuck,) = pool.processes
        pool.timeout = 0.05
        with pytest.raises(ExtractionFailed) as failed:
            await pool.page_metadata(HUGE, "https://x.example/huge")
        assert failed.value.kind == "extract_timeout"
        stuck.join(10)
        assert stuck.exitcode == -signal.SIGKILL and pool.processes == []
        pool.timeout = 60
        meta, _ = await pool.page_metadata(page("Sebba"), "https://x.example/2")
        assert meta.title == "Attaque à Sebba" and len(pool.processes) == 1 and pool.processes[0].pid != stuck.pid

    with_pool(1, 60, check)


def test_a_worker_killed_mid_page_fails_that_page_only() -> None:
    async def check(pool: ExtractionPool) -> None:
        first = asyncio.ensure_future(pool.page_metadata(HUGE, "https://x.example/huge"))
        while not pool.processes:
            await asyncio.sleep(0.01)
        (victim,) = pool.processes
        os.kill(victim.pid, signal.SIGKILL)
        with pytest.raises(ExtractionFailed) as failed:
            await first
        assert failed.value.kind == "extract_crashed" and "exit code -9" in str(failed.value)
        meta, _ = await pool.page_metadata(page("Arbinda"), "https://x.example/2")
        assert meta.title == "Attaque à Arbinda" and [p.pid for p in pool.processes] != [victim.pid]

    with_pool(1, 60, check)


def test_a_worker_killed_while_idle_costs_no_page() -> None:
    async def check(pool: ExtractionPool) -> None:
        await pool.page_metadata(page("Dori"), "https://x.example/1")
        (victim,) = pool.processes
        os.kill(victim.pid, signal.SIGKILL)
        victim.join(10)
        meta, _ = await pool.page_metadata(page("Téra"), "https://x.example/2")
        assert meta.title == "Attaque à Téra" and [p.pid for p in pool.processes] != [victim.pid]

    with_pool(1, 60, check)


def test_close_ends_every_worker() -> None:
    pool = ExtractionPool(2, 60)

    async def use() -> None:
        await asyncio.gather(*(pool.page_metadata(page(p), "https://x.example/") for p in ("Dori", "Kaya")))

    asyncio.run(use())
    processes = pool.processes
    assert len(processes) == 2 and all(process.is_alive() for process in processes)
    pool.close()
    assert pool.processes == [] and all(process.exitcode is not None for process in processes)


WORKERS_THEN_DIE = """
import asyncio, os, signal
from pathlib import Path
from sahelwatch.crawl.workers import ExtractionPool
pool = ExtractionPool(2, 60)
async def use():
    await asyncio.gather(*(pool.page_metadata("<html><body><p>x</p></body></html>", "https://x.example/")
                           for _ in range(2)))
asyncio.run(use())
parents = {int(p.name): int(p.joinpath("stat").read_text().rsplit(")", 1)[1].split()[1])
           for p in Path("/proc").iterdir() if p.name.isdigit()}
family, grown = {os.getpid()}, True
while grown:
    more = {pid for pid, parent in parents.items() if parent in family} - family
    family |= more
    grown = bool(more)
print(*sorted(family - {os.getpid()}), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_workers_end_when_the_crawler_is_killed() -> None:
    """The runner's timeout kills the crawler process only: its workers, their forkserver and multiprocessing's
    resource tracker must not outlive it."""
    done = subprocess.run(
        [sys.executable, "-c", WORKERS_THEN_DIE], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    started = [int(pid) for pid in done.stdout.split()]
    assert len(started) >= 3  # two workers and their forkserver at least
    deadline = time.monotonic() + 30  # a wait for an event, not a speed check: it normally takes milliseconds
    while any(map(_running, started)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in started if _running(pid)] == []


def _running(pid: int) -> bool:
    """Alive and not a zombie (the worker's parent, the forkserver, may not have reaped it yet)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
