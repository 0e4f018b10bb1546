"""Evaluate and merge: rules over streamed documents partition by partition, then held ones."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from rrnkit._run._collect import Held
from rrnkit._run._ledger import Ledger
from rrnkit._run._locate import locate_in_record, locate_results
from rrnkit._run._packed import Packed, order, pack_verdict
from rrnkit._run._plan import Partition, Scan
from rrnkit._run._read import Settings, accepted_records
from rrnkit._run._spool import HELD_PART, ResultSpool
from rrnkit.io import RecordResult
from rrnkit.model import Document
from rrnkit.rules import Evaluator, Index, Outcome, OutcomeCounts, RuleSet

FINDINGS = frozenset({Outcome.NOT_MET, Outcome.ERROR, Outcome.INSUFFICIENT_EVIDENCE})
"""Outcomes ``outcomes="findings"`` keeps: those a reader has to act on."""


Part = tuple["list[Packed] | ResultSpool", OutcomeCounts, dict[str, Any]]
"""What evaluating a share of the streamed documents gives: kept results (packed, or
in a spool), counts, summaries."""


def evaluate_held(
    got: Ledger,
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    counts: OutcomeCounts,
) -> list[Packed]:
    """Run the rules over one held partition: every document the ledger accepted."""
    index = Index(got.documents)
    evaluator = Evaluator(ruleset, index, as_of=as_of, keep=keep, counts=counts, make=pack_verdict)
    return evaluator.run_held()


def merge_parts(
    got: Ledger,
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    counts: OutcomeCounts,
    parts: Iterable[Part],
    replay: Callable[[], Iterable[Document]],
    spool: ResultSpool | None = None,
    where: Mapping[tuple[str, str], RecordResult] | None = None,
) -> list[Packed] | ResultSpool:
    """Merge parts evaluated elsewhere (in order), then run the rules over held documents.

    Each part's summaries are merged into the index before any held document's
    rule reads them; ``replay`` reads the streamed documents again if a rule
    asks for all of them. With ``spool`` every result goes there, the held
    documents' results located through ``where``, and the spool is returned.
    """
    assert got.streamed is not None
    index = Index(got.documents, replay={got.streamed: replay})
    evaluator = Evaluator(ruleset, index, as_of=as_of, keep=keep, counts=counts, make=pack_verdict)
    streamed: list[Packed] = []
    summaries: dict[str, list[Any]] = {}
    for number, (part_results, part_counts, part_summaries) in enumerate(parts):
        if isinstance(part_results, list):
            if spool is None:
                streamed.extend(part_results)
            else:
                spool.add(part_results, number)
        counts.update(part_counts)
        for key, summary in part_summaries.items():
            summaries.setdefault(key, []).append(summary)
    for key, found in summaries.items():
        merged = found[0]
        for part in found[1:]:
            merged = evaluator.folds[key].merge(merged, part)
        index.seed(key, merged)
    if spool is not None:
        spool.add(locate_results(evaluator.run_held(), dict(where or {})), HELD_PART)
        return spool
    return order([*streamed, *evaluator.run_held()], ruleset)


def evaluate_part(
    documents: Iterable[Document],
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    records: Iterable[RecordResult],
    spool: ResultSpool | None = None,
    part_number: int = 0,
) -> Part:
    """Evaluate a share of the streamed documents against the held ones; return its part.

    With ``spool``, results go there (kept in bounded memory) instead of a list.
    """
    index = Index(documents)
    counts: OutcomeCounts = Counter()
    evaluator = Evaluator(ruleset, index, as_of=as_of, keep=keep, counts=counts, make=pack_verdict)
    results: list[Packed] = []
    for record in records:
        assert record.document is not None
        located = locate_in_record(evaluator.run_subject(record.document), record)
        if spool is None:
            results.extend(located)
        else:
            spool.add(located, part_number)
    return (results if spool is None else spool), counts, index.summaries()


Sealed = tuple[list[str], int, int]
"""A worker's spooled results: its sorted run files, and how many results and findings."""

PackedPart = tuple["list[Packed] | Sealed", OutcomeCounts, dict[str, Any]]
"""What a worker sends back: its packed results (or, keeping every outcome, the runs
it wrote into its caller's spool folder), counts and summaries."""


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
    parts: Sequence[Partition],
    scans: Sequence[Scan | None],
    held: Held,
    settings: Settings,
    spool: ResultSpool | None = None,
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
    number = parts[0].number if parts else 0
    part = evaluate_part(
        held.documents, settings.ruleset, settings.as_of, settings.keep, records, spool, number
    )
    return part, changed


def evaluate_partition(
    part: Partition,
    scan: Scan | None,
    held: Held,
    settings: Settings,
    folder: str | None = None,
) -> tuple[PackedPart, list[str]]:
    """Evaluate one partition's accepted incidents against the shared documents (a task).

    Return its part, its packed results to cross between processes (with
    ``folder``, written there as sorted runs of a spool instead), and its
    source if the partition's bytes changed since the first read (or it can
    no longer be read).
    """
    assert settings.ruleset is not None
    scans: list[Scan | None] = [None] * (part.file + 1)
    scans[part.file] = scan
    spool = None if folder is None else ResultSpool(settings.ruleset, folder=folder)
    (results, counts, summaries), changed = evaluate_partitions(
        [part], scans, held, settings, spool
    )
    if changed:  # its results cannot stand
        return ([], Counter(), {}), changed
    if isinstance(results, ResultSpool):
        return (results.seal(), counts, summaries), changed
    return (results, counts, summaries), changed
