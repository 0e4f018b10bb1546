"""One pass: documents read once through a ledger, for commands that transform them.

``export``, ``mhsds export`` and ``pseudonymise`` write each document as they
read it, so nothing is held: every record is taken through the ledger in
reading order (:meth:`Ledger.take_once`), with the same duplicate rule as
``check`` (first wins, a repeat is counted invalid and reported), and only
accepted documents come out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from rrnkit._run._ledger import Ledger
from rrnkit.convert import NO_MIGRATIONS, Migrations
from rrnkit.io import JsonLimits, ReadLog, RecordResult, iter_records
from rrnkit.problems import Problem

__all__ = ["read_once"]


def read_once(
    paths: Iterable[str | Path],
    ledger: Ledger,
    *,
    structure: bool | Callable[[str], bool] = True,
    limits: JsonLimits | None = None,
    migrations: Migrations = NO_MIGRATIONS,
    stdin: IO[bytes] | None = None,
) -> Iterator[RecordResult]:
    """Yield every accepted record of ``paths`` (built where ``structure`` asks), in order.

    ``ledger`` counts every record (read = valid + invalid), and keeps or hands
    on every problem; path problems and each file's fingerprint go to its log.
    Ctrl-C stops the reading and marks the ledger interrupted.
    """
    records = iter_records(
        paths,
        limits=limits,
        migrations=migrations,
        log=ledger.log,
        stdin=stdin,
        structure=structure,
    )
    try:
        for record in records:
            if record is None:
                ledger.skipped += 1
                continue
            ledger.read += 1
            if ledger.take_once(record):
                yield record
    except KeyboardInterrupt:
        ledger.interrupted = True
    finally:
        records.close()


def one_pass_ledger(on_problem: Callable[[Problem], None] | None = None) -> Ledger:
    """Return a fresh ledger for a one-pass command (problems handed on, if asked)."""
    return Ledger(log=ReadLog(), on_problem=on_problem)
