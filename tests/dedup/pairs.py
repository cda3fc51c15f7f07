"""The labelled pairs of tests/fixtures/dedup_pairs, as cleaned documents and labels (format in its README)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sahelwatch.clean.text import clean_text
from sahelwatch.clean.titles import clean_title

PAIRS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "dedup_pairs"
LABELS = frozenset({"duplicate", "distinct"})
MIDDLE_AFTER = 2  # `middle` lines go after the second paragraph of the base text


@dataclass(frozen=True)
class Document:
    key: str  # story/name
    outlet: str
    language: str
    title: str
    raw_text: str

    @property
    def text(self) -> str:
        """The body as staging keeps it."""
        return clean_text(self.raw_text, clean_title(self.title))


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    duplicate: bool
    kind: str


def _raw_text(name: str, spec: dict[str, Any], documents: dict[str, Any]) -> str:
    if "text" in spec:
        return spec["text"]
    source = spec.get("same_text_as") or spec.get("base")
    if source not in documents or "text" not in documents[source]:
        raise ValueError(f"{name}: base {source!r} is not a document with a text")
    paragraphs = documents[source]["text"].strip().split("\n")
    if "same_text_as" in spec:
        return documents[source]["text"]
    if spec.get("drop_last"):
        paragraphs = paragraphs[: -spec["drop_last"]]
    paragraphs[MIDDLE_AFTER:MIDDLE_AFTER] = spec.get("middle", [])
    return "\n".join([*spec.get("before", []), *paragraphs, *spec.get("after", [])])


def _qualified(story: str, name: str) -> str:
    return name if "/" in name else f"{story}/{name}"


def load(directory: Path = PAIRS_DIR) -> tuple[dict[str, Document], list[Pair]]:
    """Every document and pair of the directory; fails on unknown names or labels, so typos cannot hide."""
    documents: dict[str, Document] = {}
    pairs: list[Pair] = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        story = data["story"]
        for name, spec in (data.get("documents") or {}).items():
            documents[f"{story}/{name}"] = Document(
                f"{story}/{name}",
                spec["outlet"],
                spec["language"],
                spec["title"],
                _raw_text(name, spec, data["documents"]),
            )
        for a, b, label, kind in data.get("pairs") or []:
            if label not in LABELS:
                raise ValueError(f"{path.name}: unknown label {label!r}")
            pairs.append(Pair(_qualified(story, a), _qualified(story, b), label == "duplicate", kind))
    unknown = {key for pair in pairs for key in (pair.a, pair.b)} - documents.keys()
    if unknown:
        raise ValueError(f"pairs name unknown documents: {sorted(unknown)}")
    return documents, pairs
