"""Rows read from MHSDS CSV text or given as mappings, each with its file and line.

Nothing read is dropped silently: a header that names a column rrnkit does not
know, names one twice or lacks a required one stops its file (every row of it
is counted invalid); a row with fewer or more cells than the header, or with
bytes that are not UTF-8, is a row with problems, so it is counted invalid and
keeps its incident out. Messages never repeat a cell's value.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterable, Iterator, Mapping
from typing import TextIO

import attrs

from rrnkit._internal.writing import restore_cell
from rrnkit.mhsds._columns import Column
from rrnkit.problems import Problem


@attrs.frozen
class Row:
    """One data row: where it came from, its cells by column name, and its own problems."""

    source: str
    line: int
    cells: Mapping[str, str] = attrs.field(repr=False)
    problems: tuple[Problem, ...] = ()
    """Problems of the row as a whole (its length, its bytes), found while splitting it."""

    def cell(self, column: Column) -> str:
        """Return a column's cell ("" when empty or absent)."""
        return self.cells.get(column.name) or ""

    def problem(self, column: Column | None, code: str, message: str) -> Problem:
        """Return a problem located at this row (and column, when given)."""
        pointer = "" if column is None else f"/{column.name}"
        return Problem(
            code=code, message=message, pointer=pointer, source=self.source, line=self.line
        )


@attrs.define
class RowLog:
    """Problems found outside any row (headers, unreadable CSV), and records seen."""

    problems: list[Problem] = attrs.Factory(list)
    broken_records: int = 0
    """Records that were read but not given as rows (each counted invalid)."""
    unread: set[str] = attrs.Factory(set)
    """Tables (``MHS505``, ``MHS515``) whose file was not read in full."""
    absent: list[Column] = attrs.Factory(list)
    """Optional columns a header lacks: their fields are left absent in every row."""


def rows_from_mappings(
    rows: Iterable[Mapping[str, str]], source: str, columns: tuple[Column, ...] = ()
) -> Iterator[Row]:
    """Give mapping rows the lines a CSV file would: the first on line 2, after the header.

    When ``columns`` is given, a row naming a column that is not one of them
    is a row with a problem (its value would otherwise be lost unread).
    """
    known = {c.name for c in columns}
    table = columns[0].table if columns else ""
    for index, cells in enumerate(rows):
        problems: tuple[Problem, ...] = ()
        if known:
            unknown = sum(1 for name in cells if name not in known)
            if unknown:
                message = f"names {unknown} column(s) that are not {table} columns"
                problems = (
                    Problem(
                        code="mhsds.unknown-column", message=message, source=source, line=index + 2
                    ),
                )
        yield Row(source, index + 2, cells, problems)


def _undecodable(cells: list[str]) -> int | None:
    """Return how many line breaks come before the first byte that was not UTF-8, or None."""
    breaks = 0
    for cell in cells:
        for char in cell:
            if "\udc80" <= char <= "\udcff":
                return breaks
            breaks += char == "\n"
    return None


def _problem(code: str, message: str, source: str, line: int) -> Problem:
    return Problem(code=code, message=message, source=source, line=line)


def _nearest(name: str, candidates: list[str]) -> str | None:
    """Return the known column closest to ``name`` (only known names are ever shown)."""
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.5)
    if found:
        return found[0]
    word = name.strip().lower()
    if len(word) >= 4:  # a shortened name: "Reason" for RestrictiveIntReason
        within = [c for c in candidates if word in c.lower() or c.lower() in word]
        if len(within) == 1:
            return within[0]
    return None


def _header_problems(
    header: list[str], columns: tuple[Column, ...], source: str, line: int, log: RowLog
) -> bool:
    """Check a header; return True when its file's rows can be read (problems go to ``log``)."""
    table = columns[0].table
    known = {c.name: c for c in columns}
    problems: list[Problem] = []
    bad_bytes = _undecodable(header)
    if bad_bytes is not None:
        problems.append(
            _problem(
                "mhsds.encoding",
                "the header line is not UTF-8 text; none of the file's rows is read",
                source,
                line + bad_bytes,
            )
        )
        log.problems.extend(problems)
        return False
    first: dict[str, int] = {}
    missing = [c.name for c in columns if c.name not in header]
    for position, name in enumerate(header, 1):
        if name in first:
            which = f"{name} twice" if name in known else "one name twice"
            message = (
                f"the header names {which} (columns {first[name]} and {position}); "
                "none of the file's rows is read"
            )
            problems.append(_problem("mhsds.duplicate-column", message, source, line))
            continue
        first[name] = position
        if name not in known:
            near = _nearest(name, missing)
            hint = f" (did you mean {near}?)" if near else ""
            message = (
                f"the header's column {position} is not an {table} column{hint}; "
                "none of the file's rows is read"
            )
            problems.append(_problem("mhsds.unknown-column", message, source, line))
    required = [name for name in missing if known[name].required]
    if required:
        message = f"the header has no column {', '.join(required)}; none of the file's rows is read"
        problems.append(_problem("mhsds.header", message, source, line))
    log.problems.extend(problems)
    if problems:
        return False
    log.absent.extend(known[name] for name in missing)
    return True


def _count_rest(reader: Iterator[list[str]]) -> int:
    """Count the non-blank records left in a file that is not read (stop at broken CSV)."""
    count = 0
    try:
        for cells in reader:
            if cells and cells != [""]:
                count += 1
    except csv.Error:
        count += 1
    return count


def rows_from_csv(
    handle: TextIO, source: str, columns: tuple[Column, ...], log: RowLog
) -> Iterator[Row]:
    """Read CSV text with a header line; header and syntax problems go to ``log``.

    ``handle`` should decode with ``errors="surrogateescape"``, so that a byte
    that is not UTF-8 is reported on its own line and the rest is still read.
    A header with an unknown, repeated or missing required column stops the
    file: its rows are counted, not read. A file without a header is
    ``mhsds.empty``. Blank lines are skipped. A cell that a spreadsheet-safe
    writer guarded with a ``'`` before ``=``, ``+``, ``-``, ``@``, tab or
    carriage return is read without it, so an export reads back as written.
    A row with fewer or more cells than the header, or with bytes that are not
    UTF-8, is given with its problems, so it is counted invalid and its
    incident is not imported.
    """
    table = columns[0].table
    reader = csv.reader(handle, strict=True)
    header: list[str] | None = None
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            message = "is not well-formed CSV; the rest of the file is not read"
            log.problems.append(
                Problem(code="mhsds.csv", message=message, source=source, line=line)
            )
            log.broken_records += 1
            log.unread.add(table)
            return
        if not cells or cells == [""]:
            continue
        if header is None:
            if not _header_problems(cells, columns, source, line, log):
                log.broken_records += _count_rest(reader)
                log.unread.add(table)
                return
            header = cells
            continue
        problems: list[Problem] = []
        if len(cells) != len(header):
            fewer = "fewer" if len(cells) < len(header) else "more"
            message = (
                f"has {len(cells)} cells, {fewer} than the header's {len(header)} columns; "
                "the row is not read"
            )
            problems.append(_problem("mhsds.row-length", message, source, line))
        bad_bytes = _undecodable(cells)
        if bad_bytes is not None:
            message = "is not UTF-8 text; the row is not read"
            problems.append(_problem("mhsds.encoding", message, source, line + bad_bytes))
        # undo the ' that a CSV writer puts before a formula lead (rrnkit.tabular, mhsds export)
        cells = [restore_cell(cell) for cell in cells]
        yield Row(source, line, dict(zip(header, cells, strict=False)), tuple(problems))
    if header is None:
        log.problems.append(
            _problem(
                "mhsds.empty",
                f"the file holds no header line, so no {table} row can be read",
                source,
                1,
            )
        )
        log.unread.add(table)
