"""Use of Force Act duties beyond the record and training.

The s.2 responsible person, the s.3 policy, s.4 information for patients, s.9
investigations, and the statutory guidance's ban on force intended to cause pain.
"""

from __future__ import annotations

import datetime as dt

from rrnkit.model import Incident, InterventionType, Organisation, Seniority
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


def has_mh_unit(organisation: Organisation) -> bool:
    """Tell whether the organisation operates a mental health unit (Act s.1(3))."""
    return any(unit.is_mental_health_unit for unit in organisation.units)


def operates_mh_unit(organisation: Organisation, context: Context) -> Verdict | None:
    """Rule out organisations that operate no mental health unit (the duties' scope)."""
    if not has_mh_unit(organisation):
        return not_applicable("the organisation operates no mental health unit")
    return None


def in_mh_unit(incident: Incident, context: Context) -> Verdict | None:
    """Rule out incidents in a unit the organisation records as not a mental health unit."""
    organisation = context.index.get("organisation", incident.organisation_id)
    if isinstance(organisation, Organisation) and incident.unit_id is not None:
        for unit in organisation.units:
            if unit.id == incident.unit_id and not unit.is_mental_health_unit:
                return not_applicable("the incident's unit is not a mental health unit")
    return None


_ORG_SCOPE = " Not applicable to an organisation that operates no mental health unit."


# ---------------------------------------------------------------------------
# s.2 responsible person
# ---------------------------------------------------------------------------


@rule(
    id="UOF-S2-RESPONSIBLE-PERSON",
    title="An organisation operating a mental health unit has appointed a responsible person",
    cites=["uof-act:2(1)", "uof-act:2(3)"],
    applies_to="organisation",
    tags=["organisation-duty"],
    scope=operates_mh_unit,
    reading=(
        "s.2(1): an organisation that operates a mental health unit 'must appoint a "
        "responsible person for that unit'; s.2(3): the same person for every unit it "
        "operates, which the format holds as one responsible person per organisation. Met "
        "when one is recorded; s.2(2) (employment and seniority) is judged by "
        "UOF-S2-SENIORITY." + _ORG_SCOPE
    ),
)
def responsible_person(organisation: Organisation, context: Context) -> Verdict:
    """Show that an organisation operating a mental health unit records its responsible person."""
    if organisation.responsible_person is None:
        return not_met(
            "the organisation operates a mental health unit but records no responsible "
            "person (s.2(1))",
            "/responsible_person",
        )
    return met("the organisation records its responsible person", "/responsible_person")


@rule(
    id="UOF-S2-SENIORITY",
    title="The responsible person is employed by the organisation and senior enough",
    cites=["uof-act:2(2)"],
    applies_to="organisation",
    tags=["organisation-duty"],
    scope=operates_mh_unit,
    parameters=[
        Parameter(
            name="appropriate_seniority",
            default=(Seniority.BOARD.value,),
            description="Seniority codes read as s.2(2)'s 'appropriate level of seniority'.",
            confirmed=False,
            choices=Seniority,
            min_items=1,
        )
    ],
    reading=(
        "s.2(2): the responsible person must be employed by the organisation and be of an "
        "appropriate level of seniority. Employment is shown by the record's own answer, or "
        "by the person's staff id naming a member of the workforce in post on the as-of "
        "date. 'Appropriate' is not defined by the Act: the levels accepted are a parameter, "
        "by default board level (a reported reading of the statutory guidance: 'board level "
        "or equivalent'). Unanswered employment or seniority leaves the evidence "
        "insufficient." + _ORG_SCOPE
    ),
)
def responsible_person_seniority(organisation: Organisation, context: Context) -> Verdict:
    """Show that the responsible person is employed by the organisation at an accepted level."""
    person = organisation.responsible_person
    if person is None:
        return not_applicable(
            "no responsible person is recorded (see UOF-S2-RESPONSIBLE-PERSON)",
            "/responsible_person",
        )
    employed = person.employed_by_organisation
    if employed is None and person.staff_id is not None:
        member = organisation.staff(person.staff_id)
        if member is not None and member.in_post(context.as_of):
            employed = True
    accepted: tuple[str, ...] = context.param("appropriate_seniority")
    level = None if person.seniority is None else person.seniority.value
    evidence = {"employed": employed, "seniority": level, "accepted": list(accepted)}
    failures: list[str] = []
    pointers: list[str] = []
    if employed is False:
        failures.append("not employed by the organisation")
        pointers.append("/responsible_person/employed_by_organisation")
    if level is not None and level not in accepted:
        failures.append("not of an accepted level of seniority")
        pointers.append("/responsible_person/seniority")
    if failures:
        return not_met(
            f"the responsible person is {' and '.join(failures)} (s.2(2))", *pointers, **evidence
        )
    if employed is None or level is None:
        return insufficient_evidence(
            "the record does not show whether the responsible person is employed by the "
            "organisation and at what level of seniority",
            "/responsible_person",
            **evidence,
        )
    return met(
        "the responsible person is employed by the organisation at an accepted level",
        "/responsible_person",
        **evidence,
    )


# ---------------------------------------------------------------------------
# s.3 policy
# ---------------------------------------------------------------------------


@rule(
    id="UOF-S3-POLICY-PUBLISHED",
    title="The organisation has published a policy on the use of force",
    cites=["uof-act:3(1)"],
    applies_to="organisation",
    tags=["organisation-duty", "policy"],
    scope=operates_mh_unit,
    reading=(
        "s.3(1): a policy regarding the use of force by staff who work in the unit must be "
        "published. Met when a policy's publication date is on or before the as-of date."
        + _ORG_SCOPE
    ),
)
def policy_published(organisation: Organisation, context: Context) -> Verdict:
    """Show that the organisation had published its use-of-force policy by the as-of date."""
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
    id="UOF-S3-REDUCTION-STEPS",
    title="The use-of-force policy sets out the steps taken to reduce the use of force",
    cites=["uof-act:3"],
    applies_to="organisation",
    tags=["organisation-duty", "policy"],
    scope=operates_mh_unit,
    reading=(
        "s.3: the policy must set out the steps the organisation takes to reduce the use of "
        "force (a reported reading; the subsection number was not seen, so the rule cites "
        "the section). Met when the policy record says it does; not met when it says it "
        "does not or there is no policy; insufficient when the record does not say. "
        "Whether the steps are good ones is not checked." + _ORG_SCOPE
    ),
)
def policy_reduction_steps(organisation: Organisation, context: Context) -> Verdict:
    """Show that the policy sets out the steps taken to reduce the use of force."""
    policy = organisation.use_of_force_policy
    if policy is None:
        return not_met(
            "the organisation records no policy on the use of force", "/use_of_force_policy"
        )
    pointer = "/use_of_force_policy/sets_out_reduction_steps"
    if policy.sets_out_reduction_steps is None:
        return insufficient_evidence(
            "the record does not say whether the policy sets out steps to reduce the use of force",
            pointer,
        )
    if not policy.sets_out_reduction_steps:
        return not_met(
            "the policy does not set out steps to reduce the use of force (s.3)", pointer
        )
    return met("the policy sets out the steps taken to reduce the use of force", pointer)


@rule(
    id="UOF-S3-ONE-POLICY",
    title="One use-of-force policy covers every mental health unit the organisation operates",
    cites=["uof-act:3(2)"],
    applies_to="organisation",
    tags=["organisation-duty", "policy"],
    scope=operates_mh_unit,
    reading=(
        "s.3(2): where an organisation operates more than one mental health unit, one "
        "policy covers them all. Met when the policy's units include every mental health "
        "unit the organisation records; not met when any is left out or there is no "
        "policy; insufficient when the policy does not say which units it covers." + _ORG_SCOPE
    ),
)
def one_policy(organisation: Organisation, context: Context) -> Verdict:
    """Show that the one policy covers every mental health unit of the organisation."""
    units = [u.id for u in organisation.units if u.is_mental_health_unit]
    if len(units) < 2:
        return not_applicable(
            "the organisation operates one mental health unit, so s.3(2) does not arise",
            "/units",
        )
    policy = organisation.use_of_force_policy
    if policy is None:
        return not_met(
            "the organisation records no policy on the use of force", "/use_of_force_policy"
        )
    if not policy.unit_ids:
        return insufficient_evidence(
            "the policy does not say which units it covers", "/use_of_force_policy/unit_ids"
        )
    left_out = [u for u in units if u not in policy.unit_ids]
    if left_out:
        return not_met(
            "the use-of-force policy does not cover every mental health unit (s.3(2))",
            "/use_of_force_policy/unit_ids",
            units_left_out=left_out,
        )
    return met(
        "one use-of-force policy covers every mental health unit",
        "/use_of_force_policy/unit_ids",
        units=units,
    )


@rule(
    id="UOF-S3-POLICY-CONSULTED",
    title="The organisation consulted before publishing its use-of-force policy",
    cites=["uof-act:3(3)"],
    applies_to="organisation",
    tags=["organisation-duty", "policy"],
    scope=operates_mh_unit,
    reading=(
        "s.3(3): the organisation must consult before publishing the policy. Met or not met "
        "on the record's answer; insufficient when it gives none. Who was consulted is not "
        "checked." + _ORG_SCOPE
    ),
)
def policy_consulted(organisation: Organisation, context: Context) -> Verdict:
    """Show that the organisation consulted on its use-of-force policy before publishing it."""
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
            minimum=1,
        )
    ],
    tags=["organisation-duty", "policy"],
    scope=operates_mh_unit,
    reading=(
        "s.3(4): the policy must be kept under review. The Act sets no interval: the "
        "longest time since the last publication or review is a parameter (12 months, "
        "rrnkit's choice)." + _ORG_SCOPE
    ),
)
def policy_reviewed(organisation: Organisation, context: Context) -> Verdict:
    """Show that the policy was published or last reviewed within the review interval."""
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


# ---------------------------------------------------------------------------
# s.4 information for patients; s.9 deaths and serious injuries; pain
# ---------------------------------------------------------------------------


@rule(
    id="UOF-S4-PATIENT-INFORMATION",
    title="The patient was given information about their rights, unless they refused it",
    cites=["uof-act:4"],
    applies_to="incident",
    tags=["incident-record", "patient-information"],
    scope=in_mh_unit,
    reading=(
        "s.4: information about their rights in relation to the use of force is provided to "
        "each patient, unless the patient refuses it. rrnkit sees patients through their "
        "use-of-force records, so it judges each record: met when the information was "
        "given on or before the as-of date, or refused; not met when the record says it was "
        "not given; insufficient when the record does not say. When it was given (on "
        "admission, or later) is not judged."
    ),
)
def patient_information(incident: Incident, context: Context) -> Verdict:
    """Show that the patient was given information about their rights, or refused it."""
    info = incident.patient.rights_information
    pointer = "/patient/rights_information"
    if info is None:
        return insufficient_evidence(
            "the record does not say whether the patient was given information about their rights",
            pointer,
        )
    if info.refused:
        return met("the patient refused the information about their rights", f"{pointer}/refused")
    if info.given_on is None or info.given_on > context.as_of:
        return not_met(
            "the patient was not given information about their rights (s.4)", f"{pointer}/given_on"
        )
    return met(
        "the patient was given information about their rights",
        f"{pointer}/given_on",
        given_on=info.given_on.isoformat(),
    )


@rule(
    id="UOF-S9-INVESTIGATION",
    title="A death or serious injury is investigated with regard to the guidance",
    cites=["uof-act:9"],
    applies_to="incident",
    tags=["incident-record", "investigation"],
    scope=in_mh_unit,
    parameters=[
        Parameter(
            name="investigation_record_days",
            default=30,
            description="Days after the incident by which the record should show an investigation.",
            confirmed=False,
            minimum=0,
        )
    ],
    reading=(
        "s.9: when a patient dies or suffers a serious injury in a mental health unit, the "
        "responsible person must have regard to the guidance on investigating deaths and "
        "serious injuries. 'Having regard' cannot be read from a record; what can is an "
        "investigation (its reference and the date it was commissioned). Not applicable "
        "unless the record says the patient died or was seriously injured; met when an "
        "investigation commissioned by the as-of date is recorded; not met when none is "
        "recorded once the set days have passed (a parameter, rrnkit's choice: the Act sets "
        "no time). rrnkit sees only deaths and injuries in use-of-force records, though s.9 "
        "covers every death or serious injury in a unit."
    ),
)
def investigation(incident: Incident, context: Context) -> Verdict:
    """Show that a death or serious injury is followed by a recorded investigation."""
    if incident.death_or_serious_injury is not True:
        return not_applicable(
            "the record does not say the patient died or was seriously injured",
            "/death_or_serious_injury",
        )
    found = incident.investigation
    if found is not None and found.commissioned_on <= context.as_of:
        return met(
            "an investigation of the death or serious injury is recorded",
            "/investigation",
            commissioned_on=found.commissioned_on.isoformat(),
            guidance_named=found.guidance is not None,
        )
    days: int = context.param("investigation_record_days")
    due = incident.start.date() + dt.timedelta(days=days)
    if context.as_of <= due:
        return not_applicable(
            "no investigation is recorded yet, and it is not yet due",
            "/investigation",
            due=due.isoformat(),
        )
    return not_met(
        f"no investigation of the death or serious injury is recorded {days} days after the "
        "incident (s.9)",
        "/investigation",
        due=due.isoformat(),
    )


@rule(
    id="UOF-GUIDANCE-NO-PAIN",
    title="Force is never used with the intention of causing pain",
    cites=["uof-guidance:foreword", "pp-care:no-pain", "mha-code:26"],
    applies_to="incident",
    tags=["incident-practice", "restraint"],
    scope=in_mh_unit,
    reading=(
        "The statutory guidance: force 'must never be used with the intention of causing "
        "pain, suffering or humiliation'. Every physical or mechanical intervention must "
        "state whether a pain-based technique was used. A pain-based technique is always a "
        "finding for review: the Mental Health Act Code of Practice allows pain only for "
        "the immediate rescue of a person, so the evidence says whether a justification "
        "was recorded (never its words), but rrnkit does not judge that it applied. "
        "Insufficient when an intervention does not say; not applicable with no physical or "
        "mechanical restraint."
    ),
)
def no_pain(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that no physical or mechanical intervention used a pain-based technique."""
    hands_on = [
        (i, x)
        for i, x in enumerate(incident.interventions)
        if x.type.is_physical or x.type is InterventionType.MECHANICAL
    ]
    if not hands_on:
        return not_applicable("the record holds no physical or mechanical restraint")
    painful = [
        not_met(
            "a pain-based technique was used; force must never be used with the intention "
            "of causing pain",
            f"/interventions/{i}/pain_inducing",
            justification_recorded=x.pain_justification is not None,
        )
        for i, x in hands_on
        if x.pain_inducing
    ]
    if painful:
        return painful
    unknown = [f"/interventions/{i}/pain_inducing" for i, x in hands_on if x.pain_inducing is None]
    if unknown:
        return insufficient_evidence(
            "the record does not say whether a pain-based technique was used", *unknown
        )
    return met("no pain-based technique was used", "/interventions", interventions=len(hands_on))


DUTY_RULES: tuple[Rule, ...] = (
    responsible_person,
    responsible_person_seniority,
    policy_published,
    policy_reduction_steps,
    one_policy,
    policy_consulted,
    policy_reviewed,
    patient_information,
    investigation,
    no_pain,
)
"""The rules on the Act's duties other than the record and training, in evaluation order."""
