"""CSV round trip: what write_csv writes, read_csv reads back as the same values."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit.strategies import documents
from rrnkit.tabular import TABLES, read_csv, tabulate, write_csv

DOCUMENT_TABLES = [name for name, spec in TABLES.items() if spec.source != "report"]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.one_of(documents("incident"), documents("training-event"), documents("bundle")),
        max_size=3,
    ),
    st.sampled_from(DOCUMENT_TABLES),
    st.booleans(),
)
def test_csv_round_trip(docs: list[Any], name: str, sensitive: bool) -> None:
    expected = list(tabulate(name, docs, include_sensitive=sensitive))
    out = io.StringIO()
    assert write_csv(tabulate(name, docs, include_sensitive=sensitive), out) == len(expected)
    back = read_csv(io.StringIO(out.getvalue()), name)
    assert back.columns == TABLES[name].columns_for(include_sensitive=sensitive)
    got = list(back)
    assert got == expected
    # date-times keep the offset the record gave, not only the instant
    for before, after in zip(expected, got, strict=True):
        assert [str(v) for v in before] == [str(v) for v in after]


def test_csv_text_form(tmp_path: Path) -> None:
    from rrnkit.io import iter_records

    docs = [r.document for r in iter_records(["examples"]) if r and r.document]
    path = tmp_path / "incidents.csv"
    write_csv(tabulate("incidents", docs), path)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("incident_id,organisation_id,unit_id,recorded_at,")
    assert lines[1].startswith(
        "inc-nm-2025-0001,org-northmoor-mh,ward-heather,2025-03-14T21:06:00+00:00,NM-S001,"
    )
    assert ",true," in lines[1]
    assert ",false," in lines[1]
    assert lines[-1] == ""
    assert len(lines) == 1 + 12 + 1


def test_read_csv_refuses_a_foreign_header_and_bad_cells() -> None:
    with pytest.raises(ValueError, match="header"):
        read_csv(io.StringIO("a,b\n1,2\n"), "staff")
    header = ",".join(c.name for c in TABLES["staff"].columns)
    rows = read_csv(io.StringIO(header + "\ni1,zero,o,,,,true,true\n"), "staff")
    with pytest.raises(
        ValueError, match=r":2: /position: table\.value: does not hold a value of type integer"
    ):
        list(rows)
    rows = read_csv(io.StringIO(header + "\ni1,0,o,,,,yes,true\n"), "staff")
    with pytest.raises(ValueError, match=r"/used_force: table\.value: .* of type boolean"):
        list(rows)
    rows = read_csv(io.StringIO(header + "\ni1,0\n"), "staff")
    with pytest.raises(ValueError, match=r"table\.row-length: has 2 cells"):
        list(rows)
