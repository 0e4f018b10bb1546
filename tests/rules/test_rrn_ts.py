"""RRN Training Standards pack: met, not met and boundary tests read from each rule's reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import attrs

from rrnkit.model import (
    AssessmentMethod,
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
    LifeSupportProvision,
    LivedExperience,
    Module,
    ModuleFocus,
    Organisation,
    OrganisationType,
    Period,
    Population,
    QualificationField,
    RiskFactor,
    RiskFactorLevel,
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
    TrainerLearnerRatio,
    TrainerType,
    TrainerUpdate,
    TrainingEvent,
    TrainingNeedsAnalysis,
)
from rrnkit.model.trainer import Qualification
from rrnkit.model.values import add_months
from rrnkit.rules import Outcome, Result, Rule, RuleSet, Severity
from rrnkit.rules.packs.rrn_ts import DEFAULT_CONTENT_AREAS, RRN_TS, RULES

AS_OF = dt.date(2026, 11, 28)
D = dt.date
MET, NOT_MET = Outcome.MET, Outcome.NOT_MET
NA, INSUFFICIENT = Outcome.NOT_APPLICABLE, Outcome.INSUFFICIENT_EVIDENCE
LONG_AGO = D(2020, 1, 1)


def the(rule_id: str) -> Rule:
    return RRN_TS.rule(rule_id)


def run(
    rule_: Rule, docs: Iterable[Document], as_of: dt.date = AS_OF, **params: object
) -> list[Result]:
    ruleset = RuleSet(id="t", rules=(rule_,))
    if params:
        ruleset = ruleset.with_params(rule_.id, **params)
    return ruleset.run(list(docs), as_of=as_of)


def outcomes(
    rule_: Rule, docs: Iterable[Document], as_of: dt.date = AS_OF, **params: object
) -> list[Outcome]:
    return [r.outcome for r in run(rule_, docs, as_of, **params)]


def member(
    staff_id: str = "s1",
    group: StaffGroup = StaffGroup.REGISTERED_NURSE,
    start: dt.date = LONG_AGO,
    end: dt.date | None = None,
) -> StaffMember:
    return StaffMember(
        staff_id=staff_id, job_title="Nurse", staff_group=group, start_date=start, end_date=end
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


def need(
    group: StaffGroup = StaffGroup.REGISTERED_NURSE,
    contact: ContactFrequency = ContactFrequency.FREQUENT,
) -> StaffGroupNeed:
    return StaffGroupNeed(staff_group=group, headcount=10, contact=contact)


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
        staff_groups=(need(),),
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
        updates=(TrainerUpdate(completed_on=D(2026, 6, 1), provider_id="prov-1"),),
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
    assert len(set(RRN_TS.ids)) == len(RULES) == 24
    assert {
        "RRN-TNA-ANONYMISED",
        "RRN-TNA-LIFE-SUPPORT",
        "RRN-TNA-RISK-LEVELS",
        "RRN-TRAINER-UPDATES",
        "RRN-EVENT-RATIO",
    } <= set(RRN_TS.ids)
    assert all(r.met_means.startswith("Show that") for r in RULES)
    assert all(r.citations for r in RULES)
    assert all(r.reading for r in RULES)
    # a national standard's "must": every rule of the pack is an error when unmet
    assert all(r.severity is Severity.ERROR for r in RULES)
    assert not any(r.per_item for r in RULES)


def test_every_rule_has_its_own_tests() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    assert [i for i in RRN_TS.ids if f'the("{i}")' not in source] == []


def test_add_months_clamps() -> None:
    assert add_months(D(2024, 2, 29), -24) == D(2022, 2, 28)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 28), -12) == D(2025, 11, 28)


# TNA (1.1)


def test_tna_exists() -> None:
    rule_ = the("RRN-TNA-EXISTS")
    (result,) = run(rule_, [org(), tna()])
    assert (result.outcome, result.evidence["tna_ids"]) == (MET, ["tna-1"])
    assert outcomes(rule_, [org()]) == [NOT_MET]
    # boundary: a TNA naming another commissioning organisation is not this one's
    assert outcomes(rule_, [org(), tna(commissioning_organisation_id="org-2")]) == [NOT_MET]
    assert outcomes(rule_, [org(commissioned_training=())]) == [NA]


def test_tna_authorised() -> None:
    rule_ = the("RRN-TNA-AUTHORISED")
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
    # boundary: of the organisation, but not its restrictive-practice lead
    colleague = RoleHolder(job_title="Ward manager", organisation_id="org-1")
    (result,) = run(rule_, [tna(authoriser=colleague)])
    assert result.outcome is NOT_MET
    assert result.evidence["problems"] == ["authoriser-not-restrictive-practice-lead"]
    # the lead of another organisation does not authorise this one's TNA
    other_lead = RoleHolder(
        job_title="Director", organisation_id="org-2", restrictive_practice_lead=True
    )
    (result,) = run(rule_, [tna(authoriser=other_lead)])
    assert result.evidence["problems"] == ["authoriser-not-of-commissioning-organisation"]


def test_tna_incident_window() -> None:
    rule_ = the("RRN-TNA-INCIDENT-WINDOW")
    assert outcomes(rule_, [tna()]) == [MET]
    short = IncidentDataReview(period=Period(D(2024, 6, 1), D(2025, 12, 31)))
    (result,) = run(rule_, [tna(incident_data=short)])
    assert result.outcome is NOT_MET
    assert result.evidence["problems"] == ["period-too-short"]
    stale = IncidentDataReview(period=Period(D(2023, 1, 1), D(2024, 12, 31)))
    (result,) = run(rule_, [tna(incident_data=stale)])
    assert result.evidence["problems"] == ["period-ends-too-early"]
    assert outcomes(rule_, [tna(incident_data=None)]) == [NOT_MET]
    assert outcomes(rule_, [tna(incident_data=stale)], window_end_tolerance_days=400) == [MET]


def test_tna_incident_window_boundaries() -> None:
    rule_ = the("RRN-TNA-INCIDENT-WINDOW")

    def window(start: dt.date, end: dt.date) -> TrainingNeedsAnalysis:
        return tna(incident_data=IncidentDataReview(period=Period(start, end)))

    # exactly 24 months ending 2025-12-31 starts on 2024-01-01; a day shorter is not enough
    assert outcomes(rule_, [window(D(2024, 1, 1), D(2025, 12, 31))]) == [MET]
    assert outcomes(rule_, [window(D(2024, 1, 2), D(2025, 12, 31))]) == [NOT_MET]
    # the data may end 31 days before completion (2026-01-15), not 32
    assert outcomes(rule_, [window(D(2023, 12, 16), D(2025, 12, 15))]) == [MET]
    (result,) = run(rule_, [window(D(2023, 12, 15), D(2025, 12, 14))])
    assert result.evidence["problems"] == ["period-ends-too-early"]
    # a shorter window is a parameter
    year = window(D(2025, 1, 1), D(2025, 12, 31))
    assert outcomes(rule_, [year]) == [NOT_MET]
    assert outcomes(rule_, [year], incident_window_months=12) == [MET]


def test_tna_incident_window_parameters() -> None:
    params = {p.name: p for p in the("RRN-TNA-INCIDENT-WINDOW").parameters}
    assert params["incident_window_months"].default == 24
    # a training provider's reading of the standard, not seen in its own text
    assert not params["incident_window_months"].confirmed
    assert params["window_end_tolerance_days"].default == 31
    assert not params["window_end_tolerance_days"].confirmed


def test_tna_staff_groups_covers_the_whole_workforce() -> None:
    rule_ = the("RRN-TNA-STAFF-GROUPS")
    workforce = (member("s1"), member("s2", StaffGroup.SECURITY))
    # the security group meets no incident but is in post: 1.1.1 asks for all staff
    (result,) = run(rule_, [org(workforce=workforce), tna()])
    assert result.outcome is NOT_MET
    assert result.evidence["missing_groups"] == ["security"]
    both = tna(staff_groups=(need(), need(StaffGroup.SECURITY, ContactFrequency.RARE)))
    (result,) = run(rule_, [org(workforce=workforce), both])
    assert (result.outcome, result.evidence["groups"]) == (MET, ["registered-nurse", "security"])
    # a group the TNA considers and records as having no contact counts as considered
    admin = (member("s1"), member("a1", StaffGroup.ADMINISTRATIVE))
    none = tna(staff_groups=(need(), need(StaffGroup.ADMINISTRATIVE, ContactFrequency.NONE)))
    assert outcomes(rule_, [org(workforce=admin), none]) == [MET]
    assert outcomes(rule_, [org(workforce=admin), tna()]) == [NOT_MET]


def test_tna_staff_groups_in_post_at_completion() -> None:
    rule_ = the("RRN-TNA-STAFF-GROUPS")
    completed = tna().completed_on

    def with_security(**dates: dt.date) -> Organisation:
        return org(workforce=(member("s1"), member("s2", StaffGroup.SECURITY, **dates)))

    # boundary: in post on the completion day counts, starting the day after does not
    assert outcomes(rule_, [with_security(start=completed), tna()]) == [NOT_MET]
    later = completed + dt.timedelta(days=1)
    assert outcomes(rule_, [with_security(start=later), tna()]) == [MET]
    # left the day before completion: not in post; left on the day: still in post
    assert outcomes(rule_, [with_security(end=completed - dt.timedelta(days=1)), tna()]) == [MET]
    assert outcomes(rule_, [with_security(end=completed), tna()]) == [NOT_MET]
    # a group seen in incidents counts even when no longer (or not yet) in post then
    (result,) = run(rule_, [with_security(start=later), tna(), incident("s1"), incident("s2")])
    assert result.outcome is NOT_MET
    assert result.evidence["missing_groups"] == ["security"]


def test_tna_staff_groups_insufficient_and_not_applicable() -> None:
    rule_ = the("RRN-TNA-STAFF-GROUPS")
    assert outcomes(rule_, [org(), tna(), incident("s1")]) == [MET]
    # the workforce is not available
    assert outcomes(rule_, [tna(), incident("s1")]) == [INSUFFICIENT]
    # staff in incidents who are not on the workforce
    (result,) = run(rule_, [org(), tna(), incident("s9")])
    assert (result.outcome, result.evidence["unresolved_staff_ids"]) == (INSUFFICIENT, ["s9"])
    # a missing group outweighs an unresolved member of staff
    workforce = (member("s1"), member("s2", StaffGroup.SECURITY))
    assert outcomes(rule_, [org(workforce=workforce), tna(), incident("s9")]) == [NOT_MET]
    # nobody on the workforce at completion and no incident staff
    assert outcomes(rule_, [org(workforce=()), tna()]) == [NA]


def test_tna_anonymised() -> None:
    rule_ = the("RRN-TNA-ANONYMISED")
    population = RiskFactor(
        level=RiskFactorLevel.POPULATION, description="Young adults", anonymised=True
    )
    named = RiskFactor(
        level=RiskFactorLevel.INDIVIDUAL, description="Named patient", anonymised=False
    )
    assert outcomes(rule_, [tna(data_anonymised=True)]) == [MET]
    assert outcomes(rule_, [tna(data_anonymised=True, risk_factors=(population,))]) == [MET]
    (result,) = run(rule_, [tna(data_anonymised=False)])
    assert (result.outcome, result.pointers) == (NOT_MET, ("/data_anonymised",))
    # boundary: the analysis says it is anonymised, yet one risk factor is not
    (result,) = run(rule_, [tna(data_anonymised=True, risk_factors=(population, named))])
    assert (result.outcome, result.pointers) == (NOT_MET, ("/risk_factors/1/anonymised",))
    (result,) = run(rule_, [tna(data_anonymised=False, risk_factors=(named,))])
    assert result.pointers == ("/data_anonymised", "/risk_factors/0/anonymised")
    # the analysis does not say
    assert outcomes(rule_, [tna()]) == [INSUFFICIENT]
    assert outcomes(rule_, [tna(risk_factors=(population,))]) == [INSUFFICIENT]
    # a named risk factor is not met even when the analysis does not say
    assert outcomes(rule_, [tna(risk_factors=(named,))]) == [NOT_MET]


def test_tna_life_support() -> None:
    rule_ = the("RRN-TNA-LIFE-SUPPORT")
    rcuk = LifeSupportProvision(in_place=True, guideline="Resuscitation Council UK")
    assert outcomes(rule_, [tna(life_support=rcuk)]) == [MET]
    absent = LifeSupportProvision(in_place=False, guideline="Resuscitation Council UK")
    (result,) = run(rule_, [tna(life_support=absent)])
    assert (result.outcome, result.pointers) == (NOT_MET, ("/life_support/in_place",))
    assert outcomes(rule_, [tna(life_support=LifeSupportProvision(in_place=False))]) == [NOT_MET]
    # boundary: in place, but the guideline it follows is not named
    unnamed = LifeSupportProvision(in_place=True)
    (result,) = run(rule_, [tna(life_support=unnamed)])
    assert (result.outcome, result.pointers) == (INSUFFICIENT, ("/life_support/guideline",))
    assert outcomes(rule_, [tna()]) == [INSUFFICIENT]


def test_tna_risk_levels() -> None:
    rule_ = the("RRN-TNA-RISK-LEVELS")
    every = tuple(RiskFactorLevel)
    assert outcomes(rule_, [tna(risk_levels_considered=every)]) == [MET]
    # a level with a risk factor counts as considered
    individual = RiskFactor(
        level=RiskFactorLevel.INDIVIDUAL, description="History of self-harm", anonymised=True
    )
    two = (RiskFactorLevel.POPULATION, RiskFactorLevel.SERVICE)
    assert outcomes(rule_, [tna(risk_levels_considered=two, risk_factors=(individual,))]) == [MET]
    (result,) = run(rule_, [tna(risk_levels_considered=two)])
    assert (result.outcome, result.evidence["missing_levels"]) == (NOT_MET, ["individual"])
    (result,) = run(rule_, [tna()])
    assert result.evidence["missing_levels"] == ["population", "service", "individual"]
    # the summary has not reached the provider (yet)
    assert outcomes(rule_, [tna(risk_levels_considered=every, sent_to_provider_on=None)]) == [
        INSUFFICIENT
    ]
    # boundary: sent on the as-of date counts; the day after has not happened yet
    on_the_day = tna(risk_levels_considered=every, sent_to_provider_on=AS_OF)
    assert outcomes(rule_, [on_the_day]) == [MET]
    assert outcomes(rule_, [on_the_day], AS_OF - dt.timedelta(days=1)) == [INSUFFICIENT]
    # a level not considered is not met whether or not anything was sent
    assert outcomes(rule_, [tna(risk_levels_considered=two, sent_to_provider_on=None)]) == [NOT_MET]


def test_tna_sent_before_delivery() -> None:
    rule_ = the("RRN-TNA-SENT-BEFORE-DELIVERY")
    assert outcomes(rule_, [tna(), event()]) == [MET]
    # boundary: the day before the first event is in time, the first day is not
    assert outcomes(rule_, [tna(sent_to_provider_on=D(2026, 3, 1)), event()]) == [MET]
    late = tna(sent_to_provider_on=D(2026, 3, 2))
    assert outcomes(rule_, [late, event()]) == [NOT_MET]
    (result,) = run(rule_, [tna(sent_to_provider_on=None), event()])
    assert result.outcome is NOT_MET
    assert result.evidence["first_event_id"] == "ev-1"
    # the first event of that provider for that organisation decides
    earlier = event(id="ev-0", start_date=D(2026, 1, 10), end_date=D(2026, 1, 10))
    (result,) = run(rule_, [tna(), event(), earlier])
    assert (result.outcome, result.evidence["first_event_id"]) == (NOT_MET, "ev-0")
    elsewhere = attrs.evolve(earlier, provider_id="prov-2")
    assert outcomes(rule_, [tna(), event(), elsewhere]) == [MET]
    assert outcomes(rule_, [tna()]) == [NA]
    assert outcomes(rule_, [tna(provider_id=None), event()]) == [INSUFFICIENT]


# Curriculum (section 2, 1.3.2)


def test_course_prevention_share() -> None:
    rule_ = the("RRN-COURSE-PREVENTION-SHARE")
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


def test_course_prevention_share_boundary() -> None:
    rule_ = the("RRN-COURSE-PREVENTION-SHARE")

    def split(preventive: int, restrictive: int) -> Course:
        return course(
            total_minutes=preventive + restrictive,
            modules=(
                module("a", preventive, ModuleFocus.DE_ESCALATION),
                module("b", restrictive, ModuleFocus.RESTRICTIVE_INTERVENTION),
            ),
        )

    # exactly half, and as much as the largest other focus: met
    assert outcomes(rule_, [split(300, 300)]) == [MET]
    assert outcomes(rule_, [split(299, 301)]) == [NOT_MET]
    assert outcomes(rule_, [split(299, 301)], prevention_share=0.4) == [NOT_MET]


def test_course_prevention_share_must_be_largest() -> None:
    spread = course(
        total_minutes=1000,
        modules=(
            module("a", 300, ModuleFocus.PREVENTION),
            module("b", 400, ModuleFocus.RESTRICTIVE_INTERVENTION),
            module("c", 300, ModuleFocus.LAW_AND_RIGHTS),
        ),
    )
    (result,) = run(the("RRN-COURSE-PREVENTION-SHARE"), [spread], prevention_share=0.3)
    assert result.outcome is NOT_MET
    assert result.evidence["largest_other_focus"] == "restrictive-intervention"


def test_course_no_harmful_techniques() -> None:
    rule_ = the("RRN-COURSE-NO-HARMFUL-TECHNIQUES")
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
    choke = Technique(
        id="t3",
        name="Neck hold",
        category=TechniqueCategory.STANDING_HOLD,
        risk=RiskLevel.HIGH,
        restricts_airway_breathing_circulation=True,
    )
    (result,) = run(rule_, [course(techniques=(choke,))])
    assert result.evidence["techniques"] == {"t3": ["restricts-airway-breathing-circulation"]}
    # boundary: a high-risk technique with none of the three flags is not forbidden
    floor = Technique(
        id="t4", name="Supine", category=TechniqueCategory.FLOOR_PRONE, risk=RiskLevel.HIGH
    )
    assert outcomes(rule_, [course(techniques=(floor,))]) == [MET]
    assert outcomes(rule_, [course(techniques=(), restrictive_component=False)]) == [NA]
    assert outcomes(rule_, [course(techniques=())]) == [INSUFFICIENT]
    cites = {str(c) for c in rule_.citations}
    assert "pp-care:no-prone" in cites


def test_course_techniques_justified() -> None:
    rule_ = the("RRN-COURSE-TECHNIQUES-JUSTIFIED")
    floor = (SpecialistModule.FLOOR_RESTRAINT,)
    assert outcomes(rule_, [tna(), event(specialist_modules=floor)]) == [MET]
    extra = (SpecialistModule.FLOOR_RESTRAINT, SpecialistModule.MECHANICAL_RESTRAINT)
    (result,) = run(rule_, [tna(), event(specialist_modules=extra)])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/specialist_modules/1",)
    assert result.evidence["unjustified"] == ["mechanical-restraint"]
    assert outcomes(rule_, [event(specialist_modules=floor)]) == [INSUFFICIENT]
    assert outcomes(rule_, [tna(), event()]) == [NA]
    # boundary: a TNA completed on the event's last day counts, the day after does not
    ends = event(specialist_modules=floor).end_date
    assert outcomes(rule_, [tna(completed_on=ends), event(specialist_modules=floor)]) == [MET]
    after = tna(completed_on=ends + dt.timedelta(days=1))
    assert outcomes(rule_, [after, event(specialist_modules=floor)]) == [INSUFFICIENT]
    # a TNA for another provider does not justify this provider's modules; one for none does
    assert outcomes(rule_, [tna(provider_id="prov-2"), event(specialist_modules=floor)]) == [
        INSUFFICIENT
    ]
    assert outcomes(rule_, [tna(provider_id=None), event(specialist_modules=floor)]) == [MET]


def test_course_content() -> None:
    rule_ = the("RRN-COURSE-CONTENT")
    assert outcomes(rule_, [course()]) == [MET]
    thin = course(modules=(module("m1", 600, ModuleFocus.PREVENTION, ContentArea.DE_ESCALATION),))
    (result,) = run(rule_, [thin])
    assert result.outcome is NOT_MET
    assert result.evidence["missing"] == list(DEFAULT_CONTENT_AREAS)
    assert outcomes(rule_, [course(restrictive_component=False)]) == [NA]
    assert outcomes(rule_, [course(modules=())]) == [INSUFFICIENT]
    assert outcomes(rule_, [thin], required_content_areas=("de-escalation",)) == [MET]
    # boundary: exactly the required areas are enough; one fewer is not
    exact = course(
        modules=(
            module(
                "m1", 600, ModuleFocus.PREVENTION, *(ContentArea(a) for a in DEFAULT_CONTENT_AREAS)
            ),
        )
    )
    assert outcomes(rule_, [exact]) == [MET]
    short = course(
        modules=(
            module(
                "m1",
                600,
                ModuleFocus.PREVENTION,
                *(ContentArea(a) for a in DEFAULT_CONTENT_AREAS[:-1]),
            ),
        )
    )
    (result,) = run(rule_, [short])
    assert result.evidence["missing"] == [DEFAULT_CONTENT_AREAS[-1]]


def test_course_lived_experience() -> None:
    rule_ = the("RRN-COURSE-LIVED-EXPERIENCE")
    assert outcomes(rule_, [course()]) == [MET]
    # either design or delivery is enough
    delivery = LivedExperience(in_design=False, in_delivery=True)
    assert outcomes(rule_, [course(lived_experience=delivery)]) == [MET]
    none = LivedExperience(in_design=False, in_delivery=False)
    assert outcomes(rule_, [course(lived_experience=none)]) == [NOT_MET]
    assert outcomes(rule_, [course(lived_experience=None)]) == [INSUFFICIENT]
    assert outcomes(rule_, [course(restrictive_component=False)]) == [NA]


# Trainers (section 4)


def test_trainer_life_support() -> None:
    rule_ = the("RRN-TRAINER-LIFE-SUPPORT")
    assert outcomes(rule_, [trainer(), event()]) == [MET]
    # boundary: the certificate expires on the last delivery day (met) or the first (not met)
    assert outcomes(
        rule_, [trainer(), event(start_date=D(2026, 5, 30), end_date=D(2026, 5, 31))]
    ) == [MET]
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


def test_trainer_life_support_gives_one_outcome_per_event() -> None:
    rule_ = the("RRN-TRAINER-LIFE-SUPPORT")
    lapsed = trainer(
        id="tr-2",
        life_support=(
            LifeSupportCertificate(
                level=LifeSupportLevel.IMMEDIATE_LIFE_SUPPORT,
                issued_on=D(2024, 1, 1),
                expires_on=D(2025, 1, 1),
            ),
        ),
    )
    pair = event(trainer_ids=("tr-1", "tr-2", "tr-3"))
    (result,) = run(rule_, [trainer(), lapsed, pair])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/trainer_ids/1",)
    assert [i["outcome"] for i in result.evidence["items"]] == [
        "met",
        "not_met",
        "insufficient_evidence",
    ]


def test_trainer_qualification() -> None:
    rule_ = the("RRN-TRAINER-QUALIFICATION")
    assert outcomes(rule_, [trainer()]) == [MET]
    other = (Qualification(title="MBA", field=QualificationField.OTHER),)
    assert outcomes(rule_, [trainer(qualifications=other)]) == [NOT_MET]
    # boundary: one care qualification among others is enough
    mixed = (*other, Qualification(title="PGCE", field=QualificationField.EDUCATION))
    (result,) = run(rule_, [trainer(qualifications=mixed)])
    assert (result.outcome, result.pointers) == (MET, ("/qualifications/1",))
    assert outcomes(rule_, [trainer(qualifications=())]) == [INSUFFICIENT]


def test_trainer_experience() -> None:
    rule_ = the("RRN-TRAINER-EXPERIENCE")
    assert outcomes(rule_, [trainer()]) == [MET]
    junior = CareExperience(months=18, as_at=D(2026, 1, 1))
    (result,) = run(rule_, [trainer(care_experience=junior)])
    assert result.outcome is NOT_MET
    assert result.evidence == {"months": 18, "as_at": "2026-01-01", "minimum": 24}
    # boundary: exactly 24 months
    exact = CareExperience(months=24, as_at=D(2026, 1, 1))
    assert outcomes(rule_, [trainer(care_experience=exact)]) == [MET]
    assert outcomes(rule_, [trainer(care_experience=attrs.evolve(exact, months=23))]) == [NOT_MET]
    assert outcomes(rule_, [trainer(care_experience=junior)], min_experience_months=18) == [MET]
    assert outcomes(rule_, [trainer(care_experience=None)]) == [INSUFFICIENT]


def test_trainer_cpd() -> None:
    rule_ = the("RRN-TRAINER-CPD")
    assert outcomes(rule_, [trainer()]) == [MET]
    old = (CpdEntry(completed_on=D(2025, 11, 27), activity="Old", hours=2.0),)
    (result,) = run(rule_, [trainer(cpd=old)])
    assert result.outcome is NOT_MET
    assert result.evidence["latest"] == "2025-11-27"
    boundary = (CpdEntry(completed_on=D(2025, 11, 28), activity="Edge", hours=2.0),)
    assert outcomes(rule_, [trainer(cpd=boundary)]) == [MET]
    assert outcomes(rule_, [trainer(cpd=())]) == [INSUFFICIENT]


def test_trainer_updates() -> None:
    rule_ = the("RRN-TRAINER-UPDATES")
    (result,) = run(rule_, [trainer()])
    assert (result.outcome, result.evidence["latest"]) == (MET, "2026-06-01")
    # boundary: twelve months before the as-of date is inside the window, a day more is not
    edge = (TrainerUpdate(completed_on=D(2025, 11, 28), provider_id="prov-1"),)
    assert outcomes(rule_, [trainer(updates=edge)]) == [MET]
    old = (TrainerUpdate(completed_on=D(2025, 11, 27), provider_id="prov-1"),)
    (result,) = run(rule_, [trainer(updates=old)])
    assert (result.outcome, result.evidence["latest"]) == (NOT_MET, "2025-11-27")
    assert result.evidence["window_start"] == "2025-11-28"
    # another provider's update does not count, however recent
    elsewhere = (TrainerUpdate(completed_on=D(2026, 10, 1), provider_id="prov-2"),)
    (result,) = run(rule_, [trainer(updates=elsewhere)])
    assert (result.outcome, result.evidence["latest"]) == (NOT_MET, None)
    assert outcomes(rule_, [trainer(updates=(*old, *elsewhere))]) == [NOT_MET]
    # an update after the as-of date has not happened yet
    future = (TrainerUpdate(completed_on=D(2026, 12, 1), provider_id="prov-1"),)
    assert outcomes(rule_, [trainer(updates=future)]) == [NOT_MET]
    assert outcomes(rule_, [trainer(updates=old)], trainer_update_months=13) == [MET]
    assert outcomes(rule_, [trainer(updates=())]) == [INSUFFICIENT]


def test_trainer_authorised() -> None:
    rule_ = the("RRN-TRAINER-AUTHORISED")
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
    # boundary: an authorisation from the first to the last delivery day covers the event
    exact = attrs.evolve(expired, valid_from=D(2026, 3, 2), valid_until=D(2026, 3, 3))
    assert outcomes(rule_, [trainer(authorisations=(exact,)), event()]) == [MET]
    starts_late = attrs.evolve(exact, valid_from=D(2026, 3, 3))
    assert outcomes(rule_, [trainer(authorisations=(starts_late,)), event()]) == [NOT_MET]
    assert outcomes(rule_, [trainer(), event(course_id="course-2")]) == [NOT_MET]
    assert outcomes(rule_, [event()]) == [INSUFFICIENT]
    # one outcome for the event, however many trainers
    (result,) = run(rule_, [trainer(), event(trainer_ids=("tr-1", "tr-9"))])
    assert (result.outcome, result.pointers) == (INSUFFICIENT, ("/trainer_ids/1",))
    assert len(result.evidence["items"]) == 2


def test_trainer_associate_scope() -> None:
    rule_ = the("RRN-TRAINER-ASSOCIATE-SCOPE")
    inside = trainer(trainer_type=TrainerType.ASSOCIATE, employing_organisation_id="org-1")
    assert outcomes(rule_, [inside, event()]) == [MET]
    outside = trainer(trainer_type=TrainerType.ASSOCIATE)
    (result,) = run(rule_, [outside, event()])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/trainer_ids/0",)
    assert outcomes(rule_, [trainer(), event()]) == [NA]
    assert outcomes(rule_, [event()]) == [INSUFFICIENT]
    # boundary: a senior trainer beside an associate is not judged; the associate is
    senior = trainer(id="tr-2")
    (result,) = run(rule_, [inside, senior, event(trainer_ids=("tr-2", "tr-1"))])
    assert (result.outcome, result.pointers) == (MET, ("/trainer_ids/1",))


def test_event_ratio() -> None:
    rule_ = the("RRN-EVENT-RATIO")
    one_to_two = course(ratio=TrainerLearnerRatio(trainers=1, learners=2))
    two = (learner("s1"), learner("s2"))
    three = (*two, learner("s3"))
    (result,) = run(rule_, [one_to_two, event(learners=two)])
    # boundary: exactly at the ratio is met
    assert (result.outcome, result.evidence) == (
        MET,
        {"trainers": 1, "learners": 2, "ratio": "1:2"},
    )
    (result,) = run(rule_, [one_to_two, event(learners=three)])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/trainer_ids", "/learners")
    # a second trainer doubles the learners allowed
    assert outcomes(rule_, [one_to_two, event(learners=three, trainer_ids=("tr-1", "tr-2"))]) == [
        MET
    ]
    # learners attending in part count; absent learners do not
    partial = (*two, learner("s3", attendance=Attendance.PARTIAL))
    assert outcomes(rule_, [one_to_two, event(learners=partial)]) == [NOT_MET]
    absent = (*two, learner("s3", attendance=Attendance.ABSENT))
    assert outcomes(rule_, [one_to_two, event(learners=absent)]) == [MET]
    # a ratio of 2 trainers to 5 learners: 5 learners with 2 trainers met, 6 with 2 not met
    two_to_five = course(ratio=TrainerLearnerRatio(trainers=2, learners=5))
    five = tuple(learner(f"s{n}") for n in range(5))
    pair = ("tr-1", "tr-2")
    assert outcomes(rule_, [two_to_five, event(learners=five, trainer_ids=pair)]) == [MET]
    six = (*five, learner("s9"))
    assert outcomes(rule_, [two_to_five, event(learners=six, trainer_ids=pair)]) == [NOT_MET]
    # no ratio or no course: rrnkit claims no figure of its own
    assert outcomes(rule_, [course(), event(learners=three)]) == [INSUFFICIENT]
    assert outcomes(rule_, [event(learners=three)]) == [INSUFFICIENT]
    nobody = (learner("s1", attendance=Attendance.ABSENT),)
    assert outcomes(rule_, [one_to_two, event(learners=nobody)]) == [NA]


# Post-delivery (section 3)


def evaluation(event_id: str = "ev-1") -> Evaluation:
    return Evaluation(
        id=f"eval-{event_id}",
        training_event_id=event_id,
        completed_on=D(2026, 3, 10),
        methods=(EvaluationMethod.LEARNER_FEEDBACK,),
        level=EvaluationLevel.REACTION,
    )


def test_event_evaluated() -> None:
    rule_ = the("RRN-EVENT-EVALUATED")
    assert outcomes(rule_, [event(), evaluation()]) == [MET]
    assert outcomes(rule_, [event(), evaluation("ev-other")]) == [NOT_MET]
    future = event(start_date=D(2026, 12, 1), end_date=D(2026, 12, 2))
    assert outcomes(rule_, [future]) == [NA]
    # boundary: judged from the event's last day, not before it
    assert outcomes(rule_, [event()], D(2026, 3, 3)) == [NOT_MET]
    assert outcomes(rule_, [event()], D(2026, 3, 2)) == [NA]


def test_event_competence() -> None:
    rule_ = the("RRN-EVENT-COMPETENCE")
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
    # assessed as not yet competent is assessed; a learner in part must be assessed too
    assert outcomes(
        rule_, [event(learners=(learner("s1", CompetenceOutcome.NOT_YET_COMPETENT),))]
    ) == [MET]
    part = learner("s1", CompetenceOutcome.NOT_ASSESSED, Attendance.PARTIAL)
    assert outcomes(rule_, [event(learners=(part,))]) == [NOT_MET]
    assert outcomes(rule_, [event(learners=())]) == [INSUFFICIENT]
    only_absent = (learner("s1", attendance=Attendance.ABSENT),)
    assert outcomes(rule_, [event(learners=only_absent)]) == [INSUFFICIENT]
    assert outcomes(rule_, [event(start_date=D(2027, 1, 1), end_date=D(2027, 1, 1))]) == [NA]
    # boundary: judged from the first day
    assert outcomes(rule_, [event(learners=(part,))], D(2026, 3, 2)) == [NOT_MET]
    assert outcomes(rule_, [event(learners=(part,))], D(2026, 3, 1)) == [NA]


# RRN-STAFF-REFRESHER

REFRESHER = course(id="course-r", level=CourseLevel.REFRESHER)
FULL_2023 = event(id="ev-full", start_date=D(2023, 3, 1), end_date=D(2023, 3, 2))
REFRESH_2026 = event(id="ev-ref", course_id="course-r", start_date=D(2026, 3, 2))


def trained(*workforce: StaffMember, learners: tuple[str, ...] = ("s1",)) -> list[Document]:
    """The organisation, both courses, and a full programme (2023) and refresher (2026-03-03)."""
    taught = tuple(learner(s) for s in learners)
    return [
        org(workforce=workforce or (member(),)),
        course(),
        REFRESHER,
        attrs.evolve(FULL_2023, learners=taught),
        attrs.evolve(REFRESH_2026, learners=taught),
    ]


def test_staff_refresher_met_and_cycle_boundaries() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    docs = trained()
    (result,) = run(rule_, docs)
    assert result.outcome is MET
    assert result.evidence["staff"] == 1
    assert result.evidence["not_yet_due"] == []
    # four years after the full programme (2023-03-02), a refresher alone no longer suffices
    assert outcomes(rule_, docs, D(2027, 3, 2)) == [MET]
    (late,) = run(rule_, docs, D(2027, 3, 3))
    assert (late.outcome, late.evidence["problems"]) == (NOT_MET, ["full-programme-overdue"])
    # twelve months after the refresher (2026-03-03) it is overdue too
    (later,) = run(rule_, docs, D(2027, 3, 4))
    assert later.evidence["problems"] == ["refresher-overdue", "full-programme-overdue"]
    assert later.evidence["last_full_programme"] == "2023-03-02"
    assert later.evidence["last_completed"] == "2026-03-03"


def test_staff_refresher_full_programme_cycle_can_be_turned_off() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    docs = trained()
    assert outcomes(rule_, docs, D(2027, 3, 3), full_programme_interval_years=0) == [MET]
    (result,) = run(rule_, docs, D(2027, 3, 4), full_programme_interval_years=0)
    assert (result.outcome, result.evidence["problems"]) == (NOT_MET, ["refresher-overdue"])
    # with the cycle on, a person who only ever had refreshers is missing the full programme
    only_refresher = [org(), course(), REFRESHER, REFRESH_2026]
    (result,) = run(rule_, only_refresher)
    assert result.evidence["problems"] == ["full-programme-missing"]
    assert outcomes(rule_, only_refresher, full_programme_interval_years=0) == [MET]


def test_staff_refresher_administrative_staff_are_in_scope_by_default() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    docs = trained(member("s1"), member("adm", StaffGroup.ADMINISTRATIVE))
    (result,) = run(rule_, docs)
    assert (result.outcome, result.pointers) == (NOT_MET, ("/workforce/1",))
    assert (result.evidence["staff_id"], result.evidence["problems"]) == ("adm", ["never-trained"])


def test_staff_refresher_groups_left_out_by_parameter() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    docs = trained(member("s1"), member("adm", StaffGroup.ADMINISTRATIVE))
    (result,) = run(rule_, docs, excluded_staff_groups=("administrative",))
    assert (result.outcome, result.evidence["staff"]) == (MET, 1)
    assert "excluded_staff_groups" in result.evidence["left_out"]["administrative"]
    assert {p.name: p.default for p in rule_.parameters}["excluded_staff_groups"] == ()


def test_staff_refresher_groups_left_out_by_the_latest_tna() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    docs = trained(member("s1"), member("adm", StaffGroup.ADMINISTRATIVE))
    no_contact = tna(staff_groups=(need(), need(StaffGroup.ADMINISTRATIVE, ContactFrequency.NONE)))
    (result,) = run(rule_, [*docs, no_contact])
    assert result.outcome is MET
    assert "tna-1" in result.evidence["left_out"]["administrative"]
    # "rare" contact is contact: the group stays in scope
    rare = tna(staff_groups=(need(StaffGroup.ADMINISTRATIVE, ContactFrequency.RARE),))
    assert outcomes(rule_, [*docs, rare]) == [NOT_MET]
    # only the latest TNA completed by the as-of date decides
    newer = tna(id="tna-2", completed_on=D(2026, 6, 1), staff_groups=(need(),))
    assert outcomes(rule_, [*docs, no_contact, newer]) == [NOT_MET]
    not_yet = attrs.evolve(newer, completed_on=AS_OF + dt.timedelta(days=1))
    assert outcomes(rule_, [*docs, no_contact, not_yet]) == [MET]
    # a TNA of another organisation does not leave this one's staff out
    theirs = attrs.evolve(no_contact, commissioning_organisation_id="org-2")
    assert outcomes(rule_, [*docs, theirs]) == [NOT_MET]


def test_staff_refresher_new_starter_is_not_yet_due_within_grace() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    start = D(2026, 10, 1)
    due = start + dt.timedelta(days=90)  # 2026-12-30
    docs = trained(member("s1"), member("new", StaffGroup.HEALTHCARE_SUPPORT_WORKER, start))
    (result,) = run(rule_, docs)
    assert (result.outcome, result.evidence["not_yet_due"]) == (MET, ["new"])
    # boundary: the last day of grace is still not due
    (result,) = run(rule_, docs, due)
    assert (result.outcome, result.evidence["not_yet_due"]) == (MET, ["new"])
    # the day after: never trained, and never "refresher-overdue"
    (result,) = run(rule_, docs, due + dt.timedelta(days=1))
    assert result.outcome is NOT_MET
    assert (result.evidence["staff_id"], result.evidence["problems"]) == ("new", ["never-trained"])
    assert result.evidence["first_training_due"] == due.isoformat()
    assert outcomes(rule_, docs, due + dt.timedelta(days=1), new_starter_grace_days=91) == [MET]


def test_staff_refresher_new_starter_alone_is_not_applicable() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    new = member("new", start=D(2026, 10, 1))
    left = member("s1", end=D(2026, 9, 30))
    (result,) = run(rule_, trained(left, new))
    assert (result.outcome, result.evidence["not_yet_due"]) == (NA, ["new"])
    # nobody in post (the only member has left): nothing to judge
    assert outcomes(rule_, trained(left)) == [NA]
    assert outcomes(
        rule_,
        [org(workforce=(member("adm", StaffGroup.ADMINISTRATIVE),))],
        excluded_staff_groups=("administrative",),
    ) == [NA]


def test_staff_refresher_new_starter_trained_within_grace_is_judged() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    new = member("new", start=D(2026, 2, 1))
    docs: list[Document] = [org(workforce=(new,)), course(), event(learners=(learner("new"),))]
    (result,) = run(rule_, docs)
    assert (result.outcome, result.evidence["staff"], result.evidence["not_yet_due"]) == (
        MET,
        1,
        [],
    )


def test_staff_refresher_counts_only_completed_training() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    docs = trained()

    def refresher_outcome(
        competence: CompetenceOutcome,
        attendance: Attendance = Attendance.ATTENDED,
        assessed: bool = False,
    ) -> list[str]:
        methods = (AssessmentMethod.OBSERVED_PRACTICE,) if assessed else ()
        changed = [
            *docs[:2],
            attrs.evolve(REFRESHER, assessment_methods=methods),
            docs[3],
            attrs.evolve(REFRESH_2026, learners=(learner("s1", competence, attendance),)),
        ]
        (result,) = run(rule_, changed)
        return list(result.evidence.get("problems", []))

    assert refresher_outcome(CompetenceOutcome.COMPETENT) == []
    # found not yet competent: attended but not completed, so the 2023 programme is the last
    assert refresher_outcome(CompetenceOutcome.NOT_YET_COMPETENT) == ["refresher-overdue"]
    # not assessed on a course that assesses competence: not completed
    assert refresher_outcome(CompetenceOutcome.NOT_ASSESSED, assessed=True) == ["refresher-overdue"]
    # not assessed on a course that assesses no competence: completed
    assert refresher_outcome(CompetenceOutcome.NOT_ASSESSED) == []
    # attended in part: not completed
    assert refresher_outcome(CompetenceOutcome.COMPETENT, Attendance.PARTIAL) == [
        "refresher-overdue"
    ]


def test_staff_refresher_gives_one_outcome_for_the_organisation() -> None:
    rule_ = the("RRN-STAFF-REFRESHER")
    workforce = (
        member("s1"),
        member("s2", StaffGroup.HEALTHCARE_SUPPORT_WORKER),
        member("s3", StaffGroup.SECURITY),
    )
    (result,) = run(rule_, trained(*workforce))
    assert result.outcome is NOT_MET
    assert result.subject_id == "org-1"
    assert result.pointers == ("/workforce/1", "/workforce/2")
    assert result.message.endswith("(and 1 more)")
    assert [i["staff_id"] for i in result.evidence["items"]] == ["s2", "s3"]


def test_staff_refresher_without_any_training_record_is_insufficient_evidence() -> None:
    """Absent training records are not a breach: the rule says evidence is missing."""
    rule_ = the("RRN-STAFF-REFRESHER")
    (result,) = run(rule_, [org(), course()])
    assert (result.outcome, result.pointers) == (INSUFFICIENT, ("/workforce",))
    elsewhere = event(id="ev-other")
    elsewhere = attrs.evolve(
        elsewhere,
        learners=tuple(attrs.evolve(x, organisation_id="org-other") for x in elsewhere.learners),
    )
    assert outcomes(rule_, [org(), course(), elsewhere]) == [INSUFFICIENT]
    # one attended event for the organisation is evidence: the others then count as untrained
    assert outcomes(rule_, [org(), course(), event()]) == [MET]
    two = org(workforce=(member("s1"), member("s2")))
    assert outcomes(rule_, [two, course(), event()]) == [NOT_MET]


def test_full_ruleset_runs_without_errors() -> None:
    docs: list[Document] = [
        org(),
        tna(),
        course(ratio=TrainerLearnerRatio(trainers=1, learners=12)),
        trainer(),
        event(specialist_modules=(SpecialistModule.FLOOR_RESTRAINT,)),
        evaluation(),
        incident("s1"),
    ]
    results = RRN_TS.run(docs, as_of=D(2026, 4, 1))
    assert not [r for r in results if r.outcome is Outcome.ERROR]
    assert {r.rule_id for r in results} == set(RRN_TS.ids)
    # one outcome per rule per subject
    keys = [(r.rule_id, r.subject_kind, r.subject_id) for r in results]
    assert len(keys) == len(set(keys))
