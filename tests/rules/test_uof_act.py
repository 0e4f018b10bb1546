"""The Use of Force Act rule pack, tested from the words of each clause.

Every rule's ``reading=`` text is the specification: each rule has a met, a not met
and a boundary case here, plus not applicable and insufficient evidence where its
reading names them. Sensitive values (names, descriptions, justifications) are
planted with :data:`SECRET` and must never come back in a message or evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rrnkit.convert import load
from rrnkit.model import (
    AssessmentMethod,
    Attendance,
    CommissionedTraining,
    CompetenceOutcome,
    ContactFrequency,
    ContentArea,
    Course,
    CourseLevel,
    DeliveryModel,
    Document,
    Incident,
    Learner,
    Module,
    ModuleFocus,
    Organisation,
    OrganisationType,
    PriorTraining,
    ProtectedCharacteristic,
    RecordedCharacteristic,
    ResponsiblePerson,
    RoleHolder,
    Seniority,
    Setting,
    StaffGroup,
    StaffGroupNeed,
    StaffMember,
    TrainingEvent,
    TrainingNeedsAnalysis,
    Unit,
    UseOfForcePolicy,
)
from rrnkit.model.values import add_months
from rrnkit.rules import Outcome, Result, RuleSet
from rrnkit.rules.packs.uof_act import (
    COMMENCEMENT,
    RELEVANT_CHARACTERISTICS,
    RULES,
    UOF_ACT,
    UOF_TOPICS,
)

AS_OF = dt.date(2026, 11, 28)
SECRET = "ZZSECRET"
"""Planted in every sensitive field a test fills; never to appear in a result."""

MET, NOT_MET, NA, IE = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NOT_APPLICABLE,
    Outcome.INSUFFICIENT_EVIDENCE,
)
NINE = tuple(c.value for c in ProtectedCharacteristic)


# ---------------------------------------------------------------------------
# Helpers (MH_UNIT, complete, course and event are imported by test_practice)
# ---------------------------------------------------------------------------


def complete(incident: dict[str, Any]) -> dict[str, Any]:
    """Fill an incident dict so that every s.6(5) item is met."""
    incident["unit_id"] = "ward-a"
    incident["interventions"][0].update({"in_care_plan": True, "description": "held by both arms"})
    incident["patient"].update(
        {
            "mental_disorder": "schizophrenia",
            "characteristics": [{"characteristic": "sex", "value": "female"}],
            "characteristics_not_known": [c for c in NINE if c != "sex"],
            "learning_disability": "no",
            "autism": "no",
        }
    )
    incident["staff"] = [
        {"staff_id": "s1", "name": "Alex Nurse", "job_title": "Staff nurse"},
        {
            "name": "PC Smith",
            "job_title": "Police officer",
            "unit_staff": False,
            "non_unit_reason": "called to assist",
        },
    ]
    incident["de_escalation"] = ["verbal-de-escalation"]
    incident["outcome"] = "patient calmed"
    incident["death_or_serious_injury"] = False
    incident["care_plan_notification_sent"] = "yes"
    return incident


def as_incident(data: dict[str, Any], ident: str = "inc-1") -> Incident:
    document = load(dict(data, id=ident))
    assert isinstance(document, Incident)
    return document


def run(
    rule_id: str, documents: list[Document], as_of: dt.date = AS_OF, **params: Any
) -> list[Result]:
    ruleset = UOF_ACT.with_params(rule_id, **params) if params else UOF_ACT
    return ruleset.select(ids=[rule_id]).run(documents, as_of=as_of)


def one(rule_id: str, documents: list[Document], as_of: dt.date = AS_OF, **params: Any) -> Result:
    """The single result a rule gives for a single subject."""
    results = run(rule_id, documents, as_of, **params)
    assert len(results) == 1, results
    return results[0]


def outcomes(rule_id: str, documents: list[Document], as_of: dt.date = AS_OF) -> list[Outcome]:
    return [r.outcome for r in run(rule_id, documents, as_of)]


def said(result: Result) -> str:
    """Everything a result tells its reader: message and evidence."""
    return result.message + json.dumps(dict(result.evidence), default=str)


def assert_quiet(results: list[Result], *secrets: str) -> None:
    for result in results:
        for secret in (SECRET, *secrets):
            assert secret not in said(result), result.rule_id


# --- organisations -----------------------------------------------------------

MH_UNIT = Unit(
    id="ward-a", name="A", setting=Setting.MENTAL_HEALTH_INPATIENT, is_mental_health_unit=True
)
MH_UNIT_B = Unit(
    id="ward-b", name="B", setting=Setting.MENTAL_HEALTH_INPATIENT, is_mental_health_unit=True
)
CARE_HOME = Unit(id="home", name="Home", setting=Setting.CARE_HOME)
NON_MH = {"units": (CARE_HOME,)}


def organisation(**changes: Any) -> Organisation:
    values: dict[str, Any] = {
        "id": "org-1",
        "name": "Trust",
        "organisation_type": OrganisationType.NHS_TRUST,
        "units": (MH_UNIT,),
        "responsible_person": ResponsiblePerson(job_title="Chief nurse"),
        "use_of_force_policy": UseOfForcePolicy(
            title="Use of force",
            published_on=dt.date(2025, 1, 10),
            consultation_held=True,
            last_reviewed_on=dt.date(2026, 6, 1),
        ),
        "use_of_force_course_ids": ("c1",),
    }
    values.update(changes)
    return Organisation(**values)


def policy(**changes: Any) -> Organisation:
    base = organisation().use_of_force_policy
    assert base is not None
    return organisation(use_of_force_policy=attrs.evolve(base, **changes))


# --- training ----------------------------------------------------------------


def course(
    areas: tuple[ContentArea, ...],
    restrictive: bool = True,
    *,
    ident: str = "c1",
    assessed: bool = False,
) -> Course:
    return Course(
        id=ident,
        provider_id="p1",
        title="Course",
        version="1",
        level=CourseLevel.INITIAL,
        restrictive_component=restrictive,
        total_minutes=60,
        modules=(
            Module(
                id="m1", title="M", minutes=60, focus=ModuleFocus.PREVENTION, content_areas=areas
            ),
        ),
        assessment_methods=(AssessmentMethod.OBSERVED_PRACTICE,) if assessed else (),
    )


def event(
    ident: str,
    end: dt.date,
    *attended: str,
    absent: tuple[str, ...] = (),
    course_id: str = "c1",
    competence: CompetenceOutcome = CompetenceOutcome.COMPETENT,
) -> TrainingEvent:
    def learner(sid: str, attendance: Attendance) -> Learner:
        return Learner(
            staff_id=sid,
            organisation_id="org-1",
            staff_group=StaffGroup.REGISTERED_NURSE,
            attendance=attendance,
            competence=competence,
        )

    return TrainingEvent(
        id=ident,
        course_id=course_id,
        course_version="1",
        provider_id="p1",
        commissioning_organisation_id="org-1",
        delivery_model=DeliveryModel.PROVIDER_DELIVERED,
        start_date=end,
        end_date=end,
        setting=Setting.MENTAL_HEALTH_INPATIENT,
        trainer_ids=("t1",),
        learners=tuple(
            [learner(s, Attendance.ATTENDED) for s in attended]
            + [learner(s, Attendance.ABSENT) for s in absent]
        ),
    )


def member(
    staff_id: str,
    start: dt.date = dt.date(2023, 1, 1),
    group: StaffGroup = StaffGroup.REGISTERED_NURSE,
    **more: Any,
) -> StaffMember:
    return StaffMember(
        staff_id=staff_id,
        name=f"{SECRET} {staff_id}",
        job_title="Nurse",
        staff_group=group,
        start_date=start,
        **more,
    )


def prior(recent: bool = True, equivalent: bool = True, **more: Any) -> PriorTraining:
    values: dict[str, Any] = {
        "completed_on": dt.date(2026, 1, 10),
        "judged_by": "rp-1",
        "judged_on": dt.date(2026, 2, 1),
        "sufficiently_recent": recent,
        "equivalent_standard": equivalent,
    }
    values.update(more)
    return PriorTraining(**values)


def tna(completed_on: dt.date, *no_contact: StaffGroup, ident: str = "tna-1") -> Document:
    return TrainingNeedsAnalysis(
        id=ident,
        commissioning_organisation_id="org-1",
        author=RoleHolder(job_title="Lead", organisation_id="org-1"),
        completed_on=completed_on,
        staff_groups=tuple(
            StaffGroupNeed(staff_group=g, headcount=2, contact=ContactFrequency.NONE)
            for g in no_contact
        ),
    )


FULL = course(UOF_TOPICS)
"""One course covering all eleven s.5(2) topics (id c1)."""
FIRST_HALF = course(UOF_TOPICS[:6], ident="c1")
SECOND_HALF = course(UOF_TOPICS[6:], ident="c2")
SOME_TRAINING = event("e-other", dt.date(2022, 1, 1), "someone-else")
"""Attended training of the organisation by someone not on the workforce, so that
'not trained' is a finding rather than a gap in the evidence."""


# ---------------------------------------------------------------------------
# The pack as a whole
# ---------------------------------------------------------------------------


def test_ruleset_shape() -> None:
    assert UOF_ACT.id == "uof-act"
    assert len(RULES) == len(set(UOF_ACT.ids))
    items = [r for r in RULES if r.id.startswith("UOF-S6-")]
    assert [str(r.citations[0]) for r in items] == [
        f"uof-act:6(5)({c})" for c in "abcdefghijklmnop"
    ]
    assert all(r.met_means for r in RULES)
    assert all(r.reading for r in RULES), "every rule says how it reads its clause"
    assert not any(r.per_item for r in RULES), "one outcome per subject"
    assert len(UOF_TOPICS) == 11
    assert RELEVANT_CHARACTERISTICS == NINE
    assert dt.date(2022, 3, 31) == COMMENCEMENT


def test_parameters_are_declared() -> None:
    ruleset = RuleSet(id="x", rules=RULES)
    retention = ruleset.rule("UOF-RECORD-RETENTION")
    assert ruleset.params_of(retention) == {"retention_years": 3}
    assert retention.parameters[0].confirmed, "s.6(6) says 3 years"
    # Figures the Act does not give are rrnkit's configurable choices.
    for rid, name in [
        ("UOF-S5-REFRESHER", "refresher_interval_months"),
        ("UOF-S5-INITIAL-TRAINING", "new_starter_grace_days"),
        ("UOF-S5-INITIAL-TRAINING", "excluded_staff_groups"),
        ("UOF-S9-INVESTIGATION", "investigation_record_days"),
        ("UOF-S2-SENIORITY", "appropriate_seniority"),
        ("UOF-S6-K-CHARACTERISTICS", "relevant_characteristics"),
        ("UOF-S3-POLICY-REVIEWED", "policy_review_months"),
    ]:
        (param,) = [p for p in ruleset.rule(rid).parameters if p.name == name]
        assert not param.confirmed, (rid, name)
    assert ruleset.params_of(ruleset.rule("UOF-S5-INITIAL-TRAINING")) == {
        "new_starter_grace_days": 90,
        "excluded_staff_groups": (),
    }


def test_add_months_clamps() -> None:
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 1, 15), -13) == dt.date(2024, 12, 15)


# ---------------------------------------------------------------------------
# s.6(5)(a)-(p): the record
# ---------------------------------------------------------------------------


def test_complete_record_meets_every_s6_item(incident: dict[str, Any]) -> None:
    doc = as_incident(complete(incident))
    results = UOF_ACT.select(tags=["uof-s6"]).run([doc], as_of=AS_OF)
    assert len(results) == 16
    assert {r.rule_id: r.outcome for r in results} == {r.rule_id: MET for r in results}


# Each case: rule id, change that breaks the item, expected outcome and pointer.
BREAKS: list[tuple[str, Any, Outcome, str]] = [
    ("UOF-S6-A-REASON", lambda d: d.pop("reason"), NOT_MET, "/reason"),
    ("UOF-S6-B-PLACE-DATE-DURATION", lambda d: d.pop("unit_id"), NOT_MET, "/unit_id"),
    ("UOF-S6-C-TYPES", lambda d: d.update(interventions=[]), NOT_MET, "/interventions"),
    (
        "UOF-S6-D-CARE-PLAN",
        lambda d: d["interventions"][0].pop("in_care_plan"),
        NOT_MET,
        "/interventions/0/in_care_plan",
    ),
    ("UOF-S6-E-PATIENT-NAME", lambda d: d["patient"].pop("name"), NOT_MET, "/patient/name"),
    (
        "UOF-S6-F-DESCRIPTION",
        lambda d: d["interventions"][0].pop("description"),
        NOT_MET,
        "/interventions/0/description",
    ),
    (
        "UOF-S6-G-IDENTIFIER",
        lambda d: d["patient"].pop("nhs_number"),
        NOT_MET,
        "/patient/nhs_number",
    ),
    ("UOF-S6-H-STAFF", lambda d: d["staff"][0].pop("job_title"), NOT_MET, "/staff/0"),
    (
        "UOF-S6-I-NON-UNIT-REASON",
        lambda d: d["staff"][1].pop("non_unit_reason"),
        NOT_MET,
        "/staff/1/non_unit_reason",
    ),
    (
        "UOF-S6-J-MENTAL-DISORDER",
        lambda d: d["patient"].pop("mental_disorder"),
        IE,
        "/patient/mental_disorder",
    ),
    (
        "UOF-S6-K-CHARACTERISTICS",
        lambda d: d["patient"].pop("characteristics_not_known"),
        IE,
        "/patient/characteristics",
    ),
    ("UOF-S6-L-LD-AUTISM", lambda d: d["patient"].pop("autism"), NOT_MET, "/patient/autism"),
    ("UOF-S6-M-OUTCOME", lambda d: d.pop("outcome"), NOT_MET, "/outcome"),
    (
        "UOF-S6-N-DEATH-INJURY",
        lambda d: d.pop("death_or_serious_injury"),
        NOT_MET,
        "/death_or_serious_injury",
    ),
    ("UOF-S6-O-AVOIDANCE", lambda d: d.pop("de_escalation"), NOT_MET, "/de_escalation"),
    (
        "UOF-S6-P-NOTIFICATION",
        lambda d: d.pop("care_plan_notification_sent"),
        NOT_MET,
        "/care_plan_notification_sent",
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "change", "expected", "pointer"),
    BREAKS,
    ids=[f"{b[0]}-{i}" for i, b in enumerate(BREAKS)],
)
def test_each_missing_item_is_reported(
    incident: dict[str, Any], rule_id: str, change: Any, expected: Outcome, pointer: str
) -> None:
    data = complete(incident)
    change(data)
    result = one(rule_id, [as_incident(data)])
    assert result.outcome is expected
    assert pointer in result.pointers
    if expected is NOT_MET:
        assert "s.6(5)(" in result.message


def test_s6_items_do_not_apply_to_negligible_force(incident: dict[str, Any]) -> None:
    """s.6(2): no record is required where the use of force is negligible."""
    data = dict(incident, negligible=True)  # incomplete, but a negligible standing hold
    doc = as_incident(data)
    results = UOF_ACT.select(tags=["uof-s6"]).run([doc], as_of=AS_OF)
    assert {r.outcome for r in results} == {NA}
    assert outcomes("UOF-RECORD-RETENTION", [doc]) == [NA]
    # ... unless it includes a type the guidance says is never negligible.
    data["interventions"] = [dict(data["interventions"][0], type="01")]  # prone
    assert outcomes("UOF-S6-M-OUTCOME", [as_incident(data)]) == [NOT_MET]
    data["interventions"] = [dict(data["interventions"][0], type="07", pain_inducing=True)]
    assert outcomes("UOF-S6-M-OUTCOME", [as_incident(data)]) == [NOT_MET]


def test_s6_items_do_not_apply_outside_a_mental_health_unit(incident: dict[str, Any]) -> None:
    org = organisation(units=(MH_UNIT, CARE_HOME))
    outside = as_incident(dict(incident, unit_id="home"))
    results = UOF_ACT.select(tags=["uof-s6"]).run([outside, org], as_of=AS_OF)
    assert {r.outcome for r in results if r.subject_kind == "incident"} == {NA}
    inside = as_incident(dict(incident, unit_id="ward-a"))
    assert outcomes("UOF-S6-M-OUTCOME", [inside, org]) == [NOT_MET]
    # A unit the organisation does not list is judged (the record may be all there is).
    unknown = as_incident(dict(incident, unit_id="ward-z"))
    assert outcomes("UOF-S6-M-OUTCOME", [unknown, org]) == [NOT_MET]


def test_a_reason(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-A-REASON"
    coded = one(rid, [as_incident(incident)])
    assert (coded.outcome, coded.pointers, coded.evidence) == (MET, ("/reason",), {"reason": "10"})
    words = dict(incident, reason_detail=f"{SECRET} reason")
    words.pop("reason")
    result = one(rid, [as_incident(words)])
    assert (result.outcome, result.pointers) == (MET, ("/reason_detail",))
    assert_quiet([result])
    incident.pop("reason")
    assert outcomes(rid, [as_incident(incident)]) == [NOT_MET]


def test_b_place_date_duration(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-B-PLACE-DATE-DURATION"
    data = complete(incident)
    result = one(rid, [as_incident(data)])
    assert (result.outcome, result.evidence) == (MET, {"minutes": 7})
    # The place may be a location in words instead of the unit.
    data.pop("unit_id")
    data["location"] = f"{SECRET} lounge"
    result = one(rid, [as_incident(data)])
    assert result.outcome is MET
    assert_quiet([result])
    data.pop("location")
    result = one(rid, [as_incident(data)])
    assert (result.outcome, result.evidence) == (NOT_MET, {"missing": ["place"]})


def test_b_duration_stated_by_the_interventions(incident: dict[str, Any]) -> None:
    """The duration is stated when the incident has no end but every intervention does."""
    rid = "UOF-S6-B-PLACE-DATE-DURATION"
    data = complete(incident)
    data.pop("end")
    data["interventions"].append(
        {
            "id": "i2",
            "type": "05",
            "start": "2026-03-04T14:12:00+00:00",
            "end": "2026-03-04T15:05:00+00:00",
        }
    )
    result = one(rid, [as_incident(data)])
    assert (result.outcome, result.evidence) == (MET, {"minutes": 60})
    assert "/interventions" in result.pointers
    # One intervention with no end: the record no longer says when force ended.
    data["interventions"][1].pop("end")
    result = one(rid, [as_incident(data)])
    assert (result.outcome, result.evidence) == (NOT_MET, {"missing": ["duration"]})
    assert result.pointers == ("/end",)
    # No interventions and no end: no duration either.
    data["interventions"] = []
    assert outcomes(rid, [as_incident(data)]) == [NOT_MET]
    # Neither place nor duration: one outcome naming both.
    data.pop("unit_id")
    result = one(rid, [as_incident(data)])
    assert result.evidence == {"missing": ["place", "duration"]}
    assert result.pointers == ("/unit_id", "/end")


def test_c_types(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-C-TYPES"
    incident["interventions"].append(dict(incident["interventions"][0], id="i2", type="01"))
    result = one(rid, [as_incident(incident)])
    assert (result.outcome, result.evidence) == (MET, {"types": ["01", "07"]})
    assert outcomes(rid, [as_incident(dict(incident, interventions=[]))]) == [NOT_MET]


@pytest.mark.parametrize(
    ("rule_id", "field"),
    [("UOF-S6-D-CARE-PLAN", "in_care_plan"), ("UOF-S6-F-DESCRIPTION", "description")],
)
def test_d_and_f_every_intervention_answers(
    incident: dict[str, Any], rule_id: str, field: str
) -> None:
    """(d) and (f) speak of the type or types of force: each intervention must answer."""
    answer = {"in_care_plan": False, "description": f"{SECRET} how"}[field]
    data = complete(incident)
    base = {k: v for k, v in data["interventions"][0].items() if k != field}
    data["interventions"] = [
        dict(base, id="i1", **{field: answer}),
        dict(base, id="i2", type="01", **{field: answer}),
    ]
    result = one(rule_id, [as_incident(data)])
    assert result.outcome is MET, "'no' answers (d)"
    assert_quiet([result])
    # Two interventions silent: ONE not met outcome with both pointers.
    data["interventions"][1] = dict(base, id="i2", type="01")
    data["interventions"].append(dict(base, id="i3", type="14"))
    result = one(rule_id, [as_incident(data)])
    assert result.outcome is NOT_MET
    assert result.pointers == (f"/interventions/1/{field}", f"/interventions/2/{field}")
    assert result.message.endswith("(and 1 more)")
    assert [(i["outcome"], i["type"]) for i in result.evidence["items"]] == [
        ("not_met", "01"),
        ("not_met", "14"),
    ]
    assert_quiet([result])
    # No intervention at all: nothing answers the item.
    assert outcomes(rule_id, [as_incident(dict(data, interventions=[]))]) == [NOT_MET]


def test_e_patient_name(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-E-PATIENT-NAME"
    incident["patient"]["name"] = f"{SECRET} patient"
    result = one(rid, [as_incident(incident)])
    assert result.outcome is MET
    assert_quiet([result])
    incident["patient"].pop("name")
    assert outcomes(rid, [as_incident(incident)]) == [NOT_MET]


def test_g_consistent_identifier_is_the_nhs_number(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-G-IDENTIFIER"
    result = one(rid, [as_incident(incident)])
    assert result.outcome is MET
    assert "9434765919" not in said(result)
    incident["patient"].pop("nhs_number")
    incident["patient"]["local_id"] = "local-1"
    result = one(rid, [as_incident(incident)])
    assert (result.outcome, result.evidence) == (NOT_MET, {"has_local_id": True})


# --- (h) and (i): unit staff and outsiders -------------------------------------


def test_h_names_each_member_of_unit_staff_who_used_force(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-H-STAFF"
    incident["staff"] = [
        {"staff_id": "s1", "name": f"{SECRET} one", "job_title": "Nurse"},
        {"staff_id": "s2", "name": f"{SECRET} two", "job_title": "HCA"},
        # An observer need not be named under (h): they did not use force.
        {"staff_id": "s3", "used_force": False},
        # An outsider who used force falls under (i), not (h).
        {"unit_staff": False, "non_unit_reason": f"{SECRET} why"},
    ]
    result = one(rid, [as_incident(incident)])
    assert (result.outcome, result.evidence) == (MET, {"people": 2})
    assert_quiet([result])


def test_h_two_gaps_are_one_outcome(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-H-STAFF"
    incident["staff"] = [
        {"staff_id": "s1", "job_title": "Nurse"},  # no name
        {"staff_id": "s2", "name": f"{SECRET} two", "job_title": "HCA"},
        {"staff_id": "s3", "name": f"{SECRET} three"},  # no job title
    ]
    result = one(rid, [as_incident(incident)])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/staff/0", "/staff/2")
    assert result.message.endswith("(and 1 more)")
    assert result.evidence["missing"] == ["name"]
    assert [(i["staff_id"], i["missing"]) for i in result.evidence["items"]] == [
        ("s1", ["name"]),
        ("s3", ["job_title"]),
    ]
    assert_quiet([result])


def test_h_nobody_used_force_or_only_outsiders(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-H-STAFF"
    # A record of a use of force that names no one who used it: not met.
    for staff in ([], [{"staff_id": "s1", "name": "A", "job_title": "B", "used_force": False}]):
        result = one(rid, [as_incident(dict(incident, staff=staff))])
        assert (result.outcome, result.pointers) == (NOT_MET, ("/staff",))
    # Only people from outside the unit used force: (i) covers them.
    police = [{"unit_staff": False, "non_unit_reason": "assist"}]
    assert outcomes(rid, [as_incident(dict(incident, staff=police))]) == [NA]
    observer = [*police, {"staff_id": "s1", "used_force": False}]
    assert outcomes(rid, [as_incident(dict(incident, staff=observer))]) == [NA]


def test_i_reason_for_each_outsider(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-I-NON-UNIT-REASON"
    incident["staff"] = [{"staff_id": "s1", "name": "A", "job_title": "Nurse"}]
    assert outcomes(rid, [as_incident(incident)]) == [NA]
    incident["staff"] += [
        {"unit_staff": False, "non_unit_reason": f"{SECRET} why"},
        {"unit_staff": False, "used_force": False},  # involved, no reason: still needed
        {"unit_staff": False},
    ]
    result = one(rid, [as_incident(incident)])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/staff/2/non_unit_reason", "/staff/3/non_unit_reason")
    assert_quiet([result])
    incident["staff"] = incident["staff"][:2]
    result = one(rid, [as_incident(incident)])
    assert result.outcome is MET
    assert_quiet([result])


# --- (j), (k), (l): what is known about the patient ------------------------------


def test_j_mental_disorder_if_known(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-J-MENTAL-DISORDER"
    stated = dict(incident, patient=dict(incident["patient"], mental_disorder=f"{SECRET} dx"))
    result = one(rid, [as_incident(stated)])
    assert (result.outcome, result.pointers) == (MET, ("/patient/mental_disorder",))
    assert_quiet([result])
    unknown = dict(incident, patient=dict(incident["patient"], mental_disorder_not_known=True))
    result = one(rid, [as_incident(unknown)])
    assert (result.outcome, result.pointers) == (MET, ("/patient/mental_disorder_not_known",))
    # Neither: the record cannot show whether it was known.
    assert outcomes(rid, [as_incident(incident)]) == [IE]


def test_k_each_relevant_characteristic(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-K-CHARACTERISTICS"
    patient = incident["patient"]
    # One recorded characteristic does not stand for the other eight.
    patient["characteristics"] = [{"characteristic": "race", "value": f"{SECRET} race"}]
    result = one(rid, [as_incident(incident)])
    assert result.outcome is IE
    assert result.evidence["stated"] == ["race"]
    assert sorted(result.evidence["silent"]) == sorted(c for c in NINE if c != "race")
    assert "8 of the 9" in result.message
    assert_quiet([result])
    # Each of the nine stated or marked not known: met.
    patient["characteristics_not_known"] = [c for c in NINE if c != "race"]
    result = one(rid, [as_incident(incident)])
    assert result.outcome is MET
    assert result.evidence == {"stated": ["race"], "not_known": sorted(set(NINE) - {"race"})}
    assert_quiet([result])
    # Boundary: eight of nine answered is not enough.
    patient["characteristics_not_known"] = [c for c in NINE if c not in ("race", "sex")]
    result = one(rid, [as_incident(incident)])
    assert (result.outcome, result.evidence["silent"]) == (IE, ["sex"])


def test_k_relevant_characteristics_parameter_narrows(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-K-CHARACTERISTICS"
    incident["patient"]["characteristics"] = [{"characteristic": "sex", "value": "female"}]
    doc = as_incident(incident)
    assert outcomes(rid, [doc]) == [IE]
    assert one(rid, [doc], relevant_characteristics=("sex",)).outcome is MET
    assert one(rid, [doc], relevant_characteristics=("sex", "age")).outcome is IE


_BASE_PATIENT_INCIDENT: dict[str, Any] = {
    "kind": "incident",
    "id": "inc-k",
    "organisation_id": "org-1",
    "recorded_at": "2026-03-04T15:00:00+00:00",
    "start": "2026-03-04T14:05:00+00:00",
    "patient": {},
    "schema_version": "1.0",
}


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    stated=st.sets(st.sampled_from(NINE)),
    unknown=st.sets(st.sampled_from(NINE)),
    # at least one: an empty list of relevant characteristics is refused (issue 16)
    wanted=st.lists(st.sampled_from(NINE), unique=True, min_size=1),
)
def test_k_property_met_iff_every_wanted_is_stated_or_not_known(
    stated: set[str], unknown: set[str], wanted: list[str]
) -> None:
    base = load(_BASE_PATIENT_INCIDENT)
    assert isinstance(base, Incident)
    patient = attrs.evolve(
        base.patient,
        characteristics=tuple(
            RecordedCharacteristic(characteristic=ProtectedCharacteristic(c), value=SECRET)
            for c in sorted(stated)
        ),
        characteristics_not_known=tuple(ProtectedCharacteristic(c) for c in sorted(unknown)),
    )
    doc = attrs.evolve(base, patient=patient)
    result = one("UOF-S6-K-CHARACTERISTICS", [doc], relevant_characteristics=tuple(wanted))
    expected = MET if set(wanted) <= stated | unknown else IE
    assert result.outcome is expected
    assert result.outcome is not NOT_MET, "(k) asks only 'if known'"
    assert SECRET not in said(result)


@pytest.mark.parametrize(
    ("ld", "autism", "expected", "gaps"),
    [
        ("yes", "no", MET, []),
        ("no", "yes", MET, []),
        ("no", "not-known", NOT_MET, ["autism"]),
        ("not-known", "no", NOT_MET, ["learning_disability"]),
        (None, "no", NOT_MET, ["learning_disability"]),
        (None, "not-known", NOT_MET, ["learning_disability", "autism"]),
    ],
)
def test_l_learning_disability_and_autism_have_no_if_known(
    incident: dict[str, Any], ld: str | None, autism: str | None, expected: Outcome, gaps: list[str]
) -> None:
    rid = "UOF-S6-L-LD-AUTISM"
    answers = {k: v for k, v in (("learning_disability", ld), ("autism", autism)) if v}
    incident["patient"].update(answers)
    result = one(rid, [as_incident(incident)])
    assert result.outcome is expected
    if gaps:
        assert result.pointers == tuple(f"/patient/{g}" for g in gaps)
        assert "no 'if known'" in result.message


# --- (m), (n), (o), (p) -------------------------------------------------------


def test_m_outcome(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-M-OUTCOME"
    result = one(rid, [as_incident(dict(incident, outcome=f"{SECRET} calm"))])
    assert result.outcome is MET
    assert_quiet([result])
    assert outcomes(rid, [as_incident(incident)]) == [NOT_MET]


def test_n_death_or_serious_injury_is_answered(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-N-DEATH-INJURY"
    for answer in (True, False):
        assert outcomes(rid, [as_incident(dict(incident, death_or_serious_injury=answer))]) == [MET]
    assert outcomes(rid, [as_incident(incident)]) == [NOT_MET]


def test_o_efforts_to_avoid_force(incident: dict[str, Any]) -> None:
    rid = "UOF-S6-O-AVOIDANCE"
    coded = one(rid, [as_incident(dict(incident, de_escalation=["verbal-de-escalation"]))])
    assert (coded.outcome, coded.evidence) == (MET, {"techniques": ["verbal-de-escalation"]})
    words = one(rid, [as_incident(dict(incident, de_escalation_detail=f"{SECRET} talked"))])
    assert (words.outcome, words.pointers) == (MET, ("/de_escalation_detail",))
    assert_quiet([words])
    assert outcomes(rid, [as_incident(incident)]) == [NOT_MET]


@pytest.mark.parametrize(
    ("names_someone", "sent", "expected"),
    [
        (None, "yes", MET),
        (True, "no", MET),
        (True, "not-known", NOT_MET),
        (None, "not-known", NOT_MET),
        (True, None, NOT_MET),
        (None, None, NOT_MET),
        (False, None, NA),
        (False, "not-known", NA),
    ],
)
def test_p_notification(
    incident: dict[str, Any], names_someone: bool | None, sent: str | None, expected: Outcome
) -> None:
    """(p): no '(if known)', so 'not known' is not met; '(if any)': nobody to notify is n/a."""
    rid = "UOF-S6-P-NOTIFICATION"
    if names_someone is not None:
        incident["care_plan_names_someone_to_notify"] = names_someone
    if sent is not None:
        incident["care_plan_notification_sent"] = sent
    result = one(rid, [as_incident(incident)])
    assert result.outcome is expected
    if expected is NOT_MET:
        assert result.evidence == {"answer": sent}


# --- negligible force and retention ---------------------------------------------


def test_never_negligible(incident: dict[str, Any]) -> None:
    rid = "UOF-NEVER-NEGLIGIBLE"
    assert outcomes(rid, [as_incident(incident)]) == [NA]
    negligible = dict(incident, negligible=True)
    assert outcomes(rid, [as_incident(negligible)]) == [MET]
    base = incident["interventions"][0]
    negligible["interventions"] = [
        dict(base, type="01"),  # prone
        dict(base, id="i2"),  # a standing hold: may be negligible
        dict(base, id="i3", pain_inducing=True, pain_justification=f"{SECRET} rescue"),
    ]
    result = one(rid, [as_incident(negligible)])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/interventions/0", "/interventions/2")
    assert result.evidence["type"] == "01"
    assert [i["outcome"] for i in result.evidence["items"]] == ["not_met", "not_met"]
    assert_quiet([result])
    for type_ in ("04", "05", "06", "14", "16"):  # mechanical, isolation, chemical
        data = dict(negligible, interventions=[dict(base, type=type_)])
        assert outcomes(rid, [as_incident(data)]) == [NOT_MET], type_


def test_never_negligible_is_about_mental_health_units(incident: dict[str, Any]) -> None:
    rid = "UOF-NEVER-NEGLIGIBLE"
    prone = dict(incident, negligible=True, unit_id="home")
    prone["interventions"] = [dict(incident["interventions"][0], type="01")]
    org = organisation(units=(MH_UNIT, CARE_HOME))
    assert outcomes(rid, [as_incident(prone), org]) == [NA]
    assert outcomes(rid, [as_incident(dict(prone, unit_id="ward-a")), org]) == [NOT_MET]


def test_record_retention(incident: dict[str, Any]) -> None:
    """s.6(6): keep the record for 3 years from the date on which it was made."""
    rid = "UOF-RECORD-RETENTION"
    doc = as_incident(incident)  # recorded 2026-03-04
    result = one(rid, [doc])
    assert (result.outcome, result.pointers) == (MET, ("/recorded_at",))
    assert result.evidence == {"retain_until": "2029-03-04", "retention_recorded": False}
    # Boundary: held on the last day of the period; the day after, the duty is spent.
    assert outcomes(rid, [doc], dt.date(2029, 3, 4)) == [MET]
    assert outcomes(rid, [doc], dt.date(2029, 3, 5)) == [NA]
    assert outcomes(rid, [doc], dt.date(2026, 1, 1)) == [NA]  # not yet made
    assert one(rid, [doc], dt.date(2030, 1, 1), retention_years=5).outcome is MET


@pytest.mark.parametrize(
    ("retention", "as_of", "expected"),
    [
        ({"deleted_on": "2029-03-03"}, AS_OF, NOT_MET),
        ({"deleted_on": "2029-03-03"}, dt.date(2031, 1, 1), NOT_MET),
        ({"deleted_on": "2027-01-01"}, dt.date(2027, 6, 1), NOT_MET),
        ({"deleted_on": "2029-03-04"}, dt.date(2031, 1, 1), MET),
        ({"delete_after": "2029-03-03"}, AS_OF, NOT_MET),
        ({"delete_after": "2026-12-31"}, AS_OF, NOT_MET),
        ({"delete_after": "2029-03-04"}, AS_OF, MET),
        ({"delete_after": "2035-01-01"}, AS_OF, MET),
        ({"delete_after": "2029-03-04"}, dt.date(2029, 3, 5), NA),
        ({}, AS_OF, MET),
    ],
)
def test_record_retention_deletion(
    incident: dict[str, Any], retention: dict[str, str], as_of: dt.date, expected: Outcome
) -> None:
    rid = "UOF-RECORD-RETENTION"
    result = one(rid, [as_incident(dict(incident, retention=retention))], as_of)
    assert result.outcome is expected
    assert result.evidence["retain_until"] == "2029-03-04"
    if expected is NOT_MET:
        assert "s.6(6)" in result.message
    if expected is MET and not retention.get("deleted_on"):
        assert result.evidence["retention_recorded"] is True


# ---------------------------------------------------------------------------
# s.2 responsible person
# ---------------------------------------------------------------------------


def test_responsible_person() -> None:
    rid = "UOF-S2-RESPONSIBLE-PERSON"
    assert outcomes(rid, [organisation()]) == [MET]
    assert outcomes(rid, [organisation(responsible_person=None)]) == [NOT_MET]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


def person(**changes: Any) -> ResponsiblePerson:
    values: dict[str, Any] = {"job_title": "Chief nurse", "name": f"{SECRET} rp"}
    values.update(changes)
    return ResponsiblePerson(**values)


BOARD = Seniority.BOARD


@pytest.mark.parametrize(
    ("rp", "workforce", "expected"),
    [
        (person(employed_by_organisation=True, seniority=BOARD), (), MET),
        (person(employed_by_organisation=False, seniority=BOARD), (), NOT_MET),
        (person(employed_by_organisation=True, seniority=Seniority.MANAGER), (), NOT_MET),
        (person(employed_by_organisation=True, seniority=Seniority.EXECUTIVE), (), NOT_MET),
        (person(employed_by_organisation=False, seniority=None), (), NOT_MET),
        (person(employed_by_organisation=True), (), IE),
        (person(seniority=BOARD), (), IE),
        # Employment inferred from the staff id of a member of the workforce in post.
        (person(staff_id="rp-1", seniority=BOARD), (member("rp-1"),), MET),
        (
            person(staff_id="rp-1", seniority=BOARD),
            (member("rp-1", end_date=dt.date(2026, 1, 1)),),  # has left
            IE,
        ),
        (person(staff_id="rp-9", seniority=BOARD), (member("rp-1"),), IE),
        # The record's own answer wins over the workforce.
        (person(staff_id="rp-1", employed_by_organisation=False, seniority=BOARD), (), NOT_MET),
    ],
)
def test_responsible_person_employment_and_seniority(
    rp: ResponsiblePerson, workforce: tuple[StaffMember, ...], expected: Outcome
) -> None:
    """s.2(2): employed by the organisation and of an appropriate level of seniority."""
    rid = "UOF-S2-SENIORITY"
    result = one(rid, [organisation(responsible_person=rp, workforce=workforce)])
    assert result.outcome is expected
    if expected is NOT_MET:
        assert "(s.2(2))" in result.message
    assert result.evidence["accepted"] == ["board"]
    assert_quiet([result])


def test_seniority_parameter_and_scope() -> None:
    rid = "UOF-S2-SENIORITY"
    executive = organisation(
        responsible_person=person(employed_by_organisation=True, seniority=Seniority.EXECUTIVE)
    )
    assert outcomes(rid, [executive]) == [NOT_MET]
    wider = one(rid, [executive], appropriate_seniority=("board", "executive"))
    assert (wider.outcome, wider.evidence["seniority"]) == (MET, "executive")
    assert outcomes(rid, [organisation(responsible_person=None)]) == [NA]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


# ---------------------------------------------------------------------------
# s.3 policy
# ---------------------------------------------------------------------------


def test_policy_published() -> None:
    rid = "UOF-S3-POLICY-PUBLISHED"
    assert outcomes(rid, [organisation()]) == [MET]
    assert outcomes(rid, [policy(published_on=None)]) == [NOT_MET]
    assert outcomes(rid, [policy(published_on=AS_OF)]) == [MET]  # boundary
    assert outcomes(rid, [policy(published_on=AS_OF + dt.timedelta(days=1))]) == [NOT_MET]
    assert outcomes(rid, [organisation(use_of_force_policy=None)]) == [NOT_MET]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


def test_policy_reduction_steps() -> None:
    rid = "UOF-S3-REDUCTION-STEPS"
    assert outcomes(rid, [policy(sets_out_reduction_steps=True)]) == [MET]
    assert outcomes(rid, [policy(sets_out_reduction_steps=False)]) == [NOT_MET]
    assert outcomes(rid, [policy(sets_out_reduction_steps=None)]) == [IE]
    assert outcomes(rid, [organisation(use_of_force_policy=None)]) == [NOT_MET]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


def test_one_policy_for_all_units() -> None:
    """s.3(2): a single policy in relation to all the units (where there are several)."""
    rid = "UOF-S3-ONE-POLICY"
    units = (MH_UNIT, MH_UNIT_B, CARE_HOME)
    both = policy(unit_ids=("ward-a", "ward-b"))
    result = one(rid, [attrs.evolve(both, units=units)])
    assert (result.outcome, result.evidence) == (MET, {"units": ["ward-a", "ward-b"]})
    left_out = attrs.evolve(policy(unit_ids=("ward-a",)), units=units)
    result = one(rid, [left_out])
    assert (result.outcome, result.evidence) == (NOT_MET, {"units_left_out": ["ward-b"]})
    silent = attrs.evolve(policy(unit_ids=()), units=units)
    assert outcomes(rid, [silent]) == [IE]
    none = organisation(units=units, use_of_force_policy=None)
    assert outcomes(rid, [none]) == [NOT_MET]
    # One mental health unit: s.3(2) does not arise (s.3(1) is judged elsewhere).
    assert outcomes(rid, [organisation(units=(MH_UNIT, CARE_HOME))]) == [NA]
    assert outcomes(rid, [organisation(use_of_force_policy=None)]) == [NA]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


def test_policy_consulted() -> None:
    rid = "UOF-S3-POLICY-CONSULTED"
    assert outcomes(rid, [organisation()]) == [MET]
    assert outcomes(rid, [policy(consultation_held=False)]) == [NOT_MET]
    assert outcomes(rid, [policy(consultation_held=None)]) == [IE]
    assert outcomes(rid, [organisation(use_of_force_policy=None)]) == [IE]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


def test_policy_reviewed() -> None:
    rid = "UOF-S3-POLICY-REVIEWED"
    result = one(rid, [organisation()])
    assert result.outcome is MET
    assert result.evidence == {"last_reviewed_on": "2026-06-01", "review_due": "2027-06-01"}
    # Boundary: reviewed exactly 12 months before the as-of date.
    on_time = policy(last_reviewed_on=dt.date(2025, 11, 28))
    assert outcomes(rid, [on_time]) == [MET]
    assert outcomes(rid, [on_time], AS_OF + dt.timedelta(days=1)) == [NOT_MET]
    stale = policy(last_reviewed_on=None)  # published 2025-01-10 only
    assert outcomes(rid, [stale]) == [NOT_MET]
    assert one(rid, [stale], policy_review_months=24).outcome is MET
    # A review dated after the as-of date is not yet evidence.
    assert outcomes(rid, [policy(published_on=None, last_reviewed_on=dt.date(2027, 1, 1))]) == [IE]
    assert outcomes(rid, [policy(published_on=None, last_reviewed_on=None)]) == [IE]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


# ---------------------------------------------------------------------------
# s.4 information for patients, s.9 investigations, the guidance on pain
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        (None, IE),
        ({"given_on": "2026-03-01"}, MET),
        ({"given_on": "2026-11-28"}, MET),
        ({"given_on": "2026-11-29"}, NOT_MET),
        ({"refused": True}, MET),
        ({}, NOT_MET),
        ({"refused": False}, NOT_MET),
    ],
)
def test_patient_information(
    incident: dict[str, Any], info: dict[str, Any] | None, expected: Outcome
) -> None:
    """s.4: information about their rights to each patient, unless the patient refuses it."""
    rid = "UOF-S4-PATIENT-INFORMATION"
    if info is not None:
        incident["patient"]["rights_information"] = info
    result = one(rid, [as_incident(incident)])
    assert result.outcome is expected
    if expected is NOT_MET:
        assert "(s.4)" in result.message


def test_patient_information_only_in_a_mental_health_unit(incident: dict[str, Any]) -> None:
    rid = "UOF-S4-PATIENT-INFORMATION"
    org = organisation(units=(MH_UNIT, CARE_HOME))
    assert outcomes(rid, [as_incident(dict(incident, unit_id="home")), org]) == [NA]
    assert outcomes(rid, [as_incident(dict(incident, unit_id="ward-a")), org]) == [IE]


def test_investigation_of_death_or_serious_injury(incident: dict[str, Any]) -> None:
    """s.9: regard to the investigation guidance, read as a recorded investigation."""
    rid = "UOF-S9-INVESTIGATION"
    # Not applicable unless the record says the patient died or was seriously injured.
    assert outcomes(rid, [as_incident(incident)]) == [NA]
    assert outcomes(rid, [as_incident(dict(incident, death_or_serious_injury=False))]) == [NA]
    hurt = dict(incident, death_or_serious_injury=True)  # started 2026-03-04
    result = one(rid, [as_incident(hurt)])
    assert (result.outcome, result.evidence) == (NOT_MET, {"due": "2026-04-03"})
    assert "(s.9)" in result.message
    # Boundary: on the 30th day none is due yet; on the 31st it is.
    assert outcomes(rid, [as_incident(hurt)], dt.date(2026, 4, 3)) == [NA]
    assert outcomes(rid, [as_incident(hurt)], dt.date(2026, 4, 4)) == [NOT_MET]
    assert one(rid, [as_incident(hurt)], investigation_record_days=365).outcome is NA
    investigated = dict(
        hurt,
        investigation={
            "reference": "PSI-1",
            "commissioned_on": "2026-03-10",
            "guidance": "PSIRF",
        },
    )
    result = one(rid, [as_incident(investigated)])
    assert (result.outcome, result.evidence) == (
        MET,
        {"commissioned_on": "2026-03-10", "guidance_named": True},
    )
    # An investigation commissioned after the as-of date is not yet on the record.
    assert outcomes(rid, [as_incident(investigated)], dt.date(2026, 3, 9)) == [NA]
    assert outcomes(rid, [as_incident(investigated)], dt.date(2026, 3, 10)) == [MET]


def test_investigation_only_in_a_mental_health_unit(incident: dict[str, Any]) -> None:
    """s.9 speaks of a patient who dies or is seriously injured in a mental health unit."""
    rid = "UOF-S9-INVESTIGATION"
    org = organisation(units=(MH_UNIT, CARE_HOME))
    hurt = dict(incident, death_or_serious_injury=True)
    assert outcomes(rid, [as_incident(dict(hurt, unit_id="home")), org]) == [NA]
    assert outcomes(rid, [as_incident(dict(hurt, unit_id="ward-a")), org]) == [NOT_MET]


@pytest.mark.parametrize(
    ("interventions", "expected"),
    [
        ([("07", False, None)], MET),
        ([("07", False, None), ("04", False, None), ("01", False, None)], MET),
        ([("07", True, f"{SECRET} rescue")], NOT_MET),
        ([("07", True, None)], NOT_MET),
        ([("04", True, None)], NOT_MET),
        ([("07", False, None), ("01", None, None)], IE),
        ([("07", None, None), ("01", True, None)], NOT_MET),
        ([("14", None, None)], NA),  # chemical only
        ([("16", True, None)], NA),  # chemical: not a hands-on technique
        ([("05", None, None)], NA),  # seclusion only
        ([], NA),
    ],
)
def test_no_pain(
    incident: dict[str, Any],
    interventions: list[tuple[str, bool | None, str | None]],
    expected: Outcome,
) -> None:
    """Statutory guidance: force must never be used with the intention of causing pain."""
    rid = "UOF-GUIDANCE-NO-PAIN"
    base = incident["interventions"][0]
    items = []
    for n, (type_, pain, why) in enumerate(interventions):
        item = dict(base, id=f"i{n}", type=type_)
        if pain is not None:
            item["pain_inducing"] = pain
        if why is not None:
            item["pain_justification"] = why
        items.append(item)
    result = one(rid, [as_incident(dict(incident, interventions=items))])
    assert result.outcome is expected
    assert_quiet([result])
    if expected is NOT_MET:
        painful = [n for n, (_, pain, _) in enumerate(interventions) if pain]
        assert result.pointers == tuple(f"/interventions/{n}/pain_inducing" for n in painful)
        (why,) = {interventions[n][2] for n in painful}
        assert result.evidence["justification_recorded"] is (why is not None)
        assert set(result.evidence) <= {"justification_recorded", "items"}


def test_no_pain_two_painful_interventions_are_one_outcome(incident: dict[str, Any]) -> None:
    rid = "UOF-GUIDANCE-NO-PAIN"
    base = dict(incident["interventions"][0], pain_inducing=True)
    items = [
        dict(base, id="i1", pain_justification=f"{SECRET} one"),
        dict(base, id="i2", type="01"),
    ]
    result = one(rid, [as_incident(dict(incident, interventions=items))])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/interventions/0/pain_inducing", "/interventions/1/pain_inducing")
    assert [i["justification_recorded"] for i in result.evidence["items"]] == [True, False]
    assert_quiet([result])
    org = organisation(units=(MH_UNIT, CARE_HOME))
    outside = as_incident(dict(incident, interventions=items, unit_id="home"))
    assert outcomes(rid, [outside, org]) == [NA]


# ---------------------------------------------------------------------------
# s.5 training: topics over the programme
# ---------------------------------------------------------------------------


def test_training_topics_over_the_programme() -> None:
    """s.5(2): the training provided under s.5(1) must include training on (a)-(k)."""
    rid = "UOF-S5-TRAINING-TOPICS"
    assert outcomes(rid, [organisation(), FULL]) == [MET]
    # Two courses that together cover the eleven topics.
    two = organisation(use_of_force_course_ids=("c1", "c2"))
    result = one(rid, [two, FIRST_HALF, SECOND_HALF])
    assert (result.outcome, result.evidence) == (MET, {"course_ids": ["c1", "c2"]})
    # Boundary: ten of eleven is not the training s.5(2) describes.
    ten = course(UOF_TOPICS[6:-1], ident="c2")
    result = one(rid, [two, FIRST_HALF, ten])
    assert result.outcome is NOT_MET
    assert result.evidence["missing_topics"] == ["uof-5k-legal-and-ethical"]
    assert "1 of the eleven" in result.message
    assert outcomes(rid, [organisation(**NON_MH), FULL]) == [NA]


def test_training_topics_programme_fallback_and_missing_documents() -> None:
    rid = "UOF-S5-TRAINING-TOPICS"
    commissioned = tuple(
        CommissionedTraining(
            provider_id="p1",
            course_id=c,
            delivery_model=DeliveryModel.PROVIDER_DELIVERED,
            start_date=dt.date(2024, 1, 1),
        )
        for c in ("c1", "c2")
    )
    # No named programme: every commissioned course makes it up.
    fallback = organisation(use_of_force_course_ids=(), commissioned_training=commissioned)
    assert outcomes(rid, [fallback, FIRST_HALF, SECOND_HALF]) == [MET]
    # A named programme wins over the commissioned courses.
    named = attrs.evolve(fallback, use_of_force_course_ids=("c1",))
    result = one(rid, [named, FIRST_HALF, SECOND_HALF])
    assert (result.outcome, result.evidence["course_ids"]) == (NOT_MET, ["c1"])
    # A programme course whose document is missing: insufficient, unless the rest suffice.
    two = organisation(use_of_force_course_ids=("c1", "c2"))
    result = one(rid, [two, FIRST_HALF])
    assert result.outcome is IE
    assert result.evidence["unavailable_course_ids"] == ["c2"]
    assert outcomes(rid, [two, FULL]) == [MET]
    # No programme at all.
    nothing = organisation(use_of_force_course_ids=())
    assert outcomes(rid, [nothing, FULL]) == [IE]


# ---------------------------------------------------------------------------
# s.5 training: first training, staff in scope, s.5(3) and s.5(4)
# ---------------------------------------------------------------------------

INITIAL = "UOF-S5-INITIAL-TRAINING"


def test_initial_training_met_and_not_met() -> None:
    org = organisation(workforce=(member("s1"), member("s2")))
    trained = [org, FULL, event("e1", dt.date(2025, 5, 1), "s1", "s2")]
    result = one(INITIAL, trained)
    assert (result.outcome, result.pointers) == (MET, ("/workforce",))
    assert result.evidence == {"trained": 2, "not_yet_due": [], "left_out": {}}
    partly = [org, FULL, event("e1", dt.date(2025, 5, 1), "s1")]
    result = one(INITIAL, partly)
    assert (result.outcome, result.pointers) == (NOT_MET, ("/workforce/1",))
    assert result.evidence["staff_id"] == "s2"
    assert result.evidence["missing_topics"] == [t.value for t in UOF_TOPICS]
    assert "s.5(3)" in result.message
    assert_quiet([result])
    assert outcomes(INITIAL, [organisation(**NON_MH, workforce=(member("s1"),))]) == [NA]


def test_initial_training_two_gaps_are_one_outcome() -> None:
    org = organisation(workforce=(member("s1"), member("s2"), member("s3")))
    result = one(INITIAL, [org, FULL, event("e1", dt.date(2025, 5, 1), "s2")])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/workforce/0", "/workforce/2")
    assert result.message.endswith("(and 1 more)")
    assert [i["staff_id"] for i in result.evidence["items"]] == ["s1", "s3"]
    assert_quiet([result])


def test_initial_training_without_any_training_record_is_insufficient() -> None:
    org = organisation(workforce=(member("s1"),))
    result = one(INITIAL, [org, FULL])
    assert (result.outcome, result.pointers) == (IE, ("/workforce",))
    assert outcomes(INITIAL, [org, FULL, SOME_TRAINING]) == [NOT_MET]


def test_initial_training_administrative_staff_are_in_scope_by_default() -> None:
    """s.5(1) covers staff who work in the unit: no group is exempt unless chosen so."""
    admin = member("a1", group=StaffGroup.ADMINISTRATIVE)
    org = organisation(workforce=(member("s1"), admin))
    docs: list[Document] = [org, FULL, event("e1", dt.date(2025, 5, 1), "s1")]
    result = one(INITIAL, docs)
    assert (result.outcome, result.evidence["staff_id"]) == (NOT_MET, "a1")
    # Left out by the parameter: named in the evidence.
    result = one(INITIAL, docs, excluded_staff_groups=("administrative",))
    assert result.outcome is MET
    assert result.evidence["left_out"] == {
        "administrative": "excluded by the rule's excluded_staff_groups parameter"
    }
    # Left out by the organisation's latest TNA recording no contact.
    result = one(INITIAL, [*docs, tna(dt.date(2025, 1, 1), StaffGroup.ADMINISTRATIVE)])
    assert result.outcome is MET
    assert "tna-1" in result.evidence["left_out"]["administrative"]
    # Only the latest TNA by the as-of date speaks.
    earlier = tna(dt.date(2025, 1, 1), StaffGroup.ADMINISTRATIVE)
    later = tna(dt.date(2026, 1, 1), ident="tna-2")  # records no group without contact
    assert one(INITIAL, [*docs, earlier, later]).outcome is NOT_MET
    future = tna(dt.date(2027, 1, 1), StaffGroup.ADMINISTRATIVE)
    assert one(INITIAL, [*docs, future]).outcome is NOT_MET


def test_initial_training_staff_in_scope_work_in_a_mental_health_unit() -> None:
    org = organisation(
        units=(MH_UNIT, CARE_HOME),
        workforce=(
            member("s1"),
            member("h1", unit_id="home"),  # works in the care home: not in scope
            member("x1", end_date=dt.date(2026, 1, 1)),  # has left
            member("w1", unit_id="ward-a"),
        ),
    )
    docs: list[Document] = [org, FULL, event("e1", dt.date(2025, 5, 1), "s1", "w1")]
    result = one(INITIAL, docs)
    assert (result.outcome, result.evidence["trained"]) == (MET, 2)
    unassigned = attrs.evolve(org, workforce=(*org.workforce, member("u1")))
    result = one(INITIAL, [unassigned, *docs[1:]])
    assert (result.outcome, result.evidence["staff_id"]) == (NOT_MET, "u1")


def test_initial_training_is_judged_over_the_programme() -> None:
    """Completed programme courses that together cover every topic are s.5 training."""
    org = organisation(workforce=(member("s1"),), use_of_force_course_ids=("c1", "c2"))
    courses: list[Document] = [FIRST_HALF, SECOND_HALF]
    both = [
        event("e1", dt.date(2025, 5, 1), "s1"),
        event("e2", dt.date(2025, 9, 1), "s1", course_id="c2"),
    ]
    assert one(INITIAL, [org, *courses, *both]).outcome is MET
    result = one(INITIAL, [org, *courses, both[0]])
    assert result.outcome is NOT_MET
    assert result.evidence["missing_topics"] == [t.value for t in UOF_TOPICS[6:]]
    # The second course completed after the as-of date does not count yet.
    assert one(INITIAL, [org, *courses, *both], dt.date(2025, 8, 31)).outcome is NOT_MET


@pytest.mark.parametrize(
    ("course_doc", "attended", "competence", "expected"),
    [
        (FULL, True, CompetenceOutcome.COMPETENT, MET),
        (FULL, False, CompetenceOutcome.COMPETENT, NOT_MET),  # absent
        (FULL, True, CompetenceOutcome.NOT_YET_COMPETENT, NOT_MET),
        (course(UOF_TOPICS, assessed=True), True, CompetenceOutcome.NOT_ASSESSED, NOT_MET),
        (course(UOF_TOPICS, assessed=True), True, CompetenceOutcome.COMPETENT, MET),
        (course(UOF_TOPICS, assessed=False), True, CompetenceOutcome.NOT_ASSESSED, MET),
        (course(UOF_TOPICS, ident="c9"), True, CompetenceOutcome.COMPETENT, NOT_MET),
    ],
    ids=[
        "competent",
        "absent",
        "not-yet-competent",
        "not-assessed-on-assessed-course",
        "competent-on-assessed-course",
        "not-assessed-where-nothing-is-assessed",
        "course-outside-the-programme",
    ],
)
def test_initial_training_what_counts(
    course_doc: Course, attended: bool, competence: CompetenceOutcome, expected: Outcome
) -> None:
    org = organisation(workforce=(member("s1"),))
    who = ("s1",) if attended else ()
    absent = () if attended else ("s1",)
    done = event(
        "e1",
        dt.date(2025, 5, 1),
        *who,
        absent=absent,
        course_id=course_doc.id,
        competence=competence,
    )
    assert one(INITIAL, [org, course_doc, done, SOME_TRAINING]).outcome is expected


def test_initial_training_new_starter_grace() -> None:
    """s.5(3)(b): as soon as reasonably practicable after joining (grace: a parameter)."""
    docs: list[Document] = [FULL, event("e1", dt.date(2025, 5, 1), "s1")]
    boundary = AS_OF - dt.timedelta(days=90)
    org = organisation(workforce=(member("s1"), member("n1", boundary)))
    result = one(INITIAL, [org, *docs])
    assert (result.outcome, result.evidence["not_yet_due"]) == (MET, ["n1"])
    late = organisation(workforce=(member("s1"), member("n1", boundary - dt.timedelta(days=1))))
    result = one(INITIAL, [late, *docs])
    yesterday = AS_OF - dt.timedelta(days=1)
    assert (result.outcome, result.evidence["due"]) == (NOT_MET, yesterday.isoformat())
    assert one(INITIAL, [late, *docs], new_starter_grace_days=91).outcome is MET
    # Nobody yet due and nobody trained: nothing to judge.
    only_new = organisation(workforce=(member("n1", boundary),))
    result = one(INITIAL, [only_new, *docs])
    assert (result.outcome, result.evidence["not_yet_due"]) == (NA, ["n1"])


def test_initial_training_staff_in_post_at_commencement() -> None:
    """s.5(3)(a): staff in post on 31 March 2022 are due as soon as practicable after it."""
    org = organisation(workforce=(member("s1", dt.date(2015, 6, 1)),))
    docs: list[Document] = [org, FULL, SOME_TRAINING]
    due = COMMENCEMENT + dt.timedelta(days=90)
    assert due == dt.date(2022, 6, 29)
    assert one(INITIAL, docs, due).outcome is NA
    result = one(INITIAL, docs, due + dt.timedelta(days=1))
    assert (result.outcome, result.evidence["due"]) == (NOT_MET, "2022-06-29")


@pytest.mark.parametrize(
    ("judgement", "expected"),
    [
        (prior(), MET),
        (prior(recent=False), NOT_MET),
        (prior(equivalent=False), NOT_MET),
        (prior(recent=False, equivalent=False), NOT_MET),
        (prior(judged_on=AS_OF), MET),
        (prior(judged_on=AS_OF + dt.timedelta(days=1)), NOT_MET),
    ],
)
def test_initial_training_earlier_training_judged_equivalent(
    judgement: PriorTraining, expected: Outcome
) -> None:
    """s.5(4): earlier training counts when sufficiently recent and of an equivalent standard."""
    org = organisation(workforce=(member("s1", prior_training=judgement),))
    assert one(INITIAL, [org, FULL, SOME_TRAINING]).outcome is expected


# ---------------------------------------------------------------------------
# s.5 training: refreshers
# ---------------------------------------------------------------------------

REFRESHER = "UOF-S5-REFRESHER"


def test_refresher_training() -> None:
    org = organisation(
        workforce=(
            member("s1"),  # refreshed recently
            member("s2"),  # trained too long ago
            member("s3", dt.date(2026, 10, 1)),  # new starter, untrained: not judged
            member("s4"),  # never trained: UOF-S5-INITIAL-TRAINING's business
        )
    )
    events = [
        event("e1", dt.date(2026, 2, 1), "s1"),
        event("e2", dt.date(2025, 6, 1), "s2", absent=("s4",)),
        event("e3", dt.date(2027, 1, 1), "s2"),  # after the as-of date: does not count
    ]
    result = one(REFRESHER, [org, FULL, *events])
    assert (result.outcome, result.pointers) == (NOT_MET, ("/workforce/1",))
    assert result.evidence == {"staff_id": "s2", "last_training": "2025-06-01"}
    assert "(s.5(5))" in result.message
    assert_quiet([result])
    relaxed = one(REFRESHER, [org, FULL, *events], refresher_interval_months=24)
    assert (relaxed.outcome, relaxed.evidence["staff"]) == (MET, 2)
    assert outcomes(REFRESHER, [organisation(**NON_MH), FULL, *events]) == [NA]


def test_refresher_is_never_overdue_before_a_first_training() -> None:
    new = organisation(workforce=(member("n1", dt.date(2026, 10, 1)), member("s4")))
    assert outcomes(REFRESHER, [new, FULL, SOME_TRAINING]) == [NA]
    assert outcomes(REFRESHER, [new, FULL]) == [NA]


def test_refresher_boundary_at_twelve_months() -> None:
    org = organisation(workforce=(member("s1"),))
    edge = add_months(AS_OF, -12)
    assert edge == dt.date(2025, 11, 28)
    assert one(REFRESHER, [org, FULL, event("e1", edge, "s1")]).outcome is MET
    late = one(REFRESHER, [org, FULL, event("e1", edge - dt.timedelta(days=1), "s1")])
    assert (late.outcome, late.evidence["last_training"]) == (NOT_MET, "2025-11-27")


def test_refresher_two_overdue_are_one_outcome() -> None:
    org = organisation(workforce=(member("s1"), member("s2"), member("s3")))
    events = [event("e1", dt.date(2024, 1, 1), "s1", "s3"), event("e2", AS_OF, "s2")]
    result = one(REFRESHER, [org, FULL, *events])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/workforce/0", "/workforce/2")
    assert [i["staff_id"] for i in result.evidence["items"]] == ["s1", "s3"]


def test_refresher_what_counts_as_refresher_training() -> None:
    """s.5(6): refresher training updates or supplements the s.5 training."""
    org = organisation(workforce=(member("s1"),), use_of_force_course_ids=("c1", "c2"))
    initial = event("e1", dt.date(2024, 1, 1), "s1")
    # A shorter programme course, covering some topics, refreshes.
    part = course(UOF_TOPICS[:2], ident="c2")
    refresher = event("e2", dt.date(2026, 6, 1), "s1", course_id="c2")
    assert one(REFRESHER, [org, FULL, part, initial, refresher]).outcome is MET
    # So does a programme course that covers no s.5(2) topic of its own.
    skills = course((), ident="c2")
    assert one(REFRESHER, [org, FULL, skills, initial, refresher]).outcome is MET
    # A course outside the programme does not.
    outside = attrs.evolve(org, use_of_force_course_ids=("c1",))
    assert one(REFRESHER, [outside, FULL, part, initial, refresher]).outcome is NOT_MET
    # Nor one the learner did not complete competently.
    failed = event(
        "e2",
        dt.date(2026, 6, 1),
        "s1",
        course_id="c2",
        competence=CompetenceOutcome.NOT_YET_COMPETENT,
    )
    assert one(REFRESHER, [org, FULL, part, initial, failed]).outcome is NOT_MET


def test_refresher_after_earlier_training_judged_equivalent() -> None:
    recent = organisation(workforce=(member("s1", prior_training=prior()),))
    assert one(REFRESHER, [recent, FULL]).outcome is MET  # completed 2026-01-10
    old = prior(completed_on=dt.date(2024, 1, 10))
    stale = organisation(workforce=(member("s1", prior_training=old),))
    result = one(REFRESHER, [stale, FULL])
    assert (result.outcome, result.evidence["last_training"]) == (NOT_MET, "2024-01-10")
    refreshed = one(REFRESHER, [stale, FULL, event("e1", dt.date(2026, 3, 1), "s1")])
    assert refreshed.outcome is MET
    not_counted = organisation(workforce=(member("s1", prior_training=prior(equivalent=False)),))
    assert one(REFRESHER, [not_counted, FULL]).outcome is NA


def test_refresher_excluded_groups() -> None:
    admin = member("a1", group=StaffGroup.ADMINISTRATIVE)
    org = organisation(workforce=(member("s1"), admin))
    events = [event("e1", dt.date(2026, 6, 1), "s1"), event("e0", dt.date(2024, 1, 1), "a1")]
    assert one(REFRESHER, [org, FULL, *events]).outcome is NOT_MET
    result = one(REFRESHER, [org, FULL, *events], excluded_staff_groups=("administrative",))
    assert result.outcome is MET
    assert set(result.evidence["left_out"]) == {"administrative"}


@settings(max_examples=120)
@given(
    days_ago=st.integers(min_value=0, max_value=1500),
    months=st.integers(min_value=1, max_value=48),
)
def test_refresher_property_overdue_iff_before_the_interval(days_ago: int, months: int) -> None:
    """Overdue iff the last s.5 training ended before the as-of date less the interval."""
    org = organisation(workforce=(member("s1", dt.date(2020, 1, 1)),))
    last = AS_OF - dt.timedelta(days=days_ago)
    result = one(REFRESHER, [org, FULL, event("e1", last, "s1")], refresher_interval_months=months)
    overdue = last < add_months(AS_OF, -months)
    assert result.outcome is (NOT_MET if overdue else MET)


# ---------------------------------------------------------------------------
# Every rule: one outcome per subject, nothing sensitive said
# ---------------------------------------------------------------------------


def test_one_outcome_per_rule_and_subject_and_nothing_sensitive(
    incident: dict[str, Any],
) -> None:
    s = SECRET
    messy = dict(incident, unit_id="ward-a", negligible=True, outcome=f"{s}-outcome")
    messy["interventions"] = [
        dict(incident["interventions"][0], id="a", type="01", description=f"{s}-a"),
        dict(
            incident["interventions"][0],
            id="b",
            pain_inducing=True,
            pain_justification=f"{s}-why",
        ),
        dict(incident["interventions"][0], id="c", type="14"),
    ]
    messy["staff"] = [
        {"staff_id": "s1", "name": f"{s}-one"},
        {"staff_id": "s2", "job_title": "HCA"},
        {"name": f"{s}-police", "unit_staff": False},
        {"name": f"{s}-other", "unit_staff": False},
    ]
    messy["patient"].update(
        name=f"{s}-name",
        mental_disorder=f"{s}-dx",
        characteristics=[{"characteristic": "race", "value": f"{s}-race"}],
        rights_information={"refused": False},
    )
    messy["death_or_serious_injury"] = True
    org = organisation(
        units=(MH_UNIT, MH_UNIT_B),
        responsible_person=person(staff_id="s1"),
        workforce=(member("s1"), member("s2"), member("s3")),
    )
    docs: list[Document] = [as_incident(messy), as_incident(incident, "inc-2"), org, FULL]
    docs += [event("e1", dt.date(2024, 1, 1), "s1")]
    results = UOF_ACT.run(docs, as_of=AS_OF)
    per_subject = Counter((r.rule_id, r.subject_kind, r.subject_id) for r in results)
    assert set(per_subject.values()) == {1}
    assert len(per_subject) == len(RULES) + sum(r.applies_to == "incident" for r in RULES)
    assert Outcome.ERROR not in {r.outcome for r in results}
    assert_quiet(results, "9434765919")
    folded = {r.rule_id: r for r in results if r.subject_id == "inc-1"}
    assert folded["UOF-NEVER-NEGLIGIBLE"].pointers == (
        "/interventions/0",
        "/interventions/1",
        "/interventions/2",
    )
    assert len(folded["UOF-S6-I-NON-UNIT-REASON"].pointers) == 2


RULE_TESTS: dict[str, list[Any]] = {
    "UOF-S6-A-REASON": [test_a_reason, test_each_missing_item_is_reported],
    "UOF-S6-B-PLACE-DATE-DURATION": [
        test_b_place_date_duration,
        test_b_duration_stated_by_the_interventions,
    ],
    "UOF-S6-C-TYPES": [test_c_types],
    "UOF-S6-D-CARE-PLAN": [test_d_and_f_every_intervention_answers],
    "UOF-S6-E-PATIENT-NAME": [test_e_patient_name],
    "UOF-S6-F-DESCRIPTION": [test_d_and_f_every_intervention_answers],
    "UOF-S6-G-IDENTIFIER": [test_g_consistent_identifier_is_the_nhs_number],
    "UOF-S6-H-STAFF": [
        test_h_names_each_member_of_unit_staff_who_used_force,
        test_h_two_gaps_are_one_outcome,
        test_h_nobody_used_force_or_only_outsiders,
    ],
    "UOF-S6-I-NON-UNIT-REASON": [test_i_reason_for_each_outsider],
    "UOF-S6-J-MENTAL-DISORDER": [test_j_mental_disorder_if_known],
    "UOF-S6-K-CHARACTERISTICS": [
        test_k_each_relevant_characteristic,
        test_k_relevant_characteristics_parameter_narrows,
        test_k_property_met_iff_every_wanted_is_stated_or_not_known,
    ],
    "UOF-S6-L-LD-AUTISM": [test_l_learning_disability_and_autism_have_no_if_known],
    "UOF-S6-M-OUTCOME": [test_m_outcome],
    "UOF-S6-N-DEATH-INJURY": [test_n_death_or_serious_injury_is_answered],
    "UOF-S6-O-AVOIDANCE": [test_o_efforts_to_avoid_force],
    "UOF-S6-P-NOTIFICATION": [test_p_notification],
    "UOF-NEVER-NEGLIGIBLE": [
        test_never_negligible,
        test_never_negligible_is_about_mental_health_units,
    ],
    "UOF-RECORD-RETENTION": [test_record_retention, test_record_retention_deletion],
    "UOF-S2-RESPONSIBLE-PERSON": [test_responsible_person],
    "UOF-S2-SENIORITY": [
        test_responsible_person_employment_and_seniority,
        test_seniority_parameter_and_scope,
    ],
    "UOF-S3-POLICY-PUBLISHED": [test_policy_published],
    "UOF-S3-REDUCTION-STEPS": [test_policy_reduction_steps],
    "UOF-S3-ONE-POLICY": [test_one_policy_for_all_units],
    "UOF-S3-POLICY-CONSULTED": [test_policy_consulted],
    "UOF-S3-POLICY-REVIEWED": [test_policy_reviewed],
    "UOF-S4-PATIENT-INFORMATION": [
        test_patient_information,
        test_patient_information_only_in_a_mental_health_unit,
    ],
    "UOF-S9-INVESTIGATION": [
        test_investigation_of_death_or_serious_injury,
        test_investigation_only_in_a_mental_health_unit,
    ],
    "UOF-GUIDANCE-NO-PAIN": [test_no_pain, test_no_pain_two_painful_interventions_are_one_outcome],
    "UOF-S5-TRAINING-TOPICS": [
        test_training_topics_over_the_programme,
        test_training_topics_programme_fallback_and_missing_documents,
    ],
    "UOF-S5-INITIAL-TRAINING": [
        test_initial_training_met_and_not_met,
        test_initial_training_two_gaps_are_one_outcome,
        test_initial_training_without_any_training_record_is_insufficient,
        test_initial_training_administrative_staff_are_in_scope_by_default,
        test_initial_training_staff_in_scope_work_in_a_mental_health_unit,
        test_initial_training_is_judged_over_the_programme,
        test_initial_training_what_counts,
        test_initial_training_new_starter_grace,
        test_initial_training_staff_in_post_at_commencement,
        test_initial_training_earlier_training_judged_equivalent,
    ],
    "UOF-S5-REFRESHER": [
        test_refresher_training,
        test_refresher_is_never_overdue_before_a_first_training,
        test_refresher_boundary_at_twelve_months,
        test_refresher_two_overdue_are_one_outcome,
        test_refresher_what_counts_as_refresher_training,
        test_refresher_after_earlier_training_judged_equivalent,
        test_refresher_excluded_groups,
        test_refresher_property_overdue_iff_before_the_interval,
    ],
}
"""The tests written for each rule of the pack."""


def test_every_rule_has_its_own_tests() -> None:
    assert set(RULE_TESTS) == set(UOF_ACT.ids)
    assert all(RULE_TESTS.values())
