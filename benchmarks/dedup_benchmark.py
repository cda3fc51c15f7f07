"""Near-duplicate detection at scale: generated corpora of 10k and 100k reports with syndicated copies.

For each corpus size it prints the seconds spent signing and clustering (sahelwatch.dedup, the code the stage runs),
the peak memory, how many generated copies were caught and how many originals were wrongly merged, and, on a sample,
the time of an all-pairs comparison against the LSH route and whether both find the same near-duplicate pairs.

    .venv/bin/python benchmarks/dedup_benchmark.py                 # 10k and 100k
    .venv/bin/python benchmarks/dedup_benchmark.py --sizes 10000 --sample 1000

The corpus is synthetic (no real text): words drawn from a Zipf law over a made-up vocabulary, so that unrelated
reports share common words and phrases as real news does, plus a pool of stock sentences ("formulas") reused across
reports. About a quarter of the reports are copies of an earlier one: republished with boilerplate, edited (a
paragraph cut, a few words changed), an excerpt (first paragraphs only), or padded with the republisher's paragraphs.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sahelwatch.dedup.cluster import Report, assign  # noqa: E402
from sahelwatch.dedup.index import SignatureIndex  # noqa: E402
from sahelwatch.dedup.signature import Signature, sign_many  # noqa: E402
from sahelwatch.dedup.similarity import Thresholds, compare, is_near_duplicate  # noqa: E402

SEED = 20250602
VOCABULARY = 40_000
COPY_SHARE = 0.25
COPY_KINDS = (("republished", 0.40), ("edited", 0.30), ("excerpt", 0.15), ("padded", 0.15))
BOILERPLATE = (
    "Partager sur Facebook WhatsApp",
    "Suivez notre chaîne pour plus d'actualités",
    "Retrouvez toute l'actualité du Sahel sur notre site",
    "Share this story with your friends",
)


@dataclass(frozen=True)
class Generated:
    report_id: str
    text: str
    published_at: datetime
    original: str | None  # the report this one copies, for generated copies


class Corpus:
    """Deterministic generator of report texts (paragraphs of Zipf-distributed made-up words)."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = np.random.default_rng(seed)
        syllables = [c + v for c in "bdfgklmnprstvwyz" for v in ("a", "e", "i", "o", "ou", "é", "an")]
        picks = self.rng.integers(0, len(syllables), size=(VOCABULARY, 3))
        lengths = self.rng.integers(1, 4, size=VOCABULARY)
        self.vocabulary = np.array(["".join(syllables[i] for i in row[:n]) for row, n in zip(picks, lengths)])
        ranks = np.arange(1, VOCABULARY + 1, dtype=np.float64)
        self.weights = (1 / ranks**1.05) / (1 / ranks**1.05).sum()
        self._stream = np.zeros(0, dtype=np.int64)
        self._position = 0
        self.formulas = [self.sentence(self.rng.integers(12, 25)) for _ in range(300)]

    def _words(self, count: int) -> np.ndarray:
        """Word indices drawn in large batches: drawing with p= costs O(vocabulary) per call."""
        if self._position + count > len(self._stream):
            self._stream = self.rng.choice(VOCABULARY, size=1_000_000, p=self.weights)
            self._position = 0
        self._position += count
        return self._stream[self._position - count : self._position]

    def sentence(self, length: int) -> str:
        return " ".join(self.vocabulary[self._words(int(length))]).capitalize() + "."

    def paragraph(self) -> str:
        sentences = [self.sentence(self.rng.integers(10, 30)) for _ in range(self.rng.integers(2, 5))]
        if self.rng.random() < 0.3:
            sentences.append(self.formulas[self.rng.integers(len(self.formulas))])
        return " ".join(sentences)

    def article(self) -> list[str]:
        return [self.paragraph() for _ in range(self.rng.integers(3, 8))]

    def copy(self, paragraphs: list[str]) -> list[str]:
        kind = self.rng.choice([k for k, _ in COPY_KINDS], p=[w for _, w in COPY_KINDS])
        if kind == "excerpt":
            return paragraphs[: self.rng.integers(1, 3)]
        if kind == "padded":
            return [self.paragraph(), *paragraphs, self.paragraph()]
        if kind == "edited":
            kept = paragraphs[:-1] if len(paragraphs) > 3 else list(paragraphs)
            return [self._reword(p) for p in kept]
        extra = BOILERPLATE[self.rng.integers(len(BOILERPLATE))]
        return [*paragraphs, extra]

    def _reword(self, paragraph: str) -> str:
        words = paragraph.split(" ")
        for position in self.rng.choice(len(words), size=max(1, len(words) // 25), replace=False):
            words[position] = str(self.vocabulary[self.rng.integers(VOCABULARY)])
        return " ".join(words)


def generate(size: int, seed: int = SEED) -> list[Generated]:
    """`size` reports over a week, a COPY_SHARE of them copies of an earlier report (some of copies)."""
    corpus = Corpus(seed)
    start = datetime(2025, 6, 1, tzinfo=UTC)
    texts: list[list[str]] = []
    reports: list[Generated] = []
    for number in range(size):
        published = start + timedelta(seconds=int(number * 7 * 86400 / size))
        original = None
        if reports and corpus.rng.random() < COPY_SHARE:
            source = int(corpus.rng.integers(max(0, number - 3000), number))
            original = reports[source].original or reports[source].report_id
            paragraphs = corpus.copy(texts[source])
        else:
            paragraphs = corpus.article()
        texts.append(paragraphs)
        reports.append(Generated(f"r{number:06d}", "\n".join(paragraphs), published, original))
    return reports


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_dedup(reports: list[Generated]) -> tuple[list[Report], dict[str, str], float, float, float]:
    """Sign and cluster like dedup_interval does; returns reports, cluster of each, both wall durations and the
    CPU seconds of both (which other work on the machine does not inflate)."""
    cpu = time.process_time()
    started = time.perf_counter()
    signatures = sign_many([r.text for r in reports])
    signed = [
        Report(r.report_id, f"https://example.org/{r.report_id}", r.report_id, r.published_at, len(r.text), signature)
        for r, signature in zip(reports, signatures)
    ]
    signing = time.perf_counter() - started
    started = time.perf_counter()
    clusters = {a.report_id: a.cluster_id for a in assign(signed, [])}
    return signed, clusters, signing, time.perf_counter() - started, time.process_time() - cpu


def ground_truth(reports: list[Generated], clusters: dict[str, str]) -> tuple[int, int, int]:
    """(copies, copies placed in their original's cluster, originals wrongly made copies of something)."""
    copies = [r for r in reports if r.original]
    caught = sum(1 for r in copies if clusters[r.report_id] == clusters[r.original])
    wrong = sum(1 for r in reports if not r.original and clusters[r.report_id] != r.report_id)
    return len(copies), caught, wrong


def lsh_pairs(signatures: list[tuple[str, Signature]], thresholds: Thresholds) -> set[tuple[str, str]]:
    """Near-duplicate pairs found through the LSH index (candidates, then the rule)."""
    index = SignatureIndex()
    pairs = set()
    for key, signature in signatures:
        for other, candidate in index.candidates_then_add(key, signature):
            if is_near_duplicate(compare(signature, candidate), thresholds):
                pairs.add((other, key))
    return pairs


def all_pairs(signatures: list[tuple[str, Signature]], thresholds: Thresholds) -> set[tuple[str, str]]:
    """Near-duplicate pairs by comparing every pair (vectorised over one side), the reference."""
    bodies = np.stack([s.body for _, s in signatures])
    sizes = np.array([s.shingles for _, s in signatures], dtype=np.float64)
    pairs = set()
    for i in range(1, len(signatures)):
        jaccard = (bodies[:i] == bodies[i]).mean(axis=1)
        shared = jaccard / (1 + jaccard) * (sizes[:i] + sizes[i])
        containment = np.minimum(shared / np.minimum(sizes[:i], sizes[i]), 1.0)
        hits = np.flatnonzero((jaccard >= thresholds.jaccard) | (containment >= thresholds.containment))
        pairs.update((signatures[j][0], signatures[i][0]) for j in hits)
    return pairs


def compare_with_all_pairs(
    signed: list[Report], clusters: dict[str, str], sample: int, clustering: float
) -> Iterator[str]:
    """LSH against every pair on the first `sample` reports: same pairs? and what all pairs would cost in full."""
    thresholds = Thresholds()
    chosen = [(r.report_id, r.signature) for r in signed[:sample]]
    started = time.perf_counter()
    found = lsh_pairs(chosen, thresholds)
    lsh_seconds = time.perf_counter() - started
    started = time.perf_counter()
    reference = all_pairs(chosen, thresholds)
    pair_seconds = time.perf_counter() - started
    missed, extra = reference - found, found - reference
    split = sum(1 for a, b in missed if clusters[a] != clusters[b])
    yield (
        f"  sample of {sample}: near-duplicate pairs found by all pairs {len(reference)}, by LSH {len(found)} "
        f"({len(found & reference) / max(len(reference), 1):.1%} of them; {len(extra)} not in all pairs); "
        f"{len(missed)} missed, of which {split} end in different clusters"
    )
    yield f"  sample of {sample}: LSH {lsh_seconds:.2f} s, all pairs (numpy, vectorised) {pair_seconds:.2f} s"
    total = len(signed)
    extrapolated = pair_seconds * (total / sample) ** 2
    yield (
        f"  all pairs on {total} reports: about {extrapolated:,.0f} s (quadratic extrapolation), "
        f"{extrapolated / clustering:.0f}x the {clustering:.1f} s of LSH clustering"
    )


def run(size: int, sample: int) -> Iterator[str]:
    reports = generate(size)
    words = sum(len(r.text.split()) for r in reports) / len(reports)
    gc.collect()
    before = peak_rss_mb()
    load = os.getloadavg()[0]
    signed, clusters, signing, clustering, cpu = timed_dedup(reports)
    copies, caught, wrong = ground_truth(reports, clusters)
    duplicates = sum(1 for key, root in clusters.items() if key != root)
    yield f"{size} reports ({words:.0f} words on average, {copies} generated copies)"
    yield (
        f"  signing {signing:.1f} s + clustering {clustering:.1f} s = {signing + clustering:.1f} s wall "
        f"({(signing + clustering) / size * 1e6:.0f} us a report); {cpu:.1f} s CPU; "
        f"load average {load:.1f} on {os.cpu_count()} CPUs when it started"
    )
    yield f"  peak memory {peak_rss_mb():.0f} MB (process peak RSS; {before:.0f} MB before deduplication)"
    yield (
        f"  duplicates marked {duplicates}; copies caught {caught} of {copies} ({caught / copies:.1%}); "
        f"originals wrongly merged {wrong}"
    )
    yield from compare_with_all_pairs(signed, clusters, min(sample, size), clustering)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sample", type=int, default=2_000, help="reports compared all-pairs against LSH")
    args = parser.parse_args()
    for size in args.sizes:
        for line in run(size, args.sample):
            print(line, flush=True)


if __name__ == "__main__":
    main()
