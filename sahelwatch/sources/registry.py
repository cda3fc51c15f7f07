"""The source registry: which outlets we read and how. Validated at load so a typo fails loudly, not silently."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

KINDS = frozenset({"rss", "atom", "rdf", "news_sitemap", "api", "search_feed"})
_REQUIRED = ("id", "name", "country", "language", "kind", "url")


class RegistryError(ValueError):
    """The registry file is not usable; the message says which entry and why."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    country: str
    language: str
    kind: str
    url: str
    homepage: str | None = None
    enabled: bool = True
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def domain(self) -> str:
        return urlsplit(self.url).netloc.lower()


def _source(entry: Any, position: int) -> Source:
    if not isinstance(entry, dict):
        raise RegistryError(f"entry {position}: expected a mapping, got {type(entry).__name__}")
    missing = [key for key in _REQUIRED if not entry.get(key)]
    if missing:
        raise RegistryError(f"entry {position} ({entry.get('id', '?')}): missing {', '.join(missing)}")
    if entry["kind"] not in KINDS:
        raise RegistryError(f"source {entry['id']}: unknown kind {entry['kind']!r}; known: {', '.join(sorted(KINDS))}")
    if urlsplit(entry["url"]).scheme not in ("http", "https"):
        raise RegistryError(f"source {entry['id']}: url must be http(s): {entry['url']!r}")
    known = set(_REQUIRED) | {"homepage", "enabled"}
    return Source(
        id=str(entry["id"]),
        name=str(entry["name"]),
        country=str(entry["country"]),
        language=str(entry["language"]),
        kind=str(entry["kind"]),
        url=str(entry["url"]),
        homepage=entry.get("homepage"),
        enabled=bool(entry.get("enabled", True)),
        settings={k: v for k, v in entry.items() if k not in known},
    )


def parse_registry(entries: list[Any]) -> list[Source]:
    """Build and cross-check sources: ids unique, and one feed URL per source."""
    sources = [_source(entry, position) for position, entry in enumerate(entries, start=1)]
    seen_ids: set[str] = set()
    seen_urls: set[str] = set()
    for source in sources:
        if source.id in seen_ids:
            raise RegistryError(f"duplicate source id {source.id!r}")
        if source.url in seen_urls:
            raise RegistryError(f"source {source.id}: url {source.url} is already registered")
        seen_ids.add(source.id)
        seen_urls.add(source.url)
    return sources


def load_registry(path: Path) -> list[Source]:
    """Read a registry YAML file (`sources:` list)."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryError(f"cannot read source registry {path}: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
        raise RegistryError(f"{path}: expected a top-level 'sources:' list")
    return parse_registry(document["sources"])
