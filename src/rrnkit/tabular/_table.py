"""Tables: a declared list of columns, what a row is, and the rows themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from rrnkit.model import Bundle, Document
from rrnkit.tabular._column import Column

Row = tuple[Any, ...]
"""One row: the values in the order of its columns."""


@attrs.frozen(kw_only=True)
class Table:
    """A table's specification: its name, what one row stands for, and its columns."""

    name: str
    description: str
    row: str
    """What one row stands for, in a sentence."""
    source: str
    """Where rows come from: a document kind, or ``report``."""
    columns: tuple[Column, ...]
    """Every column, the sensitive ones included, in their stable order."""
    subjects: Callable[[Any], Iterator[Any]] = attrs.field(eq=False, repr=False)
    """Turn the source (documents, or a report) into one subject per row."""

    def columns_for(self, *, include_sensitive: bool = False) -> tuple[Column, ...]:
        """Return the columns a table has, with or without its sensitive ones."""
        return tuple(c for c in self.columns if include_sensitive or not c.sensitive)

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name!r} has no column {name!r}")


class Rows:
    """The rows of one table, made one at a time as they are read, with their columns.

    Iterate once: each row is a tuple of values in the order of ``columns``
    (``dict(zip(rows.names, row))`` makes a dict of one). Nothing is held:
    rows are made from the source as they are asked for.
    """

    __slots__ = ("_rows", "columns", "table")

    def __init__(self, table: Table, columns: tuple[Column, ...], rows: Iterable[Row]) -> None:
        """Pair the rows with the table and the columns they hold."""
        self.table = table
        self.columns = columns
        self._rows = iter(rows)

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    def __iter__(self) -> Iterator[Row]:
        """Return the rows (a single pass)."""
        return self._rows

    def dicts(self) -> Iterator[dict[str, Any]]:
        """Yield each row as a dict keyed by column name, in column order."""
        names = self.names
        for row in self._rows:
            yield dict(zip(names, row, strict=True))

    def __repr__(self) -> str:
        """Name the table and columns, never any value."""
        return f"<Rows of {self.table.name!r}: {len(self.columns)} columns>"


def documents_of(documents: Iterable[Document]) -> Iterator[Document]:
    """Yield each document, and each document inside a bundle, in order."""
    for document in documents:
        if isinstance(document, Bundle):
            yield from document.documents
        else:
            yield document


def make_rows(table: Table, source: Any, *, include_sensitive: bool = False) -> Rows:
    """Return the rows of ``table`` made from ``source``, lazily."""
    columns = table.columns_for(include_sensitive=include_sensitive)
    getters = tuple(c.value for c in columns)

    def generate() -> Iterator[Row]:
        for subject in table.subjects(source):
            yield tuple(get(subject) for get in getters)

    return Rows(table, columns, generate())
