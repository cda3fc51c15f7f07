"""What can be checked of the deployment files without Docker or Kubernetes: they parse, every secret comes from the
environment file, the example names all of them, the real one is ignored by git, only loopback ports are published."""

from __future__ import annotations

import re
import subprocess

import yaml

from sahelwatch.resources import REPO_ROOT

COMPOSE = REPO_ROOT / "infra" / "compose"
HELM = REPO_ROOT / "infra" / "helm" / "values.yaml"
AIRFLOW_COMPONENTS = {
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
}


def _compose() -> tuple[str, dict]:
    text = (COMPOSE / "docker-compose.yml").read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


def test_compose_has_the_components_and_runs_celery_on_postgres_and_redis() -> None:
    _, compose = _compose()
    services = compose["services"]
    assert AIRFLOW_COMPONENTS | {"airflow-init", "warehouse-db", "metadata-db", "redis"} <= set(services)
    for name in AIRFLOW_COMPONENTS:
        env = services[name]["environment"]
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
        assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
        assert "@metadata-db:5432/" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
        assert "@warehouse-db:5432/" in env["AIRFLOW_CONN_SAHELWATCH_WAREHOUSE"]
        assert env["AIRFLOW__CORE__DAGS_FOLDER"] == "/opt/sahelwatch/dags"
        assert any(v.startswith("sahelwatch-data:") for v in services[name]["volumes"])
    assert services["airflow-worker"]["command"] == ["celery", "worker"]
    assert "pools set sahelwatch_crawl" in " ".join(services["airflow-init"]["command"])


def test_secrets_come_from_the_env_file_and_the_example_lists_them() -> None:
    text, compose = _compose()
    required = set(re.findall(r"(?<!\$)\$\{([A-Z0-9_]+):\?", text))
    used = set(re.findall(r"(?<!\$)\$\{([A-Z0-9_]+)", text))  # $${X} is the container's own variable
    example = (COMPOSE / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert {
        "WAREHOUSE_DB_PASSWORD",
        "AIRFLOW_DB_PASSWORD",
        "REDIS_PASSWORD",
        "AIRFLOW_FERNET_KEY",
        "AIRFLOW_JWT_SECRET",
        "AIRFLOW_API_SECRET_KEY",
        "AIRFLOW_ADMIN_PASSWORD",
    } <= required
    assert used <= listed, f"not in .env.example: {sorted(used - listed)}"
    for line in example.splitlines():  # the example holds placeholders only
        if re.match(r"^[A-Z0-9_]*(PASSWORD|SECRET|KEY)[A-Z0-9_]*=", line):
            assert line.endswith("=change-me"), line
    for match in re.finditer(
        r"^\s+[A-Z0-9_]*(PASSWORD|SECRET|_KEY)[A-Z0-9_]*:\s+(?![\"']?\$)\S+", text, flags=re.MULTILINE
    ):
        raise AssertionError(f"literal secret in docker-compose.yml: {match.group(0)}")


def test_env_file_is_ignored_by_git_and_only_loopback_is_published() -> None:
    ignored = subprocess.run(["git", "check-ignore", "-q", str(COMPOSE / ".env")], cwd=REPO_ROOT, check=False)
    assert ignored.returncode == 0, "infra/compose/.env must be git-ignored"
    _, compose = _compose()
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"


def test_helm_values_use_the_kubernetes_executor_and_secrets() -> None:
    values = yaml.safe_load(HELM.read_text(encoding="utf-8"))
    assert values["executor"] == "KubernetesExecutor"
    assert values["postgresql"]["enabled"] is False and values["redis"]["enabled"] is False
    assert {entry["envName"] for entry in values["secret"]} >= {"AIRFLOW_CONN_SAHELWATCH_WAREHOUSE"}
    assert all(values[key] for key in ("fernetKeySecretName", "apiSecretKeySecretName", "jwtSecretName"))
    assert "pools set sahelwatch_crawl" in values["scheduler"]["args"][-1]
    mounts = {m["mountPath"] for m in values["workers"]["extraVolumeMounts"]}
    assert "/opt/sahelwatch/data" in mounts
    assert not re.search(r"(?i)password:\s*\S", HELM.read_text(encoding="utf-8"))
