"""Restraint-reduction action plans (RRN membership; RRN TS 1.4.4)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from rrnkit.model._document import DocumentBase
from rrnkit.model._meta import constrained, doc
from rrnkit.model.codes import ActionStatus, CoreStrategy
from rrnkit.model.values import Identifier, Period, not_before, valid_identifier


@attrs.frozen(kw_only=True, field_transformer=constrained)
class PlanAction:
    """An action with an owner and a due date."""

    id: Identifier = attrs.field(validator=valid_identifier, metadata=doc("Action identifier."))
    description: str = attrs.field(metadata=doc("What will be done.", minLength=1))
    owner: str | None = attrs.field(
        default=None, metadata=doc("Role that owns the action.", minLength=1, maxLength=200)
    )
    due_on: dt.date | None = attrs.field(default=None, metadata=doc("Date it is due."))
    status: ActionStatus = attrs.field(metadata=doc("Where it stands."))
    completed_on: dt.date | None = attrs.field(default=None, metadata=doc("Date completed."))


@attrs.frozen(kw_only=True, field_transformer=constrained)
class MeasurableOutcome:
    """An outcome with a baseline and a target, so progress can be measured."""

    measure: str = attrs.field(
        metadata=doc("What is measured, e.g. 'prone restraints per month'.", minLength=1)
    )
    unit: str | None = attrs.field(default=None, metadata=doc("Unit of the measure.", minLength=1))
    baseline: float | None = attrs.field(default=None, metadata=doc("Value at the start."))
    baseline_on: dt.date | None = attrs.field(default=None, metadata=doc("Date of the baseline."))
    target: float | None = attrs.field(default=None, metadata=doc("Value aimed for."))
    target_on: dt.date | None = attrs.field(
        default=None,
        validator=not_before("baseline_on"),
        metadata=doc("Date the target should be met by."),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Priority:
    """A restraint-reduction priority, mapped to the Six Core Strategies."""

    id: Identifier = attrs.field(validator=valid_identifier, metadata=doc("Priority identifier."))
    title: str = attrs.field(metadata=doc("The priority.", minLength=1, maxLength=300))
    strategies: tuple[CoreStrategy, ...] = attrs.field(
        default=(), metadata=doc("Which of the Six Core Strategies it serves.")
    )
    actions: tuple[PlanAction, ...] = attrs.field(default=(), metadata=doc("Its actions."))
    outcomes: tuple[MeasurableOutcome, ...] = attrs.field(
        default=(), metadata=doc("Its measurable outcomes.")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class PlanReview:
    """A review of progress against the plan."""

    reviewed_on: dt.date = attrs.field(metadata=doc("Date of the review."))
    reviewed_by: str = attrs.field(metadata=doc("Role or group that reviewed it.", minLength=1))


@attrs.frozen(kw_only=True, field_transformer=constrained)
class ActionPlan(DocumentBase):
    """A restraint-reduction action plan with priorities, actions, outcomes and reviews."""

    kind: Literal["action-plan"] = attrs.field(
        default="action-plan", metadata=doc("Document kind: always 'action-plan'.")
    )
    organisation_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The organisation whose plan it is.")
    )
    title: str = attrs.field(metadata=doc("Title of the plan.", minLength=1, maxLength=300))
    period: Period = attrs.field(metadata=doc("The period the plan commits to (2 years for RRN)."))
    published_on: dt.date | None = attrs.field(default=None, metadata=doc("Date published."))
    priorities: tuple[Priority, ...] = attrs.field(default=(), metadata=doc("Its priorities."))
    reviews: tuple[PlanReview, ...] = attrs.field(default=(), metadata=doc("Progress reviews."))
