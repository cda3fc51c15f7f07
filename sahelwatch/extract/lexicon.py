"""Loading the extraction lexicons (YAML files under seeds/lexicons), once per process."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from sahelwatch.resources import SEEDS_DIR
from sahelwatch.text import fold_aligned

_DEFAULT_DIR = SEEDS_DIR / "lexicons"
V = TypeVar("V")


def lexicon_dir() -> Path:
    """SAHELWATCH_LEXICONS overrides seeds/lexicons (e.g. to try edited lexicons without touching the shipped ones)."""
    return Path(os.environ.get("SAHELWATCH_LEXICONS") or _DEFAULT_DIR)


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed lexicon `name` (without .yaml); a missing file is an error worth seeing early."""
    path = lexicon_dir() / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def by_form(
    table: Mapping[Any, Iterable[str]], value: Callable[[Any], V], spell: Callable[[str], str] = fold_aligned
) -> dict[str, V]:
    """A lexicon table written as {value: [forms]} turned round: each form, spelled as the matched text will be
    (`spell`), to its `value(key)`. The files group forms under their value because that is how they are reviewed;
    the extractor looks up the form it matched. A form listed under two values keeps the last."""
    return {spell(form): value(key) for key, forms in table.items() for form in forms}


def _at(name: str, path: tuple[str, ...]) -> tuple[Any, str]:
    """The node at `path` in lexicon `name`, and where it is, for error messages."""
    node: Any = load(name)
    for step in path:
        node = node[step]
    return node, f"{lexicon_dir() / name}.yaml: {'.'.join(path)}"


def _must_be_folded(entries: list[str], where: str) -> None:
    """Folding happens to the text, not to these entries: an upper-case letter or an accent could never match."""
    for w in entries:
        if fold_aligned(w) != w:
            raise ValueError(f"{where}: {w!r} is not in folded form (write {fold_aligned(w)!r})")


def words(name: str, *path: str, folded: bool = True) -> list[str]:
    """The list at `path` in lexicon `name` ("places", "stationed", "verbs"), in the file's order; a single string
    is a list of one. A list matched against folded text (`folded`) must be written folded: checked at load, since
    a silent miss would be worse."""
    node, where = _at(name, path)
    if isinstance(node, str):
        node = [node]
    if not isinstance(node, list) or not all(isinstance(w, str) and w for w in node):
        raise ValueError(f"{where}: expected a list of non-empty strings")
    if folded:
        _must_be_folded(node, where)
    return node


def one_of(patterns: list[str], prefix: str = "", suffix: str = "") -> str:
    """A non-capturing alternation of `patterns`, each wrapped in prefix/suffix, in the given order.

    Unlike text.alternation nothing is sorted, deduplicated or folded: the engine tries the branches left to right,
    so for cue lists whose branches share a start the lexicon's order is part of the behaviour."""
    return "(?:" + "|".join(prefix + p + suffix for p in patterns) + ")"


def word_set(name: str, *path: str) -> frozenset[str]:
    """The folded words at `path` in lexicon `name`, written as one block of words separated by white space (a YAML
    list would read "on", "no" or "off" as booleans); an entry that folding would change is an error at load."""
    node, where = _at(name, path)
    if not isinstance(node, str):
        raise ValueError(f"{where}: expected a block of words separated by spaces")
    found = node.split()
    _must_be_folded(found, where)
    return frozenset(found)
