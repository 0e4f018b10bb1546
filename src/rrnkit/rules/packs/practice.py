"""Clinical practice: NICE NG10 and QS154, and Positive and Proactive Care, on incidents.

NICE says its recommendations are not mandatory, so every rule here that rests
only on NICE or Positive and Proactive Care defaults to a warning. Each figure is
cited to where it comes from, and every figure the sources did not confirm is a
parameter marked unconfirmed. Citations name topics or statements rather than
numbered recommendations where the number was not seen.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from typing import Any

from rrnkit.model import Incident
from rrnkit.model.codes import InterventionType
from rrnkit.model.incident import Debrief, Intervention
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
from rrnkit.rules._training import force_users_training, no_training_evidence

# ---------------------------------------------------------------------------
# Restraint episodes
# ---------------------------------------------------------------------------

Episode = tuple[dt.datetime, dt.datetime, tuple[int, ...]]
"""One continuous restraint: its start, its end and the interventions it is made of."""


def episodes(
    interventions: Sequence[Intervention], chosen: Callable[[Intervention], bool], gap: int
) -> tuple[list[Episode], list[int]]:
    """Join the chosen interventions that touch or overlap into continuous episodes.

    Interventions whose starts fall no more than ``gap`` minutes after the end of
    the episode so far belong to it: a change of position does not end a manual
    restraint. Returns the episodes of the interventions with an end, and the
    indexes of those with no recorded end.
    """
    timed = sorted(
        ((x.start, x.end, i) for i, x in enumerate(interventions) if chosen(x) and x.end),
        key=lambda t: (t[0], t[2]),
    )
    open_ended = [i for i, x in enumerate(interventions) if chosen(x) and x.end is None]
    joined: list[Episode] = []
    allowance = dt.timedelta(minutes=gap)
    for start, end, i in timed:
        assert end is not None
        if joined and start <= joined[-1][1] + allowance:
            first, last, members = joined[-1]
            joined[-1] = (first, max(last, end), (*members, i))
        else:
            joined.append((start, end, (i,)))
    return joined, open_ended


def _minutes(delta: dt.timedelta) -> int:
    """Whole minutes, a part minute counted as a minute: over N minutes exactly when over N."""
    return -(-delta // dt.timedelta(minutes=1))


def _episode_durations(
    incident: Incident,
    context: Context,
    chosen: Callable[[Intervention], bool],
    limit_param: str,
    what: str,
) -> Verdict:
    """Judge every continuous episode of the chosen restraint against a limit in minutes."""
    limit: int = context.param(limit_param)
    gap: int = context.param("episode_gap_minutes")
    joined, open_ended = episodes(incident.interventions, chosen, gap)
    if not joined and not open_ended:
        return not_applicable(f"the incident involved no {what}")
    longest = max(joined, key=lambda e: e[1] - e[0], default=None)
    over = [e for e in joined if _minutes(e[1] - e[0]) > limit]
    evidence: dict[str, Any] = {
        "limit": limit,
        "episodes": [
            {"minutes": _minutes(end - start), "interventions": list(members)}
            for start, end, members in joined
        ],
    }
    if over:
        worst = max(over, key=lambda e: e[1] - e[0])
        return not_met(
            f"a continuous {what} lasted longer than {limit} minutes",
            *(f"/interventions/{i}" for e in over for i in e[2]),
            minutes=_minutes(worst[1] - worst[0]),
            **evidence,
        )
    if open_ended:
        return insufficient_evidence(
            f"a {what} has no recorded end, so its duration is unknown",
            *(f"/interventions/{i}/end" for i in open_ended),
            **evidence,
        )
    assert longest is not None
    return met(
        f"every continuous {what} lasted no longer than {limit} minutes",
        *(f"/interventions/{i}" for i in longest[2]),
        minutes=_minutes(longest[1] - longest[0]),
        **evidence,
    )


_GAP = Parameter(
    name="episode_gap_minutes",
    default=1,
    description=(
        "Longest pause, in minutes, between one intervention's end and the next one's start "
        "for both to count as one continuous restraint."
    ),
    confirmed=False,
    minimum=0,
)


@rule(
    id="NICE-PRONE-DURATION",
    title="Prone restraint is as short as possible: no episode beyond the set minutes",
    cites=["nice-ng10:prone-restraint"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="prone_limit_minutes",
            default=10,
            description=(
                "Minutes of continuous prone restraint reported as a finding; NG10 sets no "
                "limit (see the reading)."
            ),
            confirmed=False,
            minimum=0,
        ),
        _GAP,
    ],
    tags=["incident-practice", "restraint"],
    reading=(
        "NICE NG10 asks that a person be held prone 'for as short a time as possible' and "
        "warns that prone restraint 'can, and has, caused death after as little as 10 "
        "minutes' (seen on NICE's implementation page). NG10 sets no limit: the 10-minute "
        "default is the under/over-10-minutes split that NHS Assuring Transformation "
        "reports prone restraint by, a reporting category rather than a NICE limit, so it "
        "is a parameter. Contiguous or overlapping prone interventions are one episode. A "
        "warning: NICE's recommendations are not mandatory."
    ),
)
def prone_duration(incident: Incident, context: Context) -> Verdict:
    """Show that no continuous prone restraint lasted longer than the set minutes."""
    return _episode_durations(
        incident,
        context,
        lambda i: i.type is InterventionType.PHYSICAL_PRONE,
        "prone_limit_minutes",
        "prone restraint",
    )


@rule(
    id="NICE-MANUAL-RESTRAINT-DURATION",
    title="Manual restraint is not routinely longer than the set minutes",
    cites=["nice-ng10:manual-restraint"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="manual_limit_minutes",
            default=10,
            description="Longest continuous manual (physical) restraint, in whole minutes.",
            confirmed=False,
            minimum=0,
        ),
        _GAP,
    ],
    tags=["incident-practice", "restraint"],
    reading=(
        "NICE NG10 defines manual restraint as a hands-on method whatever the position, so "
        "one continuous restraint is timed from its first start to its last end across "
        "changes of position: contiguous or overlapping physical interventions in one "
        "incident (starting within episode_gap_minutes of the end so far) are one episode. "
        "The 10-minute figure ('do not routinely use manual restraint for more than 10 "
        "minutes') is a reported reading of NG10, not seen at its source, so it is a "
        "parameter. A warning: NICE's recommendations are not mandatory."
    ),
)
def manual_duration(incident: Incident, context: Context) -> Verdict:
    """Show that no continuous manual restraint, across changes of position, outlasted the limit."""
    return _episode_durations(
        incident,
        context,
        lambda i: i.type.is_physical,
        "manual_limit_minutes",
        "manual restraint",
    )


# ---------------------------------------------------------------------------
# Monitoring after rapid tranquillisation
# ---------------------------------------------------------------------------


def _largest_gap(marks: list[dt.datetime]) -> int:
    return max((_minutes(b - a) for a, b in itertools.pairwise(marks)), default=0)


def _rt_verdict(intervention: Intervention, pointer: str, normal: int, higher: int) -> Verdict:
    """Judge one rapid tranquillisation's physical-health observations."""
    start = intervention.start
    stop = intervention.no_further_concerns_at
    if intervention.monitoring_risks:
        interval: int | None = higher
    elif intervention.monitoring_risks_assessed:
        interval = normal
    else:
        interval = None
    times = sorted(
        t
        for t in intervention.vital_signs_observations
        if t >= start and (stop is None or t <= stop)
    )
    evidence: dict[str, Any] = {
        "interval": interval,
        "observations": len(times),
        "no_further_concerns_recorded": stop is not None,
        "higher_risk": sorted(r.value for r in intervention.monitoring_risks),
    }
    if not intervention.vital_signs_observations:
        return insufficient_evidence(
            "no physical-health observation times are recorded after the rapid tranquillisation",
            f"{pointer}/vital_signs_observations",
            **evidence,
        )
    if stop is not None and stop < start:
        return insufficient_evidence(
            "the record says there were no further concerns before the rapid tranquillisation "
            "started, so it cannot show monitoring after it",
            f"{pointer}/no_further_concerns_at",
            **evidence,
        )
    known = _largest_gap([start, *times])
    whole = _largest_gap([start, *times, stop]) if stop is not None else None
    evidence["largest_gap_minutes"] = whole if whole is not None else known
    strictest = interval if interval is not None else higher
    loosest = interval if interval is not None else normal
    if known > loosest:
        return not_met(
            f"physical health was not observed at least every {loosest} minutes after rapid "
            "tranquillisation",
            f"{pointer}/vital_signs_observations",
            **evidence,
        )
    if whole is None:
        return insufficient_evidence(
            "the record does not say when there were no further concerns, so it cannot show "
            "that monitoring continued until then",
            f"{pointer}/no_further_concerns_at",
            **evidence,
        )
    if whole > loosest:
        return not_met(
            f"physical health was not observed at least every {loosest} minutes until there "
            "were no further concerns",
            f"{pointer}/vital_signs_observations",
            **evidence,
        )
    if whole > strictest:
        return insufficient_evidence(
            "the record does not say whether NICE's higher-risk circumstances applied, which "
            f"call for observations every {higher} minutes",
            f"{pointer}/monitoring_risks_assessed",
            **evidence,
        )
    return met(
        f"physical health was observed at least every {strictest} minutes until there were "
        "no further concerns",
        f"{pointer}/vital_signs_observations",
        **evidence,
    )


@rule(
    id="NICE-RT-MONITORING",
    title="Physical health is monitored after rapid tranquillisation until no further concerns",
    cites=["nice-qs154:statement-4", "nice-ng10:rapid-tranquillisation"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="observation_interval_minutes",
            default=60,
            description="Longest gap between observations (QS154: at least every hour).",
            confirmed=True,
            minimum=1,
        ),
        Parameter(
            name="higher_risk_interval_minutes",
            default=15,
            description="Longest gap in NG10's higher-risk circumstances.",
            confirmed=False,
            minimum=1,
        ),
    ],
    tags=["incident-practice", "rapid-tranquillisation"],
    reading=(
        "NICE QS154 statement 4 (seen): after rapid tranquillisation, physical health is "
        "monitored 'at least every hour until there are no further concerns'. NG10 asks for "
        "every 15 minutes in higher-risk circumstances (the BNF maximum dose exceeded; the "
        "person asleep or sedated; illicit drugs or alcohol; a pre-existing physical health "
        "problem; harm from a restrictive intervention), a reported reading, so a parameter. "
        "The record states which circumstances apply and when there were no further "
        "concerns; gaps are measured from the start, between observations and up to that "
        "time. Insufficient when the record cannot show when concerns ended, or whether "
        "higher-risk circumstances applied and it matters. A warning: NICE's "
        "recommendations are not mandatory."
    ),
)
def rt_monitoring(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that physical health was observed often enough until there were no further concerns."""
    normal: int = context.param("observation_interval_minutes")
    higher: int = context.param("higher_risk_interval_minutes")
    verdicts = [
        _rt_verdict(intervention, f"/interventions/{i}", normal, higher)
        for i, intervention in enumerate(incident.interventions)
        if intervention.type is InterventionType.CHEMICAL_RAPID_TRANQUILLISATION
    ]
    return verdicts or not_applicable("the incident involved no rapid tranquillisation")


# ---------------------------------------------------------------------------
# The immediate debrief and the formal post-incident review
# ---------------------------------------------------------------------------


def _ended(incident: Incident) -> dt.datetime:
    span = incident.stated_span
    return span[1] if span is not None else incident.start


def _debrief(incident: Incident, context: Context, debrief: Debrief | None, field: str) -> Verdict:
    """Judge one immediate post-incident debrief against the window after the force ended."""
    pointer = f"/{field}"
    if debrief is None:
        return insufficient_evidence("the record holds no immediate post-incident debrief", pointer)
    hours: int = context.param("debrief_within_hours")
    window = dt.timedelta(hours=hours)
    anchor = _ended(incident)

    def timed(when: dt.datetime, what: str, where: str) -> Verdict:
        after = when - anchor
        evidence = {"hours_after": round(after.total_seconds() / 3600, 1), "limit_hours": hours}
        if after > window:
            return not_met(
                f"the debrief was {what} more than {hours} hours after the force ended",
                where,
                **evidence,
            )
        return met(f"the debrief was {what} within {hours} hours", where, **evidence)

    if debrief.held:
        if debrief.held_at is None:
            return insufficient_evidence(
                "the debrief was held but the record does not say when", f"{pointer}/held_at"
            )
        return timed(debrief.held_at, "held", f"{pointer}/held_at")
    if debrief.offered:
        if debrief.offered_at is None:
            return insufficient_evidence(
                "a debrief was offered but the record does not say when", f"{pointer}/offered_at"
            )
        return timed(debrief.offered_at, "offered", f"{pointer}/offered_at")
    if debrief.offered is False:
        return not_met(
            "no immediate debrief was held or offered",
            pointer,
            reason_recorded=debrief.reason_not_held is not None,
        )
    if debrief.held is False:
        # Offered and declined would be met: "not held" alone does not show none was offered.
        return insufficient_evidence(
            "no debrief was held, but the record does not say whether one was offered", pointer
        )
    return insufficient_evidence(
        "the record does not say whether a debrief was offered or held", pointer
    )


_DEBRIEF_HOURS = Parameter(
    name="debrief_within_hours",
    default=24,
    description=(
        "Hours after the force ended read as 'immediate' for the debrief (NICE gives no figure)."
    ),
    confirmed=False,
    minimum=0,
)

_DEBRIEF_READING = (
    "The immediate post-incident debrief is not the formal post-incident review (see "
    "PPC-POST-INCIDENT-REVIEW): the 72-hour figure belongs to the review. 'Immediate' has "
    "no figure in NICE: how soon after the force ended counts is a parameter (24 hours, "
    "rrnkit's choice). Met when the debrief was held, or offered (and declined), within "
    "that time; not met when it was later, or the record says none was held or offered; "
    "insufficient when the record does not say, or gives no time. A warning: NICE's "
    "recommendations and Positive and Proactive Care are not mandatory."
)


@rule(
    id="PPC-DEBRIEF-PATIENT",
    title="An immediate post-incident debrief involves the patient",
    cites=["nice-qs154:statement-5", "nice-ng10:post-incident", "pp-care:post-incident-review"],
    applies_to="incident",
    parameters=[_DEBRIEF_HOURS],
    tags=["incident-practice", "debrief"],
    reading="NICE QS154 statement 5 (seen): an immediate post-incident debrief involving the "
    "service user. " + _DEBRIEF_READING,
)
def patient_debrief(incident: Incident, context: Context) -> Verdict:
    """Show that an immediate debrief with the patient was held or offered in time."""
    return _debrief(incident, context, incident.patient_debrief, "patient_debrief")


@rule(
    id="PPC-DEBRIEF-STAFF",
    title="An immediate post-incident debrief involves the staff",
    cites=["nice-ng10:post-incident", "pp-care:post-incident-review"],
    applies_to="incident",
    parameters=[_DEBRIEF_HOURS],
    tags=["incident-practice", "debrief"],
    reading="NICE NG10: an immediate post-incident debrief with the staff involved. "
    + _DEBRIEF_READING,
)
def staff_debrief(incident: Incident, context: Context) -> Verdict:
    """Show that an immediate debrief with staff was held or offered in time."""
    return _debrief(incident, context, incident.staff_debrief, "staff_debrief")


@rule(
    id="PPC-POST-INCIDENT-REVIEW",
    title="A formal post-incident review follows within the set hours",
    cites=["nice-ng10:post-incident", "pp-care:post-incident-review"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="review_within_hours",
            default=72,
            description="Hours after the force ended by which the formal review is held.",
            confirmed=False,
            minimum=0,
        )
    ],
    tags=["incident-practice", "debrief"],
    reading=(
        "NICE NG10: a formal post-incident review, distinct from the immediate debrief; the "
        "72-hour figure is a reported reading of NG10 (not seen at its source), so a "
        "parameter. Met when the review was held within that time of the force ending; not "
        "met when later or not held; insufficient when the record holds no review or no "
        "time. Whether it was external is reported in the evidence, not judged. A warning: "
        "NICE's recommendations are not mandatory."
    ),
)
def post_incident_review(incident: Incident, context: Context) -> Verdict:
    """Show that the formal post-incident review was held within the set hours."""
    review = incident.post_incident_review
    if review is None or review.held is None:
        return insufficient_evidence(
            "the record does not say whether a formal post-incident review was held",
            "/post_incident_review",
        )
    if not review.held:
        return not_met(
            "no formal post-incident review was held",
            "/post_incident_review/held",
            reason_recorded=review.reason_not_held is not None,
        )
    if review.held_at is None:
        return insufficient_evidence(
            "the review was held but the record does not say when", "/post_incident_review/held_at"
        )
    hours: int = context.param("review_within_hours")
    after = review.held_at - _ended(incident)
    evidence = {
        "hours_after": round(after.total_seconds() / 3600, 1),
        "limit_hours": hours,
        "external": review.external,
    }
    if after > dt.timedelta(hours=hours):
        return not_met(
            f"the formal review was held more than {hours} hours after the force ended",
            "/post_incident_review/held_at",
            **evidence,
        )
    return met(
        f"the formal review was held within {hours} hours",
        "/post_incident_review/held_at",
        **evidence,
    )


# ---------------------------------------------------------------------------
# Staff who used force were trained
# ---------------------------------------------------------------------------


@rule(
    id="PPC-TRAINED-STAFF",
    title="Staff who used force had completed training within the refresher interval",
    cites=["pp-care:staff-training"],
    applies_to="incident",
    parameters=[
        Parameter(
            name="refresher_interval_months",
            default=12,
            description="Longest time between a staff member's last training and the incident.",
            confirmed=False,
            minimum=1,
        )
    ],
    tags=["incident-practice", "training"],
    reading=(
        "Positive and Proactive Care: staff who use restrictive interventions are trained "
        "in them. Each member of the unit's staff who used force must have completed "
        "training (attended, and found competent where the course assesses competence) in "
        "the interval before the incident (a parameter: 12 months, the RRN Training "
        "Standards' refresher figure as providers report it). A person within their "
        "new-starter period who used force untrained is still a finding: the grace period "
        "says when training falls due, not that force may be used untrained. A warning: "
        "good-practice guidance."
    ),
)
def trained_staff(incident: Incident, context: Context) -> Verdict | list[Verdict]:
    """Show that each unit staff member who used force had completed training recently enough."""
    months: int = context.param("refresher_interval_months")
    day = incident.start.date()
    users = force_users_training(context, incident, day, months, wanted=lambda c: c.competent)
    if not users:
        return not_applicable("no member of unit staff is recorded as using force")
    missing = no_training_evidence(context, incident.organisation_id, "/staff")
    if missing is not None:
        return missing
    verdicts: list[Verdict] = []
    for user in users:
        pointer = f"/staff/{user.staff_index}"
        if user.staff_id is None:
            verdicts.append(
                insufficient_evidence(
                    "the record gives no staff id for a person who used force, so their "
                    "training cannot be checked",
                    pointer,
                )
            )
            continue
        evidence = {
            "staff_id": user.staff_id,
            "last_training": None if user.last_training is None else user.last_training.isoformat(),
        }
        if not user.in_date:
            verdicts.append(
                not_met(
                    f"a person who used force had not completed training in the {months} "
                    "months before the incident",
                    pointer,
                    **evidence,
                )
            )
        else:
            verdicts.append(
                met(
                    "the person who used force had completed training within the interval",
                    pointer,
                    **evidence,
                )
            )
    return verdicts


RULES: tuple[Rule, ...] = (
    prone_duration,
    manual_duration,
    rt_monitoring,
    patient_debrief,
    staff_debrief,
    post_incident_review,
    trained_staff,
)
"""Every clinical practice rule, in evaluation order."""

PRACTICE = RuleSet(id="practice", version="2", rules=RULES)
"""The NICE NG10 and QS154 and Positive and Proactive Care rule set."""
