"""The Use of Force Act s.6 record: the items of s.6(5)(a)-(p), negligible force, retention.

Citations follow the Act as published on legislation.gov.uk (text of s.6(1)-(6)
seen 2026-12-04): the record items are s.6(5)(a)-(p), the three-year retention
is s.6(6), and s.6(2) exempts negligible force. Messages say what is missing
or wrong, never the value of a sensitive field.
"""

from __future__ import annotations

from collections.abc import Callable

from rrnkit.model import Incident
from rrnkit.model.codes import ProtectedCharacteristic, YesNoUnknown
from rrnkit.model.values import add_months
from rrnkit.rules import (
    READS_SENSITIVE,
    Check,
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
from rrnkit.rules._training import unit_force_users
from rrnkit.rules.packs.uof_act._duties import in_mh_unit

S6 = "uof-act:6(5)"
"""The subsection listing what a use-of-force record must include."""

RELEVANT_CHARACTERISTICS: tuple[str, ...] = tuple(c.value for c in ProtectedCharacteristic)
"""The default reading of s.6(5)(k)'s "relevant characteristics": the nine protected
characteristics of the Equality Act 2010 s.4."""


def record_required(incident: Incident, context: Context) -> Verdict | None:
    """Rule out records s.6 does not require (the s.6(5) rules' scope); else return None.

    Negligible force (s.6(2)) needs no record unless it includes a type the
    guidance says is never negligible; nor does force used outside a mental
    health unit.
    """
    if incident.negligible and not never_negligible_items(incident):
        return not_applicable("the force was recorded as negligible, so s.6(1) does not apply")
    return in_mh_unit(incident, context)


def never_negligible_items(incident: Incident) -> list[int]:
    """Indexes of interventions of a type that is never negligible, or that used pain."""
    return [
        i
        for i, intervention in enumerate(incident.interventions)
        if intervention.type.never_negligible or intervention.pain_inducing
    ]


def _item_rule(
    letter: str, name: str, title: str, reading: str, *, reads_sensitive: bool = False
) -> Callable[[Check], Rule]:
    """Declare the rule for s.6(5)(letter), scoped to records s.6 requires.

    ``reads_sensitive`` tags a rule that reads a field the model marks
    sensitive (:data:`~rrnkit.rules.READS_SENSITIVE`): pseudonymisation removes
    those, so the rule finds them missing in a pseudonymised copy.
    """
    return rule(
        id=f"UOF-S6-{letter.upper()}-{name}",
        title=title,
        cites=[f"{S6}({letter})"],
        applies_to="incident",
        tags=["incident-record", "uof-s6", *([READS_SENSITIVE] if reads_sensitive else [])],
        scope=record_required,
        reading=reading,
    )


_SCOPE_NOTE = (
    " Records of negligible force (s.6(2)) and of force outside a mental health unit are "
    "not applicable."
)


@_item_rule(
    "a",
    "REASON",
    "The record states the reason for the use of force",
    "(a) 'the reason for the use of force': met by an MHSDS reason code or the reason in "
    "words. Whether the reason was lawful or proportionate is not checked." + _SCOPE_NOTE,
    reads_sensitive=True,
)
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


@_item_rule(
    "b",
    "PLACE-DATE-DURATION",
    "The record states the place, date and duration",
    "(b) 'the place, date and duration of the use of force'. The place is the unit or a "
    "location in words; the date is the start. The duration is stated when the incident "
    "records its end, or when every intervention records its start and end (then it runs "
    "from the earliest start to the latest end)." + _SCOPE_NOTE,
    reads_sensitive=True,
)
def place_date_duration(incident: Incident, context: Context) -> Verdict:
    """Show that the record states where, when and for how long force was used."""
    missing: list[str] = []
    pointers: list[str] = []
    if incident.unit_id is None and incident.location is None:
        missing.append("place")
        pointers.append("/unit_id")
    span = incident.stated_span
    if span is None:
        missing.append("duration")
        pointers.append("/end")
    if missing:
        return not_met(
            f"the record does not state the {' or '.join(missing)} of the use of force (s.6(5)(b))",
            *pointers,
            missing=missing,
        )
    assert span is not None
    start, end = span
    return met(
        "the record states the place, date and duration",
        "/start",
        "/end" if incident.end is not None else "/interventions",
        minutes=int((end - start).total_seconds() // 60),
    )


@_item_rule(
    "c",
    "TYPES",
    "The record states the type or types of force used",
    "(c) 'the type or types of force used on the patient': met when the record lists at "
    "least one intervention with its MHSDS type." + _SCOPE_NOTE,
)
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


@_item_rule(
    "d",
    "CARE-PLAN",
    "The record states whether each type of force was in the care plan",
    "(d) 'whether the type or types of force used ... formed part of the patient's care "
    "plan': every intervention must answer yes or no." + _SCOPE_NOTE,
)
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


@_item_rule(
    "e",
    "PATIENT-NAME",
    "The record gives the patient's name",
    "(e) 'name of the patient on whom force was used'. Pseudonymised research copies "
    "carry no name and fail this item by design: judge the source records." + _SCOPE_NOTE,
    reads_sensitive=True,
)
def patient_name(incident: Incident, context: Context) -> Verdict:
    """Show that the record gives the patient's name."""
    if incident.patient.name is None:
        return not_met("the record does not give the patient's name (s.6(5)(e))", "/patient/name")
    return met("the record gives the patient's name", "/patient/name")


@_item_rule(
    "f",
    "DESCRIPTION",
    "The record describes how force was used",
    "(f) 'a description of how force was used': every intervention needs its own "
    "description in words." + _SCOPE_NOTE,
    reads_sensitive=True,
)
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


@_item_rule(
    "g",
    "IDENTIFIER",
    "The record gives the patient's consistent identifier",
    "(g) 'the patient's consistent identifier': read as the NHS number (the consistent "
    "identifier in NHS care); a local identifier alone does not meet it." + _SCOPE_NOTE,
    reads_sensitive=True,
)
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


@_item_rule(
    "h",
    "STAFF",
    "The record names each member of staff who used force, with job title",
    "(h) 'the name and job title of any member of staff who used force on the patient'. "
    "A person who is not a member of the unit's staff (police, a contractor) falls under "
    "(i), which asks the reason for their involvement instead, so they are not judged "
    "here. A record that names no one at all who used force is not met; one where only "
    "people from outside the unit used force is not applicable." + _SCOPE_NOTE,
    reads_sensitive=True,
)
def staff_named(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that the record gives the name and job title of every member of staff who used force."""
    if not any(s.used_force for s in incident.staff):
        return not_met("the record names no one who used force (s.6(5)(h))", "/staff")
    users = unit_force_users(incident)
    if not users:
        return not_applicable(
            "only people from outside the unit used force; s.6(5)(i) covers them", "/staff"
        )
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
                    "of a member of staff who used force (s.6(5)(h))",
                    f"/staff/{i}",
                    missing=missing,
                    staff_id=person.staff_id,
                )
            )
    return gaps or met(
        "the record gives the name and job title of every member of staff who used force",
        "/staff",
        people=len(users),
    )


@_item_rule(
    "i",
    "NON-UNIT-REASON",
    "The record gives the reason any non-unit person was involved",
    "(i) 'the reason any person who was not a member of staff in the mental health unit "
    "was involved in the use of force': every such person needs a reason; not applicable "
    "when no one from outside the unit was involved." + _SCOPE_NOTE,
    reads_sensitive=True,
)
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


@_item_rule(
    "j",
    "MENTAL-DISORDER",
    "The record states the patient's mental disorder, if known",
    "(j) 'the patient's mental disorder (if known)': met when the record states the "
    "disorder, or states that it is not known. When it does neither, the record cannot "
    "show whether the disorder was known, so the evidence is insufficient." + _SCOPE_NOTE,
    reads_sensitive=True,
)
def mental_disorder(incident: Incident, context: Context) -> Verdict:
    """Show that the record states the patient's mental disorder, or that it is not known."""
    if incident.patient.mental_disorder is not None:
        return met("the record states the patient's mental disorder", "/patient/mental_disorder")
    if incident.patient.mental_disorder_not_known:
        return met(
            "the record states the patient's mental disorder is not known",
            "/patient/mental_disorder_not_known",
        )
    return insufficient_evidence(
        "the record does not state the patient's mental disorder; s.6(5)(j) requires it "
        "if known, and the record cannot show whether it was known",
        "/patient/mental_disorder",
    )


@rule(
    id="UOF-S6-K-CHARACTERISTICS",
    title="The record states each relevant characteristic of the patient, if known",
    cites=[f"{S6}(k)", "equality-act:4"],
    applies_to="incident",
    tags=["incident-record", "uof-s6"],
    scope=record_required,
    parameters=[
        Parameter(
            name="relevant_characteristics",
            default=RELEVANT_CHARACTERISTICS,
            description="Characteristic codes read as s.6(5)(k)'s 'relevant characteristics'.",
            confirmed=False,
            choices=ProtectedCharacteristic,
            min_items=1,
        )
    ],
    reading=(
        "(k) 'the relevant characteristics of the patient (if known)'. Each relevant "
        "characteristic must be stated, or stated as not known; one recorded characteristic "
        "does not stand for the others. The Act's own definition of 'relevant "
        "characteristics' was not seen at its source: by default rrnkit reads them as the "
        "nine protected characteristics of the Equality Act 2010 s.4, a parameter so a "
        "corrected list is a one-line change. A characteristic neither stated nor marked not "
        "known leaves the evidence insufficient (the record cannot show whether it was "
        "known), never met." + _SCOPE_NOTE
    ),
)
def characteristics(incident: Incident, context: Context) -> Verdict:
    """Show that the record states each relevant characteristic, or that it is not known."""
    wanted: tuple[str, ...] = context.param("relevant_characteristics")
    stated = {c.characteristic.value for c in incident.patient.characteristics}
    unknown = {c.value for c in incident.patient.characteristics_not_known}
    silent = [c for c in wanted if c not in stated and c not in unknown]
    evidence = {
        "stated": sorted(stated & set(wanted)),
        "not_known": sorted(unknown & set(wanted)),
    }
    if silent:
        return insufficient_evidence(
            f"the record neither states nor marks as not known {len(silent)} of the "
            f"{len(wanted)} relevant characteristics; s.6(5)(k) requires each if known",
            "/patient/characteristics",
            silent=silent,
            **evidence,
        )
    return met(
        "the record states each relevant characteristic of the patient or that it is not known",
        "/patient/characteristics",
        **evidence,
    )


@_item_rule(
    "l",
    "LD-AUTISM",
    "The record states whether the patient has a learning disability or autism",
    "(l) 'whether the patient has a learning disability or autistic spectrum disorders'. "
    "Unlike (j) and (k), (l) carries no '(if known)': each of the two must be answered "
    "yes or no. 'Not known' does not state what (l) requires, so it is not met." + _SCOPE_NOTE,
)
def learning_disability_autism(incident: Incident, context: Context) -> Verdict:
    """Show that the record answers yes or no for both learning disability and autism."""
    answers = (
        ("learning_disability", incident.patient.learning_disability),
        ("autism", incident.patient.autism),
    )
    missing = [name for name, value in answers if value is None]
    unknown = [name for name, value in answers if value is YesNoUnknown.NOT_KNOWN]
    if missing or unknown:
        gaps = missing + unknown
        return not_met(
            "the record does not state whether the patient has "
            f"{' or '.join(m.replace('_', ' ') for m in gaps)} (s.6(5)(l) has no 'if known')",
            *(f"/patient/{m}" for m in gaps),
            missing=missing,
            not_known=unknown,
        )
    return met(
        "the record states whether the patient has a learning disability or autism",
        "/patient/learning_disability",
        "/patient/autism",
    )


@_item_rule(
    "m",
    "OUTCOME",
    "The record describes the outcome of the use of force",
    "(m) 'a description of the outcome of the use of force': met by an outcome in "
    "words." + _SCOPE_NOTE,
    reads_sensitive=True,
)
def outcome(incident: Incident, context: Context) -> Verdict:
    """Show that the record describes the outcome of the use of force."""
    if incident.outcome is None:
        return not_met(
            "the record does not describe the outcome of the use of force (s.6(5)(m))",
            "/outcome",
        )
    return met("the record describes the outcome of the use of force", "/outcome")


@_item_rule(
    "n",
    "DEATH-INJURY",
    "The record states whether the patient died or was seriously injured",
    "(n) 'whether the patient died or suffered any serious injury as a result of the use "
    "of force': the record must answer yes or no." + _SCOPE_NOTE,
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


@_item_rule(
    "o",
    "AVOIDANCE",
    "The record states the efforts made to avoid force",
    "(o) 'any efforts made to avoid the need to use force': met by coded de-escalation "
    "techniques or a description in words. A record stating no effort at all is not met: "
    "rrnkit cannot tell 'none were made' from 'none were recorded'." + _SCOPE_NOTE,
    reads_sensitive=True,
)
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


@_item_rule(
    "p",
    "NOTIFICATION",
    "The record states whether the care-plan notification was sent",
    "(p) 'whether a notification regarding the use of force was sent to the person or "
    "persons (if any) to be notified under the patient's care plan'. Not applicable when "
    "the record states the care plan names no one to notify ('(if any)'); otherwise the "
    "record must answer yes or no. There is no '(if known)': 'not known' is not met." + _SCOPE_NOTE,
)
def notification(incident: Incident, context: Context) -> Verdict:
    """Show that the record states whether the notification the care plan requires was sent."""
    if incident.care_plan_names_someone_to_notify is False:
        return not_applicable(
            "the patient's care plan names no one to be notified",
            "/care_plan_names_someone_to_notify",
        )
    answer = incident.care_plan_notification_sent
    if answer is None or answer is YesNoUnknown.NOT_KNOWN:
        return not_met(
            "the record does not state whether the notification under the patient's care "
            "plan was sent (s.6(5)(p))",
            "/care_plan_notification_sent",
            answer=None if answer is None else answer.value,
        )
    return met(
        "the record states whether the care-plan notification was sent",
        "/care_plan_notification_sent",
        answer=answer.value,
    )


@rule(
    id="UOF-NEVER-NEGLIGIBLE",
    title="Force the guidance says is never negligible is not recorded as negligible",
    cites=["uof-act:6(3)", "uof-guidance:negligible-force"],
    applies_to="incident",
    tags=["incident-record", "negligible"],
    scope=in_mh_unit,
    reading=(
        "s.6(2) exempts negligible force from recording and s.6(3) leaves 'negligible' to "
        "the guidance. rrnkit reads prone, mechanical, chemical, isolation and pain-based "
        "force as never negligible; that list is a reported reading of the guidance (not "
        "seen at its source). Force not recorded as negligible is not applicable."
    ),
)
def never_negligible(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that force recorded as negligible had no type the guidance says is never negligible."""
    if not incident.negligible:
        return not_applicable("the force is not recorded as negligible")
    wrong = never_negligible_items(incident)
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
            minimum=1,
        )
    ],
    tags=["incident-record", "retention"],
    scope=record_required,
    reading=(
        "s.6(6): 'keep the record for 3 years from the date on which it was made'. The "
        "record was made at recorded_at. Not met when the records system deleted it, or "
        "schedules its deletion, before the end of that period. Met when the record is "
        "held at the as-of date inside the period with no earlier deletion scheduled; when "
        "the record carries no retention data, its presence in the evidence is taken as "
        "held on the as-of date (the evidence says 'retention' is unrecorded). Not "
        "applicable once the period has ended or before the record was made."
    ),
)
def record_retention(incident: Incident, context: Context) -> Verdict:
    """Show that the record is held, and not set to be deleted, until its period ends."""
    made = incident.recorded_at.date()
    years: int = context.param("retention_years")
    retain_until = add_months(made, 12 * years)
    evidence = {"retain_until": retain_until.isoformat()}
    retention = incident.retention
    if retention is not None and retention.deleted_on is not None:
        if retention.deleted_on < retain_until:
            return not_met(
                f"the record was deleted before the end of its {years}-year retention period "
                "(s.6(6))",
                "/retention/deleted_on",
                deleted_on=retention.deleted_on.isoformat(),
                **evidence,
            )
        return met(
            "the record was kept for its whole retention period",
            "/retention/deleted_on",
            **evidence,
        )
    if made > context.as_of:
        return not_applicable("the record was made after the as-of date", "/recorded_at")
    scheduled = None if retention is None else retention.delete_after
    if scheduled is not None and scheduled < retain_until:
        return not_met(
            f"the record is set to be deleted before the end of its {years}-year "
            "retention period (s.6(6))",
            "/retention/delete_after",
            delete_after=scheduled.isoformat(),
            **evidence,
        )
    if context.as_of > retain_until:
        return not_applicable(
            "the retention period has ended; the record may be deleted",
            "/recorded_at",
            **evidence,
        )
    return met(
        "the record is held, and no deletion is set before its retention period ends",
        "/retention" if retention is not None else "/recorded_at",
        retention_recorded=retention is not None,
        **evidence,
    )


RECORD_RULES: tuple[Rule, ...] = (
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
)
"""The s.6 record rules, in evaluation order."""
