"""The serial executor: the pipeline's stages run in this process.

It is the fork-pool run with one worker and no pieces: each file is one
partition, read and validated in turn (reference documents built, incidents
only validated), taken through the ledger in reading order, then the accepted
incidents of every partition are read again and evaluated with one evaluator,
so memory stays flat however many there are. Standard input cannot be read
twice, so there (and with ``stream_incidents=False``) everything is held, as
one held partition.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import attrs

from rrnkit._run._build import check_report, finish_check, validate_report
from rrnkit._run._collect import Held, collect, hold
from rrnkit._run._evaluate import Part, accepted_in, evaluate_held, evaluate_partitions
from rrnkit._run._ledger import Ledger
from rrnkit._run._packed import Packed
from rrnkit._run._plan import Plan, Scan, cut_at_line_starts, make_plan, scan_file
from rrnkit._run._read import Progress, ReadPart, Settings, read_held, read_partition
from rrnkit._run._spool import ResultSpool
from rrnkit.convert import Migrations
from rrnkit.io import JsonLimits, RecordResult
from rrnkit.report import Report
from rrnkit.rules import Outcome, OutcomeCounts, RuleSet

__all__ = ["FirstPass", "check_held", "first_pass", "run_serial", "validate_held"]

_WHOLE = 1 << 62
"""A partition size no file reaches: every file is read whole, as one partition."""


def _read_all(
    plan: Plan, scans: list[Scan | None], settings: Settings, progress: Progress | None
) -> tuple[list[ReadPart], bool]:
    """Read every partition in turn; stop at Ctrl-C, keeping what was read before it."""
    reads: list[ReadPart] = []
    done = 0

    def heard(count: int) -> None:
        assert progress is not None
        progress(done + count)

    for part in plan.parts:
        found = read_partition(part, scans[part.file], settings, heard if progress else None)
        reads.append(found)
        done += found.read
        if found.interrupted:
            return reads, True
    return reads, False


def _fingerprinted(
    scans: list[Scan | None], plan: Plan, reads: list[ReadPart]
) -> list[Scan | None]:
    """Give each file read whole the fingerprint its one partition took of it."""
    found = list(scans)
    for part, read in zip(plan.parts, reads, strict=False):
        scan = found[part.file]
        if scan is not None and scan.input is not None and read.sha256 is not None:
            found[part.file] = attrs.evolve(
                scan, input=attrs.evolve(scan.input, sha256=read.sha256)
            )
    return found


@attrs.frozen
class FirstPass:
    """What the first read of every file in this process found (plan, read, collect)."""

    plan: Plan
    """The partitions read (all of them, unless Ctrl-C stopped the reading)."""
    scans: list[Scan | None]
    reads: list[ReadPart]
    collected: tuple[Ledger, tuple[bytearray, ...]]
    settings: Settings

    @property
    def ledger(self) -> Ledger:
        """What the run has seen: counts, problems, held documents, accepted lines."""
        return self.collected[0]

    def hold(self) -> Held:
        """Return what the second pass reads against: held documents and accepted lines."""
        return hold(self.collected, self.reads)

    def accepted(self, held: Held, changed: list[str]) -> Iterator[RecordResult]:
        """Read the accepted streamed documents again, built, in reading order."""
        return accepted_in(self.plan.parts, self.scans, held, self.settings, changed)


def first_pass(
    paths: Iterable[str | Path], settings: Settings, progress: Progress | None = None
) -> FirstPass:
    """Plan every file as one partition, read each in turn and take them through the ledger."""
    plan = make_plan(paths, _WHOLE, pieces=1)
    scans: list[Scan | None] = [
        None if cuts is None else scan_file(plan, file, cut_at_line_starts)
        for file, cuts in enumerate(plan.cuts)
    ]
    reads, interrupted = _read_all(plan, scans, settings, progress)
    read_plan = attrs.evolve(plan, parts=plan.parts[: len(reads)])
    scans = _fingerprinted(scans, read_plan, reads)
    collected = collect(read_plan, scans, reads, settings)
    collected[0].interrupted = interrupted
    return FirstPass(read_plan, scans, reads, collected, settings)


def _nothing_judged(got: Ledger, settings: Settings) -> Report:
    """Report a check stopped by Ctrl-C before its results could stand: counts of reading only."""
    assert settings.ruleset is not None
    assert settings.as_of is not None
    return check_report(got, settings.ruleset, settings.as_of, [], Counter(), settings.max_problems)


def run_serial(
    paths: Iterable[str | Path], settings: Settings, progress: Progress | None
) -> Report:
    """Validate or check files in this process, stage by stage; return the report."""
    found = first_pass(paths, settings, progress)
    got = found.ledger
    if not settings.check:
        return validate_report(got, settings.max_problems)
    assert settings.ruleset is not None
    assert settings.as_of is not None
    if got.interrupted:
        return _nothing_judged(got, settings)
    held = found.hold()
    # every outcome kept: in a spool, in bounded memory, whatever the number of records
    spool = ResultSpool(settings.ruleset) if settings.keep is None else None
    try:
        part, changed = evaluate_partitions(found.plan.parts, found.scans, held, settings, spool)
    except KeyboardInterrupt:
        got.interrupted = True
        return _nothing_judged(got, settings)
    evaluated: list[Part] = [part]
    return finish_check(
        found.collected, evaluated, changed, found.plan, found.scans, settings, held.fingerprints
    )


def validate_held(
    paths: Iterable[str | Path],
    *,
    limits: JsonLimits | None,
    max_problems: int | None,
    migrations: Migrations,
    stdin: IO[bytes] | None,
    progress: Progress | None,
) -> Report:
    """Validate standard input (with any files beside it) in one held partition."""
    got = read_held(
        paths, keep=False, limits=limits, migrations=migrations, stdin=stdin, progress=progress
    )
    return validate_report(got, max_problems)


def check_held(
    paths: Iterable[str | Path],
    *,
    ruleset: RuleSet,
    as_of: dt.date,
    keep: frozenset[Outcome] | None,
    limits: JsonLimits | None,
    max_problems: int | None,
    migrations: Migrations,
    stdin: IO[bytes] | None,
    progress: Progress | None,
) -> Report:
    """Check with every document held: one held partition (standard input, or by request)."""
    got = read_held(
        paths, keep=True, limits=limits, migrations=migrations, stdin=stdin, progress=progress
    )
    results: list[Packed] = []
    counts: OutcomeCounts = Counter()
    if not got.interrupted:
        try:
            results = evaluate_held(got, ruleset, as_of, keep, counts)
        except KeyboardInterrupt:
            got.interrupted = True
    return check_report(got, ruleset, as_of, results, counts, max_problems)
