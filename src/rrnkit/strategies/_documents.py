"""Valid documents, built field by field from the model's types and declared constraints."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, cast

import attrs
from hypothesis import strategies as st

from rrnkit.convert import dump
from rrnkit.model import KINDS, SCHEMA_VERSION, Document
from rrnkit.model import introspect as info
from rrnkit.model.values import Identifier, NhsNumber
from rrnkit.strategies import _values as values

_MAX_DAYS_APART = 3 * 366
_MAX_TIME_APART = dt.timedelta(days=30)


def for_type(type_: Any, field: attrs.Attribute[Any] | None = None) -> st.SearchStrategy[Any]:
    """Return a strategy of valid values of ``type_`` meeting ``field``'s declared constraints.

    Raises ``TypeError`` for a type it does not know, so a new kind of field
    fails loudly instead of being generated wrongly.
    """
    schema = info.constraints(field)
    if info.is_optional(type_):
        return st.none() | for_type(info.strip_optional(type_), field)
    if info.is_literal(type_):
        return st.sampled_from(type_.__args__)
    if info.is_record_union(type_):
        return st.one_of([class_strategy(member) for member in type_.__args__])
    if info.is_homogeneous_tuple(type_):
        member = info.item_type(type_)
        least = int(schema.get("minItems", 0))
        most = values.MAX_DOCUMENTS if info.is_record_union(member) else values.MAX_ITEMS
        items = st.lists(for_type(member), min_size=least, max_size=max(least, most))
        return items.map(tuple)
    if info.is_mapping(type_):
        return values.extensions()
    if type_ is Identifier:
        return values.identifiers()
    if type_ is NhsNumber:
        return values.nhs_numbers()
    if info.is_enum(type_):
        return st.sampled_from(list(type_))
    if type_ is str:
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        return values.text(int(schema.get("minLength", 0)), schema.get("maxLength"))
    if type_ is bool:
        return st.booleans()
    if type_ in (int, float):
        return _numbers(type_, field)
    if type_ is dt.datetime:
        return values.aware_datetimes()
    if type_ is dt.date:
        return st.dates()
    if attrs.has(type_):
        return class_strategy(type_)
    raise TypeError(f"rrnkit.strategies has no strategy for {type_!r}")


def _numbers(type_: type, field: attrs.Attribute[Any] | None) -> st.SearchStrategy[Any]:
    schema = info.constraints(field)
    least = schema.get("minimum")
    most = schema.get("maximum")
    if type_ is int:
        return values.readable_integers(least, most)
    return st.floats(min_value=least, max_value=most, allow_nan=False, allow_infinity=False)


def _field_strategy(cls: type, field: attrs.Attribute[Any]) -> st.SearchStrategy[Any]:
    if info.is_document(cls) and field.name == "schema_version":
        return st.just(SCHEMA_VERSION)
    return for_type(field.type, field)


def _later(start: Any, end: Any, gap: tuple[int, dt.timedelta]) -> Any:
    """Return a value not before ``start``, written like ``end`` (same offset for date-times)."""
    days, time = gap
    try:
        if isinstance(start, dt.datetime):
            later = start + time
            return later.astimezone(end.tzinfo) if isinstance(end, dt.datetime) else later
        return start + dt.timedelta(days=days)
    except OverflowError:
        return start


def _build(cls: type, chosen: tuple[dict[str, Any], dict[str, tuple[int, dt.timedelta]]]) -> Any:
    """Construct ``cls``, first moving every end after its start by a drawn gap."""
    kwargs, gaps = chosen
    for end, start in info.order_pairs(cls):
        if kwargs[end] is not None and kwargs[start] is not None:
            kwargs[end] = _later(kwargs[start], kwargs[end], gaps[end])
    return cls(**kwargs)


@functools.cache
def class_strategy(cls: type) -> st.SearchStrategy[Any]:
    """Return a strategy of valid instances of an attrs model class."""
    fields = {f.name: _field_strategy(cls, f) for f in info.fields_of(cls) if f.init}
    gap = st.tuples(
        st.integers(0, _MAX_DAYS_APART),
        st.timedeltas(min_value=dt.timedelta(0), max_value=_MAX_TIME_APART),
    )
    gaps = {end: gap for end, _ in info.order_pairs(cls)}
    chosen = st.tuples(st.fixed_dictionaries(fields), st.fixed_dictionaries(gaps))
    return chosen.map(functools.partial(_build, cls))


def documents(kind: str | None = None) -> st.SearchStrategy[Document]:
    """Generate valid model objects of one document kind, or of any kind when ``kind`` is None.

    Every value meets the model's constraints: identifiers and extension
    namespaces in their forms, NHS numbers with a correct check digit, aware
    date-times at varied UTC offsets, every end not before its start, and the
    lengths, bounds and item counts the fields declare. Bundles hold a few
    documents of the other kinds. Sizes are kept small so examples are fast.

    Raises ``KeyError`` for an unknown kind.
    """
    kinds = KINDS if kind is None else (kind,)
    strategies = [class_strategy(info.document_class(k)) for k in kinds]
    return cast("st.SearchStrategy[Document]", st.one_of(strategies))


def document_data(kind: str | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Generate valid documents as JSON data (what :func:`rrnkit.convert.dump` writes)."""
    return documents(kind).map(dump)
