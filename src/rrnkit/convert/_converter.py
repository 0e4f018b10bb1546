"""The one configured cattrs converter, and the translation of its errors into problems."""

from __future__ import annotations

import datetime as dt
import enum
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from rrnkit._internal.patterns import portable_regex
from rrnkit._internal.required import required_message
from rrnkit._internal.strict import (
    ValueProblem,
    const_message,
    enum_hook,
    json_type_name,
    structure_bool,
    structure_date,
    structure_datetime,
    structure_float,
    structure_int,
    structure_str,
    unknown_field_message,
)
from rrnkit.model import DOCUMENT_TYPES, FieldProblem, Record
from rrnkit.model.values import IDENTIFIER_PATTERN, Identifier
from rrnkit.problems import Problem, join_pointer

if sys.version_info < (3, 11):  # pragma: no cover - exercised on 3.10 only
    from exceptiongroup import BaseExceptionGroup

_IDENTIFIER = portable_regex(IDENTIFIER_PATTERN)
_RECORD_TYPES = {kind: cls for kind, cls in DOCUMENT_TYPES.items() if kind != "bundle"}


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


_FACTORY: type = attrs.Factory  # type: ignore[assignment]


def _is_literal(type_: Any) -> bool:
    return get_origin(type_) is Literal


def _add_note(exc: BaseException, note: str) -> None:
    exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]


def _tuple_hook_factory(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure ``tuple[X, ...]`` from a JSON array only (cattrs takes any iterable)."""
    item_type = get_args(type_)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise ValueProblem("value.type", f"expected an array, found {json_type_name(value)}")
        items = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:
                _add_note(exc, IterableValidationNote(f"@ index {index}", index, item_type))
                errors.append(exc)
        if errors:
            raise IterableValidationError("array items are invalid", errors, type_)
        return tuple(items)

    return structure


def _literal_hook_factory(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    allowed = get_args(type_)
    message = const_message(allowed)

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not str or value not in allowed:
            raise ValueProblem("value.const", message)
        return value

    return structure


def _optional_hook_factory(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure ``X | None``: an absent value is left out, never written as null.

    Null is refused as ``X``'s own hook refuses it (``expected a string, found
    null``), which is what the schema says too.
    """
    (inner,) = [a for a in get_args(type_) if a is not type(None)]
    inner_hook = converter.get_structure_hook(inner)

    def structure(value: Any, _: Any) -> Any:
        if value is None:
            inner_hook(value, inner)  # raises: no hook takes null
            raise ValueProblem("value.type", "is null; leave an absent value out instead")
        return inner_hook(value, inner)

    return structure


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) in (Union, types.UnionType) and type(None) in args and len(args) == 2


def _structure_identifier(value: Any, _: Any) -> str:
    """Check identifiers wherever they stand, array items included, at their own pointer."""
    text = structure_str(value, _)
    if not _IDENTIFIER.match(text):
        raise ValueProblem("value.identifier", "is not a valid identifier")
    return text


def _structure_extensions(value: Any, _: Any) -> dict[str, dict[str, Any]]:
    """Accept an object of objects; a namespace holding anything else is located at its key."""
    if type(value) is not dict:
        raise ValueProblem("value.type", f"expected an object, found {json_type_name(value)}")
    errors: list[Exception] = []
    for namespace, namespace_value in value.items():
        if type(namespace_value) is not dict:
            found = json_type_name(namespace_value)
            exc = ValueProblem("value.type", f"expected an object, found {found}")
            _add_note(exc, AttributeValidationNote(f"@ {namespace}", namespace, dict))
            errors.append(exc)
    if errors:
        raise BaseExceptionGroup("extension namespaces", errors)
    return dict(value)


def _object_hook_factory(cls: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure an attrs class from a JSON object only, as its schema says (``value.type``)."""
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter)

    def structure(value: Any, type_: Any) -> Any:
        if type(value) is not dict:
            raise ValueProblem("value.type", f"expected an object, found {json_type_name(value)}")
        return inner(value, type_)

    return structure


def _structure_record(value: Any, conv: cattrs.Converter) -> Any:
    """Structure a document inside a bundle by its ``kind``."""
    if type(value) is not dict:
        raise ValueProblem("value.type", f"expected an object, found {json_type_name(value)}")
    kind = value.get("kind")
    cls = _RECORD_TYPES.get(kind) if type(kind) is str else None
    if cls is None:
        exc = ValueProblem("document.unknown-kind", "is not a document kind a bundle may hold")
        _add_note(exc, AttributeValidationNote("@ kind", "kind", str))
        raise BaseExceptionGroup("bundle member", [exc])
    return conv.structure(value, cls)


def _unstructure_factory(cls: type, converter: cattrs.Converter) -> Callable[[Any], Any]:
    """Unstructure attrs classes, omitting absent optional values and empty lists."""
    overrides: dict[str, Any] = {
        f.name: override(omit_if_default=True)
        for f in attrs.fields(cls)
        if f.default is None or f.default == () or isinstance(f.default, _FACTORY)
    }
    return make_dict_unstructure_fn(cls, converter, **overrides)


def _make_converter() -> cattrs.Converter:
    """Build the strict converter (data already proven valid goes to :mod:`._trusted`)."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook_factory(attrs.has, lambda t: _object_hook_factory(t, conv))
    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook_func(lambda t: t is Identifier, _structure_identifier)
    conv.register_structure_hook_factory(_is_optional, lambda t: _optional_hook_factory(t, conv))
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(float, structure_float)
    conv.register_structure_hook(bool, structure_bool)
    conv.register_structure_hook(dt.date, structure_date)
    conv.register_structure_hook(dt.datetime, structure_datetime)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        lambda t: enum_hook(t),
    )
    conv.register_structure_hook_factory(_is_literal, lambda t: _literal_hook_factory(t, conv))
    conv.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda t: _tuple_hook_factory(t, conv)
    )
    extensions_type = dict[str, dict[str, Any]]
    conv.register_structure_hook_func(lambda t: t == extensions_type, _structure_extensions)
    conv.register_structure_hook_func(
        lambda t: t == Record, lambda value, _: _structure_record(value, conv)
    )
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(dt.datetime, lambda d: d.isoformat())
    conv.register_unstructure_hook_factory(attrs.has, lambda t: _unstructure_factory(t, conv))
    return conv


converter = _make_converter()
"""The configured cattrs converter: strict JSON in, JSON-ready values out."""


def problems_from(exc: BaseException, pointer: str = "") -> list[Problem]:
    """Turn a cattrs/attrs error tree into located problems, never echoing values."""
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(exc.cl)]
        return [
            Problem(
                code="field.unknown",
                message=unknown_field_message(key, known),
                pointer=join_pointer(pointer, key),
            )
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, BaseExceptionGroup):
        found: list[Problem] = []
        for sub in exc.exceptions:
            sub_pointer = pointer
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_pointer = join_pointer(pointer, note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_pointer = join_pointer(pointer, typing.cast(int, note.index))
            found.extend(problems_from(sub, sub_pointer))
        return found
    if isinstance(exc, FieldProblem):
        return [
            Problem(code=exc.code, message=exc.message, pointer=join_pointer(pointer, exc.field))
        ]
    if isinstance(exc, ValueProblem):
        return [Problem(code=exc.code, message=exc.message, pointer=pointer)]
    if isinstance(exc, KeyError):
        return [Problem(code="field.required", message=required_message(pointer), pointer=pointer)]
    return [Problem(code="value.invalid", message="is not valid here", pointer=pointer)]
