"""Evaluate and merge: rules over streamed documents partition by partition, then held ones."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from rrnkit._run._collect import Held
from rrnkit._run._ledger import Ledger
from rrnkit._run._locate import locate_in_record
from rrnkit._run._plan import Partition, Scan
from rrnkit._run._read import Settings, accepted_records, streamed_records
from rrnkit.convert import Migrations
from rrnkit.convert._json import JsonLimits
from rrnkit.io._read import (
    RecordResult,
)
from rrnkit.model import Document
from rrnkit.rules import Index, Outcome, OutcomeCounts, Result, RuleSet, Severity
from rrnkit.rules._ruleset import Evaluator

FINDINGS = frozenset({Outcome.NOT_MET, Outcome.ERROR, Outcome.INSUFFICIENT_EVIDENCE})
"""Outcomes ``outcomes="findings"`` keeps: those a reader has to act on."""


Part = tuple[list[Result], OutcomeCounts, dict[str, Any]]
"""What evaluating a share of the streamed documents gives: kept results, counts, summaries."""


def evaluate_held_or_streamed(
    got: Ledger,
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    counts: OutcomeCounts,
    limits: JsonLimits | None,
    migrations: Migrations,
) -> list[Result]:
    """Run the rules: held documents as a whole, streamed ones one at a time."""
    if got.streamed is None:
        return ruleset.run(Index(got.documents), as_of=as_of, keep=keep, counts=counts)
    kind = got.streamed
    changed: list[str] = []

    def replay() -> Iterable[Document]:
        records = streamed_records(got, limits, migrations, changed)
        return (r.document for r in records if r.document)

    index = Index(got.documents, replay={kind: replay})
    evaluator = Evaluator(ruleset, index, as_of=as_of, keep=keep, counts=counts)
    streamed: list[Result] = []
    for record in streamed_records(got, limits, migrations, changed):
        assert record.document is not None
        streamed.extend(locate_in_record(evaluator.run_subject(record.document), record))
    results = evaluator.order([*streamed, *evaluator.run_held()])
    got.report_changed(changed)
    return results


def merge_parts(
    got: Ledger,
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    counts: OutcomeCounts,
    parts: Iterable[Part],
    replay: Callable[[], Iterable[Document]],
) -> list[Result]:
    """Merge parts evaluated elsewhere (in order), then run the rules over held documents.

    Each part's summaries are merged into the index before any held document's
    rule reads them; ``replay`` reads the streamed documents again if a rule
    asks for all of them.
    """
    assert got.streamed is not None
    index = Index(got.documents, replay={got.streamed: replay})
    evaluator = Evaluator(ruleset, index, as_of=as_of, keep=keep, counts=counts)
    streamed: list[Result] = []
    summaries: dict[str, list[Any]] = {}
    for part_results, part_counts, part_summaries in parts:
        streamed.extend(part_results)
        counts.update(part_counts)
        for key, summary in part_summaries.items():
            summaries.setdefault(key, []).append(summary)
    for key, found in summaries.items():
        merged = found[0]
        for part in found[1:]:
            merged = evaluator.folds[key].merge(merged, part)
        index.seed(key, merged)
    return evaluator.order([*streamed, *evaluator.run_held()])


def evaluate_part(
    documents: Iterable[Document],
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    records: Iterable[RecordResult],
) -> Part:
    """Evaluate a share of the streamed documents against the held ones; return its part."""
    index = Index(documents)
    counts: OutcomeCounts = Counter()
    evaluator = Evaluator(ruleset, index, as_of=as_of, keep=keep, counts=counts)
    results: list[Result] = []
    for record in records:
        assert record.document is not None
        results.extend(locate_in_record(evaluator.run_subject(record.document), record))
    return results, counts, index.summaries()


Packed = tuple[str, str, str, str, str, str, tuple[str, ...], Any, "str | None", "int | None"]
"""A result as plain values, to cross between processes: rule id, outcome, severity,
message, subject kind and id, pointers, evidence, source, line (citations and authority
come from the rule)."""


PackedPart = tuple[list[Packed], OutcomeCounts, dict[str, Any]]


def pack(results: list[Result]) -> list[Packed]:
    """Turn results into plain values: pickling millions of attrs objects is slow."""
    return [
        (
            r.rule_id,
            r.outcome.value,
            r.severity.value,
            r.message,
            r.subject_kind,
            r.subject_id,
            r.pointers,
            r.evidence,
            r.source,
            r.line,
        )
        for r in results
    ]


def unpack(packed: list[Packed], ruleset: RuleSet) -> list[Result]:
    """Rebuild the results :func:`pack` made plain, in order."""
    citations = {rule.id: rule.citations for rule in ruleset.rules}
    authorities = {rule.id: rule.authority for rule in ruleset.rules}
    outcomes = {outcome.value: outcome for outcome in Outcome}
    severities = {severity.value: severity for severity in Severity}
    results = []
    for item in packed:
        rule_id, outcome, severity, message, kind, ident, pointers, evidence, source, line = item
        results.append(
            Result(
                rule_id=rule_id,
                outcome=outcomes[outcome],
                severity=severities[severity],
                message=message,
                citations=citations[rule_id],
                subject_kind=kind,
                subject_id=ident,
                pointers=pointers,
                evidence=evidence,
                source=source,
                line=line,
                authority=authorities[rule_id],
            )
        )
    return results


def evaluate_partition(
    part: Partition, scan: Scan | None, held: Held, settings: Settings
) -> tuple[PackedPart, list[str]]:
    """Evaluate one partition's accepted incidents against the shared documents (a task).

    Return its part, results packed as plain values, and its source if the
    partition's bytes changed since the first read (or it can no longer be
    read): then its results cannot stand and the report says so.
    """
    assert settings.ruleset is not None
    assert settings.as_of is not None
    bits = held.accepted[part.number]
    changed: list[str] = []
    if not any(bits):
        return ([], Counter(), {}), changed
    first = held.fingerprints[part.number]
    records = accepted_records(part, scan, bits, settings, first, changed)
    try:
        results, counts, summaries = evaluate_part(
            held.documents, settings.ruleset, settings.as_of, settings.keep, records
        )
    except OSError:  # gone or unreadable since the first read
        return ([], Counter(), {}), [part.source]
    return (pack(results), counts, summaries), changed
