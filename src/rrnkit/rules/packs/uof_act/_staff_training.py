"""Use of Force Act s.5: the training programme, first training and refreshers.

s.5(1) asks the responsible person to provide training for staff about the use
of force by staff who work in the unit; s.5(2) lists the eleven topics it must
include (text seen on legislation.gov.uk, 2026-12-04). The topics are judged
over the organisation's s.5 programme as a whole, which may be several courses;
a member of staff has had s.5 training once the courses they completed cover
every topic, or once the responsible person judged earlier training equivalent
(s.5(4)).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from rrnkit.model import Course, Organisation, StaffMember
from rrnkit.model.codes import ContentArea, StaffGroup
from rrnkit.model.values import add_months
from rrnkit.rules import (
    Context,
    Parameter,
    Rule,
    Verdict,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
    rule,
)
from rrnkit.rules._training import (
    completions,
    first_training_due,
    no_training_evidence,
    staff_in_scope,
)
from rrnkit.rules.packs.uof_act._duties import operates_mh_unit

UOF_TOPICS: tuple[ContentArea, ...] = tuple(
    area for area in ContentArea if area.value.startswith("uof-5")
)
"""The eleven Use of Force Act s.5(2)(a)-(k) training topics, in order."""

COMMENCEMENT = dt.date(2022, 3, 31)
"""The day the Act's sections came into force (S.I. 2021/1372, reg. 2), seen on
legislation.gov.uk: staff in post then are trained as soon as reasonably practicable
after it (s.5(3)(a))."""

_EXCLUDED = Parameter(
    name="excluded_staff_groups",
    default=(),
    description=(
        "Staff group codes left out of s.5 training by an explicit, documented choice "
        "(default: none; a group the TNA records as never meeting patients is left out too)."
    ),
    confirmed=False,
    choices=StaffGroup,
)

_SCOPE_READING = (
    " Staff in scope: every member of staff in post on the as-of date who works in one of "
    "the organisation's mental health units (or is recorded against no unit, and so taken "
    "to work across them). A staff group is left out only by an explicit, documented "
    "choice: the excluded_staff_groups parameter, or the organisation's latest training "
    "needs analysis recording the group as never meeting distressed people; the evidence "
    "names every group left out and why. Not applicable to an organisation that operates "
    "no mental health unit."
)


def programme(organisation: Organisation) -> tuple[str, ...]:
    """Return the course ids of the organisation's s.5 training programme, in order, once each."""
    ids = organisation.use_of_force_course_ids or tuple(
        c.course_id for c in organisation.commissioned_training
    )
    return tuple(dict.fromkeys(ids))


def _topics_of(context: Context, course_ids: tuple[str, ...]) -> dict[str, frozenset[ContentArea]]:
    """s.5(2) topics of each programme course that is loaded."""
    found: dict[str, frozenset[ContentArea]] = {}
    for course_id in course_ids:
        course = context.index.get("course", course_id)
        if isinstance(course, Course):
            found[course_id] = course.content_areas & frozenset(UOF_TOPICS)
    return found


@attrs.frozen
class S5Status:
    """Where one member of staff stands with their s.5 training on the as-of date."""

    trained_on: dt.date | None
    """When their s.5 training was complete (the course that completed the topics, or
    the earlier training judged equivalent under s.5(4)); None if it is not."""
    by_equivalence: bool
    missing_topics: tuple[str, ...]
    """s.5(2) topics their completed programme courses do not yet cover."""
    latest: dt.date | None
    """The latest completed programme course (s.5(6) refresher training), if any."""


def s5_status(
    context: Context,
    organisation: Organisation,
    member: StaffMember,
    topics: dict[str, frozenset[ContentArea]],
) -> S5Status:
    """Work out one person's s.5 training from their completions and any s.5(4) judgement.

    A completion counts when the course belongs to the programme and the learner
    attended and, where the course assesses competence, was found competent.
    """
    covered: set[ContentArea] = set()
    trained_on: dt.date | None = None
    latest: dt.date | None = None
    for completion in completions(context, organisation.id, member.staff_id):
        if completion.end_date > context.as_of:
            break
        course_topics = topics.get(completion.course_id or "")
        if course_topics is None or not completion.competent:
            continue
        latest = completion.end_date
        covered |= course_topics
        if trained_on is None and len(covered) == len(UOF_TOPICS):
            trained_on = completion.end_date
    prior = member.prior_training
    by_equivalence = False
    if prior is not None and prior.counts and prior.judged_on <= context.as_of:
        if trained_on is None:
            trained_on, by_equivalence = prior.completed_on, True
        if latest is None or prior.completed_on > latest:
            latest = prior.completed_on
    missing = tuple(t.value for t in UOF_TOPICS if t not in covered)
    return S5Status(trained_on, by_equivalence, () if trained_on else missing, latest)


def _mh_units(organisation: Organisation) -> frozenset[str]:
    return frozenset(u.id for u in organisation.units if u.is_mental_health_unit)


@rule(
    id="UOF-S5-TRAINING-TOPICS",
    title="The organisation's s.5 training covers the eleven s.5(2) topics",
    cites=["uof-act:5(2)"],
    applies_to="organisation",
    tags=["training"],
    scope=operates_mh_unit,
    reading=(
        "s.5(2): 'the training provided under subsection (1) must include training on' "
        "topics (a) to (k). The topics are judged over the organisation's s.5 programme as a "
        "whole, which may be several courses: the courses it names as its use-of-force "
        "training, or else every course it commissions. Insufficient when no programme is "
        "recorded, or when programme courses are not loaded and the loaded ones leave topics "
        "uncovered. Not applicable to an organisation that operates no mental health unit."
    ),
)
def training_topics(organisation: Organisation, context: Context) -> Verdict:
    """Show that the courses of the organisation's s.5 programme cover every s.5(2) topic."""
    course_ids = programme(organisation)
    if not course_ids:
        return insufficient_evidence(
            "the organisation records no use-of-force training programme",
            "/use_of_force_course_ids",
        )
    topics = _topics_of(context, course_ids)
    covered = frozenset().union(*topics.values()) if topics else frozenset()
    missing = [t.value for t in UOF_TOPICS if t not in covered]
    absent = [c for c in course_ids if c not in topics]
    evidence: dict[str, Any] = {"course_ids": list(course_ids)}
    if not missing:
        return met(
            "the organisation's s.5 training covers all eleven s.5(2) topics",
            "/use_of_force_course_ids",
            **evidence,
        )
    if absent:
        return insufficient_evidence(
            "some courses of the s.5 programme are not available, and the others do not "
            "cover every s.5(2) topic",
            "/use_of_force_course_ids",
            missing_topics=missing,
            unavailable_course_ids=absent,
            **evidence,
        )
    return not_met(
        f"the organisation's s.5 training does not cover {len(missing)} of the eleven s.5(2) "
        "topics",
        "/use_of_force_course_ids",
        missing_topics=missing,
        **evidence,
    )


@rule(
    id="UOF-S5-INITIAL-TRAINING",
    title="Staff have had s.5 training as soon as reasonably practicable",
    cites=["uof-act:5(1)", "uof-act:5(3)(a)", "uof-act:5(3)(b)", "uof-act:5(4)"],
    applies_to="organisation",
    parameters=[
        Parameter(
            name="new_starter_grace_days",
            default=90,
            description=(
                "Days after joining (or after s.5 came into force, for staff in post then) "
                "read as 'as soon as reasonably practicable'."
            ),
            confirmed=False,
            minimum=0,
        ),
        _EXCLUDED,
    ],
    tags=["training", "organisation-duty"],
    scope=operates_mh_unit,
    reading=(
        "s.5(3): training is provided (a) to staff in post when s.5 came into force (31 "
        "March 2022) as soon as reasonably practicable after that, and (b) to later staff as "
        "soon as reasonably practicable after they join. A person has had s.5 training once "
        "the programme courses they completed (attended, and found competent where the "
        "course assesses competence) cover all eleven s.5(2) topics; attendance at other "
        "courses is not s.5 training. s.5(4): earlier training stands instead when the "
        "record holds the responsible person's judgement that it was sufficiently recent "
        "and of an equivalent standard (who judged, and when). 'As soon as reasonably "
        "practicable' has no figure in the Act: the grace period is a parameter (90 days, "
        "rrnkit's choice); within it an untrained person is not yet due." + _SCOPE_READING
    ),
)
def initial_training(organisation: Organisation, context: Context) -> Verdict | list[Verdict]:
    """Show that every member of staff in scope has had s.5 training, or is not yet due it."""
    grace: int = context.param("new_starter_grace_days")
    excluded: tuple[str, ...] = context.param("excluded_staff_groups")
    scope = staff_in_scope(
        organisation, context, excluded_groups=excluded, units=_mh_units(organisation)
    )
    topics = _topics_of(context, programme(organisation))
    trained: list[str] = []
    pending: list[str] = []
    verdicts: list[Verdict] = []
    for i, member in scope.members:
        status = s5_status(context, organisation, member, topics)
        if status.trained_on is not None:
            trained.append(member.staff_id)
            continue
        due = first_training_due(member, grace, not_before=COMMENCEMENT)
        if context.as_of <= due:
            pending.append(member.staff_id)
            continue
        verdicts.append(
            not_met(
                "the member of staff has not had training covering every s.5(2) topic, and "
                "it was due (s.5(3))",
                f"/workforce/{i}",
                staff_id=member.staff_id,
                due=due.isoformat(),
                missing_topics=list(status.missing_topics),
            )
        )
    summary: dict[str, Any] = {
        "trained": len(trained),
        "not_yet_due": pending,
        "left_out": scope.left_out,
    }
    if verdicts:
        missing = no_training_evidence(context, organisation.id, "/workforce")
        if missing is not None:
            return missing
        return verdicts
    if trained:
        return met(
            "every member of staff in scope has had s.5 training, or is not yet due it",
            "/workforce",
            **summary,
        )
    return not_applicable(
        "no member of staff in scope is yet due s.5 training", "/workforce", **summary
    )


@rule(
    id="UOF-S5-REFRESHER",
    title="Staff who have had s.5 training are refreshed at regular intervals",
    cites=["uof-act:5(5)", "uof-act:5(6)", "rrn-ts:1.3.2"],
    applies_to="organisation",
    parameters=[
        Parameter(
            name="refresher_interval_months",
            default=12,
            description=(
                "Longest time since a person's s.5 training or last refresher; the Act says "
                "'at regular intervals', the figure is the RRN Training Standards' (reported)."
            ),
            confirmed=False,
            minimum=1,
        ),
        _EXCLUDED,
    ],
    tags=["training", "organisation-duty"],
    scope=operates_mh_unit,
    reading=(
        "s.5(5): 'refresher training must be provided at regular intervals whilst a person "
        "is a member of staff'; s.5(6): refresher training updates or supplements the s.5 "
        "training. Only staff who have had s.5 training are judged (a refresher cannot be "
        "overdue before a first training; UOF-S5-INITIAL-TRAINING judges the rest). Any "
        "completed programme course counts as a refresher. The Act sets no interval: it is "
        "a parameter whose 12-month default is the RRN Training Standards' figure as "
        "providers report it." + _SCOPE_READING
    ),
)
def refresher_training(organisation: Organisation, context: Context) -> Verdict | list[Verdict]:
    """Show that everyone who has had s.5 training was refreshed within the interval."""
    months: int = context.param("refresher_interval_months")
    excluded: tuple[str, ...] = context.param("excluded_staff_groups")
    scope = staff_in_scope(
        organisation, context, excluded_groups=excluded, units=_mh_units(organisation)
    )
    topics = _topics_of(context, programme(organisation))
    earliest = add_months(context.as_of, -months)
    judged = 0
    verdicts: list[Verdict] = []
    for i, member in scope.members:
        status = s5_status(context, organisation, member, topics)
        if status.trained_on is None:
            continue
        judged += 1
        latest = max(d for d in (status.latest, status.trained_on) if d is not None)
        if latest < earliest:
            verdicts.append(
                not_met(
                    f"the member of staff has had no refresher training in the last {months} "
                    "months (s.5(5))",
                    f"/workforce/{i}",
                    staff_id=member.staff_id,
                    last_training=latest.isoformat(),
                )
            )
    if verdicts:
        return verdicts
    if judged:
        return met(
            f"everyone who has had s.5 training was refreshed in the last {months} months",
            "/workforce",
            staff=judged,
            left_out=scope.left_out,
        )
    return not_applicable(
        "no member of staff in scope has had s.5 training yet",
        "/workforce",
        left_out=scope.left_out,
    )


TRAINING_RULES: tuple[Rule, ...] = (training_topics, initial_training, refresher_training)
"""The s.5 training rules, in evaluation order."""
