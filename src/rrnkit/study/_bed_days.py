"""Occupied bed days: the denominator of rates per 1,000 occupied bed days (MHSDS MHS96).

Bed days come from outside rrnkit's documents (a patient administration
system, or the MHSDS ward stay table), so they are read from a plain CSV file
with the columns ``organisation_id``, ``unit_id``, ``month`` (``YYYY-MM``) and
``occupied_bed_days`` (a whole number). A blank ``unit_id`` means the whole
organisation, for providers that do not count bed days by unit; an
organisation reports a month either by unit or as a whole, never both.

Reading never raises for bad content: each bad row becomes a
:class:`~rrnkit.problems.Problem` located by file, line and column (the
pointer names the column, as ``/month``), and the good rows are kept.
Messages never repeat a cell's value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from rrnkit._internal.paths import as_path
from rrnkit.io import StrPath, unreadable
from rrnkit.model.values import IDENTIFIER_PATTERN
from rrnkit.problems import Problem
from rrnkit.study._month import Month

COLUMNS = ("organisation_id", "unit_id", "month", "occupied_bed_days")
"""The bed-days CSV columns, in the order rrnkit writes them."""

_MAX_DIGITS = 12
_IDENTIFIER = re.compile(IDENTIFIER_PATTERN.removeprefix("^").removesuffix("$"))


def _is_identifier(text: str) -> bool:
    """Tell whether ``text`` matches the model's identifier pattern."""
    return _IDENTIFIER.fullmatch(text) is not None


def _unit_id(
    instance: OccupiedBedDays, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not (isinstance(value, str) and _is_identifier(value)):
        raise ValueError(f"{attribute.name} is not a valid identifier")


def _organisation_id(
    instance: OccupiedBedDays, attribute: attrs.Attribute[str], value: str
) -> None:
    if not (isinstance(value, str) and _is_identifier(value)):
        raise ValueError(f"{attribute.name} is not a valid identifier")


@attrs.frozen(kw_only=True, order=True)
class OccupiedBedDays:
    """Occupied bed days of one unit (or of a whole organisation) in one calendar month."""

    organisation_id: str = attrs.field(validator=_organisation_id)
    """The organisation document's id."""
    unit_id: str | None = attrs.field(default=None, validator=_unit_id)
    """The unit's id, or None for the whole organisation."""
    month: Month = attrs.field(validator=attrs.validators.instance_of(Month))
    """The calendar month counted."""
    occupied_bed_days: int = attrs.field(
        validator=[attrs.validators.instance_of(int), attrs.validators.ge(0)]
    )
    """Bed days occupied in the month (one patient in a bed at midnight is one bed day)."""


_Located = tuple[OccupiedBedDays, str | None, int | None]
"""A row with the file and line it was read from (None for rows made in Python)."""


class BedDays:
    """Occupied bed days by organisation, unit and month, with any problems found reading them.

    Build it with :func:`read_bed_days` or :func:`parse_bed_days`, or from
    rows made in Python: ``BedDays(rows)``. A repeated (organisation, unit,
    month) keeps its first row; an organisation-wide row for a month the organisation also reports
    by unit is left out (it would count those bed days twice). Each is a problem.
    """

    def __init__(self, rows: Iterable[OccupiedBedDays] = ()) -> None:
        """Combine rows built in Python (see the class docstring for what is left out)."""
        self._combine([(row, None, None) for row in rows], [])

    @classmethod
    def _read(cls, located: list[_Located], problems: list[Problem]) -> BedDays:
        table = cls.__new__(cls)
        table._combine(located, problems)
        return table

    def _combine(self, located: list[_Located], problems: list[Problem]) -> None:
        found = list(problems)
        cells: dict[tuple[str, str | None, Month], OccupiedBedDays] = {}
        where: dict[tuple[str, str | None, Month], tuple[str | None, int | None]] = {}
        by_unit: set[tuple[str, Month]] = set()
        for row, source, line in located:
            key = (row.organisation_id, row.unit_id, row.month)
            if key in cells:
                first = where[key]
                earlier = f" at line {first[1]}" if first[1] is not None else ""
                found.append(
                    _problem(
                        "bed-days.duplicate",
                        f"repeats the organisation, unit and month of the row{earlier}; "
                        "the first is used",
                        source=source,
                        line=line,
                    )
                )
                continue
            cells[key] = row
            where[key] = (source, line)
            if row.unit_id is not None:
                by_unit.add((row.organisation_id, row.month))
        for key in [k for k in cells if k[1] is None and (k[0], k[2]) in by_unit]:
            del cells[key]
            source, line = where[key]
            found.append(
                _problem(
                    "bed-days.mixed-levels",
                    "the organisation reports this month both by unit and as a whole; "
                    "this organisation-wide row is left out",
                    column="unit_id",
                    source=source,
                    line=line,
                )
            )
        found.sort(key=lambda p: (p.source or "", p.line or 0, p.column or 0))
        self._cells = cells
        self._by_unit = frozenset(by_unit)
        self.problems: tuple[Problem, ...] = tuple(found)
        """Every problem met reading or combining the rows, in file and line order."""

    def __iter__(self) -> Iterator[OccupiedBedDays]:
        """Iterate over the rows kept, ordered by organisation, unit and month."""
        return iter(sorted(self._cells.values(), key=_order))

    def __len__(self) -> int:
        """Return the number of rows kept."""
        return len(self._cells)

    @property
    def total(self) -> int:
        """All occupied bed days kept."""
        return sum(row.occupied_bed_days for row in self._cells.values())

    def get(self, organisation_id: str, unit_id: str | None, month: Month) -> int | None:
        """Return one cell's bed days, or None when no row gives them."""
        row = self._cells.get((organisation_id, unit_id, month))
        return None if row is None else row.occupied_bed_days

    def cell_of(
        self, organisation_id: str, unit_id: str | None, month: Month
    ) -> OccupiedBedDays | None:
        """Return the row whose bed days cover something that happened on a unit in a month.

        That is the unit's row when the organisation reports the month by
        unit, else the organisation-wide row; None when neither is given.
        """
        if (organisation_id, month) in self._by_unit:
            if unit_id is None:
                return None
            return self._cells.get((organisation_id, unit_id, month))
        return self._cells.get((organisation_id, None, month))


def _order(row: OccupiedBedDays) -> tuple[str, str, Month]:
    return (row.organisation_id, row.unit_id or "", row.month)


def _problem(
    code: str,
    message: str,
    *,
    column: str = "",
    source: str | None = None,
    line: int | None = None,
    at: int | None = None,
) -> Problem:
    return Problem(
        code=code,
        message=message,
        pointer=f"/{column}" if column else "",
        source=source,
        line=line,
        column=at,
    )


def _split(line: str) -> list[tuple[str, int]] | None:
    """Split one CSV line (RFC 4180 quoting) into (value, 1-based column) pairs.

    Returns None when a quoted field is not closed on the line.
    """
    fields: list[tuple[str, int]] = []
    i, n = 0, len(line)
    while True:
        start = i
        if i < n and line[i] == '"':
            value: list[str] = []
            i += 1
            while True:
                if i >= n:
                    return None
                if line[i] == '"':
                    if i + 1 < n and line[i + 1] == '"':
                        value.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                value.append(line[i])
                i += 1
            end = line.find(",", i)
            end = n if end < 0 else end
            fields.append(("".join(value) + line[i:end], start + 1))
        else:
            end = line.find(",", i)
            end = n if end < 0 else end
            fields.append((line[i:end], start + 1))
        if end >= n:
            return fields
        i = end + 1


def parse_bed_days(text: str, *, source: str = "<bed days>") -> BedDays:
    """Read bed days from CSV text; bad rows become located problems, good rows are kept."""
    problems: list[Problem] = []
    rows: list[_Located] = []
    lines = text.split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    header: dict[str, int] | None = None
    width = 0  # the header's columns, unknown ones included
    for number, raw in enumerate(lines, 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip():
            continue
        if any("\udc80" <= c <= "\udcff" for c in line):
            if header is None:  # which column is which is not known: read no row
                message = "the header line is not valid UTF-8, so no row can be read"
                problems.append(_problem("bed-days.encoding", message, source=source, line=number))
                return BedDays._read([], problems)
            problems.append(
                _problem(
                    "bed-days.encoding", "the line is not valid UTF-8", source=source, line=number
                )
            )
            continue
        fields = _split(line)
        if fields is None:
            problems.append(
                _problem(
                    "bed-days.quote",
                    "a quoted value is not closed on its line",
                    source=source,
                    line=number,
                )
            )
            continue
        if header is None:
            header = _header(fields, problems, source, number)
            if header is None:
                return BedDays._read([], problems)
            width = len(fields)
            continue
        row = _row(fields, header, width, problems, source, number)
        if row is not None:
            rows.append((row, source, number))
    if header is None:
        problems.append(
            _problem("bed-days.empty", "the file holds no header line", source=source, line=1)
        )
    return BedDays._read(rows, problems)


def _header(
    fields: list[tuple[str, int]], problems: list[Problem], source: str, number: int
) -> dict[str, int] | None:
    """Map each known column to its position; None when a required column is missing."""
    positions: dict[str, int] = {}
    for position, (name, column) in enumerate(fields):
        name = name.strip()
        if name in positions:
            problems.append(
                _problem(
                    "bed-days.header",
                    "a column is named twice",
                    column=name,
                    source=source,
                    line=number,
                    at=column,
                )
            )
        elif name in COLUMNS:
            positions[name] = position
        else:
            problems.append(
                _problem(
                    "bed-days.unknown-column",
                    "the column is not one rrnkit reads; its values are ignored",
                    source=source,
                    line=number,
                    at=column,
                )
            )
    missing = [name for name in COLUMNS if name not in positions]
    for name in missing:
        problems.append(
            _problem(
                "bed-days.header",
                f"the header has no {name} column, so no row can be read",
                column=name,
                source=source,
                line=number,
            )
        )
    return None if missing else positions


def _row(
    fields: list[tuple[str, int]],
    header: dict[str, int],
    width: int,
    problems: list[Problem],
    source: str,
    number: int,
) -> OccupiedBedDays | None:
    """Read one data row, or record why it cannot be read (a value too few or too many)."""
    if len(fields) != width:
        fewer = "fewer" if len(fields) < width else "more"
        problems.append(
            _problem(
                "bed-days.field-count",
                f"the row has {len(fields)} values, {fewer} than the header's {width} columns; "
                "the row is not read",
                source=source,
                line=number,
            )
        )
        return None
    values = {name: fields[position] for name, position in header.items()}
    before = len(problems)

    def bad(code: str, message: str, name: str) -> None:
        problems.append(
            _problem(code, message, column=name, source=source, line=number, at=values[name][1])
        )

    organisation = values["organisation_id"][0].strip()
    if not organisation:
        bad("bed-days.required", "the organisation_id is blank", "organisation_id")
    elif not _is_identifier(organisation):
        bad("bed-days.identifier", "is not a valid identifier", "organisation_id")
    unit: str | None = values["unit_id"][0].strip() or None
    if unit is not None and not _is_identifier(unit):
        bad("bed-days.identifier", "is not a valid identifier", "unit_id")
    month: Month | None = None
    text = values["month"][0].strip()
    try:
        month = Month.parse(text)
    except ValueError:
        bad("bed-days.month", "is not a month written YYYY-MM (e.g. 2025-03)", "month")
    count = values["occupied_bed_days"][0].strip()
    if not (count.isascii() and count.isdigit() and len(count) <= _MAX_DIGITS):
        bad(
            "bed-days.number",
            "is not a whole number of bed days (0 or more, digits only)",
            "occupied_bed_days",
        )
    if len(problems) > before or month is None:
        return None
    return OccupiedBedDays(
        organisation_id=organisation, unit_id=unit, month=month, occupied_bed_days=int(count)
    )


def read_bed_days(path: StrPath) -> BedDays:
    """Read a bed-days CSV file; a missing or unreadable file is a problem, never an exception.

    ``path`` is a ``str`` or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`);
    ``bytes``, or anything else, raises :class:`TypeError`.
    """
    source = as_path(path)
    try:
        data = Path(source).read_bytes()
    except FileNotFoundError:
        problem = Problem(code="path.not-found", message="no such file", source=source)
        return BedDays._read([], [problem])
    except OSError as exc:
        return BedDays._read([], [unreadable(source, exc)])
    return parse_bed_days(data.decode("utf-8", "surrogateescape"), source=source)


def format_bed_days(rows: Iterable[OccupiedBedDays]) -> str:
    """Write rows as bed-days CSV text: the header, then one line a row."""
    lines = [",".join(COLUMNS)]
    for row in rows:
        unit = row.unit_id or ""
        lines.append(f"{row.organisation_id},{unit},{row.month},{row.occupied_bed_days}")
    return "\n".join(lines) + "\n"
