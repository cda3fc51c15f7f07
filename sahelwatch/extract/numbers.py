"""Quantities in text: digits, spelled numbers (French and English), approximations ("une vingtaine"), plural
classes ("dozens"), vague words ("several") and their modifiers ("at least", "plus de", "between ... and ...").

Every quantity carries (low, best, high) following the convention written down in seeds/lexicons/numbers.yaml.
All matching runs on folded text (see sahelwatch.text.fold_aligned), offsets are those of the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sahelwatch.extract.lexicon import by_form, load
from sahelwatch.extract.text import alternation
from sahelwatch.text import fold_aligned

MAX_VALUE = 100_000  # larger figures are not casualty counts
_DOZEN = re.compile(r"\s+(?:dozen|douzaines?)(?![\w])")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    surface: str
    best: int | None
    low: int | None
    high: int | None
    kind: str  # exact, at_least, more_than, about, up_to, range, approx, plural, vague

    @property
    def vague(self) -> bool:
        return self.kind in ("vague", "plural")


class _Grammar:
    def __init__(self) -> None:
        lex = load("numbers")
        self.word_values = by_form(lex["units"], int)
        self.joiners = {fold_aligned(j) for j in lex.get("joiners", [])}
        words = sorted(self.word_values, key=len, reverse=True)
        word = "(?:" + "|".join(re.escape(w) for w in words) + ")"
        joiner = "(?:" + "|".join(re.escape(j) for j in self.joiners) + ")"
        spelled = rf"{word}(?:(?:[\s-]+|[\s-]+{joiner}[\s-]+){word})*"
        digits = r"\d{1,3}(?:[ .,]\d{3})+(?!\d)|\d+"
        self.number = rf"(?:{digits}|{spelled})"
        self.approx_map = by_form(lex["approximate_nouns"], int)
        self.plural_map = by_form(lex["plural_classes"], int)
        self.vague_map: dict[str, tuple[int, int]] = {
            fold_aligned(k): (int(v[0]), int(v[1])) for k, v in lex["vague"].items()
        }
        self.modifier_kind = by_form(lex["modifiers"], str)
        modifier = alternation(
            list(lex["modifiers"]["at_least"])
            + list(lex["modifiers"]["more_than"])
            + list(lex["modifiers"]["about"])
            + list(lex["modifiers"]["up_to"])
            + list(lex["modifiers"]["total"])
        )
        approx = alternation(list(self.approx_map))
        plural = alternation(list(self.plural_map))
        vague = alternation(list(self.vague_map))
        num = self.number
        self.regex = re.compile(
            r"(?<![\w.,/-])(?:"
            rf"(?P<range>(?:between|entre|de|from)\s+(?P<r1>{num})\s+(?:and|et|a|to)\s+(?P<r2>{num}))"
            rf"|(?P<dash>(?P<d1>\d+)\s*(?:-|a|to)\s*(?P<d2>\d+))"
            rf"|(?:(?P<mod>{modifier})\s+)?(?:(?P<approx>{approx})|(?P<plural>{plural})|(?P<num>{num}))"
            rf"|(?P<vague>{vague})"
            r")(?![\w])"
        )
        self.not_people = re.compile(r"\s*(?:" + alternation(lex["not_people_after"]) + r")(?![\w])")
        months = [fold_aligned(m) for forms in load("dates")["months"].values() for m in forms]
        self.month_after = re.compile(
            r"\s*(?:er|e|eme)?\s*(?:" + "|".join(sorted(set(months), key=len, reverse=True)) + r")\b"
        )
        self.month_before = re.compile(r"(?:" + "|".join(sorted(set(months), key=len, reverse=True)) + r")\.?\s*$")

    def value(self, token: str) -> int | None:
        token = token.strip()
        if not token:
            return None
        if token[0].isdigit():
            digits = re.sub(r"[ .,]", "", token)
            return int(digits) if digits.isdigit() and len(digits) <= 7 else None
        total = 0
        current = 0
        parts = [p for p in re.split(r"[\s-]+", token) if p]
        i = 0
        while i < len(parts):
            part = parts[i]
            if part in self.joiners:
                i += 1
                continue
            if part == "quatre" and i + 1 < len(parts) and parts[i + 1] in ("vingt", "vingts"):
                current += 80
                i += 2
                continue
            val = self.word_values.get(part)
            if val is None:
                return None
            if val == 100:
                current = (current or 1) * 100
            elif val == 1000:
                total += (current or 1) * 1000
                current = 0
            else:
                current += val
            i += 1
        result = total + current
        return result if result <= MAX_VALUE else None


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    return _Grammar()


def parse_number(text: str) -> int | None:
    """The value of a number written in digits or words ("deux cents" -> 200, "twenty-five" -> 25)."""
    return grammar().value(fold_aligned(text))


def _is_date_or_measure(g: _Grammar, folded: str, start: int, end: int) -> bool:
    if g.not_people.match(folded, end):
        return True
    if g.month_after.match(folded, end):
        return True
    if g.month_before.search(folded, max(0, start - 12), start):
        return True
    # years and clock times
    token = folded[start:end]
    if re.fullmatch(r"(?:19|20)\d\d", token):
        return True
    if re.match(r"\s*(?:h\d\d|:\d\d|/\d)", folded[end : end + 4]):
        return True
    if start > 0 and folded[start - 1] in "/:":
        return True
    return False


def find_quantities(
    text: str, folded: str | None = None, start: int = 0, end: int | None = None, limit: int = 200
) -> list[Quantity]:
    """Quantities in text[start:end] (at most `limit`), without dates, years, distances, money and the like.

    Articles "un/une/a/one" are not quantities on their own here (see counts for singular victims)."""
    g = grammar()
    folded = fold_aligned(text) if folded is None else folded
    end = len(folded) if end is None else end
    out: list[Quantity] = []
    for match in g.regex.finditer(folded, start, end):
        if len(out) >= limit:
            break
        s, e = match.span()
        surface = text[s:e]
        if match.group("range"):
            lo = g.value(match.group("r1"))
            hi = g.value(match.group("r2"))
            if lo is None or hi is None or _is_date_or_measure(g, folded, s, e):
                continue
            if hi < lo:
                lo, hi = hi, lo
            out.append(Quantity(s, e, surface, lo, lo, hi, "range"))
            continue
        if match.group("dash"):
            lo = int(match.group("d1"))
            hi = int(match.group("d2"))
            if _is_date_or_measure(g, folded, s, e) or not (0 < lo < hi <= MAX_VALUE) or hi > lo * 10:
                continue
            out.append(Quantity(s, e, surface, lo, lo, hi, "range"))
            continue
        if match.group("vague"):
            if g.not_people.match(folded, e):
                continue
            best, low = g.vague_map[re.sub(r"\s+", " ", match.group("vague"))]
            out.append(Quantity(s, e, surface, best, low, None, "vague"))
            continue
        mod = match.group("mod")
        kind = g.modifier_kind.get(re.sub(r"\s+", " ", mod)) if mod else None
        if (match.group("approx") or match.group("plural")) and g.not_people.match(folded, e):
            continue
        if match.group("approx"):
            value = g.approx_map[re.sub(r"\s+", " ", match.group("approx"))]
            base_kind = "approx"
        elif match.group("plural"):
            value = g.plural_map[re.sub(r"\s+", " ", match.group("plural"))]
            base_kind = "plural"
        else:
            token = match.group("num")
            if token in ("un", "une", "one") and not mod:
                continue  # an article, not a count
            parsed = g.value(token)
            base_kind = "exact"
            if parsed is None or _is_date_or_measure(g, folded, match.start("num"), match.end("num")):
                continue
            value = parsed
            dozen = _DOZEN.match(folded, e)
            if dozen and not token[:1].isdigit():
                # "two dozen", "deux douzaines": twelve each
                value, e = value * 12, dozen.end()
                surface = text[s:e]
        if kind in ("at_least", "more_than"):
            out.append(Quantity(s, e, surface, value, value, None, kind))
        elif kind == "about":
            out.append(Quantity(s, e, surface, value, None, None, "about"))
        elif kind == "up_to":
            out.append(Quantity(s, e, surface, value, None, value, "up_to"))
        elif base_kind == "approx":
            out.append(Quantity(s, e, surface, value, None, None, "approx"))
        elif base_kind == "plural":
            out.append(Quantity(s, e, surface, value, value, None, "plural"))
        else:
            out.append(Quantity(s, e, surface, value, value, value, "exact"))
    return out
