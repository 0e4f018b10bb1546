"""pandas DataFrames from rrnkit tables, with the declared types.

Install with ``pip install 'rrnkit[pandas]'``. Each column gets a dtype from
its specification: ``string``, categoricals over every code of the code table
(so a month without a given code still lists it), nullable ``Int64`` and
``boolean``, ``datetime64[s]`` for dates and ``datetime64[us, UTC]`` for
date-times (instants, converted to UTC; the ``month`` and ``hour`` columns
keep the record's own clock). Missing values are ``<NA>``, ``NaN`` in
categoricals, or ``NaT``.

:func:`read_csv` reads a CSV file back with the Table Schema written beside it
(``incidents.schema.json``), so ``"01"`` stays ``"01"`` and dates are dates:
a table ``rrnkit export`` wrote gives the frame :func:`to_pandas` makes from
the same documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

try:
    import numpy as np
    import pandas as pd  # type: ignore[import-untyped]
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "rrnkit.extra.pandas needs pandas: install it with pip install 'rrnkit[pandas]'"
    ) from exc

from rrnkit._internal.paths import StrPath
from rrnkit._internal.table_schema import categories_of, column_values
from rrnkit.model import Document
from rrnkit.report import Report
from rrnkit.tabular import Column, ColumnType, Rows, Table, as_rows, csv_schema

__all__ = ["pandas_dtype", "read_csv", "to_pandas"]

_UTC = dt.timezone.utc


def pandas_dtype(column: Column) -> Any:
    """Return the pandas dtype a column gets."""
    if column.type is ColumnType.CODE:
        return pd.CategoricalDtype(categories=list(column.codes), ordered=False)
    if column.type is ColumnType.DATE:
        return np.dtype("datetime64[s]")
    if column.type is ColumnType.DATETIME:
        return pd.DatetimeTZDtype(unit="us", tz="UTC")
    return {
        ColumnType.STRING: pd.StringDtype(),
        ColumnType.INTEGER: pd.Int64Dtype(),
        ColumnType.BOOLEAN: pd.BooleanDtype(),
    }[column.type]


def _dates(name: str, values: list[Any]) -> Any:
    days = np.array(
        [np.datetime64("NaT") if v is None else np.datetime64(v, "D") for v in values],
        dtype="datetime64[D]",
    )
    return pd.Series(days.astype("datetime64[s]"), name=name)


def _moments(name: str, values: list[Any]) -> Any:
    moments = np.array(
        [
            np.datetime64("NaT")
            if v is None
            else np.datetime64(v.astimezone(_UTC).replace(tzinfo=None), "us")
            for v in values
        ],
        dtype="datetime64[us]",
    )
    return pd.Series(moments, name=name).dt.tz_localize("UTC")


def _series(column: Column, values: list[Any]) -> Any:
    dtype = pandas_dtype(column)
    if column.type is ColumnType.CODE:
        return pd.Series(pd.Categorical(values, dtype=dtype), name=column.name)
    if column.type is ColumnType.DATE:
        return _dates(column.name, values)
    if column.type is ColumnType.DATETIME:
        return _moments(column.name, values)
    return pd.Series(pd.array(values, dtype=dtype), name=column.name)


_FIELD_DTYPES = {
    "string": pd.StringDtype(),
    "integer": pd.Int64Dtype(),
    "number": pd.Float64Dtype(),
    "boolean": pd.BooleanDtype(),
}


def _field_series(schema: Mapping[str, Any], field: Mapping[str, Any], cells: list[str]) -> Any:
    name, kind = field["name"], field.get("type", "any")
    values = column_values(schema, field, cells)
    categories = categories_of(field)
    if categories and kind in ("string", "integer"):
        dtype = pd.CategoricalDtype(categories=categories, ordered=False)
        return pd.Series(pd.Categorical(values, dtype=dtype), name=name)
    if kind == "date":
        return _dates(name, values)
    if kind == "datetime":
        return _moments(name, values)
    if kind in _FIELD_DTYPES:
        return pd.Series(pd.array(values, dtype=_FIELD_DTYPES[kind]), name=name)
    if kind == "time":
        return pd.Series(values, name=name, dtype=object)
    return pd.Series(pd.array(values, dtype=pd.StringDtype()), name=name)


def read_csv(
    path: StrPath,
    *,
    schema: StrPath | Mapping[str, Any] | None = None,
    table: str | Table | None = None,
    raw: bool = False,
) -> Any:
    """Read a CSV file rrnkit wrote into a ``pandas.DataFrame`` with its declared types.

    The types come from the Table Schema beside the file (``x.schema.json``
    for ``x.csv``), or from ``schema`` (a file or a descriptor), or from a
    ``table``'s declaration (``raw``: the file was written with ``--csv-raw``);
    see :func:`rrnkit.tabular.csv_schema`. A table ``rrnkit export`` wrote
    reads back equal to :func:`to_pandas` of the same documents: codes as
    categoricals (``"01"`` stays ``"01"``), nullable integers and booleans,
    dates and UTC date-times, text cells without the ``'`` put before a
    formula lead. Other CSVs get ``Float64`` numbers and ``datetime.time``
    objects for times. A cell not of its type raises ``ValueError`` naming
    its column and row, never its value.
    """
    descriptor = csv_schema(path, schema=schema, table=table, raw=raw)
    text = pd.read_csv(
        path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig"
    )
    series = [
        _field_series(descriptor, field, [str(cell) for cell in text.iloc[:, index].tolist()])
        for index, field in enumerate(descriptor["fields"])
    ]
    return pd.concat(series, axis=1)


def to_pandas(
    rows: Rows | str | Table,
    source: Iterable[Document] | Report | None = None,
    *,
    include_sensitive: bool = False,
) -> Any:
    """Return a ``pandas.DataFrame`` of rows (or of a table made from ``source``).

    ``to_pandas("incidents", documents)`` and
    ``to_pandas(tabulate("incidents", documents))`` give the same frame: one
    column per declared column, in order, each with its declared dtype.
    """
    made = as_rows(rows, source, include_sensitive=include_sensitive)
    values: list[list[Any]] = [[] for _ in made.columns]
    for row in made:
        for store, value in zip(values, row, strict=True):
            store.append(value)
    series = [_series(c, v) for c, v in zip(made.columns, values, strict=True)]
    return pd.concat(series, axis=1) if series else pd.DataFrame()
