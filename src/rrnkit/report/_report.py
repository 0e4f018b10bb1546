"""The ``Report`` value: what a run found, with what is needed to reproduce it.

``rrnkit validate``, ``rrnkit check`` and :func:`evaluate` all return a
``Report``. Counts are exact even when ``max_problems`` capped the lists
(``partial`` is then true and ``not_shown`` says how many were left out).
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from rrnkit._internal.dates import require_date
from rrnkit._internal.fields import doc
from rrnkit._version import __version__
from rrnkit.model import Authority, Document, StandardRef
from rrnkit.problems import Problem
from rrnkit.rules import Index, Outcome, OutcomeCounts, Result, Rule, RuleSet, Severity


class FailOn(enum.Enum):
    """Which unmet rules make a run fail (exit code 1)."""

    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"


EXIT_OK = 0
"""Every document valid and no unmet rule at or above the fail-on severity."""
EXIT_FAILED = 1
"""Invalid documents, or unmet rules at or above the fail-on severity."""
EXIT_USAGE = 2
"""A usage or environment error: unknown option, missing or unreadable path, or a file
that changed while ``check`` was reading it (``path.changed``: check it again)."""
EXIT_INTERRUPTED = 130
"""Interrupted (Ctrl-C); the report covers what was done so far."""

UNMET = (Outcome.NOT_MET, Outcome.ERROR)
"""Unmet outcomes, counted by severity and authority (errors of a rule itself count as unmet)."""
LISTED = (Outcome.NOT_MET, Outcome.ERROR, Outcome.INSUFFICIENT_EVIDENCE)
"""Outcomes a report lists as findings, and ``--max-problems`` caps: the unmet ones and
insufficient evidence, which is never compliance and needs a reader's action."""


SHA256_PATTERN = "^[0-9a-f]{64}$"
"""A SHA-256 digest in lower-case hexadecimal."""


@attrs.frozen(kw_only=True)
class InputFile:
    """One file read, fingerprinted so a result can be reproduced later."""

    path: str = attrs.field(metadata=doc("The path as given or found."))
    sha256: str | None = attrs.field(
        metadata=doc(
            "SHA-256 of the file's bytes, or null when it was not read to the end "
            "(unreadable, or the run was interrupted).",
            pattern=SHA256_PATTERN,
        )
    )
    size: int = attrs.field(metadata=doc("Size in bytes.", minimum=0))
    records: int = attrs.field(
        metadata=doc("Records read from the file (valid + invalid).", minimum=0)
    )


@attrs.frozen(kw_only=True)
class RuleSummary:
    """What a report records of each rule it ran: what it cites and how binding that is."""

    id: str = attrs.field(metadata=doc("The rule's id.", minLength=1))
    title: str = attrs.field(metadata=doc("The rule's title."))
    severity: Severity = attrs.field(metadata=doc("The rule's effective severity in the run."))
    authority: Authority | None = attrs.field(
        metadata=doc(
            "The strongest authority among the rule's citations (null for a rule citing nothing)."
        )
    )
    citations: tuple[StandardRef, ...] = attrs.field(
        default=(), metadata=doc("The clauses the rule rests on, in the rule's order.")
    )
    authorities: tuple[Authority | None, ...] = attrs.field(
        default=(),
        metadata=doc("The authority of each citation's framework, in the order of citations."),
    )

    @classmethod
    def of(cls, rule: Rule, severity: Severity | None = None) -> RuleSummary:
        """Summarise ``rule`` (at ``severity``, else its default)."""
        return cls(
            id=rule.id,
            title=rule.title,
            severity=severity if severity is not None else rule.severity,
            authority=rule.authority,
            citations=rule.citations,
            authorities=tuple(c.authority for c in rule.citations),
        )


def summarise(ruleset: RuleSet) -> tuple[RuleSummary, ...]:
    """Summarise every rule of ``ruleset`` at its effective severity, in evaluation order."""
    return tuple(RuleSummary.of(r, ruleset.severity_of(r)) for r in ruleset.rules)


@attrs.frozen(kw_only=True)
class Report:
    """What a run found: input counts, every problem, every rule outcome.

    Every field is described in its attrs metadata; the JSON report's schema
    (``rrnkit.report.report_schema``) is generated from those descriptions.
    """

    command: str = attrs.field(
        metadata=doc("What produced the report: validate, check or evaluate.")
    )
    rrnkit_version: str = attrs.field(
        default=__version__, metadata=doc("The rrnkit version that produced the report.")
    )
    as_of: dt.date | None = attrs.field(
        default=None,
        metadata=doc("The date rules judged evidence at (YYYY-MM-DD), or null when no rules ran."),
    )
    ruleset_id: str | None = attrs.field(
        default=None, metadata=doc("The rule set's id, or null when no rules ran.")
    )
    ruleset_version: str | None = attrs.field(
        default=None, metadata=doc("The rule set's version, or null when it has none.")
    )
    parameters: Mapping[str, Mapping[str, Any]] = attrs.field(
        factory=dict,
        hash=False,
        metadata=doc(
            "Every rule's effective parameters by name (JSON values), by rule id, "
            "in evaluation order."
        ),
    )
    rules: tuple[RuleSummary, ...] = attrs.field(
        default=(),
        metadata=doc("Every rule run, in evaluation order, with its citations and authority."),
    )
    inputs: tuple[InputFile, ...] = attrs.field(
        default=(), metadata=doc("Every file read, in reading order.")
    )
    read: int = attrs.field(
        default=0, metadata=doc("Records read; always valid + invalid.", minimum=0)
    )
    valid: int = attrs.field(
        default=0, metadata=doc("Records that loaded as documents.", minimum=0)
    )
    invalid: int = attrs.field(default=0, metadata=doc("Records with problems.", minimum=0))
    skipped: int = attrs.field(
        default=0, metadata=doc("Blank lines in streams, which hold no record.", minimum=0)
    )
    pseudonymised: int = attrs.field(
        default=0,
        metadata=doc(
            "Valid records that are pseudonymised copies (marked so by rrnkit pseudonymise, "
            "under extensions): their names and free text were removed on purpose, so rules "
            "that read those fields find them missing (see notes).",
            minimum=0,
        ),
    )
    path_problems: tuple[Problem, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Problems with the paths themselves "
            "(missing, unreadable, empty folder, changed while checked)."
        ),
    )
    problems: tuple[Problem, ...] = attrs.field(
        default=(),
        metadata=doc("Problems with records, in reading order (capped by the problem cap)."),
    )
    results: Sequence[Result] = attrs.field(
        default=(),
        eq=attrs.cmp_using(
            eq=lambda a, b: len(a) == len(b) and all(map(operator.eq, a, b)),
            require_same_type=False,
        ),
        metadata=doc(
            "Rule outcomes, by rule then subject id (unmet ones capped by the problem cap). "
            "A run keeping every outcome holds them on disk past a bound and reads them in "
            "this order."
        ),
    )
    outcome_counts: Mapping[Outcome, int] = attrs.field(
        factory=dict,
        hash=False,
        metadata=doc("Exact number of results per outcome, before any cap."),
    )
    unmet_counts: Mapping[Severity, int] = attrs.field(
        factory=dict,
        hash=False,
        metadata=doc("Exact number of unmet results per severity, before any cap."),
    )
    unmet_authority_counts: Mapping[Authority | None, int] = attrs.field(
        factory=dict,
        hash=False,
        metadata=doc(
            "Exact number of unmet results per authority of their rule, before any cap "
            "(None counts rules that cite nothing)."
        ),
    )
    partial: bool = attrs.field(
        default=False,
        metadata=doc("True when the problem cap left problems or findings out of the lists."),
    )
    not_shown: int = attrs.field(
        default=0, metadata=doc("How many problems and findings the cap left out.", minimum=0)
    )
    interrupted: bool = attrs.field(
        default=False,
        metadata=doc("True when the run was interrupted; the report covers what was done."),
    )
    notes: tuple[str, ...] = attrs.field(
        default=(),
        metadata=doc(
            "What a reader must know to read the results rightly (such as which rules a "
            "pseudonymised copy makes meaningless), in words; never a value from a record."
        ),
    )

    @property
    def counts(self) -> dict[Outcome, int]:
        """Number of results per outcome (every outcome listed, zero included)."""
        return {outcome: self.outcome_counts.get(outcome, 0) for outcome in Outcome}

    @property
    def unmet_by_severity(self) -> dict[Severity, int]:
        """Number of unmet results per severity (every severity listed)."""
        return {severity: self.unmet_counts.get(severity, 0) for severity in Severity}

    @property
    def unmet_by_authority(self) -> dict[Authority | None, int]:
        """Number of unmet results per authority, strongest first; None last, for uncited rules."""
        order: list[Authority | None] = [*sorted(Authority, key=lambda a: -a.rank), None]
        return {a: self.unmet_authority_counts.get(a, 0) for a in order}

    @property
    def findings(self) -> list[Result]:
        """Unmet results (not met, or the rule itself failed), in evaluation order."""
        return [r for r in self.results if r.outcome in UNMET]

    def of_outcome(self, outcome: Outcome) -> list[Result]:
        """Results with one outcome, in evaluation order."""
        return [r for r in self.results if r.outcome is outcome]

    def of_rule(self, rule_id: str) -> list[Result]:
        """Results of one rule, in evaluation order."""
        return [r for r in self.results if r.rule_id == rule_id]

    def exit_code(self, fail_on: FailOn = FailOn.ERROR) -> int:
        """Return the documented exit code for this report."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        if self.path_problems:
            return EXIT_USAGE
        if self.invalid:
            return EXIT_FAILED
        if fail_on is FailOn.NEVER:
            return EXIT_OK
        threshold = Severity(fail_on.value).rank
        failing = sum(n for sev, n in self.unmet_counts.items() if sev.rank >= threshold)
        return EXIT_FAILED if failing else EXIT_OK


def tally(results: Iterable[Result]) -> tuple[dict[Outcome, int], dict[Severity, int]]:
    """Count results per outcome, and unmet results per severity."""
    outcomes: Counter[Outcome] = Counter()
    unmet: Counter[Severity] = Counter()
    for result in results:
        outcomes[result.outcome] += 1
        if result.outcome in UNMET:
            unmet[result.severity] += 1
    return dict(outcomes), dict(unmet)


def count_fields(counts: OutcomeCounts) -> dict[str, Any]:
    """Return a report's count fields from a run's counts (by outcome, severity, authority).

    The fields are ``outcome_counts``, ``unmet_counts`` and ``unmet_authority_counts``.
    """
    outcomes: dict[Outcome, int] = {}
    unmet: dict[Severity, int] = {}
    by_authority: dict[Authority | None, int] = {}
    for (outcome, severity, authority), n in counts.items():
        outcomes[outcome] = outcomes.get(outcome, 0) + n
        if outcome in UNMET:
            unmet[severity] = unmet.get(severity, 0) + n
            by_authority[authority] = by_authority.get(authority, 0) + n
    return {
        "outcome_counts": outcomes,
        "unmet_counts": unmet,
        "unmet_authority_counts": by_authority,
    }


def evaluate(documents: Iterable[Document] | Index, ruleset: RuleSet, *, as_of: dt.date) -> Report:
    """Evaluate ``ruleset`` over ``documents`` as of a date (not a date-time); return the report."""
    require_date(as_of)
    counts: OutcomeCounts = Counter()
    results = tuple(ruleset.run(documents, as_of=as_of, counts=counts))
    return Report(
        command="evaluate",
        as_of=as_of,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        parameters={r.id: ruleset.params_of(r) for r in ruleset.rules},
        rules=summarise(ruleset),
        results=results,
        **count_fields(counts),
    )
