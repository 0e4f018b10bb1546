"""RRN Training Standards rules: TNA, curriculum, trainers, evaluation and refreshers.

Clause numbers follow ``/work/shared/domain.md`` section 2. Only 1.1.1-1.1.5,
1.3.2, 1.4, 1.4.4 and 3.1 are confirmed; rules resting on a section without a
confirmed sub-clause cite the section (``rrn-ts:2``, ``rrn-ts:3``, ``rrn-ts:4``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from rrnkit.model import (
    Attendance,
    CompetenceOutcome,
    Course,
    CourseLevel,
    Evaluation,
    Incident,
    LifeSupportLevel,
    ModuleFocus,
    Organisation,
    QualificationField,
    StaffGroup,
    Trainer,
    TrainerType,
    TrainingEvent,
    TrainingNeedsAnalysis,
)
from rrnkit.model.values import add_months
from rrnkit.rules import (
    Context,
    Fold,
    Index,
    Parameter,
    Rule,
    RuleSet,
    Verdict,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
    rule,
)
from rrnkit.rules._training import last_training, no_training_evidence

ORGANISATION = "organisation"
TNA = "training-needs-analysis"
COURSE = "course"
TRAINER = "trainer"
EVENT = "training-event"

_PREVENTIVE = frozenset({ModuleFocus.PREVENTION, ModuleFocus.DE_ESCALATION})
_FULL_PROGRAMME = frozenset({CourseLevel.INITIAL, CourseLevel.FULL_RECERTIFICATION})
_CARE_FIELDS = frozenset(
    {QualificationField.HEALTH, QualificationField.SOCIAL_CARE, QualificationField.EDUCATION}
)
DEFAULT_CONTENT_AREAS: tuple[str, ...] = (
    "human-rights-and-law",
    "trauma-informed-care",
    "positive-behaviour-support",
    "risks-of-restraint",
    "post-incident-support",
)


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


# Derived indexes, each built once per run.


def _tnas_by_org(index: Index) -> dict[str, list[TrainingNeedsAnalysis]]:
    found: dict[str, list[TrainingNeedsAnalysis]] = defaultdict(list)
    for tna in index.of_kind(TNA):
        found[tna.commissioning_organisation_id].append(tna)
    return dict(found)


def _add_incident_staff(found: dict[str, set[str]], incident: Incident) -> None:
    staff = found.setdefault(incident.organisation_id, set())
    staff.update(p.staff_id for p in incident.staff if p.staff_id is not None)


def _merge_incident_staff(
    first: dict[str, set[str]], second: dict[str, set[str]]
) -> dict[str, set[str]]:
    merged = {org: set(staff) for org, staff in first.items()}
    for org, staff in second.items():
        merged.setdefault(org, set()).update(staff)
    return merged


INCIDENT_STAFF = Fold(
    key="rrn-ts:incident-staff-by-org",
    kind="incident",
    start=dict,
    step=_add_incident_staff,
    merge=_merge_incident_staff,
)
"""Staff ids seen in each organisation's incidents: small however many incidents there are."""


def _events_by_org_provider(index: Index) -> dict[tuple[str, str], list[TrainingEvent]]:
    found: dict[tuple[str, str], list[TrainingEvent]] = defaultdict(list)
    for event in index.of_kind(EVENT):
        found[(event.commissioning_organisation_id, event.provider_id)].append(event)
    return dict(found)


def _evaluations_by_event(index: Index) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    evaluation: Evaluation
    for evaluation in index.of_kind("evaluation"):
        found[evaluation.training_event_id].append(evaluation.id)
    return dict(found)


# 1.1 Training needs analysis.


@rule(
    id="RRN-TNA-EXISTS",
    title="An organisation that commissions training has a training needs analysis",
    cites=["rrn-ts:1.1.1"],
    applies_to=ORGANISATION,
    tags=["tna"],
)
def tna_exists(org: Organisation, context: Context) -> Verdict:
    """Show that the commissioning organisation has a TNA of its own."""
    if not org.commissioned_training:
        return not_applicable("the organisation commissions no training")
    tnas = context.index.derived("rrn-ts:tnas-by-org", _tnas_by_org).get(org.id, [])
    if tnas:
        return met(
            "a training needs analysis exists",
            "/commissioned_training",
            tna_ids=[t.id for t in tnas],
        )
    return not_met(
        "the organisation commissions training but has no training needs analysis",
        "/commissioned_training",
    )


@rule(
    id="RRN-TNA-AUTHORISED",
    title="The TNA is authorised by the commissioning organisation's restrictive-practice lead",
    cites=["rrn-ts:1.1.1"],
    applies_to=TNA,
    tags=["tna"],
)
def tna_authorised(tna: TrainingNeedsAnalysis, context: Context) -> Verdict:
    """Show that the commissioning organisation's restrictive-practice lead authorised the TNA."""
    authoriser = tna.authoriser
    if authoriser is None:
        return not_met("the training needs analysis is not authorised", "/authoriser")
    pointers: list[str] = []
    problems: list[str] = []
    if authoriser.organisation_id != tna.commissioning_organisation_id:
        pointers.append("/authoriser/organisation_id")
        problems.append("authoriser-not-of-commissioning-organisation")
    if not authoriser.restrictive_practice_lead:
        pointers.append("/authoriser/restrictive_practice_lead")
        problems.append("authoriser-not-restrictive-practice-lead")
    evidence: dict[str, Any] = {
        "authoriser_organisation_id": authoriser.organisation_id,
        "commissioning_organisation_id": tna.commissioning_organisation_id,
    }
    if problems:
        return not_met(
            "the authoriser is not the commissioning organisation's restrictive-practice lead",
            *pointers,
            problems=problems,
            **evidence,
        )
    return met("authorised by the commissioning organisation's lead", "/authoriser", **evidence)


@rule(
    id="RRN-TNA-INCIDENT-WINDOW",
    title="The TNA draws on the last two years of incident data",
    cites=["rrn-ts:1.1.1"],
    applies_to=TNA,
    parameters=[
        Parameter(
            name="incident_window_months",
            default=24,
            description="Months of incident data the analysis must cover.",
            confirmed=True,
        ),
        Parameter(
            name="window_end_tolerance_days",
            default=31,
            description="How many days before completion the incident data may end.",
            confirmed=False,
        ),
    ],
    tags=["tna"],
)
def tna_incident_window(tna: TrainingNeedsAnalysis, context: Context) -> Verdict:
    """Show that the incident data covers the whole window and ends close to completion."""
    if tna.incident_data is None:
        return not_met("the analysis used no incident data", "/incident_data")
    period = tna.incident_data.period
    months: int = context.param("incident_window_months")
    tolerance: int = context.param("window_end_tolerance_days")
    needed_start = add_months(period.end, -months) + dt.timedelta(days=1)
    earliest_end = tna.completed_on - dt.timedelta(days=tolerance)
    evidence = {
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "completed_on": tna.completed_on.isoformat(),
        "window_months": months,
        "tolerance_days": tolerance,
    }
    problems: list[str] = []
    pointers: list[str] = []
    if period.start > needed_start:
        problems.append("period-too-short")
        pointers.append("/incident_data/period/start")
    if period.end < earliest_end:
        problems.append("period-ends-too-early")
        pointers.append("/incident_data/period/end")
    if problems:
        return not_met(
            "the incident data does not cover the required window",
            *pointers,
            problems=problems,
            **evidence,
        )
    return met("the incident data covers the required window", "/incident_data/period", **evidence)


@rule(
    id="RRN-TNA-STAFF-GROUPS",
    title="The TNA considers every staff group involved in incidents",
    cites=["rrn-ts:1.1.1"],
    applies_to=TNA,
    tags=["tna"],
    folds=[INCIDENT_STAFF],
)
def tna_staff_groups(tna: TrainingNeedsAnalysis, context: Context) -> Verdict:
    """Show that every staff group seen in the organisation's incidents is in the TNA."""
    org_id = tna.commissioning_organisation_id
    staff_in_incidents = context.index.fold(INCIDENT_STAFF).get(org_id)
    if staff_in_incidents is None:
        return not_applicable("no incidents are recorded for the commissioning organisation")
    org: Organisation | None = context.index.get(ORGANISATION, org_id)
    if org is None:
        return insufficient_evidence(
            "the commissioning organisation's workforce is not available",
            "/commissioning_organisation_id",
            organisation_id=org_id,
        )
    groups_of: dict[str, StaffGroup] = {m.staff_id: m.staff_group for m in org.workforce}
    seen: set[StaffGroup] = set()
    unresolved: set[str] = set()
    for staff_id in staff_in_incidents:
        group = groups_of.get(staff_id)
        if group is None:
            unresolved.add(staff_id)
        else:
            seen.add(group)
    considered = {need.staff_group for need in tna.staff_groups}
    missing = sorted(g.value for g in seen - considered)
    if missing:
        return not_met(
            "staff groups involved in incidents are missing from the analysis",
            "/staff_groups",
            missing_groups=missing,
            unresolved_staff_ids=sorted(unresolved),
        )
    if unresolved:
        return insufficient_evidence(
            "some staff in incidents are not on the organisation's workforce",
            "/staff_groups",
            unresolved_staff_ids=sorted(unresolved),
        )
    return met(
        "every staff group involved in incidents is considered",
        "/staff_groups",
        groups=sorted(g.value for g in seen),
    )


@rule(
    id="RRN-TNA-SENT-BEFORE-DELIVERY",
    title="The provider receives the TNA before delivery starts",
    cites=["rrn-ts:1.1.5"],
    applies_to=TNA,
    tags=["tna"],
)
def tna_sent_before_delivery(tna: TrainingNeedsAnalysis, context: Context) -> Verdict:
    """Show that the provider received the TNA before the first training event."""
    if tna.provider_id is None:
        return insufficient_evidence("the analysis names no provider", "/provider_id")
    events = context.index.derived("rrn-ts:events-by-org-provider", _events_by_org_provider).get(
        (tna.commissioning_organisation_id, tna.provider_id), []
    )
    if not events:
        return not_applicable("no training events from this provider for this organisation")
    first = min(events, key=lambda e: (e.start_date, e.id))
    evidence = {"first_event_id": first.id, "first_event_start": first.start_date.isoformat()}
    sent = tna.sent_to_provider_on
    if sent is None:
        return not_met(
            "training was delivered but the analysis was never sent to the provider",
            "/sent_to_provider_on",
            **evidence,
        )
    if sent < first.start_date:
        return met(
            "sent to the provider before delivery",
            "/sent_to_provider_on",
            sent_to_provider_on=sent.isoformat(),
            **evidence,
        )
    return not_met(
        "the analysis reached the provider only after delivery started",
        "/sent_to_provider_on",
        sent_to_provider_on=sent.isoformat(),
        **evidence,
    )


# Section 2 and 1.3.2: curriculum.


@rule(
    id="RRN-COURSE-PREVENTION-SHARE",
    title="Prevention and de-escalation take most of the course",
    cites=["rrn-ts:2"],
    applies_to=COURSE,
    parameters=[
        Parameter(
            name="prevention_share",
            default=0.5,
            description="Least share of teaching time for prevention and de-escalation.",
            confirmed=False,
        )
    ],
    tags=["curriculum"],
)
def course_prevention_share(course: Course, context: Context) -> Verdict:
    """Show that prevention and de-escalation have at least the set share and the largest one."""
    if not course.restrictive_component:
        return not_applicable("the course has no restrictive component")
    if not course.modules:
        return insufficient_evidence("the course lists no modules", "/modules")
    threshold: float = context.param("prevention_share")
    share = course.preventive_minutes / course.total_minutes
    by_focus: dict[ModuleFocus, int] = defaultdict(int)
    for module in course.modules:
        if module.focus not in _PREVENTIVE:
            by_focus[module.focus] += module.minutes
    largest_other = max(by_focus.items(), key=lambda kv: (kv[1], kv[0].value), default=None)
    is_largest = largest_other is None or course.preventive_minutes >= largest_other[1]
    evidence: dict[str, Any] = {
        "share": round(share, 4),
        "threshold": threshold,
        "preventive_minutes": course.preventive_minutes,
        "total_minutes": course.total_minutes,
        "largest_other_focus": largest_other[0].value if largest_other else None,
    }
    if share >= threshold and is_largest:
        return met("prevention and de-escalation lead the course", "/modules", **evidence)
    return not_met(
        "prevention and de-escalation do not take the required share", "/modules", **evidence
    )


@rule(
    id="RRN-COURSE-NO-HARMFUL-TECHNIQUES",
    title="No technique restricts breathing or circulation, uses pain, or is planned prone",
    cites=["rrn-ts:2", "pp-care:no-prone", "pp-care:no-pain"],
    applies_to=COURSE,
    tags=["curriculum", "techniques"],
)
def course_no_harmful_techniques(course: Course, context: Context) -> Verdict:
    """Show that the course teaches no airway-restricting, pain-based or planned prone technique."""
    if not course.techniques:
        if course.restrictive_component:
            return insufficient_evidence(
                "the course has a restrictive component but lists no techniques", "/techniques"
            )
        return not_applicable("the course teaches no physical techniques")
    pointers: list[str] = []
    offending: dict[str, list[str]] = {}
    for i, technique in enumerate(course.techniques):
        flags = [
            name
            for name, flagged in (
                (
                    "restricts-airway-breathing-circulation",
                    technique.restricts_airway_breathing_circulation,
                ),
                ("pain-based", technique.pain_based),
                ("planned-prone", technique.planned_prone),
            )
            if flagged
        ]
        if flags:
            pointers.append(f"/techniques/{i}")
            offending[technique.id] = flags
    if offending:
        return not_met("the course teaches harmful techniques", *pointers, techniques=offending)
    return met("no harmful technique is taught", "/techniques", count=len(course.techniques))


@rule(
    id="RRN-COURSE-TECHNIQUES-JUSTIFIED",
    title="Specialist modules delivered are required by the TNA",
    cites=["rrn-ts:1.1.1", "rrn-ts:2"],
    applies_to=EVENT,
    tags=["curriculum", "tna"],
)
def course_techniques_justified(event: TrainingEvent, context: Context) -> Verdict:
    """Show that every specialist module delivered is required by the organisation's TNA."""
    if not event.specialist_modules:
        return not_applicable("no specialist modules were delivered")
    tnas = [
        tna
        for tna in context.index.derived("rrn-ts:tnas-by-org", _tnas_by_org).get(
            event.commissioning_organisation_id, []
        )
        if tna.provider_id in (None, event.provider_id) and tna.completed_on <= event.end_date
    ]
    if not tnas:
        return insufficient_evidence(
            "no training needs analysis of the commissioning organisation precedes the event",
            "/specialist_modules",
            commissioning_organisation_id=event.commissioning_organisation_id,
        )
    required = {m for tna in tnas for m in tna.required_specialist_modules}
    tna_ids = [tna.id for tna in tnas]
    unjustified = [
        (i, module) for i, module in enumerate(event.specialist_modules) if module not in required
    ]
    if unjustified:
        return not_met(
            "specialist modules were delivered that the analysis does not require",
            *(f"/specialist_modules/{i}" for i, _ in unjustified),
            unjustified=[m.value for _, m in unjustified],
            tna_ids=tna_ids,
        )
    return met(
        "every specialist module is required by the analysis",
        "/specialist_modules",
        tna_ids=tna_ids,
    )


@rule(
    id="RRN-COURSE-CONTENT",
    title="The course covers the minimum content areas",
    cites=["rrn-ts:1.3.2"],
    applies_to=COURSE,
    parameters=[
        Parameter(
            name="required_content_areas",
            default=DEFAULT_CONTENT_AREAS,
            description="Content area codes every restrictive-intervention course covers.",
            confirmed=False,
        )
    ],
    tags=["curriculum"],
)
def course_content(course: Course, context: Context) -> Verdict:
    """Show that the course's modules cover every required content area."""
    if not course.restrictive_component:
        return not_applicable("the course has no restrictive component")
    if not course.modules:
        return insufficient_evidence("the course lists no modules", "/modules")
    required: tuple[str, ...] = context.param("required_content_areas")
    covered = {area.value for area in course.content_areas}
    missing = [area for area in required if area not in covered]
    if missing:
        return not_met("required content areas are missing", "/modules", missing=missing)
    return met("every required content area is covered", "/modules", required=list(required))


@rule(
    id="RRN-COURSE-LIVED-EXPERIENCE",
    title="People with lived experience shape or deliver the course",
    cites=["rrn-ts:2"],
    applies_to=COURSE,
    tags=["curriculum"],
)
def course_lived_experience(course: Course, context: Context) -> Verdict:
    """Show that people with lived experience helped design or deliver the course."""
    if not course.restrictive_component:
        return not_applicable("the course has no restrictive component")
    lived = course.lived_experience
    if lived is None:
        return insufficient_evidence(
            "lived-experience involvement is not recorded", "/lived_experience"
        )
    evidence = {"in_design": lived.in_design, "in_delivery": lived.in_delivery}
    if lived.in_design or lived.in_delivery:
        return met("lived experience is involved", "/lived_experience", **evidence)
    return not_met("no lived-experience involvement", "/lived_experience", **evidence)


# Section 4: trainers.


@rule(
    id="RRN-TRAINER-LIFE-SUPPORT",
    title="Trainers hold in-date immediate life support on every delivery day",
    cites=["rrn-ts:4"],
    applies_to=EVENT,
    tags=["trainer"],
)
def trainer_life_support(event: TrainingEvent, context: Context) -> list[Verdict]:
    """Show that each trainer held an in-date immediate life support certificate every day."""
    verdicts: list[Verdict] = []
    days = _days(event.start_date, event.end_date)
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
            day for day in days if not any(c.issued_on <= day <= c.expires_on for c in certificates)
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
)
def trainer_qualification(trainer: Trainer, context: Context) -> Verdict:
    """Show that the trainer holds a health, social-care or education qualification."""
    if not trainer.qualifications:
        return insufficient_evidence("no qualifications are recorded", "/qualifications")
    for i, qualification in enumerate(trainer.qualifications):
        if qualification.field in _CARE_FIELDS:
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
        )
    ],
    tags=["trainer"],
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
        )
    ],
    tags=["trainer"],
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
        latest=_iso(max(past, default=None)),
        window_start=since.isoformat(),
    )


@rule(
    id="RRN-TRAINER-AUTHORISED",
    title="Trainers are authorised for the course on the event's dates",
    cites=["rrn-ts:4"],
    applies_to=EVENT,
    tags=["trainer"],
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
            "valid_until": _iso(covering[0].valid_until if covering else latest),
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


# Section 3: post-delivery.


@rule(
    id="RRN-EVENT-EVALUATED",
    title="The training event is evaluated",
    cites=["rrn-ts:3"],
    applies_to=EVENT,
    tags=["evaluation"],
)
def event_evaluated(event: TrainingEvent, context: Context) -> Verdict:
    """Show that at least one evaluation of the finished event exists."""
    if event.end_date > context.as_of:
        return not_applicable("the event has not finished", "/end_date")
    ids = context.index.derived("rrn-ts:evaluations-by-event", _evaluations_by_event).get(
        event.id, []
    )
    if ids:
        return met("the event is evaluated", "/id", evaluation_ids=sorted(ids))
    return not_met("no evaluation of the event", "/id")


@rule(
    id="RRN-EVENT-COMPETENCE",
    title="Every attending learner's competence is assessed",
    cites=["rrn-ts:3.1"],
    applies_to=EVENT,
    tags=["evaluation", "competence"],
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
            description="Longest gap in months between any two trainings.",
            confirmed=False,
        ),
        Parameter(
            name="full_programme_interval_years",
            default=4,
            description="Longest gap in years between full programmes.",
            confirmed=False,
        ),
    ],
    tags=["refresher", "workforce"],
)
def staff_refresher(org: Organisation, context: Context) -> list[Verdict]:
    """Show that every non-administrative staff member is refreshed and fully retrained on time."""
    as_of = context.as_of
    months: int = context.param("refresher_interval_months")
    years: int = context.param("full_programme_interval_years")
    refresher_since = add_months(as_of, -months)
    full_since = add_months(as_of, -12 * years)
    verdicts: list[Verdict] = []
    checked = 0
    missing = no_training_evidence(context, org.id, "/workforce")
    for i, member in enumerate(org.workforce):
        if member.staff_group is StaffGroup.ADMINISTRATIVE or not member.in_post(as_of):
            continue
        checked += 1
        if missing is not None:
            continue
        last = last_training(context, org.id, member.staff_id, as_of)
        last_full = last_training(context, org.id, member.staff_id, as_of, levels=_FULL_PROGRAMME)
        problems = []
        if last is None or last < refresher_since:
            problems.append("refresher-overdue")
        if last_full is None or last_full < full_since:
            problems.append("full-programme-overdue")
        if problems:
            verdicts.append(
                not_met(
                    "the staff member's training is overdue",
                    f"/workforce/{i}",
                    staff_id=member.staff_id,
                    last_attended=_iso(last),
                    last_full_programme=_iso(last_full),
                    problems=problems,
                )
            )
    if checked == 0:
        return [not_applicable("no current non-administrative staff", "/workforce")]
    if missing is not None:
        return [missing]
    if not verdicts:
        return [
            met(
                "every staff member is refreshed and fully retrained on time",
                "/workforce",
                staff=checked,
                refresher_since=refresher_since.isoformat(),
                full_programme_since=full_since.isoformat(),
            )
        ]
    return verdicts


RULES: tuple[Rule, ...] = (
    tna_exists,
    tna_authorised,
    tna_incident_window,
    tna_staff_groups,
    tna_sent_before_delivery,
    course_prevention_share,
    course_no_harmful_techniques,
    course_techniques_justified,
    course_content,
    course_lived_experience,
    trainer_life_support,
    trainer_qualification,
    trainer_experience,
    trainer_cpd,
    trainer_authorised,
    trainer_associate_scope,
    event_evaluated,
    event_competence,
    staff_refresher,
)

RRN_TS = RuleSet(id="rrn-ts", version="1", rules=RULES)
"""Every RRN Training Standards rule, in evaluation order."""

__all__ = ["DEFAULT_CONTENT_AREAS", "RRN_TS", "RULES", "add_months"]
