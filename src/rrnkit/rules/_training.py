"""Who attended which training, and when: one derived index every rule pack shares."""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Collection

import attrs

from rrnkit.model import Attendance, Course, CourseLevel, TrainingEvent
from rrnkit.rules._context import Context, Index
from rrnkit.rules._outcome import Verdict, insufficient_evidence

_KEY = "rrnkit.rules.training-completions"
_END = operator.attrgetter("end_date")
_TRAINED_KEY = "rrnkit.rules.organisations-with-training"


@attrs.frozen
class Completion:
    """One training event a member of staff attended in full."""

    end_date: dt.date
    event_id: str
    level: CourseLevel | None
    """The course's level, when the course document is loaded."""


def _completions(index: Index) -> dict[tuple[str, str], list[Completion]]:
    found: dict[tuple[str, str], list[Completion]] = {}
    for event in index.of_kind("training-event"):
        if not isinstance(event, TrainingEvent):
            continue
        course = index.get("course", event.course_id)
        level = course.level if isinstance(course, Course) else None
        for learner in event.learners:
            if learner.attendance is Attendance.ATTENDED:
                key = (learner.organisation_id, learner.staff_id)
                found.setdefault(key, []).append(Completion(event.end_date, event.id, level))
    for completions in found.values():
        completions.sort(key=lambda c: (c.end_date, c.event_id))
    return found


def completions(context: Context, organisation_id: str, staff_id: str) -> list[Completion]:
    """Return a person's attended training, earliest first (built once per evaluation)."""
    return context.index.derived(_KEY, _completions).get((organisation_id, staff_id), [])


def last_training(
    context: Context,
    organisation_id: str,
    staff_id: str,
    on_or_before: dt.date,
    *,
    levels: Collection[CourseLevel] | None = None,
) -> dt.date | None:
    """Return the end of the latest attended training no later than a date.

    With ``levels``, only courses of those levels count (e.g. the full programme).
    """
    held = completions(context, organisation_id, staff_id)
    for n in range(bisect.bisect_right(held, on_or_before, key=_END) - 1, -1, -1):
        completion = held[n]
        if levels is None or completion.level in levels:
            return completion.end_date
    return None


def _organisations_with_training(index: Index) -> frozenset[str]:
    return frozenset(org for org, _ in index.derived(_KEY, _completions))


def no_training_evidence(context: Context, organisation_id: str, *pointers: str) -> Verdict | None:
    """Say evidence is insufficient when no training at all is recorded for the organisation.

    Without a single attended training event for the organisation (none was
    given, or only other organisations' were), "not trained" would be a breach
    found from absent evidence; the rules say so instead. None when there is some.
    """
    trained = context.index.derived(_TRAINED_KEY, _organisations_with_training)
    if organisation_id in trained:
        return None
    return insufficient_evidence(
        "no attended training is recorded for the organisation, so staff training cannot be "
        "checked (give its training events)",
        *pointers,
    )
