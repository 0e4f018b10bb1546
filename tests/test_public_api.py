"""Every name a public module lists in ``__all__`` imports and is documented.

A class, function or module needs a docstring of its own; any other value (a
constant, a type alias, an instance) needs an attribute docstring, the string
right after its assignment, wherever it is defined.
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
import inspect
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def _public_modules() -> list[str]:
    names = []
    for path in sorted((SRC / "rrnkit").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] == "__main__" or any(p.startswith("_") for p in parts):
            continue
        names.append(".".join(parts))
    return names


PUBLIC_MODULES = _public_modules()


@functools.cache
def _tree(module: str) -> ast.Module:
    spec = importlib.util.find_spec(module)
    assert spec is not None, module
    assert spec.origin is not None, module
    return ast.parse(Path(spec.origin).read_text(encoding="utf-8"))


def _is_package(module: str) -> bool:
    spec = importlib.util.find_spec(module)
    return spec is not None and spec.submodule_search_locations is not None


def _statements(body: list[ast.stmt]) -> list[tuple[ast.stmt, ast.stmt | None]]:
    """Each top-level statement with the one after it, inside ``if`` blocks too.

    A name defined one way for type checkers and another at run time
    (``if TYPE_CHECKING: ... else: ...``) is documented in the block that defines it.
    """
    pairs: list[tuple[ast.stmt, ast.stmt | None]] = []
    for node, after in zip(body, [*body[1:], None][: len(body)], strict=True):
        if isinstance(node, ast.If):
            pairs.extend(_statements(node.body))
            pairs.extend(_statements(node.orelse))
        else:
            pairs.append((node, after))
    return pairs


def _has_attribute_docstring(module: str, name: str, depth: int = 0) -> bool:
    """Tell whether ``name`` is assigned in ``module`` with a docstring, following imports."""
    if depth > 10:
        return False
    for node, after in _statements(_tree(module).body):
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    source = node.module or ""
                    if node.level:
                        base = module.split(".")
                        base = base if _is_package(module) else base[:-1]
                        base = base[: len(base) - (node.level - 1)]
                        source = ".".join([*base, source] if source else base)
                    return _has_attribute_docstring(source, alias.name, depth + 1)
            continue
        else:
            continue
        if name in targets:
            return (
                isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
                and bool(after.value.value.strip())
            )
    return False


def _needs_own_docstring(value: object) -> bool:
    return (
        inspect.ismodule(value)
        or inspect.isclass(value)
        or inspect.isroutine(value)
        or isinstance(value, functools._lru_cache_wrapper)
    )


def _own_doc(value: object) -> str | None:
    if inspect.isclass(value):
        doc = value.__dict__.get("__doc__")
        return doc if isinstance(doc, str) else None
    return getattr(value, "__doc__", None)


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_name_in_all_imports_and_is_documented(module_name: str) -> None:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and not exc.name.startswith("rrnkit"):
            pytest.skip(f"{module_name} needs {exc.name}, not installed")
        raise
    assert module.__doc__, f"{module_name} has no docstring"
    exported = getattr(module, "__all__", None)
    if exported is None:
        return
    assert len(set(exported)) == len(exported), f"{module_name}.__all__ repeats a name"
    undocumented = []
    for name in exported:
        assert hasattr(module, name), f"{module_name}.__all__ lists {name!r}, which is missing"
        value = getattr(module, name)
        if name == "__version__":
            continue
        if _needs_own_docstring(value):
            if not (_own_doc(value) or "").strip():
                undocumented.append(name)
        elif not _has_attribute_docstring(module_name, name):
            undocumented.append(name)
    assert not undocumented, f"{module_name}: undocumented names in __all__: {undocumented}"


def test_the_walk_sees_packages_and_modules() -> None:
    assert "rrnkit" in PUBLIC_MODULES
    assert "rrnkit.io" in PUBLIC_MODULES
    assert "rrnkit.model.introspect" in PUBLIC_MODULES
    assert not [m for m in PUBLIC_MODULES if "._" in m]


def test_an_undocumented_constant_is_caught() -> None:
    assert _has_attribute_docstring("rrnkit.io", "STDIN")  # imported from io._read
    assert not _has_attribute_docstring("rrnkit._internal.strict", "_DATE_PART")
