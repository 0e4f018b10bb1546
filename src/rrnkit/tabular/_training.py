"""The training table: one row per learner who completed a training event.

A learner completed an event when they attended all of it (``attended``), the
same test the rule packs use for training completions. The course's level
comes from the course document when it is among the documents given, so
training events and courses (reference documents, few) are held until the
input ends; incidents are never held.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rrnkit.model import (
    Attendance,
    CompetenceOutcome,
    Course,
    CourseLevel,
    DeliveryModel,
    Document,
    Learner,
    Setting,
    StaffGroup,
    TrainingEvent,
)
from rrnkit.tabular._column import Column, ColumnType, code_value, codes_of
from rrnkit.tabular._incidents import month
from rrnkit.tabular._table import Table, documents_of

S = ColumnType.STRING
CODE = ColumnType.CODE
DATE = ColumnType.DATE

_Subject = tuple[TrainingEvent, Learner, Course | None]


def _completions(documents: Iterable[Document]) -> Iterator[_Subject]:
    events: list[TrainingEvent] = []
    courses: dict[str, Course] = {}
    for document in documents_of(documents):
        if isinstance(document, TrainingEvent):
            events.append(document)
        elif isinstance(document, Course):
            courses.setdefault(document.id, document)  # the first of a repeated id is used
    for event in events:
        course = courses.get(event.course_id)
        for learner in event.learners:
            if learner.attendance is Attendance.ATTENDED:
                yield event, learner, course


def _columns() -> tuple[Column, ...]:
    return (
        Column(name="event_id", type=S, nullable=False, sources=("/id",),
               description="The training event's id.", value=lambda t: t[0].id),
        Column(name="course_id", type=S, nullable=False, sources=("/course_id",),
               description="The course delivered.", value=lambda t: t[0].course_id),
        Column(name="course_version", type=S, nullable=False, sources=("/course_version",),
               description="The curriculum version delivered.",
               value=lambda t: t[0].course_version),
        Column(name="course_level", type=CODE, codes=codes_of(CourseLevel),
               sources=("course:/level",),
               description="The course's level; missing when the course document is not "
               "among the documents given.",
               value=lambda t: None if t[2] is None else t[2].level.value),
        Column(name="provider_id", type=S, nullable=False, sources=("/provider_id",),
               description="The certified provider whose course it is.",
               value=lambda t: t[0].provider_id),
        Column(name="commissioning_organisation_id", type=S, nullable=False,
               sources=("/commissioning_organisation_id",),
               description="The organisation whose staff were trained.",
               value=lambda t: t[0].commissioning_organisation_id),
        Column(name="delivery_model", type=CODE, codes=codes_of(DeliveryModel),
               nullable=False, sources=("/delivery_model",), description="Who delivered it.",
               value=lambda t: code_value(t[0].delivery_model)),
        Column(name="setting", type=CODE, codes=codes_of(Setting), nullable=False,
               sources=("/setting",),
               description="The setting the training was tailored to.",
               value=lambda t: code_value(t[0].setting)),
        Column(name="start_date", type=DATE, nullable=False, sources=("/start_date",),
               description="First day of delivery.", value=lambda t: t[0].start_date),
        Column(name="end_date", type=DATE, nullable=False, sources=("/end_date",),
               description="Last day of delivery: the day the training was completed.",
               value=lambda t: t[0].end_date),
        Column(name="month", type=S, derived=True, nullable=False, sources=("/end_date",),
               description="Month of completion (of the end date), YYYY-MM.",
               value=lambda t: month(t[0].end_date)),
        Column(name="trainer_ids", type=S, derived=True, nullable=False,
               sources=("/trainer_ids",),
               description="The trainers who delivered it, as listed, separated by spaces "
               "(identifiers never hold a space).", value=lambda t: " ".join(t[0].trainer_ids)),
        Column(name="trainer_count", type=ColumnType.INTEGER, derived=True, nullable=False,
               sources=("/trainer_ids",), description="Number of trainers who delivered it.",
               value=lambda t: len(t[0].trainer_ids)),
        Column(name="staff_id", type=S, nullable=False, sources=("/learners/*/staff_id",),
               description="The learner's pseudonymous staff identifier.",
               value=lambda t: t[1].staff_id),
        Column(name="organisation_id", type=S, nullable=False,
               sources=("/learners/*/organisation_id",),
               description="The learner's employing organisation.",
               value=lambda t: t[1].organisation_id),
        Column(name="staff_group", type=CODE, codes=codes_of(StaffGroup), nullable=False,
               sources=("/learners/*/staff_group",), description="The learner's staff group.",
               value=lambda t: code_value(t[1].staff_group)),
        Column(name="competence", type=CODE, codes=codes_of(CompetenceOutcome),
               nullable=False, sources=("/learners/*/competence",),
               description="Outcome of the learner's competence assessment.",
               value=lambda t: code_value(t[1].competence)),
    )  # fmt: skip


TRAINING = Table(
    name="training",
    description="Training completions: who completed which course delivery, and when.",
    row="One learner who attended all of one training event (events inside bundles included).",
    source="training-event",
    columns=_columns(),
    subjects=_completions,
)
