"""Property: the run-file loader takes any bytes. A line that is not a usable item is rejected alone with one log
line naming the file and line; every usable item lands in raw.reports (hostile text cleaned of NUL and lone
surrogates, never lost); the load never raises and never leaves part of itself behind.

200 generated run files, each loaded into the real warehouse; one case then runs clean -> dedup -> extract -> fuse
over absurd fetch and page dates."""

from __future__ import annotations

import itertools
import json
import logging
from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
from hypothesis import given
from hypothesis import strategies as st

from sahelwatch.interval import Interval
from sahelwatch.load.raw import load_run_files

from .properties import EXAMPLES, HOSTILE_TEXT, PROPERTY, ran, report
from .steps import run_steps

DAY = Interval.for_day(date(2025, 6, 2))
FETCHED = "2025-06-02T10:00:00+00:00"
TEXT = "Des hommes armés ont tué trois civils dimanche à Djibo, dans le nord du Burkina Faso."
TEXT_COLUMNS = (
    "source_id",
    "url",
    "final_url",
    "title",
    "feed_title",
    "feed_summary",
    "feed_published",
    "page_published",
    "author",
    "text",
)
_SERIAL = itertools.count()
JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), HOSTILE_TEXT)
JSON_ANY = st.recursive(
    JSON_SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def _item(url: str, **fields: object) -> dict:
    return {
        "url": url,
        "source_id": "src",
        "fetched_at": FETCHED,
        "title": "t",
        "text": TEXT,
        "http_status": 200,
        **fields,
    }


def _isoish(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


@st.composite
def kept_item(draw: st.DrawFn, url: str) -> bytes:
    """A usable item whose strings and dates are hostile: lands, cleaned."""
    fields = {column: draw(HOSTILE_TEXT) for column in draw(st.sets(st.sampled_from(TEXT_COLUMNS[2:]), max_size=5))}
    fields["http_status"] = draw(st.one_of(st.integers(0, 999), st.sampled_from(["", None, "404", True, 0.0])))
    fields["fetched_at"] = draw(
        st.one_of(
            st.just(FETCHED),
            st.datetimes().map(datetime.isoformat),
            st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat),
        )
    )
    fields["html"] = draw(HOSTILE_TEXT)
    fields.update(
        draw(
            st.dictionaries(
                st.text(min_size=1, max_size=8).filter(lambda k: k not in _item("u") and k != "html"),
                JSON_ANY,
                max_size=2,
            )
        )
    )
    return json.dumps(_item(url + draw(HOSTILE_TEXT.filter(lambda t: "\x00" not in t)), **fields)).encode()


@st.composite
def rejected_line(draw: st.DrawFn, url: str) -> bytes:
    """A line that must be rejected: not an object, a required field missing or wrong, too deep, too big, cut,
    binary junk."""
    kind = draw(
        st.sampled_from(
            [
                "scalar",
                "no url",
                "no source",
                "no fetched_at",
                "bad fetched_at",
                "bad status",
                "deep",
                "huge int",
                "truncated",
                "junk",
            ]
        )
    )
    if kind == "scalar":
        return json.dumps(draw(JSON_ANY.filter(lambda v: not isinstance(v, dict)))).encode()
    if kind == "no url":
        return json.dumps(_item(draw(st.sampled_from([None, "", "\x00", "\x00\x00"])))).encode()
    if kind == "no source":
        return json.dumps(_item(url, source_id=draw(st.sampled_from([None, "", 0, False, [], {}])))).encode()
    if kind == "no fetched_at":
        item = _item(url)
        del item["fetched_at"]
        return json.dumps(item).encode()
    if kind == "bad fetched_at":
        value = draw(st.one_of(st.none(), HOSTILE_TEXT.filter(lambda t: not _isoish(str(t)))))
        return json.dumps(_item(url, fetched_at=value)).encode()
    if kind == "bad status":
        status = draw(
            st.one_of(
                st.integers(max_value=-1),
                st.integers(min_value=1000),
                st.sampled_from(["abc", "1e3", float("nan"), float("inf"), float("-inf")]),
            )
        )
        return json.dumps(_item(url, http_status=status)).encode()
    if kind == "deep":
        depth = draw(st.integers(min_value=2_000, max_value=100_000))
        return b'{"url": "' + url.encode() + b'", "x": ' + b"[" * depth + b"]" * depth + b"}"
    if kind == "huge int":
        return b'{"url": "' + url.encode() + b'", "http_status": ' + b"9" * draw(st.integers(4_301, 10_000)) + b"}"
    if kind == "truncated":
        line = json.dumps(_item(url)).encode()
        return line[: draw(st.integers(min_value=0, max_value=len(line) - 1))]
    return draw(
        st.binary(min_size=1, max_size=200).filter(
            lambda b: b"\n" not in b and b"\r" not in b and not b.lstrip().startswith(b"{")
        )
    )


@st.composite
def run_file(draw: st.DrawFn) -> list[tuple[str, str | None, bytes]]:
    """Lines of one run file: (kind, the URL prefix a landed item starts with, the bytes)."""
    serial = next(_SERIAL)
    lines = []
    for n in range(draw(st.integers(min_value=1, max_value=3))):
        url = f"https://good.example/{serial}/{n}"
        lines.append(("good", url, json.dumps(_item(url)).encode()))
    for n in range(draw(st.integers(min_value=0, max_value=3))):
        url = f"https://odd.example/{serial}/{n}/"
        lines.append(("kept", url, draw(kept_item(url))))
    for n in range(draw(st.integers(min_value=0, max_value=4))):
        lines.append(("rejected", None, draw(rejected_line(f"https://bad.example/{serial}/{n}"))))
    return draw(st.permutations(lines))


@PROPERTY
@given(lines=run_file())
def test_a_run_file_loads_every_usable_item_and_rejects_the_rest_alone(
    lines, conn: psycopg.Connection, tmp_path: Path, caplog
) -> None:
    ran("load: run file")
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"\n".join(line for _, _, line in lines) + b"\n")
    caplog.clear()
    caplog.set_level(logging.INFO, logger="sahelwatch.load.raw")
    result = load_run_files(conn, [path], DAY)

    rejected = {n for n, (kind, _, _) in enumerate(lines, start=1) if kind == "rejected"}
    usable = [prefix for kind, prefix, _ in lines if kind != "rejected"]
    assert (result.lines_read, result.rows_valid, result.lines_rejected) == (len(lines), len(usable), len(rejected))
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert all(m.startswith("hostile.jsonl line ") and " rejected: " in m and "\n" not in m for m in errors)
    assert {int(m.split()[2]) for m in errors} == rejected and len(errors) == len(rejected)

    for prefix in usable:  # every usable item landed once, its text cleaned, not lost
        rows = conn.execute(
            "select url, title, text, author from raw.reports where url like %s",
            (prefix.replace("%", r"\%").replace("_", r"\_") + "%",),
        ).fetchall()
        assert len(rows) == 1, prefix
        assert not any("\x00" in (value or "") for value in rows[0])
    assert conn.execute("select count(*) from raw.reports where url like 'https://bad.example/%'").fetchone()[0] == 0
    conn.execute("delete from raw.reports")
    conn.commit()


def test_property_case_counts() -> None:
    assert report("load: run file") in (0, *range(EXAMPLES, 10 * EXAMPLES))


def test_absurd_fetch_and_page_dates_go_through_every_step(conn: psycopg.Connection, tmp_path: Path) -> None:
    """Fetch times of year 1 and 9999 and page dates of 9999 land (the loader stores what was fetched), and clean ->
    dedup -> extract -> fuse run over them: no published_at outside 1990 .. tomorrow, no incident dated there."""
    lines = []
    for n, (fetched, page) in enumerate(
        [
            ("9999-12-31T23:59:59+00:00", "9999-12-31T23:00:00-05:00"),
            ("0001-01-01T00:00:00+00:00", "1970-01-01"),
            ("9999-12-31T23:59:59", "Fri, 31 Dec 9999 23:59:59 GMT"),
            (FETCHED, "9999-12-31"),
            (FETCHED, "2025-06-01T08:00:00Z"),
        ]
    ):
        lines.append(
            json.dumps(
                _item(
                    f"https://dates.example/{n}",
                    fetched_at=fetched,
                    page_published=page,
                    text=TEXT.replace("trois", ["deux", "quatre", "cinq", "six", "sept"][n]),
                )
            )
        )
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_run_files(conn, [path], DAY).rows_inserted == len(lines)
    run_steps(conn, DAY)
    published = [row[0] for row in conn.execute("select published_at from staging.reports")]
    assert len(published) == len(lines)
    assert all(p is None or date(1990, 1, 1) <= p.date() <= datetime.now(UTC).date() for p in published)
    assert conn.execute("select count(*) from staging.reports where published_at is not null").fetchone()[0] == 1
    days = [row[0] for row in conn.execute("select event_date from marts.incidents")]
    assert all(date(1990, 1, 1) <= d <= datetime.now(UTC).date() for d in days)
