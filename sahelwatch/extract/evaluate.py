"""Score the extractor against a gold set: `python -m sahelwatch.extract.evaluate GOLD [--verbose]`.

GOLD is JSON Lines: the report fields (id, url, title, text, published_at, language, country_hint) plus
`expected`, a list of incidents with the key fields. A predicted incident matches an expected one of the same
report when country and place agree (location by name, or admin1 when no location is expected); among those,
the one agreeing on date and event type is preferred. Actor1 and actor2 count as right when the pair is right in
either order (ACLED's actor order does not imply who attacked). Prints incident precision / recall / F1 and, for matched
incidents, the share of correct values per field (only fields that the gold gives)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from sahelwatch.extract import extract_incidents
from sahelwatch.extract.cli import parse_report
from sahelwatch.text import fold

FIELDS = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "geo_precision",
    "fatalities",
    "injured",
    "abducted",
)
_ADMIN_WORDS = (
    "region de ",
    "region of ",
    "region du ",
    "region ",
    " region",
    "province du ",
    "province de ",
    " province",
    "wilaya du ",
    "wilaya de ",
    "cercle de ",
    "departement de ",
)


def norm(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = fold(value).strip()
    for word in _ADMIN_WORDS:
        text = text.replace(word, " ")
    return " ".join(text.replace("-", " ").replace("'", " ").split())


def same_place(pred: dict[str, Any], exp: dict[str, Any]) -> bool:
    if norm(pred.get("country")) != norm(exp.get("country")):
        return False
    loc_e = exp.get("location")
    if loc_e:
        loc_p = pred.get("location")
        return bool(loc_p) and (norm(loc_p) == norm(loc_e) or fuzz.ratio(norm(loc_p), norm(loc_e)) >= 85)
    if exp.get("admin1"):
        return norm(pred.get("admin1")) == norm(exp.get("admin1"))
    return True


def field_ok(name: str, pred: Any, exp: Any) -> bool:
    if name in ("location", "admin1", "actor1", "actor2", "country"):
        if not pred or not exp:
            return not pred and not exp
        return norm(pred) == norm(exp) or (name == "location" and fuzz.ratio(norm(pred), norm(exp)) >= 85)
    return pred == exp


def match(preds: list[dict[str, Any]], exps: list[dict[str, Any]]) -> list[tuple[int, int]]:
    pairs: list[tuple[float, int, int]] = []
    for i, p in enumerate(preds):
        for j, e in enumerate(exps):
            if not same_place(p, e):
                continue
            score = 1.0 + (p.get("event_date") == e.get("event_date")) + (p.get("event_type") == e.get("event_type"))
            pairs.append((score, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_e: set[int] = set()
    out: list[tuple[int, int]] = []
    for _score, i, j in pairs:
        if i in used_p or j in used_e:
            continue
        used_p.add(i)
        used_e.add(j)
        out.append((i, j))
    return out


def evaluate(path: Path, verbose: bool = False, out=sys.stdout) -> dict[str, Any]:
    n_pred = n_exp = n_match = 0
    right = {f: 0 for f in FIELDS}
    total = {f: 0 for f in FIELDS}
    reports = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        expected = record.get("expected", [])
        report = parse_report(line)
        reports += 1
        preds = [i.to_row() for i in extract_incidents(report)]
        pairs = match(preds, expected)
        n_pred += len(preds)
        n_exp += len(expected)
        n_match += len(pairs)
        for i, j in pairs:
            swapped = field_ok("actor1", preds[i].get("actor1"), expected[j].get("actor2")) and field_ok(
                "actor2", preds[i].get("actor2"), expected[j].get("actor1")
            )
            for f in FIELDS:
                if f in expected[j]:
                    total[f] += 1
                    ok = field_ok(f, preds[i].get(f), expected[j][f]) or (f in ("actor1", "actor2") and swapped)
                    right[f] += ok
                    if verbose and not ok:
                        print(
                            f"  {record['id']}: {f} predicted {preds[i].get(f)!r}, expected {expected[j][f]!r}",
                            file=out,
                        )
        if verbose:
            matched_p = {i for i, _ in pairs}
            matched_e = {j for _, j in pairs}
            for i, p in enumerate(preds):
                if i not in matched_p:
                    print(
                        f"  {record['id']}: spurious {p['event_date']} {p['location']} {p['sub_event_type']}", file=out
                    )
            for j, e in enumerate(expected):
                if j not in matched_e:
                    print(
                        f"  {record['id']}: missed {e.get('event_date')} {e.get('location')} {e.get('sub_event_type')}",
                        file=out,
                    )
    precision = n_match / n_pred if n_pred else 1.0
    recall = n_match / n_exp if n_exp else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fields = {f: round(right[f] / total[f], 4) for f in FIELDS if total[f]}
    return {
        "reports": reports,
        "predicted": n_pred,
        "expected": n_exp,
        "matched": n_match,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "fields": fields,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true", help="list mismatches")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    scores = evaluate(args.gold, args.verbose)
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    print(
        f"reports {scores['reports']}  expected {scores['expected']}  predicted {scores['predicted']}  "
        f"matched {scores['matched']}"
    )
    print(f"precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}")
    for name, value in scores["fields"].items():
        print(f"  {name:<16} {value:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
