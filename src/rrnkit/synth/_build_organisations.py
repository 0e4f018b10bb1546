"""Building the organisation documents: care organisations and certified providers.

A care organisation's record holds its units, workforce, responsible person,
use-of-force policy, RRN membership and commissioned training; a provider's
holds its BILD ACT certificate and, over a longer period, the earlier ones.
"""

from __future__ import annotations

import datetime as dt
import random

from rrnkit.model import (
    Accreditation,
    AccreditationBody,
    ActionPlan,
    Certification,
    CertificationScope,
    CommissionedTraining,
    DeliveryModel,
    ExternalIdentifier,
    Identifier,
    Organisation,
    OrganisationType,
    ResponsiblePerson,
    RrnMembership,
    Seniority,
    SpecialistModule,
    StaffMember,
    Unit,
    UseOfForcePolicy,
)
from rrnkit.model.values import add_months
from rrnkit.synth import _data
from rrnkit.synth._config import SynthConfig
from rrnkit.synth._draw import person_name, random_days
from rrnkit.synth._plans import CERTIFICATE_MONTHS, DAY, OrgPlan, Provider

__all__ = ["organisation_document", "provider_document"]


def organisation_document(
    rng: random.Random, org: OrgPlan, plan: ActionPlan, config: SynthConfig
) -> Organisation:
    """Return a care organisation's document from its plan and its action plan."""
    end = config.end
    reviewed = end - random_days(rng, 20, 300)
    identifiers = (
        (ExternalIdentifier(system="ods", value=f"X{org.code.upper()[:2]}{org.index % 10}"),)
        if org.nhs
        else (ExternalIdentifier(system="cqc-provider", value=f"1-EX{rng.randint(10**6, 10**7)}"),)
    )
    commissioned_from = config.training_start - random_days(rng, 7, 30)
    return Organisation(
        id=Identifier(org.id),
        name=org.name,
        organisation_type=OrganisationType.NHS_TRUST
        if org.nhs
        else OrganisationType.INDEPENDENT_HOSPITAL,
        identifiers=identifiers,
        settings=org.settings,
        populations=org.populations,
        units=tuple(
            Unit(
                id=Identifier(u.id),
                name=u.name,
                setting=u.kind.setting,
                beds=u.beds,
                is_mental_health_unit=True,
            )
            for u in org.units
        ),
        workforce=tuple(
            StaffMember(
                staff_id=Identifier(p.staff_id),
                name=p.name,
                job_title=p.title,
                staff_group=p.group,
                unit_id=Identifier(org.units[p.unit].id) if p.unit is not None else None,
                start_date=p.start,
                end_date=p.end,
            )
            for p in org.people
        ),
        responsible_person=ResponsiblePerson(
            name=person_name(rng),
            job_title="Chief Nurse and Executive Director of Quality"
            if org.nhs
            else "Hospital Director",
            appointed_on=min(dt.date(2022, 3, 31), config.training_start),
            employed_by_organisation=True,
            seniority=Seniority.BOARD,
        ),
        use_of_force_policy=UseOfForcePolicy(
            title="Use of Force and Restrictive Practice Reduction Policy (Mental Health Units "
            f"(Use of Force) Act 2018), version {rng.randint(2, 5)}",
            published_on=min(reviewed, config.training_start) - random_days(rng, 30, 400),
            consultation_held=True,
            last_reviewed_on=reviewed,
            next_review_due=add_months(reviewed, 12),
            sets_out_reduction_steps=True,
            unit_ids=tuple(Identifier(u.id) for u in org.units),
        ),
        rrn_membership=RrnMembership(
            joined_on=min(plan.period.start, config.training_start) - random_days(rng, 30, 300),
            action_plan_id=plan.id,
            action_plan_published=True,
        ),
        commissioned_training=tuple(
            CommissionedTraining(
                provider_id=Identifier(org.provider.id),
                course_id=course.id,
                delivery_model=DeliveryModel.PROVIDER_DELIVERED,
                start_date=commissioned_from,
            )
            for course in (org.provider.initial, org.provider.refresher)
        ),
    )


_SCOPE_SETTINGS = tuple(dict.fromkeys(kind.setting for kind in _data.UNIT_KINDS.values()))
_SCOPE_POPULATIONS = tuple(
    dict.fromkeys(p for kind in _data.UNIT_KINDS.values() for p in kind.populations)
)


def _certificate(provider: Provider, number: str, certified_on: dt.date) -> Certification:
    """Return a 3-year BILD ACT certificate of the provider from ``certified_on``."""
    return Certification(
        certificate_number=number,
        certifying_body="BILD ACT",
        certified_on=certified_on,
        expires_on=add_months(certified_on, CERTIFICATE_MONTHS) - DAY,
        accreditation=Accreditation(body=AccreditationBody.UKAS, standard="ISO/IEC 17065:2012"),
        scope=CertificationScope(
            settings=_SCOPE_SETTINGS,
            populations=_SCOPE_POPULATIONS,
            specialist_modules=(
                SpecialistModule.FLOOR_RESTRAINT,
                SpecialistModule.RESTRICTIVE_ESCORT,
                SpecialistModule.RAPID_TRANQUILLISATION_SUPPORT,
            ),
        ),
        affiliates=tuple(provider.affiliates),
    )


def _earlier_certificates(
    provider: Provider, serial: int, config: SynthConfig
) -> tuple[Certification, ...]:
    """Return the certificates before the current one, back to the training records' start.

    Each ran for three years and was renewed the day it ended, so every day of
    training is covered by exactly one certificate.
    """
    earlier: list[Certification] = []
    began = provider.certified_on
    while began > config.training_start:
        began = add_months(began, -CERTIFICATE_MONTHS)
        earlier.append(_certificate(provider, f"ACT-EXAMPLE-{began.year}-{serial:04d}", began))
    return tuple(earlier)


def provider_document(rng: random.Random, provider: Provider, config: SynthConfig) -> Organisation:
    """Return a certified provider's organisation document, with its certificates."""
    company = ExternalIdentifier(system="companies-house", value=f"EX{rng.randint(10**5, 10**6)}")
    serial = rng.randint(1, 9999)
    return Organisation(
        id=Identifier(provider.id),
        name=provider.name,
        organisation_type=OrganisationType.TRAINING_PROVIDER,
        identifiers=(company,),
        settings=_SCOPE_SETTINGS,
        populations=_SCOPE_POPULATIONS,
        certification=_certificate(
            provider,
            f"ACT-EXAMPLE-{provider.certified_on.year}-{serial:04d}",
            provider.certified_on,
        ),
        earlier_certifications=_earlier_certificates(provider, serial, config),
    )
