"""Every table rrnkit writes, by name, and :func:`tabulate`, which makes their rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rrnkit.model import Document
from rrnkit.report import Report
from rrnkit.tabular._incidents import INCIDENTS, INTERVENTIONS, STAFF
from rrnkit.tabular._outcomes import OUTCOMES
from rrnkit.tabular._table import Rows, Table, make_rows
from rrnkit.tabular._training import TRAINING

TABLES: Mapping[str, Table] = {
    table.name: table for table in (INCIDENTS, INTERVENTIONS, STAFF, OUTCOMES, TRAINING)
}
"""Every table by name, in a stable order."""


def table(name: str | Table) -> Table:
    """Return the table called ``name`` (a table is returned as it is)."""
    if isinstance(name, Table):
        return name
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(TABLES)}") from None


def tabulate(
    name: str | Table,
    source: Iterable[Document] | Report,
    *,
    include_sensitive: bool = False,
) -> Rows:
    """Return the rows of a table, made lazily from documents (or, for outcomes, a report).

    Document tables read any iterable of documents, bundles opened, and make
    each row as it is asked for, so a stream of any length is never held.
    The ``outcomes`` table reads a :class:`~rrnkit.report.Report`.

    By default no row holds a sensitive value. ``include_sensitive=True``
    adds the columns marked sensitive (linkage keys such as the NHS number):
    the output then holds personal data. Pseudonymise the documents first.
    """
    spec = table(name)
    wants_report = spec.source == "report"
    if wants_report and not isinstance(source, Report):
        raise TypeError(f"the {spec.name} table is made from a Report")
    if not wants_report and (isinstance(source, (Report, str, bytes)) or _is_one(source)):
        raise TypeError(f"the {spec.name} table is made from an iterable of documents")
    return make_rows(spec, source, include_sensitive=include_sensitive)


def as_rows(
    rows: Rows | str | Table,
    source: Iterable[Document] | Report | None = None,
    *,
    include_sensitive: bool = False,
) -> Rows:
    """Return ``rows`` as they are, or make them from a table name and a source.

    What the writers in ``rrnkit.extra`` accept: rows already made by
    :func:`tabulate`, or a table (by name) with the documents or report to
    tabulate. Sensitivity is chosen when rows are made, never afterwards.
    """
    if isinstance(rows, Rows):
        if source is not None or include_sensitive:
            raise TypeError(
                "rows are already made: give the source and include_sensitive to tabulate()"
            )
        return rows
    if source is None:
        raise TypeError("give the documents (or the report) to tabulate")
    return tabulate(rows, source, include_sensitive=include_sensitive)


def _is_one(source: Any) -> bool:
    """Tell whether ``source`` is a single document where an iterable was wanted."""
    return hasattr(source, "kind") and hasattr(source, "schema_version")
