"""The document kinds, looked up by their ``kind`` string."""

from __future__ import annotations

from typing import Union

from rrnkit.model.action_plan import ActionPlan
from rrnkit.model.bundle import Bundle, Record
from rrnkit.model.course import Course
from rrnkit.model.evaluation import Evaluation
from rrnkit.model.incident import Incident
from rrnkit.model.organisation import Organisation
from rrnkit.model.tna import TrainingNeedsAnalysis
from rrnkit.model.trainer import Trainer
from rrnkit.model.training_event import TrainingEvent

Document = Union[Record, Bundle]  # noqa: UP007
"""Any top-level document."""

DOCUMENT_TYPES: dict[str, type[Document]] = {
    "organisation": Organisation,
    "training-needs-analysis": TrainingNeedsAnalysis,
    "trainer": Trainer,
    "course": Course,
    "training-event": TrainingEvent,
    "evaluation": Evaluation,
    "incident": Incident,
    "action-plan": ActionPlan,
    "bundle": Bundle,
}
"""Every document kind, by its ``kind`` value, in a stable order."""

KINDS: tuple[str, ...] = tuple(DOCUMENT_TYPES)
"""The ``kind`` values rrnkit knows."""


def kind_of(document: Document) -> str:
    """Return a document's ``kind`` string."""
    return document.kind
