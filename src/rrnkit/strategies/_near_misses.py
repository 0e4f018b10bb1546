"""Near misses: valid JSON data with exactly one constraint broken at one place."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import re
import zlib
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from rrnkit.model import DOCUMENT_TYPES, KINDS
from rrnkit.model import introspect as info
from rrnkit.model.values import Identifier, NhsNumber
from rrnkit.problems import join_pointer
from rrnkit.strategies import _values as values
from rrnkit.strategies._documents import document_data

BREAKS: Mapping[str, str] = {
    "type": "a value of the wrong JSON type ('1' for an integer, 1 for a string, 'yes' for a bool)",
    "required": "a required member removed (the envelope's kind and schema_version included)",
    "unknown-field": "a member the object's class does not have",
    "enum": "a code that is not in the field's code table",
    "pattern": "an identifier or NHS number not in its required form",
    "version": "a schema_version other than the one this release reads",
    "kind": "a kind that is not a document kind (or not one a bundle may hold)",
    "min-length": "a string shorter than its declared minLength",
    "max-length": "a string longer than its declared maxLength",
    "minimum": "a number below its declared minimum",
    "maximum": "a number above its declared maximum",
    "min-items": "an array with fewer items than its declared minItems",
    "naive-datetime": "a date-time without a UTC offset",
    "calendar-date": "a date in the right form that is not a real calendar date (2021-02-30)",
    "calendar-date-time": "a date-time in the right form whose date is not a real calendar date",
    "extension-namespace": "an extension keyed by something that is not a dotted namespace",
    "nhs-check-digit": "an NHS number of ten digits whose check digit is wrong",
    "order": "an end (or expiry, or last day) earlier than its start",
}
"""Every constraint a near miss may break, by short name."""

SCHEMA_BLIND: frozenset[str] = frozenset({"nhs-check-digit", "order"})
"""Breaks that JSON Schema cannot express, so only the model detects them."""


@attrs.frozen
class NearMiss:
    """JSON data of a document that breaks exactly one constraint, at one place."""

    data: dict[str, Any] = attrs.field(hash=False)
    """The document's JSON data, valid except for the one break."""
    kind: str
    """The document kind the data claims (or, when ``kind`` is broken, was made as)."""
    pointer: str
    """JSON Pointer of the broken place: the removed or added member, or the bad value."""
    breaks: str
    """Short name of the constraint broken, a key of :data:`BREAKS`."""
    schema_detects: bool
    """Whether JSON Schema can express the constraint (False for the model-only ones)."""


@attrs.frozen
class _Place:
    """One value (or absent member) in the data, with the type the model gives it."""

    pointer: str
    parent: Any
    key: str | int
    type: Any
    field: attrs.Attribute[Any] | None
    owner: type | None
    present: bool

    @property
    def value(self) -> Any:
        return self.parent[self.key]

    def set(self, value: Any) -> str:
        self.parent[self.key] = value
        return self.pointer


@attrs.frozen
class _Object:
    """One JSON object in the data that stands for an instance of a model class."""

    pointer: str
    data: dict[str, Any]
    cls: type


def _walk(cls: type, data: dict[str, Any], pointer: str, out: list[_Place | _Object]) -> None:
    out.append(_Object(pointer, data, cls))
    for field in info.fields_of(cls):
        type_ = info.strip_optional(field.type)
        at = join_pointer(pointer, field.name)
        present = data.get(field.name) is not None
        out.append(_Place(at, data, field.name, type_, field, cls, present))
        if present:
            _descend(type_, data[field.name], at, out)


def _descend(type_: Any, value: Any, pointer: str, out: list[_Place | _Object]) -> None:
    if info.is_record_union(type_):
        _walk(DOCUMENT_TYPES[value["kind"]], value, pointer, out)
    elif attrs.has(type_):
        _walk(type_, value, pointer, out)
    elif info.is_homogeneous_tuple(type_):
        member = info.item_type(type_)
        for index, item in enumerate(value):
            at = join_pointer(pointer, index)
            out.append(_Place(at, value, index, member, None, None, True))
            _descend(member, item, at, out)


# What each JSON type may wrongly be given instead (never null, never 1.0 for an integer).
_WRONG_VALUES: dict[str, tuple[Any, ...]] = {
    "string": (1, 2.5, True, ["x"], {}),
    "integer": ("1", 2.5, True, [1]),
    "number": ("1.5", True, [1.5]),
    "boolean": ("yes", "true", 1, 0),
    "array": ({}, "x", 1),
    "object": ([], "x", 1, True),
}
_BAD_IDENTIFIERS = ("", "-a", ".a", "a b", "a/b", "a\u00e9", "a#", "a" * 129)
_BAD_NHS_NUMBERS = ("943476591", "94347659190", "abcdefghij", "943 476 5919", "\uff19" * 10)
_BAD_VERSIONS = ("2.0", "0.9", "1", "1.0.0", "v1.0", "")
_BAD_NAMESPACES = ("Org.example", "example", "org..x", "1org.x", "org.", ".org", "org_x.y")
_BAD_MONTH_DAYS = ("02-30", "02-31", "04-31", "06-31", "09-31", "11-31", "13-01", "00-01", "01-00")
_OFFSET = re.compile(r"([Zz]|[+-][0-9]{2}:[0-9]{2})$")


def _json_type(type_: Any) -> str:
    if info.is_homogeneous_tuple(type_):
        return "array"
    if info.is_mapping(type_) or info.is_record_union(type_) or attrs.has(type_):
        return "object"
    if type_ is bool:
        return "boolean"
    if type_ is int:
        return "integer"
    if type_ is float:
        return "number"
    return "string"


def _parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _parse_datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(
        _OFFSET.sub(lambda m: m.group(1).upper(), text).replace("Z", "+00:00")
    )


T = TypeVar("T")

Breaker = Callable[[st.DrawFn], str]
"""Breaks the data in place with the values it draws; returns the broken place's pointer."""


def _wrong_type(place: _Place) -> Breaker:
    """Return a breaker writing a value of the wrong JSON type (adding an absent member)."""
    wrong = st.sampled_from(_WRONG_VALUES[_json_type(place.type)])
    return lambda draw: place.set(copy.deepcopy(draw(wrong)))


def _place_breakers(place: _Place) -> dict[str, Breaker]:
    """Return what can be broken at one present value."""
    type_, field, value = place.type, place.field, place.value
    found: dict[str, Breaker] = {"type": _wrong_type(place)}
    schema = info.constraints(field)
    if place.owner is not None and field is not None and info.is_required(place.owner, field):

        def remove(draw: st.DrawFn) -> str:
            del place.parent[place.key]
            return place.pointer

        found["required"] = remove
    if info.is_enum(type_):
        codes = {member.value for member in type_}
        unknown = values.text(max_size=8).filter(lambda code: code not in codes)
        found["enum"] = lambda draw: place.set(draw(unknown))
    if type_ is Identifier:
        found["pattern"] = lambda draw: place.set(draw(st.sampled_from(_BAD_IDENTIFIERS)))
    if type_ is NhsNumber:
        found["pattern"] = lambda draw: place.set(draw(st.sampled_from(_BAD_NHS_NUMBERS)))
        found["nhs-check-digit"] = lambda draw: place.set(
            value[:9] + str((int(value[9]) + draw(st.integers(1, 9))) % 10)
        )
    if place.owner is not None and info.is_document(place.owner):
        if place.key == "schema_version":
            found["version"] = lambda draw: place.set(draw(st.sampled_from(_BAD_VERSIONS)))
        if place.key == "kind":
            member = place.pointer != "/kind"
            taken = frozenset(KINDS) - ({"bundle"} if member else set())
            named = st.sampled_from(("Incident", "unknown", *(("bundle",) if member else ())))
            unknown_kind = named | values.text(max_size=8).filter(lambda k: k not in taken)
            found["kind"] = lambda draw: place.set(draw(unknown_kind))
    if isinstance(value, str) and "minLength" in schema and schema["minLength"] > 0:
        found["min-length"] = lambda draw: place.set(value[: schema["minLength"] - 1])
    if isinstance(value, str) and "maxLength" in schema:
        found["max-length"] = lambda draw: place.set(value.ljust(schema["maxLength"] + 1, "x"))
    if type_ in (int, float):
        step: int | float = 1 if type_ is int else 0.5
        if "minimum" in schema:
            found["minimum"] = lambda draw: place.set(schema["minimum"] - step)
        if "maximum" in schema:
            found["maximum"] = lambda draw: place.set(schema["maximum"] + step)
    if info.is_homogeneous_tuple(type_) and schema.get("minItems", 0) > 0:
        found["min-items"] = lambda draw: place.set(value[: schema["minItems"] - 1])
    if type_ is dt.datetime:
        found["naive-datetime"] = lambda draw: place.set(_OFFSET.sub("", value))
        found["calendar-date-time"] = lambda draw: place.set(
            f"{value[:5]}{draw(st.sampled_from(_BAD_MONTH_DAYS))}{value[10:]}"
        )
    if type_ is dt.date:
        found["calendar-date"] = lambda draw: place.set(
            f"{value[:5]}{draw(st.sampled_from(_BAD_MONTH_DAYS))}"
        )
    return found


def _earlier(draw: st.DrawFn, data: dict[str, Any], end: str, start: str, type_: Any) -> None:
    """Write ``end`` earlier than ``start`` (moving ``start`` on when it is the earliest day)."""
    if type_ is dt.datetime:
        first = _parse_datetime(data[start])
        gap = draw(
            st.timedeltas(min_value=dt.timedelta(microseconds=1), max_value=dt.timedelta(days=30))
        )
        offset = draw(values.utc_offsets())
        try:
            last = first - gap
        except OverflowError:
            data[start] = (first + gap).isoformat()
            last = first
        with contextlib.suppress(OverflowError):
            last = last.astimezone(offset)
        # RFC 3339 allows "t" too: an end written "t" must not order after a start written "T"
        separator = draw(st.sampled_from("Tt"))
        data[end] = last.isoformat().replace("T", separator, 1)
        return
    day = _parse_date(data[start])
    days = dt.timedelta(days=draw(st.integers(1, 3 * 366)))
    try:
        data[end] = (day - days).isoformat()
    except OverflowError:
        data[start] = (day + days).isoformat()
        data[end] = day.isoformat()


def _object_breakers(obj: _Object) -> dict[str, list[Breaker]]:
    """Return what can be broken in one object: added members, extension keys, order."""
    names = {field.name for field in info.fields_of(obj.cls)}
    unknown = values.text(max_size=8).filter(lambda n: n not in names)

    def add_unknown(draw: st.DrawFn) -> str:
        name = draw(unknown)
        obj.data[name] = draw(values.json_values())
        return join_pointer(obj.pointer, name)

    found: dict[str, list[Breaker]] = {"unknown-field": [add_unknown]}
    if info.is_document(obj.cls):

        def bad_namespace(draw: st.DrawFn) -> str:
            obj.data.setdefault("extensions", {})[draw(st.sampled_from(_BAD_NAMESPACES))] = {}
            return join_pointer(obj.pointer, "extensions")

        found["extension-namespace"] = [bad_namespace]
    for end, start in info.order_pairs(obj.cls):
        if obj.data.get(start) is None:
            continue
        type_ = info.strip_optional(info.field_named(obj.cls, end).type)

        def misorder(
            draw: st.DrawFn, end: str = end, start: str = start, type_: Any = type_
        ) -> str:
            _earlier(draw, obj.data, end, start, type_)
            return join_pointer(obj.pointer, end)

        found.setdefault("order", []).append(misorder)
    return found


def _breakers(data: dict[str, Any], kind: str) -> dict[str, list[Breaker]]:
    parts: list[_Place | _Object] = []
    _walk(info.document_class(kind), data, "", parts)
    found: dict[str, list[Breaker]] = {}
    for part in parts:
        if isinstance(part, _Object):
            for name, breakers in _object_breakers(part).items():
                found.setdefault(name, []).extend(breakers)
        elif part.present:
            for name, breaker in _place_breakers(part).items():
                found.setdefault(name, []).append(breaker)
        elif part.key not in part.parent:
            found.setdefault("type", []).append(_wrong_type(part))
    return found


def _rotated(items: list[T], turn: int) -> list[T]:
    start = turn % len(items)
    return items[start:] + items[:start]


@st.composite
def _near_miss(draw: st.DrawFn, kinds: tuple[str, ...], wanted: frozenset[str]) -> NearMiss:
    kind = draw(st.sampled_from(kinds))
    data = copy.deepcopy(draw(document_data(kind)))
    options = {name: breakers for name, breakers in _breakers(data, kind).items() if name in wanted}
    if not options:
        reject()
    # Hypothesis favours the first option; rotating by the data spreads that over all breaks.
    turn = zlib.crc32(json.dumps(data, sort_keys=True).encode())
    name = draw(st.sampled_from(_rotated([name for name in BREAKS if name in options], turn)))
    pointer = draw(st.sampled_from(_rotated(options[name], turn)))(draw)
    return NearMiss(
        data=data, kind=kind, pointer=pointer, breaks=name, schema_detects=name not in SCHEMA_BLIND
    )


def near_misses(
    kind: str | None = None, *, breaks: Collection[str] | None = None
) -> st.SearchStrategy[NearMiss]:
    """Generate near misses of one document kind (or any): valid data with exactly one thing broken.

    Each starts from valid JSON data (:func:`document_data`) and breaks one
    constraint at one place: a wrong JSON type, a required member removed, an
    unknown member added, an unknown code, a malformed identifier or NHS number,
    a string too short or long, a number out of bounds, too few items, a naive
    date-time, an impossible calendar date, a bad extension namespace, a wrong
    version or kind, and the two JSON Schema cannot express: a wrong NHS number
    check digit and an end before its start. ``breaks`` limits the choice to
    some names of :data:`BREAKS`; an example with none of them is rejected, so
    pick a kind whose documents usually have such a place.

    Raises ``KeyError`` for an unknown kind and ``ValueError`` for an unknown break.
    """
    if kind is not None:
        info.document_class(kind)  # raises KeyError for an unknown kind
    kinds = KINDS if kind is None else (kind,)
    wanted = frozenset(BREAKS if breaks is None else breaks)
    unknown = wanted - set(BREAKS)
    if unknown:
        raise ValueError(f"unknown breaks: {', '.join(sorted(unknown))}")
    return _near_miss(kinds, wanted)
