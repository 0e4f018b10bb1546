"""Column types shipped with every CSV table, as a Frictionless Table Schema.

:func:`table_schema` turns a table's declared columns into a Table Schema
(https://specs.frictionlessdata.io/table-schema/): ``string`` for text and
identifiers, ``string`` limited to its ``categories`` for codes (so ``"01"``
stays ``"01"``), ``integer``, ``boolean`` (``true``/``false``), ``date`` and
``datetime`` (ISO 8601, with the UTC offset), ``required`` where a column is
never missing, an empty cell as the only missing value. :func:`write_csv`
writes it beside a CSV file as ``<table>.schema.json``; ``rrnkit.extra.pandas``
and ``rrnkit.extra.polars`` read the CSV back with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rrnkit._internal import table_schema as _frictionless
from rrnkit._internal.paths import StrPath, as_path
from rrnkit.tabular._column import Column, ColumnType
from rrnkit.tabular._table import Table
from rrnkit.tabular._tables import table as table_named

__all__ = [
    "check_table_schema",
    "csv_schema",
    "load_table_schema",
    "schema_path",
    "table_schema",
    "write_table_schema",
]

_TYPES = {
    ColumnType.STRING: "string",
    ColumnType.CODE: "string",
    ColumnType.INTEGER: "integer",
    ColumnType.BOOLEAN: "boolean",
    ColumnType.DATE: "date",
    ColumnType.DATETIME: "datetime",
}


def column_field(column: Column) -> dict[str, Any]:
    """Return the Table Schema field descriptor of one column."""
    boolean = column.type is ColumnType.BOOLEAN
    return _frictionless.field(
        column.name,
        _TYPES[column.type],
        description=column.description,
        required=not column.nullable,
        categories=column.codes if column.type is ColumnType.CODE else (),
        true_values=("true",) if boolean else (),
        false_values=("false",) if boolean else (),
        **({"rrnkit:sensitive": True} if column.sensitive else {}),
    )


def table_schema(
    table: str | Table,
    *,
    include_sensitive: bool = False,
    raw: bool = False,
    columns: Iterable[Column] | None = None,
) -> dict[str, Any]:
    """Return the Table Schema of a table's CSV, as a JSON-ready dict.

    The fields are the table's columns in CSV order (with the sensitive ones
    when ``include_sensitive``), or exactly ``columns`` when given. ``raw``
    says the CSV was written with ``raw=True``: the schema's
    ``rrnkit:neutralised`` property is then false, else true.
    """
    spec = table_named(table)
    chosen = (
        tuple(columns)
        if columns is not None
        else spec.columns_for(include_sensitive=include_sensitive)
    )
    return _frictionless.schema((column_field(c) for c in chosen), neutralised=not raw)


def schema_path(csv_path: StrPath) -> Path:
    """Return where a CSV file's schema is: ``incidents.csv`` -> ``incidents.schema.json``."""
    return _frictionless.schema_path(as_path(csv_path, "csv_path"))


def write_table_schema(csv_path: StrPath, schema: dict[str, Any]) -> Path:
    """Write ``schema`` beside the CSV file at ``csv_path`` (atomically); return its path."""
    return _frictionless.write_schema(as_path(csv_path, "csv_path"), schema)


def check_table_schema(schema: Any, header: Sequence[str] | None = None) -> tuple[str, ...]:
    """Return what is wrong with a Table Schema (empty when nothing is).

    The rules are the standard's for fields (unique names, standard types,
    formats, ``trueValues``/``falseValues``, ``categories``, ``constraints``),
    ``missingValues``, ``fieldsMatch`` and ``primaryKey``; given a CSV
    ``header``, it must name the fields in order (``fieldsMatch: exact``).
    """
    return tuple(_frictionless.check_schema(schema, header))


def load_table_schema(path: StrPath) -> dict[str, Any]:
    """Read a ``.schema.json`` file; raise ``ValueError`` when it is not a valid Table Schema."""
    return _frictionless.load_schema(as_path(path, "path"))


def csv_schema(
    csv_path: StrPath,
    *,
    schema: StrPath | Mapping[str, Any] | None = None,
    table: str | Table | None = None,
    raw: bool = False,
) -> dict[str, Any]:
    """Return the Table Schema to read a CSV file with, checked against the file's header.

    By default the schema beside the file (:func:`schema_path`); or ``schema``,
    a schema file or a descriptor already read; or, given ``table``, the
    table's own (with its sensitive columns when the header has them, and
    ``raw`` saying the file was written with ``raw=True``). Raises
    ``ValueError`` when the schema is not a valid Table Schema or does not
    name the header's columns in order, and ``FileNotFoundError`` when there
    is no schema beside the file.
    """
    path = as_path(csv_path, "csv_path")
    header = _frictionless.csv_header(path)
    descriptor: dict[str, Any]
    if table is not None:
        if schema is not None:
            raise TypeError("give a schema or a table, not both")
        spec = table_named(table)
        sensitive = len(header) > len(spec.columns_for())
        descriptor = table_schema(spec, include_sensitive=sensitive, raw=raw)
    elif schema is None:
        descriptor = _frictionless.load_schema(_frictionless.schema_path(path))
    elif isinstance(schema, Mapping):
        descriptor = dict(schema)
    else:
        descriptor = _frictionless.load_schema(as_path(schema, "schema"))
    problems = _frictionless.check_schema(descriptor, header)
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return descriptor
