"""Build hook (the project itself is described in pyproject.toml): put the data sahelwatch reads at run time into the
wheel, as sahelwatch/_bundle/<name>/.

Seeds, migrations, example queries, the Scrapy project, the DAG files and infra/airflow's scripts stay at the
repository's top level, where they are edited; sahelwatch.resources finds them there in a checkout, and in the bundle
once installed. Which folder goes where is sahelwatch.resources.LAYOUT, read here from the file so that the two
cannot disagree.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _resources():  # noqa: ANN202 - the module object of sahelwatch/resources.py
    """sahelwatch/resources.py loaded alone (it needs only the standard library), without importing the package."""
    spec = importlib.util.spec_from_file_location("_sahelwatch_resources", ROOT / "sahelwatch" / "resources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithBundle(build_py):
    """build_py, then a fresh copy of every LAYOUT folder into the package (stale copies of removed files would ship
    otherwise, since build/ outlives a build)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the checkout's own folders
            return
        resources = _resources()
        bundle = Path(self.build_lib) / "sahelwatch" / resources.BUNDLE
        shutil.rmtree(bundle, ignore_errors=True)
        for name, relative in resources.LAYOUT.items():
            source = ROOT / relative
            for path in sorted(source.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    target = bundle / name / path.relative_to(source)
                    self.mkpath(str(target.parent))
                    self.copy_file(str(path), str(target))


setup(cmdclass={"build_py": BuildWithBundle})
