"""polars DataFrames from rrnkit tables, with the declared types.

Install with ``pip install 'rrnkit[polars]'``. Each column gets a dtype from
its specification: ``String``, ``Enum`` over every code of the code table,
``Int64``, ``Boolean``, ``Date`` and ``Datetime("us", "UTC")`` (instants,
converted to UTC; the ``month`` and ``hour`` columns keep the record's own
clock). Missing values are null.

:func:`read_csv` reads a CSV file back with the Table Schema written beside it
(``incidents.schema.json``), so ``"01"`` stays ``"01"`` and dates are dates:
a table ``rrnkit export`` wrote gives the frame :func:`to_polars` makes from
the same documents.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

try:
    import polars as pl
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "rrnkit.extra.polars needs polars: install it with pip install 'rrnkit[polars]'"
    ) from exc

from rrnkit._internal.paths import StrPath
from rrnkit._internal.table_schema import categories_of, column_values
from rrnkit.model import Document
from rrnkit.report import Report
from rrnkit.tabular import Column, ColumnType, Rows, Table, as_rows, csv_schema

__all__ = ["polars_dtype", "polars_schema", "read_csv", "to_polars"]


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


_FIELD_DTYPES = {
    "integer": pl.Int64(),
    "number": pl.Float64(),
    "boolean": pl.Boolean(),
    "date": pl.Date(),
    "time": pl.Time(),
    "datetime": pl.Datetime("us", "UTC"),
}


def _field_dtype(field: Mapping[str, Any]) -> Any:
    categories = categories_of(field)
    if categories and field.get("type") == "string":
        return pl.Enum(categories)
    return _FIELD_DTYPES.get(field.get("type", "any"), pl.String())


def read_csv(
    path: StrPath,
    *,
    schema: StrPath | Mapping[str, Any] | None = None,
    table: str | Table | None = None,
    raw: bool = False,
) -> Any:
    """Read a CSV file rrnkit wrote into a ``polars.DataFrame`` with its declared types.

    The types come from the Table Schema beside the file (``x.schema.json``
    for ``x.csv``), or from ``schema`` (a file or a descriptor), or from a
    ``table``'s declaration (``raw``: the file was written with ``--csv-raw``);
    see :func:`rrnkit.tabular.csv_schema`. A table ``rrnkit export`` wrote
    reads back equal to :func:`to_polars` of the same documents: codes as
    ``Enum`` (``"01"`` stays ``"01"``), dates and UTC date-times, text cells
    without the ``'`` put before a formula lead; other CSVs get ``Float64``
    numbers and ``Time`` for times. A cell not of its type raises
    ``ValueError`` naming its column and row, never its value.
    """
    descriptor = csv_schema(path, schema=schema, table=table, raw=raw)
    text = pl.read_csv(os.fspath(path), infer_schema=False, encoding="utf8")
    return pl.DataFrame(
        [
            pl.Series(
                field["name"],
                # polars reads an empty cell as null, or as "" (versions differ): both are ""
                column_values(descriptor, field, _cells(text.to_series(index).to_list())),
                dtype=_field_dtype(field),
            )
            for index, field in enumerate(descriptor["fields"])
        ]
    )


def _cells(values: list[str | None]) -> list[str]:
    return ["" if v is None else v for v in values]
