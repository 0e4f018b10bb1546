"""What the model says about its fields: types, declared constraints and validators.

The converter, the schema's fast path, the pseudonymiser, the MHSDS mapping and
the strategies read everything from here, so a field added to the model is
covered without touching them; only a new *kind* of constraint needs code.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
from collections.abc import Iterator, Mapping
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from rrnkit.model import DOCUMENT_TYPES, DocumentBase
from rrnkit.model._meta import schema_extras
from rrnkit.model.values import NotBefore

__all__ = [
    "ENVELOPE",
    "JSON_STRING_TYPES",
    "constraints",
    "document_class",
    "field_named",
    "fields_of",
    "is_document",
    "is_enum",
    "is_homogeneous_tuple",
    "is_literal",
    "is_mapping",
    "is_optional",
    "is_record_union",
    "is_required",
    "is_union",
    "item_type",
    "not_before_of",
    "order_pairs",
    "strip_optional",
    "validators",
]

ENVELOPE = ("kind", "schema_version")
"""Fields every document must write, though the model gives them defaults."""

JSON_STRING_TYPES: tuple[Any, ...] = (str, dt.date, dt.datetime)
"""Python types written as JSON strings (besides identifiers, NHS numbers and codes)."""


@functools.cache
def fields_of(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """Return an attrs class's fields with their annotations resolved to types."""
    return tuple(attrs.fields(attrs.resolve_types(cls)))


def field_named(cls: type, name: str) -> attrs.Attribute[Any]:
    """Return the field called ``name`` of an attrs class."""
    for field in fields_of(cls):
        if field.name == name:
            return field
    raise KeyError(name)


def is_union(type_: Any) -> bool:
    """Tell whether ``type_`` is a ``Union`` (either spelling)."""
    return get_origin(type_) in (Union, types.UnionType)


def is_optional(type_: Any) -> bool:
    """Tell whether ``type_`` admits ``None``."""
    return is_union(type_) and type(None) in get_args(type_)


def strip_optional(type_: Any) -> Any:
    """Return ``X`` for ``X | None``; any other type unchanged."""
    if not is_optional(type_):
        return type_
    rest = [arg for arg in get_args(type_) if arg is not type(None)]
    if len(rest) == 1:
        return rest[0]
    return Union[tuple(rest)]  # noqa: UP007 - built from a runtime tuple


def is_record_union(type_: Any) -> bool:
    """Tell whether ``type_`` is a union of document classes (a bundle member)."""
    args = get_args(type_)
    return is_union(type_) and bool(args) and all(attrs.has(a) for a in args)


def is_literal(type_: Any) -> bool:
    """Tell whether ``type_`` is a ``Literal``."""
    return get_origin(type_) is Literal


def is_enum(type_: Any) -> bool:
    """Tell whether ``type_`` is an enumeration of codes."""
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def is_homogeneous_tuple(type_: Any) -> bool:
    """Tell whether ``type_`` is ``tuple[X, ...]`` (a JSON array)."""
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def item_type(type_: Any) -> Any:
    """Return ``X`` for ``tuple[X, ...]``."""
    return get_args(type_)[0]


def is_mapping(type_: Any) -> bool:
    """Tell whether ``type_`` is a ``dict`` (the extensions object)."""
    return get_origin(type_) is dict


def is_document(cls: type) -> bool:
    """Tell whether ``cls`` is a top-level document class."""
    return isinstance(cls, type) and issubclass(cls, DocumentBase)


def document_class(kind: str) -> type:
    """Return the class of a document kind, or raise ``KeyError`` naming the kind."""
    try:
        return DOCUMENT_TYPES[kind]
    except KeyError:
        raise KeyError(f"unknown document kind {kind!r}") from None


def is_required(owner: type, field: attrs.Attribute[Any]) -> bool:
    """Tell whether JSON data of ``owner`` must contain ``field``."""
    return field.default is attrs.NOTHING or (is_document(owner) and field.name in ENVELOPE)


def constraints(field: attrs.Attribute[Any] | None) -> Mapping[str, Any]:
    """Return the JSON Schema keywords a field declares (none for array items)."""
    return {} if field is None else schema_extras(field)


def validators(field: attrs.Attribute[Any] | None) -> Iterator[Any]:
    """Yield every validator function of a field, nested ``and_`` validators flattened."""
    pending = [] if field is None or field.validator is None else [field.validator]
    while pending:
        validator = pending.pop()
        inner = getattr(validator, "_validators", None)
        if inner is not None:
            pending.extend(inner)
        else:
            yield validator


def not_before_of(field: attrs.Attribute[Any]) -> str | None:
    """Return the field that ``field`` must not be earlier than, if it has such a rule."""
    for validator in validators(field):
        if isinstance(validator, NotBefore):
            return validator.other
    return None


@functools.cache
def order_pairs(cls: type) -> tuple[tuple[str, str], ...]:
    """Return ``(end, start)`` for every ``not_before`` rule of an attrs class."""
    pairs = []
    for field in fields_of(cls):
        start = not_before_of(field)
        if start is not None:
            pairs.append((field.name, start))
    return tuple(pairs)
