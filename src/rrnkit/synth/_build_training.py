"""Building the trainer and evaluation documents from the plans.

A trainer's record holds qualifications, life support certificates, CPD,
updates and authorisations renewed to cover the period, less any planted
gap; each event not planted as unevaluated gets an evaluation.
"""

from __future__ import annotations

import datetime as dt
import random

from rrnkit.model import (
    ActionStatus,
    Authorisation,
    CareExperience,
    CpdEntry,
    Evaluation,
    EvaluationLevel,
    EvaluationMethod,
    EvaluationResult,
    FollowUpAction,
    Identifier,
    LifeSupportCertificate,
    LifeSupportLevel,
    Qualification,
    QualificationField,
    Trainer,
    TrainerType,
    TrainerUpdate,
)
from rrnkit.model.values import add_months
from rrnkit.synth import _data
from rrnkit.synth._config import SynthConfig
from rrnkit.synth._draw import gap_count, pick, random_days
from rrnkit.synth._plans import DAY, OrgPlan, Provider, TrainerPlan

__all__ = ["evaluations_of", "trainer_document"]


def _chain(
    first: dt.date, last: dt.date, months: int, step: tuple[int, int], rng: random.Random
) -> list[tuple[dt.date, dt.date]]:
    """Return renewed periods of ``months`` from ``first`` that cover up to ``last``."""
    periods = []
    begin = first
    while True:
        until = add_months(begin, months) - DAY
        periods.append((begin, until))
        if until >= last:
            return periods
        begin = begin + dt.timedelta(days=min(rng.randint(*step), (until - begin).days))


def _subtract(
    periods: list[tuple[dt.date, dt.date]], holes: list[tuple[dt.date, dt.date]]
) -> list[tuple[dt.date, dt.date]]:
    """Return ``periods`` with the ``holes`` cut out of them."""
    for low, high in holes:
        cut: list[tuple[dt.date, dt.date]] = []
        for begin, until in periods:
            if until < low or begin > high:
                cut.append((begin, until))
                continue
            if begin < low:
                cut.append((begin, low - DAY))
            if until > high:
                cut.append((high + DAY, until))
        periods = cut
    return periods


def trainer_document(
    rng: random.Random,
    plan: TrainerPlan,
    provider: Provider,
    org: OrgPlan | None,
    config: SynthConfig,
) -> Trainer:
    """Return a trainer's document: qualifications, life support, CPD, updates, authorisations."""
    t0, end = config.training_start, config.end
    first = plan.authorised_from or t0 - random_days(rng, 60, 700)
    qualification, field = plan.qualification
    qualifications = [
        Qualification(
            title=qualification,
            field=QualificationField(field),
            awarded_on=first - random_days(rng, 365 * 3, 365 * 20),
        )
    ]
    if plan.associate:
        qualifications.append(
            Qualification(
                title=f"Certified associate trainer programme ({provider.name})",
                field=QualificationField.TRAINING,
                awarded_on=first - random_days(rng, 1, 9),
            )
        )
    else:
        qualifications.append(
            Qualification(
                title="Level 3 Award in Education and Training",
                field=QualificationField.TRAINING,
                awarded_on=first - random_days(rng, 100, 2000),
            )
        )
    life_support = [
        LifeSupportCertificate(
            level=LifeSupportLevel.IMMEDIATE_LIFE_SUPPORT, issued_on=begin, expires_on=until
        )
        for begin, until in _chain(first - random_days(rng, 30, 300), end, 12, (330, 360), rng)
    ]
    course_ids = [provider.refresher.id] if plan.associate else [
        provider.initial.id, provider.refresher.id,
    ]  # fmt: skip
    authorisations = []
    for course_id in course_ids:
        months = 24 if plan.associate else 36
        periods = _chain(first, end, months, (300, 700), rng)
        holes = [(low, high) for c, low, high in plan.holes if c == course_id]
        for begin, until in _subtract(periods, holes):
            authorisations.append(
                Authorisation(
                    course_id=Identifier(course_id),
                    valid_from=begin,
                    valid_until=until,
                    authorised_by=Identifier(provider.id),
                )
            )
    authorisations.sort(key=lambda a: (a.course_id, a.valid_from))
    cpd: list[CpdEntry] = []
    day = min(first, t0) - random_days(rng, 30, 120)
    while day <= end:
        activity, hours = _data.CPD_ACTIVITIES[len(cpd) % len(_data.CPD_ACTIVITIES)]
        cpd.append(CpdEntry(completed_on=day, activity=activity, hours=hours))
        day += random_days(rng, 90, 150)
    updates: list[TrainerUpdate] = []
    day = first - random_days(rng, 0, 30)
    while day <= end:
        course = course_ids[len(updates) % len(course_ids)]
        updates.append(
            TrainerUpdate(
                completed_on=day,
                provider_id=Identifier(provider.id),
                course_id=Identifier(course),
            )
        )
        day += random_days(rng, 300, 350)
    return Trainer(
        id=Identifier(plan.id),
        name=plan.name,
        trainer_type=TrainerType.ASSOCIATE if plan.associate else TrainerType.SENIOR,
        employing_organisation_id=Identifier(org.id if org is not None else provider.id),
        staff_id=Identifier(plan.staff.staff_id) if plan.staff is not None else None,
        certifying_organisation_id=Identifier(provider.id),
        qualifications=tuple(qualifications),
        life_support=tuple(life_support),
        care_experience=CareExperience(
            months=rng.randint(36, 240), as_at=first - random_days(rng, 10, 200)
        ),
        authorisations=tuple(authorisations),
        cpd=tuple(cpd),
        updates=tuple(updates),
    )


_RESULTS = (
    ("Mean learner rating of the course", 4.1, 4.9, "1-5", 1),
    ("Mean post-course knowledge test score", 78, 96, "percent", 0),
    ("Learners more confident to de-escalate without force", 70, 95, "percent", 0),
)
_FOLLOW_UPS = (
    "Add admission scenarios to the de-escalation practice module.",
    "Feed post-incident debrief themes into the next refresher.",
    "Give more practice time to the supported supine hold and transition to seated.",
    "Share the learners' feedback on the lived-experience session with the co-trainers.",
)


def evaluations_of(
    rng: random.Random, gap: random.Random, org: OrgPlan, config: SynthConfig
) -> list[Evaluation]:
    """Return an evaluation of each of the organisation's events not planted as unevaluated."""
    finished = [e for e in org.events if e.end_date <= config.end]
    skipped = {e.id for e in gap.sample(finished, gap_count(len(finished), config.gap_share))}
    evaluations = []
    for event in org.events:
        if event.id in skipped:
            continue
        completed = event.end_date + random_days(rng, 7, 21)
        if event.end_date <= config.end:
            completed = min(completed, config.end)
        actions = []
        if rng.random() < 0.25:
            due = completed + random_days(rng, 30, 120)
            actions.append(
                FollowUpAction(
                    description=pick(rng, _FOLLOW_UPS),
                    owner=f"Senior trainer, {org.provider.name}",
                    due_on=due,
                    status=ActionStatus.COMPLETED
                    if due <= config.end
                    else ActionStatus.IN_PROGRESS,
                )
            )
        evaluations.append(
            Evaluation(
                id=Identifier(event.id.replace("event-", "eval-", 1)),
                training_event_id=event.id,
                completed_on=completed,
                methods=(
                    EvaluationMethod.LEARNER_FEEDBACK,
                    EvaluationMethod.KNOWLEDGE_TEST,
                    EvaluationMethod.OBSERVED_PRACTICE,
                ),
                level=EvaluationLevel.LEARNING,
                respondents=max(1, len(event.learners) - rng.randint(0, 1)),
                results=tuple(
                    EvaluationResult(
                        measure=measure,
                        value=round(rng.uniform(low, high), digits),
                        unit=unit,
                    )
                    for measure, low, high, unit, digits in _RESULTS
                ),
                actions=tuple(actions),
            )
        )
    return evaluations
