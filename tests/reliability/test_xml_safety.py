"""XML entity safety of the feed parser (sahelwatch.crawl.feeds.parse_feed, i.e. feedparser): an internal-entity
bomb is not expanded, and external entities (a local file, an HTTP URL on 127.0.0.1) are neither read nor fetched.
The sitemap parser has its own test: tests/crawl/test_parsers.py::test_sitemap_entities_are_not_expanded."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sahelwatch.crawl.feeds import parse_feed

SECRET = "TOP-SECRET-MARKER-5f2c9a"
FEED_URL = "http://127.0.0.1/feed.xml"


def laughs(levels: int = 10, width: int = 10) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    for level in range(1, levels):
        lines.append(f'<!ENTITY lol{level} "' + f"&lol{level - 1};" * width + '">')
    return "\n".join(lines)


def rss(doctype: str, title: str, summary: str = "ok") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [\n{doctype}\n]>\n'
        f'<rss version="2.0"><channel><title>{title}</title><link>http://127.0.0.1/</link>'
        f"<item><title>{title}</title><link>http://127.0.0.1/a</link><description>{summary}</description>"
        "<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item></channel></rss>"
    ).encode()


def atom(doctype: str, title: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE feed [\n{doctype}\n]>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><id>x</id>'
        f'<entry><title>{title}</title><link href="http://127.0.0.1/a"/><id>a</id>'
        "<updated>2025-06-02T08:00:00Z</updated></entry></feed>"
    ).encode()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A socket on 127.0.0.1 that an external entity points at: it must never be connected to."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def connections(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            client, _ = server.accept()
        except BlockingIOError:
            return count
        client.close()
        count += 1


def text_of(result) -> str:  # noqa: ANN001
    return " ".join(f"{e.title} {e.summary} {e.author}" for e in result.entries) + f" {result.detail}"


@pytest.mark.parametrize("make", [rss, atom], ids=["rss", "atom"])
def test_billion_laughs_is_not_expanded(make) -> None:  # noqa: ANN001
    body = make(laughs(10, 10), "&lol9;")  # 10^9 "lol"s if expanded: 3 GB
    started = time.perf_counter()
    result = parse_feed(body, FEED_URL, "application/rss+xml")
    elapsed = time.perf_counter() - started
    print(
        f"billion laughs ({len(body)} bytes): {len(result.entries)} entries, problem {result.problem}, {elapsed:.3f} s"
    )
    assert elapsed < 10
    assert len(text_of(result)) < 10_000
    assert "lollollol" not in text_of(result)


@pytest.mark.parametrize("make", [rss, atom], ids=["rss", "atom"])
@pytest.mark.parametrize("scheme", ["file-system", "file-public", "parameter-entity"])
def test_external_entities_do_not_read_local_files(make, scheme: str, secret_file: Path) -> None:  # noqa: ANN001
    uri = secret_file.as_uri()
    doctype, title = {
        "file-system": (f'<!ENTITY xxe SYSTEM "{uri}">', "&xxe;"),
        "file-public": (f'<!ENTITY xxe PUBLIC "-//x//y" "{uri}">', "&xxe;"),
        "parameter-entity": (f'<!ENTITY % ext SYSTEM "{uri}"> %ext;', "Titre"),
    }[scheme]
    result = parse_feed(make(doctype, title), FEED_URL, "application/rss+xml")
    print(f"{scheme}: {len(result.entries)} entries, problem {result.problem}, warnings {result.warnings}")
    assert SECRET not in text_of(result)


@pytest.mark.parametrize("make", [rss, atom], ids=["rss", "atom"])
def test_external_entities_are_not_fetched(make, listener: socket.socket) -> None:  # noqa: ANN001
    port = listener.getsockname()[1]
    doctype = (
        f'<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/xxe">\n'
        f'<!ENTITY % dtd SYSTEM "http://127.0.0.1:{port}/evil.dtd"> %dtd;'
    )
    result = parse_feed(make(doctype, "&xxe;"), FEED_URL, "application/rss+xml")
    print(f"http entity: {len(result.entries)} entries, problem {result.problem}")
    time.sleep(0.2)
    assert connections(listener) == 0


def test_etc_passwd_is_not_read() -> None:
    if not Path("/etc/passwd").exists():
        pytest.skip("no /etc/passwd")
    result = parse_feed(rss('<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;"), FEED_URL)
    assert "root:" not in text_of(result)
