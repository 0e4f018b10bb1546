"""Restraint-reduction action plan rules (RRN membership; RRN Training Standards 1.4.4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rrnkit.model import ActionPlan, ActionStatus, CoreStrategy, Organisation
from rrnkit.model.values import add_months
from rrnkit.rules import (
    Context,
    Parameter,
    Rule,
    RuleSet,
    Severity,
    Verdict,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
    rule,
)

PLAN = "action-plan"
CITES = ("rrn-membership:action-plan", "rrn-ts:1.4.4")
_CLOSED = frozenset({ActionStatus.COMPLETED, ActionStatus.DROPPED})


@rule(
    id="PLAN-MEASURABLE-OUTCOMES",
    title="Every priority has a measurable outcome",
    cites=CITES,
    applies_to=PLAN,
    tags=["action-plan"],
    reading=(
        "1.4.4 and the RRN membership action plan: a plan with measurable outcomes. Every "
        "priority needs at least one outcome with a baseline and a target."
    ),
)
def measurable_outcomes(plan: ActionPlan, context: Context) -> Verdict:
    """Show that every priority has an outcome with both a baseline and a target."""
    if not plan.priorities:
        return insufficient_evidence("the plan lists no priorities", "/priorities")
    failing = [
        (i, p.id)
        for i, p in enumerate(plan.priorities)
        if not any(o.baseline is not None and o.target is not None for o in p.outcomes)
    ]
    if failing:
        return not_met(
            "some priorities have no outcome with a baseline and a target",
            *(f"/priorities/{i}/outcomes" for i, _ in failing),
            priority_ids=[ident for _, ident in failing],
        )
    return met("every priority has a measurable outcome", "/priorities")


@rule(
    id="PLAN-ACTION-OWNERS",
    title="Every action has an owner and a due date",
    cites=CITES,
    applies_to=PLAN,
    tags=["action-plan"],
    reading=(
        "A good plan has owners and dates (RRN TS 1.4.4 as reported): every action needs both."
    ),
)
def action_owners(plan: ActionPlan, context: Context) -> Verdict:
    """Show that every action has an owner and a due date."""
    pointers: list[str] = []
    missing: dict[str, list[str]] = {}
    count = 0
    for i, priority in enumerate(plan.priorities):
        for j, action in enumerate(priority.actions):
            count += 1
            gaps = [
                name
                for name, value in (("owner", action.owner), ("due_on", action.due_on))
                if value is None
            ]
            if gaps:
                pointers.append(f"/priorities/{i}/actions/{j}")
                missing[action.id] = gaps
    if count == 0:
        return insufficient_evidence("the plan lists no actions", "/priorities")
    if missing:
        return not_met("some actions lack an owner or a due date", *pointers, missing=missing)
    return met("every action has an owner and a due date", "/priorities", actions=count)


@rule(
    id="PLAN-REVIEWS",
    title="The plan is reviewed regularly",
    cites=CITES,
    applies_to=PLAN,
    parameters=[
        Parameter(
            name="review_interval_months",
            default=6,
            description="Longest time in months without a review while the plan runs.",
            confirmed=False,
            minimum=1,
        )
    ],
    tags=["action-plan"],
    reading=(
        "The plan is reviewed while it runs; the standard gives no interval, so the "
        "longest time without a review is a parameter (6 months, rrnkit's choice)."
    ),
)
def plan_reviews(plan: ActionPlan, context: Context) -> Verdict:
    """Show that the plan was reviewed inside its period and within the interval before as-of."""
    period = plan.period
    if period.start > context.as_of:
        return not_applicable("the plan has not started", "/period/start")
    months: int = context.param("review_interval_months")
    reference = min(context.as_of, period.end)
    reviews = sorted(
        r.reviewed_on
        for r in plan.reviews
        if period.contains(r.reviewed_on) and r.reviewed_on <= reference
    )
    due = add_months(period.start, months) < reference
    latest = reviews[-1] if reviews else None
    evidence: dict[str, Any] = {
        "period_start": period.start.isoformat(),
        "reference_date": reference.isoformat(),
        "interval_months": months,
        "latest_review": latest.isoformat() if latest else None,
    }
    if latest is None:
        if not due:
            return not_applicable("no review is due yet", "/reviews", **evidence)
        return not_met("the plan has never been reviewed inside its period", "/reviews", **evidence)
    if due and latest < add_months(reference, -months):
        return not_met("the latest review is too old", "/reviews", **evidence)
    return met("the plan is reviewed regularly", "/reviews", **evidence)


@rule(
    id="PLAN-TWO-YEARS",
    title="The plan commits to at least two years",
    cites=CITES,
    applies_to=PLAN,
    parameters=[
        Parameter(
            name="horizon_months",
            default=24,
            description="Least months the plan's period must cover.",
            confirmed=True,
            minimum=1,
        )
    ],
    tags=["action-plan", "membership"],
    reading=(
        "RRN organisational members commit to their action plan for two years (seen on the "
        "RRN's membership pages). Not applicable to a non-member."
    ),
)
def two_years(plan: ActionPlan, context: Context) -> Verdict:
    """Show that the plan's period covers at least the membership commitment."""
    org: Organisation | None = context.index.get("organisation", plan.organisation_id)
    if org is not None and org.rrn_membership is None:
        return not_applicable("the organisation is not an RRN member", "/organisation_id")
    months: int = context.param("horizon_months")
    needed_end = add_months(plan.period.start, months) - dt.timedelta(days=1)
    evidence = {
        "period_start": plan.period.start.isoformat(),
        "period_end": plan.period.end.isoformat(),
        "horizon_months": months,
    }
    if plan.period.end >= needed_end:
        return met("the plan covers the commitment period", "/period", **evidence)
    return not_met("the plan covers less than the commitment period", "/period", **evidence)


@rule(
    id="PLAN-SIX-CORE-STRATEGIES",
    title="The plan addresses all Six Core Strategies",
    cites=CITES,
    applies_to=PLAN,
    severity=Severity.WARNING,
    tags=["action-plan"],
    reading=(
        "The RRN recommends the Six Core Strategies as the plan's frame (reported); a "
        "recommendation, not a requirement, so a warning."
    ),
)
def six_core_strategies(plan: ActionPlan, context: Context) -> Verdict:
    """Show that some priority addresses each of the Six Core Strategies."""
    if not plan.priorities:
        return insufficient_evidence("the plan lists no priorities", "/priorities")
    addressed = {s for p in plan.priorities for s in p.strategies}
    missing = [s.value for s in CoreStrategy if s not in addressed]
    if missing:
        return not_met("some core strategies are not addressed", "/priorities", missing=missing)
    return met("all six core strategies are addressed", "/priorities")


@rule(
    id="PLAN-OVERDUE-ACTIONS",
    title="No open action is past its due date",
    cites=CITES,
    applies_to=PLAN,
    severity=Severity.WARNING,
    tags=["action-plan"],
    reading=(
        "An open action past its due date is a sign the plan is not being delivered; a warning."
    ),
)
def overdue_actions(plan: ActionPlan, context: Context) -> list[Verdict]:
    """Show that no open action is past its due date."""
    verdicts: list[Verdict] = []
    count = 0
    for i, priority in enumerate(plan.priorities):
        for j, action in enumerate(priority.actions):
            count += 1
            if action.status in _CLOSED or action.due_on is None:
                continue
            if action.due_on < context.as_of:
                verdicts.append(
                    not_met(
                        "the action is overdue",
                        f"/priorities/{i}/actions/{j}",
                        action_id=action.id,
                        due_on=action.due_on.isoformat(),
                        status=action.status.value,
                    )
                )
    if count == 0:
        return [not_applicable("the plan lists no actions", "/priorities")]
    return verdicts or [met("no open action is overdue", "/priorities", actions=count)]


RULES: tuple[Rule, ...] = (
    measurable_outcomes,
    action_owners,
    plan_reviews,
    two_years,
    six_core_strategies,
    overdue_actions,
)
"""The action plan rules, in evaluation order."""

ACTION_PLANS = RuleSet(id="rrn-membership", version="2", rules=RULES)
"""Every action plan rule, in evaluation order."""

__all__ = ["ACTION_PLANS", "RULES"]
