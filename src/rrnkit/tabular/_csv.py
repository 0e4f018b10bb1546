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
temporary file beside it replaces it only when every row is written.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from typing import IO

from rrnkit._internal.paths import StrPath, as_path
from rrnkit._internal.writing import CsvWriter, restore_cell
from rrnkit.tabular._column import ColumnType
from rrnkit.tabular._table import Row, Rows, Table
from rrnkit.tabular._tables import table as table_named

TEXT_TYPES = frozenset({ColumnType.STRING, ColumnType.CODE})
"""Column types whose cells are neutralised against CSV injection (the others never are)."""


def write_csv(rows: Rows, out: IO[str] | StrPath, *, raw: bool = False) -> int:
    """Write the header and every row as CSV; return the number of rows written.

    ``out`` is an open text stream (opened with ``newline=""``) or a path
    (created or replaced atomically, UTF-8): a ``str`` or ``os.PathLike[str]``
    (:data:`rrnkit.io.StrPath`). Text cells that a spreadsheet would read as a
    formula are neutralised unless ``raw`` is true (see the module's notes).
    """
    if isinstance(out, (str, os.PathLike)):
        from rrnkit._internal.writing import atomic_text

        with atomic_text(as_path(out, "out"), newline="") as handle:
            return write_csv(rows, handle, raw=raw)
    writer = CsvWriter(out, text=[c.type in TEXT_TYPES for c in rows.columns], raw=raw)
    writer.writeheader(rows.names)
    formats = tuple(c.type.to_text for c in rows.columns)
    count = 0
    for row in rows:
        writer.writerow([fmt(value) for fmt, value in zip(formats, row, strict=True)])
        count += 1
    return count


def read_csv(source: IO[str], table: str | Table, *, raw: bool = False) -> Rows:
    """Read a table written by :func:`write_csv` back into typed rows.

    The header must name the table's columns in order, with or without the
    sensitive ones; a cell that does not hold its column's type raises
    ``ValueError`` naming the line and column (never the value). Text cells
    lose the quote :func:`write_csv` put before a formula lead, unless ``raw``
    is true (for a file written with ``raw=True``).
    """
    spec = table_named(table)
    reader = csv.reader(source)
    header = tuple(next(reader, ()))
    for include in (False, True):
        columns = spec.columns_for(include_sensitive=include)
        if header == tuple(c.name for c in columns):
            break
    else:
        raise ValueError(f"the header does not name the columns of the {spec.name} table")
    parses = tuple(c.type.from_text for c in columns)
    restores = tuple(not raw and c.type in TEXT_TYPES for c in columns)

    def generate() -> Iterator[Row]:
        for number, cells in enumerate(reader, start=2):
            if len(cells) != len(parses):
                raise ValueError(f"line {number}: has {len(cells)} cells, not {len(parses)}")
            values = []
            for column, parse, restore, cell in zip(columns, parses, restores, cells, strict=True):
                if restore:
                    cell = restore_cell(cell)
                try:
                    values.append(parse(cell))
                except ValueError:
                    raise ValueError(
                        f"line {number}: column {column.name} does not hold a value "
                        f"of type {column.type.value}"
                    ) from None
            yield tuple(values)

    return Rows(spec, columns, generate())
