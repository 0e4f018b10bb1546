"""Rules: a plain check function wrapped with its id, citations, severity and parameters."""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping
from typing import Any

import attrs

from rrnkit._internal.fields import doc
from rrnkit.model import Authority, Document, StandardRef
from rrnkit.model.refs import strongest
from rrnkit.problems import JSON_POINTER_PATTERN
from rrnkit.rules._context import Context, Fold
from rrnkit.rules._fold import fold_verdicts, worst_outcome
from rrnkit.rules._outcome import Outcome, Severity, Verdict

COLLECTION = "collection"
"""``applies_to`` for rules judged once over all documents rather than per document."""

Check = Callable[[Any, Context], "Verdict | Iterable[Verdict]"]
"""A check function: (subject, context) -> one verdict or several."""

Scope = Callable[[Any, Context], "Verdict | None"]
"""A precondition several rules share: (subject, context) -> the verdict that rules the
subject out (usually not applicable), or None when the rules' checks should run.

A scope reads the subject, the index and the as-of date, never a rule's parameters.
Rules that share a scope (the same function) and follow one another in a rule set
have it asked once per subject, not once per rule."""


OutcomeCounts = Counter[tuple[Outcome, Severity, Authority | None]]
"""Exact outcome counts of a run: by outcome, effective severity and the rule's authority."""


def severity_for(authority: Authority | None) -> Severity:
    """Return the default severity of a rule whose strongest citation has ``authority``.

    A duty in statute, statutory guidance, a national standard, a voluntary
    commitment or an organisation's own policy is an ``error`` when unmet;
    good-practice guidance (NICE says its recommendations are not mandatory)
    and a data standard give a ``warning``. A rule citing nothing is an ``error``.
    """
    if authority is None or authority.binding:
        return Severity.ERROR
    return Severity.WARNING


def failed(exc: Exception) -> Verdict:
    """Make the verdict of a check or scope that raised: an ``error`` naming only its type."""
    return Verdict(outcome=Outcome.ERROR, message=f"the rule failed with {type(exc).__name__}")


@attrs.frozen(kw_only=True)
class Parameter:
    """A typed rule parameter with a documented default."""

    name: str
    default: Any
    description: str
    confirmed: bool = False
    """Whether the sources confirm the default (else it is rrnkit's configurable choice)."""

    def coerce(self, value: Any) -> Any:
        """Check a new value has the default's type (ints are accepted for floats)."""
        expected = type(self.default)
        if expected is float and type(value) is int:
            return float(value)
        if type(value) is not expected:
            raise TypeError(f"parameter {self.name} takes {expected.__name__}")
        return value


@attrs.frozen(kw_only=True)
class Result:
    """One outcome of one rule for one subject, with its citations and evidence."""

    rule_id: str = attrs.field(metadata=doc("The rule's id.", minLength=1))
    outcome: Outcome = attrs.field(metadata=doc("What the rule found."))
    severity: Severity = attrs.field(metadata=doc("The rule's effective severity in this run."))
    message: str = attrs.field(metadata=doc("What was found, in words."))
    citations: tuple[StandardRef, ...] = attrs.field(
        metadata=doc("The clauses the rule rests on, in the rule's order.")
    )
    subject_kind: str = attrs.field(
        metadata=doc("The kind of the document judged (collection for rules over all documents).")
    )
    subject_id: str = attrs.field(
        metadata=doc("The id of the document judged (* for rules over all documents).")
    )
    pointers: tuple[str, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Where in the subject the evidence is, most relevant first (RFC 6901 JSON Pointers).",
            items={"type": "string", "pattern": JSON_POINTER_PATTERN},
        ),
    )
    evidence: Mapping[str, Any] = attrs.field(
        factory=dict,
        hash=False,
        metadata=doc("Values the rule shows as evidence, by name (JSON values)."),
    )
    source: str | None = attrs.field(
        default=None,
        metadata=doc("The file the subject was read from (- for standard input), or null."),
    )
    line: int | None = attrs.field(
        default=None,
        metadata=doc(
            "1-based line of the first pointer (or of the subject) in that file, or null.",
            minimum=1,
        ),
    )
    authority: Authority | None = attrs.field(
        default=None,
        metadata=doc(
            "The rule's authority: the strongest among its citations' frameworks "
            "(null for a rule citing nothing)."
        ),
    )


@attrs.frozen(kw_only=True)
class Rule:
    """A compliance rule: metadata plus a plain check function of (subject, context)."""

    id: str
    title: str
    citations: tuple[StandardRef, ...]
    authority: Authority | None = attrs.field(init=False, eq=False)
    """The strongest authority among the citations' frameworks (statute > statutory guidance
    > national standard > voluntary commitment > organisational policy > good-practice
    guidance > data standard); None for a rule that cites nothing."""
    applies_to: str
    """A document kind, or :data:`COLLECTION`."""
    check: Check = attrs.field(eq=False, repr=False)
    severity: Severity = attrs.field(
        default=attrs.Factory(lambda self: severity_for(self.authority), takes_self=True)
    )
    """The default severity: when not given, it follows :attr:`authority` (:func:`severity_for`)."""
    parameters: tuple[Parameter, ...] = ()
    tags: frozenset[str] = frozenset()
    folds: tuple[Fold, ...] = ()
    """Summaries of other documents the rule reads (see :class:`Fold`)."""
    met_means: str = ""
    """What a ``met`` outcome establishes, in a compliance lead's words."""
    scope: Scope | None = attrs.field(default=None, eq=False, repr=False)
    """A precondition asked before ``check``: when it returns a verdict, that is the
    rule's verdict and ``check`` is not called (see :data:`Scope`)."""
    reading: str = ""
    """How the rule reads its clause: what it takes the words to require, what it does
    not check, and why each figure is a parameter."""
    per_item: bool = False
    """Count each verdict a check returns as an outcome of its own. By default (False)
    several verdicts about one subject are folded into one (:func:`fold_verdicts`), so
    every rule gives one outcome per subject and shares and rates are meaningful."""

    @authority.default
    def _authority(self) -> Authority | None:
        try:
            return strongest(c.authority for c in self.citations)
        except KeyError as exc:
            raise ValueError(f"rule {self.id}: {exc.args[0]}") from None

    def judge(self, subject: Any, context: Context) -> Verdict | Iterable[Verdict]:
        """Return the rule's verdicts for one subject: the scope's, else the check's."""
        if self.scope is not None:
            ruled_out = self.scope(subject, context)
            if ruled_out is not None:
                return ruled_out
        return self.check(subject, context)

    @property
    def defaults(self) -> dict[str, Any]:
        """The parameters' default values by name."""
        return {p.name: p.default for p in self.parameters}

    @property
    def frameworks(self) -> frozenset[str]:
        """Framework ids of the rule's citations."""
        return frozenset(c.framework for c in self.citations)

    def run(
        self,
        subject: Document | None,
        context: Context,
        severity: Severity,
        *,
        keep: Container[Outcome] | None = None,
        counts: OutcomeCounts | None = None,
    ) -> list[Result]:
        """Judge one subject (its scope, then its check); one that raises gives an ``error``.

        Several verdicts about the subject are folded into one unless the rule is
        :attr:`per_item`. With ``keep``, only results of those outcomes are built
        (the others are only counted in ``counts``, by outcome, severity and the
        rule's authority): a large run need not hold every met outcome.
        """
        results: list[Result] = []
        self.apply(subject, context, severity, keep, counts, results)
        return results

    def apply(
        self,
        subject: Document | None,
        context: Context,
        severity: Severity,
        keep: Container[Outcome] | None,
        counts: OutcomeCounts | None,
        results: list[Any],
        *,
        in_scope: bool = False,
        make: Make | None = None,
    ) -> None:
        """Do what :meth:`run` does, appending to ``results`` (the engine's inner loop).

        ``in_scope``: the caller has asked the rule's scope already, and it let the
        subject in, so only the check runs. ``make``: what to append for each kept
        outcome, from (rule, verdict, subject, severity) (:func:`make_result`
        unless given).
        """
        try:
            if in_scope or self.scope is None:
                produced = self.check(subject, context)
            else:
                produced = self.judge(subject, context)
            if isinstance(produced, Verdict):
                # The common case, once per subject per rule: one verdict, often not kept.
                outcome = produced.outcome
                if counts is not None:
                    counts[(outcome, severity, self.authority)] += 1
                if keep is None or outcome in keep:
                    results.append((make or make_result)(self, produced, subject, severity))
                return
            verdicts = list(produced)
        except Exception as exc:  # a broken rule is reported, never a crash
            verdicts = [failed(exc)]
        self.tally(verdicts, subject, severity, keep, counts, results, make=make)

    def tally(
        self,
        verdicts: Iterable[Verdict],
        subject: Document | None,
        severity: Severity,
        keep: Container[Outcome] | None,
        counts: OutcomeCounts | None,
        results: list[Any],
        *,
        make: Make | None = None,
    ) -> None:
        """Count verdicts already reached for this rule, keeping results of the kept outcomes.

        Several verdicts are first folded into one (:func:`fold_verdicts`), unless the
        rule is :attr:`per_item`. The engine tallies a shared scope's verdict this way
        for each rule it rules out. ``make`` as for :meth:`apply`.
        """
        authority = self.authority
        make = make or make_result
        if not self.per_item:
            given = verdicts if isinstance(verdicts, (list, tuple)) else list(verdicts)
            if len(given) != 1:
                # Fold only what is kept: an unkept outcome needs counting, not building.
                outcome = worst_outcome(given)
                if counts is not None:
                    counts[(outcome, severity, authority)] += 1
                if keep is None or outcome in keep:
                    results.append(make(self, fold_verdicts(given), subject, severity))
                return
            verdicts = given
        for verdict in verdicts:
            if counts is not None:
                counts[(verdict.outcome, severity, authority)] += 1
            if keep is None or verdict.outcome in keep:
                results.append(make(self, verdict, subject, severity))


Make = Callable[[Rule, Verdict, "Document | None", Severity], Any]
"""What the engine makes of each kept outcome: (rule, verdict, subject, severity) -> a result.

:func:`make_result` makes a :class:`Result`; a run that writes its results
straight out can make something lighter (the subject is None for a
collection rule)."""


def make_result(
    rule: Rule, verdict: Verdict, subject: Document | None, severity: Severity
) -> Result:
    """Make the :class:`Result` of ``rule``'s ``verdict`` about ``subject`` (the default)."""
    return Result(
        rule_id=rule.id,
        outcome=verdict.outcome,
        severity=severity,
        message=verdict.message,
        citations=rule.citations,
        subject_kind=subject.kind if subject is not None else COLLECTION,
        subject_id=subject.id if subject is not None else "*",
        pointers=verdict.pointers,
        evidence=verdict.evidence,
        authority=rule.authority,
    )


def rule(
    *,
    id: str,
    title: str,
    cites: Iterable[str],
    applies_to: str,
    severity: Severity | None = None,
    parameters: Iterable[Parameter] = (),
    tags: Iterable[str] = (),
    folds: Iterable[Fold] = (),
    met_means: str = "",
    scope: Scope | None = None,
    reading: str = "",
    per_item: bool = False,
) -> Callable[[Check], Rule]:
    """Declare a rule from a plain function of (subject, context).

    ``cites`` holds canonical citations such as ``"uof-act:6(5)(h)"``, of shipped
    frameworks or ones registered with :func:`rrnkit.register_framework`.
    ``severity`` defaults to what the strongest cited authority calls for
    (:func:`severity_for`); give it when the clause's own word says otherwise.
    ``reading`` says how the rule reads its clause. ``scope`` is a precondition
    the rule shares with others (see :data:`Scope`). ``per_item`` counts each
    verdict the check returns as an outcome of its own (see :attr:`Rule.per_item`).
    """
    citations = tuple(StandardRef.parse(c) for c in cites)

    def wrap(check: Check) -> Rule:
        return Rule(
            id=id,
            title=title,
            citations=citations,
            applies_to=applies_to,
            check=check,
            severity=severity
            if severity is not None
            else severity_for(strongest(c.authority for c in citations)),
            parameters=tuple(parameters),
            tags=frozenset(tags),
            folds=tuple(folds),
            met_means=met_means or (check.__doc__ or "").strip(),
            scope=scope,
            reading=inspect.cleandoc(reading),
            per_item=per_item,
        )

    return wrap
