"""The pipeline never imports sahelwatch.tools (build tools and fixture generators): no module of the package outside
sahelwatch/tools, nor a DAG file or the Scrapy project, names it in an import, so that what runs daily carries
neither their code nor their build-only dependencies."""

from __future__ import annotations

import ast
from pathlib import Path

from sahelwatch.resources import REPO_ROOT

PACKAGE = REPO_ROOT / "sahelwatch"
TOOLS = PACKAGE / "tools"
RUNTIME_TREES = (PACKAGE, REPO_ROOT / "dags", REPO_ROOT / "spiders")
FORBIDDEN = "sahelwatch.tools"
_IMPORTERS = {"import_module", "__import__"}


def _module_name(path: Path) -> str:
    """The dotted name of a module of the package (for resolving its relative imports)."""
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _is_tools(name: str) -> bool:
    return name == FORBIDDEN or name.startswith(FORBIDDEN + ".")


def tools_imports(source: str, module: str = "", is_package: bool = False) -> list[str]:
    """Every name in `source` by which it would import sahelwatch.tools: import statements (relative ones resolved
    against `module`) and import_module("...") or __import__("...") with a literal name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if _is_tools(alias.name)]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            found += [name for name in (base, *(f"{base}.{alias.name}" for alias in node.names)) if _is_tools(name)]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in _IMPORTERS and isinstance(node.args[0].value, str) and _is_tools(node.args[0].value):
                found.append(node.args[0].value)
    return sorted(set(found))


def _runtime_files() -> list[Path]:
    return sorted(
        path
        for tree in RUNTIME_TREES
        for path in tree.rglob("*.py")
        if TOOLS not in path.parents and "__pycache__" not in path.parts
    )


def test_the_scan_sees_every_way_of_importing_the_tools() -> None:
    assert tools_imports("import sahelwatch.tools.replica.generate") == ["sahelwatch.tools.replica.generate"]
    assert tools_imports("from sahelwatch.tools.gazetteer.build import build") == [
        "sahelwatch.tools.gazetteer.build",
        "sahelwatch.tools.gazetteer.build.build",
    ]
    assert tools_imports("from sahelwatch import tools") == ["sahelwatch.tools"]
    assert tools_imports("from ..tools import replica", module="sahelwatch.report.write") == [
        "sahelwatch.tools",
        "sahelwatch.tools.replica",
    ]
    assert tools_imports("importlib.import_module('sahelwatch.tools.boundaries.build')") == [
        "sahelwatch.tools.boundaries.build"
    ]
    assert tools_imports("import sahelwatch.toolsmith\nfrom sahelwatch import text\n'sahelwatch.tools, a string'") == []


def test_no_runtime_module_imports_the_tools() -> None:
    files = _runtime_files()
    assert PACKAGE / "pipeline.py" in files and not any(TOOLS in path.parents for path in files)
    offenders = {}
    for path in files:
        names = tools_imports(path.read_text(encoding="utf-8"), _module_name(path), path.name == "__init__.py")
        if names:
            offenders[str(path.relative_to(REPO_ROOT))] = names
    assert not offenders, f"the runtime imports build tools: {offenders}"
