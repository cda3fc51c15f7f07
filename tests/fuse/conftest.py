import importlib.util
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="session")
def scenario() -> ModuleType:
    """tests/fixtures/fusion/scenario.py: writes fusion scenarios straight into raw and staging."""
    path = Path(__file__).parents[1] / "fixtures" / "fusion" / "scenario.py"
    spec = importlib.util.spec_from_file_location("fusion_scenario", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
