"""``import rrnkit`` and ``import rrnkit.tabular`` never import pandas, polars or pyarrow."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pandas", "polars", "pyarrow", "numpy")


def loaded_after(code: str) -> list[str]:
    probe = (
        f"{code}\nimport sys\n"
        f"print(' '.join(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.mark.parametrize(
    "code",
    [
        "import rrnkit",
        "import rrnkit.tabular",
        "import rrnkit.tabular.catalogue; from rrnkit.tabular import tabulate, write_csv",
        "import rrnkit.cli._export",
    ],
)
def test_no_frame_library_is_imported(code: str) -> None:
    assert loaded_after(code) == []


def test_the_probe_sees_an_import() -> None:
    assert "pandas" in loaded_after("import rrnkit.extra.pandas")


@pytest.mark.parametrize(
    ("module", "library", "extra"),
    [
        ("rrnkit.extra.pandas", "pandas", "rrnkit[pandas]"),
        ("rrnkit.extra.polars", "polars", "rrnkit[polars]"),
        ("rrnkit.extra.arrow", "pyarrow", "rrnkit[arrow]"),
    ],
)
def test_a_missing_library_names_the_extra(module: str, library: str, extra: str) -> None:
    code = (
        f"import sys\nsys.modules[{library!r}] = None\n"
        f"try:\n    import {module}\nexcept ImportError as exc:\n    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert f"pip install '{extra}'" in done.stdout
