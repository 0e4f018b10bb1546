import datetime as dt
import json
import math
import re
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema.protocols import Validator

from rrnkit.api import check, validate
from rrnkit.model import Authority, Framework, StandardRef
from rrnkit.problems import Problem, join_pointer
from rrnkit.report import (
    REPORT_FORMAT,
    REPORT_SCHEMA_ID,
    InputFile,
    Report,
    RuleSummary,
    render_report_schema,
    report_from_json,
    report_schema,
    report_to_json,
)
from rrnkit.rules import Outcome, Result, Severity
from rrnkit.schema import build_validator

ROOT = Path(__file__).parents[2]
AS_OF = dt.date(2026, 11, 28)

TOP_KEYS = [
    "report_format", "command", "rrnkit_version", "as_of", "ruleset", "parameters", "rules",
    "inputs", "counts", "outcomes", "unmet_by_severity", "unmet_by_authority", "partial",
    "not_shown", "interrupted", "notes", "path_problems", "problems", "results",
]  # fmt: skip
AUTHORITY_KEYS = [
    "statute", "statutory-guidance", "national-standard", "voluntary-commitment",
    "organisational-policy", "good-practice-guidance", "data-standard", "uncited",
]  # fmt: skip
PROBLEM_KEYS = ["code", "message", "pointer", "source", "line", "column"]
RESULT_KEYS = [
    "rule_id", "outcome", "severity", "authority", "message", "citations", "subject",
    "pointers", "evidence", "source", "line",
]  # fmt: skip
RULE_KEYS = ["id", "title", "severity", "authority", "citations"]


def check_examples(**options: Any) -> Report:
    """Check the shipped examples by their relative path, as a user in the checkout would."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        return check(["examples"], as_of=AS_OF, **options)


@pytest.fixture(scope="module")
def examples_report() -> Report:
    return check_examples()


def _validator() -> Validator:
    return build_validator(report_schema())


def _assert_valid(data: Any) -> None:
    errors = list(_validator().iter_errors(data))
    assert not errors, [(list(e.absolute_path), e.validator) for e in errors]


# --------------------------------------------------------------------------- the schema


def test_committed_schema_matches_the_code() -> None:
    committed = (ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == render_report_schema(), "regenerate schemas/report.schema.json"


def test_schema_is_valid_2020_12_with_a_versioned_id() -> None:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == REPORT_SCHEMA_ID
    assert REPORT_SCHEMA_ID.endswith(f"/{REPORT_FORMAT}/report.schema.json")


def _walk(node: Any) -> Any:
    """Yield every subschema, knowing which keywords hold schemas (not their names)."""
    if not isinstance(node, dict):
        return
    yield node
    for keyword in ("properties", "$defs"):
        for child in node.get(keyword, {}).values():
            yield from _walk(child)
    for keyword in ("items", "additionalProperties"):
        yield from _walk(node.get(keyword))


STANDARD_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "title", "description", "type", "properties",
    "required", "additionalProperties", "items", "enum", "const", "pattern", "format",
    "minLength", "minimum",
}  # fmt: skip


def test_every_property_is_described_and_every_object_closed() -> None:
    for node in _walk(report_schema()):
        assert set(node) <= STANDARD_KEYWORDS, set(node) - STANDARD_KEYWORDS
        assert "\\d" not in node.get("pattern", "")
        for name, prop in node.get("properties", {}).items():
            assert prop.get("description"), f"property {name} has no description"
        if "properties" in node:
            assert node["additionalProperties"] is False
            assert node["required"] == list(node["properties"])


def test_enums_come_from_the_code() -> None:
    schema = report_schema()
    assert schema["$defs"]["Outcome"]["enum"] == [o.value for o in Outcome]
    assert schema["$defs"]["Severity"]["enum"] == [s.value for s in Severity]
    assert list(schema["properties"]["outcomes"]["properties"]) == [o.value for o in Outcome]
    assert list(schema["properties"]["unmet_by_severity"]["properties"]) == [
        s.value for s in Severity
    ]
    assert schema["$defs"]["Authority"]["enum"] == [*(a.value for a in Authority), None]
    assert list(schema["properties"]["unmet_by_authority"]["properties"]) == AUTHORITY_KEYS
    assert list(schema["properties"]) == TOP_KEYS


@pytest.mark.parametrize(
    ("citation", "valid"),
    [
        *((f"{f.value}:1", True) for f in Framework),
        ("trust-policy:4.2", True),
        ("my-org-2:s(3)", True),
        ("Trust:4.2", False),
        ("trust--policy:4", False),
        ("-trust:4", False),
        ("trust:", False),
        ("uof-act", False),
    ],
)
def test_citations_of_any_safe_framework_id_validate(citation: str, valid: bool) -> None:
    # A caller's own framework must still give a valid report (issue 14, section 4).
    pattern = report_schema()["$defs"]["Citation"]["pattern"]
    assert (re.search(pattern, citation) is not None) is valid


# --------------------------------------------------------------------------- the examples


def test_examples_report_has_the_documented_shape(examples_report: Report) -> None:
    data = report_to_json(examples_report)
    _assert_valid(data)
    assert list(data) == TOP_KEYS
    assert data["report_format"] == "1.0"
    assert data["command"] == "check"
    assert data["as_of"] == "2026-11-28"
    assert data["ruleset"] == {"id": examples_report.ruleset_id, "version": "2"}
    assert data["counts"] == {
        "read": 29, "valid": 29, "invalid": 0, "skipped": 0, "pseudonymised": 0
    }  # fmt: skip
    assert list(data["outcomes"]) == [o.value for o in Outcome]
    assert data["outcomes"]["not_met"] == 9
    assert list(data["unmet_by_severity"]) == ["info", "warning", "error"]
    assert sum(data["unmet_by_severity"].values()) == 9
    assert list(data["unmet_by_authority"]) == AUTHORITY_KEYS
    assert sum(data["unmet_by_authority"].values()) == 9
    assert sum(data["outcomes"].values()) == len(data["results"])
    assert all(list(r) == RESULT_KEYS for r in data["results"])
    assert all(list(r) == RULE_KEYS for r in data["rules"])
    assert [r["id"] for r in data["rules"]] == list(data["parameters"])
    by_id = {r["id"]: r for r in data["rules"]}
    for result in data["results"]:
        rule = by_id[result["rule_id"]]
        assert result["authority"] == rule["authority"]
        assert [c["citation"] for c in rule["citations"]] == result["citations"]
        strongest = max(
            (Authority(c["authority"]) for c in rule["citations"]), key=lambda a: a.rank
        )
        assert rule["authority"] == strongest.value
    unmet = [r for r in data["results"] if r["outcome"] == "not_met"]
    assert len(unmet) == 9
    assert all(r["source"] and r["line"] for r in unmet)
    first = data["inputs"][0]
    assert list(first) == ["path", "sha256", "size", "records"]
    assert len(first["sha256"]) == 64
    assert {r["citations"][0].partition(":")[0] for r in data["results"]} <= {
        f.value for f in Framework
    }


def test_a_report_citing_a_registered_framework_validates_and_reads_back() -> None:
    from rrnkit import register_framework
    from rrnkit.report import evaluate
    from rrnkit.rules import RuleSet, not_met, rule

    register_framework(
        "json-test-policy", title="A trust's policy", authority=Authority.ORGANISATIONAL_POLICY
    )

    @rule(id="TRUST-4-2", title="t", cites=["json-test-policy:4.2"], applies_to="collection")
    def always(subject: object, context: object) -> Any:
        return not_met("the policy's clause 4.2 is not met")

    report = evaluate([], RuleSet(id="trust", rules=(always,)), as_of=AS_OF)
    data = report_to_json(report)
    _assert_valid(data)
    assert data["results"][0]["citations"] == ["json-test-policy:4.2"]
    assert data["results"][0]["authority"] == "organisational-policy"
    assert data["rules"][0]["citations"] == [
        {
            "citation": "json-test-policy:4.2",
            "framework": "json-test-policy",
            "clause": "4.2",
            "authority": "organisational-policy",
        }
    ]
    assert data["unmet_by_authority"]["organisational-policy"] == 1
    assert report_from_json(json.loads(json.dumps(data))) == report


def test_examples_report_round_trips(examples_report: Report) -> None:
    data = report_to_json(examples_report)
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    back = report_from_json(json.loads(text))
    assert report_to_json(back) == data
    # Only tuple-valued parameters change type (JSON has no tuples).
    assert back.results == examples_report.results
    assert back.inputs == examples_report.inputs
    assert back.outcome_counts == examples_report.outcome_counts
    assert back.unmet_counts == examples_report.unmet_counts
    assert back.exit_code() == examples_report.exit_code()
    assert back.parameters.keys() == examples_report.parameters.keys()


def test_json_text_is_deterministic(examples_report: Report) -> None:
    again = check_examples()
    first = json.dumps(report_to_json(examples_report), indent=2, ensure_ascii=False)
    second = json.dumps(report_to_json(again), indent=2, ensure_ascii=False)
    assert first == second


# --------------------------------------------------------------------------- validate


def _bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in put"
    folder.mkdir()
    (folder / "broken.json").write_text('{\n  "kind": "incident",\n  "id": \n}\n', encoding="utf-8")
    (folder / "stream.jsonl").write_text('{"kind": "incident"}\n\n[1, 2]\n', encoding="utf-8")
    return folder


def test_validate_report_with_problems_round_trips_exactly(tmp_path: Path) -> None:
    report = validate([str(_bad_folder(tmp_path)), str(tmp_path / "missing")])
    assert report.problems
    assert report.path_problems
    data = report_to_json(report)
    _assert_valid(data)
    assert data["as_of"] is None
    assert data["ruleset"] is None
    assert data["parameters"] == {}
    assert data["results"] == []
    assert all(list(p) == PROBLEM_KEYS for p in data["problems"] + data["path_problems"])
    syntax = next(p for p in data["problems"] if p["code"] == "json.syntax")
    assert syntax["source"].endswith("broken.json")
    assert (syntax["line"], syntax["column"]) == (4, 1)  # where a value was expected
    assert data["path_problems"][0]["code"] == "path.not-found"
    assert data["counts"]["skipped"] == 1
    assert report_from_json(json.loads(json.dumps(data))) == report


def test_an_empty_report_keeps_every_key_with_nulls() -> None:
    data = report_to_json(Report(command="validate"))
    assert list(data) == TOP_KEYS
    assert data["as_of"] is None
    assert data["ruleset"] is None
    assert data["outcomes"] == {o.value: 0 for o in Outcome}
    assert data["unmet_by_severity"] == {s.value: 0 for s in Severity}
    assert data["unmet_by_authority"] == dict.fromkeys(AUTHORITY_KEYS, 0)
    assert data["rules"] == []
    _assert_valid(data)
    assert report_from_json(data) == Report(command="validate")


def test_json_values_are_made_plain() -> None:
    result = Result(
        rule_id="R-1",
        outcome=Outcome.NOT_MET,
        severity=Severity.WARNING,
        message="m",
        citations=(StandardRef.parse("uof-act:6(5)(a)"),),
        subject_kind="incident",
        subject_id="inc-1",
        pointers=("/reason",),
        evidence={
            "pair": (1, 2),
            "nested": {"on": dt.date(2026, 1, 2)},
            "severity": Severity.INFO,
            "nan": math.nan,
        },
    )
    data = report_to_json(Report(command="evaluate", results=(result,), parameters={"R-1": {}}))
    _assert_valid(data)
    assert data["results"][0]["evidence"] == {
        "pair": [1, 2],
        "nested": {"on": "2026-01-02"},
        "severity": "info",
        "nan": None,
    }
    json.dumps(data, allow_nan=False)
    with pytest.raises(TypeError, match="object"):
        report_to_json(Report(command="x", parameters={"R": {"p": object()}}))


# --------------------------------------------------------------------------- reading back


def test_reading_refuses_what_is_not_a_report_without_echoing_values() -> None:
    good = report_to_json(Report(command="validate"))
    with pytest.raises(ValueError, match="expected a JSON object"):
        report_from_json([])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"format 1\.0"):
        report_from_json({**good, "report_format": "2.0"})
    bad = {**good, "counts": {**good["counts"], "read": "SENTINEL-VALUE"}}
    with pytest.raises(ValueError, match="/counts/read") as caught:
        report_from_json(bad)
    assert "SENTINEL" not in str(caught.value)
    missing = {k: v for k, v in good.items() if k != "results"}
    with pytest.raises(ValueError, match="required"):
        report_from_json(missing)
    extra = {**good, "surprise": True}
    with pytest.raises(ValueError, match="additionalProperties"):
        report_from_json(extra)
    with pytest.raises(ValueError, match="real date"):
        report_from_json({**good, "as_of": "2026-02-30"})
    trailing = {**good, "as_of": "2026-02-03\n"}
    with pytest.raises(ValueError, match="/as_of"):
        report_from_json(trailing)


# --------------------------------------------------------------------------- properties

_texts = st.text(max_size=12)
_names = st.text(min_size=1, max_size=12)
_lines = st.none() | st.integers(1, 10**6)
_pointers = st.lists(st.text(max_size=4), max_size=3).map(lambda tokens: join_pointer("", *tokens))
_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_texts, children, max_size=3),
    max_leaves=8,
)
_framework_ids = st.sampled_from(Framework) | st.from_regex(
    r"[a-z0-9]{1,5}(-[a-z0-9]{1,4}){0,2}", fullmatch=True
)
_citations = st.builds(
    StandardRef,
    _framework_ids,
    st.from_regex(r"[0-9A-Za-z][0-9A-Za-z().\-]{0,6}", fullmatch=True),
)
_authorities = st.none() | st.sampled_from(Authority)


@st.composite
def _rule_summaries(draw: st.DrawFn) -> RuleSummary:
    citations = tuple(draw(st.lists(_citations, max_size=3)))
    return RuleSummary(
        id=draw(_names),
        title=draw(_texts),
        severity=draw(st.sampled_from(Severity)),
        authority=draw(_authorities),
        citations=citations,
        authorities=tuple(draw(_authorities) for _ in citations),
    )


_problems = st.builds(
    Problem,
    code=_names,
    message=_texts,
    pointer=_pointers,
    source=st.none() | _texts,
    line=_lines,
    column=_lines,
)
_results = st.builds(
    Result,
    rule_id=_names,
    outcome=st.sampled_from(Outcome),
    severity=st.sampled_from(Severity),
    message=_texts,
    citations=st.lists(_citations, max_size=3).map(tuple),
    subject_kind=_texts,
    subject_id=_texts,
    pointers=st.lists(_pointers, max_size=3).map(tuple),
    evidence=st.dictionaries(_texts, _json, max_size=4),
    source=st.none() | _texts,
    line=_lines,
    authority=_authorities,
)
_inputs = st.builds(
    InputFile,
    path=_texts,
    sha256=st.none() | st.text("0123456789abcdef", min_size=64, max_size=64),
    size=st.integers(0, 2**40),
    records=st.integers(0, 10**6),
)
_counts = st.integers(0, 10**6)
_reports = st.builds(
    Report,
    command=st.sampled_from(["validate", "check", "evaluate"]),
    rrnkit_version=_texts,
    as_of=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)),
    ruleset_id=st.none() | _texts,
    ruleset_version=st.none() | _texts,
    parameters=st.dictionaries(_names, st.dictionaries(_names, _json, max_size=3), max_size=3),
    rules=st.lists(_rule_summaries(), max_size=3).map(tuple),
    inputs=st.lists(_inputs, max_size=3).map(tuple),
    read=_counts,
    valid=_counts,
    invalid=_counts,
    skipped=_counts,
    pseudonymised=_counts,
    path_problems=st.lists(_problems, max_size=2).map(tuple),
    problems=st.lists(_problems, max_size=3).map(tuple),
    results=st.lists(_results, max_size=3).map(tuple),
    outcome_counts=st.dictionaries(st.sampled_from(Outcome), st.integers(1, 10**6)),
    unmet_counts=st.dictionaries(st.sampled_from(Severity), st.integers(1, 10**6)),
    unmet_authority_counts=st.dictionaries(_authorities, st.integers(1, 10**6)),
    partial=st.booleans(),
    not_shown=_counts,
    interrupted=st.booleans(),
    notes=st.lists(_texts, max_size=2).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(_reports)
def test_any_report_round_trips_exactly_and_meets_the_schema(report: Report) -> None:
    data = report_to_json(report)
    _assert_valid(data)
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    assert json.dumps(report_to_json(report), ensure_ascii=False) == text
    assert report_from_json(json.loads(text)) == report


def test_the_json_form_covers_every_report_field() -> None:
    # A new Report field must be added to the JSON form, its schema and report_from_json.
    assert [f.name for f in attrs.fields(Report)] == [
        "command", "rrnkit_version", "as_of", "ruleset_id", "ruleset_version", "parameters",
        "rules", "inputs", "read", "valid", "invalid", "skipped", "pseudonymised",
        "path_problems", "problems", "results", "outcome_counts", "unmet_counts",
        "unmet_authority_counts", "partial", "not_shown", "interrupted", "notes",
    ]  # fmt: skip
    assert [f.name for f in attrs.fields(Result)] == [
        "rule_id", "outcome", "severity", "message", "citations", "subject_kind", "subject_id",
        "pointers", "evidence", "source", "line", "authority",
    ]  # fmt: skip
    assert [f.name for f in attrs.fields(RuleSummary)] == [
        "id", "title", "severity", "authority", "citations", "authorities",
    ]  # fmt: skip
    assert [f.name for f in attrs.fields(Problem)] == PROBLEM_KEYS
    assert [f.name for f in attrs.fields(InputFile)] == ["path", "sha256", "size", "records"]


@settings(max_examples=100, deadline=None)
@given(_reports)
def test_a_validator_in_another_language_accepts_every_report(report: Report) -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    # jsonschema-rs (Rust, ECMA-262 regexes) reads the same schema as Python does.
    validator = jsonschema_rs.Draft202012Validator(report_schema(), validate_formats=True)
    data = json.loads(json.dumps(report_to_json(report)))
    assert validator.is_valid(data)


def test_a_validator_in_another_language_refuses_what_python_refuses() -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    validator = jsonschema_rs.Draft202012Validator(report_schema(), validate_formats=True)
    good: dict[str, Any] = report_to_json(Report(command="validate"))
    assert validator.is_valid(good)
    for bad in (
        {**good, "as_of": "2026-02-03\n"},
        {**good, "counts": {**good["counts"], "read": -1}},
        {**good, "surprise": True},
        {**good, "problems": [{"code": "x", "message": "m", "pointer": "no-slash",
                               "source": None, "line": None, "column": None}]},
    ):  # fmt: skip
        assert not validator.is_valid(bad)
