"""Every SARIF log rrnkit writes is valid against the official SARIF 2.1.0 schema.

The schema (``tests/data/sarif-2.1.0/``, with its licence) is OASIS's own;
these tests render SARIF for the reports users meet (the examples, every
outcome kept, invalid documents, standard input, unreadable paths, a chosen
rule set, a capped run) and for generated reports, and validate each. They
also hold the parts code scanning relies on: a file for every result about a
document, fingerprints that do not move with lines or paths, and a help
address for every rule that names its catalogue entry.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema.validators import validator_for

from rrnkit.cli import cli
from rrnkit.report import Report, report_to_sarif
from rrnkit.report._sarif import DOCS_URL, FINGERPRINT_KEY, RULES_PAGE
from rrnkit.rules import COLLECTION, Outcome, Result, Severity
from rrnkit.rules.packs import ALL_PACKS

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "data" / "sarif-2.1.0" / "sarif-schema-2.1.0.json"
AS_OF = "2026-11-28"


@cache
def _validator() -> Any:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def schema_errors(log: dict[str, Any]) -> list[str]:
    """Return where and why ``log`` breaks the official SARIF 2.1.0 schema (empty: valid)."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in _validator().iter_errors(log)
    ]


def assert_official(log: dict[str, Any]) -> None:
    """Fail unless ``log`` is valid SARIF 2.1.0 by the official schema."""
    errors = schema_errors(log)
    assert not errors, "\n".join(errors[:20])


def sarif_of(*args: str, stdin: str | None = None) -> dict[str, Any]:
    """Run ``rrnkit ARGS --format sarif`` and return its log (whatever the exit code)."""
    result = CliRunner().invoke(cli, [*args, "--format", "sarif"], input=stdin)
    assert result.exit_code in (0, 1, 2), result.output
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def _results(log: dict[str, Any]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    return results


def test_the_shipped_schema_is_the_official_one_with_its_licence() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert "OASIS" in (SCHEMA.parent / "LICENSE.md").read_text(encoding="utf-8")
    # the validator catches a broken log, so a pass below means something
    assert schema_errors({"version": "2.1.0", "runs": [{"tool": {}}]})


@pytest.fixture(scope="module")
def examples_log() -> dict[str, Any]:
    return sarif_of("check", str(ROOT / "examples"), "--as-of", AS_OF)


def test_examples_check_is_valid_and_every_result_names_its_file(
    examples_log: dict[str, Any],
) -> None:
    assert_official(examples_log)
    results = _results(examples_log)
    kinds = {r["kind"] for r in results}
    assert {"pass", "fail", "notApplicable"} <= kinds  # every outcome kept (the default)
    for result in results:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].startswith((ROOT / "examples").as_uri())
        assert physical["region"]["startLine"] >= 1
        assert set(result["partialFingerprints"]) == {FINGERPRINT_KEY}


def test_driver_and_rules_link_to_the_documentation(examples_log: dict[str, Any]) -> None:
    driver = examples_log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == DOCS_URL
    catalogue = markdown.Markdown(extensions=["toc"])
    catalogue.convert((ROOT / "docs" / "rules.md").read_text(encoding="utf-8"))
    anchors: set[str] = set()
    pending = list(catalogue.toc_tokens)
    while pending:
        token = pending.pop()
        anchors.add(token["id"])
        pending.extend(token["children"])
    described = {rule.id for rule in ALL_PACKS.rules}
    for descriptor in driver["rules"]:
        if descriptor["id"] not in described:
            continue
        base, _, anchor = descriptor["helpUri"].partition("#")
        assert base == f"{DOCS_URL}{RULES_PAGE}"
        assert anchor in anchors, descriptor["id"]
        assert anchor.startswith(descriptor["id"].lower())


def test_invalid_documents_and_unreadable_paths(tmp_path: Path, incident: dict[str, Any]) -> None:
    broken = dict(incident)
    del broken["organisation_id"]
    (tmp_path / "missing-field.json").write_text(json.dumps(broken, indent=2))
    (tmp_path / "not-json.json").write_text("{")
    log = sarif_of("check", str(tmp_path), str(tmp_path / "absent.json"), "--as-of", AS_OF)
    assert_official(log)
    required = [r for r in _results(log) if r["ruleId"] == "field.required"]
    assert [r["message"]["text"] for r in required] == [
        "/organisation_id: the required field 'organisation_id' is missing"
    ]
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["path.not-found"]


def test_standard_input_has_no_file_and_says_so(incident: dict[str, Any]) -> None:
    log = sarif_of("check", "-", "--as-of", AS_OF, stdin=json.dumps(incident) + "\n")
    assert_official(log)
    results = _results(log)
    assert results
    for result in results:
        where = result["locations"][0]["physicalLocation"]
        assert "uri" not in where["artifactLocation"]
        assert where["artifactLocation"]["description"] == {"text": "standard input"}
        assert where["region"] == {"startLine": 1}
        artifact = log["runs"][0]["artifacts"][where["artifactLocation"]["index"]]
        assert "standardStream" in artifact["roles"]


def test_chosen_rules_and_capped_runs_are_valid_too() -> None:
    log = sarif_of(
        "check", str(ROOT / "examples"), "--as-of", AS_OF, "--rules", "uof-act",
        "--max-problems", "2",
    )  # fmt: skip
    assert_official(log)
    properties = log["runs"][0]["properties"]
    assert properties["ruleset"]["id"] == "rrnkit-all[rules=uof-act]"
    assert log["runs"][0]["invocations"][0]["properties"]["partial"] is True


def test_fingerprints_follow_the_subject_not_its_line_or_file(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    del incident["reason"]  # an unmet record rule about the incident
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.json").write_text(json.dumps(incident))
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "moved.json").write_text("\n\n\n" + json.dumps(incident, indent=4))

    def keyed(folder: Path) -> dict[tuple[str, str], tuple[str, int]]:
        log = sarif_of("check", str(folder), "--as-of", AS_OF)
        assert_official(log)
        return {
            (r["ruleId"], r["partialFingerprints"][FINGERPRINT_KEY]): (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in _results(log)
        }

    first, second = keyed(tmp_path / "a"), keyed(tmp_path / "b")
    assert first.keys() == second.keys()
    assert {line for _, line in first.values()} != {line for _, line in second.values()}
    shutil.rmtree(tmp_path / "b")


def test_every_outcome_of_a_json_lines_run_is_located(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    lines = []
    for n in range(3):
        record = {**incident, "id": f"inc-{n}"}
        if n == 1:
            del record["reason"]
        lines.append(json.dumps(record))
    (tmp_path / "incidents.jsonl").write_text("\n".join(lines) + "\n")
    log = sarif_of("check", str(tmp_path), "--as-of", AS_OF, "--outcomes", "all")
    assert_official(log)
    for result in _results(log):
        subject = result["properties"]["subject"]["id"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == int(subject.removeprefix("inc-")) + 1


_OUTCOMES = st.sampled_from(list(Outcome))
_SEVERITIES = st.sampled_from(list(Severity))
_TEXT = st.text(max_size=12)
_POINTER = st.lists(st.text(max_size=4), max_size=3).map(
    lambda tokens: "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)
)


@st.composite
def _reports(draw: st.DrawFn) -> Report:
    rules = ALL_PACKS.rules
    results = []
    for _ in range(draw(st.integers(0, 4))):
        rule = draw(st.sampled_from(rules))
        source = draw(st.one_of(st.none(), st.just("-"), _TEXT.filter(bool)))
        results.append(
            Result(
                rule_id=rule.id,
                outcome=draw(_OUTCOMES),
                severity=draw(_SEVERITIES),
                message=draw(_TEXT),
                citations=rule.citations,
                subject_kind=draw(st.sampled_from([rule.applies_to, COLLECTION])),
                subject_id=draw(_TEXT),
                pointers=tuple(draw(st.lists(_POINTER, max_size=3))),
                source=source,
                line=None if source is None else draw(st.one_of(st.none(), st.integers(1, 9))),
                authority=rule.authority,
            )
        )
    return Report(
        command="check",
        as_of=dt.date(2026, 11, 28),
        ruleset_id=draw(st.sampled_from(["rrnkit-all", "rrnkit-all[rules=uof-act]"])),
        ruleset_version="2",
        results=tuple(results),
        interrupted=draw(st.booleans()),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reports())
def test_any_report_gives_valid_sarif(report: Report) -> None:
    log = report_to_sarif(report, ALL_PACKS.rules)
    assert_official(json.loads(json.dumps(log)))
    for given_result, result in zip(report.results, _results(log), strict=True):
        # a result is placed in a file exactly when its subject was read from one
        assert ("physicalLocation" in result["locations"][0]) == (given_result.source is not None)


def test_a_pseudonymised_copy_is_noted_as_a_run_notification(tmp_path: Path) -> None:
    key = tmp_path / "key.bin"
    key.write_bytes(bytes(range(40, 72)))
    key.chmod(0o600)
    research = tmp_path / "research"
    done = CliRunner().invoke(
        cli,
        ["pseudonymise", str(ROOT / "examples"), "--key-file", str(key), "--output", str(research)],
    )
    assert done.exit_code == 0, done.output
    log = sarif_of("check", str(research), "--as-of", AS_OF)
    assert_official(log)
    run = log["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["run.note"]
    assert notes[0]["message"]["text"].startswith("29 records are pseudonymised copies")
    assert "UOF-S6-E-PATIENT-NAME" in notes[0]["message"]["text"]
    assert [d["id"] for d in run["tool"]["driver"]["notifications"]] == ["run.note"]
