"""What a crawl produces: one article as fetched, before any cleaning."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ArticleItem:
    source_id: str
    source_country: str | None
    url: str
    final_url: str
    feed_url: str
    title: str | None
    feed_title: str | None
    feed_summary: str | None
    feed_published: str | None
    page_published: str | None
    author: str | None
    language_hint: str | None
    text: str | None
    html: str
    http_status: int
    content_type: str | None
    fetched_at: str
