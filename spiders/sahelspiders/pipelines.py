"""Writes items to the run file, and the crawl's counts to `<run>.stats.json` beside it.

The run file appears under its final name only when the crawl closes, so a killed crawl never leaves a half-written
run file for the load step to pick up. Nor does a crawl whose write failed (a full disk): that write may have left
half a line and lost an article, so the run file is dropped, the stats say why, and the source fails; its next run
fetches everything again. The stats are written after every other part of the crawl has closed (on
`spider_closed`), so they include the reason the crawl stopped.
"""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from scrapy import signals
from scrapy.crawler import Crawler

from sahelspiders.items import ArticleItem

log = logging.getLogger(__name__)

# Scrapy's own counters worth keeping next to ours (as scrapy/<name>): they show what went over the wire.
SCRAPY_STATS = (
    "downloader/request_count",
    "downloader/response_count",
    "downloader/response_bytes",
    "response_received_count",
    "retry/count",
    "retry/max_reached",
    "robotstxt/request_count",
    "scheduler/enqueued",
    "log_count/ERROR",
    "log_count/WARNING",
)


class RunFilePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.handle: IO[str] | None = None
        self.output: Path | None = None
        self.write_error: str | None = None  # the first failed write: the run file is incomplete from then on

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunFilePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        self.output = Path(self.crawler.spider.output)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.output.with_suffix(".part"), "w", encoding="utf-8")

    def process_item(self, item: ArticleItem) -> ArticleItem:
        assert self.handle is not None
        stats = self.crawler.stats
        if self.write_error is not None:  # the run file will not be published: do not write into it any more
            stats.inc_value("sahelwatch/errors/run_file_write")
            return item
        started = time.process_time()
        try:
            # vars, not dataclasses.asdict: the fields are plain values, and asdict deep-copies every one of them.
            self.handle.write(json.dumps(vars(item), ensure_ascii=False) + "\n")
            self.handle.flush()  # a full disk shows here, on this item, not later on a buffer of several
        except OSError as exc:
            self.write_error = f"{type(exc).__name__}: {exc}"
            stats.inc_value("sahelwatch/errors/run_file_write")
            log.error(
                "source %s: cannot write the run file (%s); the run file will not be published",
                getattr(self.crawler.spider, "source_id", "?"),
                self.write_error,
            )
            return item
        stats.inc_value("sahelwatch/items_stored")
        stats.inc_value("sahelwatch/time/write_ms", (time.process_time() - started) * 1000)
        return item

    def close_spider(self) -> None:
        if self.handle is not None:
            try:
                self.handle.close()
            except OSError as exc:  # the last buffered bytes did not fit
                self.write_error = self.write_error or f"{type(exc).__name__}: {exc}"

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.output is None:
            return
        all_stats = self.crawler.stats.get_stats()
        stats: dict[str, Any] = {
            key.removeprefix("sahelwatch/"): _plain(value)
            for key, value in all_stats.items()
            if key.startswith("sahelwatch/")
        }
        stats.update({f"scrapy/{key}": all_stats[key] for key in SCRAPY_STATS if key in all_stats})
        started = all_stats.get("start_time")
        if isinstance(started, datetime):
            stats["time/elapsed_ms"] = round((datetime.now(UTC) - started.astimezone(UTC)).total_seconds() * 1000)
        stats["time/cpu_ms"] = round(1000 * time.process_time())  # this process only, not its extraction workers
        stats["finish_reason"] = reason
        if reason != "finished":
            # A crawl cut short (CLOSESPIDER_TIMEOUT, shutdown) may have missed articles: say so where it is counted.
            log.error("source %s: crawl stopped early (%s)", getattr(spider, "source_id", "?"), reason)
            stats[f"errors/stopped_{reason}"] = 1
        if self.write_error is not None:
            stats["run_file_error"] = self.write_error
            self.output.with_suffix(".part").unlink(missing_ok=True)  # frees the space it held, too
        self.output.with_suffix(".stats.json").write_text(json.dumps(stats, sort_keys=True), encoding="utf-8")
        if self.write_error is None:
            os.replace(self.output.with_suffix(".part"), self.output)


def _plain(value: Any) -> Any:
    """Stats as JSON: timings rounded to whole milliseconds, everything else as is."""
    if isinstance(value, float):
        return round(value)
    return value
