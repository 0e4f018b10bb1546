"""Outcomes, severities and the verdicts a rule's check function returns."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, NamedTuple


class Outcome(enum.Enum):
    """What a rule found for one subject. Missing evidence is never compliance nor breach."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    ERROR = "error"
    """The rule itself raised: reported, never a crash."""

    # Members are singletons compared by identity: hash them in C, not by name
    # (rules count and look up outcomes millions of times in a large run).
    __hash__ = object.__hash__


class Severity(enum.Enum):
    """How much an unmet rule matters; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    __hash__ = object.__hash__  # identity, hashed in C (see Outcome)

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return ("info", "warning", "error").index(self.value)


class Verdict(NamedTuple):
    """What a check function says about one subject (the engine adds rule and subject).

    A named tuple rather than an attrs class: rules make one for every subject
    they look at, most of them ``met``, so it must be cheap to make.
    """

    outcome: Outcome
    message: str
    pointers: tuple[str, ...] = ()
    evidence: Mapping[str, Any] = {}


# Verdicts are made straight from their fields, skipping the named tuple's
# generated ``__new__``, and the members are read once here (reading
# ``Outcome.MET`` looks it up on the enum class each time, as slow as the rest
# of making a verdict on Python 3.11): rules make millions of them in a large run.
_make = tuple.__new__
_MET, _NOT_MET, _NOT_APPLICABLE, _INSUFFICIENT_EVIDENCE = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NOT_APPLICABLE,
    Outcome.INSUFFICIENT_EVIDENCE,
)


def met(message: str, *pointers: str, **evidence: Any) -> Verdict:
    """Say the evidence shows the requirement is met."""
    verdict: Verdict = _make(Verdict, (_MET, message, pointers, evidence))
    return verdict


def not_met(message: str, *pointers: str, **evidence: Any) -> Verdict:
    """Say the evidence shows the requirement is not met."""
    verdict: Verdict = _make(Verdict, (_NOT_MET, message, pointers, evidence))
    return verdict


def not_applicable(message: str, *pointers: str, **evidence: Any) -> Verdict:
    """Say the requirement does not apply to this subject."""
    verdict: Verdict = _make(Verdict, (_NOT_APPLICABLE, message, pointers, evidence))
    return verdict


def insufficient_evidence(message: str, *pointers: str, **evidence: Any) -> Verdict:
    """Say the evidence needed to decide is missing: neither met nor a breach."""
    verdict: Verdict = _make(Verdict, (_INSUFFICIENT_EVIDENCE, message, pointers, evidence))
    return verdict
