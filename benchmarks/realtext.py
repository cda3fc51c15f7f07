"""Score the extractor on real news: `python benchmarks/realtext.py [--corpus DIR] [--verbose]`.

DIR holds reports.jsonl, gold.json and the corpus's own score.py (default: ../shared/realtext beside the
repository). Prints incident precision, recall and F1, the accuracy of each field on matched incidents, the
extraction speed, with --verbose the per-report diff (HIT with its wrong fields, MISS, EXTRA) and with --causes
that diff tallied by kind of failure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sahelwatch.extract.corpus import DEFAULT_CORPUS, CorpusError, dropped_frames, evaluate_corpus, missed_reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="realtext-format corpus directory")
    parser.add_argument("--verbose", "-v", action="store_true", help="print the per-report diff")
    parser.add_argument("--causes", action="store_true", help="tally the diff by kind of failure")
    args = parser.parse_args(argv)
    try:
        scores = evaluate_corpus(args.corpus)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.verbose:
        print("\n".join(scores.diff))
        print("frames dropped by the evidence test in reports with a miss:")
        for rid, frames in sorted(dropped_frames(args.corpus, missed_reports(scores.diff)).items()):
            for frame in frames:
                print(f"  {rid} sentences {frame['sentences']} place {frame['place']}: {frame['rule']}")
    print(f"corpus {args.corpus}: {scores.reports} reports, {scores.incidents} incidents predicted")
    print(f"speed: {scores.reports_per_second:.0f} reports/s on one core ({scores.seconds:.2f} s)")
    for name, value in scores.fields.items():
        print(f"  {name:<17} {value:.3f}")
    print(
        f"precision {scores.precision:.3f}  recall {scores.recall:.3f}  (tp {scores.tp} fp {scores.fp} fn {scores.fn})"
    )
    if args.causes:
        for cause, count in sorted(scores.causes.items()):
            print(f"  {cause:<42} {count}")
    print(f"incident F1 {scores.f1:.3f}  field accuracy {scores.field_accuracy:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
