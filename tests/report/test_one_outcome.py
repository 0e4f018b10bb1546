"""One outcome per subject per rule (issue 14, s.5), and severity by authority (s.2).

A check that judges a subject item by item is folded into one outcome, so
the counts in a report (and a study's shares) count subjects, not items.
"""

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rrnkit.model import Authority
from rrnkit.report import evaluate
from rrnkit.rules import (
    COLLECTION,
    NOTHING_TO_JUDGE,
    WORST_FIRST,
    Context,
    Index,
    Outcome,
    OutcomeCounts,
    Parameter,
    RuleSet,
    Severity,
    Verdict,
    fold_verdicts,
    for_each,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
    rule,
    severity_for,
)
from rrnkit.rules.packs import ALL_PACKS

AS_OF = dt.date(2026, 11, 28)

_pointers = st.lists(st.sampled_from(["/a", "/b", "/c/0", "/d"]), max_size=3).map(tuple)
_verdicts = st.builds(
    Verdict,
    outcome=st.sampled_from(Outcome),
    message=st.sampled_from(["one", "two", "three"]),
    pointers=_pointers,
    evidence=st.dictionaries(st.sampled_from(["x", "y"]), st.integers(0, 9), max_size=2),
)


@given(st.lists(_verdicts, min_size=1, max_size=8))
def test_the_worst_outcome_wins(verdicts: list[Verdict]) -> None:
    folded = fold_verdicts(verdicts)
    assert isinstance(folded, Verdict)
    worst = min((v.outcome for v in verdicts), key=WORST_FIRST.index)
    assert folded.outcome is worst


@given(st.lists(_verdicts, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_the_outcome_and_pointer_set_do_not_depend_on_order(
    verdicts: list[Verdict], rnd: Any
) -> None:
    shuffled = list(verdicts)
    rnd.shuffle(shuffled)
    first, second = fold_verdicts(verdicts), fold_verdicts(shuffled)
    assert first.outcome is second.outcome
    assert set(first.pointers) == set(second.pointers)


@given(st.lists(_verdicts, min_size=2, max_size=8))
def test_pointers_message_and_items_keep_the_detail(verdicts: list[Verdict]) -> None:
    folded = fold_verdicts(verdicts)
    ruling = [v for v in verdicts if v.outcome is folded.outcome]
    expected = list(dict.fromkeys(p for v in ruling for p in v.pointers))
    assert list(folded.pointers) == expected
    more = len(ruling) - 1
    assert folded.message == ruling[0].message + (f" (and {more} more)" if more else "")
    items = folded.evidence["items"]
    assert [item["outcome"] for item in items] == [v.outcome.value for v in verdicts]
    assert [item["pointers"] for item in items] == [list(v.pointers) for v in verdicts]
    for item, verdict in zip(items, verdicts, strict=True):
        assert {k: item[k] for k in verdict.evidence} == dict(verdict.evidence)
    assert {k: v for k, v in folded.evidence.items() if k != "items"} == dict(ruling[0].evidence)


@given(_verdicts)
def test_one_verdict_is_kept_as_it_is(verdict: Verdict) -> None:
    assert fold_verdicts([verdict]) is verdict
    assert fold_verdicts(iter([verdict])) is verdict


def test_no_verdicts_is_nothing_to_judge() -> None:
    folded = fold_verdicts([])
    assert (folded.outcome, folded.message) == (Outcome.NOT_APPLICABLE, NOTHING_TO_JUDGE)


def test_an_example_fold() -> None:
    folded = fold_verdicts(
        [
            met("Ann trained", "/staff/0"),
            not_met("Bo has no job title", "/staff/1/job_title", who=1),
            insufficient_evidence("Cy unknown", "/staff/2"),
            not_met("Di has no job title", "/staff/3/job_title", who=3),
        ]
    )
    assert folded.outcome is Outcome.NOT_MET
    assert folded.message == "Bo has no job title (and 1 more)"
    assert folded.pointers == ("/staff/1/job_title", "/staff/3/job_title")
    assert folded.evidence["who"] == 1
    assert folded.evidence["items"][0] == {"outcome": "met", "pointers": ["/staff/0"]}


# --------------------------------------------------------------------------- the engine


def _staff(subject: Any) -> list[tuple[str, int]]:
    return [(f"/staff/{n}", value) for n, value in enumerate(subject)]


def _judge(value: int, context: Context) -> Verdict:
    return met("ok", "/v") if value else not_met("missing", "/v")


VALUES = Parameter(name="values", default=(1, 0, 0), description="One flag per member of staff.")


@rule(id="T-EACH", title="t", cites=["uof-act:6(5)(h)"], applies_to=COLLECTION,
      parameters=[VALUES])  # fmt: skip
def each_staff(subject: None, context: Context) -> Any:
    return for_each(_staff, _judge, none="no staff")(context.params["values"], context)


@rule(id="T-PER-ITEM", title="t", cites=["uof-act:6(5)(h)"], applies_to=COLLECTION,
      parameters=[VALUES], per_item=True)  # fmt: skip
def per_item(subject: None, context: Context) -> Any:
    return for_each(_staff, _judge, none="no staff")(context.params["values"], context)


@rule(id="T-EMPTY", title="t", cites=["uof-act:6(5)(h)"], applies_to=COLLECTION)
def empty(subject: None, context: Context) -> Any:
    return []


def _run(rule_: Any, values: list[int]) -> tuple[list[Any], OutcomeCounts]:
    counts: OutcomeCounts = Counter()
    context = Context(as_of=AS_OF, index=Index([]), params={"values": values})
    results = rule_.run(None, context, rule_.severity, counts=counts)
    return results, counts


@given(st.lists(st.integers(0, 1), min_size=1, max_size=6))
def test_the_engine_gives_one_outcome_per_subject(values: list[int]) -> None:
    results, counts = _run(each_staff, values)
    assert len(results) == 1
    assert sum(counts.values()) == 1
    (result,) = results
    assert result.outcome is (Outcome.NOT_MET if 0 in values else Outcome.MET)
    assert counts[(result.outcome, Severity.ERROR, Authority.STATUTE)] == 1
    if len(values) > 1:
        assert len(result.evidence["items"]) == len(values)
    failing = [f"/staff/{n}/v" for n, v in enumerate(values) if not v]
    if failing:
        assert list(result.pointers) == failing


@given(st.lists(st.integers(0, 1), min_size=1, max_size=6))
def test_per_item_rules_count_each_item(values: list[int]) -> None:
    results, counts = _run(per_item, values)
    assert len(results) == len(values) == sum(counts.values())


def test_a_check_with_nothing_to_judge_is_not_applicable() -> None:
    (result,), _ = _run(empty, [])
    assert (result.outcome, result.message) == (Outcome.NOT_APPLICABLE, NOTHING_TO_JUDGE)


def test_reports_count_subjects_unless_a_rule_is_per_item() -> None:
    ruleset = RuleSet(id="t", rules=(each_staff, per_item, empty))
    report = evaluate([], ruleset, as_of=AS_OF)
    assert [r.rule_id for r in report.results] == [
        "T-EACH", "T-PER-ITEM", "T-PER-ITEM", "T-PER-ITEM", "T-EMPTY",
    ]  # fmt: skip
    assert report.counts[Outcome.NOT_MET] == 1 + 2
    assert report.unmet_by_authority[Authority.STATUTE] == 3


# --------------------------------------------------------------------------- severity


@pytest.mark.parametrize(
    ("cites", "severity"),
    [
        (["uof-act:6(6)"], Severity.ERROR),
        (["uof-guidance:negligible-force"], Severity.ERROR),
        (["rrn-ts:1.1.1"], Severity.ERROR),
        (["bild-act:certification"], Severity.ERROR),
        (["rrn-membership:action-plan"], Severity.ERROR),
        (["nice-ng10:restraint"], Severity.WARNING),
        (["pp-care:no-pain"], Severity.WARNING),
        (["nice-qs154:4"], Severity.WARNING),
        (["mhsds:MHS505"], Severity.WARNING),
        (["nice-ng10:restraint", "rrn-ts:2"], Severity.ERROR),
        (["mhsds:MHS505", "nice-ng10:restraint"], Severity.WARNING),
        # a rule citing nothing is refused (issue 16; tests/rules/test_rule_api.py)
    ],
)
def test_default_severity_follows_the_strongest_authority(
    cites: list[str], severity: Severity
) -> None:
    @rule(id="T", title="t", cites=cites, applies_to=COLLECTION)
    def check(subject: None, context: Context) -> Verdict:
        return not_applicable("-")

    assert check.severity is severity
    assert check.severity is severity_for(check.authority)


def test_an_explicit_severity_is_kept() -> None:
    @rule(id="T", title="t", cites=["uof-act:6(6)"], applies_to=COLLECTION,
          severity=Severity.WARNING)  # fmt: skip
    def should(subject: None, context: Context) -> Verdict:
        return not_applicable("-")

    assert should.severity is Severity.WARNING
    assert should.authority is Authority.STATUTE


def test_authority_and_reading_are_rule_metadata() -> None:
    @rule(
        id="T",
        title="t",
        cites=["nice-ng10:restraint", "uof-act:5(2)"],
        applies_to=COLLECTION,
        reading="""
            How the rule reads the clause.

            What it does not check.
        """,
    )
    def check(subject: None, context: Context) -> Verdict:
        return not_applicable("-")

    assert check.authority is Authority.STATUTE
    assert check.reading == "How the rule reads the clause.\n\nWhat it does not check."
    assert check.frameworks == frozenset({"nice-ng10", "uof-act"})
    assert not check.per_item


@pytest.mark.parametrize("shipped", ALL_PACKS.rules, ids=lambda r: r.id)
def test_no_shipped_rule_is_graded_above_its_authority(shipped: Any) -> None:
    # NICE and Positive and Proactive Care are not mandatory: resting only on them, never an error.
    assert shipped.authority is not None, "every shipped rule cites a clause"
    assert shipped.severity.rank <= severity_for(shipped.authority).rank
