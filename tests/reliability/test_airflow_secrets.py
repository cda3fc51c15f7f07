"""Airflow's UI secrets are generated per installation: long, random, private to their file, and different in two
AIRFLOW_HOMEs; the UI host defaults to 127.0.0.1 (that it binds nothing else is tested on a live UI in
tests/ui/test_backfill.py::test_the_live_ui_listens_on_loopback_only)."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest

from sahelwatch.airflow_env import airflow_environment
from sahelwatch.config import load_settings

SECRETS = {"AIRFLOW__API_AUTH__JWT_SECRET": "jwt_secret", "AIRFLOW__API__SECRET_KEY": "api_secret"}


def _random_bytes(secret: str) -> int:
    """How many random bytes a URL-safe base64 secret (secrets.token_urlsafe) carries."""
    return len(base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4)))


def _environment(home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """airflow_environment() of a fresh installation: the test session's own secrets and host are not inherited."""
    monkeypatch.setenv("AIRFLOW_HOME", str(home))
    for variable in (*SECRETS, "AIRFLOW__API__HOST"):
        monkeypatch.delenv(variable, raising=False)
    return airflow_environment(load_settings())


def test_generated_secrets_are_long_private_stable_and_differ_between_installations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _environment(tmp_path / "one", monkeypatch)
    second = _environment(tmp_path / "two", monkeypatch)
    assert first["AIRFLOW__API__HOST"] == second["AIRFLOW__API__HOST"] == "127.0.0.1"
    values = [env[variable] for env in (first, second) for variable in SECRETS]
    print(f"secrets: {[(len(v), _random_bytes(v)) for v in values]} (characters, random bytes)")
    assert len(set(values)) == 4, "a secret repeats across variables or installations"
    assert all(_random_bytes(value) >= 32 for value in values)
    for variable, name in SECRETS.items():
        path = tmp_path / "one" / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text(encoding="utf-8").strip() == first[variable]
    assert _environment(tmp_path / "one", monkeypatch) == first  # kept: restarting the UI keeps sessions valid
