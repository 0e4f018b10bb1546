"""BILD ACT certification rules: certified providers, scope, affiliates and membership.

Being a certified provider differs from commissioning certified training;
train-the-trainer does not make internal delivery certified; RRN membership is
never evidence of training quality.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rrnkit.model import (
    AccreditationBody,
    CommissionedTraining,
    Course,
    DeliveryModel,
    Organisation,
    TrainingEvent,
)
from rrnkit.model.values import add_months
from rrnkit.rules import (
    Context,
    Parameter,
    Rule,
    RuleSet,
    Verdict,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
    rule,
)

ORGANISATION = "organisation"
EVENT = "training-event"


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _restrictive_gate(event: TrainingEvent, context: Context) -> Verdict | None:
    """Return a verdict when the event's course is unknown or not restrictive, else None."""
    course: Course | None = context.index.get("course", event.course_id)
    if course is None:
        return insufficient_evidence(
            "the course delivered is not available", "/course_id", course_id=event.course_id
        )
    if not course.restrictive_component:
        return not_applicable("the course has no restrictive component", "/course_id")
    return None


@rule(
    id="BILD-PROVIDER-CERTIFIED",
    title="The provider was certified on every delivery day",
    cites=["bild-act:certification", "uof-guidance:certified-training"],
    applies_to=EVENT,
    tags=["certification"],
    reading=(
        "The statutory guidance (reported) and CQC expect restrictive-intervention "
        "training from a provider certified against the RRN Training Standards. The "
        "provider must hold a certification in date on every delivery day: its current "
        "certificate or an earlier one it records (certificates last three years and are "
        "renewed). Not applicable when the course has no restrictive component; "
        "insufficient when the course or provider record is missing."
    ),
)
def provider_certified(event: TrainingEvent, context: Context) -> Verdict:
    """Show that the provider held an in-date certification on every day of delivery."""
    gate = _restrictive_gate(event, context)
    if gate is not None:
        return gate
    provider: Organisation | None = context.index.get(ORGANISATION, event.provider_id)
    if provider is None:
        return insufficient_evidence(
            "the provider's record is not available", "/provider_id", provider_id=event.provider_id
        )
    if provider.certification is None and not provider.earlier_certifications:
        return not_met(
            "the provider holds no certification", "/provider_id", provider_id=event.provider_id
        )
    delivery = _days(event.start_date, event.end_date)
    covering = {d: provider.certificate_on(d) for d in delivery}
    evidence: dict[str, Any] = {
        "provider_id": event.provider_id,
        "certificate_numbers": sorted(
            {c.certificate_number for c in covering.values() if c is not None}
        ),
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
    }
    uncovered = [d for d, c in covering.items() if c is None]
    if uncovered:
        return not_met(
            "the provider's certification was not in date on every delivery day",
            "/start_date",
            "/end_date",
            uncovered_days=[d.isoformat() for d in uncovered],
            **evidence,
        )
    return met("the provider was certified throughout", "/provider_id", **evidence)


@rule(
    id="BILD-SCOPE",
    title="The certification's scope covers the event's setting, populations and modules",
    cites=["bild-act:scope", "uof-guidance:certified-training"],
    applies_to=EVENT,
    tags=["certification"],
    reading=(
        "A certificate covers a scope: settings, populations and specialist modules. The "
        "event's setting, every population and every specialist module must be inside the "
        "scope of the provider's certificate in date when the event started."
    ),
)
def certification_scope(event: TrainingEvent, context: Context) -> Verdict:
    """Show that the provider's certified scope covers what the event delivered and to whom."""
    gate = _restrictive_gate(event, context)
    if gate is not None:
        return gate
    provider: Organisation | None = context.index.get(ORGANISATION, event.provider_id)
    certificate = None if provider is None else provider.certificate_on(event.start_date)
    if certificate is None:
        return insufficient_evidence(
            "no certification of the provider in date when the event started to read a scope from",
            "/provider_id",
            provider_id=event.provider_id,
        )
    scope = certificate.scope
    pointers: list[str] = []
    outside: dict[str, list[str]] = {}
    if event.setting not in scope.settings:
        pointers.append("/setting")
        outside["settings"] = [event.setting.value]
    for i, population in enumerate(event.populations):
        if population not in scope.populations:
            pointers.append(f"/populations/{i}")
            outside.setdefault("populations", []).append(population.value)
    for i, module in enumerate(event.specialist_modules):
        if module not in scope.specialist_modules:
            pointers.append(f"/specialist_modules/{i}")
            outside.setdefault("specialist_modules", []).append(module.value)
    if outside:
        return not_met(
            "the event falls outside the certification's scope",
            *pointers,
            outside_scope=outside,
            certificate_number=certificate.certificate_number,
        )
    return met(
        "the event is inside the certification's scope",
        "/setting",
        certificate_number=certificate.certificate_number,
    )


@rule(
    id="BILD-INTERNAL-DELIVERY",
    title="Internal delivery is certified only under an approved affiliate arrangement",
    cites=["bild-act:affiliates", "uof-guidance:certified-training"],
    applies_to=EVENT,
    tags=["certification", "affiliate"],
    reading=(
        "Train-the-trainer does not make internal delivery certified: internal delivery is "
        "certified only under an approved affiliate arrangement of a certified provider, "
        "covering the event's dates. Not applicable to delivery by the provider itself."
    ),
)
def internal_delivery(event: TrainingEvent, context: Context) -> Verdict:
    """Show that internal delivery ran under an approved affiliate arrangement for its dates."""
    model = event.delivery_model
    if model is DeliveryModel.PROVIDER_DELIVERED:
        return not_applicable("delivered by the provider itself", "/delivery_model")
    if model is DeliveryModel.INTERNAL_NON_CERTIFIED:
        return not_met(
            "train-the-trainer does not make internal delivery certified",
            "/delivery_model",
            delivery_model=model.value,
        )
    provider: Organisation | None = context.index.get(ORGANISATION, event.provider_id)
    if provider is None:
        return insufficient_evidence(
            "the provider's record is not available", "/provider_id", provider_id=event.provider_id
        )
    evidence: dict[str, Any] = {
        "provider_id": event.provider_id,
        "commissioning_organisation_id": event.commissioning_organisation_id,
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
    }
    certificates = [
        c for c in (provider.certification, *provider.earlier_certifications) if c is not None
    ]
    if not certificates:
        return not_met(
            "the provider holds no certification, so it can have no affiliates",
            "/delivery_model",
            **evidence,
        )
    arrangements = [
        a
        for c in certificates
        for a in c.affiliates
        if a.organisation_id == event.commissioning_organisation_id
    ]
    for arrangement in arrangements:
        ends = arrangement.ends_on
        if arrangement.approved_on <= event.start_date and (ends is None or ends >= event.end_date):
            return met(
                "delivered under an approved affiliate arrangement",
                "/delivery_model",
                approved_on=arrangement.approved_on.isoformat(),
                **evidence,
            )
    return not_met(
        "no approved affiliate arrangement covers the delivery dates",
        "/delivery_model",
        arrangements_found=len(arrangements),
        **evidence,
    )


def _active(arrangement: CommissionedTraining, day: dt.date) -> bool:
    return arrangement.start_date <= day and (
        arrangement.end_date is None or day <= arrangement.end_date
    )


@rule(
    id="BILD-MEMBERSHIP-NOT-EVIDENCE",
    title="An RRN member's commissioned restrictive training is all certified",
    cites=[
        "bild-act:certification",
        "uof-guidance:certified-training",
        "rrn-membership:action-plan",
    ],
    applies_to=ORGANISATION,
    tags=["certification", "membership"],
    reading=(
        "RRN membership is a commitment, never evidence of training quality; certification "
        "is. So for an RRN member, every restrictive-intervention training it commissions "
        "and has running on the as-of date must be certified: the provider holds an in-date "
        "certification and delivers it itself or through an approved affiliate, never "
        "internal delivery outside an affiliate arrangement. One certified course does not "
        "stand for the others. Not applicable to a non-member, or to a member that "
        "commissions no restrictive training; insufficient when a course or provider record "
        "is not available. Whether an affiliate arrangement covers each event is judged by "
        "BILD-INTERNAL-DELIVERY."
    ),
)
def membership_not_evidence(org: Organisation, context: Context) -> Verdict:
    """Show that every restrictive training an RRN member commissions is certified."""
    if org.rrn_membership is None:
        return not_applicable("the organisation is not an RRN member")
    uncertified: list[int] = []
    unknown: list[str] = []
    judged = 0
    for i, commissioned in enumerate(org.commissioned_training):
        if not _active(commissioned, context.as_of):
            continue
        course: Course | None = context.index.get("course", commissioned.course_id)
        if course is None:
            unknown.append(f"/commissioned_training/{i}/course_id")
            continue
        if not course.restrictive_component:
            continue
        judged += 1
        if commissioned.delivery_model is DeliveryModel.INTERNAL_NON_CERTIFIED:
            uncertified.append(i)
            continue
        provider: Organisation | None = context.index.get(ORGANISATION, commissioned.provider_id)
        if provider is None:
            unknown.append(f"/commissioned_training/{i}/provider_id")
            continue
        certification = provider.certification
        if certification is None or not certification.in_date(context.as_of):
            uncertified.append(i)
    if uncertified:
        return not_met(
            "RRN membership is never evidence of certified training, and some commissioned "
            "restrictive training is not certified",
            *(f"/commissioned_training/{i}" for i in uncertified),
            uncertified=len(uncertified),
            commissioned=judged,
        )
    if unknown:
        return insufficient_evidence(
            "the course or provider record of some commissioned training is not available",
            *unknown,
        )
    if judged == 0:
        return not_applicable("the member commissions no restrictive training running now")
    return met(
        "every restrictive training the member commissions is certified",
        "/commissioned_training",
        commissioned=judged,
    )


@rule(
    id="BILD-CERTIFICATE-TERM",
    title="A certificate lasts no longer than the scheme's term",
    cites=["bild-act:certification"],
    applies_to=ORGANISATION,
    parameters=[
        Parameter(
            name="certificate_years",
            default=3,
            description="Longest life of a certificate, in years (BILD ACT: three years).",
            confirmed=True,
            minimum=1,
        )
    ],
    tags=["certification"],
    reading=(
        "BILD ACT (seen on bildact.org.uk): a certificate lasts three years. A certificate "
        "whose expiry is later than three years after it was first valid claims more than "
        "the scheme grants, so it is not met. Not applicable to an organisation with no "
        "certification."
    ),
)
def certificate_term(org: Organisation, context: Context) -> Verdict:
    """Show that the certificate's expiry is no later than its term allows."""
    certification = org.certification
    if certification is None:
        return not_applicable("the organisation holds no certification")
    years: int = context.param("certificate_years")
    latest = add_months(certification.certified_on, 12 * years) - dt.timedelta(days=1)
    evidence = {
        "certified_on": certification.certified_on.isoformat(),
        "expires_on": certification.expires_on.isoformat(),
        "latest_expiry": latest.isoformat(),
    }
    if certification.expires_on > latest:
        return not_met(
            f"the certificate runs for more than {years} years",
            "/certification/expires_on",
            **evidence,
        )
    return met(
        f"the certificate runs for no more than {years} years",
        "/certification/expires_on",
        **evidence,
    )


@rule(
    id="BILD-CERTIFYING-BODY-ACCREDITED",
    title="The certifying body is UKAS-accredited to ISO/IEC 17065",
    cites=["uof-guidance:certified-training", "bild-act:certification"],
    applies_to=ORGANISATION,
    tags=["certification"],
    reading=(
        "The statutory guidance (as the RRN and BILD ACT quote it) asks for training "
        "certified against the RRN Training Standards by a body accredited by UKAS; BILD "
        "ACT is accredited by UKAS to ISO/IEC 17065:2012 (seen). Met when the certification "
        "records an accreditation by UKAS to ISO/IEC 17065; not met when it records another "
        "accreditation body or standard; insufficient when it records none. The "
        "certifying body's name alone is never taken as evidence."
    ),
)
def certifying_body_accredited(org: Organisation, context: Context) -> Verdict:
    """Show that the certificate was issued by a UKAS-accredited ISO/IEC 17065 body."""
    certification = org.certification
    if certification is None:
        return not_applicable("the organisation holds no certification")
    accreditation = certification.accreditation
    if accreditation is None:
        return insufficient_evidence(
            "the certification does not record its certifying body's accreditation",
            "/certification/accreditation",
        )
    evidence = {"body": accreditation.body.value, "standard": accreditation.standard}
    problems: list[str] = []
    if accreditation.body is not AccreditationBody.UKAS:
        problems.append("not-ukas")
    if "17065" not in accreditation.standard:
        problems.append("not-iso-iec-17065")
    if problems:
        return not_met(
            "the certifying body is not accredited by UKAS to ISO/IEC 17065",
            "/certification/accreditation",
            problems=problems,
            **evidence,
        )
    return met(
        "the certifying body is accredited by UKAS to ISO/IEC 17065",
        "/certification/accreditation",
        **evidence,
    )


RULES: tuple[Rule, ...] = (
    provider_certified,
    certification_scope,
    internal_delivery,
    membership_not_evidence,
    certificate_term,
    certifying_body_accredited,
)
"""The BILD ACT certification rules, in evaluation order."""

BILD_ACT = RuleSet(id="bild-act", version="2", rules=RULES)
"""Every BILD ACT certification rule, in evaluation order."""

__all__ = ["BILD_ACT", "RULES"]
