"""Field metadata shared by every model class, and the constraints it declares.

The metadata convention itself lives in ``rrnkit._internal.fields`` (shared
with ``rrnkit.problems`` and the report classes, which sit outside the model).
Each field carries a ``description`` (copied into the published JSON Schema),
may be marked ``sensitive`` (identifies a person or holds free text, so its
value is never echoed in a message, report, log or exception) and may carry
extra JSON Schema constraints (``minLength``, ``minimum``, ...) that the schema
generator copies verbatim.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from rrnkit._internal.fields import (
    DESCRIPTION,
    SCHEMA,
    SENSITIVE,
    description_of,
    doc,
    is_sensitive,
    schema_extras,
)
from rrnkit._internal.patterns import portable_regex

__all__ = [
    "DESCRIPTION",
    "SCHEMA",
    "SENSITIVE",
    "FieldProblem",
    "constrained",
    "description_of",
    "doc",
    "is_sensitive",
    "portable_regex",
    "schema_extras",
]


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
