import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from rrnkit.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_valid_files_exit_zero(tmp_path: Path, incident: dict[str, Any]) -> None:
    (tmp_path / "one.json").write_text(json.dumps(incident, indent=2))
    code, out = run("validate", str(tmp_path))
    assert code == 0
    assert "Read 1 record in 1 file: 1 valid, 0 invalid." in out


def test_problems_are_printed_with_file_line_and_pointer(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    bad = dict(incident, reason="42")
    stream = tmp_path / "incidents.jsonl"
    stream.write_text("\n".join([json.dumps(incident), "", json.dumps(bad)]) + "\n")
    code, out = run("validate", str(stream))
    assert code == 1
    assert f"{stream}:3: /reason: value.unknown-code:" in out
    assert "Read 2 records in 1 file: 1 valid, 1 invalid, 1 blank line skipped." in out


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


def test_max_problems_caps_the_list_but_not_the_counts(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    lines = [json.dumps(dict(incident, id=f"i{n}", reason="42")) for n in range(5)]
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n")
    code, out = run("validate", "--max-problems", "2", str(tmp_path))
    assert code == 1
    assert out.count("value.unknown-code") == 2
    assert "Read 5 records in 1 file: 0 valid, 5 invalid." in out
    assert "(partial: 3 more not shown" in out


def test_output_file(tmp_path: Path, incident: dict[str, Any]) -> None:
    (tmp_path / "one.json").write_text(json.dumps(incident))
    target = tmp_path / "report.txt"
    code, out = run("validate", str(tmp_path / "one.json"), "--output", str(target))
    assert (code, out) == (0, "")
    assert "1 valid, 0 invalid" in target.read_text()


def test_shipped_examples_are_valid() -> None:
    examples = Path(__file__).parents[2] / "examples"
    code, out = run("validate", str(examples))
    assert code == 0, out


def test_jobs_give_the_same_report(tmp_path: Path, incident: dict[str, Any]) -> None:
    bad = dict(incident, id="bad", reason="42")
    stream = tmp_path / "incidents.jsonl"
    lines = [json.dumps(dict(incident, id=f"i{n}")) for n in range(20)]
    stream.write_text("\n".join([*lines[:7], json.dumps(bad), *lines[7:]]) + "\n")
    one = run("validate", "--format", "json", str(tmp_path))
    two = run("validate", "--format", "json", "--jobs", "2", str(tmp_path))
    assert one == two
    assert one[0] == 1
    assert run("validate", "--jobs", "0", str(tmp_path))[0] == 2


def test_a_missing_required_field_is_named_in_text_json_and_sarif(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    broken = {k: v for k, v in incident.items() if k != "organisation_id"}
    stream = tmp_path / "incidents.jsonl"
    stream.write_text(json.dumps(broken) + "\n")
    message = "the required field 'organisation_id' is missing"
    code, out = run("validate", str(stream))
    assert code == 1
    assert f"{stream}:1: /organisation_id: field.required: {message}" in out
    code, out = run("validate", str(stream), "--format", "json")
    problems = json.loads(out)["problems"]
    assert [(p["code"], p["pointer"], p["message"]) for p in problems] == [
        ("field.required", "/organisation_id", message)
    ]
    code, out = run("validate", str(stream), "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert [r["message"]["text"] for r in results] == [f"/organisation_id: {message}"]
