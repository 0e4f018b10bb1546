"""Reports show each finding's authority and count unmet outcomes by it (issue 14, s.2, s.4).

A framework of the caller's own (an organisation's policy) shows in every format.
"""

import datetime as dt
import json
import re
from typing import Any

import pytest
from test_sarif_schema import assert_official

from rrnkit import register_framework
from rrnkit.model import Authority
from rrnkit.report import Report, evaluate, render, report_from_json, report_schema, report_to_json
from rrnkit.report._sarif import report_to_sarif
from rrnkit.report._text import finding_line
from rrnkit.rules import COLLECTION, Outcome, Result, RuleSet, Severity, met, not_met, rule
from rrnkit.schema import build_validator

AS_OF = dt.date(2026, 11, 28)

register_framework(
    "report-test-policy",
    title="Example Trust restraint reduction policy",
    authority=Authority.ORGANISATIONAL_POLICY,
    url="https://example.org/policy",
)


@rule(
    id="TRUST-4-2",
    title="Every ward has a reduction lead",
    cites=["report-test-policy:4.2"],
    applies_to=COLLECTION,
    reading="Clause 4.2 of the trust's own policy.",
)
def trust_rule(subject: object, context: object) -> Any:
    return not_met("no reduction lead is named")


@rule(id="ACT-6", title="A record", cites=["uof-act:6(5)(a)"], applies_to=COLLECTION)
def act_rule(subject: object, context: object) -> Any:
    return not_met("the record states no reason", "/reason")


@rule(id="NICE-X", title="Good practice", cites=["nice-ng10:restraint"], applies_to=COLLECTION)
def nice_rule(subject: object, context: object) -> Any:
    return not_met("good practice not followed")


@rule(id="BOTH", title="t", cites=["nice-ng10:restraint", "uof-act:5(2)"], applies_to=COLLECTION)
def both_rule(subject: object, context: object) -> Any:
    return met("fine")


RULES = RuleSet(id="t", rules=(trust_rule, act_rule, nice_rule, both_rule))


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate([], RULES, as_of=AS_OF)


def test_results_carry_their_rules_authority(report: Report) -> None:
    assert {r.rule_id: r.authority for r in report.results} == {
        "TRUST-4-2": Authority.ORGANISATIONAL_POLICY,
        "ACT-6": Authority.STATUTE,
        "NICE-X": Authority.GOOD_PRACTICE_GUIDANCE,
        "BOTH": Authority.STATUTE,
    }


def test_severity_follows_authority(report: Report) -> None:
    assert {r.rule_id: r.severity for r in report.results} == {
        "TRUST-4-2": Severity.ERROR,
        "ACT-6": Severity.ERROR,
        "NICE-X": Severity.WARNING,
        "BOTH": Severity.ERROR,
    }


def test_counts_by_authority(report: Report) -> None:
    by = report.unmet_by_authority
    assert list(by)[:3] == [
        Authority.STATUTE,
        Authority.STATUTORY_GUIDANCE,
        Authority.NATIONAL_STANDARD,
    ]
    assert list(by)[-1] is None
    assert by[Authority.STATUTE] == 1
    assert by[Authority.ORGANISATIONAL_POLICY] == 1
    assert by[Authority.GOOD_PRACTICE_GUIDANCE] == 1
    assert sum(by.values()) == sum(report.unmet_by_severity.values()) == 3


def test_text_shows_authority_in_each_finding_and_the_summary(report: Report) -> None:
    text = render(report, "text")
    assert "Unmet by authority: 1 statute, 1 organisational policy, 1 good-practice guidance." in (
        text
    )
    lines = {r.rule_id: finding_line(r) for r in report.findings}
    assert lines["ACT-6"] == (
        "collection/*: /reason: ACT-6 [uof-act:6(5)(a); statute] error: the record states no reason"
    )
    assert "[report-test-policy:4.2; organisational policy] error:" in lines["TRUST-4-2"]
    assert "[nice-ng10:restraint; good-practice guidance] warning:" in lines["NICE-X"]
    # Still parseable: location, pointer, rule id, [citations; authority], severity, message.
    shape = re.compile(r"^(\S+): (/\S*): (\S+) \[([^\];]+); ([a-z -]+)\] (\w+): (.+)$")
    assert all(shape.match(line) for line in lines.values())


def test_a_rule_must_cite_but_a_report_still_counts_uncited_results() -> None:
    # Every rule cites (issue 16), so no run makes an uncited result; the report format
    # still counts one (a result made by hand, or read from an older report) as uncited.
    with pytest.raises(ValueError, match="rule BARE cites nothing"):
        rule(id="BARE", title="t", cites=[], applies_to=COLLECTION)
    bare = Result(
        rule_id="BARE",
        outcome=Outcome.NOT_MET,
        severity=Severity.ERROR,
        message="x",
        citations=(),
        subject_kind=COLLECTION,
        subject_id="*",
    )
    report = Report(
        command="evaluate",
        as_of=AS_OF,
        results=(bare,),
        outcome_counts={Outcome.NOT_MET: 1},
        unmet_counts={Severity.ERROR: 1},
        unmet_authority_counts={None: 1},
    )
    assert report.unmet_by_authority[None] == 1
    assert report_to_json(report)["unmet_by_authority"]["uncited"] == 1
    assert "Unmet by authority: 1 uncited." in render(report, "text")
    assert "BARE [] error: x" in render(report, "text")


def test_json_shows_authority_and_a_custom_framework_validates(report: Report) -> None:
    data = report_to_json(report)
    build_validator(report_schema()).validate(data)
    rules = {r["id"]: r for r in data["rules"]}
    assert rules["TRUST-4-2"]["authority"] == "organisational-policy"
    assert rules["BOTH"]["citations"] == [
        {
            "citation": "nice-ng10:restraint",
            "framework": "nice-ng10",
            "clause": "restraint",
            "authority": "good-practice-guidance",
        },
        {
            "citation": "uof-act:5(2)",
            "framework": "uof-act",
            "clause": "5(2)",
            "authority": "statute",
        },
    ]
    assert data["unmet_by_authority"]["statute"] == 1
    assert report_from_json(json.loads(json.dumps(data))) == report


def test_sarif_descriptors_and_results_carry_authority(report: Report) -> None:
    log = report_to_sarif(report, RULES.rules)
    assert_official(log)
    run = log["runs"][0]
    descriptors = {d["id"]: d for d in run["tool"]["driver"]["rules"]}
    trust = descriptors["TRUST-4-2"]
    assert trust["properties"]["authority"] == "organisational-policy"
    assert trust["properties"]["citations"] == ["report-test-policy:4.2"]
    assert trust["properties"]["citedClauses"] == [
        {"citation": "report-test-policy:4.2", "authority": "organisational-policy"}
    ]
    assert "Authority: organisational policy" in trust["help"]["text"]
    assert "Reading: Clause 4.2 of the trust's own policy." in trust["help"]["text"]
    assert descriptors["NICE-X"]["defaultConfiguration"]["level"] == "warning"
    results = {r["ruleId"]: r for r in run["results"]}
    assert results["TRUST-4-2"]["properties"]["authority"] == "organisational-policy"
    assert results["ACT-6"]["properties"]["authority"] == "statute"
    assert run["invocations"][0]["properties"]["unmetByAuthority"]["statute"] == 1


def test_a_result_without_its_rule_still_gets_an_authority_in_sarif() -> None:
    result = Result(
        rule_id="GONE",
        outcome=next(iter(r.outcome for r in evaluate([], RULES, as_of=AS_OF).findings)),
        severity=Severity.ERROR,
        message="m",
        citations=(),
        subject_kind="collection",
        subject_id="*",
        authority=Authority.STATUTE,
    )
    log = report_to_sarif(Report(command="evaluate", results=(result,)))
    assert_official(log)
    descriptor = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert descriptor["properties"]["authority"] == "statute"
