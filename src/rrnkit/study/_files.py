"""Measures straight from files and folders, reading incidents twice instead of holding them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from rrnkit.io import STDIN, JsonLimits, ReadLog, iter_records
from rrnkit.io._seen import has_bit, id_digest, set_bit
from rrnkit.model import Document, Incident
from rrnkit.problems import Problem
from rrnkit.study._bed_days import BedDays
from rrnkit.study._dimensions import Dimension
from rrnkit.study._measures import Measures, MeasureSettings, MeasureTally


def measure_paths(
    paths: Iterable[str | Path],
    by: Sequence[Dimension] = (),
    *,
    bed_days: BedDays | None = None,
    settings: MeasureSettings | None = None,
    limits: JsonLimits | None = None,
) -> Measures:
    """Read documents from files and folders and count every measure over their incidents.

    The first pass validates every record and keeps the documents other
    than incidents (training events and courses give the training-currency
    measure); the second streams the valid incidents through a
    :class:`MeasureTally`. Invalid records, and incidents repeating an earlier
    incident's id, are left out and reported in ``problems`` (never their
    values); ``invalid`` counts the invalid records. Standard input cannot be
    read twice, so ``-`` is refused as a path problem.
    """
    files = [str(p) for p in paths]
    problems: list[Problem] = []
    if STDIN in files:
        files = [f for f in files if f != STDIN]
        problems.append(
            Problem(
                code="path.unreadable",
                message="standard input cannot be read twice; give the incidents as a file",
                source=STDIN,
            )
        )
    log = ReadLog()
    reference: list[Document] = []
    seen: set[int] = set()
    accepted: dict[str, bytearray] = {}
    """A bit per line of each source: set where a valid, first-seen incident is."""
    invalid = 0
    for record in iter_records(
        files, limits=limits, log=log, structure=lambda kind: kind != "incident"
    ):
        if record is None:
            continue
        if record.problems:
            invalid += 1
            problems.extend(record.problems)
        elif record.kind == "incident":
            digest = id_digest(record.ident or "")
            if digest in seen:
                problems.append(
                    Problem(
                        code="document.duplicate-id",
                        message="repeats the id of an earlier incident; only the first is used",
                        pointer="/id",
                        source=record.source,
                        line=record.line,
                    )
                )
            else:
                seen.add(digest)
                set_bit(accepted.setdefault(record.source, bytearray()), record.line)
        elif record.document is not None:
            reference.append(record.document)
    tally = MeasureTally(by, bed_days=bed_days, reference=reference, settings=settings)
    for source, lines in accepted.items():

        def wanted(number: int, lines: bytearray = lines) -> bool:
            return has_bit(lines, number)

        for record in iter_records(
            [source], limits=limits, structure=lambda kind: kind == "incident", wanted=wanted
        ):
            # .json files are read whole, so ask again which records were accepted.
            if (
                record is not None
                and isinstance(record.document, Incident)
                and has_bit(lines, record.line)
            ):
                tally.add(record.document)
    result = tally.result()
    return attrs.evolve(
        result,
        problems=(*log.path_problems, *problems, *result.problems),
        invalid=invalid,
    )
