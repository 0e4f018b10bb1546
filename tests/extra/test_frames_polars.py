"""polars frames agree with the rows: same values, the declared dtypes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pl = pytest.importorskip("polars")

from frame_inputs import DOCUMENT_TABLES, TABLE_DOCUMENTS  # noqa: E402

from rrnkit.extra.polars import polars_dtype, polars_schema, to_polars  # noqa: E402
from rrnkit.tabular import TABLES, tabulate  # noqa: E402


@settings(max_examples=30, deadline=None)
@given(
    TABLE_DOCUMENTS,
    st.sampled_from(DOCUMENT_TABLES),
)
def test_frames_agree_with_rows(docs: list[Any], name: str) -> None:
    rows = tabulate(name, docs, include_sensitive=True)
    expected = list(rows)
    frame = to_polars(name, docs, include_sensitive=True)
    assert frame.schema == polars_schema(rows.columns)
    assert frame.height == len(expected)
    assert frame.rows() == expected
    for column in rows.columns:
        assert frame.schema[column.name] == polars_dtype(column)


def test_an_empty_frame_keeps_its_schema() -> None:
    frame = to_polars("outcomes", _empty_report())
    assert frame.height == 0
    assert frame.schema == polars_schema(TABLES["outcomes"].columns)


def _empty_report() -> Any:
    import datetime as dt

    from rrnkit.report import evaluate
    from rrnkit.rules.packs import ALL_PACKS

    return evaluate([], ALL_PACKS, as_of=dt.date(2026, 11, 28))
