"""Sharing a run out in partitions: the pieces ``check --jobs`` and the Dask extra run.

The input is split into partitions (each ``.json`` file, and each piece of a
JSON Lines file cut at line starts); every partition is read and validated on
its own (incidents are only validated; reference documents are loaded); one
step then takes the partitions in reading order, exactly as one process reads
the files, so the first-seen document of each id is the same and every later
one is reported as a duplicate; and each partition's accepted incidents are
read again and evaluated against the held reference documents. The parts are
merged into a :class:`~rrnkit.report.Report` equal to :func:`rrnkit.validate`
or :func:`rrnkit.check` on the same paths.

:func:`run_forked` runs these steps on a pool of forked processes (what
``check(jobs=N)`` uses); :mod:`rrnkit.extra.dask` lays the same steps out as a
Dask graph.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import math
import multiprocessing
import os
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, cast

import attrs

from rrnkit.api import (
    _STREAMED,
    _accepted,
    _check_report,
    _Collected,
    _evaluate_part,
    _merge_parts,
    _Part,
    _read_again,
    _report_changed,
    _take,
    _take_streamed,
    _validate_report,
)
from rrnkit.convert import Migrations
from rrnkit.convert._json import JsonLimits
from rrnkit.io._read import (
    _STREAM_SUFFIXES,
    STDIN,
    ReadLog,
    RecordResult,
    _Reader,
    expand_paths,
    iter_records,
    unreadable,
)
from rrnkit.io._seen import DigestTable, has_bit, id_digest, set_bit
from rrnkit.model import Document
from rrnkit.problems import Problem
from rrnkit.report import InputFile, Report
from rrnkit.rules import Outcome, OutcomeCounts, Result, RuleSet, Severity

_CHUNK = 1 << 20

# ------------------------------------------------------------------ what the tasks work on


@attrs.frozen
class _Partition:
    """One task's share of the input: a ``.json`` file, or a piece of a JSON Lines file."""

    number: int
    """Position in the run: partitions are merged in this order, which is reading order."""
    file: int
    """Position of the file among every file read."""
    source: str
    piece: int
    """Which piece of the file (0 for a ``.json`` file)."""
    last: bool
    """Whether it is the file's last piece (always, for a ``.json`` file)."""


@attrs.frozen
class _Scan:
    """A JSON Lines file read once through: its fingerprint and where its pieces start."""

    input: InputFile | None
    """Size and SHA-256 (records are counted by the pieces); None when unreadable."""
    problem: Problem | None
    """Why the file could not be read, if it could not."""
    starts: tuple[tuple[int, int], ...] = ()
    """Each piece's first byte and the number of lines before it (0 until counted, when
    the scan only found where the pieces start: see :func:`_numbered`)."""


@attrs.frozen
class _Settings:
    """What every task needs besides its partition, shared as one Dask value."""

    limits: JsonLimits | None
    migrations: Migrations
    check: bool
    ruleset: RuleSet | None = None
    as_of: dt.date | None = None
    keep: frozenset[Outcome] | None = None
    max_problems: int | None = None


@attrs.frozen
class _ReadPart:
    """What reading one partition found, for the merge to take in reading order."""

    read: int = 0
    skipped: int = 0
    records: int = 0
    """Non-blank lines of a piece (its share of the file's record count)."""
    lines_read: int = 0
    """Lines of a piece, blank ones included (what the next piece's numbers start after)."""
    numbered_from: int = 0
    """The number of lines the piece's numbers were counted on from (see :func:`_collect`)."""
    others: tuple[RecordResult, ...] = ()
    """Invalid records, and (when checking) valid held documents, in line order."""
    lines: array[int] = attrs.Factory(lambda: array("Q"))
    """Lines of valid streamed documents (incidents), in order."""
    digests: array[int] = attrs.Factory(lambda: array("Q"))
    """The 64-bit digest of each one's id, as :func:`rrnkit.api.check` keys them."""
    valid_uncounted: int = 0
    """Valid records kept nowhere (when validating only)."""
    log: ReadLog | None = None
    """Path problems and the fingerprint of a ``.json`` file (a piece's come from its scan)."""
    sha256: str | None = None
    """The SHA-256 of the bytes this partition read, to tell whether a later read matches."""


@attrs.frozen
class _Held:
    """The value every evaluating task shares: reference documents and accepted lines."""

    documents: tuple[Document, ...]
    accepted: tuple[bytearray, ...]
    """A bit per line of each partition: set where a first-seen valid incident is."""
    fingerprints: tuple[str | None, ...]
    """Each partition's SHA-256 as first read."""


# ------------------------------------------------------------------ reading a partition


class _Range:
    """A binary file seen only up to ``length`` bytes from where it stands."""

    def __init__(self, handle: IO[bytes], length: int) -> None:
        self._handle = handle
        self._left = length

    def _room(self, size: int) -> int:
        return self._left if size < 0 else min(size, self._left)

    def read(self, size: int = -1) -> bytes:
        """Read at most ``size`` bytes, never past the end of the range."""
        data = self._handle.read(self._room(size))
        self._left -= len(data)
        return data

    def readline(self, limit: int = -1) -> bytes:
        """Read one line of at most ``limit`` bytes, never past the end of the range."""
        room = self._room(limit)
        if room <= 0:
            return b""
        data = self._handle.readline(room)
        self._left -= len(data)
        return data


def _scan(source: str, cuts: Sequence[int]) -> _Scan:
    """Fingerprint a JSON Lines file and find the line start at or after each cut.

    Pieces therefore never split a line, and each knows its first line's number.
    """
    digest = hashlib.sha256()
    starts = [(0, 0)]
    size = newlines = 0
    pending = iter(cuts)
    cut = next(pending, None)
    try:
        with open(source, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                while cut is not None and cut - 1 < size + len(chunk):
                    at = chunk.find(b"\n", max(cut - 1 - size, 0))
                    if at < 0:
                        break
                    starts.append((size + at + 1, newlines + chunk.count(b"\n", 0, at + 1)))
                    cut = next(pending, None)
                newlines += chunk.count(b"\n")
                size += len(chunk)
    except OSError as exc:
        return _Scan(input=None, problem=unreadable(source, exc))
    while cut is not None:  # cuts past the last line start
        starts.append((size, newlines))
        cut = next(pending, None)
    found = InputFile(path=source, sha256=digest.hexdigest(), size=size, records=0)
    return _Scan(input=found, problem=None, starts=tuple(starts))


def _starts(source: str, cuts: Sequence[int]) -> _Scan:
    """Find the line start at or after each cut, reading only from the cuts on.

    Neither fingerprinted nor counted: every piece is then numbered from 0 as
    it is read, and :func:`_numbered` counts the lines before each from the
    pieces' own counts. Reading the whole file here would be a pass that
    nothing else runs beside.
    """
    starts = [(0, 0)]
    try:
        with open(source, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            for cut in cuts:
                position = cut - 1  # so a line ending just before the cut starts a piece at it
                handle.seek(position)
                while block := handle.read(1 << 16):
                    at = block.find(b"\n")
                    if at >= 0:
                        position += at + 1
                        break
                    position += len(block)
                starts.append((min(position, size), 0))
    except OSError as exc:
        return _Scan(input=None, problem=unreadable(source, exc))
    found = InputFile(path=source, sha256=None, size=size, records=0)
    return _Scan(input=found, problem=None, starts=tuple(starts))


def _numbered(plan: _Plan, scans: list[_Scan | None], reads: list[_ReadPart]) -> list[_Scan | None]:
    """Fill in the lines before each piece from the lines the pieces before it read."""
    before: dict[int, list[tuple[int, int]]] = {}
    lines: Counter[int] = Counter()
    for part, found in zip(plan.parts, reads, strict=True):
        scan = scans[part.file]
        if scan is None or scan.input is None:
            continue
        before.setdefault(part.file, []).append((scan.starts[part.piece][0], lines[part.file]))
        lines[part.file] += found.lines_read
    numbered: list[_Scan | None] = []
    for file, scan in enumerate(scans):
        starts = before.get(file)
        if scan is not None and starts is not None:
            scan = attrs.evolve(scan, starts=tuple(starts))
        numbered.append(scan)
    return numbered


def _fingerprint(source: str) -> str | None:
    """Return a file's SHA-256 (None if it cannot be read: its scan says why)."""
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _piece_records(
    part: _Partition,
    scan: _Scan,
    settings: _Settings,
    structure: bool | Callable[[str], bool],
    wanted: Callable[[int], bool] | None = None,
    finished: list[_Reader] | None = None,
) -> Iterator[RecordResult | None]:
    """Read the records of one piece of a JSON Lines file, numbered as in the whole file.

    ``finished`` receives the reader once the piece is read: its count of
    non-blank lines and the fingerprint of its bytes.
    """
    start, lines_before = scan.starts[part.piece]
    if part.piece + 1 < len(scan.starts):
        length = scan.starts[part.piece + 1][0] - start
    else:
        assert scan.input is not None
        length = scan.input.size - start
    with open(part.source, "rb") as handle:
        handle.seek(start)
        reader = _Reader(
            cast(IO[bytes], _Range(handle, length)),
            part.source,
            settings.limits or JsonLimits(),
            settings.migrations,
            structure,
            wanted,
            trusted=wanted is not None,
            # only a check reads pieces again, comparing their fingerprints
            hashed=settings.check,
        )
        yield from reader.stream(first_number=lines_before)
        if finished is not None:
            finished.append(reader)


def _read_partition(part: _Partition, scan: _Scan | None, settings: _Settings) -> _ReadPart:
    """Read and validate one partition (a task); incidents are validated, not loaded."""
    structure: bool | Callable[[str], bool] = _STREAMED.__ne__ if settings.check else False
    if scan is not None and scan.input is None:
        return _ReadPart()
    log: ReadLog | None = None
    finished: list[_Reader] = []
    if scan is None:  # a .json file, read whole and fingerprinted in the log
        log = ReadLog()
        records: Iterable[RecordResult | None] = iter_records(
            [part.source],
            limits=settings.limits,
            migrations=settings.migrations,
            log=log,
            structure=structure,
        )
    else:
        records = _piece_records(part, scan, settings, structure, finished=finished)
    read = skipped = kept_valid = 0
    others: list[RecordResult] = []
    lines, digests = array("Q"), array("Q")
    try:
        for record in records:
            if record is None:
                skipped += 1
                continue
            read += 1
            if record.problems:
                others.append(record)
            elif not settings.check:
                kept_valid += 1
            elif record.kind == _STREAMED:
                lines.append(record.line)
                digests.append(id_digest(record.ident or ""))
            else:
                others.append(record)
    except OSError as exc:  # the file changed or went away after it was scanned
        log = ReadLog(path_problems=[unreadable(part.source, exc)])
    sha256: str | None = None
    if finished:
        sha256 = finished[0].sha256()
    elif log is not None and log.inputs:
        sha256 = log.inputs[0].sha256
    return _ReadPart(
        read=read,
        skipped=skipped,
        records=sum(reader.records for reader in finished),
        lines_read=sum(reader.lines for reader in finished),
        numbered_from=0 if scan is None else scan.starts[part.piece][1],
        sha256=sha256,
        others=tuple(others),
        lines=lines,
        digests=digests,
        valid_uncounted=kept_valid,
        log=log,
    )


# ------------------------------------------------------------------ merging in reading order


def _collect(
    plan: _Plan, scans: list[_Scan | None], reads: list[_ReadPart], settings: _Settings
) -> tuple[_Collected, tuple[bytearray, ...]]:
    """Take every partition's records in reading order, as one process reads them (a task).

    The first-seen document of each id is therefore the one a single process
    keeps, and every later one is reported as a duplicate of it.
    """
    got = _Collected(
        log=ReadLog(path_problems=list(plan.path_problems)),
        streamed=_STREAMED if settings.check else None,
    )
    accepted = tuple(bytearray() for _ in plan.parts)
    records: Counter[int] = Counter()
    for part, found in zip(plan.parts, reads, strict=True):
        scan = scans[part.file]
        if scan is not None and scan.input is not None:
            found = _shifted(found, scan.starts[part.piece][1] - found.numbered_from)
        _take_part(got, part, found, accepted[part.number], settings.check)
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


def _shifted(found: _ReadPart, by: int) -> _ReadPart:
    """Move a piece's line numbers on ``by`` lines (from counted in the piece, to in the file)."""
    if not by:
        return found
    return attrs.evolve(
        found,
        others=tuple(_moved(record, by) for record in found.others),
        lines=array("Q", [line + by for line in found.lines]),
        numbered_from=found.numbered_from + by,
    )


def _moved(record: RecordResult, by: int) -> RecordResult:
    problems = tuple(
        problem if problem.line is None else attrs.evolve(problem, line=problem.line + by)
        for problem in record.problems
    )
    return attrs.evolve(record, line=record.line + by, problems=problems)


def _take_part(
    got: _Collected, part: _Partition, found: _ReadPart, accepted: bytearray, check: bool
) -> None:
    """Take one partition's records, merging held ones and incidents by line."""
    others = found.others
    at = 0
    for line, digest in zip(found.lines, found.digests, strict=True):
        while at < len(others) and others[at].line < line:
            _take(got, others[at], check)
            at += 1
        if _take_streamed(got, part.source, line, digest):
            set_bit(accepted, line)
    for record in others[at:]:
        _take(got, record, check)
    got.read += found.read
    got.skipped += found.skipped
    got.valid += found.valid_uncounted


def _held(collected: tuple[_Collected, tuple[bytearray, ...]], reads: list[_ReadPart]) -> _Held:
    """Keep only what the evaluating tasks need (a task).

    That is the reference documents, the accepted lines and each partition's
    fingerprint as first read.
    """
    got, accepted = collected
    return _Held(
        documents=tuple(got.documents),
        accepted=accepted,
        fingerprints=_fingerprints_of(reads),
    )


def _fingerprints_of(reads: list[_ReadPart]) -> tuple[str | None, ...]:
    """Return each partition's fingerprint as first read (a task)."""
    return tuple(read.sha256 for read in reads)


# ------------------------------------------------------------------ evaluating


def _accepted_records(
    part: _Partition,
    scan: _Scan | None,
    bits: bytearray,
    settings: _Settings,
    first: str | None,
    changed: list[str],
) -> Iterator[RecordResult]:
    """Read one partition's accepted incidents again, loaded, in reading order.

    They are not validated again: the partition's source is added to
    ``changed`` when its bytes differ from ``first`` (the first read's
    fingerprint) or it can no longer be read.
    """
    if not any(bits):
        return
    if scan is None:  # a .json file, read whole
        limits, migrations = settings.limits, settings.migrations
        yield from _read_again(part.source, bits, _STREAMED, limits, migrations, first, changed)
        return

    def wanted(number: int) -> bool:
        return has_bit(bits, number)

    finished: list[_Reader] = []
    records = _piece_records(part, scan, settings, _STREAMED.__eq__, wanted, finished)
    yield from _accepted(records, _STREAMED, wanted)
    again = finished[0].sha256() if finished else None
    if again is None or again != first:
        changed.append(part.source)


_Packed = tuple[str, str, str, str, str, str, tuple[str, ...], Any, "str | None", "int | None"]
"""A result as plain values, to cross between processes: rule id, outcome, severity,
message, subject kind and id, pointers, evidence, source, line (citations and authority
come from the rule)."""

_PackedPart = tuple[list[_Packed], OutcomeCounts, dict[str, Any]]


def _pack(results: list[Result]) -> list[_Packed]:
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


def _unpack(packed: list[_Packed], ruleset: RuleSet) -> list[Result]:
    """Rebuild the results :func:`_pack` made plain, in order."""
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


def _evaluate_partition(
    part: _Partition, scan: _Scan | None, held: _Held, settings: _Settings
) -> tuple[_PackedPart, list[str]]:
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
    records = _accepted_records(part, scan, bits, settings, first, changed)
    try:
        results, counts, summaries = _evaluate_part(
            held.documents, settings.ruleset, settings.as_of, settings.keep, records
        )
    except OSError:  # gone or unreadable since the first read
        return ([], Counter(), {}), [part.source]
    return (_pack(results), counts, summaries), changed


def _finish(found: list[Any], plan: _Plan, settings: _Settings) -> Report:
    """Build the report from what the tasks found, in the calling process.

    Results cross from the workers once, to here, rather than to one more task.
    """
    if not settings.check:
        return _validate_report(found[0][0], settings.max_problems)
    collected, scanned, worked, fingerprints = found
    files = iter(scanned)
    scans = [None if cuts is None else next(files) for cuts in plan.cuts]
    return _finish_check(collected, worked, plan, scans, settings, fingerprints)


def _finish_check(
    collected: tuple[_Collected, tuple[bytearray, ...]],
    worked: list[tuple[_PackedPart, list[str]]],
    plan: _Plan,
    scans: list[_Scan | None],
    settings: _Settings,
    fingerprints: tuple[str | None, ...],
) -> Report:
    """Merge the evaluated parts, evaluate the reference documents and report.

    ``worked`` holds each partition's part and the files its second read found
    changed; ``fingerprints`` each partition's first-read SHA-256.
    """
    got, accepted = collected
    assert settings.ruleset is not None
    assert settings.as_of is not None
    changed = [source for _, sources in worked for source in sources]
    evaluated: list[_Part] = [
        (_unpack(packed, settings.ruleset), counts, summaries)
        for (packed, counts, summaries), _ in worked
    ]

    def replay() -> Iterator[Document]:
        for part in plan.parts:
            first = fingerprints[part.number]
            for record in _accepted_records(
                part, scans[part.file], accepted[part.number], settings, first, changed
            ):
                assert record.document is not None
                yield record.document

    counts: Counter[Any] = Counter()
    results = _merge_parts(
        got, settings.ruleset, settings.as_of, settings.keep, counts, evaluated, replay
    )
    _report_changed(got, changed)
    return _check_report(
        got, settings.ruleset, settings.as_of, results, counts, settings.max_problems
    )


# ------------------------------------------------------------------ planning


@attrs.frozen
class _Plan:
    """How the input is shared out: problems with the paths, and every partition in order."""

    path_problems: tuple[Problem, ...]
    parts: tuple[_Partition, ...]
    cuts: tuple[tuple[int, ...] | None, ...]
    """For each file, the byte offsets its pieces are cut near (None for a ``.json`` file)."""


def _plan(paths: Iterable[str | Path], partition_size: int, *, pieces: int | None = None) -> _Plan:
    """List the files and cut each JSON Lines file into pieces of about ``partition_size``.

    With ``pieces``, each JSON Lines file is cut into that many pieces instead,
    but none smaller than ``partition_size`` (so small files stay whole).
    """
    if isinstance(partition_size, bool) or not isinstance(partition_size, int):
        raise TypeError("partition_size is a number of bytes")
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1 byte")
    files, problems = expand_paths(paths)
    if STDIN in files:
        raise ValueError("standard input cannot be shared out over Dask: use rrnkit.validate")
    parts: list[_Partition] = []
    cuts: list[tuple[int, ...] | None] = []
    for number, source in enumerate(files):
        if Path(source).suffix.lower() not in _STREAM_SUFFIXES:
            cuts.append(None)
            parts.append(_Partition(len(parts), number, source, 0, last=True))
            continue
        try:
            size = os.stat(source).st_size
        except OSError:
            size = 0  # the scan reports why
        count = max(1, math.ceil(size / partition_size))
        step = partition_size
        if pieces is not None:
            count = min(count, pieces)
            step = math.ceil(size / count)
        cuts.append(tuple(step * k for k in range(1, count)))
        for piece in range(count):
            parts.append(_Partition(len(parts), number, source, piece, piece + 1 == count))
    return _Plan(path_problems=tuple(problems), parts=tuple(parts), cuts=tuple(cuts))


def _scan_file(
    plan: _Plan, file: int, scan: Callable[[str, Sequence[int]], _Scan] = _scan
) -> _Scan:
    """Scan one JSON Lines file of the plan (a task); see :func:`_scan` and :func:`_starts`."""
    cuts = plan.cuts[file]
    assert cuts is not None
    source = next(part.source for part in plan.parts if part.file == file)
    return scan(source, cuts)


# ------------------------------------------------------------------ running on forked processes

_FORKED: tuple[Any, ...] = ()
"""What forked workers need, set just before each fork (workers inherit it, unpickled)."""


def _read_forked(number: int) -> _ReadPart:
    """Read and validate one partition in a forked worker."""
    plan, scans, settings = _FORKED
    part = plan.parts[number]
    return _read_partition(part, scans[part.file], settings)


def _evaluate_forked(number: int) -> tuple[_PackedPart, list[str]]:
    """Evaluate one partition in a forked worker; return its part and any changed file."""
    plan, scans, held, settings = _FORKED
    part = plan.parts[number]
    return _evaluate_partition(part, scans[part.file], held, settings)


_SMALLEST_PIECE = 1 << 20
"""A JSON Lines file is shared out between forked workers only in pieces this large."""


def run_forked(
    paths: Iterable[str | Path],
    settings: _Settings,
    jobs: int,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Run a validation or check over ``jobs`` forked processes; return what one process gives.

    Each JSON Lines file is cut into about ``jobs`` pieces. Files are
    fingerprinted while the pieces are read; reference documents reach the
    evaluating workers by the fork, never pickled, and each worker freezes what
    it inherits out of its garbage collector's sight (so collections neither walk
    nor copy the parent's objects). The caller checks that the platform can
    fork and that standard input is not among the paths.
    ``progress`` hears the number of records read once the first pass is done.
    """
    global _FORKED
    plan = _plan(paths, _SMALLEST_PIECE, pieces=jobs)
    scans: list[_Scan | None] = [
        None if cuts is None else _scan_file(plan, file, _starts)
        for file, cuts in enumerate(plan.cuts)
    ]
    context = multiprocessing.get_context("fork")
    _FORKED = (plan, scans, settings)
    try:
        with context.Pool(jobs, initializer=gc.freeze) as pool:
            pending = pool.map_async(_read_forked, range(len(plan.parts)), chunksize=1)
            # this process would only wait: it fingerprints the files meanwhile
            for file, scan in enumerate(scans):
                if scan is not None and scan.input is not None:
                    sha256 = _fingerprint(scan.input.path)
                    scans[file] = attrs.evolve(scan, input=attrs.evolve(scan.input, sha256=sha256))
            reads: list[_ReadPart] = pending.get()
    finally:
        _FORKED = ()
    scans = _numbered(plan, scans, reads)
    collected = _collect(plan, scans, reads, settings)
    got, _ = collected
    if progress is not None:
        progress(got.read)
    if not settings.check:
        return _validate_report(got, settings.max_problems)
    held = _held(collected, reads)
    _FORKED = (plan, scans, held, settings)
    try:
        with context.Pool(jobs, initializer=gc.freeze) as pool:
            worked = pool.map(_evaluate_forked, range(len(plan.parts)), chunksize=1)
    finally:
        _FORKED = ()
    return _finish_check(collected, worked, plan, scans, settings, held.fingerprints)
