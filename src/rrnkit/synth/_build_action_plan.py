"""Building each organisation's two-year restraint reduction action plan.

Six priorities, one for each core strategy, with dated actions; planted
overdue actions draw from the gaps stream.
"""

from __future__ import annotations

import datetime as dt
import random

from rrnkit.model import (
    ActionPlan,
    ActionStatus,
    CoreStrategy,
    Identifier,
    MeasurableOutcome,
    Period,
    PlanAction,
    PlanReview,
    Priority,
)
from rrnkit.model.values import add_months
from rrnkit.synth._config import SynthConfig
from rrnkit.synth._draw import gap_count, random_days
from rrnkit.synth._plans import DAY, OrgPlan

__all__ = ["action_plan"]

_PRIORITIES = (
    ("p1-leadership", "Board-level leadership and governance of restrictive practice reduction",
     CoreStrategy.LEADERSHIP,
     (("Quarterly restrictive practice report to the Quality Committee, presented by the "
       "Responsible Person.", "Chief Nurse"),
      ("Review and republish the Use of Force policy after consultation with patients, carers "
       "and staff.", "Head of Restrictive Practice Reduction")),
     ("Restrictive practice reports received by the Quality Committee", "reports per year",
      1, 4)),
    ("p2-data", "Use ward-level data to inform practice", CoreStrategy.USE_OF_DATA,
     (("Ward dashboard of restrictive interventions built from MHSDS-aligned incident "
       "records.", "Head of Clinical Information"),
      ("Monthly ward data huddles reviewing restraint, prone and seclusion figures.",
       "Ward Managers")),
     ("Restraints per 1,000 occupied bed days (MHS96), all inpatient wards",
      "per 1,000 occupied bed days", 14.2, 10.0)),
    ("p3-workforce", "A workforce trained in certified, prevention-focused training built on "
     "our TNA", CoreStrategy.WORKFORCE_DEVELOPMENT,
     (("Annual refresher for every inpatient staff member, tracked monthly by ward managers.",
       "Head of Restrictive Practice Reduction"),
      ("Train an associate trainer under the provider's approved affiliate arrangement.",
       "Head of Learning and Development")),
     ("Inpatient staff in date with certified training", "percent", 62, 95)),
    ("p4-tools", "Restraint reduction tools on every ward",
     CoreStrategy.RESTRAINT_REDUCTION_TOOLS,
     (("Implement Safewards interventions on every ward.", "Ward Managers"),
      ("Every patient with a restrictive intervention has a trauma-informed safety and "
       "positive behaviour support plan.", "Consultant Clinical Psychologist")),
     ("Patients subject to restrictive intervention with a current safety or PBS plan",
      "percent", 40, 90)),
    ("p5-inclusion", "Full inclusion of people who use our services and their families",
     CoreStrategy.INCLUSION_OF_PEOPLE_AND_FAMILIES,
     (("Lived-experience educators co-deliver the initial programme and review the "
       "curriculum.", "Patient Experience and Involvement Lead"),
      ("Carers' forum reviews anonymised restraint data twice a year.", "Carer Lead")),
     ("Patients reporting they felt safe on the ward (community meeting survey)", "percent",
      58, 80)),
    ("p6-debrief", "Rigorous post-incident support, debrief and learning",
     CoreStrategy.DEBRIEFING,
     (("Introduce a post-incident debrief template with a patient review within 72 hours.",
       "Consultant Clinical Psychologist"),
      ("Feed debrief themes into refresher training through the provider.",
       "Head of Restrictive Practice Reduction")),
     ("Incidents with a patient debrief within 72 hours", "percent", 35, 90)),
)  # fmt: skip


def action_plan(
    rng: random.Random, gap: random.Random, org: OrgPlan, config: SynthConfig
) -> ActionPlan:
    """Return the organisation's action plan: six priorities, their actions and reviews."""
    end = config.end
    begin = add_months(end, -20).replace(day=1)
    period = Period(start=begin, end=add_months(begin, 24) - DAY)
    due_dates = [
        [begin + random_days(rng, 60, 700) for _ in actions] for _, _, _, actions, _ in _PRIORITIES
    ]
    passed = [(i, j) for i, dues in enumerate(due_dates) for j, due in enumerate(dues) if due < end]
    overdue = set(gap.sample(passed, gap_count(len(passed), config.gap_share)))
    priorities = []
    for i, (ident, title, strategy, actions, outcome) in enumerate(_PRIORITIES):
        plan_actions = []
        for j, (text, owner) in enumerate(actions):
            due = due_dates[i][j]
            if due < end and (i, j) not in overdue:
                status, completed = (
                    ActionStatus.COMPLETED,
                    max(begin, due - random_days(rng, 0, 40)),
                )
            elif due < end or due - dt.timedelta(days=180) <= end:
                status, completed = ActionStatus.IN_PROGRESS, None
            else:
                status, completed = ActionStatus.NOT_STARTED, None
            plan_actions.append(
                PlanAction(
                    id=Identifier(f"a{i + 1}.{j + 1}"),
                    description=text,
                    owner=owner,
                    due_on=due,
                    status=status,
                    completed_on=completed,
                )
            )
        measure, unit, baseline, target = outcome
        priorities.append(
            Priority(
                id=Identifier(ident),
                title=title,
                strategies=(strategy,),
                actions=tuple(plan_actions),
                outcomes=(
                    MeasurableOutcome(
                        measure=measure,
                        unit=unit,
                        baseline=float(baseline),
                        baseline_on=begin - DAY,
                        target=float(target),
                        target_on=period.end,
                    ),
                ),
            )
        )
    reviews = []
    day = add_months(begin, 4)
    while day <= end:
        reviews.append(
            PlanReview(
                reviewed_on=day,
                reviewed_by="Restrictive Practice Reduction Group, chaired by the Chief Nurse",
            )
        )
        day = add_months(day, 4)
    return ActionPlan(
        id=Identifier(f"action-plan-{org.code}-{begin.year}-{period.end.year}"),
        organisation_id=Identifier(org.id),
        title=f"{org.short} restraint reduction action plan {begin.year}-{period.end.year} "
        "(RRN organisational membership)",
        period=period,
        published_on=begin + random_days(rng, 5, 20),
        priorities=tuple(priorities),
        reviews=tuple(reviews),
    )
