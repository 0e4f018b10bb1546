"""polars DataFrames from rrnkit tables, with the declared types.

Install with ``pip install 'rrnkit[polars]'``. Each column gets a dtype from
its specification: ``String``, ``Enum`` over every code of the code table,
``Int64``, ``Boolean``, ``Date`` and ``Datetime("us", "UTC")`` (instants,
converted to UTC; the ``month`` and ``hour`` columns keep the record's own
clock). Missing values are null.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

try:
    import polars as pl
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "rrnkit.extra.polars needs polars: install it with pip install 'rrnkit[polars]'"
    ) from exc

from rrnkit.model import Document
from rrnkit.report import Report
from rrnkit.tabular import Column, ColumnType, Rows, Table, as_rows

__all__ = ["polars_dtype", "polars_schema", "to_polars"]


def polars_dtype(column: Column) -> Any:
    """Return the polars dtype a column gets."""
    if column.type is ColumnType.CODE:
        return pl.Enum(list(column.codes))
    return {
        ColumnType.STRING: pl.String(),
        ColumnType.INTEGER: pl.Int64(),
        ColumnType.BOOLEAN: pl.Boolean(),
        ColumnType.DATE: pl.Date(),
        ColumnType.DATETIME: pl.Datetime("us", "UTC"),
    }[column.type]


def polars_schema(columns: Iterable[Column]) -> Any:
    """Return the ``polars.Schema`` of some columns."""
    return pl.Schema({c.name: polars_dtype(c) for c in columns})


def to_polars(
    rows: Rows | str | Table,
    source: Iterable[Document] | Report | None = None,
    *,
    include_sensitive: bool = False,
) -> Any:
    """Return a ``polars.DataFrame`` of rows (or of a table made from ``source``)."""
    made = as_rows(rows, source, include_sensitive=include_sensitive)
    values: list[list[Any]] = [[] for _ in made.columns]
    for row in made:
        for store, value in zip(values, row, strict=True):
            store.append(value)
    return pl.DataFrame(
        [
            pl.Series(c.name, v, dtype=polars_dtype(c))
            for c, v in zip(made.columns, values, strict=True)
        ]
    )
