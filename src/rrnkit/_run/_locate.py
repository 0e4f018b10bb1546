"""Locate: give each finding the file and line of its evidence."""

from __future__ import annotations

import attrs

from rrnkit.convert._locate import locate_all
from rrnkit.io._read import (
    RecordResult,
)
from rrnkit.report import UNMET
from rrnkit.rules import Result


def locate_in_record(results: list[Result], record: RecordResult) -> list[Result]:
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


def locate_findings(
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
