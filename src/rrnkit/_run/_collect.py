"""Collect: every partition taken through the ledger in reading order.

The first-seen document of each id is therefore the one a single process keeps,
and every later one is reported as a duplicate of it, however the run was shared out.
"""

from __future__ import annotations

from array import array
from collections import Counter

import attrs

from rrnkit._internal.digests import DigestTable, set_bit
from rrnkit._run._ledger import Ledger
from rrnkit._run._plan import Partition, Plan, Scan
from rrnkit._run._read import STREAMED, ReadPart, Settings
from rrnkit.io import ReadLog, RecordResult
from rrnkit.model import Document


def collect(
    plan: Plan, scans: list[Scan | None], reads: list[ReadPart], settings: Settings
) -> tuple[Ledger, tuple[bytearray, ...]]:
    """Take every partition's records in reading order, as one process reads them (a task).

    The first-seen document of each id is therefore the one a single process
    keeps, and every later one is reported as a duplicate of it.
    """
    got = Ledger(
        log=ReadLog(path_problems=list(plan.path_problems)),
        streamed=STREAMED if settings.check else None,
    )
    accepted = tuple(bytearray() for _ in plan.parts)
    records: Counter[int] = Counter()
    for part, found in zip(plan.parts, reads, strict=True):
        scan = scans[part.file]
        if scan is not None and scan.input is not None:
            found = shifted(found, scan.starts[part.piece][1] - found.numbered_from)
        take_part(got, part, found, accepted[part.number])
        records[part.file] += found.records
        if scan is not None and scan.problem is not None and part.piece == 0:
            got.log.path_problems.append(scan.problem)
        if found.log is not None:  # a .json file's, or a piece's that failed after its scan
            got.log.path_problems.extend(found.log.path_problems)
            got.log.inputs.extend(found.log.inputs)
        if scan is not None and scan.input is not None and part.last:
            got.log.inputs.append(attrs.evolve(scan.input, records=records[part.file]))
    got.first_seen = DigestTable()  # no longer needed: keep the value shipped on small
    return got, accepted


def shifted(found: ReadPart, by: int) -> ReadPart:
    """Move a piece's line numbers on ``by`` lines (from counted in the piece, to in the file)."""
    if not by:
        return found
    return attrs.evolve(
        found,
        others=tuple(moved(record, by) for record in found.others),
        lines=array("Q", [line + by for line in found.lines]),
        numbered_from=found.numbered_from + by,
    )


def moved(record: RecordResult, by: int) -> RecordResult:
    problems = tuple(
        problem if problem.line is None else attrs.evolve(problem, line=problem.line + by)
        for problem in record.problems
    )
    return attrs.evolve(record, line=record.line + by, problems=problems)


def take_part(got: Ledger, part: Partition, found: ReadPart, accepted: bytearray) -> None:
    """Take one partition's records, merging held ones and the digested ones by line."""
    others = found.others
    at = 0
    for line, digest in zip(found.lines, found.digests, strict=True):
        while at < len(others) and others[at].line < line:
            got.take(others[at])
            at += 1
        if got.take_streamed(part.source, line, digest):
            set_bit(accepted, line)
    for record in others[at:]:
        got.take(record)
    got.read += found.read
    got.skipped += found.skipped
    got.pseudonymised += found.pseudonymised


@attrs.frozen
class Held:
    """The value every evaluating task shares: reference documents and accepted lines."""

    documents: tuple[Document, ...]
    accepted: tuple[bytearray, ...]
    """A bit per line of each partition: set where a first-seen valid incident is."""
    fingerprints: tuple[str | None, ...]
    """Each partition's SHA-256 as first read."""


def hold(collected: tuple[Ledger, tuple[bytearray, ...]], reads: list[ReadPart]) -> Held:
    """Keep only what the evaluating tasks need (a task).

    That is the reference documents, the accepted lines and each partition's
    fingerprint as first read.
    """
    got, accepted = collected
    return Held(
        documents=tuple(got.documents),
        accepted=accepted,
        fingerprints=fingerprints_of(reads),
    )


def fingerprints_of(reads: list[ReadPart]) -> tuple[str | None, ...]:
    """Return each partition's fingerprint as first read (a task)."""
    return tuple(read.sha256 for read in reads)
