r"""CSV: tables written and read with the standard library, one row at a time.

The first line names the columns. Missing values are empty cells, booleans are
``true``/``false``, dates and date-times ISO 8601 (date-times keep their UTC
offset), codes their official strings. Lines end with CRLF, as RFC 4180 has
it (so a carriage return inside text is quoted too); text is UTF-8.
No column that may be empty ever holds empty text, so an empty cell always
means a missing value.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from typing import IO

from rrnkit._internal.paths import StrPath, as_path
from rrnkit.tabular._table import Row, Rows, Table
from rrnkit.tabular._tables import table as table_named


def write_csv(rows: Rows, out: IO[str] | StrPath) -> int:
    """Write the header and every row as CSV; return the number of rows written.

    ``out`` is an open text stream or a path (created or replaced, UTF-8): a
    ``str`` or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`).
    """
    if isinstance(out, (str, os.PathLike)):
        with open(as_path(out, "out"), "w", encoding="utf-8", newline="") as handle:
            return write_csv(rows, handle)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rows.names)
    formats = tuple(c.type.to_text for c in rows.columns)
    count = 0
    for row in rows:
        writer.writerow([fmt(value) for fmt, value in zip(formats, row, strict=True)])
        count += 1
    return count


def read_csv(source: IO[str], table: str | Table) -> Rows:
    """Read a table written by :func:`write_csv` back into typed rows.

    The header must name the table's columns in order, with or without the
    sensitive ones; a cell that does not hold its column's type raises
    ``ValueError`` naming the line and column (never the value).
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

    def generate() -> Iterator[Row]:
        for number, cells in enumerate(reader, start=2):
            if len(cells) != len(parses):
                raise ValueError(f"line {number}: has {len(cells)} cells, not {len(parses)}")
            values = []
            for column, parse, cell in zip(columns, parses, cells, strict=True):
                try:
                    values.append(parse(cell))
                except ValueError:
                    raise ValueError(
                        f"line {number}: column {column.name} does not hold a value "
                        f"of type {column.type.value}"
                    ) from None
            yield tuple(values)

    return Rows(spec, columns, generate())
