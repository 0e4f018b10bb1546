import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from rrnkit.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_valid_files_exit_zero(tmp_path: Path, incident: dict[str, Any]) -> None:
    (tmp_path / "one.json").write_text(json.dumps(incident, indent=2))
    code, out = run("validate", str(tmp_path))
    assert code == 0
    assert "1 documents read in 1 files: 1 valid, 0 invalid" in out


def test_problems_are_printed_with_file_line_and_pointer(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    bad = dict(incident, reason="42")
    stream = tmp_path / "incidents.jsonl"
    stream.write_text("\n".join([json.dumps(incident), "", json.dumps(bad)]) + "\n")
    code, out = run("validate", str(stream))
    assert code == 1
    assert f"{stream}:3: /reason: value.unknown-code:" in out
    assert "2 documents read in 1 files: 1 valid, 1 invalid, 1 blank line(s) skipped" in out


def test_json_file_problem_lines_point_into_the_file(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    incident["patient"]["nhs_number"] = "9434765918"
    path = tmp_path / "one.json"
    text = json.dumps(incident, indent=2)
    path.write_text(text)
    line = 1 + text[: text.index('"nhs_number"')].count("\n")
    code, out = run("validate", str(path))
    assert code == 1
    assert f"{path}:{line}: /patient/nhs_number: value.nhs-number:" in out
    assert "9434765918" not in out


def test_missing_path_is_exit_two_and_the_rest_is_still_read(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    (tmp_path / "one.json").write_text(json.dumps(incident))
    code, out = run("validate", str(tmp_path / "nope.json"), str(tmp_path))
    assert code == 2
    assert "path.not-found" in out
    assert "1 valid, 0 invalid" in out


def test_no_paths_is_a_usage_error() -> None:
    code, _ = run("validate")
    assert code == 2


def test_shipped_examples_are_valid() -> None:
    examples = Path(__file__).parents[2] / "examples"
    code, out = run("validate", str(examples))
    assert code == 0, out
