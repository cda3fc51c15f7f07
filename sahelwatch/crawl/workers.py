"""Article extraction in a few worker processes, so that parsing pages does not hold up downloading.

A crawl is CPU-bound in Scrapy's single reactor thread, and extraction (sahelwatch.crawl.article: lxml and
trafilatura) was half of that thread's time per page; while it ran, no response was read and no request was sent.
Workers move it to the machine's other cores (benchmarks/README.md, Crawl).

Why not concurrent.futures.ProcessPoolExecutor: a page that kills its worker breaks that whole executor (every page
in flight fails with BrokenProcessPool), and a worker stuck on a page cannot be stopped alone. Here each worker
takes one page at a time over its own pipe, so a timeout or a crash belongs to exactly one page: that worker is
killed, a new one takes its place, and only that page is lost.

Workers are forked from a forkserver that has imported sahelwatch.crawl.article (trafilatura, lxml) once, so they
start in milliseconds and share those pages of memory. A worker ends by itself when the crawler's end of its pipe
closes, so a crawler killed by the runner's timeout leaves no worker behind.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import time
from multiprocessing.connection import Connection

from sahelwatch.crawl.article import PageMetadata, page_metadata

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["sahelwatch.crawl.article"])


class ExtractionFailed(Exception):
    """One page could not be extracted; `kind` is the error kind the crawl counts (errors/<kind>)."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind


def _serve(connection: Connection) -> None:
    """A worker's life: (html, url) in; (PageMetadata or the error's text, CPU seconds) out; ends at end of pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawler's to handle: it closes the pool
    while True:
        try:
            html, url = connection.recv()
        except EOFError:
            return
        started = time.process_time()
        try:
            result: PageMetadata | str = page_metadata(html, url)
        except Exception as exc:  # noqa: BLE001 - a page trafilatura or lxml trips on must not end the worker
            result = f"{type(exc).__name__}: {exc}"
        connection.send((result, time.process_time() - started))


class _Worker:
    def __init__(self) -> None:
        self.connection, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child,), name="sahelwatch-extract", daemon=True)
        self.process.start()
        child.close()

    async def extract(self, html: str, url: str, timeout: float) -> tuple[PageMetadata | str, float]:
        """The worker's answer, awaited without blocking the event loop: the pipe is watched like a socket."""
        loop = asyncio.get_running_loop()
        answered = loop.create_future()
        descriptor = self.connection.fileno()

        def wake() -> None:
            if not answered.done():
                answered.set_result(None)

        loop.add_reader(descriptor, wake)
        try:
            self.connection.send((html, url))
            await asyncio.wait_for(answered, timeout)
            result, cpu = self.connection.recv()
        except TimeoutError:
            raise ExtractionFailed("extract_timeout", f"no text after {timeout:g} s") from None
        except (EOFError, OSError):
            self.process.join(1)
            raise ExtractionFailed("extract_crashed", f"worker ended with exit code {self.process.exitcode}") from None
        finally:
            loop.remove_reader(descriptor)
        return result, cpu

    def stop(self, *, wait: float) -> None:
        """Close the pipe (the worker then ends by itself); kill it if it has not ended after `wait` seconds."""
        self.connection.close()
        self.process.join(wait)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class ExtractionPool:
    """`size` workers, started when first needed (a crawl whose listing fails starts none)."""

    def __init__(self, size: int, timeout: float) -> None:
        self.timeout = timeout
        self._idle: asyncio.Queue[_Worker | None] = asyncio.Queue()
        for _ in range(max(1, size)):
            self._idle.put_nowait(None)  # a free slot without a process yet
        self._live: set[_Worker] = set()

    async def page_metadata(self, html: str, url: str) -> tuple[PageMetadata, float]:
        """The page's metadata and text, and the worker's CPU seconds for it; raises ExtractionFailed."""
        worker = await self._idle.get()
        try:
            if worker is None or not worker.process.is_alive():
                # A free slot, or a worker that ended while idle (killed from outside): not this page's doing.
                self._retire(worker)
                worker = self._start()
            result, cpu = await worker.extract(html, url, self.timeout)
        except BaseException:
            # Timed out, crashed, cancelled mid-page or not started: that worker goes, its slot stays.
            self._retire(worker)
            self._idle.put_nowait(None)
            raise
        self._idle.put_nowait(worker)
        if isinstance(result, str):  # the page raised in the worker, which is fine for the next page
            raise ExtractionFailed("extract_exception", result)
        return result, cpu

    @property
    def processes(self) -> list[multiprocessing.process.BaseProcess]:
        """The workers running now (for checks that none is left behind)."""
        return [worker.process for worker in self._live]

    def _start(self) -> _Worker:
        worker = _Worker()
        self._live.add(worker)
        return worker

    def _retire(self, worker: _Worker | None) -> None:
        if worker is not None:
            self._live.discard(worker)
            worker.stop(wait=0)

    def close(self) -> None:
        for worker in self._live:
            worker.stop(wait=5)
        self._live.clear()
