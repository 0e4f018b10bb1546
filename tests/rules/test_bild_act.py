from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from rrnkit.model import (
    AffiliateArrangement,
    Certification,
    CertificationScope,
    CommissionedTraining,
    Course,
    CourseLevel,
    DeliveryModel,
    Document,
    Organisation,
    OrganisationType,
    Population,
    RrnMembership,
    Setting,
    SpecialistModule,
    TrainingEvent,
)
from rrnkit.rules import Outcome, Result, Rule, RuleSet
from rrnkit.rules.packs import bild_act
from rrnkit.rules.packs.bild_act import BILD_ACT, RULES

AS_OF = dt.date(2026, 11, 28)
D = dt.date
MET, NOT_MET = Outcome.MET, Outcome.NOT_MET
NA, INSUFFICIENT = Outcome.NOT_APPLICABLE, Outcome.INSUFFICIENT_EVIDENCE


def run(rule_: Rule, docs: Iterable[Document], as_of: dt.date = AS_OF) -> list[Result]:
    return RuleSet(id="t", rules=(rule_,)).run(list(docs), as_of=as_of)


def outcomes(rule_: Rule, docs: Iterable[Document], as_of: dt.date = AS_OF) -> list[Outcome]:
    return [r.outcome for r in run(rule_, docs, as_of)]


def certification(**changes: object) -> Certification:
    base = Certification(
        certificate_number="ACT-001",
        certified_on=D(2025, 1, 1),
        expires_on=D(2027, 12, 31),
        scope=CertificationScope(
            settings=(Setting.MENTAL_HEALTH_INPATIENT,),
            populations=(Population.ADULTS,),
            specialist_modules=(SpecialistModule.FLOOR_RESTRAINT,),
        ),
        affiliates=(
            AffiliateArrangement(
                organisation_id="org-1", name="Care Org", approved_on=D(2025, 6, 1)
            ),
        ),
    )
    return attrs.evolve(base, **changes)


def provider(**changes: object) -> Organisation:
    base = Organisation(
        id="prov-1",
        name="Provider",
        organisation_type=OrganisationType.TRAINING_PROVIDER,
        certification=certification(),
    )
    return attrs.evolve(base, **changes)


def org(**changes: object) -> Organisation:
    base = Organisation(
        id="org-1",
        name="Care Org",
        organisation_type=OrganisationType.CARE_HOME,
        rrn_membership=RrnMembership(joined_on=D(2024, 1, 1)),
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


def course(restrictive: bool = True) -> Course:
    return Course(
        id="course-1",
        provider_id="prov-1",
        title="Course",
        version="1",
        level=CourseLevel.INITIAL,
        restrictive_component=restrictive,
        total_minutes=600,
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
        specialist_modules=(SpecialistModule.FLOOR_RESTRAINT,),
        trainer_ids=("tr-1",),
    )
    return attrs.evolve(base, **changes)


def test_ruleset_shape() -> None:
    assert BILD_ACT.id == "bild-act"
    assert BILD_ACT.ids == (
        "BILD-PROVIDER-CERTIFIED",
        "BILD-SCOPE",
        "BILD-INTERNAL-DELIVERY",
        "BILD-MEMBERSHIP-NOT-EVIDENCE",
    )
    assert all(r.met_means.startswith("Show that") for r in RULES)


def test_provider_certified() -> None:
    rule_ = bild_act.provider_certified
    assert outcomes(rule_, [provider(), course(), event()]) == [MET]
    lapsing = provider(certification=certification(expires_on=D(2026, 3, 2)))
    (result,) = run(rule_, [lapsing, course(), event()])
    assert result.outcome is NOT_MET
    assert result.evidence["uncovered_days"] == ["2026-03-03"]
    assert outcomes(rule_, [provider(certification=None), course(), event()]) == [NOT_MET]
    assert outcomes(rule_, [provider(), course(restrictive=False), event()]) == [NA]
    assert outcomes(rule_, [course(), event()]) == [INSUFFICIENT]
    assert outcomes(rule_, [provider(), event()]) == [INSUFFICIENT]


def test_scope() -> None:
    rule_ = bild_act.certification_scope
    assert outcomes(rule_, [provider(), course(), event()]) == [MET]
    wider = event(
        setting=Setting.SPECIAL_SCHOOL,
        populations=(Population.ADULTS, Population.CHILDREN_AND_YOUNG_PEOPLE),
        specialist_modules=(SpecialistModule.MECHANICAL_RESTRAINT,),
    )
    (result,) = run(rule_, [provider(), course(), wider])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/setting", "/populations/1", "/specialist_modules/0")
    assert result.evidence["outside_scope"] == {
        "settings": ["special-school"],
        "populations": ["children-and-young-people"],
        "specialist_modules": ["mechanical-restraint"],
    }
    assert outcomes(rule_, [provider(certification=None), course(), event()]) == [INSUFFICIENT]
    assert outcomes(rule_, [provider(), course(restrictive=False), event()]) == [NA]


def test_internal_delivery() -> None:
    rule_ = bild_act.internal_delivery
    affiliate = event(delivery_model=DeliveryModel.AFFILIATE_INTERNAL)
    assert outcomes(rule_, [provider(), affiliate]) == [MET]
    (result,) = run(rule_, [provider(), event(delivery_model=DeliveryModel.INTERNAL_NON_CERTIFIED)])
    assert result.outcome is NOT_MET
    assert "train-the-trainer" in result.message
    ended = certification(
        affiliates=(
            AffiliateArrangement(
                organisation_id="org-1",
                name="Care Org",
                approved_on=D(2025, 6, 1),
                ends_on=D(2026, 3, 2),
            ),
        )
    )
    assert outcomes(rule_, [provider(certification=ended), affiliate]) == [NOT_MET]
    other = certification(
        affiliates=(
            AffiliateArrangement(organisation_id="org-9", name="Other", approved_on=D(2025, 1, 1)),
        )
    )
    assert outcomes(rule_, [provider(certification=other), affiliate]) == [NOT_MET]
    assert outcomes(rule_, [provider(certification=None), affiliate]) == [NOT_MET]
    assert outcomes(rule_, [provider(), event()]) == [NA]
    assert outcomes(rule_, [affiliate]) == [INSUFFICIENT]


def of_org(rule_: Rule, docs: Iterable[Document]) -> list[Outcome]:
    return [r.outcome for r in run(rule_, docs) if r.subject_id == "org-1"]


def test_membership_not_evidence() -> None:
    rule_ = bild_act.membership_not_evidence
    assert of_org(rule_, [org(), provider()]) == [MET]
    expired = provider(certification=certification(expires_on=D(2026, 1, 1)))
    (result,) = [r for r in run(rule_, [org(), expired]) if r.subject_id == "org-1"]
    assert result.outcome is NOT_MET
    assert "never evidence of certified training" in result.message
    assert of_org(rule_, [org(commissioned_training=())]) == [NOT_MET]
    internal = CommissionedTraining(
        provider_id="prov-1",
        course_id="course-1",
        delivery_model=DeliveryModel.INTERNAL_NON_CERTIFIED,
        start_date=D(2025, 1, 1),
    )
    assert of_org(rule_, [org(commissioned_training=(internal,)), provider()]) == [NOT_MET]
    assert of_org(rule_, [org(rrn_membership=None), provider()]) == [NA]
    assert of_org(rule_, [org()]) == [INSUFFICIENT]
