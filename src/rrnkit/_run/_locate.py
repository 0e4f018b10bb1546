"""Locate: give each finding the file and line of its evidence, in one place.

A finding's line is the line of its first pointer in the record's text (a
``.json`` file, walked once for all of that record's findings), else the
record's own line (a JSON Lines record is one line). Other outcomes are left
as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from rrnkit.convert import locate_all
from rrnkit.io import RecordResult
from rrnkit.report import UNMET
from rrnkit.rules import Result


def locate_in_record(results: Iterable[Result], record: RecordResult) -> list[Result]:
    """Give the findings about the document ``record`` holds their file and line."""
    results = list(results)
    pointers = {r.pointers[0] for r in results if r.outcome in UNMET and r.pointers}
    places: dict[str, tuple[int, int]] = {}
    if pointers and record.text is not None:
        try:
            places = locate_all(record.text, pointers)
        except ValueError:
            places = {}
    located = []
    for result in results:
        if result.outcome not in UNMET:
            located.append(result)
            continue
        place = places.get(result.pointers[0]) if result.pointers else None
        line = place[0] if place is not None else record.line
        located.append(attrs.evolve(result, source=record.source, line=line))
    return located


def locate_findings(
    results: Iterable[Result], where: Mapping[tuple[str, str], RecordResult]
) -> list[Result]:
    """Locate the findings about held documents, each through where its document was read.

    Results keep their order; a result whose subject was not read (a
    collection's) is left as it is.
    """
    results = list(results)
    by_subject: dict[tuple[str, str], list[int]] = {}
    for n, result in enumerate(results):
        if result.outcome in UNMET:
            by_subject.setdefault((result.subject_kind, result.subject_id), []).append(n)
    located = list(results)
    for key, positions in by_subject.items():
        record = where.get(key)
        if record is None:
            continue
        for n, result in zip(
            positions, locate_in_record([results[n] for n in positions], record), strict=True
        ):
            located[n] = result
    return located
