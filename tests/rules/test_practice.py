import datetime as dt
import json
from typing import Any

from test_uof_act import MH_UNIT, complete, course, event

from rrnkit.convert import load
from rrnkit.model import Document, Incident, Organisation, OrganisationType, StaffGroup, StaffMember
from rrnkit.report import evaluate
from rrnkit.rules import Outcome, Result
from rrnkit.rules.packs.practice import PRACTICE, RULES
from rrnkit.rules.packs.uof_act import UOF_ACT

AS_OF = dt.date(2026, 11, 28)
MET, NOT_MET, NA, IE = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NOT_APPLICABLE,
    Outcome.INSUFFICIENT_EVIDENCE,
)
T0 = dt.datetime(2026, 3, 4, 14, 5, tzinfo=dt.timezone.utc)


def at(minutes: float) -> str:
    return (T0 + dt.timedelta(minutes=minutes)).isoformat()


def intervention(ident: str, type_: str, minutes: float | None, **more: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": ident, "type": type_, "start": at(0), **more}
    if minutes is not None:
        data["end"] = at(minutes)
    return data


def as_incident(data: dict[str, Any]) -> Incident:
    document = load(data)
    assert isinstance(document, Incident)
    return document


def with_interventions(incident: dict[str, Any], *items: dict[str, Any]) -> Incident:
    return as_incident(dict(incident, interventions=list(items)))


def run(rule_id: str, documents: list[Document]) -> list[Result]:
    return PRACTICE.select(ids=[rule_id]).run(documents, as_of=AS_OF)


def outcomes(rule_id: str, documents: list[Document]) -> list[Outcome]:
    return [r.outcome for r in run(rule_id, documents)]


def test_ruleset_shape() -> None:
    assert PRACTICE.id == "practice"
    assert PRACTICE.ids == tuple(r.id for r in RULES)
    assert all(r.met_means for r in RULES)
    assert not any(p.confirmed for r in RULES for p in r.parameters)


def test_prone_duration(incident: dict[str, Any]) -> None:
    rid = "NICE-PRONE-DURATION"
    doc = with_interventions(
        incident,
        intervention("a", "01", 8),
        intervention("b", "01", 12),
        intervention("c", "01", None),
        intervention("d", "07", 30),  # standing: not prone
    )
    results = run(rid, [doc])
    assert [(r.outcome, r.pointers[0]) for r in results] == [
        (MET, "/interventions/0"),
        (NOT_MET, "/interventions/1"),
        (IE, "/interventions/2/end"),
    ]
    assert results[1].evidence == {"minutes": 12, "limit": 10}
    assert outcomes(rid, [with_interventions(incident, intervention("d", "07", 30))]) == [NA]
    relaxed = PRACTICE.with_params(rid, prone_limit_minutes=15).select(ids=[rid])
    assert relaxed.run([doc], as_of=AS_OF)[1].outcome is MET


def test_manual_restraint_duration(incident: dict[str, Any]) -> None:
    rid = "NICE-MANUAL-RESTRAINT-DURATION"
    doc = with_interventions(
        incident,
        intervention("a", "07", 10),
        intervention("b", "01", 11),
        intervention("c", "09", None),
        intervention("d", "05", 120),  # seclusion: not manual restraint
    )
    assert outcomes(rid, [doc]) == [MET, NOT_MET, IE]
    assert outcomes(rid, [with_interventions(incident, intervention("d", "05", 120))]) == [NA]


def test_rt_monitoring(incident: dict[str, Any]) -> None:
    rid = "NICE-RT-MONITORING"
    every_15 = [at(m) for m in (15, 30, 45, 60)]
    gap_30 = [at(m) for m in (15, 45, 60)]
    doc = with_interventions(
        incident,
        intervention("a", "14", 1, vital_signs_observations=every_15),
        intervention("b", "14", 1, vital_signs_observations=gap_30),
        intervention("c", "14", 1),
        intervention("d", "16", 1),  # oral: not rapid tranquillisation
    )
    results = run(rid, [doc])
    assert [r.outcome for r in results] == [MET, NOT_MET, IE]
    assert results[1].evidence["largest_gap_minutes"] == 30
    assert results[1].pointers == ("/interventions/1/vital_signs_observations",)
    stops_early = with_interventions(
        incident, intervention("a", "14", 1, vital_signs_observations=[at(m) for m in (15, 30)])
    )
    assert outcomes(rid, [stops_early]) == [NOT_MET]
    none = with_interventions(incident, intervention("d", "16", 1))
    assert outcomes(rid, [none]) == [NA]


def debrief_incident(incident: dict[str, Any], field: str, debrief: dict[str, Any]) -> Incident:
    return as_incident(dict(incident, **{field: debrief}))


def test_debriefs(incident: dict[str, Any]) -> None:
    # the incident ends 2026-03-04T14:12Z
    for rid, field in (
        ("PPC-DEBRIEF-PATIENT", "patient_debrief"),
        ("PPC-DEBRIEF-STAFF", "staff_debrief"),
    ):
        cases = [
            ({"held": True, "held_at": "2026-03-05T10:00:00+00:00"}, MET),
            ({"held": True, "held_at": "2026-03-08T10:00:00+00:00"}, NOT_MET),
            ({"held": True}, IE),
            ({"offered": True, "held": False}, MET),
            ({"offered": False}, NOT_MET),
            ({"held": False, "reason_not_held": "declined"}, MET),
            ({"held": False}, NOT_MET),
            ({}, IE),
        ]
        for debrief, expected in cases:
            assert outcomes(rid, [debrief_incident(incident, field, debrief)]) == [expected], (
                rid,
                debrief,
            )
        assert outcomes(rid, [as_incident(incident)]) == [IE]
        late = debrief_incident(
            incident, field, {"held": True, "held_at": "2026-03-08T10:00:00+00:00"}
        )
        (result,) = run(rid, [late])
        assert result.evidence == {"hours_after": 91.8, "limit_hours": 72}
        relaxed = PRACTICE.with_params(rid, debrief_hours=96).select(ids=[rid])
        assert relaxed.run([late], as_of=AS_OF)[0].outcome is MET


def test_trained_staff(incident: dict[str, Any]) -> None:
    rid = "PPC-TRAINED-STAFF"
    data = dict(
        incident,
        staff=[
            {"staff_id": "s1"},  # trained 2025-06-01: within 12 months of 2026-03-04
            {"staff_id": "s2"},  # trained 2024-12-01: too long ago
            {"staff_id": "s3"},  # never trained
            {"name": "No Id"},  # cannot be checked
            {"staff_id": "s4", "used_force": False},  # observer: skipped
            {"name": "PC", "unit_staff": False},  # police: not unit staff
        ],
    )
    events = [
        event("e1", dt.date(2025, 6, 1), "s1"),
        event("e2", dt.date(2024, 12, 1), "s2"),
        event("e3", dt.date(2026, 4, 1), "s2", "s3"),  # after the incident: does not count
    ]
    results = run(rid, [as_incident(data), *events])
    assert [(r.outcome, r.pointers) for r in results] == [
        (MET, ("/staff/0",)),
        (NOT_MET, ("/staff/1",)),
        (NOT_MET, ("/staff/2",)),
        (IE, ("/staff/3",)),
    ]
    assert results[1].evidence == {"staff_id": "s2", "last_training": "2024-12-01"}
    assert outcomes(rid, [as_incident(incident)]) == [NA]


SENTINEL = "ZZSENTINEL"
NHS = "9434765919"


def test_no_sensitive_value_is_echoed(incident: dict[str, Any]) -> None:
    data = complete(incident)
    s = SENTINEL
    data.update(
        location=f"{s}-location",
        reason_detail=f"{s}-reason",
        outcome=f"{s}-outcome",
        de_escalation_detail=f"{s}-deesc",
        hospital_provider_spell_id=f"{s}-spell",
        patient_debrief={"held": False, "reason_not_held": f"{s}-debrief"},
        staff_debrief={"held": True, "held_at": "2026-03-09T10:00:00+00:00"},
    )
    data["patient"].update(
        name=f"{s}-name",
        nhs_number=NHS,
        local_id=f"{s}-local",
        mental_disorder=f"{s}-disorder",
        characteristics=[{"characteristic": "race", "value": f"{s}-race"}],
    )
    data["interventions"] = [
        intervention("a", "01", 20, description=f"{s}-desc-a", in_care_plan=False),
        intervention("b", "14", 1, description=f"{s}-desc-b", vital_signs_observations=[at(40)]),
    ]
    data["negligible"] = True
    data["staff"] = [
        {"staff_id": "s1", "name": f"{s}-staff", "job_title": "Nurse"},
        {"name": f"{s}-police", "unit_staff": False, "non_unit_reason": f"{s}-why"},
        {"name": f"{s}-nojob"},
        {"name": f"{s}-noreason", "unit_staff": False},
    ]
    org = Organisation(
        id="org-1",
        name="Trust",
        organisation_type=OrganisationType.NHS_TRUST,
        units=(MH_UNIT,),
        workforce=(
            StaffMember(
                staff_id="s1",
                name=f"{s}-workforce",
                job_title="Nurse",
                staff_group=StaffGroup.REGISTERED_NURSE,
                start_date=dt.date(2020, 1, 1),
            ),
        ),
    )
    documents: list[Document] = [as_incident(data), org, course(()), event("e1", AS_OF, "s1")]
    report = evaluate(documents, UOF_ACT + PRACTICE, as_of=AS_OF)
    assert {r.outcome for r in report.results} >= {MET, NOT_MET, IE}
    assert Outcome.ERROR not in {r.outcome for r in report.results}
    for result in report.results:
        text = result.message + json.dumps(dict(result.evidence), default=str)
        assert SENTINEL not in text, result.rule_id
        assert NHS not in text, result.rule_id


def test_trained_staff_without_any_training_record_is_insufficient_evidence(
    incident: dict[str, Any],
) -> None:
    rid = "PPC-TRAINED-STAFF"
    data = dict(incident, staff=[{"staff_id": "s1"}, {"staff_id": "s2"}])
    results = run(rid, [as_incident(data)])
    assert [(r.outcome, r.pointers) for r in results] == [(IE, ("/staff",))]
    with_one = run(rid, [as_incident(data), event("e1", dt.date(2025, 6, 1), "s1")])
    assert [r.outcome for r in with_one] == [MET, NOT_MET]
