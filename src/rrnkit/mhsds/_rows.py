"""Rows read from MHSDS CSV text or given as mappings, each with its file and line."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from typing import TextIO

import attrs

from rrnkit.mhsds._columns import Column
from rrnkit.problems import Problem


@attrs.frozen
class Row:
    """One data row: where it came from and its cells by column name."""

    source: str
    line: int
    cells: Mapping[str, str] = attrs.field(repr=False)

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
    """Records that could not be split into cells (each counted invalid)."""


def rows_from_mappings(rows: Iterable[Mapping[str, str]], source: str) -> Iterator[Row]:
    """Give mapping rows the lines a CSV file would: the first on line 2, after the header."""
    for index, cells in enumerate(rows):
        yield Row(source, index + 2, cells)


def rows_from_csv(
    handle: TextIO, source: str, columns: tuple[Column, ...], log: RowLog
) -> Iterator[Row]:
    """Read CSV text with a header line; header and syntax problems go to ``log``.

    A header without one of the columns a row needs stops that file (its rows
    cannot be read). Blank lines are skipped; extra unknown columns are ignored.
    """
    reader = csv.reader(handle, strict=True)
    header: list[str] | None = None
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            what = "UTF-8 text" if isinstance(exc, UnicodeDecodeError) else "well-formed CSV"
            log.problems.append(
                Problem(
                    code="mhsds.csv",
                    message=f"is not {what}; the rest of the file is not read",
                    source=source,
                    line=line,
                )
            )
            log.broken_records += 1
            return
        if not cells or cells == [""]:
            continue
        if header is None:
            header = cells
            missing = [c.name for c in columns if c.required and c.name not in header]
            if missing:
                log.problems.append(
                    Problem(
                        code="mhsds.header",
                        message=f"the header has no column {', '.join(missing)}; "
                        "the file's rows are not read",
                        source=source,
                        line=line,
                    )
                )
                return
            continue
        if len(cells) > len(header):
            log.problems.append(
                Problem(
                    code="mhsds.row-length",
                    message="has more cells than the header has columns",
                    source=source,
                    line=line,
                )
            )
            log.broken_records += 1
            continue
        yield Row(source, line, dict(zip(header, cells, strict=False)))
