"""Export: incidents become MHS505/MHS515 rows; what MHSDS cannot carry is reported."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from rrnkit.convert import load
from rrnkit.mhsds import (
    export_incident,
    export_incidents,
    mhs505_rows,
    mhs515_rows,
    write_csv,
    write_files,
)
from rrnkit.model import Incident

EXAMPLES = Path(__file__).parents[2] / "examples"
UTC = dt.timezone.utc


def incident_from(data: dict[str, Any]) -> Incident:
    document = load(data)
    assert isinstance(document, Incident)
    return document


def examples() -> list[Incident]:
    lines = (EXAMPLES / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    return [incident_from(json.loads(line)) for line in lines if line.strip()]


def test_an_incident_becomes_one_mhs505_row_and_a_row_per_intervention(
    incident: dict[str, Any],
) -> None:
    incident["patient_debrief"] = {"held": True}
    incident["staff_debrief"] = {"held": False}
    incident["hospital_provider_spell_id"] = "SPELL 1"
    incident["interventions"][0]["injuries"] = {"patient": True, "staff": False}
    exported = export_incident(incident_from(incident))
    assert exported.mhs505 == {
        "RestrictiveIntIncID": "inc-1",
        "HospProvSpellID": "SPELL 1",
        "StartDateRestrictiveIntInc": "2026-03-04",
        "StartTimeRestrictiveIntInc": "14:05:00",
        "EndDateRestrictiveIntInc": "2026-03-04",
        "EndTimeRestrictiveIntInc": "14:12:00",
        "RestrictiveIntReason": "10",
        "RestrictiveIntPIReviewHeldPat": "Y",
        "RestrictiveIntPIReviewNotHeldReasPat": "",
        "RestrictiveIntPIReviewHeldCarePers": "N",
    }
    assert exported.mhs515 == (
        {
            "RestrictiveIntTypeID": "i1",
            "RestrictiveIntIncID": "inc-1",
            "RestrictiveIntType": "07",
            "StartDateRestrictiveIntType": "2026-03-04",
            "StartTimeRestrictiveIntType": "14:05:00",
            "EndDateRestrictiveIntType": "2026-03-04",
            "EndTimeRestrictiveIntType": "14:12:00",
            "RestraintInjuryPatient": "Y",
            "RestraintInjuryCarePers": "N",
            "RestraintInjuryOtherPers": "",
        },
    )


def test_times_are_written_in_uk_local_time(incident: dict[str, Any]) -> None:
    incident["start"] = "2026-07-01T09:30:15+00:00"  # 10:30:15 British Summer Time
    incident["end"] = "2026-07-01T23:30:00-01:00"  # 01:30 the next day in London
    row = export_incident(incident_from(incident)).mhs505
    assert row is not None
    assert (row["StartDateRestrictiveIntInc"], row["StartTimeRestrictiveIntInc"]) == (
        "2026-07-01",
        "10:30:15",
    )
    assert (row["EndDateRestrictiveIntInc"], row["EndTimeRestrictiveIntInc"]) == (
        "2026-07-02",
        "01:30:00",
    )


def test_absent_values_are_empty_cells(incident: dict[str, Any]) -> None:
    del incident["end"], incident["reason"]
    del incident["interventions"][0]["end"]
    exported = export_incident(incident_from(incident))
    assert exported.mhs505 is not None
    for name in (
        "HospProvSpellID",
        "EndDateRestrictiveIntInc",
        "EndTimeRestrictiveIntInc",
        "RestrictiveIntReason",
        "RestrictiveIntPIReviewHeldPat",
        "RestrictiveIntPIReviewHeldCarePers",
    ):
        assert exported.mhs505[name] == ""
    assert exported.mhs515[0]["EndTimeRestrictiveIntType"] == ""
    assert exported.mhs515[0]["RestraintInjuryPatient"] == ""


def test_every_field_mhsds_lacks_is_reported_per_incident(incident: dict[str, Any]) -> None:
    incident["patient_debrief"] = {"held": False, "reason_not_held": "ZQ-secret"}
    incident["hospital_provider_spell_id"] = "ZQ-spell"
    incident["interventions"][0]["description"] = "ZQ-how"
    exported = export_incident(incident_from(incident))
    lost = {(n.pointer, n.reason) for n in exported.not_carried}
    assert lost == {
        ("/organisation_id", "not-in-mhsds"),
        ("/recorded_at", "not-in-mhsds"),
        ("/negligible", "not-in-mhsds"),
        ("/patient/name", "not-in-mhsds"),
        ("/patient/nhs_number", "not-in-mhsds"),
        ("/patient_debrief/reason_not_held", "not-in-mhsds"),
        ("/interventions/0/description", "not-in-mhsds"),
    }
    assert exported.mhs505["HospProvSpellID"] == "ZQ-spell"
    assert "ZQ-" not in repr(exported)
    assert exported.mhs505 is not None
    assert exported.mhs505["RestrictiveIntPIReviewNotHeldReasPat"] == ""


def test_sub_second_precision_is_reported_not_carried(incident: dict[str, Any]) -> None:
    incident["start"] = "2026-03-04T14:05:00.250000+00:00"
    exported = export_incident(incident_from(incident))
    assert ("/start", "sub-second") in {(n.pointer, n.reason) for n in exported.not_carried}
    assert exported.mhs505 is not None
    assert exported.mhs505["StartTimeRestrictiveIntInc"] == "14:05:00"


@pytest.mark.parametrize(
    ("instant", "ambiguous"),
    [
        ("2026-10-25T00:30:00+00:00", True),  # 01:30 BST, the first 01:30
        ("2026-10-25T01:30:00+00:00", True),  # 01:30 GMT, the second 01:30
        ("2026-10-25T02:30:00+00:00", False),  # 02:30 GMT, after the repeated hour
        ("2026-03-29T01:30:00+00:00", False),  # 02:30 BST on the spring change day
    ],
)
def test_a_time_in_the_repeated_october_hour_is_reported(
    incident: dict[str, Any], instant: str, ambiguous: bool
) -> None:
    incident["start"] = incident["interventions"][0]["start"] = instant
    del incident["end"], incident["interventions"][0]["end"]
    exported = export_incident(incident_from(incident))
    lost = {(n.pointer, n.reason) for n in exported.not_carried}
    assert (("/start", "ambiguous-local-time") in lost) is ambiguous
    assert (("/interventions/0/start", "ambiguous-local-time") in lost) is ambiguous
    assert exported.exported


def test_both_october_instants_are_written_as_the_same_wall_clock_time(
    incident: dict[str, Any],
) -> None:
    rows = []
    for instant in ("2026-10-25T00:30:00+00:00", "2026-10-25T01:30:00+00:00"):
        incident["start"] = instant
        del incident["end"]
        row = export_incident(incident_from(copy.deepcopy(incident))).mhs505
        assert row is not None
        rows.append(row["StartTimeRestrictiveIntInc"])
        incident["end"] = "2026-10-25T05:00:00+00:00"
    assert rows == ["01:30:00", "01:30:00"]


def test_an_incident_with_repeated_intervention_ids_is_refused(incident: dict[str, Any]) -> None:
    incident["interventions"].append(copy.deepcopy(incident["interventions"][0]))
    exported = export_incident(incident_from(incident))
    assert not exported.exported
    assert exported.mhs515 == ()
    assert [(p.code, p.pointer) for p in exported.problems] == [
        ("mhsds.duplicate-id", "/interventions/1/id")
    ]


def test_an_instant_outside_uk_local_dates_is_refused(incident: dict[str, Any]) -> None:
    incident["start"] = incident["interventions"][0]["start"] = "0001-01-01T00:30:00+01:00"
    incident["recorded_at"] = "0001-01-01T00:30:00+01:00"
    exported = export_incident(incident_from(incident))
    assert not exported.exported
    assert {(p.code, p.pointer) for p in exported.problems} == {
        ("mhsds.out-of-range", "/start"),
        ("mhsds.out-of-range", "/interventions/0/start"),
    }


def test_the_examples_export_and_stream(tmp_path: Path) -> None:
    incidents = examples()
    summary = write_files(iter(incidents), tmp_path)
    assert (summary.exported, summary.interventions, summary.refused) == (12, 24, [])
    mhs505 = (tmp_path / "MHS505.csv").read_text(encoding="utf-8").splitlines()
    mhs515 = (tmp_path / "MHS515.csv").read_text(encoding="utf-8").splitlines()
    assert len(mhs505) == 13
    assert len(mhs515) == 25
    assert mhs505[0].startswith("RestrictiveIntIncID,HospProvSpellID,")
    assert len(list(mhs505_rows(incidents))) == 12
    assert len(list(mhs515_rows(incidents))) == 24
    assert summary.not_carried[("/patient/name", "not-in-mhsds")] == 12


def test_export_is_lazy() -> None:
    def endless() -> Any:
        incident = examples()[0]
        while True:
            yield incident

    stream = export_incidents(endless())
    assert [next(stream).incident_id for _ in range(3)] == ["inc-nm-2025-0001"] * 3


def test_write_csv_writes_headers_even_with_no_incidents() -> None:
    mhs505, mhs515 = io.StringIO(), io.StringIO()
    summary = write_csv([], mhs505, mhs515)
    assert summary.exported == 0
    assert mhs505.getvalue().startswith("RestrictiveIntIncID,")
    assert mhs515.getvalue().startswith("RestrictiveIntTypeID,")
