"""Whose figures: the town each figure of a sentence is given for, and a frame's totals per outcome over its
sentences (groups add up, a figure repeated later counts once, a firm figure beats a vague word)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sahelwatch.extract.counts import Casualty
from sahelwatch.extract.frame import Frame, Unit
from sahelwatch.extract.places import PlaceChoice, same_or_within
from sahelwatch.text import fold_aligned

SEVERAL_PLACES = re.compile(
    r"\b(?:villages|localites|localities|towns|villes|communes|hameaux|hamlets|camps"
    r"|bases|regions|provinces|zones|areas|secteurs|sectors)\b"
)


_COUNTED_PLACES = re.compile(
    r"\b(?:two|three|four|five|six|several|multiple|various|deux|trois|quatre|cinq|six"
    r"|plusieurs|\d+)\s+(?:[\w-]+\s+)?(?:villages|localites|localities|towns|communes"
    r"|hameaux|hamlets|camps|sites)\b"
)


WIDE = "wide"  # a figure of a sentence about several places, given for none of them


ELSEWHERE = "elsewhere"  # a figure given for a place the gazetteer does not know, in a list of places


_IN_NAME = re.compile(r"[^,.;:!?]{0,25}?\b(?:in|at|à|dans)\s+(?:the village of\s+|le village de\s+)?[A-Z]")


_WHERE = re.compile(r"\W*(?:,\s*)?(?:where|ou|when|lorsque)\b[^.;!?]{0,80}$")


# "In X, ...", "À X, un commerçant...": a town that opens the sentence
_PLACE_BEFORE = re.compile(
    r"\W*(?:in|at|a|au|dans)\s+(?:the\s+|le\s+|la\s+)?(?:(?:village|town|localite|commune"
    r"|hamlet|hameau)\s+(?:of\s+|de\s+|d')?)?"
)


_PREPOSITION = re.compile(r"\b(?:in|at|near|on|a|dans|de|d'|du|des|sur|from|pres de|vers|between|entre)\b")


def loci(
    text: str, folded: str, lo: int, hi: int, casualties: list[Casualty], choices: list[PlaceChoice]
) -> dict[int, Any]:
    """The town each figure of a sentence is given for: "leaving four dead in X and three in Y", "Y, where the
    gunmen shot five men", "In X, eight bodies...", "les hameaux de X et de Y ... où ils ont tué respectivement
    7 et 2 personnes"; WIDE for the figures of a sentence about a number of places that
    gives none of them a town ("12 civilians were killed in attacks on two villages and a camp")."""
    towns = sorted(
        {(c.start, c.end): c for c in choices if c.place.kind == "town" and c.cue != "neg"}.values(),
        key=lambda c: c.start,
    )
    figures = sorted({c.start: c for c in casualties}.values(), key=lambda c: c.start)
    out: dict[int, Any] = {}
    if not figures:
        return out
    if re.search(r"\brespectiv", folded[lo:hi]):
        listed = [t for t in towns if t.end <= figures[0].start]
        if len(listed) == len(figures) >= 2:
            return {c.start: t for c, t in zip(figures, listed)}
    for i, c in enumerate(figures):
        nxt = figures[i + 1].start if i + 1 < len(figures) else hi
        after = next(
            (
                t
                for t in towns
                if c.end <= t.start < min(nxt, c.end + 60)
                and not re.search(r"[.;!?,]|\s(?:and|et|while|alors)\s", folded[c.end : t.start])
                and _PREPOSITION.search(folded, max(c.end, t.start - 12), t.start)
            ),
            None,
        )
        if after is not None:
            out[c.start] = after
            continue
        prev_end = figures[i - 1].end if i else lo
        before = next(
            (
                t
                for t in reversed(towns)
                if prev_end <= t.end <= c.start
                and (
                    _WHERE.match(folded[t.end : c.start])
                    or (
                        _PLACE_BEFORE.fullmatch(folded, lo, t.start)
                        and re.match(r"\s*,[^.;!?]*$", folded[t.end : c.start])
                    )
                )
            ),
            None,
        )
        if before is not None:
            out[c.start] = before
    if not out and _COUNTED_PLACES.search(folded, lo, hi):
        out = {c.start: WIDE for c in figures}
    elif out:
        # in a list of places ("killed seven herders in X and one in nearby Y"), a figure given for a name
        # the gazetteer does not know is given for another place all the same
        for c in figures:
            if c.start not in out and _IN_NAME.match(text, c.end, min(hi, c.end + 45)):
                out[c.start] = ELSEWHERE
    return out


def figures_here(f: Frame, units: list[Unit]) -> list[list[Casualty]]:
    """Each unit's figures for the frame's own town: those given for another town are left out, and those of a
    sentence about several places too when the frame has a figure given for its town or for no place at all."""
    if f.place is None:
        return [u.casualties for u in units]
    here = f.place
    rows = []
    for u in units:
        keep = []
        for c in u.casualties:
            locus = u.loci.get(c.start)
            if (
                locus == ELSEWHERE
                or isinstance(locus, PlaceChoice)
                and not (
                    same_or_within(locus, here)
                    or same_or_within(here, locus)
                    or fold_aligned(locus.surface) == fold_aligned(here.surface)
                )
            ):
                continue
            keep.append(c)
        rows.append(keep)
    for outcome in ("killed", "injured", "abducted"):
        firm = [c for u, row in zip(units, rows) for c in row if c.outcome == outcome and u.loci.get(c.start) != WIDE]
        if firm:
            rows = [
                [c for c in row if c.outcome != outcome or u.loci.get(c.start) != WIDE] for u, row in zip(units, rows)
            ]
    return rows


@dataclass(frozen=True)
class _Figure:
    """One victim group's figure for one outcome, in one sentence or over a frame."""

    best: int
    low: int | None
    high: int | None
    vague: bool
    additional: bool = False
    update: bool = False
    partial: bool = False


def total(per_unit: list[list[Casualty]], outcome: str) -> tuple[int | None, int | None, int | None] | None:
    """(best, low, high) over victim groups. In one sentence, the parts of a total given with it are dropped ("cinq
    personnes, dont quatre corps dans des églises et une femme dans un bar") and the figures of a group add up
    ("sept soldats et trois VDP"). Across sentences one figure per group is kept (a figure repeated later is not
    counted twice), see _merge; groups add up, all sides' dead together. A vague figure ("plusieurs dizaines de
    terroristes") does not add to firm ones: the numeric part is the toll, with no upper bound. A larger general
    figure ("15 personnes") wins over the sum of the groups, unless it is vague and the groups are not."""
    per_group: dict[str, _Figure] = {}
    for rows in per_unit:
        for group, fig in _sentence_figures(_without_parts([c for c in rows if c.outcome == outcome])).items():
            cur = per_group.get(group)
            per_group[group] = fig if cur is None else _merge(cur, fig)
    if not per_group:
        return None
    generic = per_group.pop("generic", None)
    firm = [v for v in per_group.values() if not v.vague]
    groups = firm or list(per_group.values())
    best = sum(v.best for v in groups) if groups else None
    low: int | None = sum(v.low if v.low is not None else v.best for v in groups) if groups else None
    high: int | None = None
    if groups and len(groups) == len(per_group) and all(v.high is not None for v in groups):
        high = sum(v.high or 0 for v in groups)
    if (
        generic is not None
        and (best is None or generic.best > best or (firm == [] and not generic.vague))
        and not (generic.vague and firm)
    ):
        best, low, high = generic.best, generic.low, generic.high
    return best, low, high


def _without_parts(rows: list[Casualty]) -> list[Casualty]:
    """Drop the figures that only break down a total given in the same sentence (two parts or more that add up to
    it, after it or before it)."""
    for i, c in enumerate(rows):
        if c.vague or c.additional or not c.best:
            continue
        for k in range(i + 3, len(rows) + 1):  # parts after the total: rows[i+1:k]
            parts = rows[i + 1 : k]
            if not any(p.vague for p in parts) and sum(p.best or 0 for p in parts) == c.best:
                return _without_parts(rows[: i + 1] + rows[k:])
        if i >= 2:  # parts before it: rows[j:i]
            for j in range(i - 1):
                parts = rows[j:i]
                if not any(p.vague for p in parts) and sum(p.best or 0 for p in parts) == c.best:
                    return _without_parts(rows[:j] + rows[i:])
    return rows


def _sentence_figures(rows: list[Casualty]) -> dict[str, _Figure]:
    """Each group's figure in one sentence: its firm figures add up, its vague ones count only without them."""
    out: dict[str, _Figure] = {}
    for group in dict.fromkeys(c.group for c in rows):
        mine = [c for c in rows if c.group == group]
        firm = [c for c in mine if not c.vague]
        used = firm or mine
        lows = [c.low for c in used]
        highs = [c.high for c in used]
        out[group] = _Figure(
            best=sum(c.best or 0 for c in used),
            low=None if any(x is None for x in lows) else sum(x or 0 for x in lows),
            high=None if len(used) < len(mine) or any(x is None for x in highs) else sum(x or 0 for x in highs),
            vague=not firm,
            additional=all(c.additional for c in used),
            update=any(c.update for c in used),
            partial=all(c.partial for c in used),
        )
    return out


def _merge(cur: _Figure, new: _Figure) -> _Figure:
    """One group's figure of a frame and the same group's figure of a later sentence: a new toll ("le nouveau
    bilan", "rose to") replaces the earlier one; "N autres"/"another N" adds to it; the dead found or buried
    ("neuf corps") count only without a toll; a numeric figure replaces a vague word; of conflicting numeric figures
    the smallest is kept (ACLED's most conservative estimate), of vague ones the larger word."""
    if new.partial != cur.partial:
        return cur if new.partial else new
    if new.update and not new.vague:
        return new
    if new.additional and not new.vague and not cur.vague:
        return _Figure(
            cur.best + new.best,
            None if cur.low is None or new.low is None else cur.low + new.low,
            None if cur.high is None or new.high is None else cur.high + new.high,
            False,
            cur.additional,
            cur.update,
            cur.partial,
        )
    if cur.vague != new.vague:
        return cur if new.vague else new  # the numeric figure over the word ("des dizaines" claimed, 4 admitted)
    if (not new.vague and new.best < cur.best) or (new.vague and new.best > cur.best):
        return new
    return cur
