"""The published JSON Schemas (2020-12) and validation against them.

Schemas are generated from the model at first use (the committed files under
``schemas/`` are the same documents, checked by a test), so an installed
package validates without the source checkout and never reads or fetches
anything: every ``$ref`` is internal to its document.

:func:`build_validator` is the one way rrnkit builds a validator, for the
document schemas here and for the report's schema (``rrnkit.report``), so
every schema is checked with the same formats and pattern dialect.

:func:`fast_validator` is the fast path for valid records (a compiled
validator, jsonschema-rs, when installed); it and :func:`compiled_backend`
load on first use, so importing this package does not load the accelerator.
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import jsonschema
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from rrnkit._internal.patterns import portable_regex
from rrnkit._internal.strict import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    json_type_name,
    structure_date,
    structure_datetime,
)
from rrnkit.model import KINDS
from rrnkit.model.values import IDENTIFIER_PATTERN, NHS_NUMBER_PATTERN
from rrnkit.problems import Problem, join_pointer
from rrnkit.schema._generate import DIALECT, generate_schema, scalar_schema, schema_id

if TYPE_CHECKING:
    from rrnkit.schema._fast import compiled_backend, fast_validator

__all__ = [
    "DIALECT",
    "KINDS",
    "build_validator",
    "compiled_backend",
    "fast_validator",
    "render",
    "scalar_schema",
    "schema_for",
    "schema_id",
    "validate",
    "validator_for",
]


@functools.cache
def _cached_schema(kind: str) -> str:
    return json.dumps(generate_schema(kind))


def schema_for(kind: str) -> dict[str, Any]:
    """Return (a fresh copy of) the JSON Schema of a document kind."""
    if kind not in KINDS:
        raise KeyError(f"unknown document kind {kind!r}")
    result: dict[str, Any] = json.loads(_cached_schema(kind))
    return result


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """Check ``pattern`` with ECMA-262's end anchor (see ``portable_regex``)."""
    if validator.is_type(instance, "string") and not portable_regex(pattern).search(instance):
        yield ValidationError("does not match the pattern")


_FORMATS = jsonschema.FormatChecker(formats=())
_FORMATS.checks("date", raises=ValueError)(
    lambda value: _checked(structure_date, DATE_PATTERN, value)
)
_FORMATS.checks("date-time", raises=ValueError)(
    lambda value: _checked(structure_datetime, DATETIME_PATTERN, value)
)

_Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, validators={"pattern": _pattern}
)


def _checked(structure: Any, pattern: str, value: Any) -> bool:
    """Run the converter's own date check, so schema and converter agree.

    A value not of the written form is left to the ``pattern`` keyword, so
    each problem is reported once.
    """
    if isinstance(value, str) and portable_regex(pattern).match(value):
        structure(value, None)
    return True


def build_validator(schema: Mapping[str, Any]) -> Validator:
    """Return a Draft 2020-12 validator of ``schema``, configured as rrnkit checks every schema.

    It checks the ``date`` and ``date-time`` formats with the converter's own
    rules (real calendar dates, a UTC offset) and matches patterns as ECMA-262
    does (a final ``$`` is the very end), so it agrees with validators in
    other languages. The schema is trusted, not checked: rrnkit's own.
    """
    validator: Validator = _Validator(schema, format_checker=_FORMATS)
    return validator


@functools.cache
def validator_for(kind: str) -> Validator:
    """Return the validator of a kind's schema (see :func:`build_validator`)."""
    return build_validator(schema_for(kind))


_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "array": "an array",
    "object": "an object",
    "null": "null",
}


_FORMAT_WORDS = {
    "date": ("value.date", "is not a real calendar date"),
    "date-time": ("value.datetime", "is not a real date and time"),
}
_PATTERN_WORDS = {
    DATE_PATTERN: ("value.date", "is not a date written YYYY-MM-DD"),
    DATETIME_PATTERN: ("value.datetime", "is not an RFC 3339 date-time with a UTC offset"),
    IDENTIFIER_PATTERN: ("value.identifier", "is not a valid identifier"),
    NHS_NUMBER_PATTERN: ("value.nhs-number", "is not a valid NHS number (ten digits)"),
}


def _problems_of(error: ValidationError) -> list[Problem]:
    """Translate one schema error into problems whose messages never echo the value."""
    pointer = join_pointer("", *error.absolute_path)
    keyword = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    subschema: Any = error.schema
    if keyword == "required":
        missing = [name for name in value if name not in instance]
        return [
            Problem(code="field.required", message="is required", pointer=join_pointer(pointer, n))
            for n in missing
        ]
    if keyword == "additionalProperties":
        allowed = subschema.get("properties", {})
        extra = sorted(k for k in instance if k not in allowed)
        return [
            Problem(
                code="field.unknown",
                message="is not a field here",
                pointer=join_pointer(pointer, k),
            )
            for k in extra
        ]
    if keyword == "type":
        expected = _TYPE_WORDS.get(str(value), str(value))
        message = f"expected {expected}, found {json_type_name(error.instance)}"
        return [Problem(code="value.type", message=message, pointer=pointer)]
    messages = {
        "enum": ("value.unknown-code", "is not one of the allowed codes"),
        "const": ("value.const", f"must be {json.dumps(value)}"),
        "pattern": ("value.pattern", "does not have the required form"),
        "format": _FORMAT_WORDS.get(str(value), ("value.format", f"is not a valid {value}")),
        "minLength": ("value.too-short", f"is shorter than {value}"),
        "maxLength": ("value.too-long", f"is longer than {value}"),
        "minimum": ("value.below-minimum", f"is less than {value}"),
        "maximum": ("value.above-maximum", f"is more than {value}"),
        "minItems": ("value.too-few-items", f"has fewer than {value} items"),
        "propertyNames": ("value.extension-namespace", "has a key that is not a dotted namespace"),
    }
    if keyword == "pattern" and value in _PATTERN_WORDS:
        code, message = _PATTERN_WORDS[value]
        return [Problem(code=code, message=message, pointer=pointer)]
    code, message = messages.get(str(keyword), ("value.invalid", f"fails the schema's {keyword}"))
    return [Problem(code=code, message=message, pointer=pointer)]


def validate(data: Any, kind: str) -> list[Problem]:
    """Validate JSON data against a kind's schema; return every problem, in document order."""
    problems: list[Problem] = []
    for error in validator_for(kind).iter_errors(data):
        problems.extend(_problems_of(error))
    # jsonschema reports each missing member once per member; keep each problem once.
    return sorted(dict.fromkeys(problems), key=lambda p: p.pointer)


def render(kind: str) -> str:
    """Return a kind's schema as the exact text committed under ``schemas/``."""
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


_LAZY = {"compiled_backend", "fast_validator"}


def __getattr__(name: str) -> Any:
    """Load the fast path (and its compiled validator) on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'rrnkit.schema' has no attribute {name!r}")
    return getattr(importlib.import_module("rrnkit.schema._fast"), name)
