"""Who attended which training, and when; who is in scope and when training falls due.

One derived index every rule pack shares, and one notion, for every rule that
judges staff training, of which staff are in scope, when a person's first
training falls due (in post since, plus a grace period) and what a completed
training is. A refresher can never be overdue before a first training.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Callable, Collection
from typing import NamedTuple

import attrs

from rrnkit.model import (
    Attendance,
    CompetenceOutcome,
    ContactFrequency,
    Course,
    CourseLevel,
    Incident,
    Organisation,
    StaffInvolvement,
    StaffMember,
    TrainingEvent,
    TrainingNeedsAnalysis,
)
from rrnkit.model.values import add_months
from rrnkit.rules._context import Context, Index
from rrnkit.rules._outcome import Verdict, insufficient_evidence

_KEY = "rrnkit.rules.training-completions"
_END = operator.attrgetter("end_date")
_TRAINED_KEY = "rrnkit.rules.organisations-with-training"
_TNA_KEY = "rrn-ts:tnas-by-org"


@attrs.frozen
class Completion:
    """One training event a member of staff attended in full."""

    end_date: dt.date
    event_id: str
    level: CourseLevel | None
    """The course's level, when the course document is loaded."""
    course_id: str | None = None
    competent: bool = True
    """False when the learner was found not yet competent, or was not assessed on a
    course that assesses competence: the training was attended but not completed."""


def _competent(competence: CompetenceOutcome, course: Course | None) -> bool:
    if competence is CompetenceOutcome.COMPETENT:
        return True
    if competence is CompetenceOutcome.NOT_YET_COMPETENT:
        return False
    # Not assessed: completed only where the course assesses no competence.
    return course is not None and not course.assessment_methods


def _completions(index: Index) -> dict[tuple[str, str], list[Completion]]:
    found: dict[tuple[str, str], list[Completion]] = {}
    for event in index.of_kind("training-event"):
        if not isinstance(event, TrainingEvent):
            continue
        course = index.get("course", event.course_id)
        known = course if isinstance(course, Course) else None
        level = known.level if known is not None else None
        for learner in event.learners:
            if learner.attendance is Attendance.ATTENDED:
                key = (learner.organisation_id, learner.staff_id)
                found.setdefault(key, []).append(
                    Completion(
                        event.end_date,
                        event.id,
                        level,
                        event.course_id,
                        _competent(learner.competence, known),
                    )
                )
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
    wanted: Callable[[Completion], bool] | None = None,
) -> dt.date | None:
    """Return the end of the latest attended training no later than a date.

    With ``levels``, only courses of those levels count (e.g. the full programme);
    with ``wanted``, only completions it accepts.
    """
    held = completions(context, organisation_id, staff_id)
    for n in range(bisect.bisect_right(held, on_or_before, key=_END) - 1, -1, -1):
        completion = held[n]
        if (levels is None or completion.level in levels) and (
            wanted is None or wanted(completion)
        ):
            return completion.end_date
    return None


class ForceUserTraining(NamedTuple):
    """A member of the unit's staff who used force in an incident, and their training then."""

    staff_index: int
    """Where the person is in the incident's ``staff``."""
    staff_id: str | None
    """Their staff id; None when the record gives none (their training cannot be checked)."""
    last_training: dt.date | None
    """The end of their latest counted training on or before the day, if any."""
    in_date: bool | None
    """Whether that training is within the interval before the day; None without a staff id."""


def unit_force_users(incident: Incident) -> list[tuple[int, StaffInvolvement]]:
    """Return (index, person) for each member of the unit's staff who used force.

    People from outside the unit (police, contractors) are not the unit's to train.
    """
    return [(i, p) for i, p in enumerate(incident.staff) if p.used_force and p.unit_staff]


def force_users_training(
    context: Context,
    incident: Incident,
    day: dt.date,
    months: int,
    *,
    wanted: Callable[[Completion], bool] | None = None,
) -> list[ForceUserTraining]:
    """Say, for each unit staff member who used force, whether their training was in date.

    A person is in date when a training counted (all attended, or those
    ``wanted`` accepts) ended on or before ``day`` and no more than ``months``
    before it. Whether any training is recorded for the organisation at all is
    the caller's to ask (:func:`no_training_evidence`).
    """
    earliest = add_months(day, -months)
    found: list[ForceUserTraining] = []
    for i, person in unit_force_users(incident):
        if person.staff_id is None:
            found.append(ForceUserTraining(i, None, None, None))
            continue
        last = last_training(context, incident.organisation_id, person.staff_id, day, wanted=wanted)
        found.append(
            ForceUserTraining(i, person.staff_id, last, last is not None and last >= earliest)
        )
    return found


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


# ---------------------------------------------------------------------------
# Who is in scope, and when a first training falls due
# ---------------------------------------------------------------------------


def _tnas_by_org(index: Index) -> dict[str, list[TrainingNeedsAnalysis]]:
    found: dict[str, list[TrainingNeedsAnalysis]] = defaultdict(list)
    for tna in index.of_kind("training-needs-analysis"):
        found[tna.commissioning_organisation_id].append(tna)
    return dict(found)


def tnas_of(context: Context, organisation_id: str) -> list[TrainingNeedsAnalysis]:
    """Return the training needs analyses of a commissioning organisation."""
    return context.index.derived(_TNA_KEY, _tnas_by_org).get(organisation_id, [])


def no_contact_groups(context: Context, organisation_id: str) -> dict[str, str]:
    """Staff groups the organisation's latest TNA (by the as-of date) says never meet patients.

    Returns group code -> the TNA's id: leaving a group out of training is an
    explicit, documented choice, and the evidence names the document that made it.
    """
    held = [t for t in tnas_of(context, organisation_id) if t.completed_on <= context.as_of]
    if not held:
        return {}
    latest = max(held, key=lambda t: (t.completed_on, t.id))
    return {
        need.staff_group.value: latest.id
        for need in latest.staff_groups
        if need.contact is ContactFrequency.NONE
    }


@attrs.frozen
class StaffScope:
    """Which members of an organisation's workforce a training rule judges."""

    members: tuple[tuple[int, StaffMember], ...]
    """(index in the workforce, member) for everyone in scope, in workforce order."""
    left_out: dict[str, str]
    """Staff group -> why it was left out (a parameter, or the TNA that says so)."""


def staff_in_scope(
    organisation: Organisation,
    context: Context,
    *,
    excluded_groups: Collection[str],
    units: Collection[str] | None = None,
) -> StaffScope:
    """Return the staff in post on the as-of date that a training rule judges.

    Every member of staff is in scope unless their group is left out explicitly:
    by the rule's ``excluded_groups`` parameter, or because the organisation's
    latest TNA records the group as never meeting distressed people. With
    ``units``, only staff of those units, and staff recorded against no unit
    (taken to work across the organisation's units), are in scope.
    """
    tna_says = no_contact_groups(context, organisation.id)
    left_out: dict[str, str] = {}
    members: list[tuple[int, StaffMember]] = []
    for i, member in enumerate(organisation.workforce):
        if not member.in_post(context.as_of):
            continue
        if units is not None and member.unit_id is not None and member.unit_id not in units:
            continue
        group = member.staff_group.value
        if group in excluded_groups:
            left_out[group] = "excluded by the rule's excluded_staff_groups parameter"
            continue
        if group in tna_says:
            left_out[group] = f"the training needs analysis {tna_says[group]} records no contact"
            continue
        members.append((i, member))
    return StaffScope(tuple(members), left_out)


def first_training_due(
    member: StaffMember, grace_days: int, *, not_before: dt.date | None = None
) -> dt.date:
    """Return the last day a person's first training may be given: in post since, plus grace.

    ``not_before`` moves "in post since" to a later date for people already in
    post then (the Use of Force Act s.5(3)(a): staff in post when s.5 came into
    force are trained as soon as reasonably practicable after that day).
    """
    since = member.start_date
    if not_before is not None and since < not_before:
        since = not_before
    return since + dt.timedelta(days=grace_days)
