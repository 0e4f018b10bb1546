"""BILD ACT certification rules: certified providers, scope, affiliates and membership.

Being a certified provider differs from commissioning certified training;
train-the-trainer does not make internal delivery certified; RRN membership is
never evidence of training quality.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rrnkit.model import Course, DeliveryModel, Organisation, TrainingEvent
from rrnkit.rules import (
    Context,
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
    certification = provider.certification
    if certification is None:
        return not_met(
            "the provider holds no certification", "/provider_id", provider_id=event.provider_id
        )
    evidence: dict[str, Any] = {
        "provider_id": event.provider_id,
        "certificate_number": certification.certificate_number,
        "certified_on": certification.certified_on.isoformat(),
        "expires_on": certification.expires_on.isoformat(),
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
    }
    uncovered = [d for d in _days(event.start_date, event.end_date) if not certification.in_date(d)]
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
)
def certification_scope(event: TrainingEvent, context: Context) -> Verdict:
    """Show that the provider's certified scope covers what the event delivered and to whom."""
    gate = _restrictive_gate(event, context)
    if gate is not None:
        return gate
    provider: Organisation | None = context.index.get(ORGANISATION, event.provider_id)
    if provider is None or provider.certification is None:
        return insufficient_evidence(
            "no certification of the provider to read a scope from",
            "/provider_id",
            provider_id=event.provider_id,
        )
    scope = provider.certification.scope
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
            certificate_number=provider.certification.certificate_number,
        )
    return met(
        "the event is inside the certification's scope",
        "/setting",
        certificate_number=provider.certification.certificate_number,
    )


@rule(
    id="BILD-INTERNAL-DELIVERY",
    title="Internal delivery is certified only under an approved affiliate arrangement",
    cites=["bild-act:affiliates", "uof-guidance:certified-training"],
    applies_to=EVENT,
    tags=["certification", "affiliate"],
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
    if provider.certification is None:
        return not_met(
            "the provider holds no certification, so it can have no affiliates",
            "/delivery_model",
            **evidence,
        )
    arrangements = [
        a
        for a in provider.certification.affiliates
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


@rule(
    id="BILD-MEMBERSHIP-NOT-EVIDENCE",
    title="RRN membership is not taken as evidence of certified training",
    cites=["bild-act:certification", "rrn-membership:action-plan"],
    applies_to=ORGANISATION,
    tags=["certification", "membership"],
)
def membership_not_evidence(org: Organisation, context: Context) -> Verdict:
    """Show that an RRN member also commissions training from a certified provider."""
    if org.rrn_membership is None:
        return not_applicable("the organisation is not an RRN member")
    unknown: list[str] = []
    for i, commissioned in enumerate(org.commissioned_training):
        if commissioned.delivery_model is DeliveryModel.INTERNAL_NON_CERTIFIED:
            continue
        provider: Organisation | None = context.index.get(ORGANISATION, commissioned.provider_id)
        if provider is None:
            unknown.append(commissioned.provider_id)
            continue
        certification = provider.certification
        if certification is not None and certification.in_date(context.as_of):
            return met(
                "the member commissions certified training",
                f"/commissioned_training/{i}",
                provider_id=commissioned.provider_id,
                certificate_number=certification.certificate_number,
            )
    if unknown:
        return insufficient_evidence(
            "the certification of some providers is not available",
            "/commissioned_training",
            provider_ids=sorted(set(unknown)),
        )
    return not_met(
        "RRN membership is never evidence of certified training, and no commissioned training "
        "is certified",
        "/rrn_membership",
        "/commissioned_training",
    )


RULES: tuple[Rule, ...] = (
    provider_certified,
    certification_scope,
    internal_delivery,
    membership_not_evidence,
)

BILD_ACT = RuleSet(id="bild-act", version="1", rules=RULES)
"""Every BILD ACT certification rule, in evaluation order."""

__all__ = ["BILD_ACT", "RULES"]
