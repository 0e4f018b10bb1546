"""Evaluate and merge: rules over streamed documents partition by partition, then held ones."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from rrnkit._run._collect import Held
from rrnkit._run._ledger import Ledger
from rrnkit._run._locate import locate_in_record
from rrnkit._run._plan import Partition, Scan
from rrnkit._run._read import Settings, accepted_records
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


def evaluate_held(
    got: Ledger,
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    counts: OutcomeCounts,
) -> list[Result]:
    """Run the rules over one held partition: every document the ledger accepted."""
    return ruleset.run(Index(got.documents), as_of=as_of, keep=keep, counts=counts)


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


def _unless_gone(
    records: Iterable[RecordResult], source: str, changed: list[str]
) -> Iterator[RecordResult]:
    """Yield a partition's records; a file gone or unreadable since the first read is changed."""
    try:
        yield from records
    except OSError:
        changed.append(source)


def accepted_in(
    parts: Sequence[Partition],
    scans: Sequence[Scan | None],
    held: Held,
    settings: Settings,
    changed: list[str],
) -> Iterator[RecordResult]:
    """Read the accepted streamed documents of some partitions again, in reading order.

    They are built, not validated again; a source whose bytes changed since
    the first read (or that can no longer be read) is added to ``changed``.
    """
    for part in parts:
        if not any(held.accepted[part.number]):
            continue
        yield from _unless_gone(
            accepted_records(
                part,
                scans[part.file],
                held.accepted[part.number],
                settings,
                held.fingerprints[part.number],
                changed,
            ),
            part.source,
            changed,
        )


def evaluate_partitions(
    parts: Sequence[Partition], scans: Sequence[Scan | None], held: Held, settings: Settings
) -> tuple[Part, list[str]]:
    """Evaluate the accepted incidents of some partitions, in order, with one evaluator.

    Return the part (results, counts, the folds' summaries) and the sources
    whose bytes changed since the first read (or that can no longer be read):
    their results cannot stand, and the report says so.
    """
    assert settings.ruleset is not None
    assert settings.as_of is not None
    changed: list[str] = []
    records = accepted_in(parts, scans, held, settings, changed)
    part = evaluate_part(held.documents, settings.ruleset, settings.as_of, settings.keep, records)
    return part, changed


def evaluate_partition(
    part: Partition, scan: Scan | None, held: Held, settings: Settings
) -> tuple[PackedPart, list[str]]:
    """Evaluate one partition's accepted incidents against the shared documents (a task).

    Return its part, results packed as plain values to cross between
    processes, and its source if the partition's bytes changed since the
    first read (or it can no longer be read).
    """
    assert settings.ruleset is not None
    scans: list[Scan | None] = [None] * (part.file + 1)
    scans[part.file] = scan
    (results, counts, summaries), changed = evaluate_partitions([part], scans, held, settings)
    if changed:  # its results cannot stand
        return ([], Counter(), {}), changed
    return (pack(results), counts, summaries), changed
