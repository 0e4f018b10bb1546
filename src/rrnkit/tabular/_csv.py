r"""CSV: tables written and read with the standard library, one row at a time.

The first line names the columns. Missing values are empty cells, booleans are
``true``/``false``, dates and date-times ISO 8601 (date-times keep their UTC
offset), codes their official strings. Lines end with CRLF, as RFC 4180 has
it (so a carriage return inside text is quoted too); text is UTF-8.
No column that may be empty ever holds empty text, so an empty cell always
means a missing value.

The file is safe to open in a spreadsheet (OWASP's advice on CSV injection): a
text or code cell that begins with ``=``, ``+``, ``-``, ``@``, tab or carriage
return is written quoted, with a single quote ``'`` before it; numbers, booleans
and dates are never changed, so ``-3`` stays a number. :func:`read_csv` undoes
the quote. ``raw=True`` writes every cell as it is, for pipelines that never
meet a spreadsheet. A lone surrogate (valid in JSON, not encodable as UTF-8)
is written as U+FFFD. A file written by path is written atomically: a
temporary file beside it replaces it only when every row is written, and its
column types go beside it as a Frictionless Table Schema,
``<table>.schema.json`` (see :func:`table_schema`).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from typing import IO, Any

from rrnkit._internal.paths import StrPath, as_path
from rrnkit._internal.writing import CsvWriter, restore_cell
from rrnkit.problems import DocumentError, Problem
from rrnkit.tabular._column import Column, ColumnType
from rrnkit.tabular._table import Row, Rows, Table
from rrnkit.tabular._tables import table as table_named

TEXT_TYPES = frozenset({ColumnType.STRING, ColumnType.CODE})
"""Column types whose cells are neutralised against CSV injection (the others never are)."""


def write_csv(rows: Rows, out: IO[str] | StrPath, *, raw: bool = False, schema: bool = True) -> int:
    """Write the header and every row as CSV; return the number of rows written.

    ``out`` is an open text stream (opened with ``newline=""``) or a path
    (created or replaced atomically, UTF-8): a ``str`` or ``os.PathLike[str]``
    (:data:`rrnkit.io.StrPath`). Text cells that a spreadsheet would read as a
    formula are neutralised unless ``raw`` is true (see the module's notes).
    Written to a path, the table's Table Schema goes beside it
    (``incidents.csv``: ``incidents.schema.json``) once every row is written,
    unless ``schema`` is false.
    """
    if isinstance(out, (str, os.PathLike)):
        from rrnkit._internal.writing import atomic_text
        from rrnkit.tabular._schema import table_schema, write_table_schema

        path = as_path(out, "out")
        with atomic_text(path, newline="") as handle:
            count = write_csv(rows, handle, raw=raw)
        if schema:
            write_table_schema(path, table_schema(rows.table, raw=raw, columns=rows.columns))
        return count
    writer = CsvWriter(out, text=[c.type in TEXT_TYPES for c in rows.columns], raw=raw)
    writer.writeheader(rows.names)
    formats = tuple(c.type.to_text for c in rows.columns)
    count = 0
    for row in rows:
        writer.writerow([fmt(value) for fmt, value in zip(formats, row, strict=True)])
        count += 1
    return count


def _undecodable(cells: list[str]) -> int | None:
    """Return how many line breaks come before the first byte that was not UTF-8, or None."""
    breaks = 0
    for cell in cells:
        for char in cell:
            if "\udc80" <= char <= "\udcff":
                return breaks
            breaks += char == "\n"
    return None


class _Reading:
    """Where problems go: a list given by the caller, or raised at the first one."""

    def __init__(self, source: str | None, problems: list[Problem] | None) -> None:
        self.source = source
        self.problems = problems

    def report(self, message: str, line: int, pointer: str = "", *, code: str) -> None:
        problem = Problem(
            code=code, message=message, pointer=pointer, source=self.source, line=line
        )
        if self.problems is None:
            raise DocumentError([problem])
        self.problems.append(problem)


def _header_columns(
    spec: Table, header: list[str], reading: _Reading, line: int
) -> tuple[Column, ...] | None:
    """Return the columns a header names, or None after reporting what is wrong with it."""
    known = {c.name: c for c in spec.columns}
    found: list[tuple[str, int, str]] = []  # (code, line, message)
    seen: dict[str, int] = {}
    for position, name in enumerate(header, 1):
        if name in seen:
            found.append(
                (
                    "table.duplicate-column",
                    line,
                    f"the header names one column twice (columns {seen[name]} and {position}); "
                    "none of the file's rows is read",
                )
            )
            continue
        seen[name] = position
        if name not in known:
            found.append(
                (
                    "table.unknown-column",
                    line,
                    f"the header's column {position} is not a column of the {spec.name} table; "
                    "none of the file's rows is read",
                )
            )
    sensitive = any(known[n].sensitive for n in seen if n in known)
    missing = [c.name for c in spec.columns_for(include_sensitive=sensitive) if c.name not in seen]
    if missing:
        found.append(
            (
                "table.header",
                line,
                f"the header has no column {', '.join(missing)}; none of the file's rows is read",
            )
        )
    columns = spec.columns_for(include_sensitive=sensitive)
    if not found and tuple(header) != tuple(c.name for c in columns):
        found.append(
            (
                "table.header",
                line,
                f"the header does not name the columns of the {spec.name} table in their order; "
                "none of the file's rows is read",
            )
        )
    for found_code, where, message in found:
        reading.report(message, where, code=found_code)
    return None if found else columns


def read_csv(
    source: IO[str] | StrPath,
    table: str | Table,
    *,
    raw: bool = False,
    problems: list[Problem] | None = None,
    name: str | None = None,
) -> Rows:
    """Read a table written by :func:`write_csv` back into typed rows.

    ``source`` is an open text stream or a path (read as UTF-8; a byte that is
    not UTF-8 is reported on its line). The header must name the table's
    columns in order, with or without the sensitive ones. Text cells lose the
    quote :func:`write_csv` put before a formula lead, unless ``raw`` is true
    (for a file written with ``raw=True``).

    Every problem is a :class:`~rrnkit.problems.Problem` with a stable code
    (``table.*``), the file (``name``, else the path or the stream's name) and
    the line, never a cell's value. Given a ``problems`` list, each is added to
    it and reading goes on: a bad row is left out, the rest are read (a bad
    header stops the file, as which cell is which is not known). Without one,
    the first problem raises :class:`~rrnkit.problems.DocumentError` (a
    ``ValueError``): the header's when the rows are made, a row's as it is read.
    """
    spec = table_named(table)
    handle: IO[str]
    label: Any
    close = False
    if isinstance(source, (str, os.PathLike)):
        path = as_path(source, "source")
        # A byte that is not UTF-8 becomes a lone surrogate, found and located row by row.
        handle = open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")  # noqa: SIM115
        close, label = True, path
    else:
        handle = source
        label = getattr(source, "name", None)
    reading = _Reading(name or (label if isinstance(label, str) else None), problems)
    try:
        reader = csv.reader(handle, strict=True)
        header = _read_header(reader, reading)
        columns = (
            None if header is None else _header_columns(spec, header, reading, reader.line_num)
        )
    except BaseException:
        if close:
            handle.close()
        raise
    if columns is None:
        if close:
            handle.close()
        return Rows(spec, spec.columns_for(), iter(()))
    return Rows(spec, columns, _rows(reader, columns, raw, reading, handle if close else None))


def _read_header(reader: Any, reading: _Reading) -> list[str] | None:
    """Return the header line's cells, or None after reporting why there is none."""
    while True:
        line = reader.line_num + 1
        try:
            cells: list[str] = next(reader)
        except StopIteration:
            reading.report(
                "the file holds no header line, so no row is read", 1, code="table.empty"
            )
            return None
        except csv.Error:
            message = "is not well-formed CSV; none of the file's rows is read"
            reading.report(message, line, code="table.csv")
            return None
        if not cells or cells == [""]:
            continue
        cells[0] = cells[0].removeprefix("\ufeff")
        bad = _undecodable(cells)
        if bad is not None:
            message = "the header line is not UTF-8 text; none of the file's rows is read"
            reading.report(message, line + bad, code="table.encoding")
            return None
        return cells


def _rows(
    reader: Any,
    columns: tuple[Column, ...],
    raw: bool,
    reading: _Reading,
    handle: IO[str] | None,
) -> Iterator[Row]:
    parses = tuple(c.type.from_text for c in columns)
    restores = tuple(not raw and c.type in TEXT_TYPES for c in columns)
    width = len(columns)
    try:
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:
                message = "is not well-formed CSV; the rest of the file is not read"
                reading.report(message, line, code="table.csv")
                return
            if not cells:
                continue  # a blank line holds nothing
            bad = _undecodable(cells)
            if bad is not None:
                message = "is not UTF-8 text; the row is not read"
                reading.report(message, line + bad, code="table.encoding")
                continue
            if len(cells) != width:
                fewer = "fewer" if len(cells) < width else "more"
                message = (
                    f"has {len(cells)} cells, {fewer} than the header's {width} columns; "
                    "the row is not read"
                )
                reading.report(message, line, code="table.row-length")
                continue
            values: list[Any] = []
            for column, parse, restore, cell in zip(columns, parses, restores, cells, strict=True):
                try:
                    values.append(parse(restore_cell(cell) if restore else cell))
                except ValueError:
                    message = f"does not hold a value of type {column.type.value}"
                    reading.report(message, line, f"/{column.name}", code="table.value")
                    break
            else:
                yield tuple(values)
    finally:
        if handle is not None:
            handle.close()
