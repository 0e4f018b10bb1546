"""CSV with its Table Schema reads back as the typed frames: documents, CSV, pandas and polars.

The property: documents exported as CSV (beside it the Table Schema) and read
with ``rrnkit.extra.pandas.read_csv`` or ``rrnkit.extra.polars.read_csv`` equal
the frames ``to_pandas``/``to_polars`` build from the same documents, dtypes
and all: codes keep their leading zeros, dates are dates, neutralised text
gets its leading quote back off.
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pytest
from frame_inputs import DOCUMENT_TABLES, TABLE_DOCUMENTS
from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit.extra import pandas as rpd
from rrnkit.extra import polars as rpl
from rrnkit.tabular import check_table_schema, schema_path, tabulate, write_csv


@settings(max_examples=40, deadline=None)
@given(TABLE_DOCUMENTS, st.sampled_from(DOCUMENT_TABLES), st.booleans(), st.booleans())
def test_exported_csv_reads_back_as_the_typed_frames(
    docs: list[Any], name: str, sensitive: bool, raw: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.csv"
        write_csv(tabulate(name, docs, include_sensitive=sensitive), path, raw=raw)
        assert schema_path(path).is_file()
        pd.testing.assert_frame_equal(
            rpd.read_csv(path), rpd.to_pandas(name, docs, include_sensitive=sensitive)
        )
        back, made = rpl.read_csv(path), rpl.to_polars(name, docs, include_sensitive=sensitive)
        assert back.schema == made.schema
        assert back.equals(made)
        # the table's own declaration reads it the same way, without the schema file
        schema_path(path).unlink()
        pd.testing.assert_frame_equal(
            rpd.read_csv(path, table=name, raw=raw),
            rpd.to_pandas(name, docs, include_sensitive=sensitive),
        )
        assert rpl.read_csv(path, table=name, raw=raw).equals(made)


def _codes_frame(tmp_path: Path) -> Path:
    from rrnkit.io import iter_records

    docs = [r.document for r in iter_records(["examples"]) if r and r.document]
    path = tmp_path / "interventions.csv"
    write_csv(tabulate("interventions", docs), path)
    return path


def test_plain_readers_lose_leading_zeros_and_ours_keep_them(tmp_path: Path) -> None:
    path = _codes_frame(tmp_path)
    schema = json.loads(schema_path(path).read_text(encoding="utf-8"))
    codes = [f["name"] for f in schema["fields"] if f.get("categories")]
    leading_zero = [
        name for name in codes if pd.read_csv(path, dtype=str)[name].str.startswith("0").any()
    ]
    assert leading_zero, "the examples hold a code with a leading zero"
    name = leading_zero[0]
    assert pd.read_csv(path)[name].dtype.kind in "if"  # what a plain read does to "01"
    assert rpd.read_csv(path)[name].astype(str).str.startswith("0").any()
    assert rpl.read_csv(path)[name].cast(pl.String).str.starts_with("0").any()


def test_a_cell_not_of_its_type_names_column_and_row_never_the_value(tmp_path: Path) -> None:
    path = _codes_frame(tmp_path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    schema = json.loads(schema_path(path).read_text(encoding="utf-8"))
    position = next(i for i, f in enumerate(schema["fields"]) if f["type"] == "integer")
    rows[2][position] = "ZQ-SECRET-QZ"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    name = schema["fields"][position]["name"]
    for reader in (rpd.read_csv, rpl.read_csv):
        with pytest.raises(ValueError, match=f"column {name}, row 2: not a value of type integer"):
            reader(path)
        with pytest.raises(ValueError, match=f"column {name}") as raised:
            reader(path)
        assert "ZQ-" not in str(raised.value)


def test_a_missing_schema_or_a_header_it_does_not_match_is_refused(tmp_path: Path) -> None:
    path = _codes_frame(tmp_path)
    schema = json.loads(schema_path(path).read_text(encoding="utf-8"))
    schema["fields"] = schema["fields"][1:]
    with pytest.raises(ValueError, match="does not name the schema's fields in order"):
        rpd.read_csv(path, schema=schema)
    schema_path(path).unlink()
    with pytest.raises(FileNotFoundError):
        rpl.read_csv(path)


def test_mhsds_and_study_csv_read_back_with_their_types(tmp_path: Path) -> None:
    from rrnkit.io import iter_records
    from rrnkit.mhsds import write_files
    from rrnkit.model import Incident

    incidents = [r.document for r in iter_records(["examples"]) if isinstance(r.document, Incident)]
    write_files(incidents, tmp_path)
    for table in ("MHS505", "MHS515"):
        path = tmp_path / f"{table}.csv"
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        schema = json.loads(schema_path(path).read_text(encoding="utf-8"))
        assert check_table_schema(schema, header) == ()
        frame = rpl.read_csv(path)
        assert frame.height == len(path.read_text(encoding="utf-8").splitlines()) - 1
    types = rpl.read_csv(tmp_path / "MHS515.csv")
    assert types.schema["RestrictiveIntType"] == pl.Enum
    assert types.schema["StartTimeRestrictiveIntType"] == pl.Time
    assert types.schema["RestraintInjuryPatient"] == pl.Boolean
    raw = pd.read_csv(tmp_path / "MHS515.csv", dtype=str)["RestrictiveIntType"]
    assert rpd.read_csv(tmp_path / "MHS515.csv")["RestrictiveIntType"].astype(str).equals(raw)
