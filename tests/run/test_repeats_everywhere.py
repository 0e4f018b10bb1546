"""One duplicate rule for every command that reads documents.

Each command is run on the same two files, the second repeating an incident
of the first. Every one reports ``document.duplicate-id`` at the repeat (the
first one wins), counts it invalid (read = valid + invalid) and exits 1; no
command writes or judges the repeated incident twice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rrnkit.cli import cli
from rrnkit.report import EXIT_FAILED

AS_OF = "2026-11-28"


@pytest.fixture
def two_files(tmp_path: Path, incident: dict[str, Any]) -> tuple[Path, Path]:
    first = tmp_path / "a.jsonl"
    second = tmp_path / "b.jsonl"
    other = dict(incident, id="inc-other")
    first.write_text(json.dumps(incident) + "\n" + json.dumps(other) + "\n")
    second.write_text(json.dumps(incident) + "\n")  # the same kind and id again
    return first, second


def _run(args: list[str]) -> Any:
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def _commands(first: Path, second: Path, tmp: Path) -> dict[str, list[str]]:
    key = tmp / "key"
    key.write_bytes(b"k" * 40)
    paths = [str(first), str(second)]
    return {
        "validate": ["validate", *paths],
        "check": ["check", *paths, "--as-of", AS_OF, "--fail-on", "never"],
        "check --jobs 2": ["check", *paths, "--as-of", AS_OF, "--fail-on", "never", "--jobs", "2"],
        "export": ["export", "--table", "incidents", *paths],
        "study measures": ["study", "measures", *paths],
        "study trend": ["study", "trend", "--from", "2026-01-01", "--to", AS_OF, *paths],
        "mhsds export": ["mhsds", "export", *paths, "-o", str(tmp / "mhsds")],
        "pseudonymise": ["pseudonymise", "--key-file", str(key), "-o", str(tmp / "p"), *paths],
    }


@pytest.mark.parametrize(
    "command",
    [
        "validate",
        "check",
        "check --jobs 2",
        "export",
        "study measures",
        "study trend",
        "mhsds export",
        "pseudonymise",
    ],
)
def test_every_command_reports_the_repeat_and_keeps_the_first(
    two_files: tuple[Path, Path], tmp_path: Path, command: str
) -> None:
    first, second = two_files
    result = _run(_commands(first, second, tmp_path)[command])
    said = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "document.duplicate-id" in said, said
    assert f"{second}:1:" in said  # located at the repeat, not the first
    assert result.exit_code == EXIT_FAILED, said


def test_one_pass_commands_write_the_repeated_document_once(
    two_files: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = two_files
    commands = _commands(first, second, tmp_path)
    exported = _run(commands["export"]).stdout.strip().splitlines()
    assert len(exported) == 1 + 2  # a header and the two distinct incidents
    _run(commands["mhsds export"])
    rows = (tmp_path / "mhsds" / "MHS505.csv").read_text().strip().splitlines()
    assert len(rows) == 1 + 2
    _run(commands["pseudonymise"])
    copies = (tmp_path / "p" / "incident.jsonl").read_text().strip().splitlines()
    assert len(copies) == 2
