"""Columns: a name, a type, a description and where the value comes from, as data."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any

import attrs

from rrnkit.model.codes import Code


class ColumnType(enum.Enum):
    """The type of a column's values; every column may also hold None (missing)."""

    STRING = "string"
    """Text (identifiers included)."""
    CODE = "code"
    """One value of a fixed code table, written as its official code string."""
    INTEGER = "integer"
    """A whole number."""
    BOOLEAN = "boolean"
    """True or false."""
    DATE = "date"
    """A calendar date (``datetime.date``)."""
    DATETIME = "datetime"
    """An instant with its UTC offset (an aware ``datetime.datetime``)."""

    @property
    def python_type(self) -> type:
        """The Python type of the column's values in a row."""
        return _PYTHON_TYPES[self]

    def to_text(self, value: Any) -> str:
        """Write one value as CSV text: empty for None, ``true``/``false``, ISO 8601."""
        if value is None:
            return ""
        if self is ColumnType.BOOLEAN:
            return "true" if value else "false"
        if self is ColumnType.DATE or self is ColumnType.DATETIME:
            return str(value.isoformat())
        return str(value)

    def from_text(self, text: str) -> Any:
        """Read one value written by :meth:`to_text` (empty text is None)."""
        if text == "":
            return None
        if self is ColumnType.INTEGER:
            return int(text)
        if self is ColumnType.BOOLEAN:
            if text not in ("true", "false"):
                raise ValueError("is not 'true' or 'false'")
            return text == "true"
        if self is ColumnType.DATE:
            return dt.date.fromisoformat(text)
        if self is ColumnType.DATETIME:
            moment = dt.datetime.fromisoformat(text)
            if moment.utcoffset() is None:
                raise ValueError("has no UTC offset")
            return moment
        return text


_PYTHON_TYPES: dict[ColumnType, type] = {
    ColumnType.STRING: str,
    ColumnType.CODE: str,
    ColumnType.INTEGER: int,
    ColumnType.BOOLEAN: bool,
    ColumnType.DATE: dt.date,
    ColumnType.DATETIME: dt.datetime,
}


@attrs.frozen(kw_only=True)
class Column:
    """One column of a table: its stable name and type, what it means, where it comes from.

    ``sources`` are JSON Pointers into the document (or report) a row is made
    from, ``*`` standing for any array index; a pointer into another kind of
    document is prefixed with its kind (``course:/level``). A ``derived``
    column is computed from its sources rather than copied. A ``sensitive``
    column holds personal data and is left out unless asked for.
    """

    name: str
    type: ColumnType
    description: str
    sources: tuple[str, ...]
    value: Callable[[Any], Any] = attrs.field(eq=False, repr=False)
    """Compute the column's value from a row's subject."""
    derived: bool = False
    sensitive: bool = False
    nullable: bool = True
    """Whether the value may be None (missing)."""
    codes: tuple[str, ...] = ()
    """For a code column: every value it may hold, in the code table's order."""

    def check(self, value: Any) -> bool:
        """Tell whether ``value`` is a value this column may hold."""
        if value is None:
            return self.nullable
        expected = self.type.python_type
        if self.type is ColumnType.DATE:
            return type(value) is dt.date
        if self.type is ColumnType.DATETIME:
            return isinstance(value, dt.datetime) and value.utcoffset() is not None
        if self.type is ColumnType.INTEGER:
            return type(value) is int
        if self.type is ColumnType.CODE:
            return isinstance(value, str) and value in self.codes
        return isinstance(value, expected)


def codes_of(table: type[enum.Enum]) -> tuple[str, ...]:
    """Return every code string of a code table, in its order."""
    return tuple(member.value for member in table)


def code_value(value: Code | None) -> str | None:
    """Return a code's official string, or None."""
    return None if value is None else str(value.value)
