"""Scale-out proof on one machine: the daily DAG under Airflow's CeleryExecutor, with two Celery workers.

Brokers and databases are the machine's own, on loopback: Redis (127.0.0.1:6379) as Celery broker, PostgreSQL
(127.0.0.1:5432, user postgres) for a dedicated Airflow metadata database and a dedicated warehouse database, both
created here and dropped at the end. The bundled replica of Sahel outlets is served on 127.0.0.1 and crawled.

Started: api-server, scheduler, dag-processor and two `airflow celery worker` processes with different Celery
hostnames (`--celery-hostname`), each worker also recording its own name as the task instances' `hostname` (through
`sahelwatch.airflow_env.worker_hostname`). One run of `sahelwatch_daily` is triggered through the REST API; the
task instances are then read back (REST API) and the script prints which task ran on which worker, and a JSON
summary with `--json`. Exit status 0 only when the run succeeded and both workers executed tasks.

    .venv/bin/python benchmarks/celery_scaleout.py [--json out.json] [--keep]

Every process is started in its own session and stopped by signalling its process group, even on Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import psycopg
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sahelwatch.airflow_env import metadata_database  # noqa: E402
from sahelwatch.cli.ui import HOST, admin_password, stop_groups, ui_environment  # noqa: E402
from sahelwatch.db.migrate import migrate  # noqa: E402
from sahelwatch.replica.server import ReplicaServer, replica_sources  # noqa: E402

DAG_ID = "sahelwatch_daily"
AIRFLOW = str(Path(sys.executable).with_name("airflow"))


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Stack:
    """The processes started here, each leading its own process group; stopped all at once."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str], env: dict[str, str]) -> None:
        with open(self.log_dir / f"{name}.log", "ab") as log:
            self.processes[name] = subprocess.Popen(
                [AIRFLOW, *args],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def check(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                tail = (self.log_dir / f"{name}.log").read_text(errors="replace").splitlines()[-20:]
                raise RuntimeError(f"{name} exited with {process.returncode}:\n" + "\n".join(tail))

    def stop(self) -> None:
        if self.processes:
            _log(f"stopping {', '.join(self.processes)}")
            stop_groups([p.pid for p in self.processes.values()], grace=45)
            for process in self.processes.values():
                if process.poll() is None:
                    process.wait(timeout=10)


class Api:
    def __init__(self, base_url: str, password: str) -> None:
        self.base_url, self.password, self.token = base_url, password, None

    def call(self, method: str, path: str, body: Any = None, auth: bool = True) -> Any:
        headers = {"Content-Type": "application/json"}
        if auth:
            if self.token is None:
                self.token = self.call(
                    "POST", "/auth/token", {"username": "admin", "password": self.password}, auth=False
                )["access_token"]
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(
            self.base_url + path,
            method=method,
            headers=headers,
            data=json.dumps(body).encode() if body is not None else None,
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
        return json.loads(payload) if payload else None


def _wait(what: str, probe, stack: Stack, timeout: float, every: float = 1.0) -> Any:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while True:
        stack.check()
        try:
            value = probe()
        except (urllib.error.URLError, OSError, ValueError):
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(every)


def _database(stack: ExitStack, server: str, name: str) -> str:
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'create database "{name}"')

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'drop database if exists "{name}" with (force)')

    stack.callback(drop)
    info = psycopg.conninfo.conninfo_to_dict(server)
    return f"postgresql://{info.get('user') or 'postgres'}@{info.get('host') or HOST}:{info.get('port') or 5432}/{name}"


def _redis_cleanup(stack: ExitStack, url: str) -> None:
    """Remove, at the end, the Redis keys this run created (the broker's queues and bindings), nothing else."""
    import redis

    client = redis.Redis.from_url(url)
    existing = set(client.keys("*"))

    def cleanup() -> None:
        created = [key for key in client.keys("*") if key not in existing]
        if created:
            client.delete(*created)

    stack.callback(cleanup)


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = time.monotonic()
    tag = secrets.token_hex(4)
    with ExitStack() as stack:
        root = Path(tempfile.mkdtemp(prefix="sahelwatch-celery-")) if not args.workdir else Path(args.workdir)
        root.mkdir(parents=True, exist_ok=True)
        log_dir = root / "logs"
        log_dir.mkdir(exist_ok=True)
        outcome: dict[str, Any] = {}
        # Registered first, so it runs last: the work directory (logs) goes only after a clean success.
        stack.callback(
            lambda: None if args.keep or outcome.get("state") != "success" else shutil.rmtree(root, ignore_errors=True)
        )
        _log(f"work directory {root}")
        # Airflow's settings are computed from this process's environment (sahelwatch.airflow_env).
        os.environ.update({"AIRFLOW_HOME": str(root / "airflow"), "SAHELWATCH_DATA_DIR": str(root / "data")})

        metadata = _database(stack, args.postgres, f"sahelwatch_airflow_celery_{tag}")
        warehouse = _database(stack, args.postgres, f"sahelwatch_scaleout_{tag}")
        with psycopg.connect(warehouse) as conn:
            migrate(conn)
        _redis_cleanup(stack, args.redis)

        replica = stack.enter_context(ReplicaServer())
        registry = root / "sources.yaml"
        registry.write_text(yaml.safe_dump({"sources": replica_sources(replica.base_url)}), encoding="utf-8")

        port = _free_port()
        queue = f"sahelwatch-scaleout-{tag}"
        base_env = {
            **os.environ,
            "AIRFLOW_HOME": str(root / "airflow"),
            "SAHELWATCH_DATA_DIR": str(root / "data"),
            "SAHELWATCH_SOURCES_FILE": str(registry),
            "SAHELWATCH_ALLOWED_HOSTS": HOST,
            "SAHELWATCH_RETRY_DELAY_SECONDS": "5",
            "PYTHONUNBUFFERED": "1",
        }
        base_env.pop("SAHELWATCH_DATABASE_URL", None)
        env = ui_environment(base_env, port, parallelism=4)
        env.update(
            {
                "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
                **metadata_database(metadata),
                "AIRFLOW__CELERY__BROKER_URL": args.redis,
                "AIRFLOW__CELERY__RESULT_BACKEND": "db+"
                + metadata_database(metadata)["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"],
                "AIRFLOW__CELERY__WORKER_CONCURRENCY": str(args.concurrency),
                "AIRFLOW__OPERATORS__DEFAULT_QUEUE": queue,  # this run's own queue on the shared Redis
                "AIRFLOW__CORE__HOSTNAME_CALLABLE": "sahelwatch.airflow_env.worker_hostname",
                "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",  # only the run triggered below
                # The warehouse as production passes it: an Airflow connection from the environment.
                "AIRFLOW_CONN_SAHELWATCH_WAREHOUSE": warehouse,
            }
        )
        Path(env["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
        password = admin_password(Path(env["AIRFLOW_HOME"]))

        _log("airflow db migrate (PostgreSQL metadata database)")
        with open(log_dir / "setup.log", "ab") as log:
            for command in (["db", "migrate"], ["pools", "set", "sahelwatch_crawl", "4", "sahelwatch crawls"]):
                subprocess.run(
                    [AIRFLOW, *command], env=env, stdout=log, stderr=subprocess.STDOUT, check=True, timeout=600
                )

        processes = Stack(log_dir)
        stack.callback(processes.stop)
        processes.start("api-server", ["api-server", "--host", HOST, "--port", str(port), "--workers", "1"], env)
        processes.start("scheduler", ["scheduler", "--skip-serve-logs"], env)
        processes.start("dag-processor", ["dag-processor"], env)
        workers = [f"worker-{n}" for n in range(1, args.workers + 1)]
        for name in workers:
            processes.start(
                name,
                [
                    "celery",
                    "worker",
                    "--celery-hostname",
                    f"{name}@%h",
                    "--queues",
                    queue,
                    "--concurrency",
                    str(args.concurrency),
                    "--skip-serve-logs",
                ],
                {**env, "SAHELWATCH_WORKER_HOSTNAME": name},
            )
        api = Api(f"http://{HOST}:{port}", password)
        _wait("the API server", lambda: api.call("GET", "/api/v2/monitor/health", auth=False), processes, 180)
        _wait("the DAG to be parsed", lambda: api.call("GET", f"/api/v2/dags/{DAG_ID}"), processes, 180)
        _wait(
            "both Celery workers",
            lambda: all("ready." in (log_dir / f"{name}.log").read_text(errors="replace") for name in workers),
            processes,
            120,
        )
        _log(f"Airflow up at {api.base_url}; workers {', '.join(workers)} on queue {queue}")

        run_id = f"scaleout_{tag}"
        api.call(
            "POST",
            f"/api/v2/dags/{DAG_ID}/dagRuns",
            {
                "dag_run_id": run_id,
                "logical_date": "2025-06-02T00:00:00Z",
                "data_interval_start": "2025-06-02T00:00:00Z",
                "data_interval_end": "2025-06-03T00:00:00Z",
            },
        )
        triggered = time.monotonic()
        _log(f"triggered {run_id}")
        final = _wait(
            "the run to finish",
            lambda: (lambda r: r if r["state"] in ("success", "failed") else None)(
                api.call("GET", f"/api/v2/dags/{DAG_ID}/dagRuns/{run_id}")
            ),
            processes,
            args.timeout,
            every=2,
        )
        tasks = api.call("GET", f"/api/v2/dags/{DAG_ID}/dagRuns/{run_id}/taskInstances?limit=200")["task_instances"]
        rows = sorted(
            (
                {
                    "task_id": t["task_id"],
                    "map": t["rendered_map_index"],
                    "state": t["state"],
                    "hostname": t["hostname"],
                    "start": t["start_date"],
                    "duration": t["duration"],
                }
                for t in tasks
            ),
            key=lambda row: row["start"] or "",
        )
        with psycopg.connect(warehouse) as conn:
            reports = conn.execute("select count(*) from raw.reports").fetchone()[0]
        summary = {
            "run_id": run_id,
            "state": final["state"],
            "run_seconds": round(time.monotonic() - triggered, 1),
            "hosts": dict(Counter(row["hostname"] for row in rows)),
            "reports_loaded": reports,
            "tasks": rows,
            "queue": queue,
            "work_directory": str(root),
        }
        _log(f"run {run_id}: {final['state']} in {summary['run_seconds']}s; raw reports loaded: {reports}")
        for row in rows:
            label = row["task_id"] + (f"[{row['map']}]" if row["map"] else "")
            print(f"  {label:30} {row['state']:10} {row['hostname']}")
        print("  tasks per worker: " + ", ".join(f"{host}: {n}" for host, n in sorted(summary["hosts"].items())))
        outcome.update(summary)
        if summary["state"] != "success":
            _log(f"logs kept in {log_dir}")
    summary["total_seconds"] = round(time.monotonic() - started, 1)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="Celery workers to start (default 2)")
    parser.add_argument("--concurrency", type=int, default=2, help="task slots per worker (default 2)")
    parser.add_argument(
        "--redis",
        default=os.environ.get("SAHELWATCH_SCALEOUT_REDIS", "redis://127.0.0.1:6379/11"),
        help="Celery broker (a Redis database of its own; keys created here are removed)",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("SAHELWATCH_SCALEOUT_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="PostgreSQL server where the metadata and warehouse databases are created",
    )
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for the run")
    parser.add_argument("--json", type=Path, help="write the summary here")
    parser.add_argument("--workdir", help="work directory (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs) afterwards")
    args = parser.parse_args(argv)

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, interrupted)
    try:
        summary = run(args)
    except KeyboardInterrupt as stop:
        _log(f"interrupted ({stop}); everything started was stopped")
        return 130
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    ok = summary["state"] == "success" and sum(1 for host in summary["hosts"] if host) >= min(2, args.workers)
    _log(
        f"{'OK' if ok else 'FAILED'}: {len(summary['tasks'])} task instances on {len(summary['hosts'])} worker(s)"
        f" {sorted(summary['hosts'])}; total {summary['total_seconds']}s"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
