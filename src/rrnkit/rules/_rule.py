"""Rules: a plain check function wrapped with its id, citations, severity and parameters."""

from __future__ import annotations

import enum
import inspect
import math
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping
from typing import Any

import attrs

from rrnkit._internal.fields import doc
from rrnkit._internal.names import UnknownNameError, unknown_names
from rrnkit._internal.words import plural
from rrnkit.model import KINDS, Authority, Document, StandardRef
from rrnkit.model.refs import strongest
from rrnkit.problems import JSON_POINTER_PATTERN
from rrnkit.rules._context import Context, Fold
from rrnkit.rules._fold import fold_verdicts, worst_outcome
from rrnkit.rules._outcome import Outcome, Severity, Verdict

COLLECTION = "collection"
"""``applies_to`` for rules judged once over all documents rather than per document."""

SUBJECTS: tuple[str, ...] = (*KINDS, COLLECTION)
"""Every value ``applies_to`` may take: a document kind (:data:`rrnkit.model.KINDS`) or
:data:`COLLECTION`."""

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


_KINDS_OF_VALUE = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "text",
    tuple: "a list",
}


def _shown(value: Any) -> str:
    """Show a parameter value in a message (parameters are never sensitive), cut short."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _choices(value: Iterable[str] | type[enum.Enum] | None) -> tuple[str, ...] | None:
    """Return a parameter's allowed codes: those given, or every code of a code table."""
    if value is None:
        return None
    if isinstance(value, type) and issubclass(value, enum.Enum):
        return tuple(str(member.value) for member in value)
    if isinstance(value, str):
        raise TypeError(f"choices is a list of codes or a code table, not one string {value!r}")
    return tuple(value)


@attrs.frozen(kw_only=True)
class Parameter:
    """A typed rule parameter with a documented default and the values it allows.

    A value must have the default's type (an ``int`` is accepted for a ``float``,
    and a list for a tuple) and lie within the declared bounds: ``minimum`` and
    ``maximum`` (inclusive) for a number, ``choices`` for text or for each item
    of a tuple of codes, ``min_items`` for a tuple. The default must satisfy them
    itself: a parameter whose default is out of its own bounds is refused when
    declared. Declare the bounds the parameter's meaning implies (an interval in
    months is at least 1, a share lies from 0 to 1), not a preferred figure: a
    figure the sources do not confirm stays only the default.
    """

    name: str
    default: Any
    description: str
    confirmed: bool = False
    """Whether the sources confirm the default (else it is rrnkit's configurable choice)."""
    minimum: int | float | None = None
    """The least value allowed, inclusive (a number parameter), or None for no lower bound."""
    maximum: int | float | None = None
    """The greatest value allowed, inclusive (a number parameter), or None for no upper bound."""
    choices: tuple[str, ...] | None = attrs.field(default=None, converter=_choices)
    """The codes allowed: for a text parameter its value, for a tuple each item (None: any).
    Give the codes, or a code table (an enum such as ``StaffGroup``) for all its codes."""
    min_items: int = 0
    """The fewest items a tuple parameter may hold (1 where an empty list would make the
    rule judge nothing, or fail everything)."""

    def __attrs_post_init__(self) -> None:
        """Refuse bounds that do not fit the default's type, and a default outside them."""
        kind = type(self.default)
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"a parameter's name is a Python identifier, not {self.name!r}")
        numeric = kind in (int, float)
        if (self.minimum is not None or self.maximum is not None) and not numeric:
            raise ValueError(
                f"parameter {self.name}: minimum and maximum bound a number, "
                f"but the default is {kind.__name__}"
            )
        for bound in (self.minimum, self.maximum):
            if bound is not None and (type(bound) not in (int, float) or math.isnan(bound)):
                raise ValueError(f"parameter {self.name}: a bound is a number, not {bound!r}")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"parameter {self.name}: minimum is greater than maximum")
        if self.choices is not None and kind not in (str, tuple):
            raise ValueError(
                f"parameter {self.name}: choices constrain text or a tuple of codes, "
                f"but the default is {kind.__name__}"
            )
        if self.min_items and kind is not tuple:
            raise ValueError(f"parameter {self.name}: min_items bounds a tuple")
        try:
            accepted = self.coerce(self.default)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"the default is refused by its own bounds: {exc}") from None
        if accepted != self.default:
            raise ValueError(
                f"parameter {self.name}: the default {_shown(self.default)} is not in the "
                f"form its values take ({_shown(accepted)})"
            )

    @property
    def bounds(self) -> str:
        """The values allowed, in words ("at least 1", "from 0 to 1", "any text")."""
        kind = type(self.default)
        low, high = self.minimum, self.maximum
        if kind in (int, float):
            number = "a whole number" if kind is int else "a number"
            if low is not None and high is not None:
                return f"{number} from {low:g} to {high:g}"
            if low is not None:
                return f"{number}, at least {low:g}"
            if high is not None:
                return f"{number}, at most {high:g}"
            return f"any {number[2:]}"
        if kind is tuple:
            items = f"codes from: {', '.join(self.choices)}" if self.choices is not None else ""
            if self.min_items:
                what = f"a list of at least {plural(self.min_items, 'item')}"
            else:
                what = "a list (may be empty)"
            return f"{what}{'; ' + items if items else ''}"
        if kind is str and self.choices is not None:
            return f"one of: {', '.join(self.choices)}"
        return _KINDS_OF_VALUE.get(kind, kind.__name__)

    def coerce(self, value: Any) -> Any:
        """Return ``value`` checked against the default's type and the declared bounds.

        An ``int`` is accepted for a ``float`` parameter (as a float), and a list for
        a tuple (as a tuple; an enum member as its code). A value of another type
        raises ``TypeError``; one outside the bounds raises ``ValueError``. Either
        message names the parameter, the value given and what is allowed.
        """
        expected = type(self.default)
        if expected is float and type(value) is int:
            value = float(value)
        elif expected is tuple and type(value) is list:
            value = tuple(value)
        if type(value) is not expected:
            raise TypeError(
                f"parameter {self.name} takes {_KINDS_OF_VALUE.get(expected, expected.__name__)}"
                f" ({expected.__name__}), not {type(value).__name__} {_shown(value)}; "
                f"allowed: {self.bounds}"
            )
        if expected in (int, float):
            low, high = self.minimum, self.maximum
            if (
                math.isnan(value)
                or (low is not None and value < low)
                or (high is not None and value > high)
            ):
                raise ValueError(
                    f"parameter {self.name} is {_shown(value)}, out of its range: {self.bounds}"
                )
        elif expected is str and self.choices is not None and value not in self.choices:
            raise UnknownNameError(
                unknown_names(
                    "code",
                    [value],
                    self.choices,
                    where=f"for parameter {self.name}",
                    allowed=f"allowed codes: {', '.join(self.choices)}",
                )
            )
        elif expected is tuple:
            value = tuple(v.value if isinstance(v, enum.Enum) else v for v in value)
            if len(value) < self.min_items:
                raise ValueError(
                    f"parameter {self.name} is {_shown(value)}, too few items: {self.bounds}"
                )
            if self.choices is not None:
                not_text = [v for v in value if not isinstance(v, str)]
                if not_text:
                    raise TypeError(
                        f"parameter {self.name} holds codes (text), not "
                        f"{type(not_text[0]).__name__} {_shown(not_text[0])}; "
                        f"allowed: {self.bounds}"
                    )
                unknown = [v for v in value if v not in self.choices]
                if unknown:
                    raise UnknownNameError(
                        unknown_names(
                            "code",
                            unknown,
                            self.choices,
                            where=f"in parameter {self.name}",
                            allowed=f"allowed: {self.bounds}",
                        )
                    )
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


def check_rule_id(rule_id: object) -> None:
    """Refuse a rule id that is not non-empty text without spaces (reports quote ids bare)."""
    if not isinstance(rule_id, str) or not rule_id or any(c.isspace() for c in rule_id):
        raise ValueError(f"a rule id is non-empty text without spaces, not {rule_id!r}")


def check_applies_to(rule_id: str, applies_to: object) -> None:
    """Refuse an ``applies_to`` that is not a document kind or :data:`COLLECTION`.

    A rule for an unknown kind would never meet a subject, so it would give no
    outcome at all: it is refused when declared, with the nearest kind.
    """
    allowed = (
        f"allowed: the document kinds {', '.join(KINDS)}, or {COLLECTION!r} "
        "(rrnkit.rules.COLLECTION) for a rule judged once over all documents"
    )
    if not isinstance(applies_to, str):
        raise TypeError(
            f"rule {rule_id}: applies_to is a kind (text), not "
            f"{type(applies_to).__name__} {applies_to!r}; {allowed}"
        )
    if applies_to not in SUBJECTS:
        raise UnknownNameError(
            f"rule {rule_id}: "
            + unknown_names("kind", [applies_to], SUBJECTS, where="in applies_to", allowed=allowed)
        )


def check_citations(rule_id: str, citations: object) -> None:
    """Refuse a rule that cites nothing, or whose citations are not ``StandardRef`` values."""
    if not isinstance(citations, tuple) or not all(isinstance(c, StandardRef) for c in citations):
        raise TypeError(
            f"rule {rule_id}: citations is a tuple of StandardRef "
            "(the rule decorator parses cites=['framework:clause'] into them)"
        )
    if not citations:
        raise ValueError(
            f"rule {rule_id} cites nothing: every rule cites the clause it checks, e.g. "
            "cites=['uof-act:6(5)(a)'] (a shipped framework of rrnkit.model.Framework, or "
            "your own registered with rrnkit.register_framework)"
        )


def check_parameters(rule_id: str, parameters: object) -> None:
    """Refuse parameters that are not :class:`Parameter` values, or two with one name."""
    if not isinstance(parameters, tuple) or not all(isinstance(p, Parameter) for p in parameters):
        raise TypeError(f"rule {rule_id}: parameters is a tuple of Parameter")
    names = [p.name for p in parameters]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(
            f"rule {rule_id} declares parameter {', '.join(twice)} twice: "
            "a parameter's name is how overrides and reports name it"
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
    guidance > data standard). Every rule cites, so a rule's is never None; the type allows
    None because the report format does (:attr:`Result.authority`)."""
    applies_to: str
    """A document kind, or :data:`COLLECTION` (:data:`SUBJECTS`); any other value is refused."""
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
        # The first code to read the citations, so the place to refuse bad ones.
        check_citations(self.id, self.citations)
        try:
            return strongest(c.authority for c in self.citations)
        except KeyError as exc:
            raise ValueError(f"rule {self.id}: {exc.args[0]}") from None

    def __attrs_post_init__(self) -> None:
        """Refuse a declaration that could never run as written (see :func:`rule`)."""
        check_rule_id(self.id)
        check_applies_to(self.id, self.applies_to)
        check_parameters(self.id, self.parameters)
        if not isinstance(self.tags, frozenset) or not all(
            isinstance(t, str) and t for t in self.tags
        ):
            raise TypeError(f"rule {self.id}: tags is a frozenset of non-empty texts")
        if not isinstance(self.severity, Severity):
            raise TypeError(
                f"rule {self.id}: severity is a Severity "
                f"({', '.join(s.name for s in Severity)}), not {self.severity!r}"
            )

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

    A declaration that could never run as written is refused at once, before the
    function is wrapped, with a message naming what was wrong and what is allowed:
    an ``applies_to`` that is not a document kind or :data:`COLLECTION` (a ``did
    you mean``), no citation, a bad id, one string where a list is meant (``cites``,
    ``tags``), two parameters with one name, or a parameter whose default lies
    outside its own bounds (:class:`Parameter`).
    """
    check_rule_id(id)
    for name, given in (("cites", cites), ("tags", tags), ("parameters", parameters)):
        if isinstance(given, str):
            raise TypeError(f"rule {id}: {name} takes a list, not one string {given!r}")
    citations = tuple(StandardRef.parse(c) for c in cites)
    check_citations(id, citations)
    check_applies_to(id, applies_to)
    parameters = tuple(parameters)
    check_parameters(id, parameters)

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
            parameters=parameters,
            tags=frozenset(tags),
            folds=tuple(folds),
            met_means=met_means or (check.__doc__ or "").strip(),
            scope=scope,
            reading=inspect.cleandoc(reading),
            per_item=per_item,
        )

    return wrap
