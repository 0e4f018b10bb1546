"""The column types of MHS505.csv and MHS515.csv, as Frictionless Table Schemas.

Written beside each file by :func:`~rrnkit.mhsds.write_files` and ``rrnkit
mhsds export`` (``MHS505.schema.json``), so a reader keeps the two-digit codes
as text (``"01"``), and reads dates, times and Y/N flags with their types.
"""

from __future__ import annotations

from typing import Any

from rrnkit._internal import table_schema as _frictionless
from rrnkit.mhsds._columns import MHS505, MHS505_COLUMNS, MHS515, MHS515_COLUMNS, Column, ColumnType
from rrnkit.model import InterventionReason, InterventionType

_TYPES = {
    ColumnType.IDENTIFIER: "string",
    ColumnType.TEXT: "string",
    ColumnType.DATE: "date",
    ColumnType.TIME: "time",
    ColumnType.REASON_CODE: "string",
    ColumnType.TYPE_CODE: "string",
    ColumnType.YES_NO: "boolean",
}


def _field(column: Column) -> dict[str, Any]:
    categories: tuple[str, ...] = ()
    if column.type is ColumnType.REASON_CODE:
        categories = tuple(str(r.value) for r in InterventionReason)
    elif column.type is ColumnType.TYPE_CODE:
        categories = tuple(str(t.value) for t in InterventionType)
    yes_no = column.type is ColumnType.YES_NO
    return _frictionless.field(
        column.name,
        _TYPES[column.type],
        description=column.description,
        categories=categories,
        true_values=("Y",) if yes_no else (),
        false_values=("N",) if yes_no else (),
        **({"rrnkit:sensitive": True} if column.sensitive else {}),
    )


def table_schema(table: str, *, raw: bool = False) -> dict[str, Any]:
    """Return the Table Schema of ``MHS505`` or ``MHS515`` as rrnkit writes it.

    ``raw`` says the file was written with ``raw=True`` (``rrnkit:neutralised``
    is then false). No field is ``required``: an incident the model accepts
    may lack a cell MHSDS needs, and is still written.
    """
    columns = MHS505_COLUMNS if table == MHS505 else MHS515_COLUMNS
    if table not in (MHS505, MHS515):
        raise KeyError(f"no MHSDS table {table!r}; the tables are MHS505 and MHS515")
    return _frictionless.schema((_field(c) for c in columns), neutralised=not raw)
