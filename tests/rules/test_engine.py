import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rrnkit.convert import load
from rrnkit.model import Incident
from rrnkit.report import evaluate
from rrnkit.rules import (
    COLLECTION,
    Context,
    Index,
    Outcome,
    Parameter,
    Result,
    Rule,
    RuleSet,
    Severity,
    Verdict,
    all_of,
    any_of,
    for_each,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
    rule,
    when,
)
from rrnkit.rules._ruleset import Evaluator

AS_OF = dt.date(2026, 11, 28)


@rule(
    id="TEST-SHORT",
    title="Incidents end within a limit",
    cites=["nice-ng10:1.4.32"],
    applies_to="incident",
    parameters=[Parameter(name="limit_minutes", default=10, description="Longest allowed.")],
    tags=["test"],
)
def short_incidents(incident: Incident, context: Context) -> Verdict:
    """The incident ended within the limit."""
    minutes = incident.duration_minutes
    if minutes is None:
        return insufficient_evidence("no end time", "/end")
    limit = context.param("limit_minutes")
    if minutes <= limit:
        return met("ended in time", "/end", minutes=minutes, limit=limit)
    return not_met("went on too long", "/end", minutes=minutes, limit=limit)


@rule(id="TEST-BROKEN", title="Raises", cites=["rrn-ts:1.1.1"], applies_to="incident")
def broken(incident: Incident, context: Context) -> Verdict:
    raise RuntimeError(incident.patient.name)  # would leak a name if echoed


@rule(id="TEST-COUNT", title="Some incidents", cites=["uof-act:6(1)"], applies_to=COLLECTION)
def counted(subject: None, context: Context) -> Verdict:
    return met("counted", count=len(context.index.of_kind("incident")))


def incident_data(incident: dict[str, Any], ident: str, minutes: int | None) -> Incident:
    data = dict(incident, id=ident)
    if minutes is None:
        data.pop("end")
    else:
        data["end"] = (
            dt.datetime(2026, 3, 4, 14, 5, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=minutes)
        ).isoformat()
    data["interventions"] = []
    document = load(data)
    assert isinstance(document, Incident)
    return document


def test_met_not_met_and_insufficient_evidence(incident: dict[str, Any]) -> None:
    docs = [
        incident_data(incident, "a", 5),
        incident_data(incident, "b", 25),
        incident_data(incident, "c", None),
    ]
    report = evaluate(docs, RuleSet(id="t", rules=(short_incidents,)), as_of=AS_OF)
    assert [(r.subject_id, r.outcome) for r in report.results] == [
        ("a", Outcome.MET),
        ("b", Outcome.NOT_MET),
        ("c", Outcome.INSUFFICIENT_EVIDENCE),
    ]
    b = report.results[1]
    assert b.evidence == {"minutes": 25, "limit": 10}
    assert str(b.citations[0]) == "nice-ng10:1.4.32"
    assert report.counts[Outcome.MET] == 1
    # The rule cites only NICE, whose recommendations are not mandatory: a warning.
    assert report.unmet_by_severity[Severity.WARNING] == 1
    assert report.parameters == {"TEST-SHORT": {"limit_minutes": 10}}


def test_reparameterise_and_regrade(incident: dict[str, Any]) -> None:
    docs = [incident_data(incident, "b", 25)]
    base = RuleSet(id="t", rules=(short_incidents,))
    relaxed = base.with_params("TEST-SHORT", limit_minutes=30).with_severity(
        "TEST-SHORT", Severity.WARNING
    )
    assert evaluate(docs, base, as_of=AS_OF).results[0].outcome is Outcome.NOT_MET
    result = evaluate(docs, relaxed, as_of=AS_OF).results[0]
    assert (result.outcome, result.severity) == (Outcome.MET, Severity.WARNING)
    assert base.params == {}  # the original set is untouched
    with pytest.raises(TypeError):
        base.with_params("TEST-SHORT", limit_minutes="30")
    with pytest.raises(KeyError):
        base.with_params("TEST-SHORT", limit=30)
    assert base.with_param_everywhere("limit_minutes", 3).params == {
        "TEST-SHORT": {"limit_minutes": 3}
    }


def test_a_raising_rule_is_an_error_outcome_without_the_exception_text(
    incident: dict[str, Any],
) -> None:
    report = evaluate(
        [incident_data(incident, "a", 5)], RuleSet(id="t", rules=(broken,)), as_of=AS_OF
    )
    (result,) = report.results
    assert result.outcome is Outcome.ERROR
    assert "Sam Example" not in result.message


def test_select_exclude_combine(incident: dict[str, Any]) -> None:
    whole = RuleSet(id="a", rules=(short_incidents, counted)) + RuleSet(id="b", rules=(broken,))
    assert whole.ids == ("TEST-SHORT", "TEST-COUNT", "TEST-BROKEN")
    assert whole.select(tags=["test"]).ids == ("TEST-SHORT",)
    assert whole.select(frameworks=["uof-act"]).ids == ("TEST-COUNT",)
    assert whole.exclude(ids=["TEST-BROKEN"]).ids == ("TEST-SHORT", "TEST-COUNT")
    with pytest.raises(ValueError, match="duplicate"):
        whole.add(broken)
    report = evaluate([incident_data(incident, "a", 5)], whole, as_of=AS_OF)
    assert report.of_rule("TEST-COUNT")[0].evidence == {"count": 1}
    assert report.ruleset_id == "a+b"


def test_as_of_is_required() -> None:
    with pytest.raises(TypeError):
        evaluate([], RuleSet(id="t"), as_of="2026-01-01")  # type: ignore[arg-type]


def always(outcome_fn: Any) -> Any:
    def check(subject: Any, context: Context) -> Verdict:
        result: Verdict = outcome_fn("x")
        return result

    check.__name__ = outcome_fn.__name__
    return check


def test_combinators() -> None:
    context = Context(as_of=AS_OF, index=__import__("rrnkit.rules", fromlist=["Index"]).Index([]))
    yes, no = always(met), always(not_met)
    assert [v.outcome for v in all_of(yes, no)(None, context)] == [Outcome.MET, Outcome.NOT_MET]  # type: ignore[union-attr]
    assert [v.outcome for v in any_of(no, yes)(None, context)] == [Outcome.MET]  # type: ignore[union-attr]
    assert [v.outcome for v in any_of(no, no)(None, context)] == [Outcome.NOT_MET]  # type: ignore[union-attr]
    guarded = when(lambda s, c: False, no, otherwise="only for wards")
    assert [v.outcome for v in guarded(None, context)] == [Outcome.NOT_APPLICABLE]  # type: ignore[union-attr]
    each = for_each(lambda s: [("/a/0", 1), ("/a/1", 2)], no, none="nothing")
    assert [v.pointers for v in each(None, context)] == [("/a/0",), ("/a/1",)]  # type: ignore[union-attr]
    assert [v.outcome for v in for_each(lambda s: [], no, none="-")(None, context)] == [  # type: ignore[union-attr]
        Outcome.NOT_APPLICABLE
    ]


@given(st.permutations(["a", "b", "c", "d"]), st.lists(st.integers(0, 40), min_size=4, max_size=4))
def test_evaluation_is_deterministic_whatever_the_input_order(
    order: list[str], minutes: list[int]
) -> None:
    from samples import INCIDENT

    docs = {i: incident_data(INCIDENT, i, m) for i, m in zip("abcd", minutes, strict=True)}
    ruleset = RuleSet(id="t", rules=(short_incidents, counted))
    first = evaluate([docs[i] for i in "abcd"], ruleset, as_of=AS_OF)
    again = evaluate([docs[i] for i in order], ruleset, as_of=AS_OF)
    assert first == again


# A scope shared by rules: asked once per streamed subject, the same verdicts as asking per rule.

SCOPE_CALLS: list[str] = []


def long_enough(incident: Incident, context: Context) -> Verdict | None:
    """Rule out incidents with no end or shorter than 5 minutes."""
    SCOPE_CALLS.append(incident.id)
    minutes = incident.duration_minutes
    if minutes is None:
        return not_applicable("no end time", "/end")
    if minutes == 13:
        raise RuntimeError(incident.patient.name)  # would leak a name if echoed
    return None if minutes >= 5 else not_applicable("too short to judge")


def _scoped(rule_id: str, limit: int) -> Rule:
    @rule(id=rule_id, title="Scoped", cites=["uof-act:6(5)(b)"], applies_to="incident",
          scope=long_enough)  # fmt: skip
    def within(incident: Incident, context: Context) -> Verdict:
        """The incident ended within the limit."""
        minutes = incident.duration_minutes
        assert minutes is not None, "the scope lets only these in"
        assert minutes >= 5, "the scope lets only these in"
        return met("in time") if minutes <= limit else not_met("too long", "/end")

    return within


SCOPED = (_scoped("TEST-SCOPED-1", 10), _scoped("TEST-SCOPED-2", 20), _scoped("TEST-SCOPED-3", 30))


def _streamed(ruleset: RuleSet, docs: list[Incident]) -> list[Result]:
    evaluator = Evaluator(ruleset, Index([]), as_of=AS_OF)
    return evaluator.order([r for d in docs for r in evaluator.run_subject(d)])


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=1, max_size=6),
    st.permutations([*SCOPED, short_incidents]),
)
def test_a_shared_scope_is_asked_once_per_streamed_subject_with_the_same_verdicts(
    minutes: list[int | None], rules: list[Rule]
) -> None:
    from samples import INCIDENT

    docs = [incident_data(INCIDENT, f"i{n}", m) for n, m in enumerate(minutes)]
    ruleset = RuleSet(id="t", rules=tuple(rules))
    SCOPE_CALLS.clear()
    streamed = _streamed(ruleset, docs)
    # One call per subject and per run of neighbouring scoped rules.
    positions = [n for n, r in enumerate(rules) if r.scope is long_enough]
    runs = 1 + sum(b - a > 1 for a, b in itertools.pairwise(positions))
    assert len(SCOPE_CALLS) == runs * len(docs)
    held = ruleset.run(docs, as_of=AS_OF)
    assert streamed == held
    for result in held:
        minute = minutes[int(result.subject_id[1:])]
        if result.rule_id == "TEST-SHORT":
            continue
        if minute is None or minute < 5:
            assert result.outcome is Outcome.NOT_APPLICABLE
        elif minute == 13:
            assert result.outcome is Outcome.ERROR
            assert "Sam Example" not in result.message
        else:
            assert result.outcome in (Outcome.MET, Outcome.NOT_MET)


def test_a_rule_run_alone_asks_its_scope(incident: dict[str, Any]) -> None:
    context = Context(as_of=AS_OF, index=Index([]))
    (short,) = SCOPED[0].run(incident_data(incident, "a", 2), context, Severity.ERROR)
    assert (short.outcome, short.message) == (Outcome.NOT_APPLICABLE, "too short to judge")
    (long,) = SCOPED[0].run(incident_data(incident, "b", 25), context, Severity.ERROR)
    assert long.outcome is Outcome.NOT_MET
    assert SCOPED[0].judge(incident_data(incident, "c", None), context) == not_applicable(
        "no end time", "/end"
    )


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=1, max_size=6),
    st.permutations([*SCOPED, short_incidents, broken, counted]),
    st.sampled_from([None, frozenset({Outcome.NOT_MET, Outcome.ERROR})]),
)
def test_an_evaluator_makes_what_make_makes_of_the_same_outcomes(
    minutes: list[int | None], rules: list[Rule], keep: frozenset[Outcome] | None
) -> None:
    """``make`` changes what each kept outcome becomes, never which outcomes or their counts."""
    from collections import Counter

    from rrnkit.rules import make_result
    from samples import INCIDENT

    docs = [incident_data(INCIDENT, f"i{n}", m) for n, m in enumerate(minutes)]
    ruleset = RuleSet(id="t", rules=tuple(rules))
    plain_counts: Counter[Any] = Counter()
    made_counts: Counter[Any] = Counter()
    plain = Evaluator(ruleset, Index(docs), as_of=AS_OF, keep=keep, counts=plain_counts)
    made = Evaluator(
        ruleset,
        Index(docs),
        as_of=AS_OF,
        keep=keep,
        counts=made_counts,
        make=lambda r, v, s, sev: ("made", make_result(r, v, s, sev)),
    )
    expected = plain.run_held()
    assert made.run_held() == [("made", r) for r in expected]
    for doc in docs:
        assert made.run_subject(doc) == [("made", r) for r in plain.run_subject(doc)]
    assert made_counts == plain_counts
    assert expected == ruleset.run(docs, as_of=AS_OF, keep=keep)
