"""A PostgreSQL server of the test's own, which it may stop and start at will (the shared one on 5432 serves other
tests at the same time and must never be restarted).

It runs the machine's binaries (/usr/local/bin/initdb, pg_ctl) on a free loopback port, its socket in its own
directory. PostgreSQL refuses to run as root, so under root the server runs as the `postgres` user through runuser.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path("/usr/local/bin")


def unavailable() -> str | None:
    """Why no private server can be started here, or None when it can."""
    if not (BIN / "initdb").exists() or not (BIN / "pg_ctl").exists():
        return f"no initdb/pg_ctl in {BIN}"
    if os.geteuid() == 0 and (shutil.which("runuser") is None or not _user_exists("postgres")):
        return "running as root without runuser and a postgres user to run PostgreSQL as"
    return None


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateServer:
    """initdb on creation; start(), stop() and close() (stop and remove every file)."""

    def __init__(self) -> None:
        # Not below pytest's tmp_path: its folders are private to root, and the server may run as postgres.
        self.root = Path(tempfile.mkdtemp(prefix="sahelwatch-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--no-instructions",
        )

    def _run(self, tool: str, *args: str) -> None:
        command = [str(BIN / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert completed.returncode == 0, f"{tool} failed: {completed.stdout[-1000:]}{completed.stderr[-1000:]}"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends every session at once (their open transactions roll back), as a restart by an operator does."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def close(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def running_server() -> Iterator[PrivateServer]:
    """A started private server, stopped and removed on the way out whatever happened."""
    server = PrivateServer()
    try:
        server.start()
        yield server
    finally:
        server.close()
