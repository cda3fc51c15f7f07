"""A loopback-only server for the replica outlets, so demos and tests crawl real HTTP without the internet.

The site files hold the placeholder ``{base}`` wherever an absolute URL is needed, because the port is only known once
the socket is bound; every served text file has it replaced by ``http://127.0.0.1:PORT``. SPIP serves its feed and
articles from ``spip.php?...`` query URLs, which cannot be file names, so those are mapped to files explicitly.
Files are served with an ETag and answer a matching If-None-Match with 304, as WordPress and SPIP do.

A few paths are computed per request (sahelwatch.replica.dynamic): the API imitations, the search feed and the fault
pages; they are served only by the default site, not by a ReplicaServer(root=...) of generated files.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import re
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
SITE_DIR = PACKAGE_DIR / "site"
SOURCES_FILE = PACKAGE_DIR / "sources.yaml"
FAULTS_FILE = PACKAGE_DIR / "faults.yaml"
HOST = "127.0.0.1"  # never 0.0.0.0: the replica must not be reachable from other machines
PLACEHOLDER = "{base}"
ROBOTS_TXT = b"User-agent: *\nDisallow:\n"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",  # both RSS 2.0 feeds are stored as .xml
    ".rdf": "application/rdf+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
_SPIP_ARTICLE = re.compile(r"article(\d+)")


class _Server(ThreadingHTTPServer):
    """Carries the site root and base URL to the handlers."""

    daemon_threads = True  # a stuck client must not keep the interpreter alive at exit
    request_queue_size = 64  # benchmarks open many connections at once
    root: Path
    base_url: str
    routes: Any  # sahelwatch.replica.dynamic.Routes, or None

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Log at debug instead of printing a traceback to stderr (clients hanging up mid-response are normal)."""
        log.debug("replica: error serving %s", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    """GET/HEAD of site files only; everything that is not a known file is a 404."""

    server: _Server
    server_version = "sahelwatch-replica/1.0"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Route the per-request access log to `logging` at debug level instead of stderr."""
        log.debug("%s - " + format, self.address_string(), *args)

    def _respond(self, *, with_body: bool) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/robots.txt":
            self._send(HTTPStatus.OK, CONTENT_TYPES[".txt"], ROBOTS_TXT, with_body)
            return
        if self.server.routes is not None:
            reply = self.server.routes.reply(unquote(parts.path), parts.query, self.headers, self.server.base_url)
            if reply is not None:
                self._send_reply(reply, with_body)
                return
        try:
            target = self._resolve(parts.path, parts.query)
        except (OSError, ValueError):  # e.g. a name too long for the file system
            target = None
        if isinstance(target, str):  # a directory asked for without its trailing slash
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.server.base_url + target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target is None or target.suffix not in CONTENT_TYPES:
            self._send(HTTPStatus.NOT_FOUND, CONTENT_TYPES[".txt"], b"404 Not Found\n", with_body)
            return
        body = target.read_text(encoding="utf-8").replace(PLACEHOLDER, self.server.base_url).encode("utf-8")
        content_type = CONTENT_TYPES[target.suffix]
        if "sitemap" in target.name and target.suffix == ".xml":
            content_type = "application/xml; charset=utf-8"
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if etag in [tag.strip() for tag in (self.headers.get("If-None-Match") or "").split(",")]:
            self._send(HTTPStatus.NOT_MODIFIED, None, b"", False, [("ETag", etag)])
            return
        self._send(HTTPStatus.OK, content_type, body, with_body, [("ETag", etag)])

    def _resolve(self, raw_path: str, query: str) -> Path | str | None:
        """Map a URL path to a file under the root, a redirect location (str), or None for 404."""
        path = unquote(raw_path)
        segments = path.split("/")
        if not path.startswith("/") or "\\" in path or "\0" in path:
            return None
        if any(seg in ("..", ".") or seg.startswith(".") for seg in segments[1:]):
            return None  # traversal and hidden files are refused outright, before touching the disk
        root = self.server.root
        if segments[-1] == "spip.php":
            directory = root.joinpath(*segments[1:-1])
            article = _SPIP_ARTICLE.fullmatch(query)
            if query == "page=backend":
                candidate = directory / "backend.xml"
            elif article:
                candidate = directory / f"article{article.group(1)}.html"
            else:
                return None
        else:
            candidate = root.joinpath(*segments[1:])
            if candidate.is_dir():
                if not path.endswith("/"):
                    return raw_path + "/" + (f"?{query}" if query else "")
                candidate = next(
                    (candidate / n for n in ("index.xml", "index.html") if (candidate / n).is_file()),
                    candidate / "index.html",
                )
        resolved = candidate.resolve()
        if not resolved.is_relative_to(root) or not resolved.is_file():
            return None  # symlinks out of the root are refused too
        return resolved

    def _send(
        self,
        status: HTTPStatus | int,
        content_type: str | None,
        body: bytes,
        with_body: bool,
        headers: list[tuple[str, str]] | None = None,
        length: int | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers or []:
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _send_reply(self, reply: Any, with_body: bool) -> None:
        """A dynamic route's answer (sahelwatch.replica.dynamic.Reply)."""
        if reply.delay:
            time.sleep(reply.delay)
        self._send(
            reply.status,
            reply.content_type,
            reply.body,
            with_body and reply.chunks is None,
            reply.headers,
            reply.length,
        )
        if with_body and reply.chunks is not None:
            for chunk in reply.chunks:
                self.wfile.write(chunk)


class ReplicaServer:
    """The replica outlets on ``http://127.0.0.1:PORT``, served from a daemon thread.

    Port 0 (the default) lets the OS pick a free port, so parallel test runs never collide; read `base_url` after
    `start()`.
    """

    def __init__(self, root: Path | None = None, port: int = 0) -> None:
        self.root = (root or SITE_DIR).resolve()
        self.port = port
        self.routes: Any = None  # the dynamic routes, for the default site only (see `start`)
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        """The bound (host, port); host is always 127.0.0.1."""
        if self._httpd is None:
            raise RuntimeError("ReplicaServer is not started")
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    @property
    def base_url(self) -> str:
        """Scheme, host and port, without a trailing slash: what `{base}` becomes in served files."""
        host, port = self.address
        return f"http://{host}:{port}"

    def start(self) -> ReplicaServer:
        """Bind 127.0.0.1 and serve in the background; returns self so `ReplicaServer().start()` reads well."""
        if self._httpd is not None:
            return self
        if not self.root.is_dir():
            raise FileNotFoundError(f"replica site not found: {self.root}")
        httpd = _Server((HOST, self.port), _Handler)
        httpd.root = self.root
        if self.root == SITE_DIR.resolve():
            from sahelwatch.replica.dynamic import Routes

            self.routes = Routes()
        httpd.routes = self.routes
        self._httpd = httpd
        httpd.base_url = self.base_url
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="replica-server", daemon=True
        )
        self._thread.start()
        log.info("replica serving %s at %s", self.root, self.base_url)
        return self

    def stop(self) -> None:
        """Stop serving and free the port; safe to call twice."""
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _fill(value: Any, base_url: str) -> Any:
    if isinstance(value, str):
        return value.replace(PLACEHOLDER, base_url)
    if isinstance(value, dict):
        return {key: _fill(item, base_url) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, base_url) for item in value]
    return value


def replica_sources(base_url: str, registry: Path = SOURCES_FILE) -> list[dict[str, Any]]:
    """The replica's source registry entries (same format as seeds/sources.yaml) with `{base}` filled in.

    `registry=FAULTS_FILE` gives the sources that read the other feed kinds and the fault pages (tests only).
    """
    document = yaml.safe_load(registry.read_text(encoding="utf-8"))
    return [_fill(entry, base_url.rstrip("/")) for entry in document["sources"]]


def fault_sources(base_url: str) -> list[dict[str, Any]]:
    """The entries of faults.yaml, with `{base}` filled in."""
    return replica_sources(base_url, FAULTS_FILE)


def main(argv: list[str] | None = None) -> int:
    """Serve until Ctrl-C, printing the base URL and the feed URLs to crawl."""
    parser = argparse.ArgumentParser(prog="python -m sahelwatch.replica.server", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    args = parser.parse_args(argv)
    with ReplicaServer(port=args.port) as server:
        print(server.base_url, flush=True)
        for source in replica_sources(server.base_url):
            print(f"  {source['id']:<16} {source['url']}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
