"""Mental Health Units (Use of Force) Act 2018: record items, policy, training, retention.

Citations follow the Act as published on legislation.gov.uk: the record
items are s.6(5)(a)-(p) and the three-year retention is s.6(6) (s.6(2) is the
negligible-force exception). Messages say what is missing or wrong, never the
value of a sensitive field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rrnkit.model import Course, Incident, Organisation
from rrnkit.model.codes import ContentArea, StaffGroup
from rrnkit.model.values import add_months
from rrnkit.rules import (
    Check,
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

S6 = "uof-act:6(5)"
"""The subsection listing what a use-of-force record must include."""

UOF_TOPICS: tuple[ContentArea, ...] = tuple(
    area for area in ContentArea if area.value.startswith("uof-5")
)
"""The eleven Use of Force Act s.5(2)(a)-(k) training topics, in order."""

NO_CONTACT_GROUPS = frozenset({StaffGroup.ADMINISTRATIVE})
"""Staff groups the training rules treat as having no patient contact."""


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def record_required(incident: Incident, context: Context) -> Verdict | None:
    """Rule out records s.6 does not require (the s.6(5) rules' scope); else return None.

    Negligible force (s.6(2)) needs no record unless it includes a type the
    guidance says is never negligible; nor does force used outside a mental
    health unit.
    """
    if incident.negligible and not _never_negligible(incident):
        return not_applicable("the force was recorded as negligible, so s.6(1) does not apply")
    organisation = context.index.get("organisation", incident.organisation_id)
    if isinstance(organisation, Organisation) and incident.unit_id is not None:
        for unit in organisation.units:
            if unit.id == incident.unit_id and not unit.is_mental_health_unit:
                return not_applicable("the incident's unit is not a mental health unit")
    return None


def _never_negligible(incident: Incident) -> list[int]:
    return [
        i
        for i, intervention in enumerate(incident.interventions)
        if intervention.type.never_negligible or intervention.pain_inducing
    ]


def _has_mh_unit(organisation: Organisation) -> bool:
    return any(unit.is_mental_health_unit for unit in organisation.units)


def _item_rule(letter: str, name: str, title: str) -> Callable[[Check], Rule]:
    """Declare the rule for s.6(5)(letter), scoped to records s.6 requires."""
    return rule(
        id=f"UOF-S6-{letter.upper()}-{name}",
        title=title,
        cites=[f"{S6}({letter})"],
        applies_to="incident",
        tags=["incident-record", "uof-s6"],
        scope=record_required,
    )


# ---------------------------------------------------------------------------
# s.6(5) record items
# ---------------------------------------------------------------------------


@_item_rule("a", "REASON", "The record states the reason for the use of force")
def reason_recorded(incident: Incident, context: Context) -> Verdict:
    """Show that the record states the reason for the use of force (a code or in words)."""
    if incident.reason is not None:
        return met(
            "the record states the reason for the use of force",
            "/reason",
            reason=incident.reason.value,
        )
    if incident.reason_detail is not None:
        return met("the record states the reason for the use of force", "/reason_detail")
    return not_met(
        "the record does not state the reason for the use of force (s.6(5)(a))", "/reason"
    )


@_item_rule("b", "PLACE-DATE-DURATION", "The record states the place, date and duration")
def place_date_duration(incident: Incident, context: Context) -> Verdict:
    """Show that the record states where, when and for how long force was used."""
    missing: list[str] = []
    pointers: list[str] = []
    if incident.unit_id is None and incident.location is None:
        missing.append("place")
        pointers.append("/unit_id")
    if incident.end is None:
        missing.append("duration")
        pointers.append("/end")
    if missing:
        return not_met(
            f"the record does not state the {' or '.join(missing)} of the use of force (s.6(5)(b))",
            *pointers,
            missing=missing,
        )
    return met(
        "the record states the place, date and duration",
        "/start",
        "/end",
        minutes=incident.duration_minutes,
    )


@_item_rule("c", "TYPES", "The record states the type or types of force used")
def types_recorded(incident: Incident, context: Context) -> Verdict:
    """Show that the record lists at least one type of force used."""
    if not incident.interventions:
        return not_met(
            "the record does not state the type of force used (s.6(5)(c))", "/interventions"
        )
    return met(
        "the record states the type or types of force used",
        "/interventions",
        types=sorted({i.type.value for i in incident.interventions}),
    )


@_item_rule("d", "CARE-PLAN", "The record states whether each type of force was in the care plan")
def in_care_plan_recorded(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that the record says, for each type of force used, whether the care plan had it."""
    if not incident.interventions:
        return not_met(
            "the record states no type of force, so not whether it formed part of the care "
            "plan (s.6(5)(d))",
            "/interventions",
        )
    gaps = [
        not_met(
            "the record does not state whether this type of force formed part of the "
            "patient's care plan (s.6(5)(d))",
            f"/interventions/{i}/in_care_plan",
            type=intervention.type.value,
        )
        for i, intervention in enumerate(incident.interventions)
        if intervention.in_care_plan is None
    ]
    return gaps or met(
        "the record states for each type of force whether it formed part of the care plan",
        "/interventions",
    )


@_item_rule("e", "PATIENT-NAME", "The record gives the patient's name")
def patient_name(incident: Incident, context: Context) -> Verdict:
    """Show that the record gives the patient's name."""
    if incident.patient.name is None:
        return not_met("the record does not give the patient's name (s.6(5)(e))", "/patient/name")
    return met("the record gives the patient's name", "/patient/name")


@_item_rule("f", "DESCRIPTION", "The record describes how force was used")
def how_force_used(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that the record describes how each type of force was used."""
    if not incident.interventions:
        return not_met(
            "the record does not describe how force was used (s.6(5)(f))", "/interventions"
        )
    gaps = [
        not_met(
            "the record does not describe how this type of force was used (s.6(5)(f))",
            f"/interventions/{i}/description",
            type=intervention.type.value,
        )
        for i, intervention in enumerate(incident.interventions)
        if intervention.description is None
    ]
    return gaps or met("the record describes how each type of force was used", "/interventions")


@_item_rule("g", "IDENTIFIER", "The record gives the patient's consistent identifier")
def consistent_identifier(incident: Incident, context: Context) -> Verdict:
    """Show that the record gives the patient's NHS number, the consistent identifier."""
    if incident.patient.nhs_number is None:
        return not_met(
            "the record does not give the patient's NHS number, the consistent identifier "
            "(s.6(5)(g))",
            "/patient/nhs_number",
            has_local_id=incident.patient.local_id is not None,
        )
    return met("the record gives the patient's NHS number", "/patient/nhs_number")


@_item_rule("h", "STAFF", "The record names each member of staff who used force, with job title")
def staff_named(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that the record gives the name and job title of everyone who used force."""
    users = [(i, s) for i, s in enumerate(incident.staff) if s.used_force]
    if not users:
        return not_met("the record names no member of staff who used force (s.6(5)(h))", "/staff")
    gaps: list[Verdict] = []
    for i, person in users:
        missing = [
            field
            for field, value in (("name", person.name), ("job_title", person.job_title))
            if value is None
        ]
        if missing:
            gaps.append(
                not_met(
                    f"the record does not give the {' or '.join(missing).replace('_', ' ')} "
                    "of a person who used force (s.6(5)(h))",
                    f"/staff/{i}",
                    missing=missing,
                    staff_id=person.staff_id,
                )
            )
    return gaps or met(
        "the record gives the name and job title of everyone who used force",
        "/staff",
        people=len(users),
    )


@_item_rule("i", "NON-UNIT-REASON", "The record gives the reason any non-unit person was involved")
def non_unit_reason(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that the record says why each person from outside the unit was involved."""
    outsiders = [(i, s) for i, s in enumerate(incident.staff) if not s.unit_staff]
    if not outsiders:
        return not_applicable("the record shows no one from outside the unit was involved")
    gaps = [
        not_met(
            "the record does not give the reason a person from outside the unit was "
            "involved (s.6(5)(i))",
            f"/staff/{i}/non_unit_reason",
        )
        for i, person in outsiders
        if person.non_unit_reason is None
    ]
    return gaps or met(
        "the record gives the reason each person from outside the unit was involved", "/staff"
    )


@_item_rule("j", "MENTAL-DISORDER", "The record states the patient's mental disorder, if known")
def mental_disorder(incident: Incident, context: Context) -> Verdict:
    """Show that the record states the patient's mental disorder (required if known)."""
    if incident.patient.mental_disorder is None:
        return insufficient_evidence(
            "the record does not state the patient's mental disorder; s.6(5)(j) requires it "
            "if known, and the record cannot show whether it was known",
            "/patient/mental_disorder",
        )
    return met("the record states the patient's mental disorder", "/patient/mental_disorder")


@_item_rule("k", "CHARACTERISTICS", "The record states the patient's relevant characteristics")
def characteristics(incident: Incident, context: Context) -> Verdict:
    """Show that the record states the patient's relevant characteristics (required if known)."""
    recorded = incident.patient.characteristics
    if not recorded:
        return insufficient_evidence(
            "the record states none of the patient's relevant characteristics; s.6(5)(k) "
            "requires them if known, and the record cannot show whether they were known",
            "/patient/characteristics",
        )
    return met(
        "the record states relevant characteristics of the patient",
        "/patient/characteristics",
        characteristics=sorted({c.characteristic.value for c in recorded}),
    )


@_item_rule(
    "l", "LD-AUTISM", "The record states whether the patient has a learning disability or autism"
)
def learning_disability_autism(incident: Incident, context: Context) -> Verdict:
    """Show that the record answers both learning disability and autism (yes, no or not known)."""
    missing = [
        name
        for name, value in (
            ("learning_disability", incident.patient.learning_disability),
            ("autism", incident.patient.autism),
        )
        if value is None
    ]
    if missing:
        return not_met(
            "the record does not state whether the patient has "
            f"{' or '.join(m.replace('_', ' ') for m in missing)} (s.6(5)(l))",
            *(f"/patient/{m}" for m in missing),
            missing=missing,
        )
    return met(
        "the record states whether the patient has a learning disability or autism",
        "/patient/learning_disability",
        "/patient/autism",
    )


@_item_rule("m", "OUTCOME", "The record describes the outcome of the use of force")
def outcome(incident: Incident, context: Context) -> Verdict:
    """Show that the record describes the outcome of the use of force."""
    if incident.outcome is None:
        return not_met(
            "the record does not describe the outcome of the use of force (s.6(5)(m))",
            "/outcome",
        )
    return met("the record describes the outcome of the use of force", "/outcome")


@_item_rule(
    "n", "DEATH-INJURY", "The record states whether the patient died or was seriously injured"
)
def death_or_serious_injury(incident: Incident, context: Context) -> Verdict:
    """Show that the record states whether the patient died or was seriously injured."""
    if incident.death_or_serious_injury is None:
        return not_met(
            "the record does not state whether the patient died or suffered serious injury "
            "as a result of the use of force (s.6(5)(n))",
            "/death_or_serious_injury",
        )
    return met(
        "the record states whether the patient died or was seriously injured",
        "/death_or_serious_injury",
    )


@_item_rule("o", "AVOIDANCE", "The record states the efforts made to avoid force")
def efforts_to_avoid(incident: Incident, context: Context) -> Verdict:
    """Show that the record states what was done to avoid the need for force."""
    if incident.de_escalation:
        return met(
            "the record states the efforts made to avoid force",
            "/de_escalation",
            techniques=sorted({t.value for t in incident.de_escalation}),
        )
    if incident.de_escalation_detail is not None:
        return met("the record states the efforts made to avoid force", "/de_escalation_detail")
    return not_met(
        "the record does not state any efforts made to avoid the use of force (s.6(5)(o))",
        "/de_escalation",
    )


@_item_rule("p", "NOTIFICATION", "The record states whether the care-plan notification was sent")
def notification(incident: Incident, context: Context) -> Verdict:
    """Show that the record states whether the notification the care plan requires was sent."""
    if incident.care_plan_notification_sent is None:
        return not_met(
            "the record does not state whether the notification under the patient's care "
            "plan was sent (s.6(5)(p))",
            "/care_plan_notification_sent",
        )
    return met(
        "the record states whether the care-plan notification was sent",
        "/care_plan_notification_sent",
        answer=incident.care_plan_notification_sent.value,
    )


# ---------------------------------------------------------------------------
# Negligible force and retention
# ---------------------------------------------------------------------------


@rule(
    id="UOF-NEVER-NEGLIGIBLE",
    title="Force the guidance says is never negligible is not recorded as negligible",
    cites=["uof-act:6(3)", "uof-guidance:negligible-force"],
    applies_to="incident",
    tags=["incident-record", "negligible"],
)
def never_negligible(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that force recorded as negligible had no type the guidance says is never negligible.

    Prone, mechanical, chemical, isolation and pain-based force are never negligible.
    s.6(2) exempts negligible force from recording; s.6(3) leaves it to the
    guidance to say what negligible means, and the guidance names these types.
    """
    if not incident.negligible:
        return not_applicable("the force is not recorded as negligible")
    wrong = _never_negligible(incident)
    if wrong:
        return [
            not_met(
                "the force is recorded as negligible but includes a type the guidance says is "
                "never negligible (prone, mechanical, chemical, isolation or pain-based)",
                f"/interventions/{i}",
                type=incident.interventions[i].type.value,
                pain_inducing=bool(incident.interventions[i].pain_inducing),
            )
            for i in wrong
        ]
    return met(
        "the force recorded as negligible includes no type that is never negligible",
        "/negligible",
    )


@rule(
    id="UOF-RECORD-RETENTION",
    title="Use-of-force records are kept for 3 years from the date they were made",
    cites=["uof-act:6(6)"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="retention_years",
            default=3,
            description="Years a record must be kept from the date it was made (s.6(6)).",
            confirmed=True,
        )
    ],
    tags=["incident-record", "retention"],
)
def record_retention(incident: Incident, context: Context) -> Verdict:
    """Show that the record is still within its retention period and is held, as it must be."""
    made = incident.recorded_at.date()
    years: int = context.param("retention_years")
    retain_until = add_months(made, 12 * years)
    if made > context.as_of:
        return not_applicable("the record was made after the as-of date", "/recorded_at")
    if context.as_of > retain_until:
        return not_applicable(
            "the retention period has ended; the record may be deleted",
            "/recorded_at",
            retain_until=retain_until.isoformat(),
        )
    return met(
        "the record is held and must be kept until the end of its retention period",
        "/recorded_at",
        retain_until=retain_until.isoformat(),
    )


# ---------------------------------------------------------------------------
# Organisation duties: s.2 responsible person, s.3 policy, s.5 training
# ---------------------------------------------------------------------------


@rule(
    id="UOF-S2-RESPONSIBLE-PERSON",
    title="An organisation operating a mental health unit has appointed a responsible person",
    cites=["uof-act:2(1)", "uof-act:2(3)"],
    applies_to="organisation",
    tags=["organisation-duty"],
)
def responsible_person(organisation: Organisation, context: Context) -> Verdict:
    """Show that an organisation operating a mental health unit records its responsible person."""
    if not _has_mh_unit(organisation):
        return not_applicable("the organisation operates no mental health unit")
    if organisation.responsible_person is None:
        return not_met(
            "the organisation operates a mental health unit but records no responsible "
            "person (s.2(1))",
            "/responsible_person",
        )
    return met("the organisation records its responsible person", "/responsible_person")


@rule(
    id="UOF-S3-POLICY-PUBLISHED",
    title="The organisation has published a policy on the use of force",
    cites=["uof-act:3(1)"],
    applies_to="organisation",
    tags=["organisation-duty", "policy"],
)
def policy_published(organisation: Organisation, context: Context) -> Verdict:
    """Show that the organisation had published its use-of-force policy by the as-of date."""
    if not _has_mh_unit(organisation):
        return not_applicable("the organisation operates no mental health unit")
    policy = organisation.use_of_force_policy
    if policy is None:
        return not_met(
            "the organisation records no policy on the use of force (s.3(1))",
            "/use_of_force_policy",
        )
    if policy.published_on is None or policy.published_on > context.as_of:
        return not_met(
            "the use-of-force policy had not been published by the as-of date (s.3(1))",
            "/use_of_force_policy/published_on",
        )
    return met(
        "the use-of-force policy is published",
        "/use_of_force_policy/published_on",
        published_on=policy.published_on.isoformat(),
    )


@rule(
    id="UOF-S3-POLICY-CONSULTED",
    title="The organisation consulted before publishing its use-of-force policy",
    cites=["uof-act:3(3)"],
    applies_to="organisation",
    tags=["organisation-duty", "policy"],
)
def policy_consulted(organisation: Organisation, context: Context) -> Verdict:
    """Show that the organisation consulted on its use-of-force policy before publishing it."""
    if not _has_mh_unit(organisation):
        return not_applicable("the organisation operates no mental health unit")
    policy = organisation.use_of_force_policy
    if policy is None or policy.consultation_held is None:
        return insufficient_evidence(
            "the organisation's records do not say whether it consulted on a use-of-force policy",
            "/use_of_force_policy",
        )
    if not policy.consultation_held:
        return not_met(
            "the organisation did not consult before publishing its use-of-force policy (s.3(3))",
            "/use_of_force_policy/consultation_held",
        )
    return met(
        "the organisation consulted on its use-of-force policy",
        "/use_of_force_policy/consultation_held",
    )


@rule(
    id="UOF-S3-POLICY-REVIEWED",
    title="The use-of-force policy is kept under review",
    cites=["uof-act:3(4)"],
    applies_to="organisation",
    parameters=[
        Parameter(
            name="policy_review_months",
            default=12,
            description="Longest time since the policy was last published or reviewed.",
            confirmed=False,
        )
    ],
    tags=["organisation-duty", "policy"],
)
def policy_reviewed(organisation: Organisation, context: Context) -> Verdict:
    """Show that the policy was published or last reviewed within the review interval."""
    if not _has_mh_unit(organisation):
        return not_applicable("the organisation operates no mental health unit")
    policy = organisation.use_of_force_policy
    dates = [
        d
        for d in (
            None if policy is None else policy.last_reviewed_on,
            None if policy is None else policy.published_on,
        )
        if d is not None and d <= context.as_of
    ]
    if not dates:
        return insufficient_evidence(
            "the organisation's records give no publication or review date for a "
            "use-of-force policy",
            "/use_of_force_policy",
        )
    latest = max(dates)
    months: int = context.param("policy_review_months")
    due = add_months(latest, months)
    evidence = {"last_reviewed_on": latest.isoformat(), "review_due": due.isoformat()}
    if context.as_of > due:
        return not_met(
            f"the use-of-force policy has not been reviewed in the last {months} months (s.3(4))",
            "/use_of_force_policy/last_reviewed_on",
            **evidence,
        )
    return met(
        "the use-of-force policy was reviewed within the review interval",
        "/use_of_force_policy/last_reviewed_on",
        **evidence,
    )


@rule(
    id="UOF-S5-TRAINING-TOPICS",
    title="Restrictive-intervention courses cover the eleven s.5(2) topics",
    cites=["uof-act:5(2)"],
    applies_to="course",
    tags=["training"],
)
def training_topics(course: Course, context: Context) -> Verdict:
    """Show that a course with a restrictive component covers every topic s.5(2)(a)-(k) lists."""
    if not course.restrictive_component:
        return not_applicable("the course teaches no restrictive technique")
    covered = course.content_areas
    missing = [area.value for area in UOF_TOPICS if area not in covered]
    if missing:
        return not_met(
            f"the course does not cover {len(missing)} of the eleven s.5(2) topics",
            "/modules",
            missing=missing,
        )
    return met("the course covers all eleven s.5(2) topics", "/modules")


@rule(
    id="UOF-S5-REFRESHER",
    title="Staff with patient contact have had use-of-force training within the refresher interval",
    cites=["uof-act:5(3)", "uof-act:5(5)"],
    applies_to="organisation",
    parameters=[
        Parameter(
            name="refresher_interval_months",
            default=12,
            description="Longest time since a staff member last attended training.",
            confirmed=False,
        ),
        Parameter(
            name="new_starter_grace_days",
            default=90,
            description="Days after starting before a new member of staff must be trained.",
            confirmed=False,
        ),
    ],
    tags=["training", "organisation-duty"],
)
def refresher_training(organisation: Organisation, context: Context) -> list[Verdict]:
    """Show that each member of staff with patient contact attended training recently enough."""
    if not _has_mh_unit(organisation):
        return [not_applicable("the organisation operates no mental health unit")]
    non_mh_units = {u.id for u in organisation.units if not u.is_mental_health_unit}
    months: int = context.param("refresher_interval_months")
    grace = dt.timedelta(days=context.param("new_starter_grace_days"))
    earliest = add_months(context.as_of, -months)
    verdicts: list[Verdict] = []
    missing = no_training_evidence(context, organisation.id, "/workforce")
    for i, member in enumerate(organisation.workforce):
        if member.staff_group in NO_CONTACT_GROUPS or member.unit_id in non_mh_units:
            continue
        if not member.in_post(context.as_of):
            continue
        if missing is not None:
            return [missing]
        pointer = f"/workforce/{i}"
        last = last_training(context, organisation.id, member.staff_id, context.as_of)
        evidence = {
            "staff_id": member.staff_id,
            "last_training": None if last is None else last.isoformat(),
        }
        if last is not None and last >= earliest:
            verdicts.append(
                met(
                    "the member of staff attended training within the interval", pointer, **evidence
                )
            )
        elif context.as_of - member.start_date <= grace:
            verdicts.append(
                not_applicable(
                    "the member of staff started recently and is not yet due training",
                    pointer,
                    **evidence,
                )
            )
        else:
            verdicts.append(
                not_met(
                    f"the member of staff has not attended training in the last {months} "
                    "months (s.5(5))",
                    pointer,
                    **evidence,
                )
            )
    return verdicts or [not_applicable("no member of staff with patient contact is recorded")]


RULES: tuple[Rule, ...] = (
    reason_recorded,
    place_date_duration,
    types_recorded,
    in_care_plan_recorded,
    patient_name,
    how_force_used,
    consistent_identifier,
    staff_named,
    non_unit_reason,
    mental_disorder,
    characteristics,
    learning_disability_autism,
    outcome,
    death_or_serious_injury,
    efforts_to_avoid,
    notification,
    never_negligible,
    record_retention,
    responsible_person,
    policy_published,
    policy_consulted,
    policy_reviewed,
    training_topics,
    refresher_training,
)
"""Every Use of Force Act rule, in evaluation order."""

UOF_ACT = RuleSet(id="uof-act", version="1", rules=RULES)
"""The Use of Force Act rule set."""
