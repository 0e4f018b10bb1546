"""Units of the findings an HTML page lists, for its unit filter.

A rule outcome names its subject and where it was read, not the unit it is
about; the page's unit filter needs that unit. Only the records holding a
listed finding's subject are read again (a stream's other lines are skipped
unparsed), and only from files whose SHA-256 still matches the run's, so the
look-up costs at most one record per listed finding. Unit ids are
identifiers, not personal data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["finding_units"]

_WORKFORCE = re.compile(r"^/workforce/(\d+)(?:/|$)")
_KINDS = ("incident", "organisation")


def _listed(report: Any, room: int | None) -> list[Any]:
    """Return the listed findings (the first ``room``) whose subject may have a unit."""
    from rrnkit.report import LISTED

    found: list[Any] = []
    if room == 0:
        return found
    for result in report.results:
        if result.outcome in LISTED and result.subject_kind in _KINDS and result.source:
            found.append(result)
        if result.outcome in LISTED and room is not None:
            room -= 1
            if room == 0:
                break
    return found


def finding_units(
    report: Any, max_listed: int | None, limits: Any = None
) -> Callable[[Any], str | None]:
    """Return the unit of each finding the page lists (an incident's, a staff member's).

    Incidents give their ``unit_id``; an organisation's finding at
    ``/workforce/N`` gives that staff member's. Anything else, or a file that
    changed since the run, gives None.
    """
    from rrnkit.io import STREAM_SUFFIXES, ReadLog, iter_records

    room = None if max_listed is None else max(0, max_listed - len(report.problems))
    by_source: dict[str, set[int]] = {}
    for result in _listed(report, room):
        by_source.setdefault(result.source, set()).add(result.line or 0)
    digests = {item.path: item.sha256 for item in report.inputs}
    incidents: dict[str, str | None] = {}
    staff: dict[tuple[str, int], str | None] = {}
    for source, lines in by_source.items():
        if source == "-" or digests.get(source) is None:
            continue
        streamed = source.endswith(STREAM_SUFFIXES)
        log = ReadLog()
        wanted: Callable[[int], bool] | None = lines.__contains__ if streamed else None
        found: list[Any] = []
        for record in iter_records(
            source, limits=limits, log=log, wanted=wanted, structure=_KINDS.__contains__
        ):
            if record is not None and record.document is not None:
                found.append(record.document)
        if [item.sha256 for item in log.inputs] != [digests[source]]:
            continue  # the file changed since the run: its units would not be the run's
        _take(found, incidents, staff)

    def unit_of(result: Any) -> str | None:
        if result.subject_kind == "incident":
            return incidents.get(result.subject_id)
        if result.subject_kind == "organisation" and result.pointers:
            match = _WORKFORCE.match(result.pointers[0])
            if match:
                return staff.get((result.subject_id, int(match.group(1))))
        return None

    return unit_of


def _take(
    documents: Iterable[Any],
    incidents: dict[str, str | None],
    staff: dict[tuple[str, int], str | None],
) -> None:
    from rrnkit.model import Incident, Organisation

    for document in documents:
        if isinstance(document, Incident):
            incidents.setdefault(document.id, document.unit_id)
        elif isinstance(document, Organisation):
            for n, member in enumerate(document.workforce):
                staff.setdefault((document.id, n), member.unit_id)
