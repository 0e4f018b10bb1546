"""What the command line runs, as two library calls: :func:`validate` and :func:`check`.

Both read files, folders or standard input, never raise for bad input, and
return a :class:`~rrnkit.report.Report`; care software embeds exactly what
``rrnkit validate`` and ``rrnkit check`` do.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from rrnkit.convert import NO_MIGRATIONS, Migrations
from rrnkit.convert._json import JsonLimits, locate_all
from rrnkit.io._read import STDIN, ReadLog, RecordResult, iter_records
from rrnkit.io._seen import DigestTable, duplicate_id, has_bit, id_digest, set_bit
from rrnkit.model import Document
from rrnkit.problems import Problem
from rrnkit.report import UNMET, Report, count_fields, summarise
from rrnkit.rules import Index, Outcome, OutcomeCounts, Result, RuleSet
from rrnkit.rules._ruleset import Evaluator

Progress = Callable[[int], None]
"""Called with the number of records read so far (about every thousand)."""

_PROGRESS_EVERY = 1000
_STREAMED = "incident"
"""The kind ``check`` streams (reads twice) rather than holds: there can be millions."""
FINDINGS = frozenset({Outcome.NOT_MET, Outcome.ERROR, Outcome.INSUFFICIENT_EVIDENCE})
"""Outcomes ``outcomes="findings"`` keeps: those a reader has to act on."""


@attrs.define
class _Collected:
    """Everything reading produced, in reading order."""

    log: ReadLog
    read: int = 0
    valid: int = 0
    skipped: int = 0
    problems: list[Problem] = attrs.Factory(list)
    documents: list[Document] = attrs.Factory(list)
    where: dict[tuple[str, str], RecordResult] = attrs.Factory(dict)
    interrupted: bool = False
    streamed: str | None = None
    """The kind read twice instead of held (incidents), or None to hold everything."""
    first_seen: DigestTable = attrs.Factory(lambda: DigestTable())
    """Where each streamed document was first read (source number << 32 | line), by a
    64-bit digest of its id: 16 to 40 bytes a document."""
    accepted: dict[str, bytearray] = attrs.Factory(dict)
    """A bit per line of each source: set where a valid, first-seen streamed document is."""
    sources: list[str] = attrs.Factory(list)


def _read(
    paths: Iterable[str | Path],
    *,
    keep: bool,
    limits: JsonLimits | None,
    migrations: Migrations,
    stdin: IO[bytes] | None,
    progress: Progress | None,
    streamed: str | None = None,
) -> _Collected:
    got = _Collected(log=ReadLog(), streamed=streamed)
    structure: bool | Callable[[str], bool] = keep
    if keep and streamed is not None:
        structure = streamed.__ne__  # the streamed kind is structured on the second pass
    records = iter_records(
        paths, limits=limits, migrations=migrations, log=got.log, stdin=stdin, structure=structure
    )
    try:
        for record in records:
            if record is None:
                got.skipped += 1
                continue
            got.read += 1
            _take(got, record, keep)
            if progress is not None and got.read % _PROGRESS_EVERY == 0:
                progress(got.read)
    except KeyboardInterrupt:
        got.interrupted = True
    finally:
        records.close()  # logs the file being read when the run stopped
    return got


def _take(got: _Collected, record: RecordResult, keep: bool) -> None:
    """Count one record as valid or invalid, keeping its document or its problems."""
    if record.problems:
        got.problems.extend(record.problems)
        return
    if keep and got.streamed is not None and record.kind == got.streamed:
        _take_streamed(got, record.source, record.line, id_digest(record.ident or ""))
        return
    document = record.document
    if keep and document is not None:
        key = (document.kind, document.id)
        first = got.where.get(key)
        if first is not None:
            got.problems.append(duplicate_id(record.source, record.line, first.source, first.line))
            return
        got.where[key] = attrs.evolve(record, document=None)
        got.documents.append(document)
    got.valid += 1


def _take_streamed(got: _Collected, source: str, line: int, digest: int) -> bool:
    """Count a valid streamed document, unless a document with its id was read before.

    ``digest`` is :func:`~rrnkit.io._seen.id_digest` of its id. Return whether it was
    accepted (first seen).
    """
    seen = got.first_seen.get(digest)
    if seen is not None:
        got.problems.append(duplicate_id(source, line, got.sources[seen >> 32], seen & 0xFFFFFFFF))
        return False
    bits = got.accepted.get(source)
    if bits is None:
        bits = got.accepted[source] = bytearray()
        got.sources.append(source)
    got.first_seen[digest] = (len(got.sources) - 1) << 32 | line
    set_bit(bits, line)
    got.valid += 1
    return True


def _streamed_records(
    got: _Collected,
    limits: JsonLimits | None,
    migrations: Migrations,
    changed: list[str],
) -> Iterator[RecordResult]:
    """Read the accepted streamed documents again, in reading order (see :func:`_read_again`)."""
    kind = got.streamed
    assert kind is not None
    first = {read.path: read.sha256 for read in got.log.inputs}
    for source, lines in got.accepted.items():
        yield from _read_again(source, lines, kind, limits, migrations, first.get(source), changed)


def _read_again(
    source: str,
    lines: bytearray,
    kind: str,
    limits: JsonLimits | None,
    migrations: Migrations,
    first: str | None,
    changed: list[str],
) -> Iterator[RecordResult]:
    """Read the documents of ``kind`` on the accepted ``lines`` of a file again, built.

    They were validated on the first read, so they are only parsed and built
    now; the file is added to ``changed`` when its SHA-256 differs from
    ``first`` (the first read's) or it can no longer be read.
    """

    def wanted(number: int) -> bool:
        return has_bit(lines, number)

    log = ReadLog()
    records = iter_records(
        [source],
        limits=limits,
        migrations=migrations,
        log=log,
        structure=kind.__eq__,
        wanted=wanted,
        trusted=True,
    )
    yield from _accepted(records, kind, wanted)
    again = log.inputs[0].sha256 if log.inputs and not log.path_problems else None
    if again is None or again != first:
        changed.append(source)


def _report_changed(got: _Collected, changed: Iterable[str]) -> None:
    """Report the files that changed between the two passes: their results are unreliable."""
    for source in dict.fromkeys(changed):
        message = "changed while it was being checked; check it again"
        got.log.path_problems.append(Problem(code="path.changed", message=message, source=source))


def _accepted(
    records: Iterable[RecordResult | None], kind: str, wanted: Callable[[int], bool]
) -> Iterator[RecordResult]:
    """Keep the structured documents of ``kind`` on the wanted lines, in reading order."""
    for record in records:
        if (
            record is not None
            and record.kind == kind
            and record.document is not None
            and wanted(record.line)  # also for .json files, which are read whole
        ):
            yield record


def _locate_in_record(results: list[Result], record: RecordResult) -> list[Result]:
    """Give a streamed document's findings their file and line."""
    located = []
    for result in results:
        if result.outcome not in UNMET:
            located.append(result)
            continue
        line = record.line
        if record.text is not None and result.pointers:
            try:
                line = locate_all(record.text, result.pointers[:1])[result.pointers[0]][0]
            except ValueError:
                line = record.line
        located.append(attrs.evolve(result, source=record.source, line=line))
    return located


def _cap(
    problems: list[Problem], findings: list[Result], max_problems: int | None
) -> tuple[list[Problem], set[int], int]:
    """Keep at most ``max_problems`` problems and findings; return what is kept and left out."""
    total = len(problems) + len(findings)
    if max_problems is None or total <= max_problems:
        return problems, set(range(len(findings))), 0
    kept_problems = problems[:max_problems]
    room = max(0, max_problems - len(kept_problems))
    return kept_problems, set(range(room)), total - len(kept_problems) - room


def _locate_findings(
    results: list[Result], where: dict[tuple[str, str], RecordResult]
) -> list[Result]:
    """Give each finding the file and line of its evidence (its first pointer).

    Each ``.json`` record's text is walked once for all of its findings.
    """
    wanted: dict[tuple[str, str], set[str]] = {}
    for result in results:
        if result.outcome in UNMET and result.pointers:
            wanted.setdefault((result.subject_kind, result.subject_id), set()).add(
                result.pointers[0]
            )
    places: dict[tuple[str, str], dict[str, tuple[int, int]]] = {}
    for key, pointers in wanted.items():
        record = where.get(key)
        if record is not None and record.text is not None:
            try:
                places[key] = locate_all(record.text, pointers)
            except ValueError:
                places[key] = {}
    located = []
    for result in results:
        key = (result.subject_kind, result.subject_id)
        record = where.get(key)
        if result.outcome not in UNMET or record is None:
            located.append(result)
            continue
        place = places.get(key, {}).get(result.pointers[0]) if result.pointers else None
        line = place[0] if place is not None else record.line
        located.append(attrs.evolve(result, source=record.source, line=line))
    return located


def _evaluate(
    got: _Collected,
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
        records = _streamed_records(got, limits, migrations, changed)
        return (r.document for r in records if r.document)

    index = Index(got.documents, replay={kind: replay})
    evaluator = Evaluator(ruleset, index, as_of=as_of, keep=keep, counts=counts)
    streamed: list[Result] = []
    for record in _streamed_records(got, limits, migrations, changed):
        assert record.document is not None
        streamed.extend(_locate_in_record(evaluator.run_subject(record.document), record))
    results = evaluator.order([*streamed, *evaluator.run_held()])
    _report_changed(got, changed)
    return results


_Part = tuple[list[Result], OutcomeCounts, dict[str, Any]]
"""What evaluating a share of the streamed documents gives: kept results, counts, summaries."""


def _merge_parts(
    got: _Collected,
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    counts: OutcomeCounts,
    parts: Iterable[_Part],
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


def _evaluate_part(
    documents: Iterable[Document],
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    records: Iterable[RecordResult],
) -> _Part:
    """Evaluate a share of the streamed documents against the held ones; return its part."""
    index = Index(documents)
    counts: OutcomeCounts = Counter()
    evaluator = Evaluator(ruleset, index, as_of=as_of, keep=keep, counts=counts)
    results: list[Result] = []
    for record in records:
        assert record.document is not None
        results.extend(_locate_in_record(evaluator.run_subject(record.document), record))
    return results, counts, index.summaries()


def validate(
    paths: Iterable[str | Path],
    *,
    limits: JsonLimits | None = None,
    max_problems: int | None = None,
    migrations: Migrations = NO_MIGRATIONS,
    stdin: IO[bytes] | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> Report:
    """Validate every document under ``paths`` (``"-"`` is standard input).

    Returns a report with every problem located by file, line and JSON Pointer;
    ``report.exit_code()`` is what ``rrnkit validate`` exits with. With ``jobs``
    above 1, files are shared out in pieces over that many processes where the
    platform can fork (same report; standard input is read in one).
    """
    paths = list(paths)
    if _can_fork(paths, stdin, jobs):
        return _forked(
            paths,
            jobs,
            progress,
            lambda got: _validate_report(got, max_problems),
            limits=limits,
            migrations=migrations,
            check=False,
            max_problems=max_problems,
        )
    got = _read(
        paths, keep=False, limits=limits, migrations=migrations, stdin=stdin, progress=progress
    )
    return _validate_report(got, max_problems)


def _reading_fields(got: _Collected) -> dict[str, Any]:
    """Return the report fields every command fills from reading: inputs and exact counts."""
    return {
        "inputs": tuple(got.log.inputs),
        "read": got.read,
        "valid": got.valid,
        "invalid": got.read - got.valid,
        "skipped": got.skipped,
        "path_problems": tuple(got.log.path_problems),
    }


def _validate_report(got: _Collected, max_problems: int | None) -> Report:
    """Build the report of a validation run from what reading collected."""
    problems, _, not_shown = _cap(got.problems, [], max_problems)
    return Report(
        command="validate",
        **_reading_fields(got),
        problems=tuple(problems),
        partial=not_shown > 0,
        not_shown=not_shown,
        interrupted=got.interrupted,
    )


def _check_arguments(
    as_of: dt.date, ruleset: RuleSet | None, outcomes: str
) -> tuple[RuleSet, frozenset[Outcome] | None]:
    """Refuse a bad ``as_of`` or ``outcomes``; return the rule set and the outcomes to keep."""
    if outcomes not in ("all", "findings"):
        raise ValueError("outcomes is 'all' or 'findings'")
    if not isinstance(as_of, dt.date):
        raise TypeError("as_of must be a date: rules never read the clock")
    if ruleset is None:
        from rrnkit.rules.packs import ALL_PACKS

        ruleset = ALL_PACKS
    return ruleset, None if outcomes == "all" else FINDINGS


def check(
    paths: Iterable[str | Path],
    *,
    as_of: dt.date,
    ruleset: RuleSet | None = None,
    limits: JsonLimits | None = None,
    max_problems: int | None = None,
    migrations: Migrations = NO_MIGRATIONS,
    stdin: IO[bytes] | None = None,
    progress: Progress | None = None,
    outcomes: str = "all",
    stream_incidents: bool = True,
    jobs: int = 1,
) -> Report:
    """Validate every document under ``paths``, then evaluate rules over the valid ones.

    ``ruleset`` defaults to every shipped pack. ``as_of`` is required: rules
    never read the clock. ``outcomes="findings"`` keeps only results that need
    attention (not met, insufficient evidence, rule errors) while still counting
    every outcome, which large runs need. Incidents in files are read a second
    time rather than held (``stream_incidents=False`` holds them: same report,
    more memory); the second read does not validate them again, and a file
    whose SHA-256 changed in between gets a ``path.changed`` problem. With
    ``jobs`` above 1, files are shared out in pieces over that many forked
    processes where the platform can fork (same report; progress is heard once
    reading is done); ``jobs`` below 1 raises ValueError. Returns what
    ``rrnkit check`` prints.
    """
    ruleset, keep = _check_arguments(as_of, ruleset, outcomes)
    paths = list(paths)
    forkable = _can_fork(paths, stdin, jobs)
    # Incidents are read twice rather than held, so memory stays flat however
    # many there are; standard input cannot be read twice, so there they are held.
    streamed = None if stdin is not None or any(str(p) == STDIN for p in paths) else _STREAMED
    if not stream_incidents:
        streamed = None
    if streamed is not None and forkable:

        def interrupted(got: _Collected) -> Report:
            return _check_report(got, ruleset, as_of, [], Counter(), max_problems)

        return _forked(
            paths,
            jobs,
            progress,
            interrupted,
            limits=limits,
            migrations=migrations,
            check=True,
            ruleset=ruleset,
            as_of=as_of,
            keep=keep,
            max_problems=max_problems,
        )
    got = _read(
        paths,
        keep=True,
        limits=limits,
        migrations=migrations,
        stdin=stdin,
        progress=progress,
        streamed=streamed,
    )
    results: list[Result] = []
    counts: OutcomeCounts = Counter()
    if not got.interrupted:
        try:
            results = _evaluate(got, ruleset, as_of, keep, counts, limits, migrations)
        except KeyboardInterrupt:
            got.interrupted = True
    return _check_report(got, ruleset, as_of, results, counts, max_problems)


def _can_fork(paths: list[str | Path], stdin: IO[bytes] | None, jobs: int) -> bool:
    """Tell whether a run can be shared out over ``jobs`` forked processes."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    return (
        jobs > 1
        and stdin is None
        and all(str(p) != STDIN for p in paths)
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _forked(
    paths: list[str | Path],
    jobs: int,
    progress: Progress | None,
    interrupted: Callable[[_Collected], Report],
    **settings: Any,
) -> Report:
    """Run over ``jobs`` forked processes (see :mod:`rrnkit._partitions`).

    Ctrl-C stops the workers; nothing is half-merged, so the report built by
    ``interrupted`` says the run was interrupted before anything was counted.
    """
    from rrnkit._partitions import _Settings, run_forked

    try:
        return run_forked(paths, _Settings(**settings), jobs, progress)
    except KeyboardInterrupt:
        return interrupted(_Collected(log=ReadLog(), interrupted=True))


def _check_report(
    got: _Collected,
    ruleset: RuleSet,
    as_of: dt.date,
    results: list[Result],
    counts: OutcomeCounts,
    max_problems: int | None,
) -> Report:
    """Build the report of a check run: counts exact, lists capped at ``max_problems``."""
    findings = [i for i, r in enumerate(results) if r.outcome in UNMET]
    problems, kept, not_shown = _cap(got.problems, [results[i] for i in findings], max_problems)
    dropped = {index for n, index in enumerate(findings) if n not in kept}
    shown = _locate_findings([r for i, r in enumerate(results) if i not in dropped], got.where)
    return Report(
        command="check",
        as_of=as_of,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        parameters={r.id: ruleset.params_of(r) for r in ruleset.rules},
        rules=summarise(ruleset),
        **_reading_fields(got),
        problems=tuple(problems),
        results=tuple(shown),
        **count_fields(counts),
        partial=not_shown > 0,
        not_shown=not_shown,
        interrupted=got.interrupted,
    )


__all__ = ["STDIN", "Progress", "check", "validate"]
