"""Field metadata shared by every model class.

Each field carries a ``description`` (copied into the published JSON Schema),
may be marked ``sensitive`` (identifies a person or holds free text, so its
value is never echoed in a message, report, log or exception) and may carry
extra JSON Schema constraints (``minLength``, ``minimum``, ...) that the schema
generator copies verbatim.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import attrs

DESCRIPTION = "rrnkit.description"
SENSITIVE = "rrnkit.sensitive"
SCHEMA = "rrnkit.schema"


@functools.cache
def portable_regex(pattern: str) -> re.Pattern[str]:
    r"""Compile a schema pattern so Python matches it as ECMA-262 and RE2 validators do.

    In Python a final ``$`` also matches before a trailing newline; in the JSON
    Schema regex dialect it matches only at the end, so it becomes ``\Z``.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + "\\Z"
    return re.compile(pattern)


def doc(description: str, *, sensitive: bool = False, **schema: Any) -> dict[str, Any]:
    """Build field metadata: a description, the sensitive mark, schema constraints."""
    meta: dict[str, Any] = {DESCRIPTION: description, SENSITIVE: sensitive}
    if schema:
        meta[SCHEMA] = schema
    return meta


def is_sensitive(field: attrs.Attribute[Any]) -> bool:
    """Tell whether a field's value must never be echoed."""
    return bool(field.metadata.get(SENSITIVE, False))


def description_of(field: attrs.Attribute[Any]) -> str:
    """Return a field's description (empty when none was given)."""
    return str(field.metadata.get(DESCRIPTION, ""))


def schema_extras(field: attrs.Attribute[Any]) -> Mapping[str, Any]:
    """Return extra JSON Schema keywords declared on a field."""
    extras: Mapping[str, Any] = field.metadata.get(SCHEMA, {})
    return extras


class FieldProblem(ValueError):
    """A value failed a model constraint; carries a stable code, never the value."""

    def __init__(self, field: str, code: str, message: str) -> None:
        """Record which field broke which constraint, in words safe to show."""
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message


def _constraint_validator(name: str, schema: Mapping[str, Any]) -> Any:
    """Build one attrs validator enforcing the JSON Schema keywords a field declares.

    The schema generator copies the same keywords into the published schema, so
    the model and the schema enforce one set of constraints.
    """
    min_length = schema.get("minLength")
    max_length = schema.get("maxLength")
    pattern = portable_regex(schema["pattern"]) if "pattern" in schema else None
    minimum = schema.get("minimum")
    maximum = schema.get("maximum")
    min_items = schema.get("minItems")

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, str):
            if min_length is not None and len(value) < min_length:
                raise FieldProblem(name, "value.too-short", f"is shorter than {min_length}")
            if max_length is not None and len(value) > max_length:
                raise FieldProblem(name, "value.too-long", f"is longer than {max_length}")
            if pattern is not None and not pattern.search(value):
                raise FieldProblem(name, "value.pattern", "does not have the required form")
        elif isinstance(value, tuple):
            if min_items is not None and len(value) < min_items:
                raise FieldProblem(name, "value.too-few-items", f"has fewer than {min_items} items")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if minimum is not None and value < minimum:
                raise FieldProblem(name, "value.below-minimum", f"is less than {minimum}")
            if maximum is not None and value > maximum:
                raise FieldProblem(name, "value.above-maximum", f"is more than {maximum}")

    check.__qualname__ = f"constraints({name!r})"
    return check


def _redacted(value: Any) -> str:
    return "None" if value is None else "'<redacted>'"


def constrained(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """Attrs field transformer applied to every model class.

    It enforces each field's declared schema constraints, and hides sensitive
    values from ``repr`` so that a logged object never shows them.
    """
    result = []
    for field in fields:
        if not getattr(field, "inherited", False):
            schema = schema_extras(field)
            if schema:
                extra = _constraint_validator(field.name, schema)
                validator = (
                    attrs.validators.and_(field.validator, extra) if field.validator else extra
                )
                field = field.evolve(validator=validator)
            if is_sensitive(field):
                field = field.evolve(repr=_redacted)
        result.append(field)
    return result
