"""Loading the extraction lexicons (YAML files under seeds/lexicons), once per process."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_DEFAULT_DIR = Path(__file__).resolve().parents[2] / "seeds" / "lexicons"


def lexicon_dir() -> Path:
    """SAHELWATCH_LEXICONS overrides the repository's seeds/lexicons (e.g. for an installed package)."""
    return Path(os.environ.get("SAHELWATCH_LEXICONS") or _DEFAULT_DIR)


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed lexicon `name` (without .yaml); a missing file is an error worth seeing early."""
    path = lexicon_dir() / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data
