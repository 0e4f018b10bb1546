"""Results as plain values, to cross between processes and to be written to disk.

Pickling millions of attrs objects is slow; a packed result is a tuple of plain
values (citations and authority come back from the rule set).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rrnkit.rules import Outcome, Result, RuleSet, Severity

__all__ = ["Packed", "Unpacker", "pack", "unpack"]


Packed = tuple[str, str, str, str, str, str, tuple[str, ...], Any, "str | None", "int | None"]
"""A result as plain values, to cross between processes: rule id, outcome, severity,
message, subject kind and id, pointers, evidence, source, line (citations and authority
come from the rule)."""


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

    def __call__(self, item: Packed) -> Result:
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
            pointers=pointers,
            evidence=evidence,
            source=source,
            line=line,
            authority=self._authorities[rule_id],
        )


def unpack(packed: list[Packed], ruleset: RuleSet) -> list[Result]:
    """Rebuild the results :func:`pack` made plain, in order."""
    rebuild = Unpacker(ruleset)
    return [rebuild(item) for item in packed]
