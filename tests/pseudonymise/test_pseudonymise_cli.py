"""The ``pseudonymise`` command, invoked through click's runner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from rrnkit.cli._pseudonymise import KEY_FILE_ENV, pseudonymise_command
from rrnkit.io import iter_records

EXAMPLES = Path(__file__).parents[2] / "examples"
KEY = bytes(range(100, 132))


def key_file(folder: Path, key: bytes = KEY) -> Path:
    path = folder / "key.bin"
    path.write_bytes(key + b"\n")
    return path


def test_the_examples_are_pseudonymised_into_one_file_per_kind(tmp_path: Path) -> None:
    out = tmp_path / "research"
    result = CliRunner().invoke(
        pseudonymise_command,
        [str(EXAMPLES), "--key-file", str(key_file(tmp_path)), "--output", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "Read 29 records in 18 files: 29 valid, 0 invalid." in result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "action-plan.jsonl",
        "course.jsonl",
        "evaluation.jsonl",
        "incident.jsonl",
        "organisation.jsonl",
        "trainer.jsonl",
        "training-event.jsonl",
        "training-needs-analysis.jsonl",
    ]
    records = [r for r in iter_records([out]) if r is not None]
    assert len(records) == 29
    assert all(r.valid for r in records)
    text = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.json*"))
    for secret in ("Quinn Dummyname", "9990012342", "NM-S001", "Sam Sample", "HPS-NM-"):
        assert secret not in text
    assert KEY.hex() not in text + result.output


def test_the_same_key_gives_the_same_files(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for name in ("a", "b"):
        runner.invoke(
            pseudonymise_command,
            [
                str(EXAMPLES / "incidents.jsonl"),
                "--key-file",
                str(key_file(tmp_path)),
                "-o",
                str(tmp_path / name),
            ],
        )
        outputs.append((tmp_path / name / "incident.jsonl").read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") == 12


def test_invalid_documents_are_reported_and_not_copied(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(EXAMPLES / "organisation.json", source / "organisation.json")
    lines = (EXAMPLES / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[0])
    broken["patient"]["nhs_number"] = "ZQ-NHS-QZ"
    (source / "incidents.jsonl").write_text(
        "\n".join([json.dumps(broken), lines[1]]) + "\n", encoding="utf-8"
    )
    (source / "bad.json").write_text('{"kind": "trainer", "name": "ZQ-NAME-QZ"}', "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        pseudonymise_command,
        [str(source), "--key-file", str(key_file(tmp_path)), "--output", str(out)],
    )
    assert result.exit_code == 1
    assert f"{source / 'incidents.jsonl'}:1: /patient/nhs_number:" in result.output
    assert "ZQ-" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["incident.jsonl", "organisation.jsonl"]
    assert (out / "incident.jsonl").read_text(encoding="utf-8").count("\n") == 1


def test_the_key_comes_from_a_file_or_the_environment_never_the_command_line(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    inputs = [str(EXAMPLES / "tna.json"), "--output", str(tmp_path / "o")]
    on_line = runner.invoke(pseudonymise_command, [*inputs, "--key", KEY.hex()])
    assert on_line.exit_code == 2
    from_env = runner.invoke(
        pseudonymise_command, inputs, env={KEY_FILE_ENV: str(key_file(tmp_path))}
    )
    assert from_env.exit_code == 0, from_env.output
    short = runner.invoke(
        pseudonymise_command, [*inputs, "--key-file", str(key_file(tmp_path, KEY[:20]))]
    )
    assert short.exit_code == 2
    assert "shorter than 32 bytes" in short.output
    assert KEY[:20].hex() not in short.output


def test_output_must_be_a_new_or_empty_folder(tmp_path: Path) -> None:
    """Nothing is overwritten (an input included) and no stale file is mixed in."""
    shutil.copy(EXAMPLES / "tna.json", tmp_path / "tna.json")
    result = CliRunner().invoke(
        pseudonymise_command,
        [str(tmp_path / "tna.json"), "--key-file", str(key_file(tmp_path)), "-o", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert "not a new or empty folder" in result.output
    assert json.loads((tmp_path / "tna.json").read_text("utf-8"))["author"].get("name")


def test_input_file_and_folder_names_never_reach_the_output(tmp_path: Path) -> None:
    """A file named after a person or record must not survive as an output name."""
    source = tmp_path / "ZQ-ward-Quinn-QZ"
    source.mkdir()
    shutil.copy(EXAMPLES / "trainers" / "trainer-ft-001.json", source / "ZQ-trainer-ft-001-QZ.json")
    shutil.copy(EXAMPLES / "incidents.jsonl", source / "ZQ-patient-9990012342-QZ.jsonl")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        pseudonymise_command,
        [str(source), "--key-file", str(key_file(tmp_path)), "--output", str(out)],
    )
    assert result.exit_code == 0, result.output
    written = [p.relative_to(out).as_posix() for p in out.rglob("*")]
    assert sorted(written) == ["incident.jsonl", "trainer.jsonl"]
    assert "ZQ-" not in "".join(p.read_text("utf-8") for p in out.iterdir())
