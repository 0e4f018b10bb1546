import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from rrnkit.model import KINDS
from rrnkit.report import render_report_schema, report_schema
from rrnkit.schema import build_validator, render, schema_for, validate, validator_for

SCHEMAS = Path(__file__).parents[2] / "schemas"

PUBLISHED = [*KINDS, "report"]
"""Every committed schema: one per document kind, and the JSON report's."""


def _published(name: str) -> dict[str, Any]:
    return report_schema() if name == "report" else schema_for(name)


def _rendered(name: str) -> str:
    return render_report_schema() if name == "report" else render(name)


@pytest.mark.parametrize("name", PUBLISHED)
def test_committed_schema_matches_what_the_code_generates(name: str) -> None:
    committed = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == _rendered(name), "regenerate with: rrnkit schema export schemas"


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


@pytest.mark.parametrize("name", PUBLISHED)
def test_schema_is_valid_2020_12_with_a_versioned_id(name: str) -> None:
    schema = _published(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/1.0/{name}.schema.json")


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_property_has_a_description(name: str) -> None:
    for node in _walk(_published(name)):
        for prop_name, prop in node.get("properties", {}).items():
            assert prop.get("description"), f"{name}: property {prop_name} has no description"


STANDARD_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "title", "description", "type", "properties",
    "required", "additionalProperties", "items", "enum", "const", "pattern", "format",
    "minLength", "maxLength", "minimum", "maximum", "minItems", "propertyNames",
    "allOf", "if", "then",
}  # fmt: skip


@pytest.mark.parametrize("name", PUBLISHED)
def test_only_portable_keywords_and_patterns(name: str) -> None:
    for node in _walk(_published(name)):
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
        ("/start", "value.naive-datetime"),
        ("/surprise", "field.unknown"),
    ]


def test_schema_messages_never_echo_values(incident: dict[str, Any]) -> None:
    incident["patient"]["nhs_number"] = "SENTINEL-4417"
    incident["patient"]["name"] = ["SENTINEL-4417"]
    text = json.dumps([p.message for p in validate(incident, "incident")])
    assert "SENTINEL" not in text


# --------------------------------------------------------------------------- the validator


def test_one_validator_factory_checks_formats_and_ecma_patterns() -> None:
    dates = build_validator({"type": "string", "format": "date"})
    assert dates.is_valid("2026-02-28")
    assert not dates.is_valid("2026-02-30")  # the converter's own date rule
    times = build_validator({"type": "string", "format": "date-time"})
    assert times.is_valid("2026-02-28T10:00:00Z")
    assert not times.is_valid("2026-02-29T10:00:00Z")  # 2026 is not a leap year
    anchored = build_validator({"type": "string", "pattern": "^a$"})
    assert anchored.is_valid("a")
    assert not anchored.is_valid("a\n")  # a final $ is the very end, as in ECMA-262


def test_kind_validators_come_from_the_factory(incident: dict[str, Any]) -> None:
    assert type(validator_for("incident")) is type(build_validator(schema_for("incident")))
    assert validator_for("incident").is_valid(incident)
