"""Clinical practice: NICE NG10 and Positive and Proactive Care on incidents.

The figures here (10 minutes, 15-minute observations for an hour, 72 hours)
are secondary readings of the guidance, so every one is a parameter marked
unconfirmed. Citations name topics rather than numbered recommendations.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from rrnkit.model import Incident
from rrnkit.model.codes import InterventionType
from rrnkit.model.incident import Debrief, Intervention
from rrnkit.model.values import add_months
from rrnkit.rules import (
    Context,
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


def _durations(
    incident: Incident,
    context: Context,
    chosen: Callable[[Intervention], bool],
    limit_param: str,
    what: str,
) -> list[Verdict]:
    """Judge each chosen intervention's duration against a limit in minutes."""
    limit: int = context.param(limit_param)
    verdicts: list[Verdict] = []
    for i, intervention in enumerate(incident.interventions):
        if not chosen(intervention):
            continue
        pointer = f"/interventions/{i}"
        minutes = intervention.duration_minutes
        if minutes is None:
            verdicts.append(
                insufficient_evidence(
                    f"the {what} has no recorded end, so its duration is unknown",
                    f"{pointer}/end",
                    limit=limit,
                )
            )
        elif minutes > limit:
            verdicts.append(
                not_met(
                    f"the {what} lasted longer than {limit} minutes",
                    pointer,
                    minutes=minutes,
                    limit=limit,
                )
            )
        else:
            verdicts.append(
                met(
                    f"the {what} lasted no longer than {limit} minutes",
                    pointer,
                    minutes=minutes,
                    limit=limit,
                )
            )
    return verdicts or [not_applicable(f"the incident involved no {what}")]


@rule(
    id="NICE-PRONE-DURATION",
    title="Prone restraint does not last longer than the limit",
    cites=["nice-ng10:restraint"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="prone_limit_minutes",
            default=10,
            description="Longest acceptable prone restraint, in whole minutes.",
            confirmed=False,
        )
    ],
    tags=["incident-practice", "restraint"],
)
def prone_duration(incident: Incident, context: Context) -> list[Verdict]:
    """Show that each prone restraint ended within the limit."""
    return _durations(
        incident,
        context,
        lambda i: i.type is InterventionType.PHYSICAL_PRONE,
        "prone_limit_minutes",
        "prone restraint",
    )


@rule(
    id="NICE-MANUAL-RESTRAINT-DURATION",
    title="Manual restraint does not last longer than the limit",
    cites=["nice-ng10:restraint"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="manual_limit_minutes",
            default=10,
            description="Longest acceptable manual (physical) restraint, in whole minutes.",
            confirmed=False,
        )
    ],
    tags=["incident-practice", "restraint"],
)
def manual_duration(incident: Incident, context: Context) -> list[Verdict]:
    """Show that each manual (physical) restraint, prone included, ended within the limit."""
    return _durations(
        incident,
        context,
        lambda i: i.type.is_physical,
        "manual_limit_minutes",
        "manual restraint",
    )


@rule(
    id="NICE-RT-MONITORING",
    title="Vital signs are observed regularly after rapid tranquillisation",
    cites=["nice-ng10:rapid-tranquillisation"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="observation_interval_minutes",
            default=15,
            description="Longest gap between vital-signs observations in the monitoring period.",
            confirmed=False,
        ),
        Parameter(
            name="monitoring_period_minutes",
            default=60,
            description="Minutes from the start of rapid tranquillisation the interval applies.",
            confirmed=False,
        ),
    ],
    tags=["incident-practice", "rapid-tranquillisation"],
)
def rt_monitoring(incident: Incident, context: Context) -> list[Verdict]:
    """Show that after rapid tranquillisation no gap between observations exceeded the interval.

    The monitoring period runs from the start of the rapid tranquillisation;
    gaps are measured from that start, between observations, and from the last
    observation to the end of the period.
    """
    interval: int = context.param("observation_interval_minutes")
    period: int = context.param("monitoring_period_minutes")
    verdicts: list[Verdict] = []
    for i, intervention in enumerate(incident.interventions):
        if intervention.type is not InterventionType.CHEMICAL_RAPID_TRANQUILLISATION:
            continue
        pointer = f"/interventions/{i}/vital_signs_observations"
        if not intervention.vital_signs_observations:
            verdicts.append(
                insufficient_evidence(
                    "no vital-signs observation times are recorded after the rapid "
                    "tranquillisation",
                    pointer,
                )
            )
            continue
        start = intervention.start
        stop = start + dt.timedelta(minutes=period)
        times = sorted(t for t in intervention.vital_signs_observations if start <= t <= stop)
        marks = [start, *times, stop]
        largest = max((b - a for a, b in itertools.pairwise(marks)), default=dt.timedelta())
        gap = int(largest.total_seconds() // 60)
        evidence = {
            "largest_gap_minutes": gap,
            "observations_in_period": len(times),
            "interval": interval,
            "period": period,
        }
        if largest > dt.timedelta(minutes=interval):
            verdicts.append(
                not_met(
                    f"vital signs were not observed at least every {interval} minutes in the "
                    f"first {period} minutes after rapid tranquillisation",
                    pointer,
                    **evidence,
                )
            )
        else:
            verdicts.append(
                met(
                    f"vital signs were observed at least every {interval} minutes in the "
                    f"first {period} minutes after rapid tranquillisation",
                    pointer,
                    **evidence,
                )
            )
    return verdicts or [not_applicable("the incident involved no rapid tranquillisation")]


_DEBRIEF_HOURS = Parameter(
    name="debrief_hours",
    default=72,
    description="Hours after the incident ends (or starts, with no end) to hold the debrief.",
    confirmed=False,
)


def _debrief(incident: Incident, context: Context, debrief: Debrief | None, field: str) -> Verdict:
    """Judge one post-incident debrief against the window."""
    pointer = f"/{field}"
    if debrief is None:
        return insufficient_evidence("the record holds no post-incident debrief", pointer)
    hours: int = context.param("debrief_hours")
    anchor = incident.end or incident.start
    if debrief.held:
        if debrief.held_at is None:
            return insufficient_evidence(
                "the debrief was held but the record does not say when", f"{pointer}/held_at"
            )
        after = debrief.held_at - anchor
        evidence = {"hours_after": round(after.total_seconds() / 3600, 1), "limit_hours": hours}
        if after > dt.timedelta(hours=hours):
            return not_met(
                f"the debrief was held more than {hours} hours after the incident",
                f"{pointer}/held_at",
                **evidence,
            )
        return met(
            f"the debrief was held within {hours} hours of the incident",
            f"{pointer}/held_at",
            **evidence,
        )
    if debrief.offered:
        return met("a debrief was offered", f"{pointer}/offered")
    if debrief.offered is False:
        return not_met("no debrief was offered", f"{pointer}/offered")
    if debrief.held is False:
        if debrief.reason_not_held is not None:
            return met(
                "the debrief did not take place and the record gives a reason",
                f"{pointer}/reason_not_held",
            )
        return not_met(
            "the debrief did not take place and the record gives no reason",
            f"{pointer}/reason_not_held",
        )
    return insufficient_evidence(
        "the record does not say whether a debrief was offered or held", pointer
    )


@rule(
    id="PPC-DEBRIEF-PATIENT",
    title="A post-incident debrief with the patient is offered or held promptly",
    cites=["pp-care:post-incident-review", "nice-ng10:post-incident"],
    applies_to="incident",
    parameters=[_DEBRIEF_HOURS],
    tags=["incident-practice", "debrief"],
)
def patient_debrief(incident: Incident, context: Context) -> Verdict:
    """Show that a patient debrief was held in time, offered, or not held for a recorded reason."""
    return _debrief(incident, context, incident.patient_debrief, "patient_debrief")


@rule(
    id="PPC-DEBRIEF-STAFF",
    title="A post-incident debrief with staff is offered or held promptly",
    cites=["pp-care:post-incident-review", "nice-ng10:post-incident"],
    applies_to="incident",
    parameters=[_DEBRIEF_HOURS],
    tags=["incident-practice", "debrief"],
)
def staff_debrief(incident: Incident, context: Context) -> Verdict:
    """Show that a staff debrief was held in time, offered, or not held for a recorded reason."""
    return _debrief(incident, context, incident.staff_debrief, "staff_debrief")


@rule(
    id="PPC-TRAINED-STAFF",
    title="Staff who used force had attended training within the refresher interval",
    cites=["pp-care:staff-training", "uof-act:5(5)"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="refresher_interval_months",
            default=12,
            description="Longest time between a staff member's last training and the incident.",
            confirmed=False,
        )
    ],
    tags=["incident-practice", "training"],
)
def trained_staff(incident: Incident, context: Context) -> list[Verdict]:
    """Show that each unit staff member who used force had been trained recently enough."""
    months: int = context.param("refresher_interval_months")
    day = incident.start.date()
    earliest = add_months(day, -months)
    verdicts: list[Verdict] = []
    if any(p.used_force and p.unit_staff for p in incident.staff):
        missing = no_training_evidence(context, incident.organisation_id, "/staff")
        if missing is not None:
            return [missing]
    for i, person in enumerate(incident.staff):
        if not person.used_force or not person.unit_staff:
            continue
        pointer = f"/staff/{i}"
        if person.staff_id is None:
            verdicts.append(
                insufficient_evidence(
                    "the record gives no staff id for a person who used force, so their "
                    "training cannot be checked",
                    pointer,
                )
            )
            continue
        last = last_training(context, incident.organisation_id, person.staff_id, day)
        evidence = {
            "staff_id": person.staff_id,
            "last_training": None if last is None else last.isoformat(),
        }
        if last is None or last < earliest:
            verdicts.append(
                not_met(
                    f"a person who used force had not attended training in the {months} "
                    "months before the incident",
                    pointer,
                    **evidence,
                )
            )
        else:
            verdicts.append(
                met(
                    "the person who used force had attended training within the interval",
                    pointer,
                    **evidence,
                )
            )
    return verdicts or [not_applicable("no member of unit staff is recorded as using force")]


RULES: tuple[Rule, ...] = (
    prone_duration,
    manual_duration,
    rt_monitoring,
    patient_debrief,
    staff_debrief,
    trained_staff,
)
"""Every clinical practice rule, in evaluation order."""

PRACTICE = RuleSet(id="practice", version="1", rules=RULES)
"""The NICE NG10 and Positive and Proactive Care rule set."""
