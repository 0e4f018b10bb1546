"""The report's JSON Schema is generated from the report classes' field metadata (issue 15)."""

import datetime as dt

import attrs
import pytest

from rrnkit._internal.fields import description_of, doc, schema_extras
from rrnkit.problems import Problem
from rrnkit.report import InputFile, Report, RuleSummary, report_schema
from rrnkit.report._schema import _SHAPES, _Builder, _Group, _Written
from rrnkit.rules import Result

DESCRIBED = [Report, Result, RuleSummary, Problem, InputFile]


@pytest.mark.parametrize("cls", DESCRIBED, ids=lambda c: c.__name__)
def test_every_report_field_has_a_description(cls: type) -> None:
    missing = [f.name for f in attrs.fields(cls) if not description_of(f)]
    assert not missing, f"{cls.__name__}: give these fields metadata=doc(...): {missing}"


def _placements(cls: type) -> dict[str, tuple[str, ...]]:
    """Where each field of ``cls`` is written in the JSON form, as a path of keys."""
    shape = _SHAPES.get(cls)
    where: dict[str, tuple[str, ...]] = {}
    for key in shape.keys if shape else ():
        if isinstance(key, str):
            where[key] = (key,)
        elif isinstance(key, _Group):
            where.update({name: (key.key, k) for k, name in key.members.items()})
        elif isinstance(key, _Written):
            where.update(dict.fromkeys(key.consumes, ()))  # written out, not mapped
    return where


@pytest.mark.parametrize("cls", DESCRIBED, ids=lambda c: c.__name__)
def test_each_mapped_field_brings_its_description_and_keywords(cls: type) -> None:
    schema = report_schema()
    shape = _SHAPES.get(cls)
    node = schema if cls is Report else schema["$defs"][shape.name if shape else cls.__name__]
    placements = _placements(cls)
    for field in attrs.fields(cls):
        path = placements.get(field.name, (field.name,))
        if not path:
            continue
        prop = node
        for key in path:
            prop = prop["properties"][key]
        assert prop["description"] == description_of(field)
        assert schema_extras(field).items() <= prop.items()


def test_a_new_field_reaches_the_schema_without_editing_it() -> None:
    @attrs.frozen(kw_only=True)
    class Located(Problem):
        """A problem with a hint."""

        hint: str | None = attrs.field(
            default=None, metadata=doc("What might fix it, or null.", minLength=1)
        )
        seen: dt.date = attrs.field(factory=dt.date.today, metadata=doc("When it was seen."))

    schema = _Builder().object_schema(Located)
    assert list(schema["properties"])[-2:] == ["hint", "seen"]
    assert schema["required"] == list(schema["properties"])
    assert schema["properties"]["hint"] == {
        "type": ["string", "null"],
        "minLength": 1,
        "description": "What might fix it, or null.",
    }
    assert schema["properties"]["seen"]["format"] == "date"
    assert schema["description"] == "A problem with a hint."


def test_a_field_without_a_description_stops_the_generator() -> None:
    @attrs.frozen
    class Undescribed:
        """Something written in a report."""

        size: int

    with pytest.raises(ValueError, match=r"Undescribed\.size has no description"):
        _Builder().object_schema(Undescribed)


def test_the_shapes_place_only_real_fields_once() -> None:
    for cls in _SHAPES:
        _Builder().object_schema(cls)  # raises on an unknown or twice-placed field


def test_report_schema_is_a_fresh_copy() -> None:
    schema = report_schema()
    schema["properties"].clear()
    assert report_schema()["properties"]
