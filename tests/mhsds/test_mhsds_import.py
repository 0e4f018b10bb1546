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
    assert [(p.code, p.line) for p in result.problems] == [("mhsds.header", 1)]
    assert "StartTimeRestrictiveIntInc" in result.problems[0].message


def test_malformed_csv_is_reported_at_its_line(tmp_path: Path) -> None:
    broken = '"inc-1,' + SPELL
    a = write(tmp_path, "MHS505.csv", f"{HEADER_505}\n{broken}\n")
    b = write(tmp_path, "MHS515.csv", HEADER_515 + "\n")
    result = read_files(a, b, organisation_id="org-1", recorded_at=RECORDED)
    assert [(p.code, p.line) for p in result.problems] == [("mhsds.csv", 2)]
    assert SPELL not in str(result.problems[0])
    assert (result.read, result.invalid) == (1, 1)
