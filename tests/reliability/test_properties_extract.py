"""Property: `sahelwatch extract` reads any input line by line. A line that is not a valid report is skipped with one
line on stderr (`line N: <reason>; skipped`); every valid report is extracted, whatever odd text it holds (lone
surrogates, NUL, bidi controls); stdout holds only whole JSON objects that encode as UTF-8; the exit code is 0 when a
report was read, 1 when none was.

The pure function `sahelwatch.extract.cli.run` takes the generated cases (200 per property); a few subprocess cases
run the real command on a file (a 10 MB line, undecodable bytes, deep nesting).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sahelwatch.config import REPO_ROOT
from sahelwatch.extract import cli

from .properties import EXAMPLES, HOSTILE_TEXT, PROPERTY, ran, report

GOOD_TEXTS = (
    "Des hommes armés ont tué trois civils dimanche à Djibo, dans le nord du Burkina Faso.",
    "Des hommes armés ont tué sept civils samedi à Tillia, dans la région de Tahoua.",
    "Gunmen killed twelve soldiers on Saturday in an attack on an army post near Boni, in central Mali.",
)
PUBLISHED = "2025-06-02T08:00:00Z"
SKIPPED = re.compile(r"^line (\d+): [^\n]+; skipped$")
NOTHING = "no report read: "
TODAY = datetime.now(UTC).date()


def _good(number: int) -> tuple[str, str]:
    rid = f"good-{number}"
    return rid, json.dumps(
        {
            "id": rid,
            "url": f"https://example.org/{number}",
            "title": "Sahel",
            "text": GOOD_TEXTS[number % len(GOOD_TEXTS)],
            "published_at": PUBLISHED,
        }
    )


def _iso(moment: datetime) -> str:
    return moment.isoformat()


# Days far enough outside 1990-01-01 .. tomorrow that no time zone brings them back in.
ABSURD_DAY = st.one_of(
    st.datetimes(max_value=datetime(1989, 12, 30)),
    st.datetimes(min_value=datetime.combine(TODAY + timedelta(days=3), datetime.min.time())),
)
OFFSET = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: f"{'-' if m < 0 else '+'}{abs(m) // 60:02d}:{abs(m) % 60:02d}"
)
ABSURD_DATE = st.one_of(
    ABSURD_DAY.map(_iso),
    st.tuples(ABSURD_DAY, OFFSET).map(lambda t: t[0].isoformat() + t[1]),
    st.sampled_from(
        ["9999-12-31", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "1970-01-01T00:00:00Z", "1989-12-31"]
    ),
)
IN_RANGE = st.datetimes(min_value=datetime(1990, 1, 2), max_value=datetime(2025, 12, 31)).map(
    lambda d: d.isoformat() + "Z"
)
JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), HOSTILE_TEXT)
JSON_ANY = st.recursive(
    JSON_SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
NOT_A_STRING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _report(rid: object, text: object, published: object, **extra: object) -> str:
    return json.dumps({"id": rid, "text": text, "published_at": published, **extra})


@st.composite
def bad_line(draw: st.DrawFn) -> str:
    """A line that must be skipped: not JSON, not an object, a wrong type, an absurd date, too deep, too big."""
    kind = draw(
        st.sampled_from(
            [
                "junk",
                "scalar",
                "no id",
                "wrong text",
                "wrong date",
                "absurd date",
                "wrong optional",
                "deep",
                "huge int",
                "truncated",
            ]
        )
    )
    text = draw(st.sampled_from(GOOD_TEXTS))
    if kind == "junk":  # free text that cannot open a JSON object
        return draw(HOSTILE_TEXT.filter(lambda t: t.strip() and not t.lstrip().startswith("{")))
    if kind == "scalar":
        return json.dumps(draw(JSON_ANY.filter(lambda v: not isinstance(v, dict))))
    if kind == "no id":
        rid = draw(
            st.one_of(
                st.none(),
                st.just(""),
                st.just("  "),
                st.just("\x00"),
                st.booleans(),
                st.lists(st.integers(), max_size=2),
                st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
            )
        )
        return _report(rid, text, PUBLISHED)
    if kind == "wrong text":
        return _report("x", draw(NOT_A_STRING), PUBLISHED)
    if kind == "wrong date":
        value = draw(st.one_of(NOT_A_STRING, HOSTILE_TEXT.filter(lambda t: not _isoish(t))))
        return _report("x", text, value)
    if kind == "absurd date":
        return _report("x", text, draw(ABSURD_DATE))
    if kind == "wrong optional":
        key = draw(st.sampled_from(["title", "url", "language", "country_hint"]))
        value = draw(
            NOT_A_STRING.filter(
                lambda v: (
                    v not in (None, False, 0, 0.0, [], {}) or key in ("language", "country_hint") and v is not None
                )
            )
        )
        return _report("x", text, PUBLISHED, **{key: value})
    if kind == "deep":
        depth = draw(st.integers(min_value=2_000, max_value=100_000))
        return '{"id": "x", "text": ' + "[" * depth + "]" * depth + "}"
    if kind == "huge int":
        return '{"id": ' + "7" * draw(st.integers(min_value=4_301, max_value=20_000)) + ', "text": "t"}'
    line = _report("x", text, PUBLISHED)
    return line[: draw(st.integers(min_value=1, max_value=len(line) - 1))]


def _isoish(value: str) -> bool:
    try:
        datetime.fromisoformat(value.strip().removesuffix("Z").removesuffix("z"))
    except ValueError:
        return False
    return True


@st.composite
def odd_report(draw: st.DrawFn) -> tuple[str, str]:
    """A valid report whose strings are hostile (lone surrogates as JSON escapes, NUL, bidi controls): kept."""
    rid = "odd-" + draw(HOSTILE_TEXT)
    fields = {
        "id": rid,
        "text": draw(HOSTILE_TEXT) + " " + draw(st.sampled_from(GOOD_TEXTS)),
        "title": draw(HOSTILE_TEXT),
        "url": draw(HOSTILE_TEXT),
        "published_at": draw(IN_RANGE),
    }
    if draw(st.booleans()):
        fields["language"] = draw(st.sampled_from(["fr", "en", "xx", "\ud800", "", "f\x00r"]))
    if draw(st.booleans()):
        fields["country_hint"] = draw(HOSTILE_TEXT)
    return rid, json.dumps(fields)


def _run(lines: list[str]) -> tuple[int, list[str], list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(iter(lines), out, err)
    # JSON Lines are split on "\n" alone: a string may hold U+0085 or U+2028, which str.splitlines would cut at
    for text in (out.getvalue(), err.getvalue()):
        assert text == "" or text.endswith("\n")  # nothing half-written
    return code, out.getvalue().split("\n")[:-1], err.getvalue().split("\n")[:-1]


def _check_output(out: list[str]) -> list[dict]:
    """Whole JSON objects only, one per line (json.loads fails on a cut one), each encodable as UTF-8 and free of
    NUL."""
    rows = []
    for line in out:
        line.encode("utf-8")  # raises on a lone surrogate
        assert "\x00" not in line and "\\u0000" not in line
        rows.append(json.loads(line))
    return rows


@PROPERTY
@given(
    goods=st.lists(st.integers(min_value=0, max_value=2), min_size=1, max_size=3),
    bads=st.lists(bad_line(), max_size=4),
    odds=st.lists(odd_report(), max_size=2),
    order=st.randoms(),
)
def test_bad_lines_are_skipped_alone_and_every_report_is_extracted(goods, bads, odds, order) -> None:
    ran("extract: mixed input")
    items = [("good", *_good(number)) for number in goods]
    items += [("bad", None, line) for line in bads] + [("odd", rid, line) for rid, line in odds]
    order.shuffle(items)
    code, out, err = _run([line for _, _, line in items])
    rows = _check_output(out)
    assert code == 0
    bad_numbers = {n for n, (kind, _, _) in enumerate(items, start=1) if kind == "bad"}
    assert all(SKIPPED.match(line) for line in err), err
    assert {int(SKIPPED.match(line)[1]) for line in err} == bad_numbers and len(err) == len(bad_numbers)
    extracted = {row["report_id"] for row in rows}
    for kind, rid, _ in items:
        if kind == "good":
            assert rid in extracted  # every good report still gives its incident
    assert all(row["report_id"].encode("utf-8") for row in rows)


@PROPERTY
@given(bads=st.lists(bad_line(), max_size=6), blanks=st.integers(min_value=0, max_value=2))
def test_input_without_a_valid_report_exits_1_with_a_reason_per_line(bads, blanks) -> None:
    ran("extract: nothing valid")
    code, out, err = _run(bads + ["\n"] * blanks)
    assert code == 1 and out == []
    assert len(err) == len(bads) + 1 and all(SKIPPED.match(line) for line in err[:-1])
    assert err[-1].startswith(NOTHING)


def test_property_case_counts() -> None:
    """Run last in this file: each property above ran its cases (the floor of issue 17)."""
    for name in ("extract: mixed input", "extract: nothing valid"):
        assert report(name) >= EXAMPLES or report(name) == 0  # 0 when run alone with -k


# --- the real command, on files -----------------------------------------------------------------------------------

SAHELWATCH = str(REPO_ROOT / "bin" / "sahelwatch")


def _cli(path: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([SAHELWATCH, "extract", str(path)], capture_output=True, timeout=300, check=False)


def test_the_command_survives_hostile_lines_between_good_reports(tmp_path: Path) -> None:
    """Lone surrogate, NUL, bidi, a 10 MB line, 100 000-deep nesting, undecodable bytes, a 9999 date: each bad line
    is one line on stderr, each good report gives its incident, exit 0."""
    good = [_good(n) for n in range(3)]
    lines = [
        good[0][1].encode(),
        _report("surrogate", "\ud800 " + GOOD_TEXTS[1], PUBLISHED).encode(),  # kept, U+FFFD
        _report("nul-bidi", "\x00\u202e" + GOOD_TEXTS[2], PUBLISHED).encode(),  # kept
        b'{"id": "ten-mb", "text": "' + b"a" * 10_000_000 + b'"',  # truncated: skipped
        b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",  # skipped
        b'{"id": "bytes", "text": "\xff\xfe caf\xe9", "published_at": "' + PUBLISHED.encode() + b'"}',  # kept
        _report("future", GOOD_TEXTS[0], "9999-12-31").encode(),  # skipped
        good[1][1].encode(),
        b"[1, 2",  # skipped
        good[2][1].encode(),
    ]
    path = tmp_path / "reports.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    done = _cli(path)
    assert done.returncode == 0, done.stderr[-2000:]
    err = done.stderr.decode().splitlines()
    assert [int(SKIPPED.match(line)[1]) for line in err] == [4, 5, 7, 9], err
    assert "at column 10000028" in err[0] and "nested too deeply" in err[1] and "in the future" in err[2]
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    extracted = {row["report_id"] for row in rows}
    assert {"good-0", "good-1", "good-2", "surrogate", "nul-bidi"} <= extracted


def test_the_command_exits_1_when_no_line_is_a_report(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "r1", "text": "abc", \n[1]\n\n', encoding="utf-8")
    done = _cli(path)
    assert done.returncode == 1 and done.stdout == b""
    err = done.stderr.decode().splitlines()
    assert err[0] == "line 1: invalid JSON (Expecting property name enclosed in double quotes at column 29); skipped"
    assert err[1].startswith("line 2: ") and err[2].startswith(NOTHING) and len(err) == 3
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    done = _cli(empty)
    assert done.returncode == 1 and "the input is empty" in done.stderr.decode()
