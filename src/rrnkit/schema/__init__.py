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

from rrnkit._internal.patterns import EXTENSION_NAMESPACE_PATTERN, portable_regex
from rrnkit._internal.required import required_message
from rrnkit._internal.strict import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    EXPECTED_CODE,
    EXPECTED_DATE,
    EXPECTED_DATETIME,
    ValueProblem,
    const_message,
    json_type_name,
    structure_date,
    structure_datetime,
    unknown_code_message,
    unknown_field_message,
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
    "date": EXPECTED_DATE,
    "date-time": EXPECTED_DATETIME,
}
# Dates and date-times are judged by the converter's own functions, so the schema
# names a problem as the converter does (a naive date-time is value.naive-datetime).
_STRUCTURE = {DATE_PATTERN: structure_date, DATETIME_PATTERN: structure_datetime}
_PATTERN_WORDS = {
    IDENTIFIER_PATTERN: ("value.identifier", "is not a valid identifier"),
    NHS_NUMBER_PATTERN: (
        "value.nhs-number",
        "is not a valid NHS number (ten digits with a modulus-11 check digit)",
    ),
    EXTENSION_NAMESPACE_PATTERN: (
        "value.extension-namespace",
        "has a key that is not a dotted namespace such as 'org.example'",
    ),
}


_KEYWORD_WORDS = {
    "pattern": ("value.pattern", "does not have the required form"),
    "minLength": ("value.too-short", "is shorter than {value}"),
    "maxLength": ("value.too-long", "is longer than {value}"),
    "minimum": ("value.below-minimum", "is less than {value}"),
    "maximum": ("value.above-maximum", "is more than {value}"),
    "minItems": ("value.too-few-items", "has fewer than {value} items"),
}
"""Code and message template of each other keyword (``{value}``: the keyword's own value)."""


def _expected(type_name: str, subschema: Any) -> str:
    """Name the JSON a value should be, in the converter's words (a code, a date...)."""
    if isinstance(subschema, Mapping):
        if "enum" in subschema:
            return EXPECTED_CODE
        if subschema.get("format") in _FORMAT_WORDS:
            return _FORMAT_WORDS[subschema["format"]]
    return _TYPE_WORDS.get(type_name, type_name)


def _judged(structure: Any, instance: Any) -> tuple[str, str] | None:
    """Return the code and message the converter gives a date or date-time, if any."""
    try:
        structure(instance, None)
    except ValueProblem as problem:
        return problem.code, problem.message
    return None


def _problems_of(error: ValidationError) -> list[Problem]:
    """Translate one schema error into problems whose messages never echo the value.

    Each problem gets the code and message the converter gives the same value,
    so ``rrnkit.validate`` and :func:`rrnkit.convert.load` report it alike.
    """
    pointer = join_pointer("", *error.absolute_path)
    keyword = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    subschema: Any = error.schema
    if keyword == "required":
        missing = [name for name in value if name not in instance]
        pointers = [join_pointer(pointer, n) for n in missing]
        return [
            Problem(code="field.required", message=required_message(p), pointer=p) for p in pointers
        ]
    if keyword == "additionalProperties":
        allowed = subschema.get("properties", {})
        extra = sorted(k for k in instance if k not in allowed)
        return [
            Problem(
                code="field.unknown",
                message=unknown_field_message(k, allowed),
                pointer=join_pointer(pointer, k),
            )
            for k in extra
        ]
    if keyword == "type":
        expected = _expected(str(value), subschema)
        message = f"expected {expected}, found {json_type_name(error.instance)}"
        return [Problem(code="value.type", message=message, pointer=pointer)]
    if keyword == "pattern" and value in _STRUCTURE:
        judged = _judged(_STRUCTURE[value], instance)
        if judged is not None:
            return [Problem(code=judged[0], message=judged[1], pointer=pointer)]
    if keyword == "format" and isinstance(error.cause, ValueProblem):
        return [Problem(code=error.cause.code, message=error.cause.message, pointer=pointer)]
    if keyword == "pattern" and value in _PATTERN_WORDS:
        code, message = _PATTERN_WORDS[value]
        return [Problem(code=code, message=message, pointer=pointer)]
    if keyword == "enum":
        code, message = "value.unknown-code", unknown_code_message(str(v) for v in value)
    elif keyword == "const":
        code, message = "value.const", const_message([value])
    else:
        code, template = _KEYWORD_WORDS.get(
            str(keyword), ("value.invalid", "fails the schema's {keyword}")
        )
        message = template.format(value=value, keyword=keyword)
    return [Problem(code=code, message=message, pointer=pointer)]


def _after_wrong_types(problems: list[Problem]) -> list[Problem]:
    """Drop what else a value of the wrong JSON type fails (a code not a string is no code).

    JSON Schema checks every keyword; the converter stops at the type, so
    reporting the type alone keeps one problem, and one code, per value.
    """
    wrong = {p.pointer for p in problems if p.code == "value.type"}
    if not wrong:
        return problems
    return [
        p
        for p in problems
        if p.code == "value.type" or p.pointer not in wrong or not p.code.startswith("value.")
    ]


def validate(data: Any, kind: str) -> list[Problem]:
    """Validate JSON data against a kind's schema; return every problem, in document order.

    Each problem has the code and message :func:`rrnkit.convert.load` gives
    the same mistake (the published catalogue, :mod:`rrnkit.problem_codes`,
    lists them all), one per value: a value of the wrong JSON type is reported
    as ``value.type`` alone. The envelope (``kind``, ``schema_version``) is
    checked here as the schema states it; ``load`` and ``rrnkit.validate``
    check it first, with the ``document.*`` codes.
    """
    problems: list[Problem] = []
    for error in validator_for(kind).iter_errors(data):
        problems.extend(_problems_of(error))
    # jsonschema reports each missing member once per member; keep each problem once.
    return sorted(_after_wrong_types(list(dict.fromkeys(problems))), key=lambda p: p.pointer)


def render(kind: str) -> str:
    """Return a kind's schema as the exact text committed under ``schemas/``."""
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


_LAZY = {"compiled_backend", "fast_validator"}


def __getattr__(name: str) -> Any:
    """Load the fast path (and its compiled validator) on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'rrnkit.schema' has no attribute {name!r}")
    return getattr(importlib.import_module("rrnkit.schema._fast"), name)
