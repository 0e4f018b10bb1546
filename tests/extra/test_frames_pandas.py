"""pandas frames agree with the rows: same values, the declared dtypes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pd = pytest.importorskip("pandas")

from frame_inputs import DOCUMENT_TABLES, TABLE_DOCUMENTS  # noqa: E402

from rrnkit.extra.pandas import pandas_dtype, to_pandas  # noqa: E402
from rrnkit.tabular import TABLES, ColumnType, tabulate  # noqa: E402


def from_frame(column: Any, value: Any) -> Any:
    """A frame cell as the row value it should equal."""
    if (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and value != value)
    ):
        return None
    if column.type is ColumnType.DATE:
        return value.date()
    if column.type is ColumnType.DATETIME:
        return value.to_pydatetime()
    if column.type is ColumnType.INTEGER:
        return int(value)
    if column.type is ColumnType.BOOLEAN:
        return bool(value)
    return value


@settings(max_examples=30, deadline=None)
@given(
    TABLE_DOCUMENTS,
    st.sampled_from(DOCUMENT_TABLES),
)
def test_frames_agree_with_rows(docs: list[Any], name: str) -> None:
    rows = tabulate(name, docs, include_sensitive=True)
    expected = list(rows)
    frame = to_pandas(name, docs, include_sensitive=True)
    assert list(frame.columns) == list(rows.names)
    assert len(frame) == len(expected)
    for position, column in enumerate(rows.columns):
        assert frame.dtypes.iloc[position] == pandas_dtype(column), column.name
        got = [from_frame(column, v) for v in frame.iloc[:, position].astype(object)]
        assert got == [row[position] for row in expected], column.name


def test_dtypes_of_an_example_frame() -> None:
    from rrnkit.io import iter_records

    docs = [r.document for r in iter_records(["examples"]) if r and r.document]
    frame = to_pandas(tabulate("incidents", docs))
    assert str(frame["start"].dtype) == "datetime64[us, UTC]"
    assert list(frame["reason"].cat.categories)[:2] == ["10", "11"]
    assert str(frame["duration_minutes"].dtype) == "Int64"
    assert str(frame["is_prone"].dtype) == "boolean"
    assert frame["start"].iloc[0] == pd.Timestamp("2025-03-14T19:42:00Z")
    empty = to_pandas("training", [])
    assert list(empty.columns) == [c.name for c in TABLES["training"].columns]
    assert str(empty["end_date"].dtype) == "datetime64[s]"
    assert frame["start"].iloc[0].to_pydatetime() == dt.datetime(
        2025, 3, 14, 19, 42, tzinfo=dt.timezone.utc
    )
