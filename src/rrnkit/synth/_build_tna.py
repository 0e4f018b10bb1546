"""Building each organisation's training needs analysis from its plan."""

from __future__ import annotations

import datetime as dt
import random

from rrnkit.model import (
    ContactFrequency,
    ContentArea,
    Identifier,
    IncidentDataReview,
    LifeSupportProvision,
    Period,
    RiskFactor,
    RiskFactorLevel,
    RoleHolder,
    SpecialistModule,
    StaffGroup,
    StaffGroupNeed,
    TechniqueCategory,
    TrainingNeedsAnalysis,
)
from rrnkit.model.values import add_months
from rrnkit.synth._config import SynthConfig
from rrnkit.synth._draw import person_name, random_days
from rrnkit.synth._plans import DAY, OrgPlan, Person

__all__ = ["training_needs_analysis"]

_ALL_AREAS = tuple(ContentArea)
_TECHNIQUES = (
    TechniqueCategory.DISENGAGEMENT,
    TechniqueCategory.GUIDING_OR_ESCORT,
    TechniqueCategory.STANDING_HOLD,
    TechniqueCategory.SEATED_HOLD,
    TechniqueCategory.FLOOR_SUPINE,
)
_CONTACT = {
    StaffGroup.REGISTERED_NURSE: ContactFrequency.FREQUENT,
    StaffGroup.HEALTHCARE_SUPPORT_WORKER: ContactFrequency.FREQUENT,
    StaffGroup.ADMINISTRATIVE: ContactFrequency.RARE,
}
_RISKS = (
    (RiskFactorLevel.POPULATION, "Most inpatients have histories of trauma, and many have "
     "experienced restraint or police detention before admission; force risks "
     "re-traumatisation."),
    (RiskFactorLevel.POPULATION, "Black patients are restrained more often than others in "
     "national data; the analysis asks for bias-aware de-escalation practice."),
    (RiskFactorLevel.SERVICE, "The PICU receives out-of-hours transfers at short notice; rapid "
     "tranquillisation and floor holds cluster in the first 72 hours after admission."),
    (RiskFactorLevel.SERVICE, "Long bedroom corridors with poor sight lines mean incidents "
     "often start out of sight of staff."),
    (RiskFactorLevel.INDIVIDUAL, "A small number of patients each year have a raised body "
     "mass index, cardiac or respiratory conditions, so positional asphyxia and physical "
     "health monitoring need emphasis."),
    (RiskFactorLevel.INDIVIDUAL, "A few patients account for most restraints; their positive "
     "behaviour support plans need to be known by every member of staff."),
)  # fmt: skip


def _holder(org: OrgPlan, title: str, day: dt.date) -> Person | None:
    """Return who held the job ``title`` on ``day``, if anyone."""
    for person in org.people:
        if person.title == title and person.in_post(day):
            return person
    return None


def training_needs_analysis(
    rng: random.Random, org: OrgPlan, config: SynthConfig, incidents_per_year: float
) -> TrainingNeedsAnalysis:
    """Return the organisation's TNA, completed shortly before training starts."""
    completed = config.training_start - random_days(rng, 40, 70)
    authorised = completed + random_days(rng, 2, 6)
    author = _holder(org, "Clinical Nurse Specialist, Restrictive Practice Reduction", completed)
    lead = _holder(org, "Head of Restrictive Practice Reduction", completed)
    data_end = completed - random_days(rng, 1, 25)
    groups: dict[StaffGroup, int] = {}
    for person in org.people:
        groups[person.group] = groups.get(person.group, 0) + person.in_post(completed)
    needs = []
    for group in StaffGroup:
        if group not in groups:
            continue
        contact = _CONTACT.get(group, ContactFrequency.OCCASIONAL)
        admin = group is StaffGroup.ADMINISTRATIVE
        needs.append(
            StaffGroupNeed(
                staff_group=group,
                headcount=groups[group],
                contact=contact,
                content_areas=_ALL_AREAS[:4] if admin else _ALL_AREAS,
                restrictive_techniques=_TECHNIQUES[:1] if admin else _TECHNIQUES,
            )
        )
    reviews = []
    day = add_months(completed, 12)
    while day <= config.end:
        reviews.append(day)
        day = add_months(day, 12)
    last_review = reviews[-1] if reviews else None
    return TrainingNeedsAnalysis(
        id=Identifier(f"tna-{org.code}-{completed.year}"),
        commissioning_organisation_id=Identifier(org.id),
        provider_id=Identifier(org.provider.id),
        author=RoleHolder(
            staff_id=Identifier(author.staff_id) if author else None,
            name=author.name if author else person_name(rng),
            job_title="Clinical Nurse Specialist, Restrictive Practice Reduction",
            organisation_id=Identifier(org.id),
        ),
        authoriser=RoleHolder(
            staff_id=Identifier(lead.staff_id) if lead else None,
            name=lead.name if lead else person_name(rng),
            job_title="Head of Restrictive Practice Reduction and Positive Behaviour Support",
            organisation_id=Identifier(org.id),
            restrictive_practice_lead=True,
        ),
        completed_on=completed,
        authorised_on=authorised,
        last_reviewed_on=last_review,
        review_due=add_months(last_review or completed, 12),
        incident_data=IncidentDataReview(
            period=Period(start=add_months(data_end, -24) + DAY, end=data_end),
            incident_count=round(incidents_per_year * 2 * rng.uniform(1.05, 1.3)),
        ),
        settings=org.settings,
        staff_groups=tuple(needs),
        risk_factors=tuple(
            RiskFactor(level=level, description=text, anonymised=True)
            for level, text in rng.sample(_RISKS, 4)
        ),
        risk_levels_considered=tuple(RiskFactorLevel),
        required_content_areas=_ALL_AREAS,
        required_specialist_modules=(SpecialistModule.FLOOR_RESTRAINT,),
        life_support=LifeSupportProvision(in_place=True, guideline="Resuscitation Council UK"),
        data_anonymised=True,
        sent_to_provider_on=authorised + random_days(rng, 1, 7),
    )
