"""Compliance rules: cited, parameterised check functions and the rule sets that hold them.

A rule is a plain function of (subject, context) returning verdicts, declared
with :func:`rule`: a stable id, title, citations (``StandardRef``), the kind it
applies to, a default severity and typed parameters. Rule sets are immutable
values; evaluation order is deterministic, and a rule that raises gives an
``error`` outcome instead of a crash. The context carries the as-of date:
no rule ever reads the clock.

A rule's default severity follows the strongest authority it cites
(:func:`severity_for`): statute, statutory guidance, a national standard, a
voluntary commitment or an organisation's policy give ``error``; good-practice
guidance and data standards give ``warning``. A rule gives one outcome per
subject: several verdicts a check returns are folded into one
(:func:`fold_verdicts`) unless the rule is declared ``per_item``.

A rule that judges staff training asks :func:`force_users_training` whether
each member of staff who used force was in date, and
:func:`no_training_evidence` whether any training is recorded at all.
:class:`Evaluator` runs a rule set one subject at a time, for kinds too many
to hold, making each kept outcome a :class:`Result` (:func:`make_result`) or
whatever a :data:`Make` function makes of it.

The rule API never does nothing silently. A rule for a kind that is not a
document kind or :data:`COLLECTION` (:data:`SUBJECTS`), a rule citing nothing,
two rules with one id in a rule set, a rule id, tag or framework no rule of the
rule set has (``select``, ``exclude``, ``with_params``, ``with_severity``,
``rule``), and a parameter value of the wrong type or outside the bounds its
:class:`Parameter` declares are refused at once, with a message naming what was
wrong, the nearest known name and what is allowed. Unknown names raise
:class:`UnknownNameError`, both a ``KeyError`` and a ``ValueError``. An
``as_of`` must be a date: a ``datetime`` is refused.
"""

from rrnkit._internal.names import UnknownNameError
from rrnkit.rules._combinators import all_of, any_of, for_each, when
from rrnkit.rules._context import Context, Fold, Index
from rrnkit.rules._fold import NOTHING_TO_JUDGE, WORST_FIRST, fold_verdicts
from rrnkit.rules._outcome import (
    Outcome,
    Severity,
    Verdict,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
)
from rrnkit.rules._rule import (
    COLLECTION,
    SUBJECTS,
    Check,
    Make,
    OutcomeCounts,
    Parameter,
    Result,
    Rule,
    Scope,
    make_result,
    rule,
    severity_for,
)
from rrnkit.rules._ruleset import Evaluator, RuleSet
from rrnkit.rules._tags import READS_SENSITIVE
from rrnkit.rules._training import ForceUserTraining, force_users_training, no_training_evidence

__all__ = [
    "COLLECTION",
    "NOTHING_TO_JUDGE",
    "READS_SENSITIVE",
    "SUBJECTS",
    "WORST_FIRST",
    "Check",
    "Context",
    "Evaluator",
    "Fold",
    "ForceUserTraining",
    "Index",
    "Make",
    "Outcome",
    "OutcomeCounts",
    "Parameter",
    "Result",
    "Rule",
    "RuleSet",
    "Scope",
    "Severity",
    "UnknownNameError",
    "Verdict",
    "all_of",
    "any_of",
    "fold_verdicts",
    "for_each",
    "force_users_training",
    "insufficient_evidence",
    "make_result",
    "met",
    "no_training_evidence",
    "not_applicable",
    "not_met",
    "rule",
    "severity_for",
    "when",
]
