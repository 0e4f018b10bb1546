"""rrnkit never touches the network and never deserialises unsafely.

Sockets are disabled while validate and check run over the examples and over
documents that name remote schemas (``$schema``, ``$ref``): those are data, not
instructions to fetch anything.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rrnkit.api import check, validate
from rrnkit.cli import cli

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
SRC = ROOT / "src"
AS_OF = dt.date(2026, 11, 28)


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every way out raise, and record each attempt."""
    calls: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            raise NetworkUsed(f"rrnkit called {name}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("socket.gethostbyname"))
    return calls


def test_the_guard_works(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.invalid", 80))
    assert no_network == ["socket.create_connection"]
    no_network.clear()


def remote_references(incident: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(incident)
    data["$schema"] = "https://example.invalid/x"
    data["extensions"] = {
        "org.example": {
            "$ref": "https://example.invalid/y#/definitions/z",
            "$schema": "https://example.invalid/schema",
            "$id": "https://example.invalid/id",
        }
    }
    return data


def extension_refs_only(incident: dict[str, Any]) -> dict[str, Any]:
    data = remote_references(incident)
    del data["$schema"]
    return data


def test_validate_and_check_run_offline(
    no_network: list[str], tmp_path: Path, incident: dict[str, Any]
) -> None:
    (tmp_path / "schema.json").write_text(json.dumps(remote_references(incident), indent=2))
    (tmp_path / "refs.json").write_text(json.dumps(dict(extension_refs_only(incident), id="b")))

    validated = validate([EXAMPLES, tmp_path])
    checked = check([EXAMPLES, tmp_path], as_of=AS_OF)

    for report in (validated, checked):
        assert report.path_problems == ()
        # the $schema key is an unknown field, not a fetch; the $ref in extensions is data
        assert [(p.code, p.pointer) for p in report.problems] == [("field.unknown", "/$schema")]
        assert report.invalid == 1
        assert report.read == report.valid + report.invalid
    assert checked.results
    assert no_network == []


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
@pytest.mark.parametrize("command", [["validate"], ["check", "--as-of", AS_OF.isoformat()]])
def test_the_cli_runs_offline(
    no_network: list[str],
    command: list[str],
    fmt: str,
    tmp_path: Path,
    incident: dict[str, Any],
) -> None:
    (tmp_path / "schema.json").write_text(json.dumps(remote_references(incident)))
    result = CliRunner().invoke(cli, [*command, "--format", fmt, str(EXAMPLES), str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "field.unknown" in result.stdout
    assert no_network == []


def test_schema_commands_run_offline(no_network: list[str], tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (["schema", "list"], ["schema", "show", "incident"], ["rules"]):
        assert runner.invoke(cli, args).exit_code == 0
    assert runner.invoke(cli, ["schema", "export", str(tmp_path / "schemas")]).exit_code == 0
    assert no_network == []


# ------------------------------------------------------------------ nothing unsafe in the source

UNSAFE = {
    "pickle": re.compile(r"\b_?c?pickle\b"),
    "marshal": re.compile(r"\bmarshal\b"),
    "shelve": re.compile(r"\bshelve\b"),
    "yaml.load(": re.compile(r"\byaml\.(?:load|load_all|unsafe_load|full_load)\("),
    "eval(": re.compile(r"(?<![\w.])eval\("),
    "exec(": re.compile(r"(?<![\w.])exec\("),
    "__import__(": re.compile(r"\b__import__\("),
    "compile() of source": re.compile(r"(?<![\w.])compile\("),
    "network clients": re.compile(
        r"\b(?:urllib\.request|http\.client|socket|ftplib|smtplib)\b"
        r"|^\s*(?:import|from)\s+(?:requests|httpx|aiohttp|urllib3)\b"
    ),
}


def source_files() -> list[Path]:
    files = sorted(SRC.rglob("*.py"))
    assert files, "no source files found"
    return files


@pytest.mark.parametrize("name", list(UNSAFE))
def test_no_unsafe_calls_in_the_source(name: str) -> None:
    pattern = UNSAFE[name]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {text.strip()}"
        for path in source_files()
        for number, text in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(text)
    ]
    assert found == []


def test_the_unsafe_patterns_would_be_found() -> None:
    """Guard the guard: each pattern matches the usage it is for, not harmless words."""
    assert UNSAFE["pickle"].search("import pickle")
    assert UNSAFE["yaml.load("].search("yaml.load(text)")
    assert UNSAFE["eval("].search("x = eval(text)")
    assert UNSAFE["exec("].search("exec(code)")
    assert UNSAFE["marshal"].search("import marshal")
    assert not UNSAFE["eval("].search("ruleset.evaluate(index)")
    assert not UNSAFE["eval("].search("ast.literal_eval(text)")
    assert not UNSAFE["exec("].search("self.executor(x)")
