"""Structuring for data already proven valid: one generated function per model class.

The strict converter checks every value and locates every problem; for data
the schema and the schema-free checks have accepted there is nothing left to
find, so what remains is building the objects. Each class gets one function
that walks a plan made once from the model, one step per field: read the
member, convert it if its JSON form differs from its Python one (date-times,
dates, codes, arrays, nested objects), and store it.

Objects are built without calling ``__init__``: the validators it would run
repeat what the schema checked. A property test proves that for every valid
document the result equals, type for type, what the strict converter builds.
Anything unexpected raises, and the caller then falls back to the strict path.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import types
from collections.abc import Callable
from typing import Any

import attrs

from rrnkit._internal.strict import structure_datetime, structure_float, structure_int
from rrnkit.model import introspect as info

Structure = Callable[[Any], Any]
_FACTORY: type = attrs.Factory  # type: ignore[assignment]


def _datetime(value: str) -> dt.datetime:
    """Read a checked date-time; the common ``...T12:34:56+01:00`` form directly."""
    if len(value) == 25 and value[10] == "T" and value[19] in "+-":
        return dt.datetime.fromisoformat(value)
    return structure_datetime(value, None)


def _converter(type_: Any) -> Callable[[Any], Any] | None:
    """Return a function converting a present JSON value to ``type_``; None if as is."""
    type_ = info.strip_optional(type_)
    if type_ is dt.datetime:
        return _datetime
    if type_ is dt.date:
        return dt.date.fromisoformat
    if type_ is int:
        return lambda value: structure_int(value, None)
    if type_ is float:
        return lambda value: structure_float(value, None)
    if info.is_enum(type_):
        return {member.value: member for member in type_}.__getitem__
    if info.is_homogeneous_tuple(type_):
        item = _converter(info.item_type(type_))
        if item is None:
            return tuple
        return lambda values: tuple([item(value) for value in values])
    if info.is_mapping(type_):
        return dict
    if info.is_record_union(type_) or (attrs.has(type_) and not _supported(type_)):
        raise TypeError(f"no trusted structuring for {type_!r}")
    if attrs.has(type_):
        return structurer(type_)
    return None  # str, identifiers, NHS numbers, literals, bool: JSON gives them as is


def _supported(cls: type) -> bool:
    return not any(info.is_record_union(f.type) for f in info.fields_of(cls))


def structurer(cls: type) -> Structure:
    """Return the function building ``cls`` from data already proven valid.

    Raises TypeError for a class holding documents of any kind (a bundle): those
    go through the converter.
    """
    return _structurer(cls)


_REQUIRED = object()


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """Return what stores a field on a new object, bypassing the frozen ``__setattr__``.

    A slotted class's field is a member descriptor, whose own ``__set__`` skips
    looking the name up again (about 40 % faster than ``object.__setattr__``).
    """
    slot = inspect.getattr_static(cls, name, None)
    if isinstance(slot, types.MemberDescriptorType):
        setter: Callable[[Any, Any], None] = slot.__set__
        return setter
    return functools.partial(_put_named, name=name)


def _put_named(built: Any, value: Any, *, name: str) -> None:
    object.__setattr__(built, name, value)


@functools.cache
def _structurer(cls: type) -> Structure:
    # One step per field: (name, setter, converter or None, default, factory or None).
    plan: list[
        tuple[
            str,
            Callable[[Any, Any], None],
            Callable[[Any], Any] | None,
            Any,
            Callable[[], Any] | None,
        ]
    ] = []
    for field in info.fields_of(cls):
        factory = getattr(field.default, "factory", None)
        convert, put = _converter(field.type), _setter(cls, field.name)
        if isinstance(field.default, _FACTORY) and factory is not None:
            plan.append((field.name, put, convert, None, factory))
        elif field.default is attrs.NOTHING:
            plan.append((field.name, put, convert, _REQUIRED, None))
        else:
            plan.append((field.name, put, convert, field.default, None))
    steps = tuple(plan)
    new, required = object.__new__, _REQUIRED

    def structure(data: Any) -> Any:
        built: Any = new(cls)
        get = data.get
        for name, put, convert, default, factory in steps:
            value = get(name)
            if value is None:
                if factory is not None:
                    value = factory()
                elif default is required:
                    raise KeyError(name)
                else:
                    value = default
            elif convert is not None:
                value = convert(value)
            put(built, value)
        return built

    structure.__qualname__ = f"trusted_structure_{cls.__name__}"
    return structure


__all__ = ["structurer"]
