"""RRN Training Standards section 3: evaluation, competence and refreshers."""

from rrnkit.model import (
    Attendance,
    CompetenceOutcome,
    Organisation,
    StaffGroup,
    TrainingEvent,
)
from rrnkit.model.values import add_months
from rrnkit.rules import (
    Context,
    Parameter,
    Verdict,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
    rule,
)
from rrnkit.rules._training import (
    Completion,
    first_training_due,
    last_training,
    no_training_evidence,
    staff_in_scope,
)
from rrnkit.rules.packs.rrn_ts._common import (
    EVENT,
    FULL_PROGRAMME,
    ORGANISATION,
    evaluations_by_event,
    iso,
)


@rule(
    id="RRN-EVENT-EVALUATED",
    title="The training event is evaluated",
    cites=["rrn-ts:3"],
    applies_to=EVENT,
    tags=["evaluation"],
    reading=(
        "Section 3: training is evaluated. Met when at least one evaluation of the "
        "finished event exists; not applicable before the event ends. The quality of the "
        "evaluation is not judged."
    ),
)
def event_evaluated(event: TrainingEvent, context: Context) -> Verdict:
    """Show that at least one evaluation of the finished event exists."""
    if event.end_date > context.as_of:
        return not_applicable("the event has not finished", "/end_date")
    ids = evaluations_by_event(context).get(event.id, [])
    if ids:
        return met("the event is evaluated", "/id", evaluation_ids=sorted(ids))
    return not_met("no evaluation of the event", "/id")


@rule(
    id="RRN-EVENT-COMPETENCE",
    title="Every attending learner's competence is assessed",
    cites=["rrn-ts:3.1"],
    applies_to=EVENT,
    tags=["evaluation", "competence"],
    reading=(
        "3.1: learners' competence is assessed. Every learner who attended (in full or in "
        "part) must have an assessment outcome; 'not assessed' is not met."
    ),
)
def event_competence(event: TrainingEvent, context: Context) -> Verdict:
    """Show that every learner who attended had their competence assessed."""
    if event.start_date > context.as_of:
        return not_applicable("the event has not started", "/start_date")
    attending = [
        (i, learner)
        for i, learner in enumerate(event.learners)
        if learner.attendance is not Attendance.ABSENT
    ]
    if not attending:
        return insufficient_evidence("no attending learners are recorded", "/learners")
    unassessed = [
        (i, learner)
        for i, learner in attending
        if learner.competence is CompetenceOutcome.NOT_ASSESSED
    ]
    if unassessed:
        return not_met(
            "some attending learners were not assessed",
            *(f"/learners/{i}" for i, _ in unassessed),
            staff_ids=[learner.staff_id for _, learner in unassessed],
        )
    return met("every attending learner was assessed", "/learners", learners=len(attending))


@rule(
    id="RRN-STAFF-REFRESHER",
    title="Staff are refreshed yearly and repeat the full programme on cycle",
    cites=["rrn-ts:1.3.2", "rrn-ts:3"],
    applies_to=ORGANISATION,
    parameters=[
        Parameter(
            name="refresher_interval_months",
            default=12,
            description="Longest gap in months since a person's last completed training.",
            confirmed=False,
            minimum=1,
        ),
        Parameter(
            name="full_programme_interval_years",
            default=4,
            description="Longest gap in years between full programmes (0: no such cycle).",
            confirmed=False,
            minimum=0,
        ),
        Parameter(
            name="new_starter_grace_days",
            default=90,
            description="Days after joining before a person's first training falls due.",
            confirmed=False,
            minimum=0,
        ),
        Parameter(
            name="excluded_staff_groups",
            default=(),
            description=(
                "Staff group codes left out by an explicit, documented choice (a group the "
                "TNA records as never meeting distressed people is left out too)."
            ),
            confirmed=False,
            choices=StaffGroup,
        ),
    ],
    tags=["refresher", "workforce"],
    reading=(
        "1.3.2 and section 3 (as certified providers report them): refreshers at least "
        "every 12 months with competence testing, and the full programme again every "
        "fourth year; both figures are parameters, and a full-programme interval of 0 "
        "turns the cycle off for organisations on a rolling programme. A training counts "
        "when the person attended it and, where the course assesses competence, was found "
        "competent. A refresher cannot be overdue before a first training: a person with "
        "no completed training is judged only against their first training's due date (in "
        "post since, plus the new-starter grace period, 90 days by default), the same "
        "notion the Use of Force Act rules use; within it they are not yet due. Staff in "
        "scope: everyone in post on the as-of date unless their group is left out by the "
        "excluded_staff_groups parameter or by the organisation's latest TNA recording no "
        "contact."
    ),
)
def staff_refresher(org: Organisation, context: Context) -> Verdict | list[Verdict]:
    """Show that everyone in scope is trained, refreshed and fully retrained on time."""
    as_of = context.as_of
    months: int = context.param("refresher_interval_months")
    years: int = context.param("full_programme_interval_years")
    grace: int = context.param("new_starter_grace_days")
    excluded: tuple[str, ...] = context.param("excluded_staff_groups")
    refresher_since = add_months(as_of, -months)
    full_since = add_months(as_of, -12 * years) if years > 0 else None
    scope = staff_in_scope(org, context, excluded_groups=excluded)
    if not scope.members:
        return not_applicable("no member of staff in scope is in post", "/workforce")
    verdicts: list[Verdict] = []
    pending: list[str] = []

    def completed(c: Completion) -> bool:
        return c.competent

    for i, member in scope.members:
        last = last_training(context, org.id, member.staff_id, as_of, wanted=completed)
        last_full = last_training(
            context, org.id, member.staff_id, as_of, levels=FULL_PROGRAMME, wanted=completed
        )
        due = first_training_due(member, grace)
        problems = []
        if last is None:
            if as_of <= due:
                pending.append(member.staff_id)
                continue
            problems.append("never-trained")
        elif last < refresher_since:
            problems.append("refresher-overdue")
        if full_since is not None and last is not None:
            if last_full is None:
                if as_of > due:
                    problems.append("full-programme-missing")
            elif last_full < full_since:
                problems.append("full-programme-overdue")
        if problems:
            verdicts.append(
                not_met(
                    "the staff member's training is overdue",
                    f"/workforce/{i}",
                    staff_id=member.staff_id,
                    last_completed=iso(last),
                    last_full_programme=iso(last_full),
                    first_training_due=due.isoformat(),
                    problems=problems,
                )
            )
    if verdicts:
        missing = no_training_evidence(context, org.id, "/workforce")
        return missing if missing is not None else verdicts
    judged = len(scope.members) - len(pending)
    summary = {
        "staff": judged,
        "not_yet_due": pending,
        "left_out": scope.left_out,
        "refresher_since": refresher_since.isoformat(),
        "full_programme_since": iso(full_since),
    }
    if judged == 0:
        return not_applicable(
            "no member of staff in scope is yet due training", "/workforce", **summary
        )
    return met(
        "every member of staff in scope is refreshed and fully retrained on time",
        "/workforce",
        **summary,
    )


POST_DELIVERY_RULES = (event_evaluated, event_competence, staff_refresher)
"""The section 3 rules, in evaluation order."""
