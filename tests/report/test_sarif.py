import copy
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_sarif_schema import assert_official

from rrnkit.api import check, validate
from rrnkit.model import StandardRef
from rrnkit.problems import Problem
from rrnkit.report import InputFile, Report
from rrnkit.report._json import report_to_json
from rrnkit.report._sarif import report_to_sarif
from rrnkit.rules import COLLECTION, Outcome, Parameter, Result, RuleSet, Severity, met, rule
from rrnkit.rules.packs import ALL_PACKS

ROOT = Path(__file__).parents[2]
AS_OF = dt.date(2026, 11, 28)

KINDS = {"pass", "open", "informational", "notApplicable", "review", "fail"}
LEVELS = {"none", "note", "warning", "error"}


# --------------------------------------------------------------------------- structure


def _dicts(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dicts(value)


def _messages(node: Any) -> Iterator[Any]:
    for item in _dicts(node):
        for key in ("message", "shortDescription", "fullDescription", "help", "description"):
            if isinstance(item.get(key), dict):
                yield item[key]


def assert_sarif(log: dict[str, Any]) -> None:
    """The structural rules of SARIF 2.1.0 that consumers rely on, and the official schema."""
    json.dumps(log, allow_nan=False)
    assert_official(json.loads(json.dumps(log)))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert set(log) == {"$schema", "version", "runs"}
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "rrnkit"
    assert isinstance(driver["version"], str)
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    for descriptor in rules:
        assert re.fullmatch(r"[A-Za-z0-9]+", descriptor["name"])
        assert descriptor["shortDescription"]["text"]
        assert descriptor["defaultConfiguration"]["level"] in LEVELS
        tags = descriptor.get("properties", {}).get("tags", [])
        assert len(tags) == len(set(tags))
    artifacts = run["artifacts"]
    uris = [a["location"]["uri"] for a in artifacts if "location" in a]
    assert len(uris) == len(set(uris)), "one artifact per file"
    for artifact in artifacts:
        assert artifact["length"] >= 0 if "length" in artifact else True
        for name, digest in artifact.get("hashes", {}).items():
            assert name == "sha-256"
            assert re.fullmatch(r"[0-9a-f]{64}", digest)
    for result in run["results"]:
        assert 0 <= result["ruleIndex"] < len(rules)
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["kind"] in KINDS
        assert result["level"] in LEVELS
        if result["kind"] != "fail":
            assert result["level"] == "none", "SARIF: only a fail has a level"
        assert isinstance(result["message"]["text"], str)
        assert result["locations"], "every result is located"
    for item in _dicts(run):
        location = item.get("artifactLocation")
        if isinstance(location, dict) and "index" in location:
            artifact = artifacts[location["index"]]
            if "uri" in location:
                assert artifact["location"]["uri"] == location["uri"]
        region = item.get("region")
        if isinstance(region, dict):
            assert region["startLine"] >= 1
            assert region.get("startColumn", 1) >= 1
        if "physicalLocation" in item:
            assert "artifactLocation" in item["physicalLocation"]
    for message in _messages(run):
        assert isinstance(message["text"], str)
    invocations = run["invocations"]
    assert len(invocations) == 1
    assert isinstance(invocations[0]["executionSuccessful"], bool)
    descriptors = driver.get("notifications", [])
    for notification in invocations[0].get("toolExecutionNotifications", []):
        reference = notification["descriptor"]
        assert descriptors[reference["index"]]["id"] == reference["id"]
        assert notification["level"] in LEVELS
        assert notification["message"]["text"]
    assert run["columnKind"] in {"utf16CodeUnits", "unicodeCodePoints"}


# --------------------------------------------------------------------------- the examples


def check_examples(**options: Any) -> Report:
    """Check the shipped examples by their relative path, as a user in the checkout would."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        return check(["examples"], as_of=AS_OF, **options)


@pytest.fixture(scope="module")
def examples_report() -> Report:
    return check_examples()


def test_examples_give_valid_sarif_with_a_fail_per_finding(examples_report: Report) -> None:
    log = report_to_sarif(examples_report, ALL_PACKS.rules)
    assert_sarif(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(ALL_PACKS.ids)
    kinds = Counter(r["kind"] for r in run["results"])
    counts = examples_report.counts
    assert kinds["fail"] == counts[Outcome.NOT_MET] + counts[Outcome.ERROR] == 9
    assert kinds["pass"] == counts[Outcome.MET]
    assert kinds["notApplicable"] == counts[Outcome.NOT_APPLICABLE]
    assert len(run["results"]) == len(examples_report.results)
    for result in (r for r in run["results"] if r["kind"] == "fail"):
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].startswith("examples/")
        assert physical["region"]["startLine"] >= 1
        pointer = location["properties"]["jsonPointer"]
        subject = result["properties"]["subject"]
        assert location["logicalLocations"] == [
            {"fullyQualifiedName": f"{subject['kind']}/{subject['id']}{pointer}", "kind": "value"}
        ]
        assert result["properties"]["citations"]
    assert len(run["artifacts"]) == len(examples_report.inputs)
    assert run["artifacts"][0]["hashes"]["sha-256"] == examples_report.inputs[0].sha256
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in invocation
    assert invocation["properties"]["asOf"] == "2026-11-28"
    assert invocation["properties"]["outcomes"]["not_met"] == 9
    assert run["properties"]["ruleset"] == {"id": ALL_PACKS.id, "version": ALL_PACKS.version}


def test_rule_descriptors_carry_citations_tags_and_effective_parameters() -> None:
    ruleset = ALL_PACKS.with_param_everywhere("refresher_interval_months", 6)
    report = check_examples(ruleset=ruleset)
    log = report_to_sarif(report, ruleset.rules)
    assert_sarif(log)
    descriptors = {d["id"]: d for d in log["runs"][0]["tool"]["driver"]["rules"]}
    refresher = descriptors["UOF-S5-REFRESHER"]
    rule_ = ruleset.rule("UOF-S5-REFRESHER")
    assert refresher["name"] == "UofS5Refresher"
    assert refresher["shortDescription"]["text"] == rule_.title
    assert refresher["fullDescription"]["text"] == rule_.met_means
    assert refresher["properties"]["citations"] == [str(c) for c in rule_.citations]
    assert refresher["properties"]["tags"] == sorted(rule_.tags)
    assert refresher["properties"]["parameters"]["refresher_interval_months"] == 6
    assert "refresher_interval_months = 6 (default 12)" in refresher["help"]["text"]
    for citation in rule_.citations:
        assert str(citation) in refresher["help"]["text"]
    warning = next(r for r in ruleset.rules if r.severity is Severity.WARNING)
    assert descriptors[warning.id]["defaultConfiguration"]["level"] == "warning"


def test_sarif_is_deterministic(examples_report: Report) -> None:
    again = check_examples()
    first = json.dumps(report_to_sarif(examples_report, ALL_PACKS.rules), indent=2)
    assert first == json.dumps(report_to_sarif(again, ALL_PACKS.rules), indent=2)


# --------------------------------------------------------------------------- validation problems


def test_validation_problems_are_failing_results_with_code_rules(tmp_path: Path) -> None:
    folder = tmp_path / "in put"
    folder.mkdir()
    (folder / "broken.json").write_text('{\n  "kind": "incident",\n  "id": \n}\n', encoding="utf-8")
    (folder / "odd.json").write_text('{"kind": "incident", "schema_version": "1.0"}', "utf-8")
    report = validate([str(folder), str(tmp_path / "missing")])
    log = report_to_sarif(report, [])
    assert_sarif(log)
    run = log["runs"][0]
    codes = sorted({p.code for p in report.problems})
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == codes
    assert "json.syntax" in codes
    assert len(run["results"]) == len(report.problems)
    syntax = next(r for r in run["results"] if r["ruleId"] == "json.syntax")
    assert (syntax["kind"], syntax["level"]) == ("fail", "error")
    physical = syntax["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"].endswith("in%20put/broken.json")
    assert physical["artifactLocation"]["uri"].startswith("file:///")  # an absolute path
    assert physical["region"] == {"startLine": 4, "startColumn": 1}
    required = next(r for r in run["results"] if r["ruleId"] == "field.required")
    assert required["locations"][0]["properties"]["jsonPointer"].startswith("/")
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False  # a path was missing: exit code 2
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["descriptor"]["id"] == "path.not-found"
    assert notification["level"] == "error"
    assert run["tool"]["driver"]["notifications"][0]["id"] == "path.not-found"


# --------------------------------------------------------------------------- hand-built reports


@rule(
    id="DEMO-RULE",
    title="A demonstration rule",
    cites=["uof-act:6(5)(a)", "nice-ng10:restraint"],
    applies_to="incident",
    severity=Severity.WARNING,
    parameters=[Parameter(name="limit", default=10, description="The limit.")],
    tags=["demo", "incident"],
)
def demo_rule(subject: Any, context: Any) -> Any:
    """Show the demonstration holds."""
    return met("fine")


def _result(outcome: Outcome, severity: Severity, **more: Any) -> Result:
    fields: dict[str, Any] = {
        "rule_id": "DEMO-RULE",
        "outcome": outcome,
        "severity": severity,
        "message": f"{outcome.value} at {severity.value}",
        "citations": (StandardRef.parse("uof-act:6(5)(a)"),),
        "subject_kind": "incident",
        "subject_id": "inc-1",
    }
    fields.update(more)
    return Result(**fields)


def test_every_outcome_and_severity_maps_to_sarif_kind_and_level() -> None:
    cases = [
        (Outcome.MET, Severity.ERROR, "pass", "none"),
        (Outcome.NOT_MET, Severity.ERROR, "fail", "error"),
        (Outcome.NOT_MET, Severity.WARNING, "fail", "warning"),
        (Outcome.NOT_MET, Severity.INFO, "fail", "note"),
        (Outcome.NOT_APPLICABLE, Severity.ERROR, "notApplicable", "none"),
        (Outcome.INSUFFICIENT_EVIDENCE, Severity.ERROR, "review", "none"),
        (Outcome.ERROR, Severity.INFO, "fail", "error"),
    ]
    report = Report(
        command="evaluate",
        as_of=AS_OF,
        ruleset_id="demo",
        ruleset_version="1",
        results=tuple(_result(o, s) for o, s, _, _ in cases),
    )
    log = report_to_sarif(report, [demo_rule])
    assert_sarif(log)
    results = log["runs"][0]["results"]
    assert [(r["kind"], r["level"]) for r in results] == [(k, lv) for _, _, k, lv in cases]
    assert [r["properties"]["outcome"] for r in results] == [o.value for o, _, _, _ in cases]
    # No source: the subject alone locates the result.
    assert results[0]["locations"] == [
        {
            "logicalLocations": [{"fullyQualifiedName": "incident/inc-1", "kind": "object"}],
            "properties": {"jsonPointer": ""},
        }
    ]
    descriptor = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert descriptor["defaultConfiguration"]["level"] == "warning"
    assert descriptor["properties"]["parameters"] == {"limit": 10}  # defaults: none recorded
    assert descriptor["properties"]["tags"] == ["demo", "incident"]


def test_locations_pointers_and_artifacts() -> None:
    inputs = (
        InputFile(path="data/a b.json", sha256="ab" * 32, size=120, records=1),
        InputFile(path="data/a b.json", sha256="ab" * 32, size=120, records=1),
        InputFile(path="-", sha256="cd" * 32, size=7, records=2),
    )
    results = (
        _result(
            Outcome.NOT_MET,
            Severity.ERROR,
            pointers=("/staff/1", "/staff/2/job_title"),
            source="data/a b.json",
            line=7,
            evidence={"missing": ["job_title"], "ids": ("s1", "s2")},
        ),
        _result(Outcome.NOT_MET, Severity.ERROR, source="-", line=2),
        _result(Outcome.NOT_MET, Severity.ERROR, source="other/x.jsonl", line=None),
        _result(Outcome.MET, Severity.ERROR, rule_id="NOT-GIVEN", subject_kind=COLLECTION),
    )
    problem = Problem(code="value.type", message="expected a string", pointer="/id", source="-")
    report = Report(command="check", inputs=inputs, results=results, problems=(problem,))
    log = report_to_sarif(report, [demo_rule, demo_rule])
    assert_sarif(log)
    run = log["runs"][0]
    assert run["artifacts"] == [
        {
            "location": {"uri": "data/a%20b.json"},
            "roles": ["analysisTarget"],
            "length": 120,
            "hashes": {"sha-256": "ab" * 32},
        },
        {
            "description": {"text": "standard input"},
            "roles": ["analysisTarget", "standardStream"],
            "length": 7,
            "hashes": {"sha-256": "cd" * 32},
        },
        {"location": {"uri": "other/x.jsonl"}, "roles": ["analysisTarget"]},
    ]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        "DEMO-RULE",
        "NOT-GIVEN",
        "value.type",
    ]
    problem_result, first, from_stdin, elsewhere, not_given = run["results"]
    assert problem_result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"index": 1, "description": {"text": "standard input"}}
            },
            "properties": {"jsonPointer": "/id"},
        }
    ]
    location = first["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "data/a%20b.json", "index": 0},
        "region": {"startLine": 7},
    }
    assert location["properties"] == {"jsonPointer": "/staff/1"}
    (related,) = first["relatedLocations"]
    assert related["id"] == 1
    assert related["properties"] == {"jsonPointer": "/staff/2/job_title"}
    assert (
        related["logicalLocations"][0]["fullyQualifiedName"] == "incident/inc-1/staff/2/job_title"
    )
    assert first["properties"]["evidence"] == {"missing": ["job_title"], "ids": ["s1", "s2"]}
    assert first["properties"]["pointers"] == ["/staff/1", "/staff/2/job_title"]
    assert from_stdin["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "index": 1,
        "description": {"text": "standard input"},
    }
    assert elsewhere["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "other/x.jsonl", "index": 2}
    }
    assert not_given["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == (
        "collection/inc-1"
    )
    minimal = run["tool"]["driver"]["rules"][1]
    assert minimal["properties"]["citations"] == ["uof-act:6(5)(a)"]


def test_interrupted_and_capped_runs_say_so() -> None:
    report = Report(command="check", interrupted=True, partial=True, not_shown=3)
    log = report_to_sarif(report)
    assert_sarif(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [(n["descriptor"]["id"], n["level"]) for n in notes] == [
        ("run.interrupted", "error"),
        ("run.partial", "warning"),
    ]
    assert "3" in notes[1]["message"]["text"]
    assert invocation["properties"]["notShown"] == 3


# --------------------------------------------------------------------------- privacy

NAME = "Zebulon Sentinelworth"
NHS = "9434765919"
SENTINELS = ("Sentinelworth", NHS, "SENTINEL-TEXT", "1931-02-03")


def test_outputs_never_echo_personal_data(tmp_path: Path, incident: dict[str, Any]) -> None:
    valid = copy.deepcopy(incident)
    valid["patient"].update(
        name=NAME,
        nhs_number=NHS,
        date_of_birth="1931-02-03",
        mental_disorder="SENTINEL-TEXT disorder",
    )
    for missing in ("reason",):  # s.6(5)(a) left out, along with most other s.6 items
        valid.pop(missing)
    valid["location"] = "SENTINEL-TEXT ward"
    valid["staff"] = [{"staff_id": "s-1", "name": NAME, "used_force": True}]
    valid["interventions"][0]["description"] = "SENTINEL-TEXT hold"
    invalid = copy.deepcopy(valid)
    invalid["id"] = "inc-2"
    invalid["patient"]["nhs_number"] = f"{NHS}-SENTINEL-TEXT"
    invalid["patient"]["date_of_birth"] = "SENTINEL-TEXT"
    (tmp_path / "valid.json").write_text(json.dumps(valid), encoding="utf-8")
    (tmp_path / "invalid.json").write_text(json.dumps(invalid), encoding="utf-8")

    report = check([str(tmp_path)], as_of=AS_OF)
    assert report.valid == 1
    assert report.invalid == 1
    unmet = {r.rule_id for r in report.findings}
    assert "UOF-S6-A-REASON" in unmet
    assert any(r.rule_id == "UOF-S6-E-PATIENT-NAME" for r in report.results)
    assert {p.code for p in report.problems} >= {"value.nhs-number", "value.date"}

    outputs = {
        "json": json.dumps(report_to_json(report), ensure_ascii=False),
        "sarif": json.dumps(report_to_sarif(report, ALL_PACKS.rules), ensure_ascii=False),
    }
    for name, text in outputs.items():
        for sentinel in SENTINELS:
            assert sentinel not in text, f"{name} output echoes {sentinel}"


def test_ruleset_subset_still_describes_every_result() -> None:
    subset = RuleSet(id="demo", rules=(demo_rule,))
    report = check_examples(ruleset=ALL_PACKS.select(tags=["tna"]))
    log = report_to_sarif(report, subset.rules)
    assert_sarif(log)
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids[0] == "DEMO-RULE"
    assert set(ids[1:]) == {r.rule_id for r in report.results}
