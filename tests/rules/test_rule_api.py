"""The rule API never does nothing silently (issue 16).

Each refusal is checked twice: the wrong value is refused at once with a message
naming it and what is allowed (with the nearest name where one is close), and
its valid neighbour is accepted.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rrnkit
from rrnkit.model import KINDS, Incident, StaffGroup
from rrnkit.report import evaluate
from rrnkit.rules import (
    COLLECTION,
    SUBJECTS,
    Context,
    Evaluator,
    Index,
    Parameter,
    Rule,
    RuleSet,
    Severity,
    UnknownNameError,
    Verdict,
    met,
    rule,
)
from rrnkit.rules.catalogue import render_markdown
from rrnkit.rules.packs import ALL_PACKS, PACKS

ROOT = Path(__file__).parents[2]
AS_OF = dt.date(2026, 11, 28)
SHIPPED = [(r.id, p) for r in ALL_PACKS.rules for p in r.parameters]
NUMBERS = [(rule_id, p) for rule_id, p in SHIPPED if type(p.default) in (int, float)]
CODES = [(rule_id, p) for rule_id, p in SHIPPED if type(p.default) is tuple]
CATALOGUE = render_markdown(PACKS)


def _check(subject: Any, context: Context) -> Verdict:
    """Always met."""
    return met("fine")


def declare(**changes: Any) -> Rule:
    """Declare a rule with the decorator; ``changes`` replace the valid arguments."""
    arguments: dict[str, Any] = {
        "id": "LOCAL-X",
        "title": "A local rule",
        "cites": ["uof-act:6(1)"],
        "applies_to": "incident",
    }
    arguments.update(changes)
    return rule(**arguments)(_check)


def test_the_kinds_a_rule_may_apply_to_are_the_document_kinds_and_collection() -> None:
    assert (*KINDS, COLLECTION) == SUBJECTS
    assert "incident" in SUBJECTS
    assert COLLECTION == "collection"


# -- applies_to ---------------------------------------------------------------


def test_an_unknown_kind_is_refused_at_once_with_the_nearest_kind_and_every_kind() -> None:
    with pytest.raises(ValueError, match="applies_to") as caught:
        rule(id="LOCAL-X", title="t", cites=["uof-act:6(1)"], applies_to="incidents")
    message = str(caught.value)
    assert "rule LOCAL-X" in message
    assert "unknown kind 'incidents'" in message
    assert "did you mean 'incident'?" in message
    for kind in SUBJECTS:
        assert kind in message
    assert isinstance(caught.value, KeyError)  # UnknownNameError is both


@pytest.mark.parametrize("kind", SUBJECTS)
def test_every_document_kind_and_collection_is_accepted(kind: str) -> None:
    assert declare(applies_to=kind).applies_to == kind


@pytest.mark.parametrize("value", [None, 1, Incident, ["incident"]])
def test_an_applies_to_that_is_not_text_is_refused(value: object) -> None:
    with pytest.raises(TypeError, match=r"applies_to is a kind \(text\).*allowed: the document"):
        declare(applies_to=value)


def test_a_far_fetched_kind_is_refused_without_a_guess() -> None:
    with pytest.raises(UnknownNameError) as caught:
        declare(applies_to="zzzzzz")
    assert "did you mean" not in str(caught.value)
    assert "'zzzzzz'" in str(caught.value)


def test_a_rule_built_or_changed_directly_is_checked_too() -> None:
    valid = declare()
    with pytest.raises(UnknownNameError, match="did you mean 'incident'"):
        attrs.evolve(valid, applies_to="Incident")
    with pytest.raises(ValueError, match="cites nothing"):
        attrs.evolve(valid, citations=())
    assert attrs.evolve(valid, applies_to="organisation").applies_to == "organisation"


# -- citations and the rest of a declaration ----------------------------------


def test_a_rule_without_citations_is_refused() -> None:
    with pytest.raises(ValueError, match="rule LOCAL-X cites nothing") as caught:
        declare(cites=[])
    assert "cites=['uof-act:6(5)(a)']" in str(caught.value)  # says what is allowed
    assert declare(cites=["uof-act:6(1)"]).citations[0].framework == "uof-act"


@pytest.mark.parametrize("argument", ["cites", "tags", "parameters"])
def test_one_string_where_a_list_is_meant_is_refused(argument: str) -> None:
    with pytest.raises(TypeError, match=f"{argument} takes a list, not one string"):
        declare(**{argument: "uof-act:6(1)"})


@pytest.mark.parametrize("bad", ["", "HAS SPACE", None])
def test_a_rule_id_is_non_empty_text_without_spaces(bad: object) -> None:
    with pytest.raises(ValueError, match="a rule id is non-empty text without spaces"):
        declare(id=bad)
    assert declare(id="LOCAL-OK").id == "LOCAL-OK"


def test_two_parameters_with_one_name_are_refused() -> None:
    limit = Parameter(name="limit", default=1, description="d", minimum=0)
    with pytest.raises(ValueError, match="declares parameter limit twice"):
        declare(parameters=[limit, limit])
    assert declare(parameters=[limit]).defaults == {"limit": 1}


def test_every_shipped_rule_cites_and_applies_to_a_known_kind() -> None:
    for candidate in ALL_PACKS.rules:
        assert candidate.citations
        assert candidate.authority is not None
        assert candidate.applies_to in SUBJECTS


# -- select, exclude and looking rules up -------------------------------------


@pytest.mark.parametrize(
    ("method", "argument", "bad", "near"),
    [
        ("select", "ids", "UOF-S6-A-REASONS", "UOF-S6-A-REASON"),
        ("select", "tags", "tnaa", "tna"),
        ("select", "frameworks", "nice-ng1O", "nice-ng10"),
        ("exclude", "ids", "uof-s6-a-reason", "UOF-S6-A-REASON"),
        ("exclude", "tags", "retension", "retention"),
        ("exclude", "frameworks", "uof_act", "uof-act"),
    ],
)
def test_an_unknown_id_tag_or_framework_is_refused_with_the_nearest(
    method: str, argument: str, bad: str, near: str
) -> None:
    with pytest.raises(UnknownNameError) as caught:
        getattr(ALL_PACKS, method)(**{argument: [bad]})
    message = str(caught.value)
    assert f"{bad!r} (did you mean {near!r}?)" in message
    assert "in rule set 'rrnkit-all' (74 rules)" in message
    # the valid neighbour is accepted
    chosen = getattr(ALL_PACKS, method)(**{argument: [near]})
    assert 0 < len(chosen.rules) < len(ALL_PACKS.rules)


def test_the_issue_s_example_is_refused_rather_than_empty() -> None:
    with pytest.raises(ValueError, match="unknown rule id 'UOF-S6-Z'"):
        ALL_PACKS.select(ids=["UOF-S6-Z"])
    assert ALL_PACKS.select(ids=["UOF-S6-A-REASON"]).ids == ("UOF-S6-A-REASON",)


def test_a_message_lists_the_allowed_tags_and_frameworks() -> None:
    with pytest.raises(UnknownNameError) as caught:
        ALL_PACKS.select(tags=["no-such-tag"])
    assert "allowed tags: " + ", ".join(sorted(ALL_PACKS.tags)) in str(caught.value)
    with pytest.raises(UnknownNameError) as caught:
        ALL_PACKS.select(frameworks=["no-such-framework"])
    assert "allowed frameworks: " + ", ".join(sorted(ALL_PACKS.frameworks)) in str(caught.value)


def test_a_name_is_known_only_if_a_rule_of_this_rule_set_has_it() -> None:
    tna = ALL_PACKS.select(tags=["tna"])
    with pytest.raises(UnknownNameError) as caught:
        tna.select(ids=["UOF-S6-A-REASON"])  # a shipped rule, but not in this set
    message = str(caught.value)
    assert f"({len(tna.rules)} rules)" in message
    assert "its rule ids: " + ", ".join(tna.ids) in message  # a short set lists its ids
    with pytest.raises(UnknownNameError):
        tna.exclude(frameworks=["uof-act"])
    with pytest.raises(UnknownNameError):
        tna.select(tags=["retention"])
    assert tna.exclude(ids=[tna.ids[0]]).ids == tna.ids[1:]


def test_several_unknown_names_are_all_named() -> None:
    with pytest.raises(UnknownNameError) as caught:
        ALL_PACKS.exclude(ids=["NOPE-1", "UOF-S6-A-REASON", "NOPE-2"])
    assert "unknown rule ids 'NOPE-1', 'NOPE-2'" in str(caught.value)


@pytest.mark.parametrize("argument", ["ids", "tags", "frameworks"])
def test_one_string_is_refused_where_a_list_of_names_is_meant(argument: str) -> None:
    with pytest.raises(TypeError, match=f"{argument} takes a list"):
        ALL_PACKS.select(**{argument: "tna"})


@given(st.sets(st.sampled_from(ALL_PACKS.ids)), st.sets(st.sampled_from(sorted(ALL_PACKS.tags))))
def test_known_names_select_and_exclude_complementary_rules(ids: set[str], tags: set[str]) -> None:
    kept = ALL_PACKS.select(ids=ids, tags=tags)
    dropped = ALL_PACKS.exclude(ids=ids, tags=tags)
    assert set(kept.ids) | set(dropped.ids) == set(ALL_PACKS.ids)
    assert not set(kept.ids) & set(dropped.ids)


def test_looking_up_an_unknown_rule_says_which_is_nearest() -> None:
    for call in (
        lambda: ALL_PACKS.rule("UOF-S6-A-REASN"),
        lambda: ALL_PACKS.with_params("UOF-S6-A-REASN", x=1),
        lambda: ALL_PACKS.with_severity("UOF-S6-A-REASN", Severity.WARNING),
    ):
        with pytest.raises(KeyError) as caught:
            call()
        assert isinstance(caught.value, ValueError)
        # str() is the message itself, not KeyError's quoted repr
        assert str(caught.value).startswith("unknown rule id 'UOF-S6-A-REASN'")
        assert "did you mean 'UOF-S6-A-REASON'?" in str(caught.value)
    assert ALL_PACKS.rule("UOF-S6-A-REASON").id == "UOF-S6-A-REASON"


def test_an_unknown_parameter_name_is_refused_with_the_rule_s_parameters() -> None:
    with pytest.raises(UnknownNameError) as caught:
        ALL_PACKS.with_params("RRN-STAFF-REFRESHER", refresher_interval=6)
    message = str(caught.value)
    assert message.startswith("rule RRN-STAFF-REFRESHER: unknown parameter 'refresher_interval'")
    assert "did you mean 'refresher_interval_months'?" in message
    assert "its parameters: refresher_interval_months, full_programme_interval_years" in message
    with pytest.raises(UnknownNameError, match="it has no parameters"):
        ALL_PACKS.with_params("UOF-S6-A-REASON", limit=1)


def test_a_parameter_no_rule_declares_is_refused_everywhere() -> None:
    with pytest.raises(UnknownNameError) as caught:
        ALL_PACKS.with_param_everywhere("refresher_interval_month", 6)
    assert "did you mean 'refresher_interval_months'?" in str(caught.value)
    assert "prone_limit_minutes" in str(caught.value)  # what is allowed
    six = ALL_PACKS.with_param_everywhere("refresher_interval_months", 6)
    assert set(six.params) == {"RRN-STAFF-REFRESHER", "UOF-S5-REFRESHER", "PPC-TRAINED-STAFF"}


def test_a_severity_must_be_a_severity() -> None:
    with pytest.raises(TypeError, match="a severity is a Severity"):
        ALL_PACKS.with_severity("UOF-S6-A-REASON", "warning")  # type: ignore[arg-type]
    regraded = ALL_PACKS.with_severity("UOF-S6-A-REASON", Severity.WARNING)
    assert regraded.severity_of(regraded.rule("UOF-S6-A-REASON")) is Severity.WARNING


def test_overrides_given_to_the_constructor_are_checked() -> None:
    rules = ALL_PACKS.rules
    with pytest.raises(UnknownNameError, match="unknown rule id 'NOPE'"):
        RuleSet(id="t", rules=rules, severities={"NOPE": Severity.INFO})
    with pytest.raises(UnknownNameError, match="unknown parameter 'nope'"):
        RuleSet(id="t", rules=rules, params={"RRN-STAFF-REFRESHER": {"nope": 1}})
    with pytest.raises(ValueError, match="refresher_interval_months is 0"):
        RuleSet(
            id="t", rules=rules, params={"RRN-STAFF-REFRESHER": {"refresher_interval_months": 0}}
        )
    ok = RuleSet(id="t", rules=rules, params={"RRN-STAFF-REFRESHER": {"excluded_staff_groups": []}})
    assert ok.params["RRN-STAFF-REFRESHER"] == {"excluded_staff_groups": ()}  # stored as checked


# -- duplicate rule ids -------------------------------------------------------


def test_adding_a_rule_whose_id_is_held_is_refused_by_add_and_plus() -> None:
    local = declare(id="UOF-S6-A-REASON")
    with pytest.raises(ValueError, match="duplicate rule id UOF-S6-A-REASON: ") as caught:
        ALL_PACKS.add(local)
    assert "rule set 'rrnkit-all'" in str(caught.value)
    assert "prefix" in str(caught.value)  # how to avoid it
    with pytest.raises(ValueError, match="duplicate rule id UOF-S6-A-REASON: "):
        ALL_PACKS + RuleSet(id="local", rules=(local,))
    with pytest.raises(ValueError, match=r"duplicate rule id .*RRN-TNA-EXISTS"):
        PACKS["rrn-ts"] + PACKS["rrn-ts"]
    renamed = declare(id="LOCAL-S6-A-REASON")
    assert ALL_PACKS.add(renamed).ids[-1] == "LOCAL-S6-A-REASON"
    assert (ALL_PACKS + RuleSet(id="local", rules=(renamed,))).id == "rrnkit-all+local"


# -- parameters and their bounds ----------------------------------------------


@pytest.mark.parametrize(
    ("rule_id", "parameter"), SHIPPED, ids=[f"{r}:{p.name}" for r, p in SHIPPED]
)
def test_every_shipped_parameter_declares_its_bounds_and_its_default_lies_within(
    rule_id: str, parameter: Parameter
) -> None:
    kind = type(parameter.default)
    if kind in (int, float):
        assert parameter.minimum is not None, "a number parameter declares at least a minimum"
    elif kind is tuple:
        assert parameter.choices is not None, "a list of codes declares the codes allowed"
    else:
        pytest.fail(f"{rule_id}: no bounds are declared for {kind.__name__} parameters")
    assert parameter.coerce(parameter.default) == parameter.default
    assert parameter.bounds in CATALOGUE


def test_a_parameter_means_the_same_in_every_rule_that_declares_it() -> None:
    # --param NAME=VALUE sets it everywhere, so one value must be valid everywhere or nowhere.
    by_name: dict[str, set[tuple[Any, ...]]] = {}
    for _rule_id, p in SHIPPED:
        key = (type(p.default), p.minimum, p.maximum, p.choices, p.min_items)
        by_name.setdefault(p.name, set()).add(key)
    assert {name: len(keys) for name, keys in by_name.items() if len(keys) > 1} == {}


@given(st.data())
def test_a_number_inside_its_bounds_is_accepted_and_one_outside_refused(
    data: st.DataObject,
) -> None:
    rule_id, parameter = data.draw(st.sampled_from(NUMBERS))
    low, high = parameter.minimum, parameter.maximum
    assert low is not None
    if type(parameter.default) is int:
        inside: Any = data.draw(st.integers(min_value=int(low), max_value=high))
        outside: Any = data.draw(
            st.integers(max_value=int(low) - 1)
            if high is None or data.draw(st.booleans())
            else st.integers(min_value=int(high) + 1)
        )
    else:
        inside = data.draw(st.floats(min_value=low, max_value=high))
        outside = data.draw(
            st.floats(max_value=low, exclude_max=True, allow_nan=False)
            if high is None or data.draw(st.booleans())
            else st.floats(min_value=high, exclude_min=True, allow_nan=False)
        )
    assert ALL_PACKS.with_params(rule_id, **{parameter.name: inside}).params[rule_id] == {
        parameter.name: inside
    }
    with pytest.raises(ValueError, match="out of its range") as caught:
        ALL_PACKS.with_params(rule_id, **{parameter.name: outside})
    message = str(caught.value)
    assert message.startswith(f"rule {rule_id}: parameter {parameter.name} is ")
    assert repr(outside)[:40] in message
    assert parameter.bounds in message


@given(st.data())
def test_codes_are_accepted_from_their_table_and_others_refused(data: st.DataObject) -> None:
    rule_id, parameter = data.draw(st.sampled_from(CODES))
    assert parameter.choices is not None
    chosen = data.draw(
        st.lists(st.sampled_from(parameter.choices), min_size=max(parameter.min_items, 0))
    )
    accepted = ALL_PACKS.with_params(rule_id, **{parameter.name: chosen})
    assert accepted.params[rule_id][parameter.name] == tuple(chosen)  # a list becomes a tuple
    stranger = data.draw(st.text(min_size=1).filter(lambda t: t not in parameter.choices))
    with pytest.raises(ValueError, match="unknown code") as caught:
        ALL_PACKS.with_params(rule_id, **{parameter.name: [*chosen, stranger]})
    message = str(caught.value)
    assert f"unknown code {stranger!r}" in message
    assert f"in parameter {parameter.name}" in message
    assert ", ".join(parameter.choices) in message


def test_the_issue_s_negative_interval_is_refused_naming_the_value_and_range() -> None:
    with pytest.raises(ValueError, match="out of its range") as caught:
        ALL_PACKS.with_param_everywhere("refresher_interval_months", -3)
    assert str(caught.value) == (
        "rule RRN-STAFF-REFRESHER: parameter refresher_interval_months is -3, "
        "out of its range: a whole number, at least 1"
    )
    assert ALL_PACKS.with_param_everywhere("refresher_interval_months", 1)


def test_a_share_lies_from_0_to_1_and_accepts_a_whole_number() -> None:
    rid = "RRN-COURSE-PREVENTION-SHARE"
    for bad in (1.5, -0.1, math.nan, math.inf):
        with pytest.raises(ValueError, match="from 0 to 1"):
            ALL_PACKS.with_params(rid, prevention_share=bad)
    assert ALL_PACKS.with_params(rid, prevention_share=1).params[rid] == {"prevention_share": 1.0}


def test_a_wrong_type_is_a_type_error_naming_what_is_allowed() -> None:
    with pytest.raises(TypeError) as caught:
        ALL_PACKS.with_params("RRN-STAFF-REFRESHER", refresher_interval_months="6")
    assert str(caught.value) == (
        "rule RRN-STAFF-REFRESHER: parameter refresher_interval_months takes a whole number "
        "(int), not str '6'; allowed: a whole number, at least 1"
    )
    with pytest.raises(TypeError, match="not bool True"):
        ALL_PACKS.with_params("RRN-STAFF-REFRESHER", refresher_interval_months=True)
    with pytest.raises(TypeError, match="holds codes"):
        ALL_PACKS.with_params("UOF-S5-REFRESHER", excluded_staff_groups=[1])


def test_codes_take_an_enum_member_and_an_empty_list_only_where_allowed() -> None:
    rid = "UOF-S5-REFRESHER"
    given_members = ALL_PACKS.with_params(rid, excluded_staff_groups=[StaffGroup.SECURITY])
    assert given_members.params[rid] == {"excluded_staff_groups": ("security",)}
    assert ALL_PACKS.with_params(rid, excluded_staff_groups=[]).params[rid]
    with pytest.raises(ValueError, match="too few items: a list of at least 1 item"):
        ALL_PACKS.with_params("UOF-S2-SENIORITY", appropriate_seniority=[])
    with pytest.raises(ValueError, match="did you mean 'board'"):
        ALL_PACKS.with_params("UOF-S2-SENIORITY", appropriate_seniority=["bord"])


def test_a_parameter_is_refused_when_declared_outside_its_own_bounds() -> None:
    with pytest.raises(ValueError, match=r"refused by its own bounds.*-1, out of its range"):
        Parameter(name="months", default=-1, description="d", minimum=1)
    with pytest.raises(ValueError, match="minimum is greater than maximum"):
        Parameter(name="share", default=0.5, description="d", minimum=1.0, maximum=0.0)
    with pytest.raises(ValueError, match="minimum and maximum bound a number"):
        Parameter(name="codes", default=(), description="d", minimum=1)
    with pytest.raises(ValueError, match="unknown code 'x'"):
        Parameter(name="codes", default=("x",), description="d", choices=["a", "b"])
    with pytest.raises(ValueError, match="a Python identifier"):
        Parameter(name="two words", default=1, description="d")
    choice = Parameter(name="mode", default="a", description="d", choices=["a", "b"])
    assert choice.coerce("b") == "b"
    with pytest.raises(
        UnknownNameError, match="unknown code 'c' for parameter mode; allowed codes: a, b"
    ):
        choice.coerce("c")
    unbounded = Parameter(name="flag", default=True, description="d")
    assert (unbounded.coerce(False), unbounded.bounds) == (False, "true or false")


def test_bounds_are_in_the_command_line_catalogue_and_sarif_help() -> None:
    from click.testing import CliRunner

    from rrnkit.cli import cli
    from rrnkit.report import report_to_sarif

    out = CliRunner().invoke(cli, ["explain", "RRN-STAFF-REFRESHER"]).output
    assert "refresher_interval_months = 12 (rrnkit's default; allowed: a whole number, at" in out
    rules = CliRunner().invoke(cli, ["rules", "--format", "json", "--rules", "rrn-ts"]).output
    assert '"minimum": 1' in rules
    assert '"choices": [' in rules
    report = evaluate([], ALL_PACKS.select(ids=["RRN-STAFF-REFRESHER"]), as_of=AS_OF)
    log = report_to_sarif(report, ALL_PACKS.rules)
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    descriptor = next(d for d in descriptors if d["id"] == "RRN-STAFF-REFRESHER")
    assert "Allowed: a whole number, at least 1." in descriptor["help"]["text"]


# -- the catalogue lists tags --------------------------------------------------


def test_the_catalogue_lists_each_rule_s_tags() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", page, flags=re.MULTILINE)[1:]
    by_id = {s.split("`")[1]: s for s in sections}
    assert set(by_id) == set(ALL_PACKS.ids)
    for candidate in ALL_PACKS.rules:
        tags = ", ".join(f"`{t}`" for t in sorted(candidate.tags)) or "none"
        assert f"\n- Tags: {tags}\n" in by_id[candidate.id]


# -- as_of is a date, not a date-time -----------------------------------------

MIDNIGHT = dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    "call",
    [
        lambda day: rrnkit.check([], as_of=day),
        lambda day: evaluate([], ALL_PACKS, as_of=day),
        lambda day: ALL_PACKS.run([], as_of=day),
        lambda day: Evaluator(ALL_PACKS, Index([]), as_of=day),
        lambda day: Context(as_of=day, index=Index([])),
    ],
    ids=["rrnkit.check", "evaluate", "RuleSet.run", "Evaluator", "Context"],
)
def test_a_datetime_is_refused_where_a_date_is_meant(call: Any) -> None:
    for value in (MIDNIGHT, MIDNIGHT.replace(tzinfo=None)):
        with pytest.raises(TypeError, match=r"as_of must be a date, not a datetime.*\.date\(\)"):
            call(value)
    with pytest.raises(TypeError, match=r"as_of must be a date .*not str"):
        call("2026-11-28")
    call(MIDNIGHT.date())  # the valid neighbour
