"""`sahelwatch ui`: Airflow's UI and scheduler on this machine, running sahelwatch's DAGs, until Ctrl-C.

Starts the parts of `airflow standalone` itself (api-server, scheduler, dag-processor, triggerer) so that it can bind
them to 127.0.0.1, keep parallelism low, create the crawl pool before the scheduler looks at the DAG, and stop them
all: each component starts in a new session (setsid), so it leads a process group that holds its own children (the
executor's workers, the API's server processes); Ctrl-C or SIGTERM signals every one of these groups, waits, then
kills what is left. The groups are written to AIRFLOW_HOME/sahelwatch-ui.pgid, for `sahelwatch ui --stop`.
Nothing else listens: the log servers are off (every component reads the local log folder).
The warehouse is chosen as for `sahelwatch run`: SAHELWATCH_DATABASE_URL, else the embedded PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from sahelwatch.airflow_env import airflow_environment
from sahelwatch.cli.airflow_runner import ensure_metadata_db
from sahelwatch.cli.common import CommandError, warehouse_url
from sahelwatch.config import Settings, load_settings
from sahelwatch.datadir import claim_data_dir
from sahelwatch.db.connect import connect, mask_url
from sahelwatch.db.migrate import migrate

HOST = "127.0.0.1"
ADMIN = "admin"
SIMPLE_AUTH_MANAGER = "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
PASSWORD_FILE = "simple_auth_manager_passwords.json.generated"  # Airflow's own name for it
PGID_FILE = "sahelwatch-ui.pgid"
STOP_GRACE_SECONDS = 30.0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("ui", help="start Airflow's UI and scheduler locally on sahelwatch's DAGs")
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("SAHELWATCH_UI_PORT", 8080)),
        help="port of the UI and API on 127.0.0.1 (default 8080, or SAHELWATCH_UI_PORT)",
    )
    parser.add_argument(
        "--replica",
        action="store_true",
        help="serve the bundled replica of Sahel outlets on 127.0.0.1 and crawl it instead of the web",
    )
    parser.add_argument(
        "--schedule",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="let the scheduler create the schedule's runs by itself (default: yes for live outlets, "
        "no with --replica, whose news is of 2025-06-02: trigger that day from the form)",
    )
    parser.add_argument(
        "--parallelism",
        type=int,
        choices=range(1, 9),
        metavar="N",
        help="task slots of the local executor (default 2-4, from the CPU count)",
    )
    parser.add_argument(
        "--crawl-slots",
        type=int,
        default=int(os.environ.get("SAHELWATCH_CRAWL_POOL_SLOTS", 2)),
        help="size of the crawl pool: crawls running at once (default 2)",
    )
    parser.add_argument("--ready-timeout", type=float, default=180.0, help="seconds to wait for the UI to answer")
    parser.add_argument("--stop", action="store_true", help="stop a UI left running (e.g. after its terminal died)")
    parser.set_defaults(handler=command)


class _Stop(Exception):
    """Raised by the signal handlers to leave the wait loop."""


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _signalled(signum: int, frame: object) -> None:
    """First signal: leave the wait loop; later ones are ignored while the components stop (which is bounded)."""
    for sig in _STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise _Stop(signal.Signals(signum).name)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reap(pids: list[int]) -> None:
    """Collect the exit status of those of our children that ended: a zombie still counts as a group member."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass


def stop_groups(pgids: list[int], grace: float = STOP_GRACE_SECONDS) -> bool:
    """SIGTERM whole process groups, wait for them to empty, SIGKILL what is left; True if all stopped in time."""
    for pgid in pgids:
        try:
            os.killpg(pgid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        _reap(pgids)
        if not any(_group_alive(pgid) for pgid in pgids):
            return True
        time.sleep(0.2)
    for pgid in pgids:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return False


def _leftover_groups(pgid_file: Path) -> list[int]:
    """The process groups of an earlier `sahelwatch ui` that are still running, if any."""
    try:
        pgids = [int(word) for word in pgid_file.read_text(encoding="utf-8").split()]
    except (OSError, ValueError):
        return []
    alive = []
    for pgid in pgids:
        try:
            cmdline = Path(f"/proc/{pgid}/cmdline").read_bytes()
        except OSError:
            cmdline = b""
        if _group_alive(pgid) and (b"airflow" in cmdline or not cmdline):
            alive.append(pgid)
    return alive


def admin_password(home: Path) -> str:
    """The admin password of Airflow's SimpleAuthManager, generated once into its own password file."""
    path = home / PASSWORD_FILE
    passwords = {}
    if path.exists():
        try:
            passwords = json.loads(path.read_text(encoding="utf-8") or "{}")
        except json.JSONDecodeError:
            passwords = {}
    if ADMIN not in passwords:
        passwords[ADMIN] = secrets.token_urlsafe(12)
        home.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(passwords) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return passwords[ADMIN]


def ui_environment(
    base_env: dict[str, str], port: int, parallelism: int | None, schedule: bool = True
) -> dict[str, str]:
    """Airflow's settings for a local UI: loopback only, local executor, simple auth, low parallelism. Without
    `schedule` the scheduler runs only the runs someone triggers or backfills: none of its own for today."""
    settings = load_settings()
    env = {**base_env, **airflow_environment(settings, parallelism)}
    if parallelism:  # asked for on the command line: wins over the environment
        env["AIRFLOW__CORE__PARALLELISM"] = env["AIRFLOW__CORE__MAX_ACTIVE_TASKS_PER_DAG"] = str(parallelism)
    base_url = f"http://{HOST}:{port}"
    env.update(
        {
            "AIRFLOW__API__HOST": HOST,
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__BASE_URL": base_url,
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base_url}/execution/",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__AUTH_MANAGER": SIMPLE_AUTH_MANAGER,
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{ADMIN}:admin",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "False",
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), base_env.get("PATH", "")]),
        }
    )
    if not schedule:
        env["AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE"] = "False"
    return env


def _airflow() -> str:
    return str(Path(sys.executable).with_name("airflow"))


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will: ignore TIME_WAIT
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/api/v2/monitor/health", timeout=3) as response:
            body = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError):
        return False
    return body.get("metadatabase", {}).get("status") == "healthy"


def start_components(env: dict[str, str], port: int, log_dir: Path) -> dict[str, subprocess.Popen]:
    """Start the Airflow components, each leading its own new session and process group."""
    commands = {
        "api-server": ["api-server", "--host", HOST, "--port", str(port), "--workers", "1"],
        "scheduler": ["scheduler", "--skip-serve-logs"],
        "dag-processor": ["dag-processor"],
        "triggerer": ["triggerer", "--skip-serve-logs"],
    }
    log_dir.mkdir(parents=True, exist_ok=True)
    processes: dict[str, subprocess.Popen] = {}
    try:
        for name, args in commands.items():
            with open(log_dir / f"{name}.log", "ab") as log_file:
                processes[name] = subprocess.Popen(
                    [_airflow(), *args],
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
    except BaseException:
        stop_groups([process.pid for process in processes.values()])
        raise
    return processes


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def command(args: argparse.Namespace) -> int:
    settings = load_settings()
    home = Path(airflow_environment(settings)["AIRFLOW_HOME"])
    pgid_file = home / PGID_FILE
    leftover = _leftover_groups(pgid_file)
    if args.stop:
        if not leftover:
            print("no sahelwatch UI is running")
            return 0
        stop_groups(leftover)
        pgid_file.unlink(missing_ok=True)
        print(f"stopped the sahelwatch UI (process groups {' '.join(map(str, leftover))})")
        return 0
    if leftover:
        raise CommandError(
            f"a sahelwatch UI is already running (process groups {' '.join(map(str, leftover))});"
            " `sahelwatch ui --stop` ends it"
        )
    if not _port_free(args.port):
        raise CommandError(f"port {args.port} on {HOST} is taken; choose another with --port")

    # Signals end the wait below; installed before anything starts, so no component is left behind.
    previous = {sig: signal.signal(sig, _signalled) for sig in _STOP_SIGNALS}
    try:
        return _serve(args, settings, home, pgid_file)
    except _Stop as stop:
        print(f"\n{stop}: stopped", flush=True)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop_components(pgids: list[int], pgid_file: Path) -> None:
    if not pgids:
        return
    print("stopping Airflow ...", flush=True)
    clean = stop_groups(pgids)
    pgid_file.unlink(missing_ok=True)
    if not clean:
        print("some Airflow processes did not stop in time and were killed", flush=True)


def _serve(args: argparse.Namespace, settings: Settings, home: Path, pgid_file: Path) -> int:
    """Prepare, start and watch the components; the ExitStack stops them first, then the replica."""
    with ExitStack() as stack:
        extra_env: dict[str, str] = {}
        if args.replica:
            from sahelwatch.cli.run import _replica_env

            extra_env = _replica_env(stack)
            os.environ.update(extra_env)
            settings = load_settings()
        url = warehouse_url(settings)
        print(f"warehouse: {mask_url(url)}")
        with connect(url) as conn:
            claim_data_dir(settings.data_dir, conn, url)
            migrate(conn)
        schedule = not args.replica if args.schedule is None else args.schedule
        env = ui_environment(
            {**os.environ, **extra_env, "SAHELWATCH_DATABASE_URL": url}, args.port, args.parallelism, schedule
        )
        log_dir = home / "logs" / "sahelwatch-ui"
        log_dir.mkdir(parents=True, exist_ok=True)
        setup_log = log_dir / "setup.log"
        ensure_metadata_db(env, setup_log)
        pool = env.get("SAHELWATCH_CRAWL_POOL") or "sahelwatch_crawl"
        with open(setup_log, "a", encoding="utf-8") as handle:
            subprocess.run(
                [_airflow(), "pools", "set", pool, str(args.crawl_slots), "sahelwatch crawls"],
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=300,
            )
        password = admin_password(home)

        pgids: list[int] = []  # registered before anything starts: a signal at any point still stops them
        stack.callback(_stop_components, pgids, pgid_file)
        processes = start_components(env, args.port, log_dir)
        pgids.extend(process.pid for process in processes.values())  # each leads its own group
        pgid_file.write_text(" ".join(map(str, pgids)) + "\n", encoding="utf-8")
        base_url = f"http://{HOST}:{args.port}"
        print(f"starting Airflow (process groups {' '.join(map(str, pgids))}; logs in {log_dir}) ...", flush=True)
        deadline = time.monotonic() + args.ready_timeout
        ready = False
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    print(
                        f"airflow {name} exited with {process.returncode}; last lines of its log:\n"
                        f"{_tail(log_dir / f'{name}.log')}",
                        file=sys.stderr,
                    )
                    return 1
            if not ready:
                if _healthy(base_url):
                    ready = True
                    print(
                        f"\nsahelwatch UI: {base_url}/dags/sahelwatch_daily\n"
                        f"login: {ADMIN} / {password}   (kept in {home / PASSWORD_FILE})\n"
                        f"crawl pool: {pool}, {args.crawl_slots} slots; "
                        + (
                            "the scheduler runs the schedule"
                            if schedule
                            else "no scheduled runs (--schedule to have them): trigger a day with the form's `day`"
                        )
                        + "; Ctrl-C stops everything\n",
                        flush=True,
                    )
                elif time.monotonic() > deadline:
                    print(f"Airflow did not answer within {args.ready_timeout:.0f}s; see {log_dir}", file=sys.stderr)
                    return 1
            time.sleep(1.0)
