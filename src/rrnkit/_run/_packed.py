"""Results as plain values: what a run makes, locates, spools and sends between processes.

A run that keeps every outcome makes one result per rule and subject, millions
in a large run. Building each as a :class:`~rrnkit.rules.Result` and pickling
or writing it costs more than judging it, so the run makes a packed result, a
tuple of plain values (:func:`pack_verdict`), and builds results only for a
caller who asks for them (:class:`Unpacker`; citations and authority come
back from the rule set).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from rrnkit.model import Document
from rrnkit.report import LISTED
from rrnkit.rules import COLLECTION, Outcome, Result, Rule, RuleSet, Severity, Verdict

__all__ = ["FINDING_VALUES", "Packed", "Unpacker", "order", "pack", "pack_verdict", "unpack"]


Packed = tuple[str, str, str, str, str, str, tuple[str, ...], Any, "str | None", "int | None"]
"""A result as plain values, to cross between processes: rule id, outcome, severity,
message, subject kind and id, pointers, evidence, source, line (citations and authority
come from the rule)."""


OUTCOME: Final = 1
"""Where a packed result holds its outcome."""
POINTERS: Final = 6
"""Where a packed result holds its pointers."""

FINDING_VALUES = frozenset(outcome.value for outcome in LISTED)
"""The packed outcomes a report lists and caps as findings (not met, rule error,
insufficient evidence)."""


def pack_verdict(
    rule: Rule, verdict: Verdict, subject: Document | None, severity: Severity
) -> Packed:
    """Make the packed result of ``rule``'s verdict about ``subject`` (an engine ``make``)."""
    return (
        rule.id,
        verdict.outcome._value_,
        severity._value_,
        verdict.message,
        COLLECTION if subject is None else subject.kind,
        "*" if subject is None else subject.id,
        verdict.pointers,
        verdict.evidence,
        None,
        None,
    )


def order(packed: Iterable[Packed], ruleset: RuleSet) -> list[Packed]:
    """Sort packed results in the report's order: by rule, then subject id (stable)."""
    position = {rule.id: n for n, rule in enumerate(ruleset.rules)}
    return sorted(packed, key=lambda p: (position[p[0]], p[5]))


def pack(results: Iterable[Result]) -> list[Packed]:
    """Turn results into plain values: pickling millions of attrs objects is slow."""
    return [
        (
            r.rule_id,
            r.outcome.value,
            r.severity.value,
            r.message,
            r.subject_kind,
            r.subject_id,
            r.pointers,
            r.evidence,
            r.source,
            r.line,
        )
        for r in results
    ]


class Unpacker:
    """Rebuilds results :func:`pack` made plain, for one rule set (citations come from it)."""

    def __init__(self, ruleset: RuleSet) -> None:
        """Look up each rule's citations and authority once."""
        self._citations = {rule.id: rule.citations for rule in ruleset.rules}
        self._authorities = {rule.id: rule.authority for rule in ruleset.rules}
        self._outcomes = {outcome.value: outcome for outcome in Outcome}
        self._severities = {severity.value: severity for severity in Severity}

    def __call__(self, item: Packed | list[Any]) -> Result:
        """Rebuild one result."""
        rule_id, outcome, severity, message, kind, ident, pointers, evidence, source, line = item
        return Result(
            rule_id=rule_id,
            outcome=self._outcomes[outcome],
            severity=self._severities[severity],
            message=message,
            citations=self._citations[rule_id],
            subject_kind=kind,
            subject_id=ident,
            pointers=tuple(pointers),  # a list, read back from JSON
            evidence=evidence,
            source=source,
            line=line,
            authority=self._authorities[rule_id],
        )


def unpack(packed: list[Packed], ruleset: RuleSet) -> list[Result]:
    """Rebuild the results :func:`pack` made plain, in order."""
    rebuild = Unpacker(ruleset)
    return [rebuild(item) for item in packed]
