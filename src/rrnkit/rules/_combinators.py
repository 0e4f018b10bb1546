"""Combinators for check functions, in the style of attrs' validators.

Each returns a plain check function (subject, context) -> verdicts, with a
useful ``__qualname__``, so combined checks stay ordinary rule checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rrnkit.rules._context import Context
from rrnkit.rules._outcome import Outcome, Verdict, not_applicable
from rrnkit.rules._rule import Check

_WORST_FIRST = (
    Outcome.ERROR,
    Outcome.NOT_MET,
    Outcome.INSUFFICIENT_EVIDENCE,
    Outcome.MET,
    Outcome.NOT_APPLICABLE,
)


def _verdicts(check: Check, subject: Any, context: Context) -> list[Verdict]:
    produced = check(subject, context)
    return [produced] if isinstance(produced, Verdict) else list(produced)


def _named(fn: Check, name: str) -> Check:
    fn.__qualname__ = name
    fn.__name__ = name
    return fn


def all_of(*checks: Check) -> Check:
    """Every check's verdicts, in order: the subject must satisfy each."""

    def check(subject: Any, context: Context) -> list[Verdict]:
        return [v for c in checks for v in _verdicts(c, subject, context)]

    return _named(check, f"all_of({', '.join(c.__name__ for c in checks)})")


def any_of(*checks: Check) -> Check:
    """Met when any check is met; otherwise the verdicts of the check that came closest."""

    def check(subject: Any, context: Context) -> list[Verdict]:
        tried = [_verdicts(c, subject, context) for c in checks]
        for verdicts in tried:
            if verdicts and all(v.outcome is Outcome.MET for v in verdicts):
                return verdicts
        return min(
            tried,
            key=lambda vs: min((_WORST_FIRST.index(v.outcome) for v in vs), default=0),
            default=[],
        )

    return _named(check, f"any_of({', '.join(c.__name__ for c in checks)})")


def when(predicate: Callable[[Any, Context], bool], check: Check, *, otherwise: str) -> Check:
    """Apply ``check`` only when ``predicate`` holds; else not applicable, saying ``otherwise``."""

    def guarded(subject: Any, context: Context) -> list[Verdict]:
        if predicate(subject, context):
            return _verdicts(check, subject, context)
        return [not_applicable(otherwise)]

    return _named(guarded, f"when({getattr(predicate, '__name__', 'predicate')})")


def for_each(
    items: Callable[[Any], Iterable[tuple[str, Any]]], check: Check, *, none: str
) -> Check:
    """Apply ``check`` to each (pointer, item) that ``items`` yields from the subject.

    The item's pointer is prefixed to each verdict's pointers; with no items
    the outcome is not applicable, saying ``none``.
    """

    def each(subject: Any, context: Context) -> list[Verdict]:
        out: list[Verdict] = []
        for pointer, item in items(subject):
            for v in _verdicts(check, item, context):
                pointers = tuple(pointer + p for p in v.pointers) or (pointer,)
                out.append(
                    Verdict(
                        outcome=v.outcome, message=v.message, pointers=pointers, evidence=v.evidence
                    )
                )
        return out or [not_applicable(none)]

    return _named(each, f"for_each({getattr(items, '__name__', 'items')})")
