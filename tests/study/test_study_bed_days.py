"""Occupied bed days from CSV: good rows kept, bad rows located, values never echoed."""

from __future__ import annotations

from pathlib import Path

import pytest

from rrnkit.study import (
    BedDays,
    Month,
    OccupiedBedDays,
    format_bed_days,
    months_between,
    parse_bed_days,
    read_bed_days,
)

HEADER = "organisation_id,unit_id,month,occupied_bed_days\n"


def test_good_rows_are_read_in_order() -> None:
    table = parse_bed_days(
        HEADER + "org-a,ward-1,2025-02,280\norg-a,ward-1,2025-01,310\n\norg-b,,2025-01,900\n"
    )
    assert table.problems == ()
    assert [(r.organisation_id, r.unit_id, str(r.month), r.occupied_bed_days) for r in table] == [
        ("org-a", "ward-1", "2025-01", 310),
        ("org-a", "ward-1", "2025-02", 280),
        ("org-b", None, "2025-01", 900),
    ]
    assert (len(table), table.total) == (3, 1490)
    assert table.get("org-a", "ward-1", Month(2025, 1)) == 310
    assert table.get("org-a", "ward-9", Month(2025, 1)) is None


def test_columns_may_come_in_any_order_with_a_bom_crlf_and_quotes() -> None:
    text = (
        '\ufeffmonth,occupied_bed_days,unit_id,organisation_id\r\n"2025-03","31",ward-1,org-a\r\n'
    )
    table = parse_bed_days(text)
    assert table.problems == ()
    [row] = list(table)
    assert (row.organisation_id, row.unit_id, row.month, row.occupied_bed_days) == (
        "org-a",
        "ward-1",
        Month(2025, 3),
        31,
    )


def test_each_bad_value_is_located_by_line_column_and_pointer() -> None:
    text = HEADER + (
        "org-a,ward-1,2025-13,10\n"  # line 2: bad month at column 14
        "org-a,ward-1,2025-01,-5\n"  # line 3: negative at column 22
        "org-a,ward 1,2025-01,1.5\n"  # line 4: bad unit id (column 7) and a fraction (column 22)
        ",ward-1,2025-01,10\n"  # line 5: blank organisation
        "org-a,ward-1\n"  # line 6: too few values
        'org-a,"ward-1,2025-01,10\n'  # line 7: unclosed quote
        "org-a,ward-2,2025-01,7\n"  # line 8: good
    )
    table = parse_bed_days(text, source="beds.csv")
    found = [(p.line, p.column, p.pointer, p.code) for p in table.problems]
    assert found == [
        (2, 14, "/month", "bed-days.month"),
        (3, 22, "/occupied_bed_days", "bed-days.number"),
        (4, 7, "/unit_id", "bed-days.identifier"),
        (4, 22, "/occupied_bed_days", "bed-days.number"),
        (5, 1, "/organisation_id", "bed-days.required"),
        (6, None, "", "bed-days.field-count"),
        (7, None, "", "bed-days.quote"),
    ]
    assert all(p.source == "beds.csv" for p in table.problems)
    assert [r.unit_id for r in table] == ["ward-2"]
    assert "ward 1" not in " ".join(str(p) for p in table.problems)


def test_a_missing_column_stops_reading_and_an_unknown_one_is_reported() -> None:
    missing = parse_bed_days("organisation_id,unit_id,month\norg-a,ward-1,2025-01\n")
    assert [(p.code, p.pointer, p.line) for p in missing.problems] == [
        ("bed-days.header", "/occupied_bed_days", 1)
    ]
    assert len(missing) == 0
    extra = parse_bed_days(
        "organisation_id,unit_id,month,occupied_bed_days,secret_note\norg-a,ward-1,2025-01,3,x\n"
    )
    assert [(p.code, p.column) for p in extra.problems] == [("bed-days.unknown-column", 49)]
    assert "secret_note" not in str(extra.problems[0])
    assert len(extra) == 1


def test_empty_and_undecodable_input() -> None:
    assert [p.code for p in parse_bed_days("").problems] == ["bed-days.empty"]
    text = (HEADER.encode() + b"org-a,ward-1,2025-01,\xff\xfe\norg-a,ward-2,2025-01,4\n").decode(
        "utf-8", "surrogateescape"
    )
    table = parse_bed_days(text)
    assert [(p.code, p.line) for p in table.problems] == [("bed-days.encoding", 2)]
    assert len(table) == 1


def test_repeats_and_mixed_levels_keep_the_first_and_say_where() -> None:
    text = HEADER + (
        "org-a,ward-1,2025-01,10\n"
        "org-a,ward-1,2025-01,99\n"  # repeat: line 3
        "org-a,,2025-01,500\n"  # organisation-wide as well as by unit: line 4
        "org-b,,2025-01,200\n"
    )
    table = parse_bed_days(text, source="beds.csv")
    assert [(p.code, p.line) for p in table.problems] == [
        ("bed-days.duplicate", 3),
        ("bed-days.mixed-levels", 4),
    ]
    assert table.get("org-a", "ward-1", Month(2025, 1)) == 10
    assert table.get("org-a", None, Month(2025, 1)) is None
    assert table.cell_of("org-b", "ward-7", Month(2025, 1)) == OccupiedBedDays(
        organisation_id="org-b", month=Month(2025, 1), occupied_bed_days=200
    )
    assert table.cell_of("org-a", None, Month(2025, 1)) is None


def test_reading_a_file_never_raises(tmp_path: Path) -> None:
    path = tmp_path / "beds.csv"
    path.write_text(HEADER + "org-a,ward-1,2025-01,10\n", encoding="utf-8")
    assert len(read_bed_days(path)) == 1
    assert [p.code for p in read_bed_days(tmp_path / "absent.csv").problems] == ["path.not-found"]
    (folder,) = read_bed_days(tmp_path).problems
    assert (folder.code, folder.message) == ("path.unreadable", "is a folder")


def test_rows_round_trip_through_csv() -> None:
    rows = [
        OccupiedBedDays(
            organisation_id="org-a", unit_id="ward-1", month=Month(2024, 12), occupied_bed_days=3
        ),
        OccupiedBedDays(organisation_id="org-b", month=Month(2025, 1), occupied_bed_days=0),
    ]
    assert list(parse_bed_days(format_bed_days(rows))) == rows
    assert list(BedDays(rows)) == rows


def test_rows_built_in_python_are_validated() -> None:
    with pytest.raises(ValueError, match="identifier"):
        OccupiedBedDays(organisation_id="org a", month=Month(2025, 1), occupied_bed_days=1)
    with pytest.raises(ValueError, match="occupied_bed_days"):
        OccupiedBedDays(organisation_id="org-a", month=Month(2025, 1), occupied_bed_days=-1)


def test_months() -> None:
    assert Month.parse("2024-02").days == 29
    assert Month(2025, 3).quarter == "2025-Q1"
    assert (Month(2025, 3).financial_year, Month(2025, 4).financial_year) == ("2024-25", "2025-26")
    assert [str(m) for m in months_between(Month(2024, 11), Month(2025, 2))] == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]
    for bad in ("2025-3", "2025-00", "25-01", "2025-01\n"):
        with pytest.raises(ValueError, match="month"):
            Month.parse(bad)


@pytest.mark.parametrize(
    ("row", "count"),
    [("org-a,ward-1,2025-01,10,ZQ-EXTRA-QZ", 5), ("org-a,ward-1,2025-01", 3)],
    ids=["extra cell", "missing cell"],
)
def test_a_row_of_the_wrong_length_is_located_and_not_read(row: str, count: int) -> None:
    table = parse_bed_days(HEADER + row + "\norg-a,ward-2,2025-01,4\n", source="beds.csv")
    assert [(p.code, p.source, p.line) for p in table.problems] == [
        ("bed-days.field-count", "beds.csv", 2)
    ]
    assert f"has {count} values" in table.problems[0].message
    assert "ZQ-" not in str(table.problems[0])
    assert [r.unit_id for r in table] == ["ward-2"]


def test_a_header_naming_a_column_twice_is_located() -> None:
    table = parse_bed_days(
        "organisation_id,unit_id,month,occupied_bed_days,month\norg-a,ward-1,2025-01,3,2025-02\n",
        source="beds.csv",
    )
    assert [(p.code, p.line, p.pointer) for p in table.problems] == [
        ("bed-days.header", 1, "/month")
    ]
