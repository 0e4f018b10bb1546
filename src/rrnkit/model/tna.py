"""The training needs analysis that restrictive-intervention training must be built on."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from rrnkit.model._document import DocumentBase
from rrnkit.model._meta import constrained, doc
from rrnkit.model.codes import (
    ContactFrequency,
    ContentArea,
    RiskFactorLevel,
    Setting,
    SpecialistModule,
    StaffGroup,
    TechniqueCategory,
)
from rrnkit.model.values import Identifier, Period, valid_identifier


@attrs.frozen(kw_only=True, field_transformer=constrained)
class RoleHolder:
    """A person named for a role (author, authoriser) in the commissioning organisation."""

    staff_id: Identifier | None = attrs.field(
        default=None,
        validator=valid_identifier,
        metadata=doc("Staff identifier, if on the workforce."),
    )
    name: str | None = attrs.field(
        default=None, metadata=doc("Full name.", sensitive=True, minLength=1, maxLength=200)
    )
    job_title: str = attrs.field(metadata=doc("Job title.", minLength=1, maxLength=200))
    organisation_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The organisation the person acts for.")
    )
    restrictive_practice_lead: bool = attrs.field(
        default=False,
        metadata=doc(
            "Whether the person is responsible for restrictive-practice governance or "
            "reduction in that organisation (RRN TS 1.1.1)."
        ),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class StaffGroupNeed:
    """One staff group the TNA considers, and how often it meets distress."""

    staff_group: StaffGroup = attrs.field(metadata=doc("The staff group."))
    headcount: int = attrs.field(metadata=doc("Number of staff in it.", minimum=0))
    contact: ContactFrequency = attrs.field(
        metadata=doc("How often the group meets distressed people or challenging situations.")
    )
    content_areas: tuple[ContentArea, ...] = attrs.field(
        default=(), metadata=doc("Content areas this group needs.")
    )
    restrictive_techniques: tuple[TechniqueCategory, ...] = attrs.field(
        default=(),
        metadata=doc("Restrictive technique categories the analysis shows this group needs."),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class RiskFactor:
    """An elevated risk the curriculum must account for (RRN TS 1.1.4), anonymised."""

    level: RiskFactorLevel = attrs.field(metadata=doc("Population, service or individual level."))
    description: str = attrs.field(
        metadata=doc("Anonymised description of the risk.", sensitive=True, minLength=1)
    )
    anonymised: bool = attrs.field(
        metadata=doc("Whether the description is confirmed free of personal data (RRN TS 1.1.2).")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class IncidentDataReview:
    """The incident data the analysis drew on (RRN TS 1.1.1: the last two years)."""

    period: Period = attrs.field(metadata=doc("The dates the incident data covers."))
    incident_count: int | None = attrs.field(
        default=None, metadata=doc("Number of incidents reviewed.", minimum=0)
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class LifeSupportProvision:
    """The commissioning organisation's immediate life support training (RRN TS 1.1.3)."""

    in_place: bool = attrs.field(metadata=doc("Whether suitable training is in place."))
    guideline: str | None = attrs.field(
        default=None,
        metadata=doc("Guideline followed, e.g. 'Resuscitation Council UK'.", minLength=1),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class TrainingNeedsAnalysis(DocumentBase):
    """A training needs analysis: the case for what restrictive-intervention training is needed."""

    kind: Literal["training-needs-analysis"] = attrs.field(
        default="training-needs-analysis",
        metadata=doc("Document kind: always 'training-needs-analysis'."),
    )
    commissioning_organisation_id: Identifier = attrs.field(
        validator=valid_identifier,
        metadata=doc("The organisation whose staff the analysis covers."),
    )
    provider_id: Identifier | None = attrs.field(
        default=None,
        validator=valid_identifier,
        metadata=doc("The training provider the analysis is for."),
    )
    author: RoleHolder = attrs.field(metadata=doc("Who wrote the analysis."))
    authoriser: RoleHolder | None = attrs.field(
        default=None,
        metadata=doc("Who authorised it; absent while unauthorised (RRN TS 1.1.1)."),
    )
    completed_on: dt.date = attrs.field(metadata=doc("Date the analysis was completed."))
    authorised_on: dt.date | None = attrs.field(
        default=None, metadata=doc("Date the analysis was authorised.")
    )
    last_reviewed_on: dt.date | None = attrs.field(
        default=None, metadata=doc("Date the analysis was last reviewed, if since completion.")
    )
    review_due: dt.date | None = attrs.field(
        default=None, metadata=doc("Date the analysis is next due for review.")
    )
    incident_data: IncidentDataReview | None = attrs.field(
        default=None, metadata=doc("Incident data used; absent when none was used.")
    )
    settings: tuple[Setting, ...] = attrs.field(
        default=(), metadata=doc("Settings where the staff work.")
    )
    staff_groups: tuple[StaffGroupNeed, ...] = attrs.field(
        default=(), metadata=doc("Every staff group considered, with headcount and contact.")
    )
    risk_factors: tuple[RiskFactor, ...] = attrs.field(
        default=(), metadata=doc("Population, service and individual risks, anonymised.")
    )
    risk_levels_considered: tuple[RiskFactorLevel, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Levels at which the analysis looked for elevated risks, including those where "
            "it found none (RRN TS 1.1.4); a level with a risk factor counts as considered."
        ),
    )
    required_content_areas: tuple[ContentArea, ...] = attrs.field(
        default=(), metadata=doc("Content areas the training must cover.")
    )
    required_specialist_modules: tuple[SpecialistModule, ...] = attrs.field(
        default=(), metadata=doc("Specialist modules the analysis shows are needed.")
    )
    life_support: LifeSupportProvision | None = attrs.field(
        default=None, metadata=doc("Immediate life support provision (RRN TS 1.1.3).")
    )
    data_anonymised: bool | None = attrs.field(
        default=None, metadata=doc("Whether data about individuals was anonymised (RRN TS 1.1.2).")
    )
    sent_to_provider_on: dt.date | None = attrs.field(
        default=None,
        metadata=doc("Date the analysis (or its anonymised summary) reached the provider (1.1.5)."),
    )
