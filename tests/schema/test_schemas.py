import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from rrnkit.model import KINDS
from rrnkit.schema import render, schema_for, validate

SCHEMAS = Path(__file__).parents[2] / "schemas"


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_matches_the_model(kind: str) -> None:
    committed = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == render(kind), "regenerate with: rrnkit schema export schemas"


def test_no_stray_schema_files() -> None:
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(
        [*(f"{k}.schema.json" for k in KINDS), "report.schema.json"]
    )


def _walk(node: Any) -> Any:
    """Yield every subschema, knowing which keywords hold schemas (not their names)."""
    if not isinstance(node, dict):
        return
    yield node
    for keyword in ("properties", "$defs"):
        for child in node.get(keyword, {}).values():
            yield from _walk(child)
    for keyword in ("items", "additionalProperties", "propertyNames", "if", "then"):
        yield from _walk(node.get(keyword))
    for child in node.get("allOf", []):
        yield from _walk(child)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_2020_12_with_a_versioned_id(kind: str) -> None:
    schema = schema_for(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/1.0/{kind}.schema.json")


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_a_description(kind: str) -> None:
    for node in _walk(schema_for(kind)):
        for name, prop in node.get("properties", {}).items():
            assert prop.get("description"), f"{kind}: property {name} has no description"


STANDARD_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "title", "description", "type", "properties",
    "required", "additionalProperties", "items", "enum", "const", "pattern", "format",
    "minLength", "maxLength", "minimum", "maximum", "minItems", "propertyNames",
    "allOf", "if", "then",
}  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_only_portable_keywords_and_patterns(kind: str) -> None:
    for node in _walk(schema_for(kind)):
        assert set(node) <= STANDARD_KEYWORDS, set(node) - STANDARD_KEYWORDS
        if "pattern" in node:
            assert "\\d" not in node["pattern"]  # \d means Unicode digits in Python
        if "format" in node:
            assert node["format"] in {"date", "date-time"}


def test_schema_refuses_what_the_converter_refuses(incident: dict[str, Any]) -> None:
    incident["interventions"][0]["type"] = "02"
    incident["start"] = "2026-03-04T14:05:00"
    incident["surprise"] = True
    assert [(p.pointer, p.code) for p in validate(incident, "incident")] == [
        ("/interventions/0/type", "value.unknown-code"),
        ("/start", "value.datetime"),
        ("/surprise", "field.unknown"),
    ]


def test_schema_messages_never_echo_values(incident: dict[str, Any]) -> None:
    incident["patient"]["nhs_number"] = "SENTINEL-4417"
    incident["patient"]["name"] = ["SENTINEL-4417"]
    text = json.dumps([p.message for p in validate(incident, "incident")])
    assert "SENTINEL" not in text
