"""The problem-code catalogue is complete, exact and published.

Every code the source can report is in ``rrnkit.problem_codes.CATALOGUE``, and
every entry there is reported somewhere: the source is read as Python (every
string constant of the form ``family.name``), so a new code, or a code no
longer used, fails here until the catalogue follows. The page
``docs/reference/problem-codes.md`` is generated from the catalogue and
tested fresh, as ``docs/sources.md`` is.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from rrnkit.cli import cli
from rrnkit.problem_codes import (
    CATALOGUE,
    DOCUMENT_COMMANDS,
    FAMILIES,
    LOAD,
    SCHEMA_VALIDATE,
    TABULAR_READ_CSV,
    main,
    problem_code,
    render_markdown,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "rrnkit"
CATALOGUE_MODULE = PACKAGE / "problem_codes.py"

DOTTED = re.compile(r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$")
"""The shape of a problem code, and of some other dotted names the scan must tell apart."""
FILE_SUFFIXES = (".csv", ".json", ".jsonl", ".md", ".ndjson", ".parquet", ".txt")
NOT_PROBLEM_CODES = {
    "run.interrupted": "a SARIF notification id (rrnkit.report), not a problem code",
    "run.partial": "a SARIF notification id (rrnkit.report), not a problem code",
    "run.note": "a SARIF notification id (rrnkit.report), not a problem code",
    "base.css": "the pages' stylesheet file (rrnkit._internal.html)",
    "svg.hashsalt": "a matplotlib rc setting (rrnkit.extra.charts)",
    "svg.fonttype": "a matplotlib rc setting (rrnkit.extra.charts)",
    "font.family": "a matplotlib rc setting (rrnkit.extra.charts)",
    "font.sans-serif": "a matplotlib rc setting (rrnkit.extra.charts)",
    "text.usetex": "a matplotlib rc setting (rrnkit.extra.charts)",
    "http.request": "an ASGI message type (rrnkit.service)",
    "http.disconnect": "an ASGI message type (rrnkit.service)",
}
"""Dotted strings in the source that look like codes but are not problems' codes."""


def string_constants(path: Path) -> Iterator[tuple[str, int, bool]]:
    """Every string constant in a module, docstrings excepted: text, line, given as ``code=``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    keyword_codes = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg == "code"
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value, node.lineno, id(node) in keyword_codes


def looks_like_a_code(text: str, given_as_code: bool = False) -> bool:
    """Tell a code from the other dotted strings: module names, metadata keys, file names.

    A file name (``rates.csv``) is a code only where it is given as ``code=``
    (``mhsds.csv``, a problem with an MHSDS CSV file).
    """
    return (
        bool(DOTTED.match(text))
        and not text.startswith("rrnkit.")
        and (given_as_code or not text.endswith(FILE_SUFFIXES))
        and text not in NOT_PROBLEM_CODES
    )


def codes_in_source() -> dict[str, list[str]]:
    """Every code-shaped string in the package (outside the catalogue), with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == CATALOGUE_MODULE:
            continue
        for text, line, given_as_code in string_constants(path):
            if looks_like_a_code(text, given_as_code):
                found.setdefault(text, []).append(f"{path.relative_to(ROOT)}:{line}")
    return found


def test_the_scan_finds_codes_where_they_are_raised() -> None:
    found = codes_in_source()
    assert any("convert/envelope.py" in where for where in found["document.kind-missing"])
    assert any("_internal/strict.py" in where for where in found["value.naive-datetime"])
    assert any("study/_bed_days.py" in where for where in found["bed-days.month"])
    assert not looks_like_a_code("rrnkit.model")
    assert not looks_like_a_code("incidents.jsonl")
    assert not looks_like_a_code("rates.csv")
    assert looks_like_a_code("mhsds.csv", given_as_code=True)
    assert "mhsds.csv" in found
    assert not looks_like_a_code("run.partial")


def test_every_code_the_source_can_report_is_in_the_catalogue() -> None:
    missing = {code: where for code, where in codes_in_source().items() if code not in CATALOGUE}
    assert missing == {}, "add these codes to rrnkit.problem_codes (or to NOT_PROBLEM_CODES)"


def test_every_catalogue_entry_is_reported_somewhere() -> None:
    unused = sorted(set(CATALOGUE) - set(codes_in_source()))
    assert unused == [], "no source reports these codes: remove them from the catalogue"


def test_entries_are_keyed_by_their_code_and_grouped_by_family() -> None:
    families = []
    for code, entry in CATALOGUE.items():
        assert entry.code == code
        assert DOTTED.match(code)
        assert entry.family in FAMILIES, f"{code}: add its family to FAMILIES"
        assert entry.meaning.strip()
        assert entry.fix.strip()
        assert set(entry.python) <= {LOAD, SCHEMA_VALIDATE, TABULAR_READ_CSV}
        if not families or families[-1] != entry.family:
            families.append(entry.family)
    assert families == list(FAMILIES), "list the entries family by family, in FAMILIES' order"


def _commands(group: click.Group, prefix: str = "") -> Iterator[str]:
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        yield full
        if isinstance(command, click.Group):
            yield from _commands(command, f"{full} ")


def test_every_command_named_is_a_command() -> None:
    commands = set(_commands(cli))
    assert set(DOCUMENT_COMMANDS) <= commands
    named = {command for entry in CATALOGUE.values() for command in entry.commands}
    assert named <= commands, named - commands


def test_problem_code_looks_an_entry_up() -> None:
    assert problem_code("value.naive-datetime").family == "value"
    with pytest.raises(KeyError, match=r"value\.naive-date-time"):
        problem_code("value.naive-date-time")


# --------------------------------------------------------------------------- the page


def test_the_problem_codes_page_is_current() -> None:
    committed = (ROOT / "docs" / "reference" / "problem-codes.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), (
        "regenerate: python -m rrnkit.problem_codes docs/reference/problem-codes.md"
    )


def test_the_entry_point_writes_the_page(tmp_path: Path) -> None:
    target = tmp_path / "problem-codes.md"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render_markdown()


def test_the_page_lists_every_code_once_with_its_fix() -> None:
    page = render_markdown()
    for code, entry in CATALOGUE.items():
        assert page.count(f"| `{code}` |") == 1, code
        assert " ".join(entry.fix.split()).replace("|", "\\|") in page


def test_the_site_nav_lists_the_page() -> None:
    assert "reference/problem-codes.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
