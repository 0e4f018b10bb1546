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
    "FieldTypeProblem",
    "constrained",
    "description_of",
    "doc",
    "is_sensitive",
    "portable_regex",
    "schema_extras",
]


class FieldProblem(ValueError):
    """A value failed a model constraint; carries a stable code, never the value.

    Shown as ``Class.field: message`` (``Intervention.start: has no UTC
    offset``) once the class is known: every model field's validators name it.
    """

    def __init__(self, field: str, code: str, message: str, owner: str | None = None) -> None:
        """Record which field broke which constraint, in words safe to show."""
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message
        self.owner = owner

    def __str__(self) -> str:
        """Name the class and the field, then what is wrong (never the value)."""
        where = self.field if self.owner is None else f"{self.owner}.{self.field}"
        return f"{where}: {self.message}"


class FieldTypeProblem(FieldProblem, TypeError):
    """A value built in code has another Python type than its field declares.

    Both a :class:`FieldProblem` and a ``TypeError``, so either ``except`` catches it.
    """


@attrs.frozen(repr=False)
class _Owned:
    """Attrs validator: run a field's validators, naming the class in what they raise."""

    _validators: tuple[Any, ...]  # the name introspection reads to find the validators inside

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Run each validator in turn; a problem raised names the instance's class."""
        try:
            for validator in self._validators:
                validator(instance, attribute, value)
        except FieldProblem as problem:
            if problem.owner is None:
                problem.owner = type(instance).__name__
            raise

    def __repr__(self) -> str:
        """Show the validators inside."""
        return f"validators({', '.join(map(repr, self._validators))})"


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

    Each field first checks the Python type of what it is given
    (:mod:`rrnkit.model._typecheck`), then runs its own validators and its
    declared schema constraints; whatever fails names the class and the field.
    Sensitive values are hidden from ``repr`` so that a logged object never
    shows them.
    """
    from rrnkit.model._typecheck import OfType

    result = []
    for field in fields:
        if not getattr(field, "inherited", False):
            checks: list[Any] = [OfType(field.name)]
            if field.validator is not None:
                checks.append(field.validator)
            schema = schema_extras(field)
            if schema:
                checks.append(_constraint_validator(field.name, schema))
            field = field.evolve(validator=_Owned(tuple(checks)))
            if is_sensitive(field):
                field = field.evolve(repr=_redacted)
        result.append(field)
    return result
