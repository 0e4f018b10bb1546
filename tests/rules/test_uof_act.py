import datetime as dt
from typing import Any

import pytest

from rrnkit.convert import load
from rrnkit.model import (
    Attendance,
    CompetenceOutcome,
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
    ResponsiblePerson,
    Setting,
    StaffGroup,
    StaffMember,
    TrainingEvent,
    Unit,
    UseOfForcePolicy,
)
from rrnkit.model.values import add_months
from rrnkit.rules import Outcome, Result, RuleSet
from rrnkit.rules.packs.uof_act import RULES, UOF_ACT, UOF_TOPICS

AS_OF = dt.date(2026, 11, 28)

MET, NOT_MET, NA, IE = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NOT_APPLICABLE,
    Outcome.INSUFFICIENT_EVIDENCE,
)


def complete(incident: dict[str, Any]) -> dict[str, Any]:
    """An incident dict with every s.6(5) item present."""
    incident["unit_id"] = "ward-a"
    incident["interventions"][0].update({"in_care_plan": True, "description": "held by both arms"})
    incident["patient"].update(
        {
            "mental_disorder": "schizophrenia",
            "characteristics": [{"characteristic": "sex", "value": "female"}],
            "learning_disability": "no",
            "autism": "not-known",
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


def run(rule_id: str, documents: list[Document], as_of: dt.date = AS_OF) -> list[Result]:
    return UOF_ACT.select(ids=[rule_id]).run(documents, as_of=as_of)


def outcomes(rule_id: str, documents: list[Document], as_of: dt.date = AS_OF) -> list[Outcome]:
    return [r.outcome for r in run(rule_id, documents, as_of)]


def test_ruleset_shape() -> None:
    assert UOF_ACT.id == "uof-act"
    assert len(RULES) == len(set(UOF_ACT.ids))
    items = [r for r in RULES if r.id.startswith("UOF-S6-")]
    assert [str(r.citations[0]) for r in items] == [
        f"uof-act:6(5)({c})" for c in "abcdefghijklmnop"
    ]
    assert all(r.met_means for r in RULES)
    assert len(UOF_TOPICS) == 11


def test_complete_record_meets_every_s6_item(incident: dict[str, Any]) -> None:
    doc = as_incident(complete(incident))
    results = UOF_ACT.select(tags=["uof-s6"]).run([doc], as_of=AS_OF)
    assert len(results) == 16
    assert {r.outcome for r in results} == {MET}


# Each case: rule id, change that breaks the item, expected outcome and pointer.
BREAKS: list[tuple[str, Any, Outcome, str]] = [
    ("UOF-S6-A-REASON", lambda d: d.pop("reason"), NOT_MET, "/reason"),
    ("UOF-S6-B-PLACE-DATE-DURATION", lambda d: d.pop("unit_id"), NOT_MET, "/unit_id"),
    ("UOF-S6-B-PLACE-DATE-DURATION", lambda d: d.pop("end"), NOT_MET, "/end"),
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
    ("UOF-S6-H-STAFF", lambda d: d.update(staff=[]), NOT_MET, "/staff"),
    (
        "UOF-S6-I-NON-UNIT-REASON",
        lambda d: d["staff"][1].pop("non_unit_reason"),
        NOT_MET,
        "/staff/1/non_unit_reason",
    ),
    (
        "UOF-S6-I-NON-UNIT-REASON",
        lambda d: d["staff"].pop(1),
        NA,
        "",
    ),
    (
        "UOF-S6-J-MENTAL-DISORDER",
        lambda d: d["patient"].pop("mental_disorder"),
        IE,
        "/patient/mental_disorder",
    ),
    (
        "UOF-S6-K-CHARACTERISTICS",
        lambda d: d["patient"].pop("characteristics"),
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
    (result,) = run(rule_id, [as_incident(data)])
    assert result.outcome is expected
    if pointer:
        assert pointer in result.pointers
    if expected is NOT_MET:
        assert "s.6(5)(" in result.message


def test_alternative_ways_to_record_an_item(incident: dict[str, Any]) -> None:
    data = complete(incident)
    data.pop("reason")
    data["reason_detail"] = "words"
    data.pop("unit_id")
    data["location"] = "lounge"
    data.pop("de_escalation")
    data["de_escalation_detail"] = "talked"
    doc = as_incident(data)
    for rule_id in ("UOF-S6-A-REASON", "UOF-S6-B-PLACE-DATE-DURATION", "UOF-S6-O-AVOIDANCE"):
        assert outcomes(rule_id, [doc]) == [MET]


def test_staff_gap_evidence_names_fields_not_values(incident: dict[str, Any]) -> None:
    data = complete(incident)
    data["staff"][0].pop("name")
    (result,) = run("UOF-S6-H-STAFF", [as_incident(data)])
    assert result.evidence == {"missing": ["name"], "staff_id": "s1"}


def test_negligible_force_needs_no_record_unless_never_negligible(
    incident: dict[str, Any],
) -> None:
    data = dict(incident, negligible=True)  # incomplete, but negligible standing hold
    assert outcomes("UOF-S6-M-OUTCOME", [as_incident(data)]) == [NA]
    data["interventions"] = [dict(data["interventions"][0], type="01")]  # prone
    assert outcomes("UOF-S6-M-OUTCOME", [as_incident(data)]) == [NOT_MET]


def test_record_not_required_outside_a_mental_health_unit(incident: dict[str, Any]) -> None:
    data = dict(incident, unit_id="ward-b")
    org = organisation(units=(Unit(id="ward-b", name="B", setting=Setting.CARE_HOME),))
    assert outcomes("UOF-S6-M-OUTCOME", [as_incident(data), org]) == [NA]


def test_never_negligible(incident: dict[str, Any]) -> None:
    assert outcomes("UOF-NEVER-NEGLIGIBLE", [as_incident(incident)]) == [NA]
    negligible = dict(incident, negligible=True)
    assert outcomes("UOF-NEVER-NEGLIGIBLE", [as_incident(negligible)]) == [MET]
    prone = dict(negligible)
    prone["interventions"] = [
        dict(incident["interventions"][0], type="01"),
        dict(incident["interventions"][0], id="i2", pain_inducing=True),
    ]
    results = run("UOF-NEVER-NEGLIGIBLE", [as_incident(prone)])
    assert [(r.outcome, r.pointers) for r in results] == [
        (NOT_MET, ("/interventions/0",)),
        (NOT_MET, ("/interventions/1",)),
    ]
    assert results[0].evidence == {"type": "01", "pain_inducing": False}


def test_record_retention(incident: dict[str, Any]) -> None:
    doc = as_incident(incident)  # recorded 2026-03-04
    (result,) = run("UOF-RECORD-RETENTION", [doc])
    assert (result.outcome, result.evidence) == (MET, {"retain_until": "2029-03-04"})
    assert outcomes("UOF-RECORD-RETENTION", [doc], dt.date(2029, 3, 4)) == [MET]
    assert outcomes("UOF-RECORD-RETENTION", [doc], dt.date(2029, 3, 5)) == [NA]
    assert outcomes("UOF-RECORD-RETENTION", [doc], dt.date(2026, 1, 1)) == [NA]
    longer = UOF_ACT.with_params("UOF-RECORD-RETENTION", retention_years=5)
    res = longer.select(ids=["UOF-RECORD-RETENTION"]).run([doc], as_of=dt.date(2030, 1, 1))
    assert res[0].outcome is MET


def test_add_months_clamps() -> None:
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 1, 15), -13) == dt.date(2024, 12, 15)


# --- organisation duties -------------------------------------------------------

MH_UNIT = Unit(
    id="ward-a", name="A", setting=Setting.MENTAL_HEALTH_INPATIENT, is_mental_health_unit=True
)


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
    }
    values.update(changes)
    return Organisation(**values)


NON_MH = {"units": (Unit(id="h", name="Home", setting=Setting.CARE_HOME),)}


def test_responsible_person() -> None:
    assert outcomes("UOF-S2-RESPONSIBLE-PERSON", [organisation()]) == [MET]
    assert outcomes("UOF-S2-RESPONSIBLE-PERSON", [organisation(responsible_person=None)]) == [
        NOT_MET
    ]
    assert outcomes("UOF-S2-RESPONSIBLE-PERSON", [organisation(**NON_MH)]) == [NA]


def policy(**changes: Any) -> Organisation:
    base = organisation().use_of_force_policy
    assert base is not None
    return organisation(use_of_force_policy=UseOfForcePolicy(**{**_fields(base), **changes}))


def _fields(p: UseOfForcePolicy) -> dict[str, Any]:
    return {
        "title": p.title,
        "published_on": p.published_on,
        "consultation_held": p.consultation_held,
        "last_reviewed_on": p.last_reviewed_on,
    }


def test_policy_published() -> None:
    rid = "UOF-S3-POLICY-PUBLISHED"
    assert outcomes(rid, [organisation()]) == [MET]
    assert outcomes(rid, [policy(published_on=None)]) == [NOT_MET]
    assert outcomes(rid, [policy(published_on=dt.date(2027, 1, 1), last_reviewed_on=None)]) == [
        NOT_MET
    ]
    assert outcomes(rid, [organisation(use_of_force_policy=None)]) == [NOT_MET]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


def test_policy_consulted() -> None:
    rid = "UOF-S3-POLICY-CONSULTED"
    assert outcomes(rid, [organisation()]) == [MET]
    assert outcomes(rid, [policy(consultation_held=False)]) == [NOT_MET]
    assert outcomes(rid, [policy(consultation_held=None)]) == [IE]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


def test_policy_reviewed() -> None:
    rid = "UOF-S3-POLICY-REVIEWED"
    (result,) = run(rid, [organisation()])
    assert result.outcome is MET
    assert result.evidence == {"last_reviewed_on": "2026-06-01", "review_due": "2027-06-01"}
    stale = policy(last_reviewed_on=None)  # published 2025-01-10 only
    assert outcomes(rid, [stale]) == [NOT_MET]
    relaxed = UOF_ACT.with_params(rid, policy_review_months=24).select(ids=[rid])
    assert relaxed.run([stale], as_of=AS_OF)[0].outcome is MET
    assert outcomes(rid, [policy(published_on=None, last_reviewed_on=None)]) == [IE]
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


def course(areas: tuple[ContentArea, ...], restrictive: bool = True) -> Course:
    return Course(
        id="c1",
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
    )


def test_training_topics() -> None:
    rid = "UOF-S5-TRAINING-TOPICS"
    assert outcomes(rid, [course(UOF_TOPICS)]) == [MET]
    (result,) = run(rid, [course(UOF_TOPICS[:-2])])
    assert result.outcome is NOT_MET
    assert result.evidence == {"missing": ["uof-5j-safety", "uof-5k-legal-and-ethical"]}
    assert outcomes(rid, [course((), restrictive=False)]) == [NA]


def member(
    staff_id: str, start: dt.date, group: StaffGroup = StaffGroup.REGISTERED_NURSE
) -> StaffMember:
    return StaffMember(
        staff_id=staff_id,
        name="Secret Name",
        job_title="Nurse",
        staff_group=group,
        start_date=start,
    )


def event(ident: str, end: dt.date, *attended: str, absent: tuple[str, ...] = ()) -> TrainingEvent:
    def learner(sid: str, attendance: Attendance) -> Learner:
        return Learner(
            staff_id=sid,
            organisation_id="org-1",
            staff_group=StaffGroup.REGISTERED_NURSE,
            attendance=attendance,
            competence=CompetenceOutcome.COMPETENT,
        )

    return TrainingEvent(
        id=ident,
        course_id="c1",
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


def test_refresher_training() -> None:
    rid = "UOF-S5-REFRESHER"
    old = dt.date(2020, 1, 1)
    org = organisation(
        workforce=(
            member("s1", old),  # trained recently
            member("s2", old),  # trained too long ago
            member("s3", dt.date(2026, 10, 1)),  # new starter, untrained
            member("s4", old, StaffGroup.ADMINISTRATIVE),  # no contact: skipped
            member("s5", old),  # absent from the recent event, never trained
        )
    )
    events = [
        event("e1", dt.date(2026, 2, 1), "s1"),
        event("e2", dt.date(2025, 6, 1), "s2", absent=("s5",)),
        event("e3", dt.date(2027, 1, 1), "s2"),  # after as_of: does not count
    ]
    results = run(rid, [org, *events])
    assert [(r.outcome, r.pointers) for r in results] == [
        (MET, ("/workforce/0",)),
        (NOT_MET, ("/workforce/1",)),
        (NA, ("/workforce/2",)),
        (NOT_MET, ("/workforce/4",)),
    ]
    assert results[1].evidence == {"staff_id": "s2", "last_training": "2025-06-01"}
    assert results[3].evidence == {"staff_id": "s5", "last_training": None}
    relaxed = UOF_ACT.with_params(rid, refresher_interval_months=24).select(ids=[rid])
    assert relaxed.run([org, *events], as_of=AS_OF)[1].outcome is MET
    assert outcomes(rid, [organisation(**NON_MH)]) == [NA]


def test_parameters_are_declared() -> None:
    ruleset = RuleSet(id="x", rules=RULES)
    assert ruleset.params_of(ruleset.rule("UOF-RECORD-RETENTION")) == {"retention_years": 3}
    assert ruleset.rule("UOF-RECORD-RETENTION").parameters[0].confirmed
    assert not ruleset.rule("UOF-S5-REFRESHER").parameters[0].confirmed


def test_refresher_training_without_any_training_record_is_insufficient_evidence() -> None:
    rid = "UOF-S5-REFRESHER"
    org = organisation(workforce=(member("s1", dt.date(2020, 1, 1)),))
    (result,) = run(rid, [org])
    assert (result.outcome, result.pointers) == (Outcome.INSUFFICIENT_EVIDENCE, ("/workforce",))
    assert outcomes(rid, [org, event("e1", dt.date(2026, 2, 1), "s9")]) == [Outcome.NOT_MET]
