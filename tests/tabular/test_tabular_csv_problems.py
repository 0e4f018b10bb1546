"""A malformed header or row in a table's CSV is a located problem, and the rest is read.

Every case of issue 17's list for every CSV reader: an unknown, a missing and a
repeated column, an empty file; a row with too few or too many cells, and a
byte that is not UTF-8 (reported on its own line). Nothing is dropped
silently, and no message repeats a cell.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from rrnkit.problems import DocumentError, Problem
from rrnkit.tabular import TABLES, read_csv

STAFF = TABLES["staff"]
NAMES = [c.name for c in STAFF.columns_for()]
HEADER = ",".join(NAMES)
GOOD = "i1,0,o,,,,true,true"
OTHER = "i2,1,o,,,,false,true"
SECRET = "ZQ-SECRET-QZ"


def read(path: Path) -> tuple[list[tuple[str, int | None]], list[str]]:
    """Read the staff table with a problems list: (code, line) pairs and the incident ids."""
    problems: list[Problem] = []
    rows = list(read_csv(path, "staff", problems=problems))
    for problem in problems:
        assert problem.source == str(path)
        assert SECRET not in str(problem)
    return [(p.code, p.line) for p in problems], [r[0] for r in rows]


def write(tmp_path: Path, data: str | bytes) -> Path:
    path = tmp_path / "staff.csv"
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (HEADER + "," + SECRET, "table.unknown-column"),
        (",".join(NAMES[:3] + NAMES[4:]), "table.header"),
        (HEADER + "," + NAMES[2], "table.duplicate-column"),
        (",".join([NAMES[1], NAMES[0], *NAMES[2:]]), "table.header"),
    ],
    ids=["unknown column", "missing column", "duplicate column", "out of order"],
)
def test_a_bad_header_is_located_and_stops_the_file(tmp_path: Path, header: str, code: str) -> None:
    path = write(tmp_path, f"{header}\n{GOOD}\n")
    assert read(path) == ([(code, 1)], [])


def test_an_unknown_column_is_named_by_position_never_by_name(tmp_path: Path) -> None:
    problems: list[Problem] = []
    list(read_csv(write(tmp_path, f"{HEADER},{SECRET}\n"), "staff", problems=problems))
    assert f"column {len(NAMES) + 1}" in problems[0].message


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff"])
def test_an_empty_file_is_located(tmp_path: Path, text: str) -> None:
    assert read(write(tmp_path, text)) == ([("table.empty", 1)], [])


@pytest.mark.parametrize(
    ("row", "word"),
    [("i1,0,o", "fewer"), (GOOD + "," + SECRET, "more")],
    ids=["too few cells", "too many cells"],
)
def test_a_short_or_long_row_is_located_and_the_rest_are_read(
    tmp_path: Path, row: str, word: str
) -> None:
    path = write(tmp_path, f"{HEADER}\n{GOOD}\n{row}\n{OTHER}\n")
    assert read(path) == ([("table.row-length", 3)], ["i1", "i2"])
    problems: list[Problem] = []
    list(read_csv(path, "staff", problems=problems))
    assert f"{word} than the header's {len(NAMES)} columns" in problems[0].message


def test_a_byte_that_is_not_utf8_is_reported_on_its_own_line(tmp_path: Path) -> None:
    # the bad byte sits on the second line of a quoted cell that spans two lines
    data = f'{HEADER}\n{GOOD}\ni3,2,o,,,"first\nsecond\xff",true,true\n{OTHER}\n'
    path = write(tmp_path, data.encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff"))
    assert read(path) == ([("table.encoding", 4)], ["i1", "i2"])


def test_a_header_that_is_not_utf8_stops_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER.encode() + b"\xfe\n" + GOOD.encode() + b"\n")
    assert read(path) == ([("table.encoding", 1)], [])


def test_a_bad_value_is_located_by_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{GOOD}\ni3,{SECRET},o,,,,true,true\n{OTHER}\n")
    problems: list[Problem] = []
    assert [r[0] for r in read_csv(path, "staff", problems=problems)] == ["i1", "i2"]
    assert [(p.code, p.line, p.pointer) for p in problems] == [("table.value", 3, "/position")]


def test_broken_quoting_is_located_and_ends_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, f'{HEADER}\n{GOOD}\ni3,2,o,"x"y,,,true,true\n{OTHER}\n')
    assert read(path) == ([("table.csv", 3)], ["i1"])


def test_without_a_problems_list_the_first_problem_raises_with_its_code() -> None:
    with pytest.raises(DocumentError) as raised:
        read_csv(io.StringIO(f"{HEADER},{NAMES[0]}\n"), "staff", name="staff.csv")
    assert [(p.code, p.source, p.line) for p in raised.value.problems] == [
        ("table.duplicate-column", "staff.csv", 1)
    ]
    rows = read_csv(io.StringIO(f"{HEADER}\n{GOOD}\ni1,0\n"), "staff")
    with pytest.raises(DocumentError) as raised:
        list(rows)
    assert raised.value.problems[0].code == "table.row-length"


def test_a_sensitive_header_reads_the_sensitive_columns_all_or_none(tmp_path: Path) -> None:
    columns = TABLES["incidents"].columns_for(include_sensitive=True)
    sensitive = [c for c in columns if c.sensitive]
    assert len(sensitive) > 1
    path = tmp_path / "incidents.csv"
    path.write_text(",".join(c.name for c in columns) + "\n", encoding="utf-8")
    problems: list[Problem] = []
    assert read_csv(path, "incidents", problems=problems).columns == columns
    assert problems == []
    path.write_text(",".join(c.name for c in columns if c != sensitive[0]) + "\n")
    assert list(read_csv(path, "incidents", problems=problems)) == []
    assert [(p.code, p.line) for p in problems] == [("table.header", 1)]
    assert sensitive[0].name in problems[0].message  # a column of the table, never a value
