"""A small, seeded generator of hostile run-file lines (hypothesis is not installed; this is deterministic instead).

Every case says what the loader must do with it:
  "land"   - a well-formed item with hostile content: it is stored, and `expected_title` is what raw.reports holds
             (NUL removed, undecodable bytes and lone surrogates as U+FFFD, everything else verbatim);
  "reject" - a line that cannot be an item: skipped alone, with an error naming the line.
Good, ordinary items are interleaved between the cases by `build_run_file`.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEED = 20250602
FETCHED = "2025-06-02T08:00:00+00:00"

SQL_PAYLOADS = [
    "'); drop table raw.reports; --",
    "Robert'); DROP TABLE raw.reports;--",
    "x' or '1'='1",
    '"; truncate staging.reports cascade; --',
    "1; delete from marts.incidents where true; --",
    "$$; drop schema raw cascade; $$",
    "E'\\\\x00' || pg_sleep(10) || '",
    "'; copy raw.reports to '/tmp/x'; --",
    "%s %s %(title)s {0} {title}",
    "\\.\n\\copy raw.reports from program 'id'",
]
MARKUP_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(document.cookie)>",
    "<![CDATA[<script>evil()</script>]]>",
    "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
    "<svg/onload=fetch('http://169.254.169.254/')>",
    "javascript:alert(1)",
]
ABSURD_DATES = [
    "1900-01-01",
    "1900-01-01T00:00:00Z",
    "2099-12-31T23:59:59+00:00",
    "2099-01-01",
    "0000-00-00",
    "9999-99-99T99:99:99",
    "-0001-01-01",
    "1970-01-01T00:00:00Z",
    "Mon, 32 Foo 2099 25:61:00 +9999",
    "",
    "yesterday",
    "1e10",
    "NaN",
    "2025-06-02T08:00:00+25:00",
    "\x00\x00",
    "२०२५-०६-०२",
]
_FILLER = (
    "Les habitants décrivent une situation tendue dans la zone depuis plusieurs semaines, avec des "
    "déplacements de population vers les villes voisines et une présence accrue des forces de sécurité "
    "sur les axes routiers principaux de la région."
)
GOOD_TEXT = [
    "Le 1er juin 2025, des hommes armés ont attaqué le village de Boni, près de Douentza, tuant 12 civils. "
    "L'armée malienne a confirmé l'attaque dans un communiqué publié lundi. " + _FILLER,
    "Au moins 7 soldats burkinabè ont été tués dimanche 1er juin 2025 dans une embuscade près de Djibo, dans la "
    "province du Soum, selon des sources sécuritaires. " + _FILLER,
    "Gunmen killed 5 villagers near Tillabéri in western Niger on Sunday, June 1, 2025, local officials said. "
    "The attack was blamed on militants linked to the Islamic State. Residents said the situation in the area had "
    "been tense for several weeks, with families leaving for nearby towns and more troops on the main roads.",
]
_PLACES = ("Boni", "Djibo", "Tillabéri", "Ménaka", "Gao", "Tombouctou", "Dori", "Kaya", "Ouahigouya", "Mopti")


@dataclass(frozen=True)
class Case:
    kind: str
    line: bytes  # without the newline
    expect: str  # "land" | "reject"
    url: str | None = None
    expected_title: str | None = None


def item(url: str, **fields: Any) -> dict[str, Any]:
    values = {
        "source_id": "fuzz-source",
        "source_country": "Mali",
        "url": url,
        "final_url": url,
        "feed_url": "http://127.0.0.1/feed/",
        "title": "Attaque meurtrière dans le centre du pays",
        "text": GOOD_TEXT[0],
        "html": "<html><body><p>ok</p></body></html>",
        "http_status": 200,
        "fetched_at": FETCHED,
        "language_hint": "fr",
        "page_published": "2025-06-02T07:00:00+00:00",
    }
    values.update(fields)
    return values


def dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=True).encode("ascii")


def stored(value: str) -> str:
    """What the loader keeps of a text value: NUL removed, lone surrogates as U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", value.replace("\x00", ""))


class Corpus:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.n = 0
        self.cases: list[Case] = []

    def babble(self, words: int = 60) -> str:
        """Seeded pseudo-words that make each text distinct enough to survive deduplication."""
        letters = "abcdefghijklmnopqrstuvwxyzéè"
        return " ".join("".join(self.rng.choice(letters) for _ in range(self.rng.randint(3, 9))) for _ in range(words))

    def url(self, kind: str) -> str:
        self.n += 1
        return f"https://fuzz.example/{kind}/{self.n}"

    def land(
        self,
        kind: str,
        title: Any = None,
        raw_line: bytes | None = None,
        expected_title: str | None = None,
        **fields: Any,
    ) -> None:
        url = self.url(kind)
        if title is not None:
            fields["title"] = title
        fields["text"] = f"{fields.get('text', GOOD_TEXT[0])} {self.babble()}"  # distinct, so dedup keeps it
        value = item(url, **fields)
        expected = expected_title if expected_title is not None else _expected_text(value["title"])
        self.cases.append(Case(kind, raw_line(url) if callable(raw_line) else dump(value), "land", url, expected))

    def reject(self, kind: str, line: bytes) -> None:
        assert b"\n" not in line and b"\r" not in line, kind
        self.cases.append(Case(kind, line, "reject"))

    # ------------------------------------------------------------------ the corpus
    def build(self) -> list[Case]:
        rng = self.rng
        # hostile content that must land verbatim
        for payload in SQL_PAYLOADS + MARKUP_PAYLOADS:
            self.land(
                "sql-or-markup-title", payload, text=f"{GOOD_TEXT[1]} {payload}", feed_title=payload, author=payload
            )
        for _ in range(16):
            junk = "".join(chr(rng.choice([*range(0, 32), 127, *range(0x80, 0xA0)])) for _ in range(rng.randint(1, 40)))
            self.land("control-chars", f"Titre {junk} fin", text=f"{junk}{GOOD_TEXT[0]}{junk}")
        for _ in range(12):
            title = "Attaque" + "\x00" * rng.randint(1, 5) + " à Gao" + "\x00"
            self.land("nul-bytes", title, text="\x00" + GOOD_TEXT[2].replace(" ", " \x00", 3))
        for date in ABSURD_DATES:
            self.land("absurd-date", f"Date {date!r}", feed_published=date, page_published=date)
        for year in (1900, 2099):
            self.land("absurd-fetched-at", f"fetched {year}", fetched_at=f"{year}-06-02T08:00:00+00:00")
        for size in (1_000_000, 1_048_576):
            self.land("huge-string", "Titre " + "é" * size, text="mot " * (size // 4), html="<p>" + "x" * size)
        for _ in range(16):
            blob = bytes(rng.randrange(256) for _ in range(rng.randint(10, 400))).decode("latin-1")
            self.land("latin1-junk", blob, text=blob + " " + GOOD_TEXT[0])
        for _ in range(8):  # a UTF-8 file with Latin-1 bytes in a string: read with replacement, kept

            def mixed(url: str) -> bytes:
                return (
                    b'{"source_id": "fuzz-source", "url": "'
                    + url.encode()
                    + b'", "fetched_at": "'
                    + FETCHED.encode()
                    + b'", "title": "Pr\xe9sident \xe0 Niamey \xc3\xa9t\xc3\xa9", "text": "'
                    + GOOD_TEXT[2].encode()
                    + b'", "http_status": 200}'
                )

            self.land("mixed-encoding", raw_line=mixed, expected_title="Pr\ufffdsident \ufffd Niamey été")
        for surrogate in ("\ud800", "\udfff", "a\udc80b", "\ud83d"):
            self.land("lone-surrogate", f"Titre {surrogate} fin", text=f"{surrogate} {GOOD_TEXT[1]}")
        for value in (42, 3.5, True, ["a", "b"], {"k": "v"}):  # wrong scalar types are kept as their text
            self.land("wrong-type-title", value)
        for status in (0, 100, 599, 999, "404", 200.0):
            self.land("odd-but-valid-status", f"status {status!r}", http_status=status)

        # lines that cannot be items
        for text in [
            "{not json",
            "{",
            "}",
            "[",
            "",
            " ",
            "null",
            "true",
            "42",
            '"a string"',
            "[]",
            "[1, 2, 3]",
            "{'single': 'quotes'}",
            '{"a": 1,}',
            '{"url": "https://x"',
            '{url: "https://x"}',
            "\x00\x00\x00",
            "\ufeff",
            "NaN",
            "{}{}",
            '{"a":1} trailing',
            "<item><title>rss</title></item>",
            "'); drop table raw.reports; --",
            "<script>alert(1)</script>",
        ]:
            self.reject("broken-json", text.encode("utf-8"))
        for _ in range(40):  # a proper prefix of a JSON object is never valid JSON
            good = dump(item(self.url("truncated"), title=f"t{rng.random()}"))
            self.reject("truncated-json", good[: rng.randint(1, len(good) - 1)])
        for _ in range(12):  # raw binary junk (no line breaks)
            blob = bytes(rng.choice([b for b in range(256) if b not in (10, 13)]) for _ in range(rng.randint(1, 300)))
            if blob.lstrip()[:1] in (b"{", b"[", b'"') or blob.strip() in (b"", b"0"):
                blob = b"\xff" + blob
            self.reject("binary-junk", blob)
        self.reject("deep-nesting-array", b"[" * 200_000 + b"]" * 200_000)
        self.reject(
            "deep-nesting-value",
            b'{"url": "https://deep", "source_id": "s", "title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        )
        self.reject("huge-integer", b'{"url": "https://big", "source_id": "s", "http_status": ' + b"9" * 5000 + b"}")
        for name, fields in [
            ("missing-url", {"url": None}),
            ("empty-url", {"url": ""}),
            ("nul-url", {"url": "\x00\x00"}),
            ("missing-source", {"source_id": None}),
            ("empty-source", {"source_id": ""}),
            ("missing-fetched-at", {"fetched_at": None}),
        ]:
            value = item(self.url(name))
            value.update(fields)
            if value.get("fetched_at") is None:
                value.pop("fetched_at")
            self.reject(name, dump(value))
        for bad in [
            "not a date",
            12345,
            2025060,
            "2025-13-45T00:00:00",
            "2025-06-02T25:00:00",
            {"$date": 1},
            ["2025-06-02"],
            "",
            "\x00",
            "2025-06-02T08:00:00+99:00",
            "99999-01-01T00:00:00",
        ]:
            self.reject("bad-fetched-at", dump(item(self.url("bad-fetched-at"), fetched_at=bad)))
        for bad in [
            "abc",
            "two hundred",
            "2OO",
            {"code": 200},
            [200],
            10**12,
            2**31,
            -(2**31) - 1,
            -1,
            -404,
            1000,
            10**100,
            "1e9",
            "0x1F4",
        ]:
            self.reject("bad-http-status", dump(item(self.url("bad-http-status"), http_status=bad)))
        for bad in ("Infinity", "-Infinity", "NaN", "1e999", "-1e999"):
            line = dump(item(self.url("non-finite-status"))).replace(
                b'"http_status": 200', b'"http_status": ' + bad.encode()
            )
            self.reject("non-finite-status", line)
        return self.cases


def plain_run_file(path: Path, prefix: str, lines: int) -> list[dict[str, Any]]:
    """A run file of `lines` distinct good items (URLs under `prefix`), and the crawl results that name it: the
    bulk input of the tests that interrupt or starve a big load."""
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(lines):
            handle.write(
                json.dumps(item(f"https://bulk.example/{prefix}/{n}", title=f"Dépêche {n}", text=GOOD_TEXT[n % 3]))
                + "\n"
            )
    return [{"source_id": "fuzz-source", "run_file": str(path), "status": "ok", "stats": {"items_seen": lines}}]


def _expected_text(value: Any) -> str:
    return stored(str(value))


def build_run_file(path: Path, seed: int = SEED) -> tuple[list[Case], list[Case]]:
    """Write a run file of the corpus with a good item before every case (and one at the end); return
    (all lines as cases, in file order; the hostile cases)."""
    corpus = Corpus(seed)
    hostile = corpus.build()
    corpus.rng.shuffle(hostile)
    lines: list[Case] = []
    for index, case in enumerate(hostile + [None]):  # type: ignore[list-item]
        url = corpus.url("good")
        place = _PLACES[index % len(_PLACES)]
        words = corpus.babble()
        text = GOOD_TEXT[index % len(GOOD_TEXT)].replace("Boni", place).replace("12 civils", f"{index % 30 + 2} civils")
        good = item(url, title=f"Attaque à {place} : article numéro {index}", text=f"{text} {words}")
        lines.append(Case("good", dump(good), "land", url, good["title"]))
        if case is not None:
            lines.append(case)
    path.write_bytes(b"".join(case.line + b"\n" for case in lines))
    return lines, hostile
