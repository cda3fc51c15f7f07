"""From a checkout, sahelwatch reads the top-level folders maintainers edit and keeps its data in .data/, as the
README's commands expect (tests/test_wheel.py covers the installed package)."""

from __future__ import annotations

from sahelwatch.config import default_data_dir
from sahelwatch.resources import IN_CHECKOUT, LAYOUT, REPO_ROOT, location


def test_a_checkout_reads_its_own_folders_and_keeps_data_in_dot_data() -> None:
    assert IN_CHECKOUT
    assert {name: location(name) for name in LAYOUT} == {name: REPO_ROOT / path for name, path in LAYOUT.items()}
    assert all(location(name).is_dir() and any(location(name).iterdir()) for name in LAYOUT)
    assert default_data_dir() == REPO_ROOT / ".data"
