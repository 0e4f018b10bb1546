"""Import: hand-written MHSDS rows become incidents; bad rows are located, never echoed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from rrnkit.mhsds import (
    SUPPLIED_POINTERS,
    ImportResult,
    RecordedAt,
    import_rows,
    read_files,
)
from rrnkit.model import Incident, InterventionReason, InterventionType

UTC = dt.timezone.utc
BST = dt.timezone(dt.timedelta(hours=1))
RECORDED = dt.datetime(2026, 8, 1, 9, 0, tzinfo=UTC)
SPELL = "ZQ-SPELL-QZ"


def mhs505(**cells: str) -> dict[str, str]:
    row = {
        "RestrictiveIntIncID": "inc-1",
        "HospProvSpellID": SPELL,
        "StartDateRestrictiveIntInc": "2026-07-01",
        "StartTimeRestrictiveIntInc": "10:30:00",
        "EndDateRestrictiveIntInc": "2026-07-01",
        "EndTimeRestrictiveIntInc": "10:45:30",
        "RestrictiveIntReason": "11",
        "RestrictiveIntPIReviewHeldPat": "Y",
        "RestrictiveIntPIReviewNotHeldReasPat": "",
        "RestrictiveIntPIReviewHeldCarePers": "N",
    }
    row.update(cells)
    return row


def mhs515(**cells: str) -> dict[str, str]:
    row = {
        "RestrictiveIntTypeID": "ri1",
        "RestrictiveIntIncID": "inc-1",
        "RestrictiveIntType": "01",
        "StartDateRestrictiveIntType": "2026-07-01",
        "StartTimeRestrictiveIntType": "10:31:00",
        "EndDateRestrictiveIntType": "2026-07-01",
        "EndTimeRestrictiveIntType": "10:40:00",
        "RestraintInjuryPatient": "N",
        "RestraintInjuryCarePers": "Y",
        "RestraintInjuryOtherPers": "",
    }
    row.update(cells)
    return row


def run(
    incidents: list[dict[str, str]],
    types: list[dict[str, str]],
    recorded_at: Any = RECORDED,
) -> ImportResult:
    return import_rows(incidents, types, organisation_id="org-1", recorded_at=recorded_at)


def only(result: ImportResult) -> Incident:
    assert result.problems == ()
    assert len(result.incidents) == 1
    return result.incidents[0].incident


def test_rows_become_an_incident_with_only_what_mhsds_carries() -> None:
    incident = only(run([mhs505()], [mhs515()]))
    assert incident.id == "inc-1"
    assert incident.organisation_id == "org-1"
    assert incident.recorded_at == RECORDED
    assert incident.hospital_provider_spell_id == SPELL
    assert incident.start == dt.datetime(2026, 7, 1, 10, 30, tzinfo=BST)
    assert incident.end == dt.datetime(2026, 7, 1, 10, 45, 30, tzinfo=BST)
    assert incident.start.utcoffset() == dt.timedelta(hours=1)
    assert incident.reason is InterventionReason("11")
    assert incident.patient_debrief is not None
    assert incident.patient_debrief.held is True
    assert incident.patient_debrief.offered is None
    assert incident.staff_debrief is not None
    assert incident.staff_debrief.held is False
    (intervention,) = incident.interventions
    assert intervention.id == "ri1"
    assert intervention.type is InterventionType.PHYSICAL_PRONE
    assert intervention.injuries is not None
    assert (intervention.injuries.patient, intervention.injuries.staff) == (False, True)
    assert intervention.injuries.other_person is None
    assert intervention.description is None
    assert intervention.in_care_plan is None
    assert incident.patient.name is None
    assert incident.staff == ()
    assert incident.unit_id is None


def test_the_result_says_which_fields_were_not_carried() -> None:
    result = run([mhs505()], [mhs515()])
    assert set(SUPPLIED_POINTERS) <= set(result.not_carried)
    assert {"/patient/name", "/unit_id", "/interventions/*/description"} <= set(result.not_carried)
    assert "/start" not in result.not_carried


def test_empty_cells_are_left_absent() -> None:
    row = mhs505(
        HospProvSpellID="",
        EndDateRestrictiveIntInc="",
        EndTimeRestrictiveIntInc="",
        RestrictiveIntReason="",
        RestrictiveIntPIReviewHeldPat="",
        RestrictiveIntPIReviewHeldCarePers="",
    )
    injuries = {
        "RestraintInjuryPatient": "",
        "RestraintInjuryCarePers": "",
        "RestraintInjuryOtherPers": "",
    }
    incident = only(run([row], [mhs515(**injuries)]))
    assert incident.hospital_provider_spell_id is None
    assert incident.end is None
    assert incident.reason is None
    assert incident.patient_debrief is None
    assert incident.staff_debrief is None
    assert incident.interventions[0].injuries is None


def test_an_incident_without_interventions_imports() -> None:
    assert only(run([mhs505()], [])).interventions == ()


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (RecordedAt.INCIDENT_START, dt.datetime(2026, 7, 1, 10, 30, tzinfo=BST)),
        (RecordedAt.INCIDENT_END, dt.datetime(2026, 7, 1, 10, 45, 30, tzinfo=BST)),
    ],
)
def test_recorded_at_follows_the_policy_the_caller_chose(
    policy: RecordedAt, expected: dt.datetime
) -> None:
    assert only(run([mhs505()], [mhs515()], recorded_at=policy)).recorded_at == expected


def test_incident_end_policy_falls_back_to_the_start_without_an_end() -> None:
    row = mhs505(EndDateRestrictiveIntInc="", EndTimeRestrictiveIntInc="")
    incident = only(run([row], [], recorded_at=RecordedAt.INCIDENT_END))
    assert incident.recorded_at == incident.start


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"organisation_id": "", "recorded_at": RECORDED}, ValueError),
        ({"organisation_id": "not an id", "recorded_at": RECORDED}, ValueError),
        ({"organisation_id": "org-1", "recorded_at": dt.datetime(2026, 1, 1)}, ValueError),
        ({"organisation_id": "org-1", "recorded_at": "incident-end"}, TypeError),
    ],
)
def test_the_supplied_fields_must_be_given_properly(
    arguments: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        import_rows([mhs505()], [], **arguments)


BAD_CELLS = [
    ("MHS505", "RestrictiveIntIncID", "", "mhsds.required"),
    ("MHS505", "RestrictiveIntIncID", "bad id!", "value.identifier"),
    ("MHS505", "StartDateRestrictiveIntInc", "01/07/2026", "mhsds.date"),
    ("MHS505", "StartDateRestrictiveIntInc", "2026-02-30", "mhsds.date"),
    ("MHS505", "StartTimeRestrictiveIntInc", "10:30", "mhsds.time"),
    ("MHS505", "StartTimeRestrictiveIntInc", "25:00:00", "mhsds.time"),
    ("MHS505", "StartTimeRestrictiveIntInc", "", "mhsds.required"),
    ("MHS505", "EndDateRestrictiveIntInc", "2026-06-30", "value.order"),
    ("MHS505", "RestrictiveIntReason", "02", "mhsds.code"),
    ("MHS505", "RestrictiveIntPIReviewHeldPat", "yes", "mhsds.yes-no"),
    ("MHS515", "RestrictiveIntType", "02", "mhsds.code"),
    ("MHS515", "RestrictiveIntType", "", "mhsds.required"),
    ("MHS515", "RestraintInjuryOtherPers", "U", "mhsds.yes-no"),
    ("MHS515", "EndDateRestrictiveIntType", "2026-06-30", "value.order"),
]


@pytest.mark.parametrize(("table", "column", "cell", "code"), BAD_CELLS)
def test_a_bad_cell_is_located_by_file_line_and_column(
    table: str, column: str, cell: str, code: str
) -> None:
    good = mhs505(RestrictiveIntIncID="inc-0")
    if table == "MHS505":
        result = run([mhs505(**{column: cell}), good], [mhs515()])
    else:
        result = run([mhs505(), good], [mhs515(**{column: cell})])
    assert [i.incident.id for i in result.incidents] == ["inc-0"]
    first = result.problems[0]
    assert (first.source, first.line, first.pointer, first.code) == (
        f"{table}.csv",
        2,
        f"/{column}",
        code,
    )
    assert (result.read, result.valid, result.invalid) == (3, 1, 2)
    for problem in result.problems:
        assert cell not in problem.message or cell == ""
        assert SPELL not in str(problem)


def test_a_nonexistent_spring_time_is_refused() -> None:
    row = mhs505(
        StartDateRestrictiveIntInc="2026-03-29",
        StartTimeRestrictiveIntInc="01:30:00",
        EndDateRestrictiveIntInc="",
        EndTimeRestrictiveIntInc="",
    )
    result = run([row], [])
    assert [(p.code, p.pointer) for p in result.problems] == [
        ("mhsds.time-nonexistent", "/StartTimeRestrictiveIntInc")
    ]


def test_a_repeated_october_time_is_read_as_the_first_and_flagged() -> None:
    row = mhs505(
        StartDateRestrictiveIntInc="2026-10-25",
        StartTimeRestrictiveIntInc="01:50:00",
        EndDateRestrictiveIntInc="2026-10-25",
        EndTimeRestrictiveIntInc="01:10:00",
    )
    result = run([row], [])
    incident = only(result)
    assert incident.start == dt.datetime(2026, 10, 25, 0, 50, tzinfo=UTC)
    # 01:10 BST is before the start, so the end is the second 01:10 (GMT)
    assert incident.end == dt.datetime(2026, 10, 25, 1, 10, tzinfo=UTC)
    assert result.incidents[0].ambiguous == ("/start", "/end")


def test_an_mhs515_row_without_its_incident_is_reported_not_dropped() -> None:
    result = run([mhs505()], [mhs515(), mhs515(RestrictiveIntIncID="inc-9")])
    assert len(result.incidents) == 1
    assert [(p.code, p.line, p.pointer) for p in result.problems] == [
        ("mhsds.orphan", 3, "/RestrictiveIntIncID")
    ]
    assert (result.read, result.valid, result.invalid) == (3, 2, 1)


def test_a_bad_intervention_row_keeps_its_whole_incident_out() -> None:
    result = run([mhs505()], [mhs515(), mhs515(RestrictiveIntTypeID="ri2", RestrictiveIntType="")])
    assert result.incidents == ()
    assert {(p.source, p.line, p.code) for p in result.problems} == {
        ("MHS515.csv", 3, "mhsds.required"),
        ("MHS505.csv", 2, "mhsds.intervention-invalid"),
        ("MHS515.csv", 2, "mhsds.incident-invalid"),
    }
    assert (result.read, result.valid, result.invalid) == (3, 0, 3)


def test_repeated_ids_are_reported() -> None:
    result = run([mhs505(), mhs505()], [mhs515(), mhs515()])
    codes = sorted((p.source, p.line, p.code) for p in result.problems)
    assert ("MHS505.csv", 3, "mhsds.duplicate-id") in codes
    assert ("MHS515.csv", 3, "mhsds.duplicate-id") in codes
    assert result.incidents == ()
    assert result.read == result.valid + result.invalid == 4


HEADER_505 = ",".join(mhs505())
HEADER_515 = ",".join(mhs515())


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_csv_files_are_read_with_their_lines(tmp_path: Path) -> None:
    first = ",".join(mhs505().values())
    bad = ",".join(mhs505(RestrictiveIntIncID="inc-2", RestrictiveIntReason="77").values())
    a = write(tmp_path, "MHS505.csv", f"{HEADER_505}\r\n{first}\r\n\r\n{bad}\r\n")
    b = write(tmp_path, "MHS515.csv", f"{HEADER_515}\r\n" + ",".join(mhs515().values()) + "\r\n")
    result = read_files(a, b, organisation_id="org-1", recorded_at=RECORDED)
    assert [i.incident.id for i in result.incidents] == ["inc-1"]
    assert [(p.source, p.line, p.pointer) for p in result.problems] == [
        (str(a), 4, "/RestrictiveIntReason")
    ]
    assert (result.read, result.valid, result.invalid) == (3, 2, 1)


def test_a_header_without_a_required_column_is_reported(tmp_path: Path) -> None:
    header = HEADER_505.replace("StartTimeRestrictiveIntInc", "StartTime")
    a = write(tmp_path, "MHS505.csv", header + "\n" + ",".join(mhs505().values()) + "\n")
    b = write(tmp_path, "MHS515.csv", HEADER_515 + "\n")
    result = read_files(a, b, organisation_id="org-1", recorded_at=RECORDED)
    assert [(p.code, p.line) for p in result.problems] == [
        ("mhsds.unknown-column", 1),
        ("mhsds.header", 1),
    ]
    assert "did you mean StartTimeRestrictiveIntInc?" in result.problems[0].message
    assert "StartTimeRestrictiveIntInc" in result.problems[1].message
    assert result.incidents == ()
    assert (result.read, result.valid, result.invalid) == (1, 0, 1)


def test_malformed_csv_is_reported_at_its_line(tmp_path: Path) -> None:
    broken = '"inc-1,' + SPELL
    a = write(tmp_path, "MHS505.csv", f"{HEADER_505}\n{broken}\n")
    b = write(tmp_path, "MHS515.csv", HEADER_515 + "\n")
    result = read_files(a, b, organisation_id="org-1", recorded_at=RECORDED)
    assert [(p.code, p.line) for p in result.problems] == [("mhsds.csv", 2)]
    assert SPELL not in str(result.problems[0])
    assert (result.read, result.invalid) == (1, 1)


def files(folder: Path, mhs505_text: str, mhs515_text: str | bytes) -> ImportResult:
    a = write(folder, "MHS505.csv", mhs505_text)
    b = folder / "MHS515.csv"
    if isinstance(mhs515_text, bytes):
        b.write_bytes(mhs515_text)
    else:
        write(folder, "MHS515.csv", mhs515_text)
    return read_files(a, b, organisation_id="org-1", recorded_at=RECORDED)


def line(cells: dict[str, str]) -> str:
    return ",".join(cells.values()) + "\n"


GOOD_505 = HEADER_505 + "\n" + line(mhs505())
GOOD_515 = HEADER_515 + "\n" + line(mhs515())


def assert_safe(result: ImportResult) -> None:
    for problem in result.problems:
        assert SPELL not in str(problem)
        assert "ZQ-" not in str(problem)


def test_a_header_naming_an_optional_column_differently_stops_the_file(tmp_path: Path) -> None:
    header = HEADER_505.replace("RestrictiveIntReason", "RestrictiveIntReasonCode")
    result = files(tmp_path, header + "\n" + line(mhs505()), GOOD_515)
    [unknown, *rest] = result.problems
    assert (unknown.code, unknown.source, unknown.line) == (
        "mhsds.unknown-column",
        str(tmp_path / "MHS505.csv"),
        1,
    )
    assert "column 7" in unknown.message
    assert "did you mean RestrictiveIntReason?" in unknown.message
    # the MHS515 row of the unread incident is reported, not dropped
    assert [(p.code, p.line) for p in rest] == [("mhsds.incident-invalid", 2)]
    assert result.incidents == ()
    assert (result.read, result.valid, result.invalid) == (2, 0, 2)


def test_an_unknown_column_name_is_never_echoed(tmp_path: Path) -> None:
    header = HEADER_505 + ",ZQ-SECRET-QZ"
    row = line(mhs505()).rstrip("\n") + ",x\n"
    result = files(tmp_path, header + "\n" + row, GOOD_515)
    assert result.problems[0].code == "mhsds.unknown-column"
    assert "column 11" in result.problems[0].message
    assert_safe(result)
    assert result.incidents == ()


def test_a_header_naming_a_column_twice_stops_the_file(tmp_path: Path) -> None:
    # the second RestrictiveIntIncID would have taken the (sensitive) spell id
    header = HEADER_505.replace("HospProvSpellID", "RestrictiveIntIncID")
    result = files(tmp_path, header + "\n" + line(mhs505()), GOOD_515)
    codes = [(p.code, p.line) for p in result.problems]
    assert codes[0] == ("mhsds.duplicate-column", 1)
    assert "RestrictiveIntIncID twice (columns 1 and 2)" in result.problems[0].message
    assert result.incidents == ()
    assert (result.read, result.invalid) == (2, 2)
    assert_safe(result)


def test_a_header_repeating_an_unknown_name_does_not_echo_it(tmp_path: Path) -> None:
    header = HEADER_505 + ",ZQ-A-QZ,ZQ-A-QZ"
    result = files(tmp_path, header + "\n", GOOD_515)
    assert "mhsds.duplicate-column" in {p.code for p in result.problems}
    assert_safe(result)


@pytest.mark.parametrize(
    ("table", "cut", "word"),
    [
        ("MHS505", -1, "fewer"),
        ("MHS505", 1, "more"),
        ("MHS515", -3, "fewer"),
        ("MHS515", 2, "more"),
    ],
)
def test_a_short_or_long_row_is_located_and_keeps_its_incident_out(
    tmp_path: Path, table: str, cut: int, word: str
) -> None:
    cells = list((mhs505() if table == "MHS505" else mhs515()).values())
    cells = cells[:cut] if cut < 0 else [*cells, *(["ZQ-MORE-QZ"] * cut)]
    other = mhs505(RestrictiveIntIncID="inc-2")
    other_515 = mhs515(RestrictiveIntIncID="inc-2")
    if table == "MHS505":
        a = HEADER_505 + "\n" + ",".join(cells) + "\n" + line(other)
        b = GOOD_515 + line(other_515)
    else:
        a = GOOD_505 + line(other)
        b = HEADER_515 + "\n" + ",".join(cells) + "\n" + line(other_515)
    result = files(tmp_path, a, b)
    first = next(p for p in result.problems if p.code == "mhsds.row-length")
    assert (first.source, first.line) == (str(tmp_path / f"{table}.csv"), 2)
    assert f"{word} than the header's 10 columns" in first.message
    assert [i.incident.id for i in result.incidents] == ["inc-2"]
    assert (result.read, result.valid, result.invalid) == (4, 2, 2)
    assert_safe(result)


@pytest.mark.parametrize("table", ["MHS505", "MHS515"])
def test_an_empty_table_is_located(tmp_path: Path, table: str) -> None:
    a = "" if table == "MHS505" else GOOD_505
    b = "\n\n" if table == "MHS515" else GOOD_515
    result = files(tmp_path, a, b)
    empty = result.problems[0]
    assert (empty.code, empty.source, empty.line) == (
        "mhsds.empty",
        str(tmp_path / f"{table}.csv"),
        1,
    )
    assert table in empty.message
    assert result.incidents == ()
    other = "mhsds.incident-invalid" if table == "MHS505" else "mhsds.intervention-invalid"
    assert [p.code for p in result.problems[1:]] == [other]
    assert (result.read, result.valid, result.invalid) == (1, 0, 1)


def test_tables_with_a_header_and_no_rows_are_an_empty_import(tmp_path: Path) -> None:
    result = files(tmp_path, HEADER_505 + "\n", HEADER_515 + "\n")
    assert (result.problems, result.incidents, result.read) == ((), (), 0)


def test_a_byte_that_is_not_utf8_is_reported_on_its_line(tmp_path: Path) -> None:
    # a quoted cell spanning lines 3-4 holds the bad byte on line 4
    bad = mhs515(RestrictiveIntTypeID="ri2", RestraintInjuryOtherPers='"Y\n\xff"')
    text = (HEADER_515 + "\n" + line(mhs515()) + line(bad)).encode("utf-8", "surrogateescape")
    text = text.replace("\xff".encode(), b"\xff")
    result = files(tmp_path, GOOD_505 + line(mhs505(RestrictiveIntIncID="inc-2")), text)
    encoding = [p for p in result.problems if p.code == "mhsds.encoding"]
    assert [(p.source, p.line) for p in encoding] == [(str(tmp_path / "MHS515.csv"), 4)]
    assert [i.incident.id for i in result.incidents] == ["inc-2"]
    assert (result.read, result.invalid) == (4, 3)
    assert all("\udcff" not in str(p) and "\xff" not in str(p) for p in result.problems)


def test_a_bad_byte_in_the_header_stops_the_file_on_its_line(tmp_path: Path) -> None:
    text = (HEADER_515 + "\xff\n" + line(mhs515())).encode().replace("\xff".encode(), b"\xff")
    result = files(tmp_path, GOOD_505, text)
    assert [(p.code, p.line) for p in result.problems][:1] == [("mhsds.encoding", 1)]
    assert result.incidents == ()


def test_a_missing_optional_column_is_said_not_carried(tmp_path: Path) -> None:
    cells = mhs505()
    del cells["RestrictiveIntReason"]
    result = files(tmp_path, ",".join(cells) + "\n" + line(cells), GOOD_515)
    assert result.problems == ()
    assert result.absent_columns == ("MHS505.RestrictiveIntReason",)
    assert "/reason" in result.not_carried
    assert result.incidents[0].incident.reason is None


def test_a_mapping_row_with_an_unknown_column_is_refused() -> None:
    result = run([{**mhs505(), "ZQ-SECRET-QZ": "x"}], [mhs515()])
    assert next((p.code, p.source, p.line) for p in result.problems) == (
        "mhsds.unknown-column",
        "MHS505.csv",
        2,
    )
    assert result.incidents == ()
    assert_safe(result)


def test_a_byte_that_is_not_utf8_is_located_on_its_line_and_the_rest_read(
    tmp_path: Path,
) -> None:
    bad = line(mhs515(RestrictiveIntIncID="inc-2", RestraintInjuryOtherPers="ZQ-\xff"))
    body = HEADER_515 + "\n" + line(mhs515()) + bad
    data = body.encode("utf-8").replace("ZQ-\xff".encode(), b"ZQ-\xff")
    result = files(tmp_path, GOOD_505 + line(mhs505(RestrictiveIntIncID="inc-2")), data)
    encoding = [p for p in result.problems if p.code == "mhsds.encoding"]
    assert [(p.source, p.line) for p in encoding] == [(str(tmp_path / "MHS515.csv"), 3)]
    assert [i.incident.id for i in result.incidents] == ["inc-1"]
    assert (result.read, result.valid, result.invalid) == (4, 2, 2)
    assert_safe(result)


def test_a_header_that_is_not_utf8_is_located_and_stops_its_file(tmp_path: Path) -> None:
    data = HEADER_515.encode() + b"\xfe\n" + line(mhs515()).encode()
    result = files(tmp_path, GOOD_505, data)
    assert (result.problems[0].code, result.problems[0].line) == ("mhsds.encoding", 1)
    assert result.incidents == ()
    assert_safe(result)
