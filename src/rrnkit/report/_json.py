"""The JSON form of a report: one stable, documented shape, and its JSON Schema.

``report_to_json`` gives plain JSON data (dicts, lists, strings, numbers,
booleans, null) in a fixed shape: every key is always present, in a fixed
order, with ``null`` where a value is unknown, so tools can read a report
without guessing. ``report_from_json`` is the inverse, for tools that
post-process reports. The shape is versioned by ``report_format``
(:data:`REPORT_FORMAT`) and published as a JSON Schema 2020-12 document
(:func:`report_schema`, committed as ``schemas/report.schema.json``).

Like every rrnkit output, the JSON form holds messages, codes, locations
and the evidence rules chose to show; it never copies values out of the
documents read beyond that.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import math
from collections.abc import Iterator, Mapping
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from rrnkit.convert._strict import DATE_PATTERN
from rrnkit.model import Authority, StandardRef
from rrnkit.model._meta import portable_regex
from rrnkit.model.refs import CLAUSE_PATTERN, FRAMEWORK_ID_PATTERN
from rrnkit.problems import Problem, join_pointer
from rrnkit.report._report import InputFile, Report, RuleSummary
from rrnkit.rules import Outcome, Result, Severity
from rrnkit.schema._generate import BASE_URI, DIALECT

REPORT_FORMAT = "1.0"
"""Version of the JSON report shape; a reader refuses any other."""

REPORT_SCHEMA_ID = f"{BASE_URI}/{REPORT_FORMAT}/report.schema.json"
"""``$id`` of the report's JSON Schema (an identifier only, never fetched)."""

JSON_POINTER_PATTERN = "^(/([^/~]|~[01])*)*$"
"""An RFC 6901 JSON Pointer: empty (the whole document) or ``/``-prefixed tokens."""

SHA256_PATTERN = "^[0-9a-f]{64}$"
"""A SHA-256 digest in lower-case hexadecimal."""

UNCITED = "uncited"
"""The ``unmet_by_authority`` key counting rules that cite nothing (so have no authority)."""


# --------------------------------------------------------------------------- to JSON


def _json_value(value: Any, where: str) -> Any:
    """Return ``value`` as plain JSON data (tuples become lists; NaN and infinities, null)."""
    if isinstance(value, enum.Enum):
        return _json_value(value.value, where)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where}: a key of type {type(key).__name__} is not JSON-ready")
            out[key] = _json_value(item, where)
        return out
    if isinstance(value, (list, tuple)):
        return [_json_value(item, where) for item in value]
    raise TypeError(f"{where}: a value of type {type(value).__name__} is not JSON-ready")


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


def _result_to_json(result: Result) -> dict[str, Any]:
    return {
        "rule_id": result.rule_id,
        "outcome": result.outcome.value,
        "severity": result.severity.value,
        "authority": _authority(result.authority),
        "message": result.message,
        "citations": [str(c) for c in result.citations],
        "subject": {"kind": result.subject_kind, "id": result.subject_id},
        "pointers": list(result.pointers),
        "evidence": _json_value(result.evidence, f"evidence of {result.rule_id}"),
        "source": result.source,
        "line": result.line,
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
            rule_id: _json_value(params, f"parameters of {rule_id}")
            for rule_id, params in report.parameters.items()
        },
        "rules": [_rule_to_json(rule) for rule in report.rules],
        "inputs": [_input_to_json(item) for item in report.inputs],
        "counts": {
            "read": report.read,
            "valid": report.valid,
            "invalid": report.invalid,
            "skipped": report.skipped,
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
        "path_problems": [_problem_to_json(p) for p in report.path_problems],
        "problems": [_problem_to_json(p) for p in report.problems],
        "results": [_result_to_json(r) for r in report.results],
    }


# --------------------------------------------------------------------------- from JSON


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """Match ``pattern`` as ECMA-262 does (a final ``$`` is the very end)."""
    if validator.is_type(instance, "string") and not portable_regex(pattern).search(instance):
        yield ValidationError("does not match the pattern")


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    extended = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator, validators={"pattern": _pattern}
    )
    validator: jsonschema.Draft202012Validator = extended(report_schema())
    return validator


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
        raise ValueError(
            f"not a valid rrnkit report: {pointer}: fails the schema's {first.validator}{more}"
        )


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
    _refuse_invalid(data)
    try:
        as_of = dt.date.fromisoformat(data["as_of"]) if data["as_of"] is not None else None
    except ValueError:
        raise ValueError("not a valid rrnkit report: /as_of: is not a real date") from None
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
    )


# --------------------------------------------------------------------------- schema


def _nullable(type_: str, description: str, **more: Any) -> dict[str, Any]:
    return {"type": [type_, "null"], **more, "description": description}


def _count(description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "description": description}


def _closed(
    description: str, properties: dict[str, Any], *, nullable: bool = False
) -> dict[str, Any]:
    """Build an object schema with exactly ``properties``, all required."""
    return {
        "type": ["object", "null"] if nullable else "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _citation_pattern() -> str:
    """``framework:clause`` for any framework id of the safe form, a caller's own included."""
    return f"^{FRAMEWORK_ID_PATTERN[1:-1]}:{CLAUSE_PATTERN[1:]}"


def _defs() -> dict[str, Any]:
    pointer = {"$ref": "#/$defs/JsonPointer"}
    source = _nullable(
        "string",
        "The file the subject was read from (- for standard input), or null when unknown.",
    )
    line = _nullable("integer", "1-based line in the source, or null when unknown.", minimum=1)
    return {
        "JsonPointer": {
            "type": "string",
            "pattern": JSON_POINTER_PATTERN,
            "description": "An RFC 6901 JSON Pointer into a document; empty for all of it.",
        },
        "Outcome": {
            "type": "string",
            "enum": [o.value for o in Outcome],
            "description": "What a rule found for one subject.",
        },
        "Severity": {
            "type": "string",
            "enum": [s.value for s in Severity],
            "description": "How much an unmet rule matters (info < warning < error).",
        },
        "Authority": {
            "type": ["string", "null"],
            "enum": [*(a.value for a in Authority), None],
            "description": (
                "How binding a framework is, strongest first: statute, statutory-guidance, "
                "national-standard, voluntary-commitment, organisational-policy, "
                "good-practice-guidance, data-standard; null for a rule that cites nothing."
            ),
        },
        "Citation": {
            "type": "string",
            "pattern": _citation_pattern(),
            "description": "A citation written framework:clause, e.g. uof-act:6(5)(a).",
        },
        "CitedClause": _closed(
            "One clause a rule cites, with its framework's authority.",
            {
                "citation": {"$ref": "#/$defs/Citation", "description": "framework:clause."},
                "framework": {
                    "type": "string",
                    "pattern": FRAMEWORK_ID_PATTERN,
                    "description": "The framework's id (rrnkit's or one the caller registered).",
                },
                "clause": {
                    "type": "string",
                    "pattern": CLAUSE_PATTERN,
                    "description": "The clause within the framework.",
                },
                "authority": {
                    "$ref": "#/$defs/Authority",
                    "description": "The framework's authority.",
                },
            },
        ),
        "Rule": _closed(
            "One rule run: its title, effective severity, authority and citations.",
            {
                "id": {"type": "string", "minLength": 1, "description": "The rule's id."},
                "title": {"type": "string", "description": "The rule's title."},
                "severity": {
                    "$ref": "#/$defs/Severity",
                    "description": "The rule's effective severity in this run.",
                },
                "authority": {
                    "$ref": "#/$defs/Authority",
                    "description": "The strongest authority among the rule's citations.",
                },
                "citations": {
                    "type": "array",
                    "description": "The clauses the rule rests on, in the rule's order.",
                    "items": {"$ref": "#/$defs/CitedClause"},
                },
            },
        ),
        "InputFile": _closed(
            "One file read, fingerprinted so the run can be reproduced.",
            {
                "path": {"type": "string", "description": "The path as given or found."},
                "sha256": _nullable(
                    "string",
                    "SHA-256 of the file's bytes, or null when it could not be read.",
                    pattern=SHA256_PATTERN,
                ),
                "size": _count("Size in bytes."),
                "records": _count("Records read from the file (valid + invalid)."),
            },
        ),
        "Problem": _closed(
            "One thing wrong with an input, located by file, line and JSON Pointer.",
            {
                "code": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Stable machine-readable code, e.g. json.syntax.",
                },
                "message": {
                    "type": "string",
                    "description": "What is wrong, in words that never contain input values.",
                },
                "pointer": {**pointer, "description": "Where in the document the problem is."},
                "source": _nullable(
                    "string",
                    "The path the problem is in (- for standard input), or null.",
                ),
                "line": _nullable("integer", "1-based line in the source, or null.", minimum=1),
                "column": _nullable(
                    "integer",
                    "1-based column in the source (in Unicode code points), or null.",
                    minimum=1,
                ),
            },
        ),
        "Result": _closed(
            "One outcome of one rule for one subject, with its citations and evidence.",
            {
                "rule_id": {"type": "string", "minLength": 1, "description": "The rule's id."},
                "outcome": {"$ref": "#/$defs/Outcome", "description": "What the rule found."},
                "severity": {
                    "$ref": "#/$defs/Severity",
                    "description": "The rule's effective severity in this run.",
                },
                "authority": {
                    "$ref": "#/$defs/Authority",
                    "description": "The rule's authority: the strongest among its citations.",
                },
                "message": {"type": "string", "description": "What was found, in words."},
                "citations": {
                    "type": "array",
                    "description": "The clauses the rule rests on.",
                    "items": {"$ref": "#/$defs/Citation"},
                },
                "subject": _closed(
                    "The document judged (kind collection, id *, for rules over all documents).",
                    {
                        "kind": {"type": "string", "description": "The subject's kind."},
                        "id": {"type": "string", "description": "The subject's id."},
                    },
                ),
                "pointers": {
                    "type": "array",
                    "description": "Where in the subject the evidence is, most relevant first.",
                    "items": pointer,
                },
                "evidence": {
                    "type": "object",
                    "description": "Values the rule shows as evidence, by name (JSON values).",
                    "additionalProperties": {"description": "One evidence value."},
                },
                "source": source,
                "line": {
                    **line,
                    "description": "1-based line of the first pointer (or the subject), or null.",
                },
            },
        ),
    }


def report_schema() -> dict[str, Any]:
    """Return the JSON Schema (2020-12) of the JSON report form, format ``1.0``.

    Outcome, severity and authority values come from the ``Outcome``,
    ``Severity`` and ``Authority`` enums, so the schema cannot drift from the
    code. A citation may name any framework id of the safe form
    (:data:`~rrnkit.model.refs.FRAMEWORK_ID_PATTERN`), so a report citing a
    framework the caller registered still validates.
    """
    problems = {"type": "array", "items": {"$ref": "#/$defs/Problem"}}
    properties: dict[str, Any] = {
        "report_format": {
            "type": "string",
            "const": REPORT_FORMAT,
            "description": "Version of this report shape.",
        },
        "command": {
            "type": "string",
            "description": "What produced the report: validate, check or evaluate.",
        },
        "rrnkit_version": {
            "type": "string",
            "description": "The rrnkit version that produced the report.",
        },
        "as_of": _nullable(
            "string",
            "The date rules judged evidence at (YYYY-MM-DD), or null when no rules ran.",
            format="date",
            pattern=DATE_PATTERN,
        ),
        "ruleset": _closed(
            "The rule set evaluated, or null when no rules ran.",
            {
                "id": _nullable("string", "The rule set's id."),
                "version": _nullable("string", "The rule set's version."),
            },
            nullable=True,
        ),
        "parameters": {
            "type": "object",
            "description": "Every rule's effective parameters, by rule id, in evaluation order.",
            "additionalProperties": {
                "type": "object",
                "description": "One rule's parameters by name (JSON values).",
                "additionalProperties": {"description": "One parameter value."},
            },
        },
        "rules": {
            "type": "array",
            "description": "Every rule run, in evaluation order, with its authority and citations.",
            "items": {"$ref": "#/$defs/Rule"},
        },
        "inputs": {
            "type": "array",
            "description": "Every file read, in reading order.",
            "items": {"$ref": "#/$defs/InputFile"},
        },
        "counts": _closed(
            "Records read, and how many were valid, invalid or skipped.",
            {
                "read": _count("Records read; always valid + invalid."),
                "valid": _count("Records that loaded as documents."),
                "invalid": _count("Records with problems."),
                "skipped": _count("Blank lines in streams, which hold no record."),
            },
        ),
        "outcomes": _closed(
            "Exact number of results per outcome, before any cap (every outcome listed).",
            {o.value: _count(f"Results with outcome {o.value}.") for o in Outcome},
        ),
        "unmet_by_severity": _closed(
            "Exact number of unmet results per severity, before any cap (every severity listed).",
            {s.value: _count(f"Unmet results of severity {s.value}.") for s in Severity},
        ),
        "unmet_by_authority": _closed(
            "Exact number of unmet results per authority of their rule, before any cap "
            f"(every authority listed, strongest first; {UNCITED} counts rules citing nothing).",
            {
                **{
                    a.value: _count(f"Unmet results of rules whose authority is {a.words}.")
                    for a in sorted(Authority, key=lambda a: -a.rank)
                },
                UNCITED: _count("Unmet results of rules that cite nothing."),
            },
        ),
        "partial": {
            "type": "boolean",
            "description": "True when the problem cap left problems or findings out of the lists.",
        },
        "not_shown": _count("How many problems and findings the cap left out."),
        "interrupted": {
            "type": "boolean",
            "description": "True when the run was interrupted; the report covers what was done.",
        },
        "path_problems": {
            **problems,
            "description": "Problems with the paths themselves (missing, unreadable, empty).",
        },
        "problems": {**problems, "description": "Problems with records, in reading order."},
        "results": {
            "type": "array",
            "description": "Rule outcomes in evaluation order (unmet ones capped by the cap).",
            "items": {"$ref": "#/$defs/Result"},
        },
    }
    return {
        "$schema": DIALECT,
        "$id": REPORT_SCHEMA_ID,
        "title": f"rrnkit report, format {REPORT_FORMAT}",
        "description": (
            "What one rrnkit run found (rrnkit validate, rrnkit check or evaluate): "
            "the files read, input counts, every problem and every rule outcome."
        ),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": dict(sorted(_defs().items())),
    }


def render_report_schema() -> str:
    """Return the report schema as the exact text committed under ``schemas/``."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"
