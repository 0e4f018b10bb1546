"""Bundles: many documents for one organisation and period, as an auditor receives them."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Union

import attrs

from rrnkit.model._document import DocumentBase
from rrnkit.model._meta import constrained, doc
from rrnkit.model.action_plan import ActionPlan
from rrnkit.model.course import Course
from rrnkit.model.evaluation import Evaluation
from rrnkit.model.incident import Incident
from rrnkit.model.organisation import Organisation
from rrnkit.model.tna import TrainingNeedsAnalysis
from rrnkit.model.trainer import Trainer
from rrnkit.model.training_event import TrainingEvent
from rrnkit.model.values import Identifier, Period, aware, valid_identifier

# A Union (not ``|``) so the alias also evaluates on Python 3.10 at runtime.
Record = Union[  # noqa: UP007
    Organisation,
    TrainingNeedsAnalysis,
    Trainer,
    Course,
    TrainingEvent,
    Evaluation,
    Incident,
    ActionPlan,
]
"""Any document kind that may stand inside a bundle."""


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Bundle(DocumentBase):
    """Many documents of any kind for one organisation and period."""

    kind: Literal["bundle"] = attrs.field(
        default="bundle", metadata=doc("Document kind: always 'bundle'.")
    )
    organisation_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The organisation the bundle is about.")
    )
    period: Period | None = attrs.field(
        default=None, metadata=doc("The period the evidence covers.")
    )
    created_at: dt.datetime | None = attrs.field(
        default=None, validator=aware, metadata=doc("When the bundle was assembled.")
    )
    documents: tuple[Record, ...] = attrs.field(
        default=(), metadata=doc("The documents, each with its own kind.")
    )
