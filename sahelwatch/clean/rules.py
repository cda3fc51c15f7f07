"""The boilerplate and non-article rules, read from seeds/boilerplate.yaml.

The rules are data, not code: a new outlet's share prompt or comment form is one line in the YAML file, with a test
example, and no change here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sahelwatch.resources import SEEDS_DIR

RULES_FILE = SEEDS_DIR / "boilerplate.yaml"
_KEYS = ("cut_from", "drop_line", "non_article_url", "non_article_title")


@dataclass(frozen=True)
class Rules:
    cut_from: tuple[re.Pattern[str], ...]
    drop_line: tuple[re.Pattern[str], ...]
    non_article_url: tuple[re.Pattern[str], ...]
    non_article_title: tuple[re.Pattern[str], ...]


def load_rules(path: Path = RULES_FILE) -> Rules:
    """Compile every pattern of the file; a bad pattern fails here, naming its list, not in the middle of a run."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    for key in _KEYS:
        try:
            compiled[key] = tuple(re.compile(pattern, re.IGNORECASE) for pattern in data.get(key) or [])
        except re.error as exc:
            raise ValueError(f"{path.name}: bad pattern in {key}: {exc}") from exc
    return Rules(**compiled)


@functools.cache
def rules() -> Rules:
    """The rules of seeds/boilerplate.yaml, compiled once per process."""
    return load_rules()


def matches_any(patterns: tuple[re.Pattern[str], ...], value: str) -> bool:
    return any(pattern.search(value) for pattern in patterns)
