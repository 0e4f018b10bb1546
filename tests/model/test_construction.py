"""Documents built in code: the constructor checks what the converter checks.

Each near miss (valid JSON data with one constraint broken) is built in code
as a developer would: JSON values turned into their Python types where they
can be, the broken value left as it is. Whatever the constructor accepts
must round-trip through JSON to an equal object and validate against the
published schema; whatever it refuses, the converter refuses too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rrnkit.convert import dump, load
from rrnkit.model import (
    DOCUMENT_TYPES,
    KINDS,
    FieldProblem,
    FieldTypeProblem,
    Incident,
    Injuries,
    Intervention,
    InterventionType,
    Patient,
)
from rrnkit.model import introspect as info
from rrnkit.problems import DocumentError
from rrnkit.schema import validator_for
from rrnkit.strategies import documents, near_misses

UTC = dt.timezone.utc
START = dt.datetime(2026, 3, 4, 14, 5, tzinfo=UTC)


def _naive(type_: Any, value: Any) -> Any:
    """Turn a JSON value into the Python value a developer would pass, if it can be."""
    type_ = info.strip_optional(type_)
    if value is None:
        return None
    try:
        if type_ is dt.datetime and isinstance(value, str):
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if type_ is dt.date and isinstance(value, str):
            return dt.date.fromisoformat(value)
        if info.is_enum(type_) and isinstance(value, str):
            return type_(value)
    except ValueError:
        return value  # not a date, or not a code: passed on as it is
    if info.is_homogeneous_tuple(type_) and isinstance(value, list):
        return tuple(_naive(info.item_type(type_), item) for item in value)
    if info.is_record_union(type_) and isinstance(value, dict):
        cls = DOCUMENT_TYPES.get(value.get("kind"))  # type: ignore[arg-type]
        return value if cls is None else built(cls, value)
    if attrs.has(type_) and isinstance(value, dict):
        return built(type_, value)
    return value


def built(cls: type, data: dict[str, Any]) -> Any:
    """Build ``cls`` from JSON data through its constructor, as code would."""
    known = {field.name: field for field in info.fields_of(cls)}
    arguments = {
        name: _naive(known[name].type, value) if name in known else value
        for name, value in data.items()
    }
    return cls(**arguments)


def _schema_problems(document: Any) -> list[str]:
    validator = validator_for(document.kind)
    return [error.message for error in validator.iter_errors(dump(document))]


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_what_the_constructor_refuses_the_converter_refuses_and_the_rest_round_trips(
    kind: str, data: st.DataObject
) -> None:
    miss = data.draw(near_misses(kind))
    cls = DOCUMENT_TYPES.get(miss.kind)
    if cls is None:
        return  # a kind that names no class: there is no constructor to call
    refused: Exception | None = None
    try:
        document = built(cls, miss.data)
    except (FieldProblem, TypeError, ValueError) as problem:
        refused = problem
    if refused is not None:
        with pytest.raises(DocumentError):
            load(miss.data)
        if isinstance(refused, FieldProblem):  # the message names the class and the field
            assert refused.owner is not None
            assert str(refused).startswith(f"{refused.owner}.{refused.field}: ")
        return
    assert _schema_problems(document) == []
    assert load(dump(document)) == document


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(KINDS).flatmap(documents))
def test_every_valid_document_builds_again_through_its_constructor(document: Any) -> None:
    again = built(type(document), dump(document))
    assert again == document
    assert hash(again) == hash(again)  # frozen all the way down: hashable


def _intervention(**changes: Any) -> dict[str, Any]:
    return {"id": "i1", "type": InterventionType.PHYSICAL_PRONE, "start": START, **changes}


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"type": "01"}, "type", "must be a member of InterventionType, not str"),
        ({"type": 1}, "type", "must be a member of InterventionType, not int"),
        ({"start": "2026-01-01T10:00:00+00:00"}, "start", "must be a datetime"),
        ({"start": dt.datetime(2026, 1, 1)}, "start", "has no UTC offset"),
        ({"start": dt.date(2026, 1, 1)}, "start", "not date"),
        ({"vital_signs_observations": [START]}, "vital_signs_observations", "pass tuple"),
        ({"vital_signs_observations": (START, "x")}, "vital_signs_observations", "item 1"),
        ({"monitoring_risks": ("01",)}, "monitoring_risks", "item 0 must be a member"),
        ({"in_care_plan": 1}, "in_care_plan", "must be True or False, not int"),
        ({"id": "not an id"}, "id", "is not a valid identifier"),
        ({"injuries": {"patient": True}}, "injuries", "must be a Injuries, not dict"),
        ({"end": START - dt.timedelta(minutes=1)}, "end", "is earlier than start"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_class_and_the_field(
    changes: dict[str, Any], field: str, says: str
) -> None:
    with pytest.raises(FieldProblem) as refused:
        Intervention(**_intervention(**changes))
    assert str(refused.value).startswith(f"Intervention.{field}: ")
    assert says in str(refused.value)


def test_a_wrong_type_is_also_a_type_error() -> None:
    with pytest.raises(TypeError):
        Intervention(**_intervention(type="01"))
    with pytest.raises(FieldTypeProblem) as refused:
        Intervention(**_intervention(in_care_plan="yes"))
    assert refused.value.code == "value.type"


def test_a_sensitive_value_is_never_shown() -> None:
    secret = "Sam Example told us about 1970-01-01"
    for changes in ({"description": 42}, {"description": ""}, {"pain_justification": b"x"}):
        with pytest.raises(FieldProblem) as refused:
            Intervention(**_intervention(**changes))
        assert secret not in str(refused.value)
    with pytest.raises(FieldProblem) as refused:
        Patient(name=(secret,))  # type: ignore[arg-type]
    assert secret not in str(refused.value)
    assert "Sam" not in repr(refused.value)


def test_a_code_converts_explicitly_and_an_unknown_code_is_refused() -> None:
    assert Intervention(**_intervention(type=InterventionType("01"))).type is (
        InterventionType.PHYSICAL_PRONE
    )
    with pytest.raises(ValueError, match="is not a valid InterventionType"):
        InterventionType("99")


def test_a_built_document_is_immutable_and_equal_after_a_round_trip() -> None:
    from samples import INCIDENT

    incident = load(INCIDENT)
    assert isinstance(incident, Incident)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        incident.id = "INC-2"  # type: ignore[misc]
    assert isinstance(incident.interventions, tuple)
    again = attrs.evolve(
        incident, interventions=(Intervention(**_intervention(injuries=Injuries(patient=True))),)
    )
    assert load(dump(again)) == again
    with pytest.raises(FieldTypeProblem, match=r"Incident\.interventions: .*pass tuple"):
        attrs.evolve(incident, interventions=[Intervention(**_intervention())])
