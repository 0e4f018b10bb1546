"""The generated reference pages in docs/ are current, and the site's nav names real pages."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "rrnkit_docs_reference", ROOT / "docs" / "_hooks" / "reference.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_reference_pages_are_current() -> None:
    stale = generator().stale()
    assert stale == [], "regenerate: .venv/bin/python docs/_hooks/reference.py"


def test_every_document_kind_has_a_page_and_an_example() -> None:
    from rrnkit.model import KINDS

    pages = generator().pages()
    for kind in KINDS:
        text = pages[ROOT / "docs" / "reference" / "schemas" / f"{kind}.md"]
        assert f'??? example "{kind} example"' in text
        assert "| field | type | required | description | constraints |" in text


def test_sensitive_fields_are_flagged_as_the_model_marks_them() -> None:
    import attrs

    from rrnkit.model import Incident, Patient, is_sensitive

    text = generator().pages()[ROOT / "docs" / "reference" / "schemas" / "incident.md"]
    for cls in (Incident, Patient):
        for field in attrs.fields(cls):
            flagged = f"| `{field.name}` **sensitive** |" in text
            assert flagged == is_sensitive(field), field.name


def test_the_nav_names_only_pages_that_exist() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config[config.index("\nnav:") :]
    named = re.findall(r"([\w./-]+\.md)\s*$", nav, re.MULTILINE)
    assert named
    missing = [page for page in named if not (ROOT / "docs" / page).is_file()]
    assert missing == []


@pytest.mark.parametrize("line", ["strict: true", "  - docs/_hooks/reference.py"])
def test_the_build_is_strict_and_runs_the_staleness_hook(line: str) -> None:
    assert line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
