"""Import MHS505 and MHS515 rows as incidents, inventing nothing MHSDS does not carry.

The two required incident fields MHSDS lacks (``organisation_id`` and
``recorded_at``) come from the caller; every other field MHSDS lacks is left
absent. A bad row is reported with its file, line and column, never its value,
and the rest of the batch is read. An incident is imported only when its MHS505
row and every one of its MHS515 rows are good; otherwise all of them are
counted invalid, so records read = valid + invalid, and every valid row is in
an imported incident.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from rrnkit._internal.paths import StrPath, as_path
from rrnkit._internal.patterns import portable_regex
from rrnkit.mhsds._columns import (
    MHS505,
    MHS505_COLUMNS,
    MHS515,
    MHS515_COLUMNS,
    Column,
    ColumnType,
)
from rrnkit.mhsds._export import MHS505_FILE, MHS515_FILE
from rrnkit.mhsds._loss import uncarried_fields
from rrnkit.mhsds._rows import Row, RowLog, rows_from_csv, rows_from_mappings
from rrnkit.mhsds._time import CellError, candidates, parse_date, parse_time
from rrnkit.model import (
    Debrief,
    FieldProblem,
    Incident,
    Injuries,
    Intervention,
    InterventionReason,
    InterventionType,
)
from rrnkit.model.values import IDENTIFIER_PATTERN, Identifier
from rrnkit.problems import Problem

_C505 = {c.name: c for c in MHS505_COLUMNS}
_C515 = {c.name: c for c in MHS515_COLUMNS}
_REASONS = {r.value: r for r in InterventionReason}
_TYPES = {t.value: t for t in InterventionType}
_IDENTIFIER = portable_regex(IDENTIFIER_PATTERN)


class RecordedAt(enum.Enum):
    """Policies for ``recorded_at``, which MHSDS does not carry; the caller must choose one."""

    INCIDENT_START = "incident-start"
    """Take the incident's start: the earliest the record can have been made."""
    INCIDENT_END = "incident-end"
    """Take the incident's end (its start when the end is empty)."""


@attrs.frozen(kw_only=True)
class ImportedIncident:
    """One incident read back from MHSDS rows."""

    incident: Incident
    """The incident; fields MHSDS does not carry are absent (or the model's default)."""
    source: str
    """The MHS505 file (or name) its row came from."""
    line: int
    """The line of its MHS505 row."""
    ambiguous: tuple[str, ...] = ()
    """Pointers of times that happen twice in UK local time, read as the first occurrence
    (the one that keeps each end not before its start)."""


@attrs.define
class ImportLog:
    """What an import found besides incidents: problems and the row counts."""

    problems: list[Problem] = attrs.Factory(list)
    """Every problem, located by file, line and column name."""
    read: int = 0
    """Rows (records) read from both tables."""
    valid: int = 0
    """Rows that are part of an imported incident."""
    absent: list[str] = attrs.Factory(list)
    """Columns a file's header lacks, as ``TABLE.Column``: optional, so their fields are
    left absent in every incident."""
    not_carried: list[str] = attrs.Factory(lambda: list(uncarried_fields()))
    """Incident fields not carried: those MHSDS lacks, and those of columns absent here."""

    @property
    def invalid(self) -> int:
        """Rows not imported: read = valid + invalid."""
        return self.read - self.valid


@attrs.frozen(kw_only=True)
class ImportResult:
    """Incidents imported from MHSDS rows, with problems, counts and what was not carried."""

    incidents: tuple[ImportedIncident, ...]
    """The imported incidents, in MHS505 order."""
    problems: tuple[Problem, ...]
    """Every problem, located by file, line and column name."""
    read: int
    """Rows read from both tables."""
    valid: int
    """Rows that are part of an imported incident."""
    invalid: int
    """Rows that are not (read = valid + invalid)."""
    not_carried: tuple[str, ...] = attrs.field(factory=uncarried_fields)
    """Incident fields not carried, as pointers (``*``: any intervention): those MHSDS lacks,
    and those of optional columns the files' headers lack. Left absent, or the model's
    default, except ``organisation_id`` and ``recorded_at`` which the caller supplied."""
    absent_columns: tuple[str, ...] = ()
    """Optional columns the files' headers lack, as ``TABLE.Column``
    (``MHS505.RestrictiveIntReason``)."""


@attrs.frozen
class _Parsed:
    """A row with its parsed values, or its problems."""

    row: Row
    values: dict[str, Any]
    problems: list[Problem]
    ambiguous: list[str]


def _yes_no(row: Row, column: Column, problems: list[Problem]) -> bool | None:
    cell = row.cell(column)
    if cell == "":
        return None
    if cell in ("Y", "N"):
        return cell == "Y"
    problems.append(row.problem(column, "mhsds.yes-no", "is not Y, N or empty"))
    return None


def _code(row: Row, column: Column, table: Mapping[str, Any], problems: list[Problem]) -> Any:
    cell = row.cell(column)
    if cell == "":
        if column.required:
            problems.append(row.problem(column, "mhsds.required", "is empty"))
        return None
    if cell not in table:
        kind = "reason" if column.type is ColumnType.REASON_CODE else "type"
        message = f"is not an MHSDS restrictive intervention {kind} code"
        problems.append(row.problem(column, "mhsds.code", message))
        return None
    return table[cell]


def _identifier(row: Row, column: Column, problems: list[Problem]) -> str | None:
    cell = row.cell(column)
    if cell == "":
        problems.append(row.problem(column, "mhsds.required", "is empty"))
        return None
    if not _IDENTIFIER.match(cell):
        problems.append(row.problem(column, "value.identifier", "is not a valid identifier"))
        return None
    return cell


def _moments(
    row: Row, date: Column, time: Column, required: bool, problems: list[Problem]
) -> tuple[dt.datetime, ...] | None:
    """Read a date and time cell pair into the instants it may mean (None when empty)."""
    day_cell, time_cell = row.cell(date), row.cell(time)
    if day_cell == "" and time_cell == "":
        if required:
            problems.append(row.problem(date, "mhsds.required", "is empty"))
        return None
    if day_cell == "" or time_cell == "":
        empty = date if day_cell == "" else time
        message = "is empty although its date or time is given"
        problems.append(row.problem(empty, "mhsds.required", message))
        return None
    try:
        found = candidates(parse_date(day_cell), parse_time(time_cell))
    except CellError as exc:
        column = time if exc.code == "mhsds.time" else date
        problems.append(row.problem(column, exc.code, exc.message))
        return None
    if not found:
        message = "is a time that does not exist in UK local time (clocks going forward)"
        problems.append(row.problem(time, "mhsds.time-nonexistent", message))
        return None
    return found


def _period(
    row: Row, columns: Mapping[str, Column], prefix: str, suffix: str, parsed: _Parsed
) -> None:
    """Read start and end, choosing for a twice-happening time the first that keeps order."""
    start_date, start_time = columns[f"StartDate{suffix}"], columns[f"StartTime{suffix}"]
    end_date, end_time = columns[f"EndDate{suffix}"], columns[f"EndTime{suffix}"]
    starts = _moments(row, start_date, start_time, True, parsed.problems)
    ends = _moments(row, end_date, end_time, False, parsed.problems)
    if starts is None:
        return
    start = starts[0]
    parsed.values["start"] = start
    if len(starts) > 1:
        parsed.ambiguous.append(f"{prefix}/start")
    if ends is None:
        return
    later = [end for end in ends if end >= start]
    if not later:
        message = "is earlier than the start"
        parsed.problems.append(row.problem(end_date, "value.order", message))
        return
    parsed.values["end"] = later[0]
    if len(ends) > 1:
        parsed.ambiguous.append(f"{prefix}/end")


def _parse_515(row: Row) -> _Parsed:
    parsed = _Parsed(row, {}, list(row.problems), [])
    problems = parsed.problems
    parsed.values["incident_id"] = row.cell(_C515["RestrictiveIntIncID"])
    _identifier(row, _C515["RestrictiveIntIncID"], problems)
    parsed.values["id"] = _identifier(row, _C515["RestrictiveIntTypeID"], problems)
    parsed.values["type"] = _code(row, _C515["RestrictiveIntType"], _TYPES, problems)
    _period(row, _C515, "", "RestrictiveIntType", parsed)
    injuries = {
        "patient": _yes_no(row, _C515["RestraintInjuryPatient"], problems),
        "staff": _yes_no(row, _C515["RestraintInjuryCarePers"], problems),
        "other_person": _yes_no(row, _C515["RestraintInjuryOtherPers"], problems),
    }
    if not problems:
        try:
            parsed.values["intervention"] = Intervention(
                id=Identifier(parsed.values["id"]),
                type=parsed.values["type"],
                start=parsed.values["start"],
                end=parsed.values.get("end"),
                injuries=Injuries(**injuries)
                if any(v is not None for v in injuries.values())
                else None,
            )
        except FieldProblem as exc:  # every check above should have caught it first
            problems.append(row.problem(None, exc.code, f"{exc.field} {exc.message}"))
    return parsed


def _debrief(held: bool | None) -> Debrief | None:
    return None if held is None else Debrief(held=held)


def _parse_505(row: Row) -> _Parsed:
    parsed = _Parsed(row, {}, list(row.problems), [])
    problems = parsed.problems
    parsed.values["id"] = _identifier(row, _C505["RestrictiveIntIncID"], problems)
    parsed.values["hospital_provider_spell_id"] = row.cell(_C505["HospProvSpellID"]) or None
    _period(row, _C505, "", "RestrictiveIntInc", parsed)
    parsed.values["reason"] = _code(row, _C505["RestrictiveIntReason"], _REASONS, problems)
    parsed.values["patient_debrief"] = _debrief(
        _yes_no(row, _C505["RestrictiveIntPIReviewHeldPat"], problems)
    )
    parsed.values["staff_debrief"] = _debrief(
        _yes_no(row, _C505["RestrictiveIntPIReviewHeldCarePers"], problems)
    )
    return parsed


def _recorded_at(policy: dt.datetime | RecordedAt, values: Mapping[str, Any]) -> dt.datetime:
    if isinstance(policy, dt.datetime):
        return policy
    if policy is RecordedAt.INCIDENT_END and values.get("end") is not None:
        end: dt.datetime = values["end"]
        return end
    start: dt.datetime = values["start"]
    return start


def _check_arguments(organisation_id: str, recorded_at: dt.datetime | RecordedAt) -> None:
    if not isinstance(organisation_id, str) or not organisation_id:
        raise ValueError("organisation_id must be given: MHSDS does not carry it")
    if not _IDENTIFIER.match(organisation_id):
        raise ValueError("organisation_id is not a valid identifier")
    if isinstance(recorded_at, dt.datetime):
        if recorded_at.utcoffset() is None:
            raise ValueError("recorded_at must carry a UTC offset")
    elif not isinstance(recorded_at, RecordedAt):
        raise TypeError("recorded_at must be an aware datetime or a RecordedAt policy")


def _group_515(rows: Iterable[Row], log: ImportLog) -> dict[str, list[_Parsed]]:
    groups: dict[str, list[_Parsed]] = {}
    for row in rows:
        log.read += 1
        parsed = _parse_515(row)
        groups.setdefault(parsed.values["incident_id"], []).append(parsed)
    return groups


def _duplicates(group: list[_Parsed]) -> None:
    first: dict[str, _Parsed] = {}
    for parsed in group:
        ident = parsed.values.get("id")
        if ident is None:
            continue
        if ident in first:
            where = f"line {first[ident].row.line}"
            message = f"repeats the RestrictiveIntTypeID of {where} for the same incident"
            column = _C515["RestrictiveIntTypeID"]
            parsed.problems.append(parsed.row.problem(column, "mhsds.duplicate-id", message))
        else:
            first[ident] = parsed


def _refuse(incident: _Parsed, group: list[_Parsed], log: ImportLog, partial: bool) -> None:
    """Report an incident whose rows are not all good: every row of it is invalid.

    ``partial``: MHS515 was not read in full, so the incident's interventions are not known.
    """
    log.problems.extend(incident.problems)
    for parsed in group:
        log.problems.extend(parsed.problems)
    bad = [p for p in group if p.problems]
    column = _C505["RestrictiveIntIncID"]
    if bad and not incident.problems:
        lines = ", ".join(str(p.row.line) for p in bad)
        message = f"is not imported: its MHS515 rows on line(s) {lines} are invalid"
        log.problems.append(incident.row.problem(column, "mhsds.intervention-invalid", message))
    elif partial and not incident.problems:
        message = "is not imported: MHS515 is not read in full, so its interventions are not known"
        log.problems.append(incident.row.problem(column, "mhsds.intervention-invalid", message))
    for parsed in group:
        if not parsed.problems:
            message = f"is not imported: its MHS505 row (line {incident.row.line}) is not"
            column = _C515["RestrictiveIntIncID"]
            log.problems.append(parsed.row.problem(column, "mhsds.incident-invalid", message))


def _build(
    incident: _Parsed,
    group: list[_Parsed],
    organisation_id: str,
    recorded_at: dt.datetime | RecordedAt,
) -> ImportedIncident | None:
    values = incident.values
    try:
        built = Incident(
            id=values["id"],
            organisation_id=Identifier(organisation_id),
            recorded_at=_recorded_at(recorded_at, values),
            hospital_provider_spell_id=values["hospital_provider_spell_id"],
            start=values["start"],
            end=values.get("end"),
            reason=values["reason"],
            interventions=tuple(p.values["intervention"] for p in group),
            patient_debrief=values["patient_debrief"],
            staff_debrief=values["staff_debrief"],
        )
    except FieldProblem as exc:  # the row checks should have caught it first
        incident.problems.append(incident.row.problem(None, exc.code, f"{exc.field} {exc.message}"))
        return None
    ambiguous = list(incident.ambiguous)
    for index, parsed in enumerate(group):
        ambiguous.extend(f"/interventions/{index}{p}" for p in parsed.ambiguous)
    return ImportedIncident(
        incident=built,
        source=incident.row.source,
        line=incident.row.line,
        ambiguous=tuple(ambiguous),
    )


def iter_import(
    mhs505: Iterable[Row],
    mhs515: Iterable[Row],
    *,
    organisation_id: str,
    recorded_at: dt.datetime | RecordedAt,
    log: ImportLog,
    unread: set[str] | None = None,
) -> Iterator[ImportedIncident]:
    """Yield incidents as MHS505 rows stream past; problems and counts go to ``log``.

    The MHS515 rows are read first and held, grouped by incident; MHS505 rows
    then stream. When an incident id repeats in MHS505, the first row takes the
    MHS515 rows and the later ones are invalid. MHS515 rows whose incident is
    not in MHS505 are reported once the MHS505 rows are done. ``unread`` names
    the tables (``MHS505``, ``MHS515``) whose file was not read in full, as the
    reading finds out: then no incident is imported whose rows may be missing.
    """
    _check_arguments(organisation_id, recorded_at)
    unread = set() if unread is None else unread
    groups = _group_515(mhs515, log)
    partial = MHS515 in unread
    seen: dict[str, int] = {}
    for row in mhs505:
        log.read += 1
        incident = _parse_505(row)
        ident = row.cell(_C505["RestrictiveIntIncID"])
        if ident in seen:
            message = f"repeats the RestrictiveIntIncID of line {seen[ident]}"
            column = _C505["RestrictiveIntIncID"]
            incident.problems.append(row.problem(column, "mhsds.duplicate-id", message))
            group: list[_Parsed] = []
        else:
            seen[ident] = row.line
            group = groups.pop(ident, [])
        _duplicates(group)
        imported = None
        if not partial and not incident.problems and not any(p.problems for p in group):
            imported = _build(incident, group, organisation_id, recorded_at)
        if imported is None:
            _refuse(incident, group, log, partial)
            continue
        log.valid += 1 + len(group)
        yield imported
    column = _C515["RestrictiveIntIncID"]
    for group in groups.values():
        for parsed in group:
            log.problems.extend(parsed.problems)
            if MHS505 in unread:
                message = "is not imported: MHS505 is not read in full; its incident is not known"
                log.problems.append(parsed.row.problem(column, "mhsds.incident-invalid", message))
            else:
                message = "names an incident that is not in MHS505"
                log.problems.append(parsed.row.problem(column, "mhsds.orphan", message))


def import_rows(
    mhs505: Iterable[Mapping[str, str]],
    mhs515: Iterable[Mapping[str, str]],
    *,
    organisation_id: str,
    recorded_at: dt.datetime | RecordedAt,
    sources: tuple[str, str] = (MHS505_FILE, MHS515_FILE),
) -> ImportResult:
    """Import incidents from rows given as mappings of column name to cell text.

    Rows are numbered as in a CSV file with a header (the first row is line 2)
    and located under the names in ``sources``. ``recorded_at``, which MHSDS
    does not carry, is an aware date-time or a :class:`RecordedAt` policy.
    """
    log = ImportLog()
    incidents = tuple(
        iter_import(
            rows_from_mappings(mhs505, sources[0], MHS505_COLUMNS),
            rows_from_mappings(mhs515, sources[1], MHS515_COLUMNS),
            organisation_id=organisation_id,
            recorded_at=recorded_at,
            log=log,
        )
    )
    return _result(incidents, log)


def _result(incidents: tuple[ImportedIncident, ...], log: ImportLog) -> ImportResult:
    return ImportResult(
        incidents=incidents,
        problems=tuple(log.problems),
        read=log.read,
        valid=log.valid,
        invalid=log.invalid,
        not_carried=tuple(log.not_carried),
        absent_columns=tuple(log.absent),
    )


def iter_import_files(
    mhs505: StrPath,
    mhs515: StrPath,
    *,
    organisation_id: str,
    recorded_at: dt.datetime | RecordedAt,
    log: ImportLog,
) -> Iterator[ImportedIncident]:
    """Yield incidents from two CSV files (UTF-8, a header line each), streaming MHS505.

    Each path is a ``str`` or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`);
    ``bytes`` raises :class:`TypeError`. An unreadable file raises
    :class:`OSError`; problems inside the files go to ``log``.
    """
    incidents_path, types_path = as_path(mhs505, "mhs505"), as_path(mhs515, "mhs515")
    rows = RowLog()
    # A byte that is not UTF-8 becomes a lone surrogate, found and located row by row.
    with (
        open(incidents_path, encoding="utf-8-sig", errors="surrogateescape", newline="") as a,
        open(types_path, encoding="utf-8-sig", errors="surrogateescape", newline="") as b,
    ):
        incidents, types = a, b
        yield from iter_import(
            rows_from_csv(incidents, incidents_path, MHS505_COLUMNS, rows),
            rows_from_csv(types, types_path, MHS515_COLUMNS, rows),
            organisation_id=organisation_id,
            recorded_at=recorded_at,
            log=log,
            unread=rows.unread,
        )
        log.problems[:0] = rows.problems
        log.read += rows.broken_records
        for column in rows.absent:
            log.absent.append(f"{column.table}.{column.name}")
            if column.carried and column.pointer not in log.not_carried:
                log.not_carried.append(column.pointer)


def read_files(
    mhs505: StrPath,
    mhs515: StrPath,
    *,
    organisation_id: str,
    recorded_at: dt.datetime | RecordedAt,
) -> ImportResult:
    """Import incidents from ``MHS505.csv`` and ``MHS515.csv`` files (UTF-8, with headers).

    Each path is a ``str`` or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`);
    ``bytes`` raises :class:`TypeError`.
    """
    log = ImportLog()
    incidents = tuple(
        iter_import_files(
            mhs505, mhs515, organisation_id=organisation_id, recorded_at=recorded_at, log=log
        )
    )
    return _result(incidents, log)
