"""Strict structuring hooks: JSON values are taken as they are, never coerced.

cattrs' defaults call ``str(x)``, ``int(x)`` and friends, which would turn
``1`` into ``"1"`` and ``"1"`` into ``1``; interchange data must not be
silently reinterpreted, so each hook checks the JSON type first. The converter
(``rrnkit.convert``) and the schema checks (``rrnkit.schema``) share them, so
both read dates and date-times alike, and both word the problems they share
(a wrong type, an unknown code, an unknown field) with the helpers here, so a
problem reads the same whichever path finds it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from rrnkit._internal.patterns import portable_regex

__all__ = [
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "EXPECTED_CODE",
    "EXPECTED_DATE",
    "EXPECTED_DATETIME",
    "LEAP_SECOND_MESSAGE",
    "ValueProblem",
    "const_message",
    "enum_hook",
    "json_type_name",
    "structure_bool",
    "structure_date",
    "structure_datetime",
    "structure_float",
    "structure_int",
    "structure_str",
    "unknown_code_message",
    "unknown_field_message",
]

# The patterns carry every range a regular expression can (months, days up to 31,
# hours, minutes, seconds without leap seconds, offsets, no year 0), so that any
# 2020-12 validator, Python's or a compiled one, agrees with the converter; only
# day-of-month validity (30 February) is left to the ``date``/``date-time`` formats.
_YEAR = "([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
_DATE_PART = _YEAR + "-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME_PART = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?"
_OFFSET_PART = "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
DATE_PATTERN = f"^{_DATE_PART}$"
"""A calendar date written YYYY-MM-DD, as the schemas and the converter accept it."""
DATETIME_PATTERN = f"^{_DATE_PART}[Tt]{_TIME_PART}{_OFFSET_PART}$"
"""An RFC 3339 date-time with a UTC offset, as the schemas and the converter accept it."""
_DATE = portable_regex(DATE_PATTERN)
_DATETIME = portable_regex(DATETIME_PATTERN)
_NAIVE_DATETIME = re.compile(
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?$"
)
_LEAP_SECOND = re.compile(
    f"^{_DATE_PART}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:60(\\.[0-9]+)?{_OFFSET_PART}$"
)
_FRACTION = re.compile(r"\.([0-9]+)")
LEAP_SECOND_MESSAGE = (
    "is a leap second (seconds :60), which rrnkit does not accept: write :59 of the same minute"
)
"""The ``value.datetime`` message of a leap second: RFC 3339 allows one, rrnkit refuses it
(Python's date-times cannot hold it, and it would order ambiguously)."""


class ValueProblem(ValueError):
    """A JSON value has the wrong type or form; the message never contains the value."""

    def __init__(self, code: str, message: str) -> None:
        """Record a stable code and a message that is safe to show."""
        super().__init__(message)
        self.code = code
        self.message = message


_JSON_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    list: "an array",
    dict: "an object",
    type(None): "null",
}


def json_type_name(value: Any) -> str:
    """Name a value's JSON type ("a string", "an array", ...) without showing it."""
    return _JSON_TYPE_NAMES.get(type(value), "an unsupported value")


EXPECTED_DATE = "a date (YYYY-MM-DD)"
"""How a ``value.type`` message names the JSON a date is written as."""
EXPECTED_DATETIME = "a date-time (RFC 3339)"
"""How a ``value.type`` message names the JSON a date-time is written as."""
EXPECTED_CODE = "a code (a string)"
"""How a ``value.type`` message names the JSON a code is written as."""


def _wrong_type(expected: str, value: Any) -> ValueProblem:
    return ValueProblem("value.type", f"expected {expected}, found {json_type_name(value)}")


def unknown_code_message(codes: Iterable[str]) -> str:
    """Word ``value.unknown-code``: the allowed codes, in order, never the value given.

    Codes are published and never sensitive, so they are listed; the value
    given is not, since a code field may have received any text at all.
    """
    return f"is not one of the allowed codes: {', '.join(codes)}"


def unknown_field_message(name: str, known: Iterable[str]) -> str:
    """Word ``field.unknown`` for member ``name``: the nearest known field, if one is close.

    Field names are the model's own, never sensitive; the member's value is never shown.
    """
    near = _nearest(name, known)
    return "is not a field here" + (f"; did you mean {near!r}?" if near is not None else "")


def _nearest(name: str, known: Iterable[str]) -> str | None:
    """Return the known name closest to ``name`` (difflib), or None when none is close.

    Of equally close names the first in alphabetical order wins, so the answer
    does not depend on the order ``known`` comes in.
    """
    names = sorted(set(known))
    matches = difflib.get_close_matches(name, names, n=len(names) or 1)
    if not matches:
        return None

    def score(candidate: str) -> float:
        return difflib.SequenceMatcher(None, candidate, name).ratio()

    best = score(matches[0])
    return min(m for m in matches if score(m) == best)


def const_message(allowed: Iterable[Any]) -> str:
    """Word ``value.const``: the one value (or the few values) allowed, as JSON."""
    return f"must be {' or '.join(json.dumps(a) for a in allowed)}"


def structure_str(value: Any, _: Any) -> str:
    """Accept only a JSON string."""
    if type(value) is not str:
        raise _wrong_type("a string", value)
    return value


def structure_int(value: Any, _: Any) -> int:
    """Accept a JSON integer (not true/false, not "1").

    An integral number such as ``3.0`` is an integer in JSON's number model
    and to JSON Schema, so it is accepted as 3; ``3.5`` is not.
    """
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    raise _wrong_type("an integer", value)


def structure_float(value: Any, _: Any) -> float:
    """Accept a JSON number, integer or not (not true/false)."""
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise _wrong_type("a number", value)


def structure_bool(value: Any, _: Any) -> bool:
    """Accept only true or false (not "yes", not 1)."""
    if type(value) is not bool:
        raise _wrong_type("true or false", value)
    return value


def structure_date(value: Any, _: Any) -> dt.date:
    """Accept a calendar date written YYYY-MM-DD."""
    if type(value) is not str:
        raise _wrong_type(EXPECTED_DATE, value)
    if not _DATE.match(value):
        raise ValueProblem("value.date", "is not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueProblem("value.date", "is not a real calendar date") from None


def structure_datetime(value: Any, _: Any) -> dt.datetime:
    """Accept an RFC 3339 date-time with a UTC offset; naive date-times are refused."""
    if type(value) is not str:
        raise _wrong_type(EXPECTED_DATETIME, value)
    if not _DATETIME.match(value):
        if _NAIVE_DATETIME.match(value):
            raise ValueProblem("value.naive-datetime", "has no UTC offset (add Z or +01:00)")
        if _LEAP_SECOND.match(value):
            raise ValueProblem("value.datetime", LEAP_SECOND_MESSAGE)
        raise ValueProblem("value.datetime", "is not an RFC 3339 date-time with a UTC offset")
    text = value.upper().replace("Z", "+00:00")
    # Python 3.10's fromisoformat takes only 3 or 6 fraction digits.
    text = _FRACTION.sub(lambda m: "." + (m.group(1) + "000000")[:6], text)
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueProblem("value.datetime", "is not a real date and time") from None


def enum_hook(enum_type: type[enum.Enum]) -> Callable[[Any, Any], enum.Enum]:
    """Build a hook accepting exactly the enum's string codes."""
    members = {member.value: member for member in enum_type}
    message = unknown_code_message(members)

    def structure(value: Any, _: Any) -> enum.Enum:
        if type(value) is not str:
            raise _wrong_type(EXPECTED_CODE, value)
        try:
            return members[value]
        except KeyError:
            raise ValueProblem("value.unknown-code", message) from None

    return structure
