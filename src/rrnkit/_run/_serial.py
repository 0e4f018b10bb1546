"""The serial executor: the run in this process.

Files are read once through the ledger, holding reference documents and
remembering where each accepted incident is; the incidents are then read
again and evaluated one at a time, so memory stays flat however many there
are. Standard input cannot be read twice, so there (and with
``stream_incidents=False``) everything is held, as one held partition.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from rrnkit._run._build import check_report, validate_report
from rrnkit._run._evaluate import evaluate_held_or_streamed
from rrnkit._run._read import Progress, read_held
from rrnkit.convert import Migrations
from rrnkit.convert._json import JsonLimits
from rrnkit.report import Report
from rrnkit.rules import Outcome, OutcomeCounts, Result, RuleSet

__all__ = ["check_serial", "validate_serial"]


def validate_serial(
    paths: Iterable[str | Path],
    *,
    limits: JsonLimits | None,
    max_problems: int | None,
    migrations: Migrations,
    stdin: IO[bytes] | None,
    progress: Progress | None,
) -> Report:
    """Validate in this process: one read, nothing held."""
    got = read_held(
        paths, keep=False, limits=limits, migrations=migrations, stdin=stdin, progress=progress
    )
    return validate_report(got, max_problems)


def check_serial(
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
    streamed: str | None,
) -> Report:
    """Check in this process: read and take every record, then evaluate and report."""
    got = read_held(
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
            results = evaluate_held_or_streamed(
                got, ruleset, as_of, keep, counts, limits, migrations
            )
        except KeyboardInterrupt:
            got.interrupted = True
    return check_report(got, ruleset, as_of, results, counts, max_problems)
