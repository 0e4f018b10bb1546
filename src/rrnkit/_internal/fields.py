"""The field-metadata convention every described attrs class follows.

A field's metadata may hold a ``description`` (copied into the published JSON
Schema), a ``sensitive`` mark (the value identifies a person or holds free
text, so it is never echoed) and extra JSON Schema keywords (``minLength``,
``pattern``, ...) that schema generators copy verbatim. The model's document
classes, the report classes and ``Problem`` all follow it, so one convention
describes every published schema; this module imports nothing of rrnkit's, so
the bottom layer (``rrnkit.problems``) can use it without the model.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = [
    "DESCRIPTION",
    "SCHEMA",
    "SENSITIVE",
    "description_of",
    "doc",
    "is_sensitive",
    "schema_extras",
    "summary_of",
]

DESCRIPTION = "rrnkit.description"
"""Metadata key of a field's description."""
SENSITIVE = "rrnkit.sensitive"
"""Metadata key of the mark on a field whose value must never be echoed."""
SCHEMA = "rrnkit.schema"
"""Metadata key of a field's extra JSON Schema keywords."""


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


def summary_of(obj: Any) -> str:
    """Return the first paragraph of ``obj``'s docstring on one line (a schema description)."""
    text = inspect.getdoc(obj) or ""
    return " ".join(text.split("\n\n")[0].split())
