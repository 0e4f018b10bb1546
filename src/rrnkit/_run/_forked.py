"""The fork-pool executor: the same stages, each partition a task on a forked worker."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from rrnkit._run._build import finish_check, unpack_worked, validate_report
from rrnkit._run._collect import collect, hold
from rrnkit._run._evaluate import PackedPart, evaluate_partition
from rrnkit._run._ledger import Ledger
from rrnkit._run._plan import Scan, cut_at_line_starts, fingerprint, make_plan, scan_file
from rrnkit._run._read import Progress, ReadPart, Settings, numbered, read_partition
from rrnkit._run._spool import ResultSpool
from rrnkit.io import STDIN, ReadLog
from rrnkit.report import Report

_FORKED: tuple[Any, ...] = ()
"""What forked workers need, set just before each fork (workers inherit it, unpickled)."""


def _read_forked(number: int) -> ReadPart:
    """Read and validate one partition in a forked worker."""
    plan, scans, settings = _FORKED
    part = plan.parts[number]
    return read_partition(part, scans[part.file], settings)


def _evaluate_forked(number: int) -> tuple[PackedPart, list[str]]:
    """Evaluate one partition in a forked worker; return its part and any changed file."""
    plan, scans, held, settings, folder = _FORKED
    part = plan.parts[number]
    return evaluate_partition(part, scans[part.file], held, settings, folder)


SMALLEST_PIECE = 1 << 20
"""A JSON Lines file is shared out between forked workers only in pieces this large."""


def run_forked(
    paths: Iterable[str | Path],
    settings: Settings,
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
    plan = make_plan(paths, SMALLEST_PIECE, pieces=jobs)
    scans: list[Scan | None] = [
        None if cuts is None else scan_file(plan, file, cut_at_line_starts)
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
                    sha256 = fingerprint(scan.input.path)
                    scans[file] = attrs.evolve(scan, input=attrs.evolve(scan.input, sha256=sha256))
            reads: list[ReadPart] = pending.get()
    finally:
        _FORKED = ()
    scans = numbered(plan, scans, reads)
    collected = collect(plan, scans, reads, settings)
    got, _ = collected
    if progress is not None:
        progress(got.read)
    if not settings.check:
        return validate_report(got, settings.max_problems)
    held = hold(collected, reads)
    # every outcome kept: workers write sorted runs into this spool's folder
    assert settings.ruleset is not None
    spool = ResultSpool(settings.ruleset) if settings.keep is None else None
    _FORKED = (plan, scans, held, settings, None if spool is None else spool.folder())
    try:
        with context.Pool(jobs, initializer=gc.freeze) as pool:
            worked = pool.map(_evaluate_forked, range(len(plan.parts)), chunksize=1)
    finally:
        _FORKED = ()
    evaluated, changed = unpack_worked(worked, settings, spool)
    return finish_check(collected, evaluated, changed, plan, scans, settings, held.fingerprints)


def can_fork(paths: Sequence[str | Path], stdin: IO[bytes] | None, jobs: int) -> bool:
    """Tell whether a run can be shared out over ``jobs`` forked processes."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    return (
        jobs > 1
        and stdin is None
        and all(str(p) != STDIN for p in paths)
        and "fork" in multiprocessing.get_all_start_methods()
    )


def forked(
    paths: Sequence[str | Path],
    jobs: int,
    progress: Progress | None,
    interrupted: Callable[[Ledger], Report],
    **settings: Any,
) -> Report:
    """Run over ``jobs`` forked processes (see :func:`run_forked`).

    Ctrl-C stops the workers; nothing is half-merged, so the report built by
    ``interrupted`` says the run was interrupted before anything was counted.
    """
    try:
        return run_forked(paths, Settings(**settings), jobs, progress)
    except KeyboardInterrupt:
        return interrupted(Ledger(log=ReadLog(), interrupted=True))
