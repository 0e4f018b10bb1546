"""Structuring for data already proven valid: one generated function per model class.

The strict converter checks every value and locates every problem; for data
the schema and the schema-free checks have accepted there is nothing left to
find, so what remains is building the objects. Each function here is written
out once per class (as attrs and cattrs write theirs) with one line per field:
read the member, convert it if its JSON form differs from its Python one
(date-times, dates, codes, arrays, nested objects), and store it.

Objects are built without calling ``__init__``: the validators it would run
repeat what the schema checked. A property test proves that for every valid
document the result equals, type for type, what the strict converter builds.
Anything unexpected raises, and the caller then falls back to the strict path.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import attrs

from rrnkit.convert._strict import structure_datetime, structure_float, structure_int
from rrnkit.model import _introspect as info

Structure = Callable[[Any], Any]
_FACTORY: type = attrs.Factory  # type: ignore[assignment]


def _datetime(value: str) -> dt.datetime:
    """Read a checked date-time; the common ``...T12:34:56+01:00`` form directly."""
    if len(value) == 25 and value[10] == "T" and value[19] in "+-":
        return dt.datetime.fromisoformat(value)
    return structure_datetime(value, None)


class _Writer:
    """Writes the source of one class's function, collecting the names it uses."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {
            "_new": object.__new__,
            "_set": object.__setattr__,
            "_tuple": tuple,
            "_dict": dict,
        }

    def name(self, value: Any, hint: str) -> str:
        """Return a global name bound to ``value`` in the generated code."""
        key = f"_{hint}{len(self.names)}"
        self.names[key] = value
        return key

    def converter(self, type_: Any) -> str | None:
        """Return an expression converting ``v`` (never None) to ``type_``; None if as is."""
        type_ = info.strip_optional(type_)
        if type_ is dt.datetime:
            return f"{self.name(_datetime, 'dt')}(v)"
        if type_ is dt.date:
            return f"{self.name(dt.date.fromisoformat, 'date')}(v)"
        if type_ is int:
            return f"{self.name(structure_int, 'int')}(v, None)"
        if type_ is float:
            return f"{self.name(structure_float, 'float')}(v, None)"
        if info.is_enum(type_):
            members = {member.value: member for member in type_}
            return f"{self.name(members, 'codes')}[v]"
        if info.is_homogeneous_tuple(type_):
            inner = info.item_type(type_)
            item = self.item(inner)
            return "_tuple(v)" if item is None else f"_tuple([{item}(x) for x in v])"
        if info.is_mapping(type_):
            return "_dict(v)"
        if info.is_record_union(type_) or (attrs.has(type_) and not _supported(type_)):
            raise TypeError(f"no trusted structuring for {type_!r}")
        if attrs.has(type_):
            return f"{self.name(structurer(type_), 'cls')}(v)"
        return None  # str, identifiers, NHS numbers, literals, bool: JSON gives them as is

    def item(self, type_: Any) -> str | None:
        """Return the name of a function converting one array item, or None if as is."""
        body = self.converter(type_)
        if body is None:
            return None
        if body.endswith("(v)") and body.count("(") == 1:
            return body[: -len("(v)")]
        return self.name(eval(f"lambda v: {body}", self.names), "item")  # noqa: S307


def _supported(cls: type) -> bool:
    return not any(info.is_record_union(f.type) for f in info.fields_of(cls))


def structurer(cls: type) -> Structure:
    """Return the function building ``cls`` from data already proven valid.

    Raises TypeError for a class holding documents of any kind (a bundle): those
    go through the converter.
    """
    return _structurer(cls)


@functools.cache
def _structurer(cls: type) -> Structure:
    writer = _Writer()
    cls_name = writer.name(cls, "C")
    lines = ["def structure(d):", f"    o = _new({cls_name})"]
    for field in info.fields_of(cls):
        name = field.name
        convert = writer.converter(field.type)
        value = "v" if convert is None else convert
        if field.default is attrs.NOTHING:
            lines.append(f"    v = d[{name!r}]")
            lines.append(f"    _set(o, {name!r}, {value})")
            continue
        factory = getattr(field.default, "factory", None)
        if isinstance(field.default, _FACTORY) and factory is not None:
            default = f"{writer.name(factory, 'factory')}()"
        else:
            default = writer.name(field.default, "default")
        lines.append(f"    v = d.get({name!r})")
        lines.append(f"    _set(o, {name!r}, {default} if v is None else {value})")
    lines.append("    return o")
    namespace = dict(writer.names)
    exec("\n".join(lines), namespace)  # noqa: S102 - our own source, built from the model
    function: Structure = namespace["structure"]
    function.__qualname__ = f"trusted_structure_{cls.__name__}"
    return function


__all__ = ["structurer"]
