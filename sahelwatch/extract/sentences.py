"""Cutting a report into paragraphs and sentences (with offsets into the original text), after dropping the
boilerplate that outlets append (comment forms, share buttons, related links) and noting a wire dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sahelwatch.text import fold_aligned

MAX_TEXT = 60_000  # characters of a report that are read
MAX_SENTENCE = 600  # longer sentences are cut into pieces of at most this length
MAX_SENTENCES = 400  # sentences of a report that are read

# Lines from which the rest of the page is boilerplate (folded, matched at a line start).
_TAIL = re.compile(
    r"^[ \t]*(?:leave a (?:reply|comment)|laisser un commentaire|laissez un commentaire|your email address will not"
    r"|votre adresse (?:e-?mail|de messagerie) ne sera pas|related (?:posts|articles|stories)|articles? (?:similaires"
    r"|connexes|lies)|a lire aussi sur le meme sujet|share this|partager ?:|partagez|tags ?:|mots-cles ?:"
    r"|copyright|tous droits reserves|all rights reserved|abonnez-vous|subscribe to our newsletter"
    r"|commentaires? \(\d+\)|\d+ comments?|post navigation|previous article|next article|article precedent"
    r"|article suivant|you may also like|vous aimerez aussi|sur le meme sujet|lire la suite)",
    re.M,
)
# Single lines to drop (inline links, photo credits).
_DROP_LINE = re.compile(
    r"^[ \t]*(?:lire aussi|a lire aussi|lire egalement|voir aussi|read (?:also|more)|see also|also read|photo ?:"
    r"|credit photo|photo credit|illustration ?:|source ?:|\(?photo d'illustration\)?)[^\n]*$",
    re.M,
)
# A wire dateline: "BAMAKO, 3 juin (AFP) -", "NIAMEY (Reuters) -", "Ouagadougou, June 3 —", "Gao, 1 June 2025
# (dpa/ANP) –": a place, maybe a date, maybe the agencies in parentheses (any short acronyms: outlets credit many)
_AGENCY = r"\([a-z]{2,16}(?:\s*/\s*[a-z]{2,16}){0,2}\)"
_DATELINE = re.compile(r"^[ \t]*[a-z][a-z' .-]{1,40}(?:,\s*[^\n(]{0,30})?\s*(?:" + _AGENCY + r"\s*)?[-:]\s", re.M)
_DATELINE_AGENCY = re.compile(_AGENCY)
# a short line without a full stop before the first paragraph (a date, a byline): the dateline may follow it
_LEAD_LINE = re.compile(r"[ \t]*[^\n.]{1,40}\n\s*(?=\S)")

_ABBREV = re.compile(
    r"(?:\b(?:m|mm|mme|mr|mrs|ms|dr|pr|gen|gal|col|cdt|cne|lt|sgt|capt|st|ste|no|n°|art|vol|cf|etc|ex|env|av|apr"
    r"|j\.-c|p|pp|fig|inc|ltd|co|jr|sr|vs|u\.s|u\.n|e\.g|i\.e"
    r"|jan|feb|fev|avr|apr|jun|jul|juil|aug|sep|sept|oct|nov|dec)|\b[a-z])\.$"
)
_SPLIT = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZÀ-ÖØ-Þ0-9])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int
    heading: bool = False  # a short line without final punctuation (a sub-title)
    title: bool = False  # the report's title, prepended


@dataclass(frozen=True)
class Document:
    text: str  # original text (truncated, boilerplate removed; same offsets as `folded`)
    folded: str
    sentences: tuple[Sentence, ...]
    dateline_end: int  # characters at the start that belong to a wire dateline (0 if none)
    prefix_len: int = 0  # characters of the title prepended to the text (not part of the report's text)


def _body_end(folded: str) -> int:
    for match in _TAIL.finditer(folded):
        line_end = folded.find("\n", match.start())
        line_end = len(folded) if line_end < 0 else line_end
        # "Copyright © <agency>" under a photo near the top is a credit; the article goes on below it
        if (
            folded[match.start() : match.end()].strip().startswith("copyright")
            and line_end - match.start() < 80
            and len(folded) - line_end > 800
        ):
            continue
        return match.start()
    return len(folded)


def _pieces(start: int, end: int) -> list[tuple[int, int]]:
    """Cut [start, end) into parts of at most MAX_SENTENCE characters, preferring ';' or ',' boundaries."""
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_SENTENCE:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    cur = start
    for match in re.finditer(r"[;,]\s", text[start:end]):
        pos = start + match.end()
        if pos - cur >= MAX_SENTENCE // 2:
            out.extend(_pieces(cur, pos))
            cur = pos
    if cur < end:
        out.extend(_pieces(cur, end))
    return out


def split(text: str, title: str | None = None) -> Document:
    """Paragraphs are lines; sentences split at . ! ? before a capital or digit, not after abbreviations."""
    text = (text or "")[:MAX_TEXT]
    title = (title or "").strip()[:MAX_SENTENCE]
    prefix = ""
    if title:
        head = fold_aligned(text[: len(title) + 200]).strip()
        if not head.startswith(fold_aligned(title)[:60]):
            prefix = title + "\n\n"
    text = prefix + text
    folded = fold_aligned(text)
    end = _body_end(folded)
    # blank out dropped lines (same length, so offsets keep)
    chars = list(text[:end])
    for match in _DROP_LINE.finditer(folded, 0, end):
        for i in range(match.start(), match.end()):
            chars[i] = " "
    text = "".join(chars)
    folded = fold_aligned(text)
    dateline_end = 0
    first_body = len(prefix)
    lead_line = _LEAD_LINE.match(folded, first_body)
    if lead_line:  # a bare date or byline above the first paragraph ("06 septembre 2019")
        first_body = lead_line.end()
    dl = _DATELINE.match(folded, first_body)
    if dl and (_DATELINE_AGENCY.search(dl.group(0)) or text[first_body : dl.end()].split(",")[0].strip().isupper()):
        dateline_end = dl.end()
    sentences: list[Sentence] = []
    paragraph = -1
    for line in re.finditer(r"[^\n]+", text):
        if len(sentences) >= MAX_SENTENCES:
            break
        raw = line.group(0)
        if not raw.strip():
            continue
        paragraph += 1
        is_title = (bool(prefix) and line.start() < len(prefix)) or (
            bool(title) and paragraph <= 1 and fold_aligned(raw).strip() == fold_aligned(title)
        )
        lstart = line.start()
        bounds: list[int] = [0]
        for match in _SPLIT.finditer(raw):
            before = fold_aligned(raw[max(0, match.start() - 12) : match.start()]).rstrip()
            before = re.sub(r"[\"'»”)\]]+$", "", before)
            if _ABBREV.search(before):
                continue
            bounds.append(match.end())
        bounds.append(len(raw))
        for a, b in zip(bounds, bounds[1:]):
            seg = raw[a:b]
            stripped = seg.strip()
            if not stripped:
                continue
            s0 = lstart + a + (len(seg) - len(seg.lstrip()))
            s1 = s0 + len(stripped)
            for p0, p1 in _split_long(text, s0, s1):
                if len(sentences) >= MAX_SENTENCES:
                    break
                piece = text[p0:p1]
                heading = (
                    len(bounds) == 2 and len(piece) < 90 and not re.search(r"[.!?:;»\"”]\s*$", piece) and not is_title
                )
                sentences.append(Sentence(p0, p1, piece, paragraph, len(sentences), heading, is_title))
    return Document(
        text=text, folded=folded, sentences=tuple(sentences), dateline_end=dateline_end, prefix_len=len(prefix)
    )
