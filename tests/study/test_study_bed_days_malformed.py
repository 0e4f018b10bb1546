"""A malformed bed-days header or row is a located problem, and the rest of the file is read.

Issue 17's list for every CSV reader: an unknown, a missing and a repeated
column, an empty file; a row with too few or too many cells, and a byte that is
not UTF-8 (reported on its own line). Read from a file, so each problem names
the file and the line; no message repeats a cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rrnkit.study import read_bed_days

HEADER = "organisation_id,unit_id,month,occupied_bed_days"
GOOD = "org-a,ward-1,2025-01,30"
OTHER = "org-a,ward-2,2025-01,40"
SECRET = "ZQ-SECRET-QZ"


def read(tmp_path: Path, data: bytes) -> tuple[list[tuple[str, int | None]], list[str | None]]:
    path = tmp_path / "beds.csv"
    path.write_bytes(data)
    table = read_bed_days(path)
    for problem in table.problems:
        assert problem.source == str(path)
        assert SECRET not in str(problem)
    return [(p.code, p.line) for p in table.problems], [row.unit_id for row in table]


def test_an_unknown_column_is_reported_and_its_values_ignored(tmp_path: Path) -> None:
    data = f"{HEADER},{SECRET}\n{GOOD},x\n{OTHER},y\n".encode()
    assert read(tmp_path, data) == ([("bed-days.unknown-column", 1)], ["ward-1", "ward-2"])


def test_a_missing_column_stops_the_file(tmp_path: Path) -> None:
    data = b"organisation_id,unit_id,month\norg-a,ward-1,2025-01\n"
    assert read(tmp_path, data) == ([("bed-days.header", 1)], [])


def test_a_repeated_column_is_located(tmp_path: Path) -> None:
    data = f"{HEADER},unit_id\n{GOOD},ward-9\n".encode()
    assert read(tmp_path, data) == ([("bed-days.header", 1)], ["ward-1"])


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_located(tmp_path: Path, data: bytes) -> None:
    assert read(tmp_path, data) == ([("bed-days.empty", 1)], [])


@pytest.mark.parametrize(
    "row", ["org-a,ward-3,2025-01", f"org-a,ward-3,2025-01,5,{SECRET}"], ids=["short", "long"]
)
def test_a_short_or_long_row_is_located_and_the_rest_are_read(tmp_path: Path, row: str) -> None:
    data = f"{HEADER}\n{GOOD}\n{row}\n{OTHER}\n".encode()
    assert read(tmp_path, data) == ([("bed-days.field-count", 3)], ["ward-1", "ward-2"])


def test_a_byte_that_is_not_utf8_is_reported_on_its_line(tmp_path: Path) -> None:
    data = f"{HEADER}\r\n{GOOD}\r\n".encode() + b"org-a,ward-\xff,2025-01,5\r\n" + OTHER.encode()
    assert read(tmp_path, data) == ([("bed-days.encoding", 3)], ["ward-1", "ward-2"])


def test_a_header_that_is_not_utf8_stops_the_file(tmp_path: Path) -> None:
    data = HEADER.encode() + b"\xfe\n" + f"{GOOD}\n{OTHER}\n".encode()
    assert read(tmp_path, data) == ([("bed-days.encoding", 1)], [])
