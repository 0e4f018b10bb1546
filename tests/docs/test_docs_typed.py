"""Pages whose code samples are typed: together, a page's Python blocks pass ``mypy --strict``.

A developer copies these samples into code their type checker reads, so the
samples must type-check as they stand, not only run (``test_docs_samples``
runs them).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_docs_samples import DOCS, blocks

TYPED = ["how-to/build-documents-in-code.md", "how-to/reparameterise-a-rule.md"]
"""Pages held to mypy --strict."""


@pytest.mark.parametrize("page", TYPED)
def test_a_typed_page_passes_mypy_strict(page: str, tmp_path: Path) -> None:
    code = [b.code for b in blocks((DOCS / page).read_text()) if b.language == "python"]
    assert code, f"{page} has no Python samples"
    sample = tmp_path / "sample.py"
    sample.write_text("\n".join(code))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(sample)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
