from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from rrnkit.model import (
    Accreditation,
    AccreditationBody,
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
from rrnkit.rules import Outcome, Result, Rule, RuleSet, Severity
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


def course(restrictive: bool = True, ident: str = "course-1") -> Course:
    return Course(
        id=ident,
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
        "BILD-CERTIFICATE-TERM",
        "BILD-CERTIFYING-BODY-ACCREDITED",
    )
    assert all(r.met_means.startswith("Show that") for r in RULES)
    assert all(r.reading for r in RULES)
    assert all(r.severity is Severity.ERROR for r in RULES)


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


def test_provider_certified_boundaries() -> None:
    rule_ = bild_act.provider_certified
    # certified from the first delivery day to the last: every day is covered
    exact = certification(certified_on=D(2026, 3, 2), expires_on=D(2026, 3, 3))
    assert outcomes(rule_, [provider(certification=exact), course(), event()]) == [MET]
    starts_late = certification(certified_on=D(2026, 3, 3), expires_on=D(2027, 3, 2))
    (result,) = run(rule_, [provider(certification=starts_late), course(), event()])
    assert (result.outcome, result.evidence["uncovered_days"]) == (NOT_MET, ["2026-03-02"])


def test_scope_boundaries() -> None:
    rule_ = bild_act.certification_scope
    # nothing beyond the scope: no specialist module, a population inside it
    assert outcomes(rule_, [provider(), course(), event(specialist_modules=())]) == [MET]
    wide = certification(
        scope=CertificationScope(
            settings=(Setting.MENTAL_HEALTH_INPATIENT,),
            populations=(Population.ADULTS, Population.CHILDREN_AND_YOUNG_PEOPLE),
            specialist_modules=(SpecialistModule.FLOOR_RESTRAINT,),
        )
    )
    both = event(populations=(Population.ADULTS, Population.CHILDREN_AND_YOUNG_PEOPLE))
    assert outcomes(rule_, [provider(certification=wide), course(), both]) == [MET]
    (result,) = run(rule_, [provider(), course(), both])
    assert (result.outcome, result.pointers) == (NOT_MET, ("/populations/1",))
    assert outcomes(rule_, [provider(), event()]) == [INSUFFICIENT]


def test_internal_delivery_boundaries() -> None:
    rule_ = bild_act.internal_delivery
    affiliate = event(delivery_model=DeliveryModel.AFFILIATE_INTERNAL)

    def arranged(approved_on: dt.date, ends_on: dt.date | None = None) -> Organisation:
        arrangement = AffiliateArrangement(
            organisation_id="org-1", name="Care Org", approved_on=approved_on, ends_on=ends_on
        )
        return provider(certification=certification(affiliates=(arrangement,)))

    # approved on the first delivery day and ending on the last: covered
    assert outcomes(rule_, [arranged(D(2026, 3, 2), D(2026, 3, 3)), affiliate]) == [MET]
    assert outcomes(rule_, [arranged(D(2026, 3, 3)), affiliate]) == [NOT_MET]


def of_org(rule_: Rule, docs: Iterable[Document], as_of: dt.date = AS_OF) -> list[Outcome]:
    return [r.outcome for r in run(rule_, docs, as_of) if r.subject_id == "org-1"]


def org_result(rule_: Rule, docs: Iterable[Document]) -> Result:
    (result,) = [r for r in run(rule_, docs) if r.subject_id == "org-1"]
    return result


def commissioned(
    course_id: str = "course-1",
    provider_id: str = "prov-1",
    model: DeliveryModel = DeliveryModel.PROVIDER_DELIVERED,
    **changes: object,
) -> CommissionedTraining:
    base = CommissionedTraining(
        provider_id=provider_id,
        course_id=course_id,
        delivery_model=model,
        start_date=D(2025, 1, 1),
    )
    return attrs.evolve(base, **changes)


def test_membership_not_evidence() -> None:
    rule_ = bild_act.membership_not_evidence
    result = org_result(rule_, [org(), provider(), course()])
    assert (result.outcome, result.evidence["commissioned"]) == (MET, 1)
    expired = provider(certification=certification(expires_on=D(2026, 1, 1)))
    result = org_result(rule_, [org(), expired, course()])
    assert result.outcome is NOT_MET
    assert "never evidence of certified training" in result.message
    assert result.pointers == ("/commissioned_training/0",)
    assert of_org(rule_, [org(commissioned_training=()), provider()]) == [NA]
    internal = commissioned(model=DeliveryModel.INTERNAL_NON_CERTIFIED)
    assert of_org(rule_, [org(commissioned_training=(internal,)), provider(), course()]) == [
        NOT_MET
    ]
    affiliate = commissioned(model=DeliveryModel.AFFILIATE_INTERNAL)
    assert of_org(rule_, [org(commissioned_training=(affiliate,)), provider(), course()]) == [MET]
    assert of_org(rule_, [org(rrn_membership=None), provider(), course()]) == [NA]
    assert of_org(rule_, [org(rrn_membership=None), expired, course()]) == [NA]
    assert of_org(rule_, [org(), provider(certification=None), course()]) == [NOT_MET]


def test_membership_one_certified_course_does_not_stand_for_another() -> None:
    rule_ = bild_act.membership_not_evidence
    uncertified = provider(id="prov-2", certification=None)
    both = org(commissioned_training=(commissioned(), commissioned("course-2", "prov-2")))
    docs = [both, provider(), uncertified, course(), course(ident="course-2")]
    result = org_result(rule_, docs)
    assert result.outcome is NOT_MET
    assert result.pointers == ("/commissioned_training/1",)
    assert (result.evidence["uncertified"], result.evidence["commissioned"]) == (1, 2)


def test_membership_ignores_non_restrictive_and_inactive_training() -> None:
    rule_ = bild_act.membership_not_evidence
    uncertified = provider(id="prov-2", certification=None)
    awareness = commissioned("course-2", "prov-2")
    docs = [org(commissioned_training=(commissioned(), awareness)), provider(), uncertified]
    # the uncertified provider's course has no restrictive component: not judged
    assert of_org(rule_, [*docs, course(), course(False, "course-2")]) == [MET]
    # a member that commissions only non-restrictive training is not judged at all
    only = org(commissioned_training=(awareness,))
    assert of_org(rule_, [only, uncertified, course(False, "course-2")]) == [NA]
    # boundary: training that ended the day before the as-of date is not running
    ended = commissioned("course-2", "prov-2", end_date=AS_OF - dt.timedelta(days=1))
    mixed = org(commissioned_training=(commissioned(), ended))
    assert of_org(rule_, [mixed, provider(), uncertified, course(), course(ident="course-2")]) == [
        MET
    ]
    ending_today = commissioned("course-2", "prov-2", end_date=AS_OF)
    mixed = org(commissioned_training=(commissioned(), ending_today))
    assert of_org(rule_, [mixed, provider(), uncertified, course(), course(ident="course-2")]) == [
        NOT_MET
    ]
    # training that starts after the as-of date is not running yet
    starts = commissioned(start_date=AS_OF + dt.timedelta(days=1))
    assert of_org(rule_, [org(commissioned_training=(starts,)), uncertified, course()]) == [NA]


def test_membership_certification_must_be_in_date_on_the_as_of_date() -> None:
    rule_ = bild_act.membership_not_evidence
    # boundary: a certificate expiring on the as-of date is in date; the day before is not
    on_the_day = provider(certification=certification(expires_on=AS_OF))
    assert of_org(rule_, [org(), on_the_day, course()]) == [MET]
    day_before = provider(certification=certification(expires_on=AS_OF - dt.timedelta(days=1)))
    assert of_org(rule_, [org(), day_before, course()]) == [NOT_MET]


def test_membership_missing_records_are_insufficient() -> None:
    rule_ = bild_act.membership_not_evidence
    result = org_result(rule_, [org(), provider()])
    assert (result.outcome, result.pointers) == (
        INSUFFICIENT,
        ("/commissioned_training/0/course_id",),
    )
    (result,) = run(rule_, [org(), course()])
    assert (result.outcome, result.pointers) == (
        INSUFFICIENT,
        ("/commissioned_training/0/provider_id",),
    )
    # an uncertified course outweighs a missing record
    uncertified = provider(id="prov-2", certification=None)
    both = org(commissioned_training=(commissioned("course-9"), commissioned("course-2", "prov-2")))
    assert of_org(rule_, [both, uncertified, course(ident="course-2")]) == [NOT_MET]


def test_certificate_term() -> None:
    rule_ = bild_act.certificate_term
    (result,) = run(rule_, [provider()])
    # boundary: certified 2025-01-01, last valid day 2027-12-31 is exactly three years
    assert (result.outcome, result.evidence["latest_expiry"]) == (MET, "2027-12-31")
    longer = provider(certification=certification(expires_on=D(2028, 1, 1)))
    (result,) = run(rule_, [longer])
    assert (result.outcome, result.pointers) == (NOT_MET, ("/certification/expires_on",))
    shorter = provider(certification=certification(expires_on=D(2026, 12, 31)))
    assert outcomes(rule_, [shorter]) == [MET]
    assert outcomes(rule_, [provider(certification=None)]) == [NA]
    assert outcomes(rule_, [org()]) == [NA]
    assert [
        r.outcome
        for r in RuleSet(id="t", rules=(rule_,))
        .with_params(rule_.id, certificate_years=4)
        .run([longer], as_of=AS_OF)
    ] == [MET]
    (years,) = rule_.parameters
    assert (years.default, years.confirmed) == (3, True)


def test_certifying_body_accredited() -> None:
    rule_ = bild_act.certifying_body_accredited

    def accredited(body: AccreditationBody, standard: str) -> Organisation:
        accreditation = Accreditation(body=body, standard=standard)
        return provider(certification=certification(accreditation=accreditation))

    assert outcomes(rule_, [accredited(AccreditationBody.UKAS, "ISO/IEC 17065:2012")]) == [MET]
    assert outcomes(rule_, [accredited(AccreditationBody.UKAS, "ISO/IEC 17065")]) == [MET]
    (result,) = run(rule_, [accredited(AccreditationBody.OTHER, "ISO/IEC 17065:2012")])
    assert (result.outcome, result.evidence["problems"]) == (NOT_MET, ["not-ukas"])
    (result,) = run(rule_, [accredited(AccreditationBody.UKAS, "ISO 9001:2015")])
    assert (result.outcome, result.evidence["problems"]) == (NOT_MET, ["not-iso-iec-17065"])
    (result,) = run(rule_, [accredited(AccreditationBody.OTHER, "ISO/IEC 17025:2017")])
    assert result.evidence["problems"] == ["not-ukas", "not-iso-iec-17065"]
    # the certifying body's name alone is not evidence
    (result,) = run(rule_, [provider()])
    assert (result.outcome, result.pointers) == (
        INSUFFICIENT,
        ("/certification/accreditation",),
    )
    held = provider().certification
    assert held is not None
    assert held.certifying_body == "BILD ACT"
    assert outcomes(rule_, [provider(certification=None)]) == [NA]
