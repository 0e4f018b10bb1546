"""Trainers: who may deliver restrictive-intervention training, and on what authority."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from rrnkit.model._document import DocumentBase
from rrnkit.model._meta import constrained, doc
from rrnkit.model.codes import LifeSupportLevel, QualificationField, TrainerType
from rrnkit.model.values import Identifier, not_before, valid_identifier


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Qualification:
    """A professional or vocational qualification."""

    title: str = attrs.field(metadata=doc("Title of the qualification.", minLength=1))
    field: QualificationField = attrs.field(metadata=doc("Health, social care, education, ..."))
    awarded_on: dt.date | None = attrs.field(default=None, metadata=doc("Date awarded."))


@attrs.frozen(kw_only=True, field_transformer=constrained)
class LifeSupportCertificate:
    """A first aid or life support certificate with its expiry."""

    level: LifeSupportLevel = attrs.field(
        metadata=doc("First aid, basic or immediate life support.")
    )
    issued_on: dt.date = attrs.field(metadata=doc("Date issued."))
    expires_on: dt.date = attrs.field(
        validator=not_before("issued_on"), metadata=doc("Last day the certificate is valid.")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class CareExperience:
    """Continuous care or support experience, measured on a stated date."""

    months: int = attrs.field(
        metadata=doc("Months of continuous care or support experience.", minimum=0)
    )
    as_at: dt.date = attrs.field(metadata=doc("Date the months were counted to."))


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Authorisation:
    """Authority to deliver one course for a period, given by a certified provider."""

    course_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The course the trainer may deliver.")
    )
    valid_from: dt.date = attrs.field(metadata=doc("First day of the authorisation."))
    valid_until: dt.date = attrs.field(
        validator=not_before("valid_from"), metadata=doc("Last day of the authorisation.")
    )
    authorised_by: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("Organisation id of the authorising provider.")
    )

    def in_date(self, day: dt.date) -> bool:
        """Tell whether the authorisation covers ``day``."""
        return self.valid_from <= day <= self.valid_until


@attrs.frozen(kw_only=True, field_transformer=constrained)
class CpdEntry:
    """One continuing professional development activity."""

    completed_on: dt.date = attrs.field(metadata=doc("Date completed."))
    activity: str = attrs.field(metadata=doc("What the activity was.", minLength=1))
    hours: float = attrs.field(metadata=doc("Hours spent.", minimum=0, maximum=1000))


@attrs.frozen(kw_only=True, field_transformer=constrained)
class TrainerUpdate:
    """A trainer update from the certified provider (RRN TS section 4)."""

    completed_on: dt.date = attrs.field(metadata=doc("Date completed."))
    provider_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("Provider that ran the update.")
    )
    course_id: Identifier | None = attrs.field(
        default=None, validator=valid_identifier, metadata=doc("Course the update was about.")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Trainer(DocumentBase):
    """A trainer of restrictive-intervention training, with their competence evidence."""

    kind: Literal["trainer"] = attrs.field(
        default="trainer", metadata=doc("Document kind: always 'trainer'.")
    )
    name: str | None = attrs.field(
        default=None, metadata=doc("Full name.", sensitive=True, minLength=1, maxLength=200)
    )
    trainer_type: TrainerType = attrs.field(
        metadata=doc("Senior trainers deliver across organisations; associates only in their own.")
    )
    employing_organisation_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The organisation that employs the trainer.")
    )
    staff_id: Identifier | None = attrs.field(
        default=None,
        validator=valid_identifier,
        metadata=doc(
            "The trainer's staff id in the employing organisation's workforce, when on it "
            "(so an associate trainer's own training links to them)."
        ),
    )
    certifying_organisation_id: Identifier = attrs.field(
        validator=valid_identifier,
        metadata=doc("The certified training provider the trainer is certified through."),
    )
    qualifications: tuple[Qualification, ...] = attrs.field(
        default=(), metadata=doc("Professional or vocational qualifications.")
    )
    life_support: tuple[LifeSupportCertificate, ...] = attrs.field(
        default=(), metadata=doc("First aid and life support certificates.")
    )
    care_experience: CareExperience | None = attrs.field(
        default=None, metadata=doc("Continuous care or support experience.")
    )
    authorisations: tuple[Authorisation, ...] = attrs.field(
        default=(), metadata=doc("Authorisations to deliver courses.")
    )
    cpd: tuple[CpdEntry, ...] = attrs.field(
        default=(), metadata=doc("Continuing professional development record.")
    )
    updates: tuple[TrainerUpdate, ...] = attrs.field(
        default=(), metadata=doc("Trainer updates from the certified provider.")
    )
