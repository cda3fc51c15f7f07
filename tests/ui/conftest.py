"""A live `sahelwatch ui --replica` for the tests of this folder, and a headless Chromium to look at it.

The UI runs as a real subprocess with its own AIRFLOW_HOME (SQLite metadata, local executor) against the session's
test warehouse. Whatever happens, teardown ends it: SIGTERM to `sahelwatch ui` (which stops the Airflow process
groups it started), then SIGKILL for any group listed in its pgid file that is still there.
Set SAHELWATCH_SKIP_LIVE_AIRFLOW=1 to skip these tests (they start Airflow and take minutes).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest

from sahelwatch.airflow_env import metadata_database
from sahelwatch.cli.ui import PGID_FILE
from tests.browser import CHROMIUM, CHROMIUM_FLAGS


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LiveAirflow:
    """A running `sahelwatch ui`, with a REST client that logs in the way Airflow 3 requires (JWT)."""

    base_url: str
    password: str
    home: Path
    output: Path
    env: dict[str, str]
    _token: str | None = field(default=None, repr=False)

    def token(self) -> str:
        if self._token is None:
            self._token = self.call(
                "POST", "/auth/token", {"username": "admin", "password": self.password}, auth=False
            )["access_token"]
        return self._token

    def call(self, method: str, path: str, body: Any = None, auth: bool = True) -> Any:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token()}"
        request = urllib.request.Request(
            self.base_url + path,
            method=method,
            headers=headers,
            data=json.dumps(body).encode() if body is not None else None,
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                payload = response.read()
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: HTTP {error.code} {error.read()[:500]!r}") from None
        except urllib.error.URLError as error:  # the UI is down: say what its components last wrote
            raise AssertionError(f"{method} {path}: {error.reason}\n{self.tail()}") from None
        return json.loads(payload) if payload else None

    def wait_for_dag(self, dag_id: str, timeout: float = 90.0) -> dict[str, Any]:
        """The DAG once the dag-processor has parsed it."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.call("GET", f"/api/v2/dags/{dag_id}")
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

    def wait_for_run(self, dag_id: str, run_id: str, timeout: float = 240.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            run = self.call("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")
            if run["state"] in ("success", "failed") or time.monotonic() > deadline:
                return run
            time.sleep(2)

    def task_instances(self, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        return self.call("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances?limit=200")["task_instances"]

    def tail(self, lines: int = 40) -> str:
        text = self.output.read_text(encoding="utf-8", errors="replace") if self.output.exists() else ""
        logs = sorted((self.home / "logs" / "sahelwatch-ui").glob("*.log"))
        for log in logs:
            text += f"\n--- {log.name}\n" + "\n".join(
                log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            )
        return text


def _kill_everything(process: subprocess.Popen, home: Path) -> None:
    """Stop `sahelwatch ui` politely, then make sure no process group it started survives."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
    groups = [process.pid]
    try:
        groups += [int(word) for word in (home / PGID_FILE).read_text(encoding="utf-8").split()]
    except (OSError, ValueError):
        pass
    for pgid in groups:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if process.poll() is None:
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def airflow_metadata_url(server_url: str) -> Iterator[str]:
    """An empty PostgreSQL database for the live Airflow's metadata, dropped after the module.

    A live scheduler and an `airflow` CLI command in the same SQLite file fail on each other's write lock (seen in
    CI: the scheduler exited, or a backfill was created although the CLI reported "database is locked")."""
    name = f"sahelwatch_airflow_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    info = psycopg.conninfo.conninfo_to_dict(server_url)
    yield psycopg.conninfo.make_conninfo(**{**info, "dbname": name})
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture(scope="module")
def live_airflow(
    database_url: str, airflow_metadata_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveAirflow]:
    """`sahelwatch ui --replica` on a free port, ready to answer; the scheduler creates no run by itself.
    Its metadata lives in PostgreSQL, as in production."""
    if os.environ.get("SAHELWATCH_SKIP_LIVE_AIRFLOW") == "1":
        pytest.skip("SAHELWATCH_SKIP_LIVE_AIRFLOW=1")
    root = tmp_path_factory.mktemp("live-airflow")
    home = root / "airflow"
    port = _free_port()
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "SAHELWATCH_DATA_DIR": str(root / "data"),
        "SAHELWATCH_DATABASE_URL": database_url,
        "SAHELWATCH_AIRFLOW_DATABASE_URL": airflow_metadata_url,
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",  # only the runs a test asks for
        "SAHELWATCH_RETRY_DELAY_SECONDS": "2",
        "PYTHONUNBUFFERED": "1",
    }
    output = root / "sahelwatch-ui.out"
    with open(output, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sahelwatch.cli.main",
                "ui",
                "--replica",
                "--port",
                str(port),
                "--parallelism",
                "4",
                "--crawl-slots",
                "3",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    # The `airflow` commands a test runs itself must find the same metadata.
    cli_env = {**env, **metadata_database(airflow_metadata_url)}
    live = LiveAirflow(base_url=f"http://127.0.0.1:{port}", password="", home=home, output=output, env=cli_env)
    try:
        deadline = time.monotonic() + 180
        while "login: admin / " not in output.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"sahelwatch ui did not start (exit {process.poll()}):\n{live.tail()}")
            time.sleep(0.5)
        line = next(line for line in output.read_text(encoding="utf-8").splitlines() if "login: admin / " in line)
        live.password = line.split("login: admin / ", 1)[1].split()[0]
        yield live
    finally:
        _kill_everything(process, home)


# --- headless Chromium through the DevTools protocol over a pipe (no extra port, no extra package) -------------


class _DevTools:
    """Just enough of the Chrome DevTools Protocol: commands as NUL-terminated JSON on fd 3, answers on fd 4."""

    def __init__(self, write_fd: int, read_fd: int) -> None:
        self.write_fd, self.read_fd, self.buffer, self.last_id = write_fd, read_fd, b"", 0

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 30.0
    ) -> dict[str, Any]:
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" not in self.buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([self.read_fd], [], [], remaining)[0]:
                    raise TimeoutError(f"DevTools: no answer to {method}")
                chunk = os.read(self.read_fd, 1 << 20)
                if not chunk:
                    raise ConnectionError("DevTools: the browser closed the pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self.last_id:
                if "error" in answer:
                    raise RuntimeError(f"DevTools {method}: {answer['error']}")
                return answer.get("result", {})


def _high_fd(fd: int) -> int:
    """The same pipe end moved above fd 9, so that placing the browser's ends on fds 3 and 4 cannot collide."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


def screenshot(
    url: str,
    cookies: dict[str, str],
    profile: Path,
    wait_for_text: str,
    width: int = 1400,
    height: int = 900,
    timeout: float = 60.0,
    then_run: str | None = None,
    then_wait_for: str | None = None,
) -> bytes:
    """A PNG of `url` in headless Chromium, with `cookies` set for its origin, once the page shows `wait_for_text`
    (or after `timeout`); `then_run` is JavaScript run at that point (e.g. a click that opens a dialog), after which
    the page must show `then_wait_for`. The browser runs in its own session and is killed with its process group."""
    profile.mkdir(parents=True, exist_ok=True)
    to_browser_r, to_browser_w = map(_high_fd, os.pipe())
    from_browser_r, from_browser_w = map(_high_fd, os.pipe())
    actions = [
        (os.POSIX_SPAWN_DUP2, to_browser_r, 3),
        (os.POSIX_SPAWN_DUP2, from_browser_w, 4),
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(profile / "chromium.log"), os.O_WRONLY | os.O_CREAT, 0o600),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    argv = [
        str(CHROMIUM),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        "--remote-debugging-pipe",
        f"--window-size={width},{height}",
        "about:blank",
    ]
    pid = os.posix_spawn(str(CHROMIUM), argv, os.environ, file_actions=actions, setsid=True)
    os.close(to_browser_r)
    os.close(from_browser_w)
    try:
        tools = _DevTools(to_browser_w, from_browser_r)
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for name, value in cookies.items():
            tools.send("Network.setCookie", {"name": name, "value": value, "url": url, "path": "/"}, session)
        tools.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session,
        )
        tools.send("Page.navigate", {"url": url}, session)

        def wait_for(wanted: str) -> bool:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                text = (
                    tools.send(
                        "Runtime.evaluate",
                        {"expression": "document.body ? document.body.innerText : ''", "returnByValue": True},
                        session,
                    )["result"].get("value")
                    or ""
                )
                if wanted in text:
                    return True
                time.sleep(1)
            return False

        wait_for(wait_for_text)
        if then_run:
            time.sleep(1)
            tools.send("Runtime.evaluate", {"expression": then_run, "returnByValue": True}, session)
            if not wait_for(then_wait_for or wait_for_text):
                raise AssertionError(f"after {then_run!r} the page never showed {then_wait_for!r}")
        time.sleep(2)  # let the grid finish painting
        png = base64.b64decode(tools.send("Page.captureScreenshot", {"format": "png"}, session)["data"])
        try:
            tools.send("Browser.close", timeout=5)
        except (TimeoutError, ConnectionError, RuntimeError):
            pass
        return png
    finally:
        os.close(to_browser_w)
        os.close(from_browser_r)
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)


def png_colours(png: bytes, limit: int = 10_000) -> int:
    """Distinct colours of an 8-bit RGB(A) PNG (counted up to `limit`), decoded with zlib alone."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks = 8, {}
    data = b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            chunks["IHDR"] = body
        elif kind == b"IDAT":
            data += body
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", chunks["IHDR"])
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, "unexpected PNG layout"
    channels = 3 if colour_type == 2 else 4
    stride = width * channels
    raw = zlib.decompress(data)
    previous = bytearray(stride)
    colours: set[bytes] = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        if row % 4 == 0:  # every fourth row is plenty to tell a page from a blank
            colours.update(bytes(line[i : i + 3]) for i in range(0, stride, channels * 2))
            if len(colours) >= limit:
                break
        previous = line
    return len(colours)


@pytest.fixture
def browser_screenshot():  # noqa: ANN201 - `screenshot`, or a skip when there is no Chromium
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip("no /usr/bin/chromium (apt-get install -y chromium)")
    return screenshot


@pytest.fixture
def png_colour_count():  # noqa: ANN201
    return png_colours
