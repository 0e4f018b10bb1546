"""RRN Training Standards 1.1: the training needs analysis."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rrnkit.model import (
    Organisation,
    RiskFactorLevel,
    StaffGroup,
    TrainingNeedsAnalysis,
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
from rrnkit.rules._training import tnas_of
from rrnkit.rules.packs.rrn_ts._common import (
    INCIDENT_STAFF,
    ORGANISATION,
    TNA,
    events_by_org_provider,
)


@rule(
    id="RRN-TNA-EXISTS",
    title="An organisation that commissions training has a training needs analysis",
    cites=["rrn-ts:1.1.1"],
    applies_to=ORGANISATION,
    tags=["tna"],
    reading=(
        "1.1.1: restrictive-intervention training rests on a training needs analysis of the "
        "commissioning organisation. Met when the organisation commissions training and a "
        "TNA names it as the commissioning organisation; not applicable when it "
        "commissions none. Whether the TNA is current is not judged here."
    ),
)
def tna_exists(org: Organisation, context: Context) -> Verdict:
    """Show that the commissioning organisation has a TNA of its own."""
    if not org.commissioned_training:
        return not_applicable("the organisation commissions no training")
    tnas = tnas_of(context, org.id)
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
    reading=(
        "1.1.1: the TNA is authorised by a named person of the commissioning organisation "
        "responsible for restrictive-practice governance or reduction. Not met when there "
        "is no authoriser, the authoriser acts for another organisation, or is not "
        "recorded as that lead."
    ),
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
            confirmed=False,
            minimum=1,
        ),
        Parameter(
            name="window_end_tolerance_days",
            default=31,
            description="How many days before completion the incident data may end.",
            confirmed=False,
            minimum=0,
        ),
    ],
    tags=["tna"],
    reading=(
        "1.1.1: the TNA uses current evidence and 'the last 2 years of incident data'. The "
        "24 months is a training provider's published reading of the standard (not seen in "
        "the standard's own text), so it is a parameter marked unconfirmed; so is how close "
        "to completion the data must end (31 days, rrnkit's choice)."
    ),
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
    title="The TNA considers every staff group that may meet distressed people",
    cites=["rrn-ts:1.1.1"],
    applies_to=TNA,
    tags=["tna"],
    folds=[INCIDENT_STAFF],
    reading=(
        "1.1.1: the TNA considers all staff who may meet distressed people or challenging "
        "situations. rrnkit cannot tell from a workforce list who may meet them, so every "
        "staff group of the commissioning organisation's workforce in post when the TNA was "
        "completed must be considered, and so must every group seen in its incidents; a "
        "group the TNA considers and records as having no contact counts as considered. "
        "Insufficient when the workforce is not available, or when staff in incidents are "
        "not on it."
    ),
)
def tna_staff_groups(tna: TrainingNeedsAnalysis, context: Context) -> Verdict:
    """Show that every staff group of the workforce, and of its incidents, is in the TNA."""
    org_id = tna.commissioning_organisation_id
    org: Organisation | None = context.index.get(ORGANISATION, org_id)
    if org is None:
        return insufficient_evidence(
            "the commissioning organisation's workforce is not available",
            "/commissioning_organisation_id",
            organisation_id=org_id,
        )
    groups_of: dict[str, StaffGroup] = {m.staff_id: m.staff_group for m in org.workforce}
    seen: set[StaffGroup] = {m.staff_group for m in org.workforce if m.in_post(tna.completed_on)}
    unresolved: set[str] = set()
    for staff_id in context.index.fold(INCIDENT_STAFF).get(org_id, set()):
        group = groups_of.get(staff_id)
        if group is None:
            unresolved.add(staff_id)
        else:
            seen.add(group)
    considered = {need.staff_group for need in tna.staff_groups}
    missing = sorted(g.value for g in seen - considered)
    if missing:
        return not_met(
            "staff groups of the workforce or its incidents are missing from the analysis",
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
    if not seen:
        return not_applicable("the organisation records no staff when the analysis was completed")
    return met(
        "every staff group of the workforce and its incidents is considered",
        "/staff_groups",
        groups=sorted(g.value for g in seen),
    )


@rule(
    id="RRN-TNA-ANONYMISED",
    title="Data about individuals in the TNA is anonymised",
    cites=["rrn-ts:1.1.2"],
    applies_to=TNA,
    tags=["tna", "privacy"],
    reading=(
        "1.1.2: data about individuals in the TNA is anonymised. Met when the analysis "
        "records its data as anonymised and every risk factor as anonymised; not met when "
        "either is recorded as not anonymised; insufficient when the analysis does not say."
    ),
)
def tna_anonymised(tna: TrainingNeedsAnalysis, context: Context) -> Verdict:
    """Show that the TNA's data about individuals, and each risk factor, is anonymised."""
    named = [
        f"/risk_factors/{i}/anonymised" for i, r in enumerate(tna.risk_factors) if not r.anonymised
    ]
    if tna.data_anonymised is False:
        named.insert(0, "/data_anonymised")
    if named:
        return not_met("data about individuals in the analysis is not anonymised", *named)
    if tna.data_anonymised is None:
        return insufficient_evidence(
            "the analysis does not say whether data about individuals is anonymised",
            "/data_anonymised",
        )
    return met("data about individuals in the analysis is anonymised", "/data_anonymised")


@rule(
    id="RRN-TNA-LIFE-SUPPORT",
    title="The commissioning organisation has suitable immediate life support training",
    cites=["rrn-ts:1.1.3"],
    applies_to=TNA,
    tags=["tna", "life-support"],
    reading=(
        "1.1.3: the commissioning organisation has suitable immediate life support training "
        "(to Resuscitation Council UK guidelines). Met when the TNA records it in place and "
        "names the guideline followed; not met when it records none; insufficient when it "
        "does not say, or names no guideline."
    ),
)
def tna_life_support(tna: TrainingNeedsAnalysis, context: Context) -> Verdict:
    """Show that the TNA records the organisation's immediate life support training in place."""
    provision = tna.life_support
    if provision is None:
        return insufficient_evidence(
            "the analysis does not record the organisation's immediate life support training",
            "/life_support",
        )
    if not provision.in_place:
        return not_met(
            "the commissioning organisation has no immediate life support training in place",
            "/life_support/in_place",
        )
    if provision.guideline is None:
        return insufficient_evidence(
            "immediate life support training is in place but the guideline it follows is not named",
            "/life_support/guideline",
        )
    return met("immediate life support training is in place", "/life_support")


@rule(
    id="RRN-TNA-RISK-LEVELS",
    title="The TNA considers risks at population, service and individual level",
    cites=["rrn-ts:1.1.4"],
    applies_to=TNA,
    tags=["tna", "risk"],
    reading=(
        "1.1.4: the curriculum accounts for elevated risks at population, service and "
        "individual level, and the provider receives an anonymised summary. Met when all "
        "three levels were considered (a level with a risk factor counts as considered) and "
        "the analysis or its summary reached the provider; not met when a level was not "
        "considered; insufficient when it has not (yet) reached the provider. How the "
        "curriculum answers each risk is not checked."
    ),
)
def tna_risk_levels(tna: TrainingNeedsAnalysis, context: Context) -> Verdict:
    """Show that risks were considered at all three levels and the summary reached the provider."""
    considered = set(tna.risk_levels_considered) | {r.level for r in tna.risk_factors}
    missing = [level.value for level in RiskFactorLevel if level not in considered]
    if missing:
        return not_met(
            "the analysis does not consider risks at every level",
            "/risk_levels_considered",
            missing_levels=missing,
        )
    sent = tna.sent_to_provider_on
    if sent is None or sent > context.as_of:
        return insufficient_evidence(
            "the analysis does not show that its risk summary reached the provider",
            "/sent_to_provider_on",
        )
    return met(
        "risks are considered at every level and the summary reached the provider",
        "/risk_factors",
        risk_factors=len(tna.risk_factors),
    )


@rule(
    id="RRN-TNA-SENT-BEFORE-DELIVERY",
    title="The provider receives the TNA before delivery starts",
    cites=["rrn-ts:1.1.5"],
    applies_to=TNA,
    tags=["tna"],
    reading=(
        "1.1.5: the provider receives the TNA in time to tailor the training. Read as: "
        "before the first training event from that provider for the organisation starts. "
        "Not applicable when there is no such event."
    ),
)
def tna_sent_before_delivery(tna: TrainingNeedsAnalysis, context: Context) -> Verdict:
    """Show that the provider received the TNA before the first training event."""
    if tna.provider_id is None:
        return insufficient_evidence("the analysis names no provider", "/provider_id")
    events = events_by_org_provider(context).get(
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


TNA_RULES = (
    tna_exists,
    tna_authorised,
    tna_incident_window,
    tna_staff_groups,
    tna_anonymised,
    tna_life_support,
    tna_risk_levels,
    tna_sent_before_delivery,
)
"""The 1.1 rules, in evaluation order."""
