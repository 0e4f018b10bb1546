"""Compliance over time: the same rule set judged at a series of dates.

A study asks whether compliance changed, for instance after an action plan
began. :func:`compliance_over_time` evaluates one rule set at the end of each
period and counts the outcomes per framework (or per rule pack), so the
periods can be compared. Incidents are judged in the period they started in
(or, cumulatively, every incident up to the date); every other document is
given to each evaluation, and the rules judge it as of the date, as they
always do (training attended after the date never counts, for instance).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from rrnkit.model import Document, Incident, Period
from rrnkit.model.values import add_months
from rrnkit.rules import Index, Outcome, OutcomeCounts, RuleSet
from rrnkit.rules.packs import PACKS


@attrs.frozen(kw_only=True)
class ComplianceCount:
    """How often each outcome came out, for one period and one framework or pack."""

    period: Period
    """The incidents' period; the rules judged the evidence as of its last day."""
    group: str
    """A framework id (``rrn-ts``, ``uof-act`` ...) or a rule pack id."""
    met: int = 0
    not_met: int = 0
    not_applicable: int = 0
    insufficient_evidence: int = 0
    error: int = 0
    """Results of a rule that itself failed."""

    @property
    def as_of(self) -> dt.date:
        """The date the evidence was judged at: the period's last day."""
        return self.period.end

    @property
    def judged(self) -> int:
        """Results that judged the evidence either way: met, not met or a rule error."""
        return self.met + self.not_met + self.error

    @property
    def met_share(self) -> float | None:
        """Met as a share of the results that judged the evidence; None when none did.

        Not applicable and insufficient evidence are left out: missing
        evidence is never counted as compliance, nor as a breach.
        """
        judged = self.judged
        return self.met / judged if judged else None


def quarters(first: dt.date, last: dt.date) -> list[Period]:
    """Return the calendar quarters from the one holding ``first`` to the one holding ``last``."""
    return _periods(first, last, dt.date(first.year, (first.month - 1) // 3 * 3 + 1, 1), 3)


def months(first: dt.date, last: dt.date) -> list[Period]:
    """Return the calendar months from the one holding ``first`` to the one holding ``last``."""
    return _periods(first, last, first.replace(day=1), 1)


def _periods(first: dt.date, last: dt.date, start: dt.date, length: int) -> list[Period]:
    """Return periods of ``length`` months from ``start`` (the first's) until one holds ``last``."""
    if last < first:
        raise ValueError("last must not be before first")
    periods = []
    while start <= last:
        if (start.year * 12 + start.month - 1 + length) // 12 > dt.MAXYEAR:
            periods.append(Period(start=start, end=dt.date.max))  # the calendar's last period
            break
        following = add_months(start, length)
        periods.append(Period(start=start, end=following - dt.timedelta(days=1)))
        start = following
    return periods


def _pack_of(ruleset: RuleSet) -> dict[str, str]:
    """Map each rule id to the shipped pack holding it (or the rule set's own id)."""
    packs = {rule.id: pack_id for pack_id, pack in PACKS.items() for rule in pack.rules}
    return {rule.id: packs.get(rule.id, ruleset.id) for rule in ruleset.rules}


def _groups_of(ruleset: RuleSet, by: str) -> dict[str, tuple[str, ...]]:
    if by == "pack":
        return {rule_id: (pack,) for rule_id, pack in _pack_of(ruleset).items()}
    return {rule.id: tuple(sorted(rule.frameworks)) for rule in ruleset.rules}


def compliance_over_time(
    documents: Iterable[Document],
    ruleset: RuleSet,
    periods: Sequence[Period],
    *,
    by: Literal["framework", "pack"] = "framework",
    incidents: Literal["period", "cumulative"] = "period",
) -> list[ComplianceCount]:
    """Evaluate ``ruleset`` as of the end of each period and count outcomes per group.

    With ``by="framework"`` a result counts once under each framework its
    rule cites (a rule citing two frameworks counts under both); with
    ``by="pack"`` it counts under the shipped pack holding the rule (a rule
    of your own counts under the rule set's id). ``incidents="period"``
    judges only incidents that started in the period (by their start's
    calendar date as recorded); ``"cumulative"`` judges every incident that
    started on or before its last day. Rows come in period order, then group
    order; the same inputs always give the same rows.
    """
    if by not in ("framework", "pack"):
        raise ValueError("by is 'framework' or 'pack'")
    if incidents not in ("period", "cumulative"):
        raise ValueError("incidents is 'period' or 'cumulative'")
    held = list(documents)
    others = [d for d in held if not isinstance(d, Incident)]
    dated = sorted(
        ((d.start.date(), d) for d in held if isinstance(d, Incident)), key=lambda p: p[0]
    )
    groups_of = _groups_of(ruleset, by)
    every_group = sorted({g for groups in groups_of.values() for g in groups})
    rows: list[ComplianceCount] = []
    for period in periods:
        first = period.start if incidents == "period" else dt.date.min
        chosen = [d for day, d in dated if first <= day <= period.end]
        counts: Counter[tuple[str, Outcome]] = Counter()
        index = Index([*others, *chosen])
        for rule in ruleset.rules:
            # one rule at a time, counting without keeping a result: memory holds counts
            by_outcome: OutcomeCounts = Counter()
            alone = ruleset.select(ids=[rule.id])  # its parameters and severity kept
            alone.run(index, as_of=period.end, keep=frozenset(), counts=by_outcome)
            for (outcome, _severity, _authority), n in by_outcome.items():
                for group in groups_of[rule.id]:
                    counts[(group, outcome)] += n
        for group in every_group:
            rows.append(
                ComplianceCount(
                    period=period,
                    group=group,
                    met=counts[(group, Outcome.MET)],
                    not_met=counts[(group, Outcome.NOT_MET)],
                    not_applicable=counts[(group, Outcome.NOT_APPLICABLE)],
                    insufficient_evidence=counts[(group, Outcome.INSUFFICIENT_EVIDENCE)],
                    error=counts[(group, Outcome.ERROR)],
                )
            )
    return rows
