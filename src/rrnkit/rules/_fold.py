"""One outcome per subject: folding several verdicts about one subject into one.

A check may judge a subject item by item (each staff member of an incident,
each intervention) and return a verdict per item. Counted as they are, a
subject with three failing items would weigh three times one that passes,
and a met share's denominator would grow with the failures. So the engine
folds them: the subject's outcome is the worst of its items', and the items'
detail stays in the pointers and evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rrnkit.rules._outcome import Outcome, Verdict, not_applicable

WORST_FIRST = (
    Outcome.ERROR,
    Outcome.NOT_MET,
    Outcome.INSUFFICIENT_EVIDENCE,
    Outcome.MET,
    Outcome.NOT_APPLICABLE,
)
"""Outcomes from the one that rules a folded verdict to the one that yields to every other."""

_BADNESS = {outcome: len(WORST_FIRST) - n for n, outcome in enumerate(WORST_FIRST)}

NOTHING_TO_JUDGE = "the rule found nothing to judge"
"""The message of the verdict a check that returned no verdicts at all folds to."""


def worst_outcome(verdicts: Iterable[Verdict]) -> Outcome:
    """Return the worst outcome among ``verdicts`` (not applicable when there are none).

    What :func:`fold_verdicts` gives as the outcome, without building the
    rest: the engine counts unkept outcomes with it alone.
    """
    badness = _BADNESS
    worst, rank = Outcome.NOT_APPLICABLE, 0
    for verdict in verdicts:
        if badness[verdict.outcome] > rank:
            worst, rank = verdict.outcome, badness[verdict.outcome]
    return worst


def fold_verdicts(verdicts: Iterable[Verdict]) -> Verdict:
    """Fold a check's verdicts about one subject into one verdict.

    - The outcome is the worst: error > not met > insufficient evidence > met
      > not applicable.
    - The message is that of the first verdict with that outcome, followed by
      ``" (and N more)"`` when N further verdicts share it.
    - The pointers are those of every verdict with that outcome, in order, each once.
    - The evidence is the first such verdict's, plus (when there was more than
      one verdict) ``items``: each verdict's outcome, pointers and evidence, in order.

    One verdict is returned as it is; none folds to ``not_applicable``
    (:data:`NOTHING_TO_JUDGE`).
    """
    given = verdicts if isinstance(verdicts, (list, tuple)) else list(verdicts)
    if len(given) == 1:
        return given[0]
    if not given:
        return not_applicable(NOTHING_TO_JUDGE)
    worst = worst_outcome(given)
    ruling = [v for v in given if v.outcome is worst]
    first = ruling[0]
    message = first.message
    if len(ruling) > 1:
        message += f" (and {len(ruling) - 1} more)"
    pointers = tuple(dict.fromkeys(p for v in ruling for p in v.pointers))
    items: list[dict[str, Any]] = [
        {
            "outcome": v.outcome.value,
            "pointers": list(v.pointers),
            **{k: value for k, value in v.evidence.items() if k not in ("outcome", "pointers")},
        }
        for v in given
    ]
    return Verdict(worst, message, pointers, {**first.evidence, "items": items})


__all__ = ["NOTHING_TO_JUDGE", "WORST_FIRST", "fold_verdicts", "worst_outcome"]
