"""Training events: one delivery of a course, who taught it and who learnt."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from rrnkit.model._document import DocumentBase
from rrnkit.model._meta import constrained, doc
from rrnkit.model.codes import (
    Attendance,
    CompetenceOutcome,
    DeliveryModel,
    Population,
    Setting,
    SpecialistModule,
    StaffGroup,
)
from rrnkit.model.values import Identifier, each, not_before, valid_identifier


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Learner:
    """One learner's attendance and competence outcome."""

    staff_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("Pseudonymous staff identifier.")
    )
    organisation_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The learner's employing organisation.")
    )
    staff_group: StaffGroup = attrs.field(metadata=doc("The learner's staff group."))
    attendance: Attendance = attrs.field(metadata=doc("Whether they attended all of it."))
    competence: CompetenceOutcome = attrs.field(metadata=doc("Outcome of competence assessment."))


@attrs.frozen(kw_only=True, field_transformer=constrained)
class TrainingEvent(DocumentBase):
    """One delivery of a course."""

    kind: Literal["training-event"] = attrs.field(
        default="training-event", metadata=doc("Document kind: always 'training-event'.")
    )
    course_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The course delivered.")
    )
    course_version: str = attrs.field(
        metadata=doc("The curriculum version delivered.", minLength=1, maxLength=40)
    )
    provider_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The certified provider whose course it is.")
    )
    commissioning_organisation_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The organisation whose staff were trained.")
    )
    delivery_model: DeliveryModel = attrs.field(metadata=doc("Who delivered it."))
    start_date: dt.date = attrs.field(metadata=doc("First day of delivery."))
    end_date: dt.date = attrs.field(
        validator=not_before("start_date"), metadata=doc("Last day of delivery.")
    )
    setting: Setting = attrs.field(metadata=doc("The setting the training was tailored to."))
    populations: tuple[Population, ...] = attrs.field(
        default=(), metadata=doc("Populations the training was tailored to.")
    )
    specialist_modules: tuple[SpecialistModule, ...] = attrs.field(
        default=(), metadata=doc("Specialist modules delivered.")
    )
    location: str | None = attrs.field(
        default=None, metadata=doc("Where it was delivered.", minLength=1, maxLength=300)
    )
    trainer_ids: tuple[Identifier, ...] = attrs.field(
        validator=each(valid_identifier), metadata=doc("Trainers who delivered it.", minItems=1)
    )
    learners: tuple[Learner, ...] = attrs.field(default=(), metadata=doc("Learners."))
