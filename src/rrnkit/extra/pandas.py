"""pandas DataFrames from rrnkit tables, with the declared types.

Install with ``pip install 'rrnkit[pandas]'``. Each column gets a dtype from
its specification: ``string``, categoricals over every code of the code table
(so a month without a given code still lists it), nullable ``Int64`` and
``boolean``, ``datetime64[s]`` for dates and ``datetime64[us, UTC]`` for
date-times (instants, converted to UTC; the ``month`` and ``hour`` columns
keep the record's own clock). Missing values are ``<NA>``, ``NaN`` in
categoricals, or ``NaT``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

try:
    import numpy as np
    import pandas as pd  # type: ignore[import-untyped]
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "rrnkit.extra.pandas needs pandas: install it with pip install 'rrnkit[pandas]'"
    ) from exc

from rrnkit.model import Document
from rrnkit.report import Report
from rrnkit.tabular import Column, ColumnType, Rows, Table, as_rows

__all__ = ["pandas_dtype", "to_pandas"]

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


def _series(column: Column, values: list[Any]) -> Any:
    dtype = pandas_dtype(column)
    if column.type is ColumnType.CODE:
        return pd.Series(pd.Categorical(values, dtype=dtype), name=column.name)
    if column.type is ColumnType.DATE:
        days = np.array(
            [np.datetime64("NaT") if v is None else np.datetime64(v, "D") for v in values],
            dtype="datetime64[D]",
        )
        return pd.Series(days.astype("datetime64[s]"), name=column.name)
    if column.type is ColumnType.DATETIME:
        moments = np.array(
            [
                np.datetime64("NaT")
                if v is None
                else np.datetime64(v.astimezone(_UTC).replace(tzinfo=None), "us")
                for v in values
            ],
            dtype="datetime64[us]",
        )
        return pd.Series(moments, name=column.name).dt.tz_localize("UTC")
    return pd.Series(pd.array(values, dtype=dtype), name=column.name)


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
