"""The ``Report`` value: every outcome with the context needed to reproduce it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from rrnkit._version import __version__
from rrnkit.model import Document
from rrnkit.rules import Index, Outcome, Result, RuleSet, Severity


@attrs.frozen(kw_only=True)
class Report:
    """The results of evaluating a rule set over documents at an as-of date."""

    as_of: dt.date
    ruleset_id: str
    ruleset_version: str
    rrnkit_version: str
    parameters: Mapping[str, Mapping[str, Any]] = attrs.field(hash=False)
    """Every rule's effective parameters, by rule id."""
    results: tuple[Result, ...]

    @property
    def counts(self) -> dict[Outcome, int]:
        """Number of results per outcome (every outcome listed, zero included)."""
        found = Counter(r.outcome for r in self.results)
        return {outcome: found.get(outcome, 0) for outcome in Outcome}

    @property
    def unmet_by_severity(self) -> dict[Severity, int]:
        """Number of ``not_met`` results per severity."""
        found = Counter(r.severity for r in self.results if r.outcome is Outcome.NOT_MET)
        return {severity: found.get(severity, 0) for severity in Severity}

    def of_outcome(self, outcome: Outcome) -> list[Result]:
        """Results with one outcome, in evaluation order."""
        return [r for r in self.results if r.outcome is outcome]

    def of_rule(self, rule_id: str) -> list[Result]:
        """Results of one rule, in evaluation order."""
        return [r for r in self.results if r.rule_id == rule_id]


def evaluate(documents: Iterable[Document] | Index, ruleset: RuleSet, *, as_of: dt.date) -> Report:
    """Evaluate ``ruleset`` over ``documents`` as of a date and return the report."""
    if not isinstance(as_of, dt.date):
        raise TypeError("as_of must be a date: rules never read the clock")
    results = ruleset.run(documents, as_of=as_of)
    return Report(
        as_of=as_of,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        rrnkit_version=__version__,
        parameters={r.id: ruleset.params_of(r) for r in ruleset.rules},
        results=tuple(results),
    )
