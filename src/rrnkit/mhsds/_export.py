"""Export incidents as MHS505 and MHS515 rows, saying what each incident loses.

Rows are built one incident at a time, so any number of incidents streams
through in constant memory. Each intervention's rrnkit id becomes its
``RestrictiveIntTypeID``: rrnkit ids are unique within their incident, so the
pair (``RestrictiveIntIncID``, ``RestrictiveIntTypeID``) identifies a row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from rrnkit._internal.paths import StrPath, as_path
from rrnkit._internal.writing import CsvWriter, atomic_text
from rrnkit.convert import dump
from rrnkit.mhsds._columns import (
    MHS505,
    MHS505_COLUMNS,
    MHS515,
    MHS515_COLUMNS,
    Column,
    ColumnType,
)
from rrnkit.mhsds._loss import NotCarried, pattern_of, uncarried_leaves
from rrnkit.mhsds._time import date_cell, is_ambiguous, time_cell, uk_local
from rrnkit.model import Incident, Intervention
from rrnkit.problems import Problem

Row = dict[str, str]
"""One CSV row: column name to cell text (empty for an absent value)."""

_INTERVENTION = "/interventions/*"

MHS505_FILE = "MHS505.csv"
"""The file name the MHS505 rows are written to by :func:`write_files`."""
MHS515_FILE = "MHS515.csv"
"""The file name the MHS515 rows are written to by :func:`write_files`."""


@attrs.frozen(kw_only=True)
class ExportedIncident:
    """One incident as MHSDS rows, with what MHSDS cannot carry of it.

    When the incident cannot be written at all, ``problems`` says why and there
    are no rows.
    """

    incident_id: str
    """The incident's id."""
    mhs505: Row | None = attrs.field(repr=False)
    """The MHS505 row (None when the incident is refused); never in the ``repr``, as
    ``HospProvSpellID`` is sensitive."""
    mhs515: tuple[Row, ...] = attrs.field(default=(), repr=False)
    """One MHS515 row per intervention."""
    not_carried: tuple[NotCarried, ...] = ()
    """Every field or value of the incident MHSDS does not carry."""
    problems: tuple[Problem, ...] = ()
    """Why the incident could not be written (empty when it was)."""

    @property
    def exported(self) -> bool:
        """Whether the incident was written."""
        return self.mhs505 is not None


def _value_at(incident: Incident, intervention: Intervention | None, pointer: str) -> Any:
    """Return the value a column's pointer names (None through any absent parent)."""
    target: Any = incident
    if pointer.startswith(_INTERVENTION + "/"):
        target, pointer = intervention, pointer[len(_INTERVENTION) :]
    for token in pointer.strip("/").split("/"):
        if target is None:
            return None
        target = getattr(target, token)
    return target


def _cell(column: Column, value: Any) -> str:
    if not column.carried or value is None:
        return ""
    if column.type in (ColumnType.DATE, ColumnType.TIME):
        local = uk_local(value)
        if local is None:
            return ""
        return date_cell(local) if column.type is ColumnType.DATE else time_cell(local)
    if column.type is ColumnType.YES_NO:
        return "Y" if value else "N"
    if column.type in (ColumnType.REASON_CODE, ColumnType.TYPE_CODE):
        return str(value.value)
    return str(value)


def _row(columns: tuple[Column, ...], incident: Incident, intervention: Intervention | None) -> Row:
    return {c.name: _cell(c, _value_at(incident, intervention, c.pointer)) for c in columns}


def _instants(incident: Incident) -> Iterator[tuple[str, dt.datetime, bool]]:
    """Yield (pointer, instant, required) for every date-time MHSDS carries."""
    yield "/start", incident.start, True
    if incident.end is not None:
        yield "/end", incident.end, False
    for index, intervention in enumerate(incident.interventions):
        yield f"/interventions/{index}/start", intervention.start, True
        if intervention.end is not None:
            yield f"/interventions/{index}/end", intervention.end, False


def _time_losses(incident: Incident) -> tuple[list[NotCarried], list[Problem]]:
    losses: list[NotCarried] = []
    problems: list[Problem] = []
    for pointer, instant, required in _instants(incident):
        local = uk_local(instant)
        if local is None:
            losses.append(NotCarried(pointer, "out-of-range"))
            if required:
                message = "cannot be written as a UK local date and time"
                problems.append(
                    Problem(code="mhsds.out-of-range", message=message, pointer=pointer)
                )
            continue
        if instant.microsecond:
            losses.append(NotCarried(pointer, "sub-second"))
        if is_ambiguous(local):
            losses.append(NotCarried(pointer, "ambiguous-local-time"))
    return losses, problems


def _duplicate_ids(incident: Incident) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, intervention in enumerate(incident.interventions):
        if intervention.id in seen:
            problems.append(
                Problem(
                    code="mhsds.duplicate-id",
                    message="repeats another intervention's id in this incident, so the "
                    "MHS515 rows could not be told apart",
                    pointer=f"/interventions/{index}/id",
                )
            )
        seen.add(intervention.id)
    return problems


def export_incident(incident: Incident) -> ExportedIncident:
    """Build one incident's MHS505 and MHS515 rows and list what MHSDS does not carry."""
    losses = [NotCarried(p, "not-in-mhsds") for p in uncarried_leaves(dump(incident))]
    time_losses, problems = _time_losses(incident)
    losses.extend(time_losses)
    problems.extend(_duplicate_ids(incident))
    if problems:
        return ExportedIncident(
            incident_id=incident.id,
            mhs505=None,
            not_carried=tuple(losses),
            problems=tuple(problems),
        )
    return ExportedIncident(
        incident_id=incident.id,
        mhs505=_row(MHS505_COLUMNS, incident, None),
        mhs515=tuple(_row(MHS515_COLUMNS, incident, i) for i in incident.interventions),
        not_carried=tuple(losses),
    )


def export_incidents(incidents: Iterable[Incident]) -> Iterator[ExportedIncident]:
    """Export incidents one at a time (a generator: constant memory for any number)."""
    for incident in incidents:
        yield export_incident(incident)


def mhs505_rows(incidents: Iterable[Incident]) -> Iterator[Row]:
    """Yield the MHS505 row of every incident that can be written."""
    for exported in export_incidents(incidents):
        if exported.mhs505 is not None:
            yield exported.mhs505


def mhs515_rows(incidents: Iterable[Incident]) -> Iterator[Row]:
    """Yield the MHS515 rows of every incident that can be written."""
    for exported in export_incidents(incidents):
        if exported.exported:
            yield from exported.mhs515


@attrs.define
class ExportSummary:
    """What an export wrote, and what MHSDS could not carry (counted by field)."""

    exported: int = 0
    """Incidents written (one MHS505 row each)."""
    interventions: int = 0
    """MHS515 rows written."""
    refused: list[tuple[str, Problem]] = attrs.Factory(list)
    """Incidents that could not be written: (incident id, problem)."""
    not_carried: Counter[tuple[str, str]] = attrs.Factory(Counter)
    """Incidents losing each field, by (pointer pattern, reason code)."""

    @property
    def refused_incidents(self) -> int:
        """Incidents that could not be written."""
        return len({ident for ident, _ in self.refused})

    def add(self, exported: ExportedIncident) -> None:
        """Count one exported incident."""
        if exported.exported:
            self.exported += 1
            self.interventions += len(exported.mhs515)
        self.refused.extend((exported.incident_id, p) for p in exported.problems)
        patterns = {(pattern_of(n.pointer), n.reason) for n in exported.not_carried}
        self.not_carried.update(patterns)


class _Table:
    """One MHSDS table's CSV writer: the header, then rows given as dicts."""

    def __init__(self, handle: IO[str], columns: tuple[Column, ...], raw: bool) -> None:
        self._names = [c.name for c in columns]
        self._writer = CsvWriter(handle, raw=raw)
        self._writer.writeheader(self._names)

    def writerow(self, row: Mapping[str, str]) -> None:
        self._writer.writerow([row.get(name, "") for name in self._names])


def write_csv(
    exported: Iterable[ExportedIncident], mhs505: IO[str], mhs515: IO[str], *, raw: bool = False
) -> ExportSummary:
    """Write exported incidents as two CSV texts (with headers), in one pass.

    Open the files with ``newline=""`` and UTF-8, as the :mod:`csv` module asks.
    Every MHSDS cell is text: one that begins with ``=``, ``+``, ``-``, ``@``,
    tab or carriage return is written quoted with a ``'`` before it, so a
    spreadsheet never runs it as a formula (OWASP's advice on CSV injection),
    unless ``raw`` is true. A lone surrogate is written as U+FFFD.
    """
    summary = ExportSummary()
    incidents = _Table(mhs505, MHS505_COLUMNS, raw)
    types = _Table(mhs515, MHS515_COLUMNS, raw)
    for item in exported:
        summary.add(item)
        if item.mhs505 is not None:
            incidents.writerow(item.mhs505)
            for row in item.mhs515:
                types.writerow(row)
    return summary


def write_files(
    incidents: Iterable[Incident], directory: StrPath, *, raw: bool = False
) -> ExportSummary:
    """Write ``MHS505.csv`` and ``MHS515.csv`` into ``directory`` (created if missing).

    ``directory`` is a ``str`` or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`).
    Both files are written atomically: each replaces its old copy only when
    every row is written. ``raw`` is as for :func:`write_csv`. Each file's
    column types go beside it as a Table Schema (``MHS505.schema.json``,
    :func:`~rrnkit.mhsds.table_schema`).
    """
    folder = Path(as_path(directory, "directory"))
    folder.mkdir(parents=True, exist_ok=True)
    with (
        atomic_text(folder / MHS505_FILE, newline="") as mhs505,
        atomic_text(folder / MHS515_FILE, newline="") as mhs515,
    ):
        summary = write_csv(export_incidents(incidents), mhs505, mhs515, raw=raw)
    write_schemas(folder, raw=raw)
    return summary


def write_schemas(directory: StrPath, *, raw: bool = False) -> None:
    """Write ``MHS505.schema.json`` and ``MHS515.schema.json`` into ``directory``."""
    from rrnkit._internal.table_schema import write_schema
    from rrnkit.mhsds._schema import table_schema

    folder = Path(as_path(directory, "directory"))
    write_schema(folder / MHS505_FILE, table_schema(MHS505, raw=raw))
    write_schema(folder / MHS515_FILE, table_schema(MHS515, raw=raw))
