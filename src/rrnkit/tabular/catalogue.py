"""The table reference (``docs/reference/tables.md``), generated from the column specs.

Regenerate with ``python -m rrnkit.tabular.catalogue docs/reference/tables.md``;
a test fails when the committed file is stale.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from rrnkit._internal.pages import cell as _cell
from rrnkit._internal.pages import write_page
from rrnkit.tabular._column import Column, ColumnType
from rrnkit.tabular._table import Table


def _type(column: Column) -> str:
    name = column.type.value
    return name if column.nullable else f"{name}, never missing"


def _meaning(column: Column) -> str:
    text = _cell(column.description)
    if column.type is ColumnType.CODE:
        text += " One of " + ", ".join(f"`{c}`" for c in column.codes) + "."
    if column.sensitive:
        text = "**Sensitive: only with `include_sensitive`.** " + text
    return text


def render_markdown(tables: Mapping[str, Table]) -> str:
    """Render every table's columns as a Markdown reference page."""
    lines = [
        "# Tables",
        "",
        "Generated from the column specifications by",
        "`python -m rrnkit.tabular.catalogue docs/reference/tables.md`; do not edit by hand.",
        "",
        "Every table has these columns in this order. A value may be missing (an empty CSV",
        "cell, null in a DataFrame or Parquet file) unless its type says *never missing*.",
        "Types: `string`; `code` (the official code string, a categorical in DataFrames);",
        "`integer`; `boolean`; `date`; `datetime` (an instant with its UTC offset in CSV,",
        "in UTC in DataFrames and Parquet). *Source* is the JSON Pointer the value comes",
        "from (`*` is any array index); a *derived* value is computed from it.",
        "",
        "Sensitive columns hold personal data (linkage keys) and are left out unless",
        "`include_sensitive=True` (`--include-sensitive`) is given. No table ever holds",
        "names, free text, dates of birth or locations.",
        "",
    ]
    for spec in tables.values():
        lines += [
            f"## `{spec.name}`",
            "",
            _cell(spec.description),
            f"**Row:** {_cell(spec.row)} **Made from:** "
            + (f"`{spec.source}` documents." if spec.source != "report" else "a report."),
            "",
            "| column | type | source | meaning |",
            "|---|---|---|---|",
        ]
        for column in spec.columns:
            sources = ", ".join(f"`{s}`" for s in column.sources)
            if column.derived:
                sources = f"derived from {sources}"
            lines.append(f"| `{column.name}` | {_type(column)} | {sources} | {_meaning(column)} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Write the table reference to the path in ``argv`` (or standard output)."""
    from rrnkit.tabular._tables import TABLES

    return write_page(render_markdown(TABLES), argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
