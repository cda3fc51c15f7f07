"""Headless Chromium for the tests that look at a rendered page (the situation report, the comparison page)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SAHELWATCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)),
    reason="chromium is not installed (apt-get install -y chromium)",
)


#: Headless, and quiet: no first-run pages, updates, sync or background requests leave the machine.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with its own profile and HOME under tmp_path (nothing of the user's is read)."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=180, check=True, env={**os.environ, "HOME": str(tmp_path)}
    )
