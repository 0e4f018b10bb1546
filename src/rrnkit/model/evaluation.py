"""Evaluations of training events, and the actions they lead to."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from rrnkit.model._document import DocumentBase
from rrnkit.model._meta import constrained, doc
from rrnkit.model.codes import ActionStatus, EvaluationLevel, EvaluationMethod
from rrnkit.model.values import Identifier, valid_identifier


@attrs.frozen(kw_only=True, field_transformer=constrained)
class EvaluationResult:
    """One measured result of an evaluation."""

    measure: str = attrs.field(metadata=doc("What was measured.", minLength=1, maxLength=300))
    value: float = attrs.field(metadata=doc("The measured value."))
    unit: str | None = attrs.field(
        default=None, metadata=doc("Unit or scale, e.g. 'percent', '1-5'.", maxLength=40)
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class FollowUpAction:
    """An action arising from an evaluation."""

    description: str = attrs.field(metadata=doc("What is to be done.", minLength=1))
    owner: str = attrs.field(metadata=doc("Role responsible for it.", minLength=1))
    due_on: dt.date | None = attrs.field(default=None, metadata=doc("Date it is due."))
    status: ActionStatus = attrs.field(metadata=doc("Where it stands."))


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Evaluation(DocumentBase):
    """An evaluation of a training event (RRN Training Standards section 3)."""

    kind: Literal["evaluation"] = attrs.field(
        default="evaluation", metadata=doc("Document kind: always 'evaluation'.")
    )
    training_event_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The training event evaluated.")
    )
    completed_on: dt.date = attrs.field(metadata=doc("Date the evaluation was completed."))
    methods: tuple[EvaluationMethod, ...] = attrs.field(metadata=doc("Methods used.", minItems=1))
    level: EvaluationLevel = attrs.field(metadata=doc("Highest Kirkpatrick level reached."))
    respondents: int | None = attrs.field(
        default=None, metadata=doc("Number of respondents.", minimum=0)
    )
    results: tuple[EvaluationResult, ...] = attrs.field(default=(), metadata=doc("Results."))
    actions: tuple[FollowUpAction, ...] = attrs.field(
        default=(), metadata=doc("Actions arising from it.")
    )
