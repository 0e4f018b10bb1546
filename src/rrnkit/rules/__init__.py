"""Compliance rules: cited, parameterised check functions and the rule sets that hold them.

A rule is a plain function of (subject, context) returning verdicts, declared
with :func:`rule`: a stable id, title, citations (``StandardRef``), the kind it
applies to, a default severity and typed parameters. Rule sets are immutable
values; evaluation order is deterministic, and a rule that raises gives an
``error`` outcome instead of a crash. The context carries the as-of date:
no rule ever reads the clock.
"""

from rrnkit.rules._combinators import all_of, any_of, for_each, when
from rrnkit.rules._context import Context, Fold, Index
from rrnkit.rules._outcome import (
    Outcome,
    Severity,
    Verdict,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
)
from rrnkit.rules._rule import COLLECTION, Check, Parameter, Result, Rule, Scope, rule
from rrnkit.rules._ruleset import RuleSet

__all__ = [
    "COLLECTION",
    "Check",
    "Context",
    "Fold",
    "Index",
    "Outcome",
    "Parameter",
    "Result",
    "Rule",
    "RuleSet",
    "Scope",
    "Severity",
    "Verdict",
    "all_of",
    "any_of",
    "for_each",
    "insufficient_evidence",
    "met",
    "not_applicable",
    "not_met",
    "rule",
    "when",
]
