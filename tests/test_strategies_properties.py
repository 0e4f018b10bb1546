"""Properties of the model, converter and schema over generated documents and near misses.

The strategies come from ``rrnkit.strategies``; every property runs once per
document kind. Near misses break exactly one constraint at one place, and the
rule checked is exact: the converter reports a problem at the near miss's
pointer (the removed or added member, or the bad value; for an end before its
start, the end), and nowhere else. The one exception is the envelope: a
document without ``kind`` or ``schema_version`` is reported on the document
itself (``document.kind-missing`` / ``document.version-missing``). When JSON
Schema can express the constraint, ``validate`` reports it at the same pointer
and nowhere else; when it cannot (check digit, order), ``validate`` accepts.

Known bugs (each shown by a strict xfail example at the end of this file) are
let through the properties only in exactly the shape the bug takes.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from rrnkit.convert import dump, load
from rrnkit.model import (
    KINDS,
    Bundle,
    Document,
    Identifier,
    Incident,
    Intervention,
    InterventionType,
    nhs_number_check_digit,
)
from rrnkit.problems import DocumentError, Problem
from rrnkit.schema import validate
from rrnkit.strategies import (
    BREAKS,
    SCHEMA_BLIND,
    NearMiss,
    document_data,
    documents,
    near_misses,
)

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NEAR = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

kinds = pytest.mark.parametrize("kind", KINDS)

ENVELOPE_CODES = {"kind": "document.kind-missing", "schema_version": "document.version-missing"}


def load_problems(data: Any) -> list[Problem] | None:
    """Return the converter's problems, or None when the data loads."""
    try:
        load(data)
    except DocumentError as error:
        return list(error.problems)
    return None


def at_broken_place(near_miss: NearMiss, problem: Problem) -> bool:
    """Tell whether a converter problem is located at the near miss's broken place."""
    if problem.pointer == near_miss.pointer:
        return True
    parent, _, member = near_miss.pointer.rpartition("/")
    return (
        near_miss.breaks == "required"
        and problem.pointer == parent
        and problem.code == ENVELOPE_CODES.get(member)
    )


# --- 1. model -> JSON -> model is the identity ------------------------------------------


@kinds
@FAST
@given(data=st.data())
def test_round_trip_is_identity(kind: str, data: st.DataObject) -> None:
    document: Document = data.draw(documents(kind))
    written = dump(document)
    text = json.dumps(written, ensure_ascii=False)
    assert load(json.loads(text)) == document
    assert json.dumps(dump(load(json.loads(text))), ensure_ascii=False) == text


# --- 2. generated documents validate against their published schema ---------------------


@kinds
@FAST
@given(data=st.data())
def test_generated_documents_validate(kind: str, data: st.DataObject) -> None:
    document = data.draw(documents(kind))
    assert document.kind == kind
    assert validate(dump(document), kind) == []


# --- 3. every near miss is rejected at its broken place ---------------------------------


@kinds
@NEAR
@given(data=st.data())
def test_near_misses_are_rejected_at_the_broken_place(kind: str, data: st.DataObject) -> None:
    near_miss = data.draw(near_misses(kind))
    note(f"{near_miss.breaks} at {near_miss.pointer!r}")
    assert near_miss.breaks in BREAKS
    assert near_miss.schema_detects == (near_miss.breaks not in SCHEMA_BLIND)

    problems = load_problems(copy.deepcopy(near_miss.data))
    assert problems is not None, "the converter accepted a near miss"
    note(repr(problems))
    assert any(at_broken_place(near_miss, p) for p in problems)
    assert all(at_broken_place(near_miss, p) for p in problems)

    found = validate(near_miss.data, near_miss.kind)
    note(repr(found))
    if near_miss.schema_detects:
        assert found, "the schema accepted a near miss it can express"
        assert all(p.pointer == near_miss.pointer for p in found)
    else:
        # JSON Schema cannot see check digits or the order of two fields.
        assert found == []


# --- 4. loading and dumping are deterministic ------------------------------------------


@kinds
@FAST
@given(data=st.data())
def test_load_and_dump_are_deterministic(kind: str, data: st.DataObject) -> None:
    original = data.draw(document_data(kind))
    pristine = copy.deepcopy(original)
    first, second = load(original), load(original)
    assert original == pristine, "load changed its input"
    assert first == second
    assert json.dumps(dump(first)) == json.dumps(dump(second)) == json.dumps(pristine)


# --- the strategies themselves -----------------------------------------------------------


@FAST
@given(documents())
def test_any_kind_is_some_known_kind(document: Document) -> None:
    assert document.kind in KINDS


@FAST
@given(documents("bundle"))
def test_bundles_hold_other_kinds(bundle: Document) -> None:
    assert isinstance(bundle, Bundle)
    assert {member.kind for member in bundle.documents} <= set(KINDS) - {"bundle"}


def test_unknown_kind_and_break_are_refused() -> None:
    with pytest.raises(KeyError):
        documents("nonsense")
    with pytest.raises(KeyError):
        near_misses("nonsense")
    with pytest.raises(ValueError, match="unknown breaks"):
        near_misses("incident", breaks=["nonsense"])


def test_importing_rrnkit_does_not_import_the_strategies() -> None:
    code = (
        "import sys, rrnkit; "
        "assert 'rrnkit.strategies' not in sys.modules; "
        "assert 'hypothesis' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- readable examples: one near miss of an incident at a time ---------------------------


def incident() -> dict[str, Any]:
    return {
        "kind": "incident",
        "schema_version": "1.0",
        "id": "inc-1",
        "organisation_id": "org-1",
        "recorded_at": "2024-03-01T12:00:00Z",
        "start": "2024-03-01T10:00:00+01:00",
        "end": "2024-03-01T10:20:00+01:00",
        "patient": {"nhs_number": "9434765919"},
        "interventions": [
            {"id": "r1", "type": "07", "start": "2024-03-01T10:05:00+01:00"},
        ],
    }


def codes_at(data: dict[str, Any]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Return the converter's and the schema's (code, pointer) pairs."""
    problems = load_problems(data) or []
    return (
        {(p.code, p.pointer) for p in problems},
        {(p.code, p.pointer) for p in validate(data, "incident")},
    )


def test_example_incident_is_valid() -> None:
    assert isinstance(load(incident()), Incident)
    assert validate(incident(), "incident") == []


def test_example_nhs_check_digit_is_seen_by_the_model_only() -> None:
    data = incident()
    assert nhs_number_check_digit("943476591") == 9
    data["patient"]["nhs_number"] = "9434765910"
    converter, schema = codes_at(data)
    assert converter == {("value.nhs-number", "/patient/nhs_number")}
    assert schema == set()


def test_example_end_before_start_across_offsets() -> None:
    data = incident()
    # 10:30+02:00 is 08:30Z, before the start 10:00+01:00 (09:00Z), though it reads later.
    data["end"] = "2024-03-01T10:30:00+02:00"
    converter, schema = codes_at(data)
    assert converter == {("value.order", "/end")}
    assert schema == set()


def test_example_naive_datetime() -> None:
    data = incident()
    data["interventions"][0]["start"] = "2024-03-01T10:05:00"
    converter, schema = codes_at(data)
    assert converter == {("value.naive-datetime", "/interventions/0/start")}
    assert schema == converter


def test_example_required_member_removed() -> None:
    data = incident()
    del data["interventions"][0]["type"]
    converter, schema = codes_at(data)
    assert converter == {("field.required", "/interventions/0/type")}
    assert schema == {("field.required", "/interventions/0/type")}


def test_example_missing_kind_is_reported_on_the_document() -> None:
    data = incident()
    del data["kind"]
    converter, schema = codes_at(data)
    assert converter == {("document.kind-missing", "")}
    assert schema == {("field.required", "/kind")}


def test_example_unknown_field_and_code() -> None:
    data = incident()
    data["patient"]["shoe_size"] = 9
    data["interventions"][0]["type"] = "02"  # MHSDS codes 02 and 03 are not valid
    converter, schema = codes_at(data)
    expected = {
        ("field.unknown", "/patient/shoe_size"),
        ("value.unknown-code", "/interventions/0/type"),
    }
    assert converter == expected
    assert schema == expected


def test_example_wrong_json_types() -> None:
    data = incident()
    data["negligible"] = "yes"
    data["organisation_id"] = 1
    converter, schema = codes_at(data)
    expected = {("value.type", "/negligible"), ("value.type", "/organisation_id")}
    assert converter == expected
    assert schema == expected


@FAST
@given(near_misses("incident", breaks=["nhs-check-digit", "order"]))
def test_semantic_near_misses_of_incidents_pass_the_schema(near_miss: NearMiss) -> None:
    assert not near_miss.schema_detects
    problems = load_problems(near_miss.data)
    assert problems is not None
    assert {p.pointer for p in problems} == {near_miss.pointer}
    assert validate(near_miss.data, "incident") == []


# --- known bugs, as strict xfails: each passes once the bug is fixed ---------------------


def training_event() -> dict[str, Any]:
    return {
        "kind": "training-event",
        "schema_version": "1.0",
        "id": "ev-1",
        "course_id": "c-1",
        "course_version": "1",
        "provider_id": "p-1",
        "commissioning_organisation_id": "o-1",
        "delivery_model": "provider-delivered",
        "start_date": "2024-01-01",
        "end_date": "2024-01-02",
        "setting": "mental-health-inpatient",
        "trainer_ids": ["t-1"],
    }


def test_bug_1_bad_identifier_in_trainer_ids_is_rejected_by_the_converter() -> None:
    """Identifiers inside arrays are checked by the converter, as by the schema."""
    data = training_event()
    data["trainer_ids"] = ["-not an id"]
    assert validate(data, "training-event") != []
    with pytest.raises(DocumentError):
        load(data)


def test_bug_2_negative_count_is_rejected_by_the_schema() -> None:
    """Counts the model requires to be non-negative carry minimum 0 in the schema."""
    data = training_event()
    evaluation = {
        "kind": "evaluation",
        "schema_version": "1.0",
        "id": "e-1",
        "training_event_id": data["id"],
        "completed_on": "2024-01-03",
        "methods": ["learner-feedback"],
        "level": "1-reaction",
        "respondents": -1,
    }
    with pytest.raises(DocumentError):
        load(evaluation)
    assert validate(evaluation, "evaluation") != []


def test_bug_3_impossible_date_time_is_rejected_by_the_schema() -> None:
    """Impossible date-times are refused by the schema, not only by the converter."""
    data = incident()
    data["start"] = "2024-02-30T10:00:00+01:00"
    with pytest.raises(DocumentError):
        load(data)
    assert validate(data, "incident") != []


def test_bug_4_null_for_an_optional_member_is_treated_alike() -> None:
    """Null for an optional member is refused by both the schema and the converter."""
    data = incident()
    data["unit_id"] = None
    schema_rejects = validate(data, "incident") != []
    converter_rejects = load_problems(data) is not None
    assert schema_rejects == converter_rejects


def test_bug_5_identifier_with_trailing_newline_is_rejected() -> None:
    """A trailing newline does not slip past a pattern's end anchor in Python."""
    data = incident()
    data["organisation_id"] = "org-1\n"
    assert load_problems(data) is not None
    assert validate(data, "incident") != []


def test_bug_6_naive_vital_signs_observation_is_refused_by_the_model() -> None:
    """The model refuses naive date-times inside arrays too."""
    start = dt.datetime(2024, 3, 1, 10, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError, match="UTC offset"):
        Intervention(
            id=Identifier("r1"),
            type=InterventionType.SECLUSION,
            start=start,
            vital_signs_observations=(dt.datetime(2024, 3, 1, 11),),
        )


def test_bug_7_integral_number_for_an_integer_is_treated_alike() -> None:
    """An integral number such as 3.0 is an integer to both schema and converter."""
    data = training_event()
    evaluation = {
        "kind": "evaluation",
        "schema_version": "1.0",
        "id": "e-1",
        "training_event_id": data["id"],
        "completed_on": "2024-01-03",
        "methods": ["learner-feedback"],
        "level": "1-reaction",
        "respondents": 3.0,
    }
    schema_rejects = validate(evaluation, "evaluation") != []
    converter_rejects = load_problems(evaluation) is not None
    assert schema_rejects == converter_rejects
