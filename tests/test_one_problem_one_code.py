"""One problem, one code, on every path.

The same bad value gives the same problem (code, JSON Pointer and message)
from ``rrnkit.validate`` (a file read through the schema path: jsonschema's
errors mapped to codes, then the converter for what JSON Schema cannot say)
and from ``rrnkit.convert.load`` (the strict converter alone). A table of
near-miss values shows each code once by name; a property runs every
near miss of every kind (``rrnkit.strategies.near_misses``) through both.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, reject, settings
from hypothesis import strategies as st

import rrnkit
from rrnkit.convert import load
from rrnkit.model import KINDS, InterventionType
from rrnkit.problem_codes import CATALOGUE, LOAD, SCHEMA_VALIDATE
from rrnkit.problems import DocumentError
from rrnkit.schema import validate as schema_validate
from rrnkit.strategies import near_misses
from samples import INCIDENT

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

Found = list[tuple[str, str, str]]
"""Problems as (code, pointer, message), sorted."""


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


BASES: dict[str, Callable[[], dict[str, Any]]] = {
    "incident": lambda: copy.deepcopy(INCIDENT),
    "evaluation": lambda: example("evaluations/eval-2025-09-initial.json"),
    "training-event": lambda: example("training-events/event-2026-01-refresher.json"),
    "course": lambda: example("course-refresher.json"),
    "trainer": lambda: example("trainers/trainer-nm-003.json"),
    "bundle": lambda: {
        "kind": "bundle",
        "schema_version": "1.0",
        "id": "b-1",
        "organisation_id": "org-1",
        "documents": [copy.deepcopy(INCIDENT)],
    },
}


def by_validate(data: Any, folder: Path) -> Found:
    """The problems ``rrnkit.validate`` reports for the data written as a ``.json`` file."""
    path = folder / "document.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = rrnkit.validate([str(path)])
    assert report.read == 1
    return sorted((p.code, p.pointer, p.message) for p in report.problems)


def by_load(data: Any) -> Found:
    """The problems ``rrnkit.convert.load`` raises for the data (none when it loads)."""
    try:
        load(copy.deepcopy(data))
    except DocumentError as error:
        return sorted((p.code, p.pointer, p.message) for p in error.problems)
    return []


def put(data: dict[str, Any], pointer: str, value: Any) -> None:
    """Set (or, for ``...``, delete) the member at a JSON Pointer of plain tokens."""
    *path, last = pointer.split("/")[1:]
    target: Any = data
    for token in path:
        target = target[int(token)] if isinstance(target, list) else target[token]
    if value is ...:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


# (kind, pointer, value, code): the value written at the pointer (``...``: removed)
# breaks one constraint, and both paths report exactly one problem, with this
# code, at this pointer. The reported pointer is the written one unless given.
NEAR_MISSES = [
    # a date-time without a UTC offset: value.naive-datetime everywhere
    ("incident", "/start", "2026-03-04T14:05:00", "value.naive-datetime"),
    ("incident", "/start", "2026-03-04T14:05", "value.naive-datetime"),
    ("incident", "/start", "2026-03-04 14:05:00", "value.naive-datetime"),
    ("incident", "/start", "2026-03-04t14:05:00.250", "value.naive-datetime"),
    ("incident", "/recorded_at", "2026-03-04T15:00:00", "value.naive-datetime"),
    ("incident", "/interventions/0/end", "2026-03-04T14:12:00", "value.naive-datetime"),
    ("bundle", "/created_at", "2026-03-04T15:00:00", "value.naive-datetime"),
    ("bundle", "/documents/0/start", "2026-03-04T14:05:00", "value.naive-datetime"),
    # not a date-time at all, or not a real one: value.datetime
    ("incident", "/start", "yesterday", "value.datetime"),
    ("incident", "/start", "2026-03-04", "value.datetime"),
    ("incident", "/start", "", "value.datetime"),
    ("incident", "/start", "2026-03-04T14:05:00+1:00", "value.datetime"),
    ("incident", "/start", "2026-03-04T24:05:00Z", "value.datetime"),
    ("incident", "/start", "2026-02-30T14:05:00Z", "value.datetime"),
    ("incident", "/start", "0000-03-04T14:05:00Z", "value.datetime"),
    # dates
    ("evaluation", "/completed_on", "2025-02-30", "value.date"),
    ("evaluation", "/completed_on", "2025-10", "value.date"),
    ("evaluation", "/completed_on", "3 October 2025", "value.date"),
    ("evaluation", "/actions/0/due_on", "2025-13-01", "value.date"),
    # wrong JSON types, in the converter's words on both paths
    ("incident", "/start", 20260304, "value.type"),
    ("incident", "/start", None, "value.type"),
    ("incident", "/end", None, "value.type"),
    ("incident", "/reason", 10, "value.type"),
    ("incident", "/reason", None, "value.type"),
    ("incident", "/interventions/0/type", 7, "value.type"),
    ("incident", "/interventions/0/type", ["07"], "value.type"),
    ("incident", "/interventions", {}, "value.type"),
    ("incident", "/interventions/0", "i1", "value.type"),
    ("incident", "/patient", "Sam Example", "value.type"),
    ("incident", "/patient", None, "value.type"),
    ("incident", "/negligible", "yes", "value.type"),
    ("incident", "/organisation_id", 1, "value.type"),
    ("evaluation", "/respondents", 2.5, "value.type"),
    ("evaluation", "/respondents", -0.5, "value.type"),
    ("evaluation", "/completed_on", 20251003, "value.type"),
    ("evaluation", "/methods/0", 1, "value.type"),
    ("incident", "/extensions", [], "value.type"),
    # unknown codes (the message lists the allowed ones)
    ("incident", "/interventions/0/type", "02", "value.unknown-code"),
    ("incident", "/interventions/0/type", "7", "value.unknown-code"),
    ("incident", "/interventions/0/type", "", "value.unknown-code"),
    ("incident", "/reason", "prone", "value.unknown-code"),
    ("evaluation", "/methods/1", "quiz", "value.unknown-code"),
    ("training-event", "/setting", "ward", "value.unknown-code"),
    # members
    ("incident", "/organisation_id", ..., "field.required"),
    ("incident", "/interventions/0/type", ..., "field.required"),
    ("incident", "/recorded", "2026-03-04T15:00:00+00:00", "field.unknown"),
    ("incident", "/patient/nhs_numbr", "9434765919", "field.unknown"),
    ("incident", "/shoe_size", 9, "field.unknown"),
    ("bundle", "/documents/0/colour", "red", "field.unknown"),
    # forms, bounds and orders
    ("incident", "/id", "has space", "value.identifier"),
    ("incident", "/id", "", "value.identifier"),
    ("incident", "/interventions/0/id", "-i1", "value.identifier"),
    ("training-event", "/trainer_ids/0", "not an id", "value.identifier"),
    ("incident", "/patient/nhs_number", "943476591", "value.nhs-number"),
    ("incident", "/patient/nhs_number", "9434765910", "value.nhs-number"),
    ("incident", "/patient/age_band", "18 to 24", "value.pattern"),
    ("incident", "/patient/name", "", "value.too-short"),
    ("incident", "/patient/name", "x" * 201, "value.too-long"),
    ("course", "/modules/0/minutes", 0, "value.below-minimum"),
    ("course", "/total_minutes", 0.5, "value.type"),
    ("trainer", "/cpd/0/hours", 1000.5, "value.above-maximum"),
    ("evaluation", "/respondents", -1, "value.below-minimum"),
    ("evaluation", "/methods", [], "value.too-few-items"),
    ("incident", "/end", "2026-03-04T13:00:00+00:00", "value.order"),
    ("incident", "/extensions", {"Org.example": {}}, "value.extension-namespace"),
]

EXTENSION_VALUES = [
    # a namespace that does not hold an object is located at its key on both paths
    ({"org.example": 1}, [("value.type", "/extensions/org.example")]),
    (
        {"org.a": [], "org.b": "x"},
        [("value.type", "/extensions/org.a"), ("value.type", "/extensions/org.b")],
    ),
]


def near_miss(kind: str, pointer: str, value: Any) -> dict[str, Any]:
    data = BASES[kind]()
    put(data, pointer, copy.deepcopy(value))
    return data


def ids(case: tuple[Any, ...]) -> str:
    kind, pointer, value, code = case
    return f"{code}:{kind}{pointer}={value!r}"[:80]


@pytest.mark.parametrize("case", NEAR_MISSES, ids=[ids(case) for case in NEAR_MISSES])
def test_both_paths_give_one_code_at_one_pointer(case: tuple[Any, ...], tmp_path: Path) -> None:
    kind, pointer, value, code = case
    data = near_miss(kind, pointer, value)
    found = by_validate(data, tmp_path)
    assert [(c, p) for c, p, _ in found] == [(code, pointer)]
    assert by_load(data) == found  # the same message too


@pytest.mark.parametrize(("extensions", "expected"), EXTENSION_VALUES)
def test_extension_namespaces_are_located_alike(
    extensions: dict[str, Any], expected: list[tuple[str, str]], tmp_path: Path
) -> None:
    data = near_miss("incident", "/extensions", extensions)
    found = by_validate(data, tmp_path)
    assert [(c, p) for c, p, _ in found] == expected
    assert by_load(data) == found


@pytest.mark.parametrize("case", NEAR_MISSES, ids=[ids(case) for case in NEAR_MISSES])
def test_the_catalogue_says_which_functions_report_each_code(case: tuple[Any, ...]) -> None:
    kind, pointer, value, code = case
    data = near_miss(kind, pointer, value)
    entry = CATALOGUE[code]
    assert "validate" in entry.commands
    assert LOAD in entry.python
    schema = [(p.code, p.pointer) for p in schema_validate(data, kind)]
    if schema:  # JSON Schema cannot see check digits or the order of two fields
        assert schema == [(code, pointer)]
        assert SCHEMA_VALIDATE in entry.python


def test_a_naive_date_time_is_one_code_from_the_model_too() -> None:
    """The model's constructors refuse a naive date-time with the same code."""
    import datetime as dt

    from rrnkit.model import FieldProblem, Intervention

    with pytest.raises(FieldProblem) as caught:
        Intervention(id="i1", type=InterventionType("07"), start=dt.datetime(2026, 3, 4, 14, 5))
    assert caught.value.code == "value.naive-datetime"


# --------------------------------------------------------------------------- messages


def test_an_unknown_code_lists_the_allowed_codes_never_the_value(tmp_path: Path) -> None:
    data = near_miss("incident", "/interventions/0/type", "ZQ-given-QZ")
    ((code, _, message),) = by_validate(data, tmp_path)
    assert code == "value.unknown-code"
    allowed = [member.value for member in InterventionType]
    assert message == f"is not one of the allowed codes: {', '.join(allowed)}"
    assert "ZQ-" not in message
    assert by_load(data)[0][2] == message


@pytest.mark.parametrize(
    ("pointer", "hint"),
    [
        ("/recorded", "; did you mean 'recorded_at'?"),
        ("/Start", "; did you mean 'start'?"),
        ("/patient/nhs_numbr", "; did you mean 'nhs_number'?"),
        ("/interventions/0/typ", "; did you mean 'type'?"),
        ("/shoe_size", ""),
    ],
)
def test_an_unknown_field_suggests_the_nearest_field(
    pointer: str, hint: str, tmp_path: Path
) -> None:
    data = near_miss("incident", pointer, "ZQ-value-QZ")
    found = by_validate(data, tmp_path)
    assert found == [("field.unknown", pointer, "is not a field here" + hint)]
    assert by_load(data) == found


def test_sensitive_values_stay_out_of_the_new_messages(tmp_path: Path) -> None:
    """A sensitive value under a misspelt name, or in a wrong place, is never echoed."""
    data = near_miss("incident", "/patient/nam", "ZQ-name-QZ")
    put(data, "/patient/name", ["ZQ-name-in-array-QZ"])
    put(data, "/interventions/0/type", "ZQ-type-QZ")
    put(data, "/extensions", {"org.example": "ZQ-extension-QZ"})
    put(data, "/start", "ZQ-start-QZ")
    for found in (by_validate(data, tmp_path), by_load(data)):
        assert len(found) == 5
        assert "ZQ-" not in json.dumps(found)


# --------------------------------------------------------------------------- every near miss

NEAR = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.parametrize("kind", KINDS)
@NEAR
@given(data=st.data())
def test_every_near_miss_gives_the_same_problems_on_both_paths(
    kind: str, data: st.DataObject, tmp_path: Path
) -> None:
    miss = data.draw(near_misses(kind))
    note(f"{miss.breaks} at {miss.pointer!r}")
    found = by_validate(miss.data, tmp_path)
    if any(code.startswith(("json.", "record.")) for code, _, _ in found):
        reject()  # a reading limit (an unknown member holding a huge number, say)
    assert found, "rrnkit.validate accepted a near miss"
    assert by_load(miss.data) == found
    assert all(code in CATALOGUE for code, _, _ in found)
