"""Locate: give each finding the file and line of its evidence, in one place.

A finding's line is the line of its first pointer in the record's text (a
``.json`` file, walked once for all of that record's findings), else the
record's own line (a JSON Lines record is one line). Other outcomes are left
as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rrnkit._run._packed import OUTCOME, POINTERS, UNMET_VALUES, Packed
from rrnkit.convert import locate_all
from rrnkit.io import RecordResult


def locate_in_record(results: Iterable[Packed], record: RecordResult) -> list[Packed]:
    """Give the findings about the document ``record`` holds their file and line."""
    results = list(results)
    pointers = {p[POINTERS][0] for p in results if p[OUTCOME] in UNMET_VALUES and p[POINTERS]}
    places: dict[str, tuple[int, int]] = {}
    if pointers and record.text is not None:
        try:
            places = locate_all(record.text, pointers)
        except ValueError:
            places = {}
    located = []
    for packed in results:
        if packed[OUTCOME] not in UNMET_VALUES:
            located.append(packed)
            continue
        place = places.get(packed[POINTERS][0]) if packed[POINTERS] else None
        line = place[0] if place is not None else record.line
        located.append((*packed[:8], record.source, line))
    return located


def locate_findings(
    results: Iterable[Packed], where: Mapping[tuple[str, str], RecordResult]
) -> list[Packed]:
    """Locate the findings about held documents, each through where its document was read.

    Results keep their order; a result whose subject was not read (a
    collection's) is left as it is.
    """
    results = list(results)
    by_subject: dict[tuple[str, str], list[int]] = {}
    for n, packed in enumerate(results):
        if packed[OUTCOME] in UNMET_VALUES:
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
