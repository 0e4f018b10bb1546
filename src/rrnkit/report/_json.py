"""The JSON form of a report: one stable, documented shape.

``report_to_json`` gives plain JSON data (dicts, lists, strings, numbers,
booleans, null) in a fixed shape: every key is always present, in a fixed
order, with ``null`` where a value is unknown, so tools can read a report
without guessing. ``report_from_json`` is the inverse, for tools that
post-process reports. The shape is versioned by ``report_format``
(``REPORT_FORMAT``) and published as a JSON Schema 2020-12 document generated
from the report classes (``report_schema`` in ``rrnkit.report._schema``,
committed as ``schemas/report.schema.json``).

Like every rrnkit output, the JSON form holds messages, codes, locations
and the evidence rules chose to show; it never copies values out of the
documents read beyond that.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from jsonschema.protocols import Validator

from rrnkit._internal.json_data import json_ready
from rrnkit.model import Authority, StandardRef
from rrnkit.problems import Problem, join_pointer
from rrnkit.report._report import InputFile, Report, RuleSummary
from rrnkit.report._schema import REPORT_FORMAT, UNCITED, report_schema
from rrnkit.rules import Outcome, Result, Severity
from rrnkit.schema import build_validator

__all__ = ["report_from_json", "report_to_json", "result_json", "result_to_json"]


# --------------------------------------------------------------------------- to JSON


def _problem_to_json(problem: Problem) -> dict[str, Any]:
    return {
        "code": problem.code,
        "message": problem.message,
        "pointer": problem.pointer,
        "source": problem.source,
        "line": problem.line,
        "column": problem.column,
    }


def _input_to_json(item: InputFile) -> dict[str, Any]:
    return {"path": item.path, "sha256": item.sha256, "size": item.size, "records": item.records}


def _authority(authority: Authority | None) -> str | None:
    return authority.value if authority is not None else None


def _rule_to_json(rule: RuleSummary) -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": rule.title,
        "severity": rule.severity.value,
        "authority": _authority(rule.authority),
        "citations": [
            {
                "citation": str(ref),
                "framework": ref.framework,
                "clause": ref.clause,
                "authority": _authority(authority),
            }
            for ref, authority in zip(rule.citations, rule.authorities, strict=True)
        ],
    }


def result_to_json(result: Result) -> dict[str, Any]:
    """Return one rule outcome as report JSON (the report schema's ``Result``)."""
    return result_json(
        result.rule_id,
        result.outcome.value,
        result.severity.value,
        _authority(result.authority),
        result.message,
        [str(c) for c in result.citations],
        result.subject_kind,
        result.subject_id,
        list(result.pointers),
        json_ready(result.evidence, f"evidence of {result.rule_id}"),
        result.source,
        result.line,
    )


def result_json(
    rule_id: str,
    outcome: str,
    severity: str,
    authority: str | None,
    message: str,
    citations: list[str],
    subject_kind: str,
    subject_id: str,
    pointers: list[str],
    evidence: Any,
    source: str | None,
    line: int | None,
) -> dict[str, Any]:
    """Lay one rule outcome out as report JSON, from plain values (one shape for every writer).

    ``evidence`` must already be JSON data (see :func:`rrnkit._internal.json_data.json_ready`).
    """
    return {
        "rule_id": rule_id,
        "outcome": outcome,
        "severity": severity,
        "authority": authority,
        "message": message,
        "citations": citations,
        "subject": {"kind": subject_kind, "id": subject_id},
        "pointers": pointers,
        "evidence": evidence,
        "source": source,
        "line": line,
    }


def report_to_json(report: Report) -> dict[str, Any]:
    """Return the report as JSON data in the documented, fixed shape.

    Keys come in a fixed order and are always present (``null`` when a value
    is unknown); every outcome and every severity is counted, zero included.
    Lists keep the report's order (problems in reading order, results in
    evaluation order), so the same report always gives the same text with
    ``json.dumps``. Citations are written ``framework:clause``; each rule
    run is listed with its authority and each citation's.
    """
    has_ruleset = report.ruleset_id is not None or report.ruleset_version is not None
    return {
        "report_format": REPORT_FORMAT,
        "command": report.command,
        "rrnkit_version": report.rrnkit_version,
        "as_of": report.as_of.isoformat() if report.as_of is not None else None,
        "ruleset": (
            {"id": report.ruleset_id, "version": report.ruleset_version} if has_ruleset else None
        ),
        "parameters": {
            rule_id: json_ready(params, f"parameters of {rule_id}")
            for rule_id, params in report.parameters.items()
        },
        "rules": [_rule_to_json(rule) for rule in report.rules],
        "inputs": [_input_to_json(item) for item in report.inputs],
        "counts": {
            "read": report.read,
            "valid": report.valid,
            "invalid": report.invalid,
            "skipped": report.skipped,
            "pseudonymised": report.pseudonymised,
        },
        "outcomes": {outcome.value: n for outcome, n in report.counts.items()},
        "unmet_by_severity": {
            severity.value: n for severity, n in report.unmet_by_severity.items()
        },
        "unmet_by_authority": {
            _authority(authority) or UNCITED: n
            for authority, n in report.unmet_by_authority.items()
        },
        "partial": report.partial,
        "not_shown": report.not_shown,
        "interrupted": report.interrupted,
        "notes": list(report.notes),
        "path_problems": [_problem_to_json(p) for p in report.path_problems],
        "problems": [_problem_to_json(p) for p in report.problems],
        "results": [result_to_json(r) for r in report.results],
    }


# --------------------------------------------------------------------------- from JSON


@functools.cache
def _validator() -> Validator:
    return build_validator(report_schema())


def _refuse_invalid(data: Any) -> None:
    """Raise ValueError naming where ``data`` breaks the schema (never echoing a value)."""
    if not isinstance(data, Mapping):
        raise ValueError("not an rrnkit report: expected a JSON object")
    if data.get("report_format") != REPORT_FORMAT:
        raise ValueError(f"not an rrnkit report of format {REPORT_FORMAT}")
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        pointer = join_pointer("", *first.absolute_path) or "/"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        if first.validator == "format":
            what = f"is not a real {first.validator_value}"
        else:
            what = f"fails the schema's {first.validator}"
        raise ValueError(f"not a valid rrnkit report: {pointer}: {what}{more}")


def _problem_from_json(data: Mapping[str, Any]) -> Problem:
    return Problem(
        code=data["code"],
        message=data["message"],
        pointer=data["pointer"],
        source=data["source"],
        line=data["line"],
        column=data["column"],
    )


def _citation_from_json(text: str) -> StandardRef:
    """Read a citation back without asking the registry: its framework may be a caller's own."""
    framework, _, clause = text.partition(":")
    return StandardRef(framework, clause)


def _authority_from_json(value: str | None) -> Authority | None:
    return Authority(value) if value is not None else None


def _rule_from_json(data: Mapping[str, Any]) -> RuleSummary:
    return RuleSummary(
        id=data["id"],
        title=data["title"],
        severity=Severity(data["severity"]),
        authority=_authority_from_json(data["authority"]),
        citations=tuple(_citation_from_json(c["citation"]) for c in data["citations"]),
        authorities=tuple(_authority_from_json(c["authority"]) for c in data["citations"]),
    )


def _result_from_json(data: Mapping[str, Any]) -> Result:
    return Result(
        rule_id=data["rule_id"],
        outcome=Outcome(data["outcome"]),
        severity=Severity(data["severity"]),
        authority=_authority_from_json(data["authority"]),
        message=data["message"],
        citations=tuple(_citation_from_json(c) for c in data["citations"]),
        subject_kind=data["subject"]["kind"],
        subject_id=data["subject"]["id"],
        pointers=tuple(data["pointers"]),
        evidence=dict(data["evidence"]),
        source=data["source"],
        line=data["line"],
    )


def report_from_json(data: Mapping[str, Any]) -> Report:
    """Rebuild a :class:`Report` from its JSON form (the inverse of :func:`report_to_json`).

    The data is checked against :func:`report_schema` first; anything else
    raises ``ValueError`` naming where it fails, never the value found there.
    JSON has no tuples, so parameter and evidence values that were tuples
    come back as lists; outcome and severity counts of zero are left out of
    ``outcome_counts`` and ``unmet_counts`` (``Report.counts`` lists them).
    """
    _refuse_invalid(data)  # the schema's date format checks as_of is a real date
    as_of = dt.date.fromisoformat(data["as_of"]) if data["as_of"] is not None else None
    ruleset = data["ruleset"] or {}
    counts = data["counts"]
    return Report(
        command=data["command"],
        rrnkit_version=data["rrnkit_version"],
        as_of=as_of,
        ruleset_id=ruleset.get("id"),
        ruleset_version=ruleset.get("version"),
        parameters={rule_id: dict(params) for rule_id, params in data["parameters"].items()},
        rules=tuple(_rule_from_json(r) for r in data["rules"]),
        inputs=tuple(
            InputFile(
                path=item["path"], sha256=item["sha256"], size=item["size"], records=item["records"]
            )
            for item in data["inputs"]
        ),
        read=counts["read"],
        valid=counts["valid"],
        invalid=counts["invalid"],
        skipped=counts["skipped"],
        pseudonymised=counts["pseudonymised"],
        path_problems=tuple(_problem_from_json(p) for p in data["path_problems"]),
        problems=tuple(_problem_from_json(p) for p in data["problems"]),
        results=tuple(_result_from_json(r) for r in data["results"]),
        outcome_counts={Outcome(k): n for k, n in data["outcomes"].items() if n},
        unmet_counts={Severity(k): n for k, n in data["unmet_by_severity"].items() if n},
        unmet_authority_counts={
            (None if k == UNCITED else Authority(k)): n
            for k, n in data["unmet_by_authority"].items()
            if n
        },
        partial=data["partial"],
        not_shown=data["not_shown"],
        interrupted=data["interrupted"],
        notes=tuple(data["notes"]),
    )
