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

from rrnkit._internal.strict import structure_datetime
from rrnkit.model import DOCUMENT_TYPES
from rrnkit.model import introspect as info
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
        if kind is dt.datetime and last[19:] == first[19:] and last[10] == first[10]:
            # the same fraction and offset, and the same "T" or "t": the text orders as time
            return last >= first
        try:
            return bool(_instant(last, kind) >= _instant(first, kind))
        except ValueError:
            return False

    return check


def _value_check(type_: Any) -> Check | None:
    """Return the check of one value of ``type_``, or None when there is nothing to check."""
    type_ = info.strip_optional(type_)
    if type_ is int:
        # orjson reads integers past 64 bits as floats; the strict reader keeps them exact
        return _is_int
    if type_ is NhsNumber:
        return _is_nhs_number
    if info.is_record_union(type_):
        return _record
    if attrs.has(type_):
        return _for_class(type_)
    return None


def _is_int(value: Any) -> bool:
    return type(value) is int


def _is_nhs_number(value: Any) -> bool:
    return type(value) is not str or is_valid_nhs_number(value)


@functools.cache
def _for_class(cls: type) -> Check | None:
    """Return the schema-free checks of one class as one function, or None when it has none.

    A plan made once from the model: each field with something to check (a
    nested object, each item of an array, an NHS number's check digit, an
    integer orjson might have read as a float) and each end that must not be
    before its start.
    """
    members: list[tuple[str, Check, bool]] = []
    orders: list[Check] = []
    for field in info.fields_of(cls):
        type_ = info.strip_optional(field.type)
        array = info.is_homogeneous_tuple(type_)
        check = _value_check(info.item_type(type_) if array else type_)
        if check is not None:
            members.append((field.name, check, array))
        start = info.not_before_of(field)
        if start is not None:
            orders.append(_ordered(field.name, start, type_))
    if not members and not orders:
        return None
    steps, ordered = tuple(members), tuple(orders)

    def checks(data: Any) -> bool:
        for order in ordered:
            if not order(data):
                return False
        for name, check, array in steps:
            value = data.get(name)
            if value is None:
                continue
            if array:
                for item in value:
                    if not check(item):
                        return False
            elif not check(value):
                return False
        return True

    checks.__qualname__ = f"schema_free_checks_{cls.__name__}"
    return checks


def _record(data: Any) -> bool:
    """Check a bundle member as the class its ``kind`` names."""
    kind = data.get("kind") if isinstance(data, dict) else None
    check = _check_of(kind) if kind in DOCUMENT_TYPES else None
    return check is None or check(data)


@functools.cache
def _check_of(kind: str) -> Check | None:
    cls: type = DOCUMENT_TYPES[kind]
    return _for_class(cls)


@functools.cache
def fast_validator(kind: str) -> Check | None:
    """Return the fast test of JSON data of a kind, or None without a compiled validator.

    The test runs the compiled schema and the checks JSON Schema cannot
    express (NHS number check digits, ends not before starts). True means
    valid; False means "take the slow path", which finds and locates the
    problems (it may also find none: then the record is valid).
    """
    if jsonschema_rs is None:
        return None
    schema_valid: Check = _compiled(kind).is_valid
    checks = _check_of(kind)
    if checks is None:
        return schema_valid

    def valid(data: Any) -> bool:
        return schema_valid(data) and checks(data)

    valid.__qualname__ = f"fast_validator_{kind}"
    return valid
