"""Arrow tables and Parquet files from rrnkit tables, with an explicit schema.

Install with ``pip install 'rrnkit[arrow]'``. The Arrow schema comes from the
column specifications (:func:`arrow_schema`): strings, codes as dictionaries
over every code of their table (the same dictionary in every batch), 64-bit
integers, booleans, ``date32`` and ``timestamp[us, UTC]``; each field carries
its column's description, and columns that are never missing are not
nullable. Rows are converted in record batches, so :func:`write_parquet`
writes a stream of any length in constant memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

try:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "rrnkit.extra.arrow needs pyarrow: install it with pip install 'rrnkit[arrow]'"
    ) from exc

from rrnkit._internal.paths import as_path
from rrnkit._internal.writing import replace_surrogates
from rrnkit.io import StrPath
from rrnkit.model import Document
from rrnkit.report import Report
from rrnkit.tabular import Column, ColumnType, Rows, Table, as_rows

BATCH_SIZE = 65_536
"""Rows converted per record batch."""

__all__ = ["BATCH_SIZE", "arrow_schema", "record_batches", "to_arrow_table", "write_parquet"]

_UTC = dt.timezone.utc


def _arrow_type(column: Column) -> Any:
    if column.type is ColumnType.CODE:
        return pa.dictionary(pa.int16(), pa.string())
    return {
        ColumnType.STRING: pa.string(),
        ColumnType.INTEGER: pa.int64(),
        ColumnType.BOOLEAN: pa.bool_(),
        ColumnType.DATE: pa.date32(),
        ColumnType.DATETIME: pa.timestamp("us", tz="UTC"),
    }[column.type]


def _field(column: Column) -> Any:
    metadata = {"description": column.description, "rrnkit.type": column.type.value}
    return pa.field(column.name, _arrow_type(column), nullable=column.nullable, metadata=metadata)


def arrow_schema(columns: Rows | Table | Iterable[Column]) -> Any:
    """Return the ``pyarrow.Schema`` of some rows, a table (all columns) or columns."""
    if isinstance(columns, Rows):
        name, chosen = columns.table.name, columns.columns
    elif isinstance(columns, Table):
        name, chosen = columns.name, columns.columns
    else:
        name, chosen = "", tuple(columns)
    return pa.schema([_field(c) for c in chosen], metadata={"rrnkit.table": name})


def _array(column: Column, values: list[Any]) -> Any:
    if column.type is ColumnType.CODE:
        position = {code: n for n, code in enumerate(column.codes)}
        indices = pa.array([None if v is None else position[v] for v in values], pa.int16())
        return pa.DictionaryArray.from_arrays(indices, pa.array(column.codes, pa.string()))
    if column.type is ColumnType.DATETIME:
        values = [None if v is None else v.astimezone(_UTC) for v in values]
    if column.type is ColumnType.STRING:  # a lone surrogate is not UTF-8: write U+FFFD
        values = [None if v is None else replace_surrogates(v) for v in values]
    return pa.array(values, _arrow_type(column))


def record_batches(rows: Rows, batch_size: int = BATCH_SIZE) -> Iterator[Any]:
    """Yield the rows as ``pyarrow.RecordBatch`` es of at most ``batch_size`` rows."""
    schema = arrow_schema(rows)
    columns = rows.columns
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= batch_size:
            yield _batch(columns, batch, schema)
            batch = []
    if batch:
        yield _batch(columns, batch, schema)


def _batch(columns: tuple[Column, ...], batch: list[tuple[Any, ...]], schema: Any) -> Any:
    by_column = list(zip(*batch, strict=True))
    arrays = [_array(c, list(values)) for c, values in zip(columns, by_column, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def to_arrow_table(
    rows: Rows | str | Table,
    source: Iterable[Document] | Report | None = None,
    *,
    include_sensitive: bool = False,
    batch_size: int = BATCH_SIZE,
) -> Any:
    """Return a ``pyarrow.Table`` of rows (or of a table made from ``source``)."""
    made = as_rows(rows, source, include_sensitive=include_sensitive)
    schema = arrow_schema(made)
    return pa.Table.from_batches(list(record_batches(made, batch_size)), schema=schema)


def write_parquet(
    rows: Rows | str | Table,
    path: StrPath,
    source: Iterable[Document] | Report | None = None,
    *,
    include_sensitive: bool = False,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Write rows (or a table made from ``source``) to a Parquet file, a batch at a time.

    ``path`` is a ``str`` or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`;
    ``bytes`` raises :class:`TypeError`). Returns the number of rows written.
    The file holds the explicit Arrow schema, so it reads back with the same
    types. A lone surrogate in text (valid in JSON, not in UTF-8) is written
    as U+FFFD.
    """
    made = as_rows(rows, source, include_sensitive=include_sensitive)
    schema = arrow_schema(made)
    count = 0
    with pq.ParquetWriter(as_path(path), schema) as writer:
        for batch in record_batches(made, batch_size):
            writer.write_batch(batch)
            count += batch.num_rows
    return count
