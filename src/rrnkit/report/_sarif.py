"""The SARIF 2.1.0 form of a report, for code-scanning dashboards and CI annotations.

One run, whose tool is rrnkit. Its ``rules`` describe each rule given (with
its citations, tags and effective parameters), then any rule a result names
that was not given, then one descriptor per validation problem code found
(``json.syntax``, ``field.required``...): an invalid record is a finding about
an input file, so it is a SARIF result like any unmet rule, with the code as
its rule id. Problems with the paths themselves, an interruption and the
problem cap are about the run rather than a file's content, so they are
``toolExecutionNotifications`` of the invocation (descriptors under
``notifications``: the path problem codes, ``run.interrupted``,
``run.partial`` and ``run.note``, one for each of the report's ``notes``).

Every rule outcome is a result: ``met`` is kind ``pass``, ``not_met`` is
``fail``, ``not_applicable`` is ``notApplicable``, ``insufficient_evidence`` is
``review`` and ``error`` (the rule itself failed) is ``fail`` at level
``error``. A ``fail`` has the level of its severity (info is ``note``); any
other kind has level ``none``, as SARIF requires. Locations give the file
(``run.artifacts`` holds each input with its SHA-256 and length) and line
when known, and always the subject as a logical location ``kind/id/pointer``,
with the JSON Pointer itself in the location's ``properties.jsonPointer``.
Regions have no ``endLine`` or ``endColumn``: the JSON scanner could give
where a value ends (a container's closing bracket, a scalar's token), but
neither a rule result nor a problem carries an end today (a result carries
its line only, a problem its line and column), and a JSON Lines record's
text is not kept after reading, so only its line is known. Carrying an end
means widening the packed results, the spool's runs on disk, ``Result``,
``Problem`` and the JSON report alike; a start is enough for code scanning
to annotate the line.
Property bag keys are camelCase, as in the rest of SARIF; evidence and
parameter maps keep the names rules gave them. Each rule descriptor's
properties carry the rule's ``authority`` (the strongest among its
citations) and ``citedClauses`` (each citation with its framework's
authority); each rule result's properties carry its ``authority``.

Every result about a document read from a file names the file
(``physicalLocation``), with the line of its first pointer where the
record's text gives one, else the record's line: code scanning refuses a
result with no physical location. A document read from standard input has
no file: its location's ``artifactLocation`` has no ``uri``, only the index
of the standard-input artifact (roles ``standardStream``) and the
description "standard input", which SARIF allows for an artifact with no
URI. Only a result about the whole collection (no document) has a logical
location alone.

The driver's ``informationUri`` is the documentation site (:data:`DOCS_URL`)
and each rule's ``helpUri`` its entry in the rule catalogue there
(:func:`help_uri`). Each result carries ``partialFingerprints`` under
:data:`FINGERPRINT_KEY`, so code scanning can follow it from run to run
however lines and files move: for a rule result, the SHA-256 of its rule
id, subject kind, subject id and first pointer; for a validation problem,
of its code, file and pointer (a problem has no subject id). Neither holds
a line number, and a rule result's holds no path. A validation problem's
message begins with its JSON Pointer, and a ``field.required`` message
names the missing field itself too (as the text and JSON reports do).

The output is deterministic: the same report and rules always give the same
SARIF, in the report's order.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from rrnkit._internal.json_data import json_ready
from rrnkit._internal.site import DOCS_URL as SITE_URL
from rrnkit.model import Authority
from rrnkit.problems import Problem, printable
from rrnkit.report._report import Report
from rrnkit.report._schema import UNCITED
from rrnkit.rules import Outcome, Result, Rule, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
"""The ``$schema`` of every SARIF log rrnkit writes."""
SARIF_VERSION = "2.1.0"
"""The SARIF version rrnkit writes."""
DOCS_URL = SITE_URL
"""The documentation site (``rrnkit._internal.site``): the driver's ``informationUri``, and
the base of each ``helpUri``."""
RULES_PAGE = "rules/"
"""The rule catalogue's page (``docs/rules.md``), relative to :data:`DOCS_URL`."""
FINGERPRINT_KEY = "rrnkitResult/v1"
"""The ``partialFingerprints`` key of every result (``/v1``: change it if the hash changes)."""

KIND_OF: Mapping[Outcome, str] = {
    Outcome.MET: "pass",
    Outcome.NOT_MET: "fail",
    Outcome.NOT_APPLICABLE: "notApplicable",
    Outcome.INSUFFICIENT_EVIDENCE: "review",
    Outcome.ERROR: "fail",
}
"""SARIF ``result.kind`` of each outcome."""

LEVEL_OF: Mapping[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}
"""SARIF ``level`` of each severity (for results of kind ``fail``)."""

STDIN = "-"
INTERRUPTED = "run.interrupted"
"""Notification id: the run was interrupted; the report covers what was done."""
PARTIAL = "run.partial"
"""Notification id: the problem cap left problems or findings out."""
NOTE = "run.note"
"""Notification id: a note on reading the results (the report's ``notes``, such as
pseudonymised copies that some rules mis-measure)."""

_FAMILIES = {
    "json": "Every record is well-formed JSON within rrnkit's reading limits",
    "record": "Every record fits within rrnkit's reading limits",
    "document": (
        "Every record is an rrnkit document of a known kind and supported schema version, "
        "and no two share a kind and id"
    ),
    "field": "Every document has exactly the fields its kind's schema allows and requires",
    "value": "Every value in a document has the type and form its kind's schema requires",
    "path": "Every path given names a readable file, or a folder that holds documents",
}
_RUN_NOTIFICATIONS = {
    INTERRUPTED: "The run was interrupted; the report covers only what was done",
    PARTIAL: "The problem cap left problems or findings out of the report",
    NOTE: "A note on how to read the results rightly",
}


def _friendly_name(identifier: str) -> str:
    """Return a PascalCase name for an id (``UOF-S6-A-REASON`` gives ``UofS6AReason``)."""
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", identifier) if p]
    return "".join(p[:1].upper() + p[1:].lower() for p in parts) or "Rule"


def _uri(path: str) -> str:
    """Return a file path as a URI reference: relative stays relative, with ``/``."""
    pure = PurePath(path)
    # Quote the file name's own bytes: a name that is not UTF-8 arrives with
    # surrogate escapes, which cannot be encoded as text.
    quoted = quote(os.fsencode(pure.as_posix()), safe="/")
    return f"file://{quoted}" if pure.is_absolute() else quoted


def rule_anchor(rule_id: str, title: str) -> str:
    """Return the anchor of a rule's heading in the rule catalogue page.

    The catalogue heads each rule ``### `RULE-ID`: Title``
    (:mod:`rrnkit.rules.catalogue`), and the site makes heading anchors with
    Python-Markdown's ``toc`` slugify: the heading's text (without its
    markup) as ASCII, every character that is not a word character, space or
    hyphen dropped, lower case, runs of spaces and hyphens one hyphen.
    """
    text = f"{rule_id}: {title}"
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def help_uri(rule: Rule) -> str:
    """Return the address of ``rule``'s entry in the rule catalogue on the documentation site."""
    return f"{DOCS_URL}{RULES_PAGE}#{rule_anchor(rule.id, rule.title or rule.id)}"


def fingerprint(*parts: str) -> str:
    """Return a stable fingerprint of ``parts``: the SHA-256 of them joined, in hexadecimal.

    Each part is UTF-8 (a lone surrogate escaped) and ends with a NUL, so no
    two lists of parts give the same bytes.
    """
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _text(value: str) -> dict[str, str]:
    return {"text": value}


def _authority(authority: Authority | None) -> str | None:
    return authority.value if authority is not None else None


def _rule_descriptor(rule: Rule, params: Mapping[str, Any]) -> dict[str, Any]:
    citations = [str(c) for c in rule.citations]
    title = rule.title or rule.id
    lines = [title]
    if rule.met_means:
        lines += ["", f"Met means: {rule.met_means}"]
    lines += ["", f"Cites: {', '.join(citations) if citations else 'nothing'}"]
    if rule.authority is not None:
        lines += ["", f"Authority: {rule.authority.words}"]
    if rule.reading:
        lines += ["", f"Reading: {rule.reading}"]
    declared = {p.name: p for p in rule.parameters}
    if params:
        lines += ["", "Parameters:"]
        for name, value in params.items():
            shown = json.dumps(json_ready(value, f"parameters of {rule.id}"), ensure_ascii=False)
            line = f"- {name} = {shown}"
            parameter = declared.get(name)
            if parameter is not None:
                default = json.dumps(json_ready(parameter.default, rule.id), ensure_ascii=False)
                line += (
                    f" (default {default}): {parameter.description} Allowed: {parameter.bounds}."
                )
            lines.append(line)
    return {
        "id": rule.id,
        "name": _friendly_name(rule.id),
        "shortDescription": _text(title),
        "fullDescription": _text(rule.met_means or title),
        "help": _text("\n".join(lines)),
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": LEVEL_OF[rule.severity]},
        "properties": {
            "tags": sorted(rule.tags),
            "citations": citations,
            "authority": _authority(rule.authority),
            "citedClauses": [
                {"citation": str(c), "authority": _authority(c.authority)} for c in rule.citations
            ],
            "appliesTo": rule.applies_to,
            "parameters": json_ready(dict(params), f"parameters of {rule.id}"),
        },
    }


def _unknown_rule_descriptor(result: Result) -> dict[str, Any]:
    """Describe a rule a result names but the caller did not give, from the result alone."""
    return {
        "id": result.rule_id,
        "name": _friendly_name(result.rule_id),
        "shortDescription": _text(f"Rule {result.rule_id}"),
        "defaultConfiguration": {"level": LEVEL_OF[result.severity]},
        "properties": {
            "tags": [],
            "citations": [str(c) for c in result.citations],
            "authority": _authority(result.authority),
        },
    }


def _problem_descriptor(code: str) -> dict[str, Any]:
    family = code.partition(".")[0]
    short = _FAMILIES.get(family, "Every record is a valid rrnkit document")
    return {
        "id": code,
        "name": _friendly_name(code),
        "shortDescription": _text(short),
        "fullDescription": _text(
            f"An input failed validation with problem code {code}: the message says what "
            "is wrong (never the value) and the location gives the file, line and JSON Pointer."
        ),
        "help": _text(f"{short}. Fix the input where the location points, then validate again."),
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["validation"]},
    }


class _Run:
    """Collects rule descriptors and artifacts, giving each a stable index."""

    def __init__(self, report: Report, rules: Iterable[Rule]) -> None:
        self.rules: list[dict[str, Any]] = []
        self.rule_index: dict[str, int] = {}
        self.artifacts: list[dict[str, Any]] = []
        self.artifact_index: dict[str, int] = {}
        for rule in rules:
            if rule.id not in self.rule_index:
                params = report.parameters.get(rule.id, rule.defaults)
                self._add_rule(_rule_descriptor(rule, params))
        for result in report.results:
            if result.rule_id not in self.rule_index:
                self._add_rule(_unknown_rule_descriptor(result))
        for code in sorted({p.code for p in report.problems} - set(self.rule_index)):
            self._add_rule(_problem_descriptor(code))
        for item in report.inputs:
            artifact = self._artifact(item.path)  # a path read twice: the first read counts
            artifact.setdefault("length", item.size)
            if item.sha256 is not None:
                artifact.setdefault("hashes", {"sha-256": item.sha256})

    def _add_rule(self, descriptor: dict[str, Any]) -> None:
        self.rule_index[descriptor["id"]] = len(self.rules)
        self.rules.append(descriptor)

    def _artifact(self, path: str) -> dict[str, Any]:
        """Return the artifact of ``path``, adding it at the end the first time."""
        index = self.artifact_index.get(path)
        if index is not None:
            return self.artifacts[index]
        artifact: dict[str, Any]
        if path == STDIN:
            artifact = {
                "description": _text("standard input"),
                "roles": ["analysisTarget", "standardStream"],
            }
        else:
            artifact = {"location": {"uri": _uri(path)}, "roles": ["analysisTarget"]}
        self.artifact_index[path] = len(self.artifacts)
        self.artifacts.append(artifact)
        return artifact

    def artifact_location(self, path: str) -> dict[str, Any]:
        self._artifact(path)
        index = self.artifact_index[path]
        if path == STDIN:  # no URI: the artifact and the location say what it is
            return {"index": index, "description": _text("standard input")}
        return {"uri": _uri(path), "index": index}

    def physical(
        self, source: str, line: int | None = None, column: int | None = None
    ) -> dict[str, Any]:
        location: dict[str, Any] = {"artifactLocation": self.artifact_location(source)}
        if line is not None:
            region: dict[str, int] = {"startLine": line}
            if column is not None:
                region["startColumn"] = column
            location["region"] = region
        return location

    def result_location(self, result: Result, pointer: str, *, line: int | None) -> dict[str, Any]:
        location: dict[str, Any] = {}
        if result.source is not None:
            location["physicalLocation"] = self.physical(result.source, line)
        location["logicalLocations"] = [
            {
                "fullyQualifiedName": f"{result.subject_kind}/{result.subject_id}{pointer}",
                "kind": "value" if pointer else "object",
            }
        ]
        location["properties"] = {"jsonPointer": pointer}
        return location

    def rule_result(self, result: Result) -> dict[str, Any]:
        kind = KIND_OF[result.outcome]
        if result.outcome is Outcome.ERROR:
            level = "error"
        elif kind == "fail":
            level = LEVEL_OF[result.severity]
        else:
            level = "none"
        pointers = result.pointers or ("",)
        sarif: dict[str, Any] = {
            "ruleId": result.rule_id,
            "ruleIndex": self.rule_index[result.rule_id],
            "kind": kind,
            "level": level,
            "message": _text(result.message),
            "locations": [self.result_location(result, pointers[0], line=result.line)],
            "partialFingerprints": {
                FINGERPRINT_KEY: fingerprint(
                    result.rule_id, result.subject_kind, result.subject_id, pointers[0]
                )
            },
        }
        if len(pointers) > 1:
            sarif["relatedLocations"] = [
                {"id": n, **self.result_location(result, pointer, line=None)}
                for n, pointer in enumerate(pointers[1:], start=1)
            ]
        sarif["properties"] = {
            "outcome": result.outcome.value,
            "severity": result.severity.value,
            "authority": _authority(result.authority),
            "subject": {"kind": result.subject_kind, "id": result.subject_id},
            "citations": [str(c) for c in result.citations],
            "pointers": list(result.pointers),
            "evidence": json_ready(result.evidence, f"evidence of {result.rule_id}"),
        }
        return sarif

    def problem_result(self, problem: Problem) -> dict[str, Any]:
        location: dict[str, Any] = {}
        if problem.source is not None:
            location["physicalLocation"] = self.physical(
                problem.source, problem.line, problem.column
            )
        location["properties"] = {"jsonPointer": problem.pointer}
        # the pointer names the field (a field.required problem's message alone does not)
        message = problem.message
        if problem.pointer:
            message = f"{printable(problem.pointer)}: {message}"
        return {
            "ruleId": problem.code,
            "ruleIndex": self.rule_index[problem.code],
            "kind": "fail",
            "level": "error",
            "message": _text(message),
            "locations": [location],
            "partialFingerprints": {
                FINGERPRINT_KEY: fingerprint(problem.code, problem.source or STDIN, problem.pointer)
            },
        }


def _notifications(report: Report) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the notification descriptors and the invocation's notifications."""
    raised: list[tuple[str, str, str, str | None]] = [
        (p.code, "error", p.message, p.source) for p in report.path_problems
    ]
    if report.interrupted:
        message = "the run was interrupted; the report covers only what was done"
        raised.append((INTERRUPTED, "error", message, None))
    if report.partial:
        message = f"{report.not_shown} problems and findings were left out by the problem cap"
        raised.append((PARTIAL, "warning", message, None))
    raised += [(NOTE, "warning", note, None) for note in report.notes]
    codes = sorted({code for code, *_ in raised})
    descriptors = []
    for code in codes:
        short = _RUN_NOTIFICATIONS.get(code) or _FAMILIES["path"]
        descriptors.append(
            {"id": code, "name": _friendly_name(code), "shortDescription": _text(short)}
        )
    index = {code: n for n, code in enumerate(codes)}
    notifications = []
    for code, level, message, source in raised:
        notification: dict[str, Any] = {
            "descriptor": {"id": code, "index": index[code]},
            "level": level,
            "message": _text(message),
        }
        if source is not None and source != STDIN:
            location = {"physicalLocation": {"artifactLocation": {"uri": _uri(source)}}}
            notification["locations"] = [location]
        notifications.append(notification)
    return descriptors, notifications


def report_to_sarif(report: Report, rules: Iterable[Rule] = ()) -> dict[str, Any]:
    """Return the report as a SARIF 2.1.0 log (JSON data) with one run.

    ``rules`` describe the rules of the run (typically ``ruleset.rules``);
    each becomes a ``reportingDescriptor`` with its citations, tags and the
    effective parameters the report records (its defaults when the report
    records none). A result of a rule not given still gets a minimal
    descriptor, so every ``ruleIndex`` is valid.
    """
    log, results = sarif_parts(report, rules)
    log["runs"][0]["results"] = list(results)
    return log


def sarif_parts(
    report: Report, rules: Iterable[Rule] = ()
) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """Return the SARIF log with an empty results list, and its results one at a time.

    A writer streams the results into the log's ``runs[0].results`` so that
    a report holding millions of results (on disk, past a bound) is never
    held whole in memory.
    """
    run = _Run(report, rules)

    def results() -> Iterator[dict[str, Any]]:
        for problem in report.problems:
            yield run.problem_result(problem)
        for result in report.results:
            yield run.rule_result(result)

    descriptors, notifications = _notifications(report)
    driver: dict[str, Any] = {
        "name": "rrnkit",
        "version": report.rrnkit_version,
        "informationUri": DOCS_URL,
        "rules": run.rules,
    }
    if descriptors:
        driver["notifications"] = descriptors
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.interrupted and not report.path_problems,
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    ruleset = (
        {"id": report.ruleset_id, "version": report.ruleset_version}
        if report.ruleset_id is not None or report.ruleset_version is not None
        else None
    )
    invocation["properties"] = {
        "command": report.command,
        "asOf": report.as_of.isoformat() if report.as_of is not None else None,
        "ruleset": ruleset,
        "counts": {
            "read": report.read,
            "valid": report.valid,
            "invalid": report.invalid,
            "skipped": report.skipped,
        },
        "outcomes": {o.value: n for o, n in report.counts.items()},
        "unmetBySeverity": {s.value: n for s, n in report.unmet_by_severity.items()},
        "unmetByAuthority": {
            (_authority(a) or UNCITED): n for a, n in report.unmet_by_authority.items()
        },
        "partial": report.partial,
        "notShown": report.not_shown,
        "interrupted": report.interrupted,
    }
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                # results before artifacts: streaming them may still add an artifact
                "results": [],
                "artifacts": run.artifacts,
                "columnKind": "unicodeCodePoints",
                "properties": {"rrnkitVersion": report.rrnkit_version, "ruleset": ruleset},
            }
        ],
    }
    return log, results()
