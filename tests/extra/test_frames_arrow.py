"""Arrow tables and Parquet files agree with the rows, with the explicit schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from frame_inputs import DOCUMENT_TABLES, TABLE_DOCUMENTS  # noqa: E402

from rrnkit.extra.arrow import (  # noqa: E402
    arrow_schema,
    record_batches,
    to_arrow_table,
    write_parquet,
)
from rrnkit.report import evaluate  # noqa: E402
from rrnkit.rules.packs import ALL_PACKS  # noqa: E402
from rrnkit.tabular import TABLES, ColumnType, tabulate  # noqa: E402


def as_rows(table: Any, columns: Any) -> list[tuple[Any, ...]]:
    """The table's values as row tuples (date-times compared as instants)."""
    data = table.to_pylist()
    return [tuple(item[c.name] for c in columns) for item in data]


@settings(max_examples=30, deadline=None)
@given(
    TABLE_DOCUMENTS,
    st.sampled_from(DOCUMENT_TABLES),
    st.integers(1, 3),
)
def test_tables_agree_with_rows(docs: list[Any], name: str, batch_size: int) -> None:
    rows = tabulate(name, docs, include_sensitive=True)
    expected = list(rows)
    table = to_arrow_table(name, docs, include_sensitive=True, batch_size=batch_size)
    assert table.schema == arrow_schema(rows)
    assert as_rows(table, rows.columns) == expected


def test_the_schema_follows_the_specs() -> None:
    schema = arrow_schema(TABLES["incidents"])
    assert schema.field("start").type == pa.timestamp("us", tz="UTC")
    assert not schema.field("start").nullable
    assert schema.field("end").nullable
    assert schema.field("reason").type == pa.dictionary(pa.int16(), pa.string())
    assert schema.field("hour").type == pa.int64()
    assert schema.field("is_prone").type == pa.bool_()
    assert schema.field("reason").metadata[b"description"].startswith(b"MHSDS")
    assert schema.metadata[b"rrnkit.table"] == b"incidents"
    dates = arrow_schema(TABLES["training"]).field("end_date")
    assert dates.type == pa.date32()
    for spec in TABLES.values():
        for column in spec.columns:
            assert (column.type is ColumnType.CODE) == pa.types.is_dictionary(
                arrow_schema([column]).field(0).type
            )


def test_batches_are_bounded() -> None:
    from rrnkit.io import iter_records

    docs = [r.document for r in iter_records(["examples"]) if r and r.document]
    sizes = [b.num_rows for b in record_batches(tabulate("staff", docs), batch_size=10)]
    assert sizes == [10, 10, 10, 7]


def test_parquet_round_trip(tmp_path: Path) -> None:
    from rrnkit.io import iter_records

    docs = [r.document for r in iter_records(["examples"]) if r and r.document]
    report = evaluate(docs, ALL_PACKS, as_of=dt.date(2026, 11, 28))
    path = tmp_path / "outcomes.parquet"
    assert write_parquet("outcomes", path, report, batch_size=100) == len(report.results)
    back = pq.read_table(path)
    rows = tabulate("outcomes", report)
    assert back.schema.equals(arrow_schema(rows), check_metadata=False)
    assert as_rows(back, rows.columns) == list(tabulate("outcomes", report))
    empty = tmp_path / "empty.parquet"
    assert write_parquet("staff", empty, []) == 0
    assert pq.read_table(empty).num_rows == 0
