"""Exact duplicates: the same canonical URL or the same normalised words (content hash).

These are checked before near-duplicates because they are certain and cheap, and because the same URL reached
twice (tracking links, AMP pages) is a copy whatever its text, e.g. when one fetch failed half-way.
"""

from __future__ import annotations


class ExactIndex:
    """Canonical URLs and content hashes already seen, each mapped to the root of its cluster."""

    def __init__(self) -> None:
        self._roots: dict[str, str] = {}

    def add(self, canonical_url: str, content_hash: str, root: str) -> None:
        """Remember the keys of a report; the first root recorded for a key wins (the earliest report)."""
        self._roots.setdefault("u:" + canonical_url, root)
        self._roots.setdefault("h:" + content_hash, root)

    def match(self, canonical_url: str, content_hash: str) -> tuple[str, str] | None:
        """(root, rule) of an earlier report with the same URL, else the same words, else None."""
        root = self._roots.get("u:" + canonical_url)
        if root is not None:
            return root, "url"
        root = self._roots.get("h:" + content_hash)
        if root is not None:
            return root, "hash"
        return None
