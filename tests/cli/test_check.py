import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from rrnkit.cli import cli

EXAMPLES = str(Path(__file__).parents[2] / "examples")
AS_OF = "2026-11-28"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_check_reports_the_planted_gaps_with_location_rule_and_citation() -> None:
    code, out = run("check", EXAMPLES, "--as-of", AS_OF)
    assert code == 1
    assert f"as of {AS_OF}, rule set rrnkit-all version 2" in out
    assert "Read 29 records in 18 files: 29 valid, 0 invalid." in out
    assert "9 not met" in out
    assert (
        "incidents.jsonl:10: /reason: UOF-S6-A-REASON [uof-act:6(5)(a); statute] error: "
        "the record does not state the reason" in out
    )
    assert "it is not a certification body" in out


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "never"], 0),
        (["--fail-on", "warning"], 1),
        (["--rules", "rrn-membership"], 0),  # the action plan has no gaps
        (["--rules", "uof-act", "--exclude", "UOF-S6-A-REASON,UOF-S6-H-STAFF"], 1),
        (["--rules", "UOF-S6-A-REASON", "--exclude", "UOF-S6-A-REASON"], 0),
    ],
)
def test_fail_on_and_selection(args: list[str], code: int) -> None:
    assert run("check", EXAMPLES, "--as-of", AS_OF, *args)[0] == code


def test_param_changes_the_outcome() -> None:
    # The 12-minute prone restraint is within a 15-minute limit. The rule rests on NICE
    # (good-practice guidance, not mandatory), so it is a warning: fail on warnings here.
    args = ("check", EXAMPLES, "--as-of", AS_OF, "--rules", "NICE-PRONE-DURATION", "--fail-on",
            "warning")  # fmt: skip
    assert run(*args)[0] == 1
    assert run(*args[:-2])[0] == 0
    assert run(*args, "--param", "prone_limit_minutes=15")[0] == 0
    assert run(*args, "--param", "NICE-PRONE-DURATION:prone_limit_minutes=15")[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--rules", "no-such-pack"],
        ["--param", "prone_limit_minutes"],
        ["--param", "no_such_param=1"],
        ["--param", "prone_limit_minutes=ten"],
        ["--as-of", "28/11/2026"],
        ["--fail-on", "sometimes"],
        ["--format", "pdf"],
    ],
)
def test_usage_errors_exit_two(args: list[str]) -> None:
    assert run("check", EXAMPLES, *args)[0] == 2


def test_rules_catalogue_and_explain() -> None:
    code, out = run("rules")
    assert code == 0
    assert "UOF-S6-P-NOTIFICATION" in out
    code, out = run("rules", "--format", "json", "--rules", "practice")
    catalogue = json.loads(out)
    assert {r["id"] for r in catalogue} >= {"NICE-PRONE-DURATION", "PPC-TRAINED-STAFF"}
    prone = next(r for r in catalogue if r["id"] == "NICE-PRONE-DURATION")
    assert prone["parameters"][0]["name"] == "prone_limit_minutes"
    assert prone["parameters"][0]["confirmed_by_sources"] is False
    code, out = run("explain", "UOF-S6-G-IDENTIFIER")
    assert code == 0
    assert "uof-act:6(5)(g)" in out
    assert run("explain", "NOPE")[0] == 2


def test_schema_commands(tmp_path: Path) -> None:
    code, out = run("schema", "list")
    assert code == 0
    assert "incident" in out
    code, out = run("schema", "show", "incident")
    assert json.loads(out)["$id"].endswith("/1.0/incident.schema.json")
    assert run("schema", "show", "memo")[0] == 2
    code, out = run("schema", "export", str(tmp_path / "out"))
    assert code == 0
    assert (tmp_path / "out" / "trainer.schema.json").exists()


def test_help_documents_exit_codes() -> None:
    for command in ([], ["validate"], ["check"]):
        code, out = run(*command, "--help")
        assert code == 0
        assert "Exit codes" in out


def test_progress_only_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rrnkit.cli import _options
    from samples import INCIDENT

    lines = [json.dumps(dict(INCIDENT, id=f"i{n}")) for n in range(1500)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 0
    assert "read 1000 records" not in result.output + result.stderr  # piped: no progress

    monkeypatch.setattr(_options.sys.stderr, "isatty", lambda: True)
    progress = _options.Progress()
    progress(1000)
    progress.done()
    assert "read 1000 records" in capsys.readouterr().err


def test_example_writes_a_seeded_organisation_that_checks(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        code, out_text = run("example", "--size", "50", "--seed", "3", "--gap-share", "0", str(out))
        assert code == 0, out_text
    assert (first / "incidents.jsonl").read_bytes() == (second / "incidents.jsonl").read_bytes()
    end = out_text.rsplit("--as-of ", 1)[1].strip()
    code, report = run("check", str(first), "--as-of", end)
    assert code == 0, report
    assert ", 0 invalid." in report


def test_an_unknown_parameter_is_named_with_where_to_look() -> None:
    code, out = run("check", EXAMPLES, "--param", "no_such_param=1")
    assert code == 2
    assert "unknown parameter 'no_such_param' of any rule in rule set 'rrnkit-all'" in out
    assert "their parameters: appropriate_seniority, certificate_years" in out


@pytest.mark.parametrize(("fmt", "kept"), [("text", "findings"), ("json", "all"), ("sarif", "all")])
def test_only_what_the_format_lists_is_kept(
    monkeypatch: pytest.MonkeyPatch, fmt: str, kept: str
) -> None:
    """Text lists findings only: the other outcomes are counted, not kept; the text is the same."""
    import rrnkit.api

    asked: list[str] = []
    real = rrnkit.api.check

    def spy(*args: object, outcomes: str = "all", **kwargs: object) -> object:
        asked.append(outcomes)
        return real(*args, outcomes=outcomes, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rrnkit.api, "check", spy)
    code, out = run("check", EXAMPLES, "--as-of", AS_OF, "--format", fmt, "--outcomes", "all")
    assert asked == [kept]
    assert code == 1
    if fmt == "text":
        monkeypatch.undo()
        assert run("check", EXAMPLES, "--as-of", AS_OF, "--outcomes", "findings") == (code, out)
        assert re.search(r"outcomes: [1-9][0-9]* met", out)  # counted all the same
    else:
        assert '"met"' in out or '"pass"' in out  # met outcomes are listed
