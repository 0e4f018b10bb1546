"""Rule sets: immutable values you select from, re-parameterise, re-grade and combine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping
from typing import Any, Generic, TypeVar, overload

import attrs

from rrnkit._internal.dates import require_date
from rrnkit._internal.names import LIST_AT_MOST, UnknownNameError, unknown_names
from rrnkit._internal.words import plural
from rrnkit.model import Document
from rrnkit.rules._context import Context, Fold, Index
from rrnkit.rules._outcome import Outcome, Severity, Verdict
from rrnkit.rules._rule import (
    COLLECTION,
    Make,
    OutcomeCounts,
    Parameter,
    Result,
    Rule,
    Scope,
    failed,
    make_result,
)

Made = TypeVar("Made")
"""What an :class:`Evaluator` makes of each kept outcome (a :class:`Result` unless told)."""

_Step = tuple[Rule, Context, Severity]
"""A rule with its context (parameters) and effective severity."""


@attrs.frozen(kw_only=True)
class RuleSet:
    """An ordered, immutable set of rules with parameter and severity overrides.

    Every method returns a new rule set; nothing global is ever mutated.
    """

    id: str
    version: str = "1"
    rules: tuple[Rule, ...] = ()
    params: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, hash=False)
    """Parameter overrides by rule id."""
    severities: Mapping[str, Severity] = attrs.field(factory=dict, hash=False)
    """Severity overrides by rule id."""

    def __attrs_post_init__(self) -> None:
        """Refuse two rules with one id, and overrides naming no rule or parameter of the set.

        Ids are how reports and overrides name rules, so they are unique. An
        override of a rule or parameter the set does not hold would change nothing,
        so it is refused too; override values are checked against their
        :class:`~rrnkit.rules.Parameter`'s type and bounds (and stored as checked).
        """
        if not all(isinstance(r, Rule) for r in self.rules):
            raise TypeError(f"rule set {self.id!r}: rules is a tuple of Rule")
        duplicates = sorted(i for i, n in Counter(r.id for r in self.rules).items() if n > 1)
        if duplicates:
            raise ValueError(
                f"duplicate rule id {', '.join(duplicates)}: rule set {self.id!r} would hold "
                "two rules with one id, and ids are unique in a rule set (give your own rules "
                "a prefix of your own, such as LOCAL-, so they cannot clash with the shipped ones)"
            )
        for rule_id, severity in self.severities.items():
            self.rule(rule_id)
            if not isinstance(severity, Severity):
                raise TypeError(f"rule {rule_id}: a severity is a Severity, not {severity!r}")
        checked: dict[str, dict[str, Any]] = {}
        for rule_id, values in self.params.items():
            declared = self._declared(rule_id)
            checked[rule_id] = {
                name: self._checked(rule_id, declared, name, value)
                for name, value in values.items()
            }
        if checked != self.params:
            object.__setattr__(self, "params", checked)

    def _where(self) -> str:
        return f"in rule set {self.id!r} ({plural(len(self.rules), 'rule')})"

    def _declared(self, rule_id: str) -> dict[str, Parameter]:
        return {p.name: p for p in self.rule(rule_id).parameters}

    @staticmethod
    def _checked(rule_id: str, declared: Mapping[str, Parameter], name: str, value: Any) -> Any:
        """Return ``value`` checked by the parameter ``name`` of a rule (its message prefixed)."""
        parameter = declared.get(name)
        if parameter is None:
            raise UnknownNameError(
                f"rule {rule_id}: "
                + unknown_names(
                    "parameter",
                    [name],
                    declared,
                    allowed=f"its parameters: {', '.join(declared)}"
                    if declared
                    else "it has no parameters",
                )
            )
        try:
            return parameter.coerce(value)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"rule {rule_id}: {exc}") from None

    @property
    def ids(self) -> tuple[str, ...]:
        """Rule ids in evaluation order."""
        return tuple(r.id for r in self.rules)

    def rule(self, rule_id: str) -> Rule:
        """Return the rule with ``rule_id``.

        An id no rule of this set has raises :class:`UnknownNameError` (a
        ``KeyError`` and a ``ValueError``) with the nearest id, if one is close.
        """
        for candidate in self.rules:
            if candidate.id == rule_id:
                return candidate
        raise UnknownNameError(
            unknown_names(
                "rule id", [rule_id], self.ids, where=self._where(), allowed=self._ids_allowed()
            )
        )

    def _ids_allowed(self) -> str:
        if not self.rules:
            return "it holds no rules"
        if len(self.rules) <= LIST_AT_MOST:
            return f"its rule ids: {', '.join(self.ids)}"
        return "RuleSet.ids lists its rule ids (rrnkit rules lists the shipped ones)"

    @property
    def tags(self) -> frozenset[str]:
        """Every tag of the set's rules (what :meth:`select` and :meth:`exclude` accept)."""
        return frozenset(tag for r in self.rules for tag in r.tags)

    @property
    def frameworks(self) -> frozenset[str]:
        """Every framework id the set's rules cite."""
        return frozenset(f for r in self.rules for f in r.frameworks)

    def _known(
        self, ids: Iterable[str], tags: Iterable[str], frameworks: Iterable[str]
    ) -> tuple[set[str], set[str], set[str]]:
        """Return the ids, tags and frameworks given, refusing any no rule of this set has."""
        chosen: list[set[str]] = []
        for what, given, known in (
            ("rule id", ids, set(self.ids)),
            ("tag", tags, self.tags),
            ("framework", frameworks, self.frameworks),
        ):
            if isinstance(given, str):
                raise TypeError(
                    f"{what.replace('rule ', '')}s takes a list of {what}s, not one string "
                    f"{given!r}"
                )
            listed = list(given)
            unknown = [n for n in listed if n not in known]
            if unknown:
                raise UnknownNameError(
                    unknown_names(
                        what,
                        unknown,
                        known,
                        where=self._where(),
                        allowed=self._ids_allowed() if what == "rule id" else None,
                    )
                )
            chosen.append(set(listed))
        return chosen[0], chosen[1], chosen[2]

    def _keep(self, rules: Iterable[Rule], **changes: Any) -> RuleSet:
        kept = tuple(rules)
        ids = {r.id for r in kept}
        return attrs.evolve(
            self,
            rules=kept,
            params={k: v for k, v in self.params.items() if k in ids},
            severities={k: v for k, v in self.severities.items() if k in ids},
            **changes,
        )

    def select(
        self,
        *,
        ids: Iterable[str] = (),
        tags: Iterable[str] = (),
        frameworks: Iterable[str] = (),
    ) -> RuleSet:
        """Keep rules matching any given id, tag or framework id, in the set's order.

        Each name must be known to *this* rule set: an id, tag or framework id that
        no rule of this set has raises :class:`UnknownNameError` (a ``KeyError``
        and a ``ValueError``) naming it, the nearest known name where one is close,
        and what is allowed (the set's tags and frameworks: :attr:`tags`,
        :attr:`frameworks`; its ids: :attr:`ids`). So a name that a selection
        already left out is unknown to the selection. Given nothing, no rule is kept.
        """
        ids, tags, frameworks = self._known(ids, tags, frameworks)
        return self._keep(
            r for r in self.rules if r.id in ids or r.tags & tags or r.frameworks & frameworks
        )

    def exclude(
        self,
        *,
        ids: Iterable[str] = (),
        tags: Iterable[str] = (),
        frameworks: Iterable[str] = (),
    ) -> RuleSet:
        """Drop rules matching any given id, tag or framework id.

        Names are checked as for :meth:`select`: one no rule of this set has is refused.
        """
        ids, tags, frameworks = self._known(ids, tags, frameworks)
        return self._keep(
            r for r in self.rules if not (r.id in ids or r.tags & tags or r.frameworks & frameworks)
        )

    def with_params(self, rule_id: str, **values: Any) -> RuleSet:
        """Override parameters of one rule.

        Each value is checked by its :class:`~rrnkit.rules.Parameter` (its type and
        bounds: ``TypeError`` or ``ValueError``); an unknown rule id or parameter
        name raises :class:`UnknownNameError`. Every message starts with the rule id.
        """
        declared = self._declared(rule_id)
        merged = {**self.params.get(rule_id, {})}
        merged.update({k: self._checked(rule_id, declared, k, v) for k, v in values.items()})
        return attrs.evolve(self, params={**self.params, rule_id: merged})

    def with_param_everywhere(self, name: str, value: Any) -> RuleSet:
        """Override a parameter in every rule that declares it (e.g. the refresher interval).

        A name no rule of this set declares raises :class:`UnknownNameError`; a
        value is checked as by :meth:`with_params`.
        """
        holders = [r.id for r in self.rules if any(p.name == name for p in r.parameters)]
        if not holders:
            names = sorted({p.name for r in self.rules for p in r.parameters})
            raise UnknownNameError(
                unknown_names(
                    "parameter",
                    [name],
                    names,
                    where=f"of any rule {self._where()}",
                    allowed=f"their parameters: {', '.join(names)}"
                    if names
                    else "its rules have no parameters",
                )
            )
        result = self
        for rule_id in holders:
            result = result.with_params(rule_id, **{name: value})
        return result

    def with_severity(self, rule_id: str, severity: Severity) -> RuleSet:
        """Re-grade one rule (an unknown id raises :class:`UnknownNameError`)."""
        self.rule(rule_id)
        if not isinstance(severity, Severity):
            raise TypeError(
                f"rule {rule_id}: a severity is a Severity "
                f"({', '.join(s.name for s in Severity)}), not {severity!r}"
            )
        return attrs.evolve(self, severities={**self.severities, rule_id: severity})

    def add(self, *rules: Rule) -> RuleSet:
        """Return a rule set with more rules at the end (an id already held is refused)."""
        return attrs.evolve(self, rules=(*self.rules, *rules))

    def __add__(self, other: RuleSet) -> RuleSet:
        """Combine two rule sets (rules in order, overrides merged; a shared rule id is refused)."""
        return RuleSet(
            id=f"{self.id}+{other.id}",
            version=f"{self.version}+{other.version}",
            rules=(*self.rules, *other.rules),
            params={**self.params, **other.params},
            severities={**self.severities, **other.severities},
        )

    def params_of(self, rule: Rule) -> dict[str, Any]:
        """Return a rule's effective parameters: defaults with this set's overrides."""
        return {**rule.defaults, **self.params.get(rule.id, {})}

    def severity_of(self, rule: Rule) -> Severity:
        """Return a rule's effective severity."""
        return self.severities.get(rule.id, rule.severity)

    def run(
        self,
        documents: Iterable[Document] | Index,
        *,
        as_of: dt.date,
        keep: Container[Outcome] | None = None,
        counts: OutcomeCounts | None = None,
    ) -> list[Result]:
        """Evaluate every rule over every document it applies to, in a deterministic order.

        Rules run in the set's order; subjects of a kind run in id order. With
        ``keep``, only results of those outcomes are returned, and ``counts``
        (by outcome, severity and authority) still covers every outcome. Each rule
        gives one outcome per subject unless it is ``per_item``.
        """
        require_date(as_of)
        index = documents if isinstance(documents, Index) else Index(documents)
        return Evaluator(self, index, as_of=as_of, keep=keep, counts=counts).run_held()


class Evaluator(Generic[Made]):
    """A rule set bound to an index and a date, run over held subjects or one at a time.

    One at a time is for kinds too many to hold (incidents in a large run):
    ``run_subject`` evaluates a streamed document, and :meth:`order` puts the
    results where a run over held subjects would have put them.

    Each kept outcome is a :class:`Result`, or what ``make`` makes of it
    (:data:`~rrnkit.rules._rule.Make`: a run that writes millions of results
    straight out need not build them as objects first).
    """

    @overload
    def __init__(
        self: Evaluator[Result],
        ruleset: RuleSet,
        index: Index,
        *,
        as_of: dt.date,
        keep: Container[Outcome] | None = None,
        counts: OutcomeCounts | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self: Evaluator[Made],
        ruleset: RuleSet,
        index: Index,
        *,
        as_of: dt.date,
        keep: Container[Outcome] | None = None,
        counts: OutcomeCounts | None = None,
        make: Callable[[Rule, Verdict, Document | None, Severity], Made],
    ) -> None: ...

    def __init__(
        self,
        ruleset: RuleSet,
        index: Index,
        *,
        as_of: dt.date,
        keep: Container[Outcome] | None = None,
        counts: OutcomeCounts | None = None,
        make: Make = make_result,
    ) -> None:
        """Prepare each rule's context and severity once (``as_of`` a date, not a date-time)."""
        require_date(as_of)
        self.index = index
        self.keep = keep
        self.counts = counts
        self.make = make
        self._plan: list[_Step] = [
            (
                rule,
                Context(as_of=as_of, index=index, params=ruleset.params_of(rule)),
                ruleset.severity_of(rule),
            )
            for rule in ruleset.rules
        ]
        # Per kind, runs of steps: a run of rules sharing a scope has it asked once.
        self._runs: dict[str, list[tuple[Scope | None, list[_Step]]]] = {}
        for step in self._plan:
            runs = self._runs.setdefault(step[0].applies_to, [])
            scope = step[0].scope
            if runs and scope is not None and runs[-1][0] is scope:
                runs[-1][1].append(step)
            else:
                runs.append((scope, [step]))
        self._position = {rule.id: n for n, rule in enumerate(ruleset.rules)}
        folds = {fold.key: fold for rule in ruleset.rules for fold in rule.folds}
        self.folds: dict[str, Fold] = folds
        """Every summary the rule set's rules read, by key."""
        self._folds: dict[str, list[Fold]] = {}
        for fold in folds.values():
            self._folds.setdefault(fold.kind, []).append(fold)

    def run_held(self) -> list[Made]:
        """Run every rule over the subjects the index holds (replayed kinds are skipped)."""
        results: list[Made] = []
        for rule, context, severity in self._plan:
            if rule.applies_to == COLLECTION:
                subjects: Iterable[Document | None] = [None]
            elif self.index.is_replayed(rule.applies_to):
                continue
            else:
                subjects = self.index.of_kind(rule.applies_to)
            for subject in subjects:
                rule.apply(
                    subject, context, severity, self.keep, self.counts, results, make=self.make
                )
        return results

    def run_subject(self, subject: Document) -> list[Made]:
        """Run the rules that apply to one (streamed) document, in rule order.

        The document also joins the summaries (folds) the rule set's rules read.
        """
        folds = self._folds.get(subject.kind)
        if folds:
            self.index.feed(subject, folds)
        results: list[Made] = []
        keep, counts, make = self.keep, self.counts, self.make
        for scope, steps in self._runs.get(subject.kind, ()):
            if scope is None or len(steps) == 1:
                for rule, context, severity in steps:
                    rule.apply(subject, context, severity, keep, counts, results, make=make)
                continue
            try:
                ruled_out = scope(subject, steps[0][1])
            except Exception as exc:  # as a rule that raises: an error, never a crash
                ruled_out = failed(exc)
            if ruled_out is None:
                for rule, context, severity in steps:
                    rule.apply(
                        subject, context, severity, keep, counts, results, in_scope=True, make=make
                    )
            else:
                for rule, _context, severity in steps:
                    rule.tally((ruled_out,), subject, severity, keep, counts, results, make=make)
        return results

    def order(self, results: Iterable[Result]) -> list[Result]:
        """Sort results as a run over held subjects gives them: by rule, then subject id."""
        position = self._position
        return sorted(results, key=lambda r: (position[r.rule_id], r.subject_id))
