"""One rule for blank JSON Lines lines, in files and on standard input: JSON whitespace only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rrnkit.cli import cli
from samples import INCIDENT

RECORD = json.dumps(INCIDENT).encode()


def problems(report: dict[str, Any]) -> list[tuple[int, str]]:
    return [(p["line"], p["code"]) for p in report["problems"]]


def by_file(data: bytes, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "incidents.jsonl"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["validate", "--format", "json", str(path)])
    report: dict[str, Any] = json.loads(result.output)
    return report


def by_stdin(data: bytes) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["validate", "--format", "json", "-"], input=data)
    report: dict[str, Any] = json.loads(result.output)
    return report


@pytest.mark.parametrize("space", [b"\x0c", b"\x0b", b" \x0c ", b"\t\x0b\r"])
def test_a_form_feed_or_vertical_tab_line_is_a_record_on_both_paths(
    space: bytes, tmp_path: Path
) -> None:
    data = RECORD + b"\n" + space + b"\n"
    from_file, from_stdin = by_file(data, tmp_path), by_stdin(data)
    for report in (from_file, from_stdin):
        counts = report["counts"]
        assert (counts["read"], counts["valid"], counts["invalid"]) == (2, 1, 1)
        [(line, code)] = problems(report)
        assert (line, code) == (2, "json.syntax")
    assert from_file["problems"][0]["message"] == from_stdin["problems"][0]["message"]


@pytest.mark.parametrize("space", [b"\x0c", b"\x0b"])
def test_on_the_first_line_too_neither_path_skips_it(space: bytes, tmp_path: Path) -> None:
    """Standard input whose first line is not JSON is read as one document (README), so the
    counts differ from a file's; both refuse the line, at line 1, as a syntax error."""
    data = space + b"\n" + RECORD + b"\n"
    for report in (by_file(data, tmp_path), by_stdin(data)):
        assert report["counts"]["invalid"] == 1
        assert problems(report)[0] == (1, "json.syntax")


@pytest.mark.parametrize("space", [b"", b" ", b"\t", b"\r", b" \t \r"])
def test_lines_of_json_whitespace_are_blank_on_both_paths(space: bytes, tmp_path: Path) -> None:
    second = RECORD.replace(b'"inc-1"', b'"inc-2"')
    data = space + b"\n" + RECORD + b"\n" + space + b"\n" + second + b"\n"
    for report in (by_file(data, tmp_path), by_stdin(data)):
        assert (report["counts"]["read"], report["counts"]["invalid"]) == (2, 0)
