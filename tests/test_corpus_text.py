"""The real-news corpus beside the repository (../shared/realtext) is read at run time and never copied: no run of
COPY_WORDS consecutive words of its reports may appear in a file the repository tracks or in a commit message.
Shorter runs are allowed, since names of armed groups and institutions are long (twelve words catch a sentence,
not a group's name)."""

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from sahelwatch.extract.corpus import DEFAULT_CORPUS, REPORTS_FILE

REPO = Path(__file__).resolve().parents[1]
COPY_WORDS = 12
SKIPPED_SUFFIXES = (".tsv", ".png", ".gz", ".parquet", ".ico", ".woff2")


def _words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", ascii_text)


def _runs(text: str) -> set[str]:
    words = _words(text)
    return {" ".join(words[i : i + COPY_WORDS]) for i in range(len(words) - COPY_WORDS + 1)}


@pytest.fixture(scope="module")
def corpus_runs() -> set[str]:
    path = DEFAULT_CORPUS / REPORTS_FILE
    if not path.is_file():
        pytest.skip(f"no real-news corpus at {path}")
    runs: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            report = json.loads(line)
            runs |= _runs(f"{report.get('title') or ''}\n{report.get('text') or ''}")
    return runs


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True).stdout


def test_no_tracked_file_copies_the_corpus(corpus_runs):
    copied = {}
    for name in _git("ls-files").splitlines():
        path = REPO / name
        if name.endswith(SKIPPED_SUFFIXES) or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found = _runs(text) & corpus_runs
        if found:
            copied[name] = sorted(found)[:2]
    assert not copied, copied


def test_no_commit_message_copies_the_corpus(corpus_runs):
    found = _runs(_git("log", "--format=%B")) & corpus_runs
    assert not found, sorted(found)[:3]


def test_a_copied_sentence_would_be_found(corpus_runs):
    sample = next(iter(corpus_runs))
    assert _runs(f"A fixture that quotes: {sample}.") & corpus_runs
