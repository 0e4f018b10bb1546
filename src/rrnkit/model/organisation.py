"""The organisation: who it is, its units and workforce, its duties and its training."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from rrnkit.model._document import DocumentBase
from rrnkit.model._meta import constrained, doc
from rrnkit.model.codes import (
    AccreditationBody,
    DeliveryModel,
    OrganisationType,
    Population,
    Seniority,
    Setting,
    SpecialistModule,
    StaffGroup,
)
from rrnkit.model.values import (
    ExternalIdentifier,
    Identifier,
    each,
    not_before,
    valid_identifier,
)


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Unit:
    """A ward or service of the organisation, where incidents happen and staff work."""

    id: Identifier = attrs.field(
        validator=valid_identifier,
        metadata=doc("Identifier of the unit, unique in the organisation."),
    )
    name: str = attrs.field(metadata=doc("The unit's name.", minLength=1, maxLength=200))
    setting: Setting = attrs.field(metadata=doc("The kind of service the unit provides."))
    beds: int | None = attrs.field(
        default=None,
        metadata=doc(
            "Number of beds, for inpatient units (rates per occupied bed day use it).", minimum=0
        ),
    )
    is_mental_health_unit: bool = attrs.field(
        default=False,
        metadata=doc(
            "Whether the unit is a mental health unit within the meaning of the "
            "Mental Health Units (Use of Force) Act 2018 s.1."
        ),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class PriorTraining:
    """Earlier training judged under Use of Force Act s.5(4): recent enough and equivalent."""

    completed_on: dt.date = attrs.field(metadata=doc("Date the earlier training ended."))
    judged_by: Identifier = attrs.field(
        validator=valid_identifier,
        metadata=doc("Staff id of who judged it (the responsible person or their delegate)."),
    )
    judged_on: dt.date = attrs.field(metadata=doc("Date of the judgement."))
    sufficiently_recent: bool = attrs.field(
        metadata=doc("Whether it was judged given sufficiently recently (s.5(4)(a)).")
    )
    equivalent_standard: bool = attrs.field(
        metadata=doc("Whether it was judged of an equivalent standard (s.5(4)(b)).")
    )

    @property
    def counts(self) -> bool:
        """Whether the judgement lets the earlier training stand for s.5 training."""
        return self.sufficiently_recent and self.equivalent_standard


@attrs.frozen(kw_only=True, field_transformer=constrained)
class StaffMember:
    """A member of the workforce, linking training records and incident records."""

    staff_id: Identifier = attrs.field(
        validator=valid_identifier,
        metadata=doc("Pseudonymous staff identifier used across training and incident records."),
    )
    name: str | None = attrs.field(
        default=None, metadata=doc("Full name.", sensitive=True, minLength=1, maxLength=200)
    )
    job_title: str = attrs.field(metadata=doc("Job title.", minLength=1, maxLength=200))
    staff_group: StaffGroup = attrs.field(metadata=doc("Staff group, as the TNA counts them."))
    unit_id: Identifier | None = attrs.field(
        default=None,
        validator=valid_identifier,
        metadata=doc("The unit the person mainly works in."),
    )
    start_date: dt.date = attrs.field(metadata=doc("First day in post."))
    end_date: dt.date | None = attrs.field(
        default=None,
        validator=not_before("start_date"),
        metadata=doc("Last day in post, when the person has left."),
    )

    prior_training: PriorTraining | None = attrs.field(
        default=None,
        metadata=doc(
            "Training before the person joined (or before s.5 came into force) that the "
            "responsible person judged under Use of Force Act s.5(4)."
        ),
    )

    def in_post(self, day: dt.date) -> bool:
        """Tell whether the person had started and not yet left on ``day``."""
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


@attrs.frozen(kw_only=True, field_transformer=constrained)
class ResponsiblePerson:
    """The organisation's responsible person for the use of force (Use of Force Act s.2)."""

    staff_id: Identifier | None = attrs.field(
        default=None,
        validator=valid_identifier,
        metadata=doc("Staff identifier, if on the workforce."),
    )
    name: str | None = attrs.field(
        default=None, metadata=doc("Full name.", sensitive=True, minLength=1, maxLength=200)
    )
    job_title: str = attrs.field(
        metadata=doc("Job title; s.2 requires a person of appropriate seniority.", minLength=1)
    )
    appointed_on: dt.date | None = attrs.field(
        default=None, metadata=doc("Date the person was appointed to the role.")
    )
    employed_by_organisation: bool | None = attrs.field(
        default=None, metadata=doc("Whether the person is employed by the organisation (s.2(2)).")
    )
    seniority: Seniority | None = attrs.field(
        default=None, metadata=doc("How senior the person's post is (s.2(2) 'appropriate level').")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class UseOfForcePolicy:
    """The organisation's published policy on the use of force (Use of Force Act s.3)."""

    title: str = attrs.field(metadata=doc("Title of the policy.", minLength=1, maxLength=300))
    published_on: dt.date | None = attrs.field(
        default=None, metadata=doc("Date the policy was published; absent while unpublished.")
    )
    consultation_held: bool | None = attrs.field(
        default=None,
        metadata=doc(
            "Whether the organisation consulted on the policy before publishing (s.3(3))."
        ),
    )
    last_reviewed_on: dt.date | None = attrs.field(
        default=None, metadata=doc("Date of the latest review (s.3(4): kept under review).")
    )
    next_review_due: dt.date | None = attrs.field(
        default=None, metadata=doc("Date the next review is due.")
    )
    sets_out_reduction_steps: bool | None = attrs.field(
        default=None,
        metadata=doc("Whether the policy sets out the steps taken to reduce the use of force."),
    )
    unit_ids: tuple[Identifier, ...] = attrs.field(
        default=(),
        validator=each(valid_identifier),
        metadata=doc("The units the policy covers (s.3(2): one policy for all of them)."),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class RrnMembership:
    """RRN organisational membership: a commitment, never evidence of training quality."""

    joined_on: dt.date = attrs.field(metadata=doc("Date the organisation joined the RRN."))
    action_plan_id: Identifier | None = attrs.field(
        default=None,
        validator=valid_identifier,
        metadata=doc("The published restraint-reduction action plan's document id."),
    )
    action_plan_published: bool = attrs.field(
        default=False, metadata=doc("Whether the action plan is published on the RRN site.")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class CertificationScope:
    """What a BILD ACT certificate covers."""

    settings: tuple[Setting, ...] = attrs.field(
        default=(), metadata=doc("Settings the certified training may be delivered in.")
    )
    populations: tuple[Population, ...] = attrs.field(
        default=(), metadata=doc("Populations the certified training covers.")
    )
    specialist_modules: tuple[SpecialistModule, ...] = attrs.field(
        default=(), metadata=doc("Specialist modules inside the scope.")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class AffiliateArrangement:
    """An approved affiliate: an organisation whose own trainers deliver certified training."""

    organisation_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The affiliate organisation's document id.")
    )
    name: str = attrs.field(metadata=doc("The affiliate organisation's name.", minLength=1))
    approved_on: dt.date = attrs.field(metadata=doc("Date the arrangement was approved."))
    ends_on: dt.date | None = attrs.field(
        default=None,
        validator=not_before("approved_on"),
        metadata=doc("Date the arrangement ends or ended, if any."),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Accreditation:
    """The accreditation of a certification body, as its accreditation certificate states."""

    body: AccreditationBody = attrs.field(metadata=doc("The national accreditation body."))
    standard: str = attrs.field(
        metadata=doc(
            "The standard accredited against, e.g. 'ISO/IEC 17065:2012'.",
            minLength=1,
            maxLength=100,
        )
    )
    accreditation_number: str | None = attrs.field(
        default=None, metadata=doc("The accreditation number.", minLength=1, maxLength=100)
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Certification:
    """A training service's certification against the RRN Training Standards."""

    certificate_number: str = attrs.field(
        metadata=doc("Certificate number on the certifying body's register.", minLength=1)
    )
    certifying_body: str = attrs.field(
        default="BILD ACT", metadata=doc("The UKAS-accredited body that issued it.", minLength=1)
    )
    certified_on: dt.date = attrs.field(metadata=doc("First day the certificate is valid."))
    expires_on: dt.date = attrs.field(
        validator=not_before("certified_on"),
        metadata=doc("Last day the certificate is valid (certificates last 3 years)."),
    )
    accreditation: Accreditation | None = attrs.field(
        default=None, metadata=doc("The certifying body's own accreditation.")
    )
    scope: CertificationScope = attrs.field(
        factory=CertificationScope, metadata=doc("Settings, populations and modules covered.")
    )
    affiliates: tuple[AffiliateArrangement, ...] = attrs.field(
        default=(), metadata=doc("Approved affiliate arrangements under this certificate.")
    )

    def in_date(self, day: dt.date) -> bool:
        """Tell whether the certificate is valid on ``day``."""
        return self.certified_on <= day <= self.expires_on


@attrs.frozen(kw_only=True, field_transformer=constrained)
class CommissionedTraining:
    """Training the organisation buys, and how it is delivered."""

    provider_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The training provider's organisation id.")
    )
    course_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The course's document id.")
    )
    delivery_model: DeliveryModel = attrs.field(
        metadata=doc("Who delivers it; only provider or approved-affiliate delivery is certified.")
    )
    start_date: dt.date = attrs.field(metadata=doc("Date the arrangement started."))
    end_date: dt.date | None = attrs.field(
        default=None,
        validator=not_before("start_date"),
        metadata=doc("Date the arrangement ended, if it has."),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Organisation(DocumentBase):
    """A care, education or training organisation and the evidence it holds about itself."""

    kind: Literal["organisation"] = attrs.field(
        default="organisation", metadata=doc("Document kind: always 'organisation'.")
    )
    name: str = attrs.field(metadata=doc("The organisation's name.", minLength=1, maxLength=300))
    organisation_type: OrganisationType = attrs.field(metadata=doc("What kind of organisation."))
    identifiers: tuple[ExternalIdentifier, ...] = attrs.field(
        default=(), metadata=doc("Identifiers outside registers give it (ODS, CQC, URN).")
    )
    settings: tuple[Setting, ...] = attrs.field(
        default=(), metadata=doc("Settings the organisation works in.")
    )
    populations: tuple[Population, ...] = attrs.field(
        default=(), metadata=doc("Populations the organisation supports.")
    )
    units: tuple[Unit, ...] = attrs.field(default=(), metadata=doc("Wards or services."))
    workforce: tuple[StaffMember, ...] = attrs.field(
        default=(), metadata=doc("Staff, linking training and incident records.")
    )
    responsible_person: ResponsiblePerson | None = attrs.field(
        default=None,
        metadata=doc("Responsible person for the use of force (Use of Force Act s.2)."),
    )
    use_of_force_policy: UseOfForcePolicy | None = attrs.field(
        default=None, metadata=doc("Policy on the use of force (Use of Force Act s.3).")
    )
    rrn_membership: RrnMembership | None = attrs.field(
        default=None, metadata=doc("RRN organisational membership, if a member.")
    )
    certification: Certification | None = attrs.field(
        default=None,
        metadata=doc("Certification of the organisation's training service, if it has one."),
    )
    earlier_certifications: tuple[Certification, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Earlier certificates of the same training service (a certificate lasts three "
            "years and is renewed), so training delivered under them can be judged."
        ),
    )
    commissioned_training: tuple[CommissionedTraining, ...] = attrs.field(
        default=(), metadata=doc("Restrictive-intervention training the organisation commissions.")
    )
    use_of_force_course_ids: tuple[Identifier, ...] = attrs.field(
        default=(),
        validator=each(valid_identifier),
        metadata=doc(
            "The courses that together make up the training the organisation provides under "
            "Use of Force Act s.5 (default: every course it commissions)."
        ),
    )

    def certificate_on(self, day: dt.date) -> Certification | None:
        """Return the certificate valid on ``day``: the current one first, then earlier ones."""
        for certification in (self.certification, *self.earlier_certifications):
            if certification is not None and certification.in_date(day):
                return certification
        return None

    def staff(self, staff_id: str) -> StaffMember | None:
        """Return the workforce member with ``staff_id``, if any."""
        for member in self.workforce:
            if member.staff_id == staff_id:
                return member
        return None
