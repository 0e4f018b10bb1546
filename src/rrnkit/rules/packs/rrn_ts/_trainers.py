"""RRN Training Standards section 4: trainers."""

from typing import Any

from rrnkit.model import (
    Attendance,
    Course,
    LifeSupportLevel,
    Trainer,
    TrainerType,
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
from rrnkit.rules.packs.rrn_ts._common import (
    CARE_FIELDS,
    COURSE,
    EVENT,
    TRAINER,
    days,
    iso,
)


@rule(
    id="RRN-TRAINER-LIFE-SUPPORT",
    title="Trainers hold in-date immediate life support on every delivery day",
    cites=["rrn-ts:4"],
    applies_to=EVENT,
    tags=["trainer"],
    reading=(
        "Section 4 (reported): each trainer holds current first aid including immediate "
        "life support. Met for an event when every trainer held an immediate life support "
        "certificate valid on every delivery day; one outcome per event, each trainer in "
        "the evidence."
    ),
)
def trainer_life_support(event: TrainingEvent, context: Context) -> list[Verdict]:
    """Show that each trainer held an in-date immediate life support certificate every day."""
    verdicts: list[Verdict] = []
    delivery_days = days(event.start_date, event.end_date)
    for i, trainer_id in enumerate(event.trainer_ids):
        pointer = f"/trainer_ids/{i}"
        trainer: Trainer | None = context.index.get(TRAINER, trainer_id)
        if trainer is None:
            verdicts.append(
                insufficient_evidence("no trainer record", pointer, trainer_id=trainer_id)
            )
            continue
        certificates = [
            c for c in trainer.life_support if c.level is LifeSupportLevel.IMMEDIATE_LIFE_SUPPORT
        ]
        uncovered = [
            day
            for day in delivery_days
            if not any(c.issued_on <= day <= c.expires_on for c in certificates)
        ]
        evidence: dict[str, Any] = {
            "trainer_id": trainer_id,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
        }
        if uncovered:
            verdicts.append(
                not_met(
                    "the trainer had no in-date immediate life support certificate",
                    pointer,
                    uncovered_days=[d.isoformat() for d in uncovered],
                    **evidence,
                )
            )
        else:
            verdicts.append(met("immediate life support in date", pointer, **evidence))
    return verdicts


@rule(
    id="RRN-TRAINER-QUALIFICATION",
    title="The trainer has a qualification in health, social care or education",
    cites=["rrn-ts:4"],
    applies_to=TRAINER,
    tags=["trainer"],
    reading=(
        "Section 4 (reported): a professional or vocational qualification in health, "
        "education or social care. A qualification recorded in another field does not meet "
        "it."
    ),
)
def trainer_qualification(trainer: Trainer, context: Context) -> Verdict:
    """Show that the trainer holds a health, social-care or education qualification."""
    if not trainer.qualifications:
        return insufficient_evidence("no qualifications are recorded", "/qualifications")
    for i, qualification in enumerate(trainer.qualifications):
        if qualification.field in CARE_FIELDS:
            return met(
                "a relevant qualification is held",
                f"/qualifications/{i}",
                field=qualification.field.value,
            )
    return not_met(
        "no qualification in health, social care or education",
        "/qualifications",
        fields=sorted({q.field.value for q in trainer.qualifications}),
    )


@rule(
    id="RRN-TRAINER-EXPERIENCE",
    title="The trainer has enough continuous care or support experience",
    cites=["rrn-ts:4"],
    applies_to=TRAINER,
    parameters=[
        Parameter(
            name="min_experience_months",
            default=24,
            description="Least months of continuous care or support experience.",
            confirmed=False,
            minimum=0,
        )
    ],
    tags=["trainer"],
    reading=(
        "Section 4 (reported): continuous care or support experience; the 2 years (24 "
        "months) is a reported reading, so a parameter."
    ),
)
def trainer_experience(trainer: Trainer, context: Context) -> Verdict:
    """Show that the trainer has at least the set months of care or support experience."""
    experience = trainer.care_experience
    if experience is None:
        return insufficient_evidence("care experience is not recorded", "/care_experience")
    minimum: int = context.param("min_experience_months")
    evidence = {
        "months": experience.months,
        "as_at": experience.as_at.isoformat(),
        "minimum": minimum,
    }
    if experience.months >= minimum:
        return met("enough care experience", "/care_experience/months", **evidence)
    return not_met("not enough care experience", "/care_experience/months", **evidence)


@rule(
    id="RRN-TRAINER-CPD",
    title="The trainer has recent continuing professional development",
    cites=["rrn-ts:4"],
    applies_to=TRAINER,
    parameters=[
        Parameter(
            name="cpd_window_months",
            default=12,
            description="Months before the as-of date in which some CPD must fall.",
            confirmed=False,
            minimum=1,
        )
    ],
    tags=["trainer"],
    reading=(
        "Section 4 (reported): trainers keep CPD records. rrnkit asks for some CPD within "
        "a window before the as-of date (12 months, rrnkit's choice, a parameter)."
    ),
)
def trainer_cpd(trainer: Trainer, context: Context) -> Verdict:
    """Show that the trainer recorded CPD within the window before the as-of date."""
    if not trainer.cpd:
        return insufficient_evidence("no CPD record", "/cpd")
    months: int = context.param("cpd_window_months")
    since = add_months(context.as_of, -months)
    recent = [(i, e) for i, e in enumerate(trainer.cpd) if since <= e.completed_on <= context.as_of]
    if recent:
        i, latest = max(recent, key=lambda pair: pair[1].completed_on)
        return met(
            "recent CPD recorded",
            f"/cpd/{i}",
            latest=latest.completed_on.isoformat(),
            window_start=since.isoformat(),
        )
    past = [e.completed_on for e in trainer.cpd if e.completed_on <= context.as_of]
    return not_met(
        "no CPD inside the window",
        "/cpd",
        latest=iso(max(past, default=None)),
        window_start=since.isoformat(),
    )


@rule(
    id="RRN-TRAINER-AUTHORISED",
    title="Trainers are authorised for the course on the event's dates",
    cites=["rrn-ts:4"],
    applies_to=EVENT,
    tags=["trainer"],
    reading=(
        "Section 4: training is delivered by authorised trainers. Every trainer of the "
        "event must hold an authorisation for the course valid on its first and last day."
    ),
)
def trainer_authorised(event: TrainingEvent, context: Context) -> list[Verdict]:
    """Show that each trainer held an in-date authorisation for the course delivered."""
    verdicts: list[Verdict] = []
    for i, trainer_id in enumerate(event.trainer_ids):
        pointer = f"/trainer_ids/{i}"
        trainer: Trainer | None = context.index.get(TRAINER, trainer_id)
        if trainer is None:
            verdicts.append(
                insufficient_evidence("no trainer record", pointer, trainer_id=trainer_id)
            )
            continue
        for_course = [a for a in trainer.authorisations if a.course_id == event.course_id]
        covering = [
            a for a in for_course if a.in_date(event.start_date) and a.in_date(event.end_date)
        ]
        latest = max((a.valid_until for a in for_course), default=None)
        evidence: dict[str, Any] = {
            "trainer_id": trainer_id,
            "course_id": event.course_id,
            "valid_until": iso(covering[0].valid_until if covering else latest),
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
        }
        if covering:
            verdicts.append(met("authorised for the course", pointer, **evidence))
        else:
            verdicts.append(
                not_met("not authorised for the course on the event's dates", pointer, **evidence)
            )
    return verdicts


@rule(
    id="RRN-TRAINER-ASSOCIATE-SCOPE",
    title="Associate trainers deliver only inside their own organisation",
    cites=["rrn-ts:4"],
    applies_to=EVENT,
    tags=["trainer"],
    reading=(
        "Section 4 (reported): associate (affiliate) trainers deliver only inside their "
        "own organisation; their status does not transfer. Not applicable when no "
        "associate trainer delivered the event."
    ),
)
def trainer_associate_scope(event: TrainingEvent, context: Context) -> list[Verdict]:
    """Show that associate trainers trained only their own employing organisation's staff."""
    verdicts: list[Verdict] = []
    for i, trainer_id in enumerate(event.trainer_ids):
        pointer = f"/trainer_ids/{i}"
        trainer: Trainer | None = context.index.get(TRAINER, trainer_id)
        if trainer is None:
            verdicts.append(
                insufficient_evidence("no trainer record", pointer, trainer_id=trainer_id)
            )
            continue
        if trainer.trainer_type is not TrainerType.ASSOCIATE:
            continue
        evidence = {
            "trainer_id": trainer_id,
            "employing_organisation_id": trainer.employing_organisation_id,
            "commissioning_organisation_id": event.commissioning_organisation_id,
        }
        if trainer.employing_organisation_id == event.commissioning_organisation_id:
            verdicts.append(met("associate trainer inside own organisation", pointer, **evidence))
        else:
            verdicts.append(
                not_met(
                    "an associate trainer delivered outside their own organisation",
                    pointer,
                    **evidence,
                )
            )
    if not verdicts:
        return [not_applicable("no associate trainers delivered the event")]
    return verdicts


@rule(
    id="RRN-TRAINER-UPDATES",
    title="The trainer has had a recent trainer update from the certified provider",
    cites=["rrn-ts:4"],
    applies_to=TRAINER,
    parameters=[
        Parameter(
            name="trainer_update_months",
            default=12,
            description="Months before the as-of date in which a trainer update must fall.",
            confirmed=False,
            minimum=1,
        )
    ],
    tags=["trainer"],
    reading=(
        "Section 4 (reported): trainers keep their competence current through updates from "
        "the certified provider. Met when the trainer completed an update run by the "
        "provider they are certified through within the window before the as-of date (12 "
        "months, rrnkit's choice: the standard's figure was not seen); updates from other "
        "providers do not count. Insufficient when no update is recorded at all."
    ),
)
def trainer_updates(trainer: Trainer, context: Context) -> Verdict:
    """Show that the trainer had an update from their certifying provider within the window."""
    if not trainer.updates:
        return insufficient_evidence("no trainer update is recorded", "/updates")
    months: int = context.param("trainer_update_months")
    since = add_months(context.as_of, -months)
    own = [
        (i, u)
        for i, u in enumerate(trainer.updates)
        if u.provider_id == trainer.certifying_organisation_id and u.completed_on <= context.as_of
    ]
    recent = [(i, u) for i, u in own if u.completed_on >= since]
    if recent:
        i, latest = max(recent, key=lambda pair: pair[1].completed_on)
        return met(
            "a recent trainer update from the certifying provider is recorded",
            f"/updates/{i}",
            latest=latest.completed_on.isoformat(),
            window_start=since.isoformat(),
        )
    return not_met(
        f"no trainer update from the certifying provider in the last {months} months",
        "/updates",
        latest=iso(max((u.completed_on for _, u in own), default=None)),
        window_start=since.isoformat(),
    )


@rule(
    id="RRN-EVENT-RATIO",
    title="The event keeps within the course's trainer-to-learner ratio",
    cites=["rrn-ts:2"],
    applies_to=EVENT,
    tags=["trainer", "delivery"],
    reading=(
        "The standards (as reported) ask providers to set and keep a safe trainer-to-learner "
        "ratio; no figure is confirmed, so rrnkit claims none: each event is judged against "
        "the ratio its own course declares. Learners who attended in full or in part count. "
        "Insufficient when the course or its ratio is not recorded; not applicable with no "
        "learner attending."
    ),
)
def event_ratio(event: TrainingEvent, context: Context) -> Verdict:
    """Show that attending learners per trainer kept within the course's declared ratio."""
    course: Course | None = context.index.get(COURSE, event.course_id)
    if course is None or course.ratio is None:
        return insufficient_evidence(
            "the course's trainer-to-learner ratio is not recorded", "/course_id"
        )
    attending = sum(1 for learner in event.learners if learner.attendance is not Attendance.ABSENT)
    if attending == 0:
        return not_applicable("no learner attended", "/learners")
    trainers = len(event.trainer_ids)
    ratio = course.ratio
    evidence = {
        "trainers": trainers,
        "learners": attending,
        "ratio": f"{ratio.trainers}:{ratio.learners}",
    }
    # learners / trainers <= ratio.learners / ratio.trainers, in whole numbers
    if attending * ratio.trainers > trainers * ratio.learners:
        return not_met(
            "more learners attended than the course's ratio allows for its trainers",
            "/trainer_ids",
            "/learners",
            **evidence,
        )
    return met("the event kept within the course's ratio", "/learners", **evidence)


TRAINER_RULES = (
    trainer_life_support,
    trainer_qualification,
    trainer_experience,
    trainer_cpd,
    trainer_updates,
    trainer_authorised,
    trainer_associate_scope,
    event_ratio,
)
"""The section 4 rules, in evaluation order."""
