"""The layering of issue 15: imports point only downward; no package reaches into another.

``lint-imports`` (configured in pyproject.toml, run by ``.ci/run``) checks the
layers and the private modules; these tests run the layers contract again so
``pytest`` alone enforces it, and walk the source for what no import-linter
contract sees: a private name (``_foo``) imported from another package.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "rrnkit"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_private(component: str) -> bool:
    return component.startswith("_") and not component.startswith("__")


def _within(importer: str, package: str) -> bool:
    return importer == package or importer.startswith(package + ".")


def _top_package(module: str) -> str:
    """Return ``rrnkit.X`` for any module inside ``rrnkit.X`` (``rrnkit`` for the root)."""
    return ".".join(module.split(".")[:2])


def _private_module_owner(importer: str, imported: str) -> str | None:
    """Return the package a private module of ``imported`` belongs to, if ``importer`` is outside.

    As import-linter's ``private_modules`` contract: a private module
    (``rrnkit.io._read``) may be imported only from within its parent package
    (``rrnkit.io``). ``rrnkit._internal`` and ``rrnkit._run`` are private
    packages of ``rrnkit``, so any module may import them (but not
    ``rrnkit._run._plan`` from outside ``rrnkit._run``).
    """
    parts = imported.split(".")
    for i in range(1, len(parts)):
        if _is_private(parts[i]):
            parent = ".".join(parts[:i])
            if not _within(importer, parent):
                return parent
    return None


def _absolute(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _violations(importer: str, is_package: bool, where: str, text: str) -> Iterator[str]:
    tree = ast.parse(text, filename=where)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not alias.name.startswith("rrnkit."):
                    continue
                owner = _private_module_owner(importer, alias.name)
                if owner is not None:
                    yield f"{where}:{node.lineno}: {importer} imports {alias.name}"
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(importer, is_package, node)
            if module != "rrnkit" and not module.startswith("rrnkit."):
                continue
            owner = _private_module_owner(importer, module)
            if owner is not None:
                yield f"{where}:{node.lineno}: {importer} imports {module} (private to {owner})"
                continue
            for alias in node.names:
                if not _is_private(alias.name):
                    continue
                target = f"{module}.{alias.name}"
                if target in MODULES:  # a private submodule, imported by name
                    owner = _private_module_owner(importer, target)
                    if owner is not None:
                        yield (
                            f"{where}:{node.lineno}: {importer} imports {target} "
                            f"(private to {owner})"
                        )
                elif _top_package(importer) != _top_package(module):
                    yield (
                        f"{where}:{node.lineno}: {importer} imports the private name "
                        f"{alias.name} from {module}"
                    )


def test_no_package_imports_another_packages_private_modules_or_names() -> None:
    found = [
        violation
        for name, path in MODULES.items()
        for violation in _violations(
            name,
            path.name == "__init__.py",
            str(path.relative_to(ROOT)),
            path.read_text(encoding="utf-8"),
        )
    ]
    assert not found, (
        "import the public name from the package (rrnkit.X), or a shared helper from "
        "rrnkit._internal (the run's stages from rrnkit._run):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    ("importer", "source", "expected"),
    [
        ("rrnkit.cli", "from rrnkit.io._read import STDIN", True),
        ("rrnkit.io", "from rrnkit.io._read import STDIN", False),
        ("rrnkit.io._read", "from rrnkit.io._seen import set_bit", False),
        ("rrnkit.cli", "from rrnkit.convert import _parse", True),
        ("rrnkit.convert._fast", "from rrnkit.convert import _parse", False),
        ("rrnkit.cli", "from rrnkit.report import _private_name", True),
        ("rrnkit.report._sarif", "from rrnkit.report._json import _private_name", False),
        ("rrnkit.api", "from rrnkit._run import run_serial", False),
        ("rrnkit.api", "from rrnkit._run._build import finish", True),
        ("rrnkit._run._read", "from rrnkit._run._plan import Plan", False),
        ("rrnkit.report", "from rrnkit._internal.words import plural", False),
        ("rrnkit.schema", "import rrnkit.convert._parse", True),
        ("rrnkit.report._render", "from ._text import render_text", False),
        ("rrnkit.cli._export", "from ..io._read import STDIN", True),
    ],
)
def test_the_walk_finds_what_it_should(importer: str, source: str, expected: bool) -> None:
    is_package = importer in MODULES and MODULES[importer].name == "__init__.py"
    assert bool(list(_violations(importer, is_package, "example.py", source))) is expected


def test_imports_point_only_downward() -> None:
    """Run import-linter's layers contract (pyproject.toml) on the source tree."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.skip("import-linter is not installed (pip install '.[dev]')")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [lint_imports, "--no-cache", "--no-logo", "--contract", "layers"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
