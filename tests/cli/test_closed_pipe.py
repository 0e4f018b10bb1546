"""A closed pipe on the output (``rrnkit ... | head -1``) ends every command quietly, exit 0."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rrnkit.cli import _closed_pipe, cli

EXAMPLES = Path(__file__).parents[2] / "examples"
HEAD = shutil.which("head")


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Incidents enough that every command's output is far larger than a pipe's buffer."""
    lines = (EXAMPLES / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for copy in range(60):
        for text in lines:
            data = json.loads(text)
            data["id"] = f"{data['id']}-{copy}"
            out.append(json.dumps(data))
    path = tmp_path_factory.mktemp("pipe") / "incidents.jsonl"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def piped_to_head(args: list[str], stderr_too: bool = False) -> tuple[int, bytes, bytes]:
    """Run ``python -m rrnkit ARGS | head -1`` as a shell would; return rrnkit's exit code,
    what head printed and what rrnkit wrote on standard error."""
    assert HEAD is not None
    writer = subprocess.Popen(
        [sys.executable, "-m", "rrnkit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if stderr_too else subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert writer.stdout is not None
    reader = subprocess.Popen([HEAD, "-1"], stdin=writer.stdout, stdout=subprocess.PIPE)
    writer.stdout.close()  # only head holds the pipe's reading end now
    shown, _ = reader.communicate(timeout=120)
    errors = b"" if writer.stderr is None else writer.stderr.read()
    code = writer.wait(timeout=120)
    if writer.stderr is not None:
        writer.stderr.close()
    return code, shown, errors


COMMANDS = {
    "export": lambda many: ["export", "--table", "incidents", str(many)],
    "export interventions": lambda many: ["export", "--table", "interventions", str(many)],
    "check json": lambda many: ["check", "--format", "json", "--as-of", "2026-11-28", str(many)],
    "check sarif": lambda many: ["check", "--format", "sarif", "--as-of", "2026-11-28", str(many)],
    "validate json": lambda many: ["validate", "--format", "json", str(many)],
    "rules json": lambda many: ["rules", "--format", "json"],
}


@pytest.mark.skipif(HEAD is None, reason="needs head")
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_closed_pipe_ends_the_command_quietly(command: str, many: Path) -> None:
    code, shown, errors = piped_to_head(COMMANDS[command](many))
    assert code == 0, errors
    assert errors == b""
    assert shown.count(b"\n") == 1


@pytest.mark.skipif(HEAD is None, reason="needs head")
def test_a_closed_pipe_on_standard_error_too_ends_quietly(many: Path) -> None:
    code, shown, _ = piped_to_head(["export", "--table", "incidents", str(many)], stderr_too=True)
    assert code == 0
    assert shown.count(b"\n") == 1


def wrapped_closed_pipe() -> None:
    try:
        raise BrokenPipeError(32, "Broken pipe")
    except OSError:
        raise ValueError("cannot write") from None


def test_only_a_closed_pipe_is_quiet() -> None:
    with pytest.raises(ValueError, match="cannot write") as raised:
        wrapped_closed_pipe()
    assert _closed_pipe(raised.value)
    assert not _closed_pipe(PermissionError(13, "Permission denied"))
    assert not _closed_pipe(ValueError("x"))


def test_an_unwritable_output_is_still_a_usage_error() -> None:
    source = str(EXAMPLES / "incidents.jsonl")
    result = CliRunner().invoke(
        cli, ["export", "--table", "incidents", "--output", "/proc/no/t.csv", source]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.output
