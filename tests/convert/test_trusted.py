"""The trusted structurer builds exactly what the strict converter builds from valid data."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit.convert import converter, load_checked
from rrnkit.convert._trusted import structurer
from rrnkit.model import DOCUMENT_TYPES, Bundle, Incident
from rrnkit.problems import DocumentError
from rrnkit.strategies import document_data

KINDS = sorted(kind for kind in DOCUMENT_TYPES if kind != "bundle")
_UTC_TIME = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)\+00:00$")


def same(a: Any, b: Any) -> bool:
    """Equal value for value *and* type for type (1 == 1.0 and offsets do not pass)."""
    if type(a) is not type(b):
        return False
    if attrs.has(type(a)):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in attrs.fields(type(a)))
    if isinstance(a, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dt.datetime):
        return a.isoformat() == b.isoformat()
    return bool(a == b)


def respell(value: Any, spell: st.DataObject) -> Any:
    """Write values in other forms JSON allows: ``Z`` for UTC, 3 for 3.0 and back."""
    if isinstance(value, dict):
        return {k: respell(v, spell) for k, v in value.items()}
    if isinstance(value, list):
        return [respell(v, spell) for v in value]
    if isinstance(value, str):
        match = _UTC_TIME.match(value)
        if match is not None:
            return match.group(1) + spell.draw(st.sampled_from(["+00:00", "Z", "z", "-00:00"]))
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        return int(value) if spell.draw(st.booleans()) else value
    return value


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=40)
@given(data=st.data())
def test_trusted_structuring_equals_the_strict_converter(kind: str, data: st.DataObject) -> None:
    document = respell(data.draw(document_data(kind)), data)
    expected = converter.structure(document, DOCUMENT_TYPES[kind])
    built = structurer(DOCUMENT_TYPES[kind])(document)
    assert same(built, expected)
    assert built == expected
    assert hash(built) == hash(expected)


def test_every_field_is_set_even_when_absent(incident: dict[str, Any]) -> None:
    built = structurer(Incident)(incident)
    for field in attrs.fields(Incident):
        getattr(built, field.name)  # an unset slot would raise AttributeError
    assert built.extensions == {}
    assert built.extensions is not structurer(Incident)(incident).extensions  # a fresh factory


def test_bundles_are_left_to_the_converter() -> None:
    with pytest.raises(TypeError):
        structurer(Bundle)


def test_data_that_is_not_valid_after_all_goes_to_the_strict_path(
    incident: dict[str, Any],
) -> None:
    del incident["id"]
    with pytest.raises(DocumentError) as info:
        load_checked(incident)
    assert [p.pointer for p in info.value.problems] == ["/id"]


def test_classes_without_slots_are_built_too() -> None:
    """Model classes are slotted (fields set through their descriptors); others still work."""

    @attrs.frozen(slots=False)
    class Plain:
        when: dt.date
        note: str = "none"

    built = structurer(Plain)({"when": "2026-11-28"})
    assert same(built, Plain(when=dt.date(2026, 11, 28)))
