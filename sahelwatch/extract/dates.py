"""Date expressions in French and English, resolved against the publication date (never after it).

See seeds/lexicons/dates.yaml for the resolution rules; `DateMention.specific` is true for a day (precision 1) or
an explicit span of days, false for vague expressions ("recently", "within the same week")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TypeAlias

from sahelwatch.extract.lexicon import by_form, load
from sahelwatch.text import fold_aligned


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    surface: str
    value: date
    precision: int  # 1 day, 2 week, 3 month
    specific: bool
    kind: str


def stated_apart(a: DateMention | None, b: DateMention | None, to_the_day: bool = False) -> bool:
    """Two dates the text states (specific) on different days: what they date are two events, not one.
    `to_the_day`: only when both give the day itself (a week or a month may hold the other's day)."""
    if a is None or b is None or not (a.specific and b.specific) or a.value == b.value:
        return False
    return not to_the_day or (a.precision == 1 and b.precision == 1)


# day counts spelled out in "il y a huit jours", "ten days ago"
_AGO_WORDS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "quinze": 15,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
}


def _alt(words) -> str:
    return (
        "(?:"
        + "|".join(re.escape(fold_aligned(w)).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
        + ")"
    )


def _spaced(form: str) -> str:
    """A lexicon form as the grammar compares matched text: folded, any white space one space."""
    return re.sub(r"\s+", " ", fold_aligned(form))


class _Grammar:
    def __init__(self) -> None:
        lex = load("dates")
        self.month_of = by_form(lex["months"], int)
        self.weekday_of = by_form(lex["weekdays"], int)
        self.rel_day = by_form(lex["relative_days"], int, _spaced)
        self.rel_week = by_form(lex["relative_weeks"], int, _spaced)
        self.rel_month = by_form(lex["relative_months"], int, _spaced)
        self.part_day = by_form(lex["month_parts"], int, lambda form: _spaced(form).rstrip("-"))
        self.last_words = {fold_aligned(w) for w in lex["last_words"]}
        self.vague_words = [_spaced(w) for w in lex["vague"]]
        self.not_specific_days = {_spaced(w) for w in lex.get("not_specific_days", [])}
        self.since = re.compile(
            r"(?<![\w])" + _alt(lex.get("since_words", [])) + r"\s+(?:(?:le|ce|on|the|la\s+nuit\s+d[ue])\s+)?$"
        )

        # full month names only (abbreviations need a following dot or a day number)
        month = _alt([m for m in self.month_of if len(m) > 3 or m == "mai" or m == "may"])
        month_any = _alt(list(self.month_of))
        wd = _alt(list(self.weekday_of))
        last = _alt(list(self.last_words))
        day = r"(?:[12]\d|3[01]|0?[1-9])"
        ordsuf = r"(?:\s?(?:er|ere|e|eme|st|nd|rd|th))?"
        year = r"(?:19|20)\d\d"
        parts = _alt(list(self.part_day))
        self.regex = re.compile(
            r"(?<![\w])(?:"
            # dans la nuit de samedi a dimanche / night of Saturday to Sunday / between Thursday and Saturday
            rf"(?P<wdrange>(?:(?:dans\s+)?la\s+nuit\s+(?:du|de)|(?:in\s+)?the\s+night\s+(?:of|from)|overnight"
            rf"|entre(?:\s+le)?|between|from|du|de)\s+(?P<wd1>{wd})(?:\s+(?:soir|night|evening))?\s+"
            rf"(?:a|au|and|to|into|et)\s+(?:le\s+)?(?P<wd2>{wd})(?:\s+(?P<wd2last>{last}))?)"
            # dans la nuit du 31 mai au 1er juin / du 3 au 5 juin / between 3 and 5 June
            # les 12 et 13 janvier / du lundi 12 au mardi 13 mars
            rf"|(?P<drange>(?:(?:dans\s+)?la\s+nuit\s+du|(?:in\s+)?the\s+night\s+of|entre\s+le|between|from|du|les|on)"
            rf"\s+(?:{wd}\s+)?(?P<dr1>{day}){ordsuf}(?:\s+(?P<dm1>{month_any})\.?)?\s+(?:au|et\s+le|et|and|to|-)\s+"
            rf"(?:{wd}\s+)?(?P<dr2>{day}){ordsuf}\s+(?P<dm2>{month_any})\.?(?:\s+(?P<dry>{year}))?)"
            # between March 24 and 28 / from June 3 to 5
            rf"|(?P<mrange>(?:between|from)\s+(?P<mr_m>{month_any})\.?\s+(?P<mr1>{day}){ordsuf}\s+(?:and|to|-)\s+"
            rf"(?:(?P<mr_m2>{month_any})\.?\s+)?(?P<mr2>{day}){ordsuf}(?:,?\s+(?P<mry>{year}))?)"
            # 1er juin 2025 / 1 June 2025 / lundi 2 juin
            rf"|(?P<dmy>(?:(?P<dmywd>{wd})\s+)?(?:le\s+)?(?P<d1>{day}){ordsuf}\s+(?:of\s+)?(?P<m1>{month_any})\.?"
            rf"(?:,?\s+(?P<y1>{year}))?)"
            # June 1, 2025 / on June 1st
            rf"|(?P<mdy>(?:(?P<mdywd>{wd}),?\s+)?(?P<m2>{month_any})\.?\s+(?P<d2>{day}){ordsuf}(?![\d:])"
            rf"(?:,?\s+(?P<y2>{year}))?)"
            # 01/06/2025, 1.6.2025, 2025-06-01
            rf"|(?P<num>(?P<nd>{day})[/.](?P<nm>0?[1-9]|1[0-2])[/.](?P<ny>{year}|\d\d)(?![\d/]))"
            rf"|(?P<iso>(?P<iy>{year})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01]))"
            # debut juin / late May / mi-juin
            rf"|(?P<part>(?P<pw>{parts})[\s-]*(?:de\s+|d'|of\s+)?(?P<pm>{month})(?:\s+(?P<py>{year}))?)"
            # en juin / in June 2025 / au mois de juin
            rf"|(?P<month>(?:en|in|au\s+mois\s+de|courant|during|durant|depuis)\s+(?P<mm>{month})"
            rf"(?:\s+(?:dernier|last))?(?:\s+(?P<my>{year}))?)"
            # il y a 3 jours / 3 days ago
            rf"|(?P<ago>(?:il\s+y\s+a\s+(?:de\s+cela\s+)?(?P<ag1>\d+|{_alt(_AGO_WORDS)})\s+jours)"
            rf"|(?:(?P<ag2>\d+|{_alt(_AGO_WORDS)})\s+days\s+ago))"
            # relative words
            rf"|(?P<relm>{_alt(list(self.rel_month))})"
            rf"|(?P<relw>{_alt(list(self.rel_week))})"
            rf"|(?P<vague>{_alt(self.vague_words)})"
            # dimanche dernier / last Sunday / ce dimanche / Sunday
            rf"|(?P<wd>(?:(?P<wdlast0>last|this|ce)\s+)?(?P<wdn>{wd})(?:\s+(?P<wdlast>{last}))?)"
            rf"|(?P<reld>{_alt(list(self.rel_day))})"
            r")(?![\w])"
        )


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    return _Grammar()


def _weekday_before(pub: date, weekday: int, strict: bool) -> date:
    delta = (pub.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return pub - timedelta(days=delta)


def _make(year: int | None, month: int, day: int, pub: date) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        guess = date(pub.year, month, day)
    except ValueError:
        return None
    if guess > pub:
        if (guess - pub).days <= 60:
            return None  # a coming date (an announcement), not a past event
        try:
            guess = date(pub.year - 1, month, day)
        except ValueError:
            return None
    return guess


def _year(token: str | None) -> int | None:
    if not token:
        return None
    value = int(token)
    return value + 2000 if value < 100 else value


def _cap(value: date, pub: date) -> date:
    return min(value, pub)


def find_dates(
    text: str, published: date, folded: str | None = None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Date expressions in text[start:end], resolved; those after the publication date are dropped."""
    g = grammar()
    folded = fold_aligned(text) if folded is None else folded
    end = len(folded) if end is None else end
    out: list[DateMention] = []
    for m in g.regex.finditer(folded, start, end):
        s, e = m.span()
        if m.group("wdrange") or m.group("drange") or m.group("mrange"):
            resolved = _span_value(m, g, published)
        elif m.group("dmy") or m.group("mdy") or m.group("num") or m.group("iso"):
            resolved = _day_value(m, g, text, folded, published)
        elif m.group("part") or m.group("month"):
            resolved = _month_value(m, g, text, published)
        else:
            resolved = _relative_value(m, g, folded, published)
        if resolved is None:
            continue
        value, precision, specific, kind = resolved
        if value is None or value > published:
            continue
        if _since(g, folded, s, e):
            specific, precision = False, max(precision, 2)
        out.append(DateMention(s, e, text[s:e], value, precision, specific, kind or m.lastgroup or ""))
    return out


def _since(g: _Grammar, folded: str, s: int, e: int) -> bool:
    """ "depuis lundi", "since Wednesday", "depuis janvier": the start of a state, not the day of an event."""
    return bool(g.since.search(folded, max(0, s - 24), s)) or folded[s:e].startswith(("depuis", "since"))


_Resolved: TypeAlias = "tuple[date | None, int, bool, str] | None"


def _span_value(m: re.Match, g: _Grammar, published: date) -> _Resolved:
    """Night and day spans: "dans la nuit de samedi à dimanche", "du 3 au 5 juin", "between March 24 and 28"."""
    if m.group("wdrange"):
        first = g.weekday_of[m.group("wd1")]
        second = g.weekday_of[m.group("wd2")]
        strict = bool(m.group("wd2last"))
        second_day = _weekday_before(published, second, strict)
        gap = (second - first) % 7 or 7
        value = second_day - timedelta(days=gap)
        night = re.match(r"(?:dans\s+)?la\s+nuit|(?:in\s+)?the\s+night|overnight", m.group("wdrange"))
        precision = 1 if night or gap == 1 and m.group("wdrange").startswith(("du", "de")) else 2
        if night:
            precision = 1
        return value, precision, True, "wdrange"
    if m.group("drange"):
        month2 = g.month_of[m.group("dm2")]
        month1 = g.month_of[m.group("dm1")] if m.group("dm1") else month2
        year = _year(m.group("dry"))
        d1 = _make(year, month1, int(m.group("dr1")), published)
        d2 = _make(year, month2, int(m.group("dr2")), published)
        if d1 and d2 and d1 > d2:
            d1 = _make((d2.year - 1), month1, int(m.group("dr1")), published)
        night = re.match(r"(?:dans\s+)?la\s+nuit|(?:in\s+)?the\s+night", m.group("drange"))
        precision = 1 if night or (d1 and d2 and (d2 - d1).days <= 0) else 2
        return d1, precision, True, "drange"
    month1 = g.month_of[m.group("mr_m")]
    return _make(_year(m.group("mry")), month1, int(m.group("mr1")), published), 2, True, "drange"


def _day_value(m: re.Match, g: _Grammar, text: str, folded: str, published: date) -> _Resolved:
    """One day: "1er juin 2025", "June 1, 2025", "01/06/2025", "2025-06-01"."""
    kind = m.lastgroup or ""
    if m.group("dmy"):
        value = _make(_year(m.group("y1")), g.month_of[m.group("m1")], int(m.group("d1")), published)
    elif m.group("mdy"):
        month_word = m.group("m2")
        if len(month_word) <= 3 and month_word not in ("mai", "may") and not folded[m.end("m2") :].startswith("."):
            if not m.group("y2"):
                return None
        if month_word in ("may", "march") and not (m.group("y2") or m.group("mdywd")):
            # "may 12" could be the verb; accept only with a capital in the original text
            if not text[m.start("m2")].isupper():
                return None
        value = _make(_year(m.group("y2")), g.month_of[month_word], int(m.group("d2")), published)
    elif m.group("num"):
        value = _make(_year(m.group("ny")), int(m.group("nm")), int(m.group("nd")), published)
    else:
        value = _make(int(m.group("iy")), int(m.group("im")), int(m.group("id")), published)
    return value, 1, True, kind


def _month_value(m: re.Match, g: _Grammar, text: str, published: date) -> _Resolved:
    """Part of a month ("début juin", precision 2) or a month ("en juin", precision 3)."""
    if m.group("part"):
        day = g.part_day.get(re.sub(r"\s+", " ", m.group("pw")).rstrip("-"), 15)
        month = g.month_of[m.group("pm")]
        value = _make(_year(m.group("py")), month, 1, published)
        if value:
            value = _cap(value.replace(day=day), published)
        return value, 2, True, "part"
    month_word = m.group("mm")
    if month_word in ("may", "march") and not text[m.start("mm")].isupper():
        return None
    value = _make(_year(m.group("my")), g.month_of[month_word], 1, published)
    if value:
        value = _cap(value.replace(day=15), published)
    return value, 3, True, "month"


def _relative_value(m: re.Match, g: _Grammar, folded: str, published: date) -> _Resolved:
    """Words resolved against the publication date: "il y a 3 jours", "le mois dernier", "last week",
    "recently", "dimanche (dernier)", "hier"."""
    s, e = m.span()
    if m.group("ago"):
        token = m.group("ag1") or m.group("ag2")
        n = int(token) if token.isdigit() else _AGO_WORDS.get(token, 0)
        if not 0 < n <= 60:
            return None
        return published - timedelta(days=n), 1, True, "ago"
    if m.group("relm"):
        off = g.rel_month[re.sub(r"\s+", " ", m.group("relm"))]
        first = published.replace(day=1)
        if off < 0:
            first = (first - timedelta(days=1)).replace(day=1)
        return _cap(first.replace(day=15), published), 3, False, "relm"
    if m.group("relw"):
        off = g.rel_week[re.sub(r"\s+", " ", m.group("relw"))]
        phrase = m.group("relw")
        if "week" in phrase and ("end" in phrase or "-end" in phrase) or "weekend" in phrase:
            value = _weekday_before(published, 5, off < 0)
        else:
            value = published + timedelta(days=off)
        return value, 2, off < 0 or "end" in phrase, "relw"
    if m.group("vague"):
        return published, 2, False, "vague"
    if m.group("wd"):
        weekday = g.weekday_of[m.group("wdn")]
        if re.match(r"\s*(?:prochain|prochaine|suivant|next)\b", folded[e : e + 12]) or re.search(
            r"(?:next|coming|this coming|d'ici)\s*$", folded[max(0, s - 14) : s]
        ):
            return None  # a coming day
        strict = bool(m.group("wdlast")) or m.group("wdlast0") == "last"
        # "ce dimanche" in French after the day means the day itself; keep non-strict
        return _weekday_before(published, weekday, strict), 1, True, "weekday"
    word = re.sub(r"\s+", " ", m.group("reld"))
    return published + timedelta(days=g.rel_day[word]), 1, word not in g.not_specific_days, "relative"
