from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from rrnkit.model import (
    ActionPlan,
    ActionStatus,
    CoreStrategy,
    Document,
    MeasurableOutcome,
    Organisation,
    OrganisationType,
    Period,
    PlanAction,
    PlanReview,
    Priority,
    RrnMembership,
)
from rrnkit.rules import Outcome, Result, Rule, RuleSet, Severity
from rrnkit.rules.packs import action_plans
from rrnkit.rules.packs.action_plans import ACTION_PLANS, RULES

AS_OF = dt.date(2026, 11, 28)
D = dt.date
MET, NOT_MET = Outcome.MET, Outcome.NOT_MET
NA, INSUFFICIENT = Outcome.NOT_APPLICABLE, Outcome.INSUFFICIENT_EVIDENCE


def run(rule_: Rule, docs: Iterable[Document], as_of: dt.date = AS_OF) -> list[Result]:
    return RuleSet(id="t", rules=(rule_,)).run(list(docs), as_of=as_of)


def outcomes(rule_: Rule, docs: Iterable[Document], as_of: dt.date = AS_OF) -> list[Outcome]:
    return [r.outcome for r in run(rule_, docs, as_of)]


def action(ident: str = "a1", **changes: object) -> PlanAction:
    base = PlanAction(
        id=ident,
        description="Do it",
        owner="Ward manager",
        due_on=D(2027, 1, 1),
        status=ActionStatus.IN_PROGRESS,
    )
    return attrs.evolve(base, **changes)


def outcome(**changes: object) -> MeasurableOutcome:
    return attrs.evolve(
        MeasurableOutcome(measure="prone restraints per month", baseline=10.0, target=2.0),
        **changes,
    )


def priority(ident: str, *strategies: CoreStrategy, **changes: object) -> Priority:
    base = Priority(
        id=ident,
        title=ident,
        strategies=strategies,
        actions=(action(f"{ident}-a"),),
        outcomes=(outcome(),),
    )
    return attrs.evolve(base, **changes)


def plan(**changes: object) -> ActionPlan:
    base = ActionPlan(
        id="plan-1",
        organisation_id="org-1",
        title="Plan",
        period=Period(D(2026, 1, 1), D(2027, 12, 31)),
        priorities=(
            priority("p1", CoreStrategy.LEADERSHIP, CoreStrategy.USE_OF_DATA),
            priority(
                "p2",
                CoreStrategy.WORKFORCE_DEVELOPMENT,
                CoreStrategy.RESTRAINT_REDUCTION_TOOLS,
                CoreStrategy.INCLUSION_OF_PEOPLE_AND_FAMILIES,
                CoreStrategy.DEBRIEFING,
            ),
        ),
        reviews=(
            PlanReview(reviewed_on=D(2026, 6, 1), reviewed_by="Board"),
            PlanReview(reviewed_on=D(2026, 10, 1), reviewed_by="Board"),
        ),
    )
    return attrs.evolve(base, **changes)


def member(**changes: object) -> Organisation:
    base = Organisation(
        id="org-1",
        name="Care Org",
        organisation_type=OrganisationType.CARE_HOME,
        rrn_membership=RrnMembership(joined_on=D(2025, 12, 1), action_plan_id="plan-1"),
    )
    return attrs.evolve(base, **changes)


def test_ruleset_shape() -> None:
    assert ACTION_PLANS.id == "rrn-membership"
    assert len(RULES) == 6
    assert all(r.met_means.startswith("Show that") for r in RULES)
    assert all(r.reading for r in RULES)
    # recommendations and signs of delivery are warnings; the plan's own duties are errors
    assert {r.id for r in RULES if r.severity is Severity.WARNING} == {
        "PLAN-SIX-CORE-STRATEGIES",
        "PLAN-OVERDUE-ACTIONS",
    }
    assert {str(c) for c in RULES[0].citations} == {"rrn-membership:action-plan", "rrn-ts:1.4.4"}


def test_measurable_outcomes() -> None:
    rule_ = action_plans.measurable_outcomes
    assert outcomes(rule_, [plan()]) == [MET]
    vague = priority("p3", outcomes=(outcome(baseline=None),))
    (result,) = run(rule_, [plan(priorities=(*plan().priorities, vague))])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/priorities/2/outcomes",)
    assert result.evidence == {"priority_ids": ["p3"]}
    assert outcomes(rule_, [plan(priorities=())]) == [INSUFFICIENT]
    # boundary: a baseline of zero is a baseline; one measurable outcome among vague ones suffices
    zero = priority("p", outcomes=(outcome(baseline=0.0, target=0.0),))
    assert outcomes(rule_, [plan(priorities=(zero,))]) == [MET]
    mixed = priority("p", outcomes=(outcome(target=None), outcome()))
    assert outcomes(rule_, [plan(priorities=(mixed,))]) == [MET]
    assert outcomes(rule_, [plan(priorities=(priority("p", outcomes=()),))]) == [NOT_MET]


def test_action_owners() -> None:
    rule_ = action_plans.action_owners
    assert outcomes(rule_, [plan()]) == [MET]
    loose = priority("p3", actions=(action("x1", owner=None), action("x2", due_on=None)))
    (result,) = run(rule_, [plan(priorities=(loose,))])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/priorities/0/actions/0", "/priorities/0/actions/1")
    assert result.evidence["missing"] == {"x1": ["owner"], "x2": ["due_on"]}
    assert outcomes(rule_, [plan(priorities=(priority("p", actions=()),))]) == [INSUFFICIENT]
    # boundary: one action among many lacking either is enough to fail
    one = priority("p", actions=(action("ok"), action("x", owner=None)))
    (result,) = run(rule_, [plan(priorities=(one,))])
    assert (result.outcome, result.pointers) == (NOT_MET, ("/priorities/0/actions/1",))
    assert outcomes(rule_, [plan(priorities=())]) == [INSUFFICIENT]


def test_reviews() -> None:
    rule_ = action_plans.plan_reviews
    assert outcomes(rule_, [plan()]) == [MET]
    stale = (PlanReview(reviewed_on=D(2026, 4, 1), reviewed_by="Board"),)
    (result,) = run(rule_, [plan(reviews=stale)])
    assert result.outcome is NOT_MET
    assert result.evidence["latest_review"] == "2026-04-01"
    assert outcomes(rule_, [plan(reviews=())]) == [NOT_MET]
    # reviews outside the period do not count
    before = (PlanReview(reviewed_on=D(2025, 12, 1), reviewed_by="Board"),)
    assert outcomes(rule_, [plan(reviews=before)]) == [NOT_MET]
    # the first review is not yet due four months in
    assert outcomes(rule_, [plan(reviews=())], D(2026, 5, 1)) == [NA]
    assert outcomes(rule_, [plan()], D(2025, 12, 1)) == [NA]
    monthly = RuleSet(id="t", rules=(rule_,)).with_params(rule_.id, review_interval_months=1)
    assert [r.outcome for r in monthly.run([plan()], as_of=AS_OF)] == [NOT_MET]


def test_reviews_boundaries() -> None:
    rule_ = action_plans.plan_reviews

    def reviewed(day: dt.date) -> ActionPlan:
        return plan(reviews=(PlanReview(reviewed_on=day, reviewed_by="Board"),))

    # the latest review may be exactly six months old (2026-05-28 on 2026-11-28), not a day more
    assert outcomes(rule_, [reviewed(D(2026, 5, 28))]) == [MET]
    assert outcomes(rule_, [reviewed(D(2026, 5, 27))]) == [NOT_MET]
    # the first review falls due six months after the start (2026-07-01)
    assert outcomes(rule_, [plan(reviews=())], D(2026, 7, 1)) == [NA]
    assert outcomes(rule_, [plan(reviews=())], D(2026, 7, 2)) == [NOT_MET]
    # a review after the as-of date has not happened yet
    assert outcomes(rule_, [reviewed(D(2026, 12, 1))]) == [NOT_MET]
    # after the plan ends, it is judged at its end
    ended = plan(period=Period(D(2024, 1, 1), D(2025, 12, 31)), reviews=())
    (result,) = run(rule_, [ended])
    assert (result.outcome, result.evidence["reference_date"]) == (NOT_MET, "2025-12-31")


def test_two_years() -> None:
    rule_ = action_plans.two_years
    assert outcomes(rule_, [plan(), member()]) == [MET]
    assert outcomes(rule_, [plan()]) == [MET]
    short = plan(period=Period(D(2026, 1, 1), D(2027, 12, 30)))
    (result,) = run(rule_, [short, member()])
    assert result.outcome is NOT_MET
    assert result.evidence["horizon_months"] == 24
    assert outcomes(rule_, [plan(), member(rrn_membership=None)]) == [NA]
    assert rule_.parameters[0].confirmed
    # the organisation not being loaded does not make the plan not applicable
    assert outcomes(rule_, [short]) == [NOT_MET]


def test_six_core_strategies() -> None:
    rule_ = action_plans.six_core_strategies
    assert outcomes(rule_, [plan()]) == [MET]
    (result,) = run(rule_, [plan(priorities=(priority("p1", CoreStrategy.LEADERSHIP),))])
    assert result.outcome is NOT_MET
    assert result.evidence["missing"] == [
        "use-of-data",
        "workforce-development",
        "restraint-reduction-tools",
        "inclusion-of-people-and-families",
        "debriefing",
    ]
    assert outcomes(rule_, [plan(priorities=())]) == [INSUFFICIENT]
    # boundary: five of six is not all six
    five = tuple(CoreStrategy)[:-1]
    (result,) = run(rule_, [plan(priorities=(priority("p1", *five),))])
    assert (result.outcome, result.evidence["missing"]) == (NOT_MET, ["debriefing"])
    assert (result.severity, rule_.severity) == (Severity.WARNING, Severity.WARNING)
    # a recommendation: a warning, even though its citations are a standard and a commitment
    assert {str(c) for c in rule_.citations} == {"rrn-membership:action-plan", "rrn-ts:1.4.4"}


def test_overdue_actions() -> None:
    rule_ = action_plans.overdue_actions
    assert outcomes(rule_, [plan()]) == [MET]
    actions = (
        action("late", due_on=D(2026, 11, 1)),
        action("done", due_on=D(2026, 11, 1), status=ActionStatus.COMPLETED),
        action("dropped", due_on=D(2026, 1, 1), status=ActionStatus.DROPPED),
        action("today", due_on=AS_OF),
        action("late2", due_on=D(2026, 2, 1), status=ActionStatus.NOT_STARTED),
        action("undated", due_on=None),
    )
    # one outcome for the plan: the overdue actions are its items
    (result,) = run(rule_, [plan(priorities=(priority("p", actions=actions),))])
    assert result.outcome is NOT_MET
    assert result.severity is Severity.WARNING
    assert result.pointers == ("/priorities/0/actions/0", "/priorities/0/actions/4")
    assert result.evidence["action_id"] == "late"
    assert [item["action_id"] for item in result.evidence["items"]] == ["late", "late2"]
    assert result.message.endswith("(and 1 more)")
    assert outcomes(rule_, [plan(priorities=())]) == [NA]


def test_overdue_actions_boundary() -> None:
    rule_ = action_plans.overdue_actions
    # due on the as-of date is not yet overdue; due the day before is
    today = plan(priorities=(priority("p", actions=(action("a", due_on=AS_OF),)),))
    assert outcomes(rule_, [today]) == [MET]
    yesterday = (action("a", due_on=AS_OF - dt.timedelta(days=1)),)
    (result,) = run(rule_, [plan(priorities=(priority("p", actions=yesterday),))])
    assert (result.outcome, result.evidence["action_id"]) == (NOT_MET, "a")
    assert "items" not in result.evidence
