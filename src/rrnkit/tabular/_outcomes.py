"""The outcomes table: one row per rule outcome of a report, with its citations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from rrnkit._internal.json_data import json_ready
from rrnkit.model import KINDS
from rrnkit.report import Report
from rrnkit.rules import COLLECTION, Outcome, Result, Severity
from rrnkit.tabular._column import Column, ColumnType, codes_of
from rrnkit.tabular._table import Table

S = ColumnType.STRING
CODE = ColumnType.CODE

_Subject = tuple[Report, Result]


def _results(report: Report) -> Iterator[_Subject]:
    for result in report.results:
        yield report, result


def _evidence(result: Result) -> str | None:
    if not result.evidence:
        return None
    data = json_ready(result.evidence, f"evidence of {result.rule_id}")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _columns() -> tuple[Column, ...]:
    def r(get: Any) -> Any:
        return lambda subject: get(subject[1])

    return (
        Column(name="as_of", type=ColumnType.DATE, sources=("/as_of",),
               description="The date the evidence was judged at.",
               value=lambda s: s[0].as_of),
        Column(name="ruleset_id", type=S, sources=("/ruleset/id",),
               description="The rule set evaluated.", value=lambda s: s[0].ruleset_id),
        Column(name="ruleset_version", type=S, sources=("/ruleset/version",),
               description="The rule set's version.", value=lambda s: s[0].ruleset_version),
        Column(name="rule_id", type=S, nullable=False, sources=("/results/*/rule_id",),
               description="The rule's stable id.", value=r(lambda x: x.rule_id)),
        Column(name="outcome", type=CODE, codes=codes_of(Outcome), nullable=False,
               sources=("/results/*/outcome",),
               description="What the rule found for the subject.",
               value=r(lambda x: x.outcome.value)),
        Column(name="severity", type=CODE, codes=codes_of(Severity), nullable=False,
               sources=("/results/*/severity",),
               description="How much an unmet outcome matters.",
               value=r(lambda x: x.severity.value)),
        Column(name="citations", type=S, nullable=False, sources=("/results/*/citations",),
               description="The clauses the rule checks, framework:clause, comma-separated.",
               value=r(lambda x: ", ".join(str(c) for c in x.citations))),
        Column(name="subject_kind", type=CODE, codes=(*KINDS, COLLECTION), nullable=False,
               sources=("/results/*/subject/kind",),
               description="The kind of document judged ('collection' for rules over all "
               "documents).", value=r(lambda x: x.subject_kind)),
        Column(name="subject_id", type=S, nullable=False, sources=("/results/*/subject/id",),
               description="The id of the document judged ('*' for a collection).",
               value=r(lambda x: x.subject_id)),
        Column(name="message", type=S, nullable=False, sources=("/results/*/message",),
               description="What was found, in words that never hold a sensitive value.",
               value=r(lambda x: x.message)),
        Column(name="pointer", type=S, sources=("/results/*/pointers/0",),
               description="JSON Pointer of the first piece of evidence in the subject.",
               value=r(lambda x: x.pointers[0] if x.pointers else None)),
        Column(name="source", type=S, sources=("/results/*/source",),
               description="The file the subject was read from, when known.",
               value=r(lambda x: x.source)),
        Column(name="line", type=ColumnType.INTEGER, sources=("/results/*/line",),
               description="The line of the evidence in that file, when known.",
               value=r(lambda x: x.line)),
        Column(name="evidence", type=S, derived=True, sources=("/results/*/evidence",),
               description="The structured evidence (values compared, threshold used) as "
               "compact JSON; missing when the rule gave none.",
               value=r(_evidence)),
    )  # fmt: skip


OUTCOMES = Table(
    name="outcomes",
    description="Rule outcomes of a report, one row each, in evaluation order.",
    row="One outcome of one rule for one subject (a report's results).",
    source="report",
    columns=_columns(),
    subjects=_results,
)
