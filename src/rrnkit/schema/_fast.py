"""The fast path for valid documents: a compiled validator and the schema-free checks.

Most records in a real exchange are valid, so rrnkit first asks a compiled
JSON Schema validator (jsonschema-rs) and the checks JSON Schema cannot express
(NHS number check digits, ends not before starts) whether a record is valid;
only a record that fails goes down the slow path, which finds and locates every
problem. A differential property test proves the two paths agree. Without
jsonschema-rs everything takes the slow, pure-Python path, which passes the
same tests (CI runs them both ways).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from typing import Any

import attrs

from rrnkit.convert._strict import structure_datetime
from rrnkit.model import DOCUMENT_TYPES
from rrnkit.model import _introspect as info
from rrnkit.model.values import NhsNumber, is_valid_nhs_number

try:  # an accelerator with wheels for every mainstream platform; optional all the same
    if os.environ.get("RRNKIT_PURE_PYTHON"):
        raise ImportError("RRNKIT_PURE_PYTHON is set")
    import jsonschema_rs
except ImportError:  # exercised by CI's pure-Python run
    jsonschema_rs = None  # type: ignore[assignment]

Check = Callable[[Any], bool]


def compiled_backend() -> str | None:
    """Name the compiled validator in use, or None on the pure-Python path."""
    if jsonschema_rs is None:
        return None
    from importlib.metadata import version

    return f"jsonschema-rs {version('jsonschema-rs')}"


@functools.cache
def _compiled(kind: str) -> Any:
    from rrnkit.schema import schema_for

    # The date patterns exclude what RFC 3339 allows and Python does not (leap
    # seconds, year 0), so jsonschema-rs's date formats agree with the converter's.
    return jsonschema_rs.Draft202012Validator(schema_for(kind), validate_formats=True)


def _instant(value: str, kind: Any) -> Any:
    if kind is dt.datetime:
        return structure_datetime(value, None)
    return value  # YYYY-MM-DD strings order as the dates do


def _ordered(end: str, start: str, kind: Any) -> Check:
    def check(data: Any) -> bool:
        last, first = data.get(end), data.get(start)
        if type(last) is not str or type(first) is not str:
            return True
        if kind is dt.datetime and last[19:] == first[19:] and "." not in last + first:
            return last >= first  # same offset and precision: the text orders as time
        try:
            return bool(_instant(last, kind) >= _instant(first, kind))
        except ValueError:
            return False

    return check


def _member(name: str, check: Check) -> Check:
    def member(data: Any) -> bool:
        value = data.get(name)
        return value is None or check(value)

    return member


def _items(check: Check) -> Check:
    def items(values: Any) -> bool:
        return all(check(v) for v in values)

    return items


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def every(data: Any) -> bool:
        return all(check(data) for check in checks)

    return every


def _for_type(type_: Any) -> Check | None:
    """Return the schema-free checks of one field type, or None when it has none."""
    type_ = info.strip_optional(type_)
    if type_ is int:
        # orjson reads integers past 64 bits as floats; the strict reader keeps them exact
        return lambda value: type(value) is int
    if type_ is NhsNumber:
        return lambda value: type(value) is not str or is_valid_nhs_number(value)
    if info.is_record_union(type_):
        return _record
    if info.is_homogeneous_tuple(type_):
        inner = _for_type(info.item_type(type_))
        return _items(inner) if inner is not None else None
    if attrs.has(type_):
        return _for_class(type_)
    return None


@functools.cache
def _for_class(cls: type) -> Check | None:
    checks: list[Check] = []
    for field in info.fields_of(cls):
        inner = _for_type(field.type)
        if inner is not None:
            checks.append(_member(field.name, inner))
        start = info.not_before_of(field)
        if start is not None:
            checks.append(_ordered(field.name, start, info.strip_optional(field.type)))
    return _all(checks) if checks else None


def _record(data: Any) -> bool:
    """Check a bundle member as the class its ``kind`` names."""
    kind = data.get("kind") if isinstance(data, dict) else None
    check = _check_of(kind) if kind in DOCUMENT_TYPES else None
    return check is None or check(data)


@functools.cache
def _check_of(kind: str) -> Check | None:
    cls: type = DOCUMENT_TYPES[kind]
    return _for_class(cls)


def semantically_valid(data: Any, kind: str) -> bool:
    """Check what JSON Schema cannot: NHS number check digits and the order of dates.

    Call only on data the schema accepts.
    """
    check = _check_of(kind)
    return check is None or check(data)


def fast_is_valid(data: Any, kind: str) -> bool | None:
    """Say whether schema-checked data is valid, or None without a compiled validator.

    True means valid; False means "take the slow path", which finds and
    locates the problems (it may also find none: then the record is valid).
    """
    if jsonschema_rs is None:
        return None
    return bool(_compiled(kind).is_valid(data)) and semantically_valid(data, kind)
