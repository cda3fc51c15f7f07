"""Score the extractor on a corpus of real reports in the realtext format (`reports.jsonl`, `gold.json` and the
corpus's own `score.py`, see ../shared/realtext/README.md).

The corpus brings its scorer, so the figures printed here are the ones its authors define; this module only runs
the extractor over the reports, times it, hands the predictions to that scorer and reads its summary back. The
text of such a corpus is never copied into the repository: it is read where it lies, at run time."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sahelwatch.extract import default_gazetteer, extract_incidents
from sahelwatch.extract.cli import parse_report
from sahelwatch.extract.pipeline import extract
from sahelwatch.resources import REPO_ROOT

REPORTS_FILE = "reports.jsonl"
GOLD_FILE = "gold.json"
SCORER_FILE = "score.py"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "realtext"

_FIELD_LINE = re.compile(r"^(\w+)\s+(\d+)/(\d+)$")
_COUNTS_LINE = re.compile(r"precision ([\d.]+) recall ([\d.]+) \(tp (\d+) fp (\d+) fn (\d+)\)")
_LAST_LINE = re.compile(r"incident F1 ([\d.]+) field-acc ([\d.]+)")
_DIFF_LINE = re.compile(r"^(?P<id>\S+) (?P<kind>HIT|MISS|EXTRA)\s+(?P<rest>.*)$")
_WRONG = re.compile(r"wrong: ([\w, ]+) ->")
CROWD_AND_STRATEGIC = frozenset({"Protests", "Riots", "Strategic developments"})
SAHEL = frozenset({"Mali", "Burkina Faso", "Niger", "Mauritania"})


class CorpusError(ValueError):
    """The directory is not a corpus in the realtext format."""


@dataclass(frozen=True)
class Scores:
    reports: int
    incidents: int
    seconds: float
    precision: float
    recall: float
    f1: float
    field_accuracy: float
    tp: int
    fp: int
    fn: int
    fields: dict[str, float] = field(default_factory=dict)
    diff: list[str] = field(default_factory=list)
    causes: Counter = field(default_factory=Counter)

    @property
    def reports_per_second(self) -> float:
        return self.reports / self.seconds if self.seconds else float("inf")


def check_corpus(corpus: Path) -> None:
    missing = [name for name in (REPORTS_FILE, GOLD_FILE, SCORER_FILE) if not (corpus / name).is_file()]
    if missing:
        raise CorpusError(
            f"{corpus} is not a realtext-format corpus: missing {', '.join(missing)} "
            f"(pass --corpus DIR with {REPORTS_FILE}, {GOLD_FILE} and {SCORER_FILE})"
        )


def predict(corpus: Path) -> tuple[list[dict], int, float]:
    """Every incident of every report as `sahelwatch extract` prints it, the number of reports, and the seconds
    extraction took (the gazetteer is loaded before the clock starts, as in a long-running worker)."""
    gazetteer = default_gazetteer()
    lines = [x for x in (corpus / REPORTS_FILE).read_text(encoding="utf-8").splitlines() if x.strip()]
    reports = [parse_report(line) for line in lines]
    start = time.perf_counter()
    rows = [inc.to_row() for report in reports for inc in extract_incidents(report, gazetteer)]
    return rows, len(reports), time.perf_counter() - start


def run_scorer(corpus: Path, predictions: Path) -> str:
    """The scorer's output with its per-report diff (HIT, MISS, EXTRA lines) and its summary."""
    command = [
        sys.executable,
        str(corpus / SCORER_FILE),
        str(predictions),
        "--gold",
        str(corpus / GOLD_FILE),
        "--verbose",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CorpusError(f"{corpus / SCORER_FILE} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def parse_summary(output: str) -> dict:
    """The scorer's figures: per-field right/total lines, the counts line and the closing F1 line."""
    fields: dict[str, float] = {}
    summary: dict = {"diff": []}
    for line in output.splitlines():
        if m := _FIELD_LINE.match(line.strip()):
            fields[m[1]] = int(m[2]) / int(m[3]) if int(m[3]) else 1.0
        elif m := _COUNTS_LINE.search(line):
            summary.update(tp=int(m[3]), fp=int(m[4]), fn=int(m[5]))
        elif m := _LAST_LINE.search(line):
            summary.update(f1=float(m[1]), field_accuracy=float(m[2]))
        elif line.strip():
            summary["diff"].append(line)
    if "f1" not in summary or "tp" not in summary:
        raise CorpusError("the corpus scorer printed no 'incident F1 ... field-acc ...' summary")
    summary["fields"] = fields
    return summary


def evaluate_corpus(corpus: Path) -> Scores:
    check_corpus(corpus)
    rows, n_reports, seconds = predict(corpus)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    try:
        summary = parse_summary(run_scorer(corpus, Path(out.name)))
    finally:
        Path(out.name).unlink(missing_ok=True)
    tp, fp, fn = summary["tp"], summary["fp"], summary["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        reports=n_reports,
        incidents=len(rows),
        seconds=seconds,
        precision=precision,
        recall=recall,
        f1=f1,
        field_accuracy=summary["field_accuracy"],
        tp=tp,
        fp=fp,
        fn=fn,
        fields=summary["fields"],
        diff=summary["diff"],
        causes=causes(summary["diff"], json.loads((corpus / GOLD_FILE).read_text(encoding="utf-8"))),
    )


def causes(diff: list[str], gold: dict[str, list[dict]]) -> Counter:
    """The per-report diff tallied by kind of failure, the rough grouping a session starts from: misses by event
    family and by country group, spurious incidents without a place or in reports that have none, wrong fields."""
    tally: Counter = Counter()
    for line in diff:
        m = _DIFF_LINE.match(line)
        if m is None:
            continue
        rid, kind, rest = m["id"], m["kind"], m["rest"]
        required = [g for g in gold.get(rid, []) if not g.get("optional")]
        if kind == "HIT":
            wrong = _WRONG.search(rest)
            for name in wrong[1].split(", ") if wrong else []:
                tally[f"wrong {name.strip()}"] += 1
        elif kind == "MISS":
            event_type = next((g["event_type"] for g in required if rest.startswith(g["location"] + " ")), None)
            country = next((g["country"] for g in required if rest.startswith(g["location"] + " ")), None)
            family = "crowd/strategic" if event_type in CROWD_AND_STRATEGIC else "violent"
            tally[f"missed {family}"] += 1
            tally[
                "missed outside Mali/BF/Niger/Mauritania"
                if country not in SAHEL
                else "missed in Mali/BF/Niger/Mauritania"
            ] += 1
        else:
            if not required:
                tally["spurious, report has no incident"] += 1
            elif rest.startswith("None "):
                tally["spurious, no place"] += 1
            else:
                tally["spurious, with a place"] += 1
    return tally


def dropped_frames(corpus: Path, report_ids: set[str]) -> dict[str, list[dict]]:
    """For the given reports, the frames the evidence test dropped and the rule each failed: why a missed incident's
    sentences made none."""
    gazetteer = default_gazetteer()
    out: dict[str, list[dict]] = {}
    for line in (corpus / REPORTS_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        report = parse_report(line)
        if str(report.id) in report_ids:
            extract(report, gazetteer, dropped=out.setdefault(str(report.id), []))
    return out


def missed_reports(diff: list[str]) -> set[str]:
    return {m["id"] for line in diff if (m := _DIFF_LINE.match(line)) and m["kind"] == "MISS"}
