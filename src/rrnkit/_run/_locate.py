"""Locate: give every result about a document read from a file that file and a line.

A result's line is the line of its first pointer in the record's text (a
``.json`` file, walked once for all of that record's results), else the
record's own line (a JSON Lines record is one line, and its text is not
kept). Every outcome is located, not only findings: a report names where
each subject came from. Results about the collection, or about a document
that was not read, are left as they are. Standard input is located as
``-`` like any other source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rrnkit._run._packed import POINTERS, Packed
from rrnkit.convert import locate_all
from rrnkit.io import RecordResult


def locate_in_record(results: Iterable[Packed], record: RecordResult) -> list[Packed]:
    """Give every result about the document ``record`` holds its file and line.

    The record's text, when kept, is walked once for all the results' first
    pointers; a pointer it does not find gives the record's line.
    """
    results = list(results)
    places: dict[str, tuple[int, int]] = {}
    if record.text is not None:
        pointers = {p[POINTERS][0] for p in results if p[POINTERS]}
        if pointers:
            try:
                places = locate_all(record.text, pointers)
            except ValueError:
                places = {}
    source, line = record.source, record.line
    if not places:
        return [(*packed[:8], source, line) for packed in results]
    located: list[Packed] = []
    for packed in results:
        place = places.get(packed[POINTERS][0]) if packed[POINTERS] else None
        located.append((*packed[:8], source, line if place is None else place[0]))
    return located


def locate_results(
    results: Iterable[Packed], where: Mapping[tuple[str, str], RecordResult]
) -> list[Packed]:
    """Locate the results about held documents, each through where its document was read.

    Results keep their order; a result already located, or whose subject was
    not read (a collection's), is left as it is.
    """
    results = list(results)
    by_subject: dict[tuple[str, str], list[int]] = {}
    for n, packed in enumerate(results):
        if packed[8] is not None:  # located already, where it was evaluated
            continue
        by_subject.setdefault((packed[4], packed[5]), []).append(n)
    located = list(results)
    for key, positions in by_subject.items():
        record = where.get(key)
        if record is None:
            continue
        for n, packed in zip(
            positions, locate_in_record([results[n] for n in positions], record), strict=True
        ):
            located[n] = packed
    return located
