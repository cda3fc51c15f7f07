"""Writes items to the run file. The file appears under its final name only when the crawl closes,
so a killed crawl never leaves a half-written run file for the load step to pick up."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict
from pathlib import Path
from typing import IO

from scrapy.crawler import Crawler

from sahelspiders.items import ArticleItem

log = logging.getLogger(__name__)


class RunFilePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.handle: IO[str] | None = None
        self.output: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunFilePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.output = Path(self.crawler.spider.output)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.output.with_suffix(".part"), "w", encoding="utf-8")

    def process_item(self, item: ArticleItem) -> ArticleItem:
        assert self.handle is not None
        self.handle.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
        self.crawler.stats.inc_value("sahelwatch/items_stored")
        return item

    def close_spider(self) -> None:
        assert self.handle is not None and self.output is not None
        self.handle.close()
        stats = {key.removeprefix("sahelwatch/"): value
                 for key, value in self.crawler.stats.get_stats().items() if key.startswith("sahelwatch/")}
        self.output.with_suffix(".stats.json").write_text(json.dumps(stats, sort_keys=True), encoding="utf-8")
        os.replace(self.output.with_suffix(".part"), self.output)
