from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from rrnkit.model import (
    Attendance,
    Authorisation,
    CareExperience,
    CommissionedTraining,
    CompetenceOutcome,
    ContactFrequency,
    ContentArea,
    Course,
    CourseLevel,
    CpdEntry,
    DeliveryModel,
    Document,
    Evaluation,
    EvaluationLevel,
    EvaluationMethod,
    Incident,
    IncidentDataReview,
    Learner,
    LifeSupportCertificate,
    LifeSupportLevel,
    LivedExperience,
    Module,
    ModuleFocus,
    Organisation,
    OrganisationType,
    Period,
    Population,
    QualificationField,
    RiskLevel,
    RoleHolder,
    Setting,
    SpecialistModule,
    StaffGroup,
    StaffGroupNeed,
    StaffInvolvement,
    StaffMember,
    Technique,
    TechniqueCategory,
    Trainer,
    TrainerType,
    TrainingEvent,
    TrainingNeedsAnalysis,
)
from rrnkit.model.trainer import Qualification
from rrnkit.model.values import add_months
from rrnkit.rules import Outcome, Result, Rule, RuleSet
from rrnkit.rules.packs import rrn_ts
from rrnkit.rules.packs.rrn_ts import RRN_TS, RULES

AS_OF = dt.date(2026, 11, 28)
D = dt.date
MET, NOT_MET = Outcome.MET, Outcome.NOT_MET
NA, INSUFFICIENT = Outcome.NOT_APPLICABLE, Outcome.INSUFFICIENT_EVIDENCE


def run(rule_: Rule, docs: Iterable[Document], as_of: dt.date = AS_OF) -> list[Result]:
    return RuleSet(id="t", rules=(rule_,)).run(list(docs), as_of=as_of)


def outcomes(rule_: Rule, docs: Iterable[Document], as_of: dt.date = AS_OF) -> list[Outcome]:
    return [r.outcome for r in run(rule_, docs, as_of)]


def member(staff_id: str = "s1", group: StaffGroup = StaffGroup.REGISTERED_NURSE) -> StaffMember:
    return StaffMember(
        staff_id=staff_id, job_title="Nurse", staff_group=group, start_date=D(2020, 1, 1)
    )


def org(**changes: object) -> Organisation:
    base = Organisation(
        id="org-1",
        name="Care Org",
        organisation_type=OrganisationType.NHS_TRUST,
        workforce=(member(),),
        commissioned_training=(
            CommissionedTraining(
                provider_id="prov-1",
                course_id="course-1",
                delivery_model=DeliveryModel.PROVIDER_DELIVERED,
                start_date=D(2025, 1, 1),
            ),
        ),
    )
    return attrs.evolve(base, **changes)


def tna(**changes: object) -> TrainingNeedsAnalysis:
    base = TrainingNeedsAnalysis(
        id="tna-1",
        commissioning_organisation_id="org-1",
        provider_id="prov-1",
        author=RoleHolder(job_title="Lead", organisation_id="org-1"),
        authoriser=RoleHolder(
            job_title="Director", organisation_id="org-1", restrictive_practice_lead=True
        ),
        completed_on=D(2026, 1, 15),
        incident_data=IncidentDataReview(period=Period(D(2024, 1, 1), D(2025, 12, 31))),
        staff_groups=(
            StaffGroupNeed(
                staff_group=StaffGroup.REGISTERED_NURSE,
                headcount=10,
                contact=ContactFrequency.FREQUENT,
            ),
        ),
        required_specialist_modules=(SpecialistModule.FLOOR_RESTRAINT,),
        sent_to_provider_on=D(2026, 1, 20),
    )
    return attrs.evolve(base, **changes)


def incident(staff_id: str = "s1") -> Incident:
    start = dt.datetime(2026, 2, 1, 10, 0, tzinfo=dt.timezone.utc)
    return Incident(
        id=f"inc-{staff_id}",
        organisation_id="org-1",
        recorded_at=start,
        start=start,
        staff=(StaffInvolvement(staff_id=staff_id),),
    )


def module(ident: str, minutes: int, focus: ModuleFocus, *areas: ContentArea) -> Module:
    return Module(id=ident, title=ident, minutes=minutes, focus=focus, content_areas=areas)


def course(**changes: object) -> Course:
    base = Course(
        id="course-1",
        provider_id="prov-1",
        title="Course",
        version="1",
        level=CourseLevel.INITIAL,
        restrictive_component=True,
        total_minutes=600,
        modules=(
            module(
                "m1",
                250,
                ModuleFocus.PREVENTION,
                ContentArea.HUMAN_RIGHTS_AND_LAW,
                ContentArea.TRAUMA_INFORMED_CARE,
                ContentArea.POSITIVE_BEHAVIOUR_SUPPORT,
            ),
            module("m2", 100, ModuleFocus.DE_ESCALATION, ContentArea.DE_ESCALATION),
            module(
                "m3",
                250,
                ModuleFocus.RESTRICTIVE_INTERVENTION,
                ContentArea.RISKS_OF_RESTRAINT,
                ContentArea.POST_INCIDENT_SUPPORT,
            ),
        ),
        techniques=(
            Technique(
                id="t1", name="Hold", category=TechniqueCategory.STANDING_HOLD, risk=RiskLevel.LOW
            ),
        ),
        lived_experience=LivedExperience(in_design=True, in_delivery=False),
    )
    return attrs.evolve(base, **changes)


def trainer(**changes: object) -> Trainer:
    base = Trainer(
        id="tr-1",
        trainer_type=TrainerType.SENIOR,
        employing_organisation_id="prov-1",
        certifying_organisation_id="prov-1",
        qualifications=(Qualification(title="RMN", field=QualificationField.HEALTH),),
        life_support=(
            LifeSupportCertificate(
                level=LifeSupportLevel.IMMEDIATE_LIFE_SUPPORT,
                issued_on=D(2025, 6, 1),
                expires_on=D(2026, 5, 31),
            ),
        ),
        care_experience=CareExperience(months=36, as_at=D(2025, 1, 1)),
        authorisations=(
            Authorisation(
                course_id="course-1",
                valid_from=D(2025, 1, 1),
                valid_until=D(2026, 12, 31),
                authorised_by="prov-1",
            ),
        ),
        cpd=(CpdEntry(completed_on=D(2026, 6, 1), activity="Update", hours=3.0),),
    )
    return attrs.evolve(base, **changes)


def learner(
    staff_id: str = "s1",
    competence: CompetenceOutcome = CompetenceOutcome.COMPETENT,
    attendance: Attendance = Attendance.ATTENDED,
) -> Learner:
    return Learner(
        staff_id=staff_id,
        organisation_id="org-1",
        staff_group=StaffGroup.REGISTERED_NURSE,
        attendance=attendance,
        competence=competence,
    )


def event(**changes: object) -> TrainingEvent:
    base = TrainingEvent(
        id="ev-1",
        course_id="course-1",
        course_version="1",
        provider_id="prov-1",
        commissioning_organisation_id="org-1",
        delivery_model=DeliveryModel.PROVIDER_DELIVERED,
        start_date=D(2026, 3, 2),
        end_date=D(2026, 3, 3),
        setting=Setting.MENTAL_HEALTH_INPATIENT,
        populations=(Population.ADULTS,),
        trainer_ids=("tr-1",),
        learners=(learner(),),
    )
    return attrs.evolve(base, **changes)


def test_ruleset_shape() -> None:
    assert RRN_TS.id == "rrn-ts"
    assert len(set(RRN_TS.ids)) == len(RULES) == 19
    assert all(r.met_means.startswith("Show that") for r in RULES)
    assert all(r.citations for r in RULES)


def test_add_months_clamps() -> None:
    assert add_months(D(2024, 2, 29), -24) == D(2022, 2, 28)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 28), -12) == D(2025, 11, 28)


# TNA


def test_tna_exists() -> None:
    rule_ = rrn_ts.tna_exists
    assert outcomes(rule_, [org(), tna()]) == [MET]
    assert outcomes(rule_, [org()]) == [NOT_MET]
    assert outcomes(rule_, [org(commissioned_training=())]) == [NA]


def test_tna_authorised() -> None:
    rule_ = rrn_ts.tna_authorised
    assert outcomes(rule_, [tna()]) == [MET]
    assert outcomes(rule_, [tna(authoriser=None)]) == [NOT_MET]
    outsider = RoleHolder(job_title="Consultant", organisation_id="prov-1")
    (result,) = run(rule_, [tna(authoriser=outsider)])
    assert result.outcome is NOT_MET
    assert result.pointers == (
        "/authoriser/organisation_id",
        "/authoriser/restrictive_practice_lead",
    )
    assert "Consultant" not in repr(result.evidence)


def test_tna_incident_window() -> None:
    rule_ = rrn_ts.tna_incident_window
    assert outcomes(rule_, [tna()]) == [MET]
    short = IncidentDataReview(period=Period(D(2024, 6, 1), D(2025, 12, 31)))
    (result,) = run(rule_, [tna(incident_data=short)])
    assert result.outcome is NOT_MET
    assert result.evidence["problems"] == ["period-too-short"]
    stale = IncidentDataReview(period=Period(D(2023, 1, 1), D(2024, 12, 31)))
    (result,) = run(rule_, [tna(incident_data=stale)])
    assert result.evidence["problems"] == ["period-ends-too-early"]
    assert outcomes(rule_, [tna(incident_data=None)]) == [NOT_MET]
    relaxed = RuleSet(id="t", rules=(rule_,)).with_params(rule_.id, window_end_tolerance_days=400)
    assert [r.outcome for r in relaxed.run([tna(incident_data=stale)], as_of=AS_OF)] == [MET]


def test_tna_incident_window_parameters() -> None:
    params = {p.name: p for p in rrn_ts.tna_incident_window.parameters}
    assert params["incident_window_months"].default == 24
    assert params["incident_window_months"].confirmed
    assert params["window_end_tolerance_days"].default == 31
    assert not params["window_end_tolerance_days"].confirmed


def test_tna_staff_groups() -> None:
    rule_ = rrn_ts.tna_staff_groups
    workforce = (member("s1"), member("s2", StaffGroup.SECURITY))
    assert outcomes(rule_, [org(workforce=workforce), tna(), incident("s1")]) == [MET]
    (result,) = run(rule_, [org(workforce=workforce), tna(), incident("s1"), incident("s2")])
    assert result.outcome is NOT_MET
    assert result.evidence["missing_groups"] == ["security"]
    assert outcomes(rule_, [org(), tna()]) == [NA]
    assert outcomes(rule_, [tna(), incident("s1")]) == [INSUFFICIENT]
    assert outcomes(rule_, [org(), tna(), incident("s9")]) == [INSUFFICIENT]


def test_tna_sent_before_delivery() -> None:
    rule_ = rrn_ts.tna_sent_before_delivery
    assert outcomes(rule_, [tna(), event()]) == [MET]
    late = tna(sent_to_provider_on=D(2026, 3, 2))
    assert outcomes(rule_, [late, event()]) == [NOT_MET]
    (result,) = run(rule_, [tna(sent_to_provider_on=None), event()])
    assert result.outcome is NOT_MET
    assert result.evidence["first_event_id"] == "ev-1"
    assert outcomes(rule_, [tna()]) == [NA]
    assert outcomes(rule_, [tna(provider_id=None), event()]) == [INSUFFICIENT]


# Course


def test_course_prevention_share() -> None:
    rule_ = rrn_ts.course_prevention_share
    (result,) = run(rule_, [course()])
    assert result.outcome is MET
    assert result.evidence["share"] == round(350 / 600, 4)
    assert result.evidence["threshold"] == 0.5
    heavy = course(
        modules=(
            module("m1", 200, ModuleFocus.PREVENTION),
            module("m3", 400, ModuleFocus.RESTRICTIVE_INTERVENTION),
        )
    )
    assert outcomes(rule_, [heavy]) == [NOT_MET]
    assert outcomes(rule_, [course(restrictive_component=False)]) == [NA]
    assert outcomes(rule_, [course(modules=())]) == [INSUFFICIENT]


def test_course_prevention_share_must_be_largest() -> None:
    spread = course(
        total_minutes=1000,
        modules=(
            module("a", 300, ModuleFocus.PREVENTION),
            module("b", 400, ModuleFocus.RESTRICTIVE_INTERVENTION),
            module("c", 300, ModuleFocus.LAW_AND_RIGHTS),
        ),
    )
    ruleset = RuleSet(id="t", rules=(rrn_ts.course_prevention_share,))
    lenient = ruleset.with_params("RRN-COURSE-PREVENTION-SHARE", prevention_share=0.3)
    (result,) = lenient.run([spread], as_of=AS_OF)
    assert result.outcome is NOT_MET
    assert result.evidence["largest_other_focus"] == "restrictive-intervention"


def test_course_no_harmful_techniques() -> None:
    rule_ = rrn_ts.course_no_harmful_techniques
    assert outcomes(rule_, [course()]) == [MET]
    prone = Technique(
        id="t2",
        name="Prone",
        category=TechniqueCategory.FLOOR_PRONE,
        risk=RiskLevel.HIGH,
        planned_prone=True,
        pain_based=True,
    )
    (result,) = run(rule_, [course(techniques=(*course().techniques, prone))])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/techniques/1",)
    assert result.evidence["techniques"] == {"t2": ["pain-based", "planned-prone"]}
    assert outcomes(rule_, [course(techniques=(), restrictive_component=False)]) == [NA]
    assert outcomes(rule_, [course(techniques=())]) == [INSUFFICIENT]
    cites = {str(c) for c in rule_.citations}
    assert "pp-care:no-prone" in cites


def test_course_techniques_justified() -> None:
    rule_ = rrn_ts.course_techniques_justified
    floor = (SpecialistModule.FLOOR_RESTRAINT,)
    assert outcomes(rule_, [tna(), event(specialist_modules=floor)]) == [MET]
    extra = (SpecialistModule.FLOOR_RESTRAINT, SpecialistModule.MECHANICAL_RESTRAINT)
    (result,) = run(rule_, [tna(), event(specialist_modules=extra)])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/specialist_modules/1",)
    assert result.evidence["unjustified"] == ["mechanical-restraint"]
    assert outcomes(rule_, [event(specialist_modules=floor)]) == [INSUFFICIENT]
    assert outcomes(rule_, [tna(), event()]) == [NA]


def test_course_content() -> None:
    rule_ = rrn_ts.course_content
    assert outcomes(rule_, [course()]) == [MET]
    thin = course(modules=(module("m1", 600, ModuleFocus.PREVENTION, ContentArea.DE_ESCALATION),))
    (result,) = run(rule_, [thin])
    assert result.outcome is NOT_MET
    assert result.evidence["missing"] == list(rrn_ts.DEFAULT_CONTENT_AREAS)
    assert outcomes(rule_, [course(restrictive_component=False)]) == [NA]
    assert outcomes(rule_, [course(modules=())]) == [INSUFFICIENT]
    fewer = RuleSet(id="t", rules=(rule_,)).with_params(
        rule_.id, required_content_areas=("de-escalation",)
    )
    assert [r.outcome for r in fewer.run([thin], as_of=AS_OF)] == [MET]


def test_course_lived_experience() -> None:
    rule_ = rrn_ts.course_lived_experience
    assert outcomes(rule_, [course()]) == [MET]
    none = LivedExperience(in_design=False, in_delivery=False)
    assert outcomes(rule_, [course(lived_experience=none)]) == [NOT_MET]
    assert outcomes(rule_, [course(lived_experience=None)]) == [INSUFFICIENT]
    assert outcomes(rule_, [course(restrictive_component=False)]) == [NA]


# Trainers


def test_trainer_life_support() -> None:
    rule_ = rrn_ts.trainer_life_support
    assert outcomes(rule_, [trainer(), event()]) == [MET]
    # the certificate expires on the first delivery day
    ends = event(start_date=D(2026, 5, 31), end_date=D(2026, 6, 1))
    (result,) = run(rule_, [trainer(), ends])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/trainer_ids/0",)
    assert result.evidence["uncovered_days"] == ["2026-06-01"]
    basic = LifeSupportCertificate(
        level=LifeSupportLevel.BASIC_LIFE_SUPPORT, issued_on=D(2026, 1, 1), expires_on=D(2027, 1, 1)
    )
    assert outcomes(rule_, [trainer(life_support=(basic,)), event()]) == [NOT_MET]
    assert outcomes(rule_, [event()]) == [INSUFFICIENT]


def test_trainer_qualification() -> None:
    rule_ = rrn_ts.trainer_qualification
    assert outcomes(rule_, [trainer()]) == [MET]
    other = (Qualification(title="MBA", field=QualificationField.OTHER),)
    assert outcomes(rule_, [trainer(qualifications=other)]) == [NOT_MET]
    assert outcomes(rule_, [trainer(qualifications=())]) == [INSUFFICIENT]


def test_trainer_experience() -> None:
    rule_ = rrn_ts.trainer_experience
    assert outcomes(rule_, [trainer()]) == [MET]
    junior = CareExperience(months=18, as_at=D(2026, 1, 1))
    (result,) = run(rule_, [trainer(care_experience=junior)])
    assert result.outcome is NOT_MET
    assert result.evidence == {"months": 18, "as_at": "2026-01-01", "minimum": 24}
    assert outcomes(rule_, [trainer(care_experience=None)]) == [INSUFFICIENT]


def test_trainer_cpd() -> None:
    rule_ = rrn_ts.trainer_cpd
    assert outcomes(rule_, [trainer()]) == [MET]
    old = (CpdEntry(completed_on=D(2025, 11, 27), activity="Old", hours=2.0),)
    (result,) = run(rule_, [trainer(cpd=old)])
    assert result.outcome is NOT_MET
    assert result.evidence["latest"] == "2025-11-27"
    boundary = (CpdEntry(completed_on=D(2025, 11, 28), activity="Edge", hours=2.0),)
    assert outcomes(rule_, [trainer(cpd=boundary)]) == [MET]
    assert outcomes(rule_, [trainer(cpd=())]) == [INSUFFICIENT]


def test_trainer_authorised() -> None:
    rule_ = rrn_ts.trainer_authorised
    assert outcomes(rule_, [trainer(), event()]) == [MET]
    expired = Authorisation(
        course_id="course-1",
        valid_from=D(2025, 1, 1),
        valid_until=D(2026, 3, 2),
        authorised_by="prov-1",
    )
    (result,) = run(rule_, [trainer(authorisations=(expired,)), event()])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/trainer_ids/0",)
    assert result.evidence == {
        "trainer_id": "tr-1",
        "course_id": "course-1",
        "valid_until": "2026-03-02",
        "start_date": "2026-03-02",
        "end_date": "2026-03-03",
    }
    assert outcomes(rule_, [trainer(), event(course_id="course-2")]) == [NOT_MET]
    assert outcomes(rule_, [event()]) == [INSUFFICIENT]


def test_trainer_associate_scope() -> None:
    rule_ = rrn_ts.trainer_associate_scope
    inside = trainer(trainer_type=TrainerType.ASSOCIATE, employing_organisation_id="org-1")
    assert outcomes(rule_, [inside, event()]) == [MET]
    outside = trainer(trainer_type=TrainerType.ASSOCIATE)
    (result,) = run(rule_, [outside, event()])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/trainer_ids/0",)
    assert outcomes(rule_, [trainer(), event()]) == [NA]
    assert outcomes(rule_, [event()]) == [INSUFFICIENT]


# Post-delivery


def evaluation(event_id: str = "ev-1") -> Evaluation:
    return Evaluation(
        id=f"eval-{event_id}",
        training_event_id=event_id,
        completed_on=D(2026, 3, 10),
        methods=(EvaluationMethod.LEARNER_FEEDBACK,),
        level=EvaluationLevel.REACTION,
    )


def test_event_evaluated() -> None:
    rule_ = rrn_ts.event_evaluated
    assert outcomes(rule_, [event(), evaluation()]) == [MET]
    assert outcomes(rule_, [event(), evaluation("ev-other")]) == [NOT_MET]
    future = event(start_date=D(2026, 12, 1), end_date=D(2026, 12, 2))
    assert outcomes(rule_, [future]) == [NA]


def test_event_competence() -> None:
    rule_ = rrn_ts.event_competence
    assert outcomes(rule_, [event()]) == [MET]
    learners = (
        learner("s1"),
        learner("s2", CompetenceOutcome.NOT_ASSESSED),
        learner("s3", CompetenceOutcome.NOT_ASSESSED, Attendance.ABSENT),
    )
    (result,) = run(rule_, [event(learners=learners)])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/learners/1",)
    assert result.evidence == {"staff_ids": ["s2"]}
    assert outcomes(rule_, [event(learners=())]) == [INSUFFICIENT]
    assert outcomes(rule_, [event(start_date=D(2027, 1, 1), end_date=D(2027, 1, 1))]) == [NA]


def test_staff_refresher() -> None:
    rule_ = rrn_ts.staff_refresher
    refresher = course(id="course-r", level=CourseLevel.REFRESHER)
    full_2023 = event(id="ev-full", start_date=D(2023, 3, 1), end_date=D(2023, 3, 2))
    refresh_2026 = event(id="ev-ref", course_id="course-r", start_date=D(2026, 3, 2))
    docs: list[Document] = [org(), course(), refresher, full_2023, refresh_2026]
    assert outcomes(rule_, docs) == [MET]
    # s2 never trained; the administrator is not expected to train
    workforce = (
        member("s1"),
        member("s2", StaffGroup.HEALTHCARE_SUPPORT_WORKER),
        member("adm", StaffGroup.ADMINISTRATIVE),
    )
    docs[0] = org(workforce=workforce)
    results = run(rule_, docs)
    assert [(r.outcome, r.pointers) for r in results] == [(NOT_MET, ("/workforce/1",))]
    assert results[0].evidence["staff_id"] == "s2"
    # four years after the full programme, a refresher alone no longer suffices
    docs = [org(), course(), refresher, full_2023, refresh_2026]
    assert outcomes(rule_, docs, D(2027, 3, 2)) == [MET]
    (late,) = run(rule_, docs, D(2027, 3, 3))
    assert (late.outcome, late.evidence["problems"]) == (NOT_MET, ["full-programme-overdue"])
    (later,) = run(rule_, docs, D(2027, 3, 4))
    assert later.evidence["problems"] == ["refresher-overdue", "full-programme-overdue"]
    assert later.evidence["last_full_programme"] == "2023-03-02"
    assert outcomes(rule_, [org(workforce=(member("adm", StaffGroup.ADMINISTRATIVE),))]) == [NA]


def test_full_ruleset_runs_without_errors() -> None:
    docs: list[Document] = [
        org(),
        tna(),
        course(),
        trainer(),
        event(specialist_modules=(SpecialistModule.FLOOR_RESTRAINT,)),
        evaluation(),
        incident("s1"),
    ]
    results = RRN_TS.run(docs, as_of=D(2026, 4, 1))
    assert not [r for r in results if r.outcome is Outcome.ERROR]
    assert {r.rule_id for r in results} == set(RRN_TS.ids)


def test_staff_refresher_without_any_training_record_is_insufficient_evidence() -> None:
    """Absent training records are not a breach: the rule says evidence is missing."""
    rule_ = rrn_ts.staff_refresher
    (result,) = run(rule_, [org(), course()])
    assert (result.outcome, result.pointers) == (Outcome.INSUFFICIENT_EVIDENCE, ("/workforce",))
    elsewhere = event(id="ev-other")
    elsewhere = attrs.evolve(
        elsewhere,
        learners=tuple(attrs.evolve(x, organisation_id="org-other") for x in elsewhere.learners),
    )
    assert outcomes(rule_, [org(), course(), elsewhere]) == [Outcome.INSUFFICIENT_EVIDENCE]
    # one attended event for the organisation is evidence: the others then count as untrained
    assert outcomes(rule_, [org(), course(), event()]) == [MET]
