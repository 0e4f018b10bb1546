"""Construction checks: a value built in code has the Python type its field declares.

JSON goes through the converter, which turns each JSON value into its Python
type and checks it; an object built in code goes through ``__init__`` only.
So every model field also checks, first of its validators, the type of what
it is given, with the same rules the converter applies. Nothing is converted
(one decision for every kind of value, so ``mypy --strict`` on a user's script
agrees with what happens at run time):

- a **code** field takes a member of its enumeration, never its code string
  (``InterventionType("01")`` converts a code, and refuses an unknown one);
- an **array** field takes a ``tuple`` (``tuple(items)``), never a ``list``,
  so a document stays immutable, hashable and equal to itself after a round
  trip; each item is checked in turn;
- a **date-time** takes an aware ``datetime`` (text and naive values are
  refused; the ``aware`` validator names a missing offset), a **date** a
  ``date`` that is not a ``datetime``;
- an **integer** takes an ``int`` (not ``bool``), a **number** an ``int`` or a
  finite ``float``, a **flag** a ``bool``, text a ``str``;
- **extensions** take JSON data only (dicts with text keys, lists, text,
  numbers, flags, null), which is what they are written as.

The value itself is never shown in a message: only its type.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import types
from collections.abc import Callable
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from rrnkit.model._meta import FieldTypeProblem

Found = tuple[str, str]
"""What a check finds wrong: a problem code and a message (never the value)."""

Check = Callable[[Any], "Found | None"]
"""A type check: the value -> what is wrong with it, or None."""


def _kind(value: Any) -> str:
    """Name a value's type for a message (the type only, never the value)."""
    return "None" if value is None else type(value).__name__


def _wrong(expected: str, value: Any, hint: str = "") -> Found:
    return ("value.type", f"must be {expected}, not {_kind(value)}{hint}")


def _strict(cls: type, expected: str, *, refuse: tuple[type, ...] = ()) -> Check:
    def check(value: Any) -> Found | None:
        if isinstance(value, cls) and not isinstance(value, refuse):
            return None
        return _wrong(expected, value)

    return check


def _float(value: Any) -> Found | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _wrong("a number", value)
    if isinstance(value, float) and not math.isfinite(value):
        return ("value.type", "must be a finite number, not infinite or NaN")
    return None


def _datetime(value: Any) -> Found | None:
    if isinstance(value, dt.datetime):
        return None  # the aware validator names a missing UTC offset
    hint = "; parse text with datetime.fromisoformat" if isinstance(value, str) else ""
    return _wrong("a datetime with a UTC offset", value, hint)


def _date(value: Any) -> Found | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    hint = (
        "; take its .date()"
        if isinstance(value, dt.datetime)
        else "; parse text with date.fromisoformat"
        if isinstance(value, str)
        else ""
    )
    return _wrong("a date", value, hint)


def _enum(cls: type[enum.Enum]) -> Check:
    def check(value: Any) -> Found | None:
        if isinstance(value, cls):
            return None
        hint = (
            f"; convert an official code with {cls.__name__}(code)"
            if isinstance(value, str)
            else ""
        )
        return _wrong(f"a member of {cls.__name__}", value, hint)

    return check


def _tuple(item: Check | None, described: str) -> Check:
    def check(value: Any) -> Found | None:
        if not isinstance(value, tuple):
            hint = "; pass tuple(...)" if isinstance(value, list) else ""
            return _wrong(f"a tuple of {described}", value, hint)
        if item is not None:
            for number, each in enumerate(value):
                found = item(each)
                if found is not None:
                    return found[0], f"item {number} {found[1]}"
        return None

    return check


def _json_data(value: Any, depth: int = 0) -> bool:
    """Tell whether ``value`` is JSON data as the converter would read it back."""
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if depth > 100:
        return False
    if isinstance(value, list):
        return all(_json_data(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(
            isinstance(key, str) and _json_data(item, depth + 1) for key, item in value.items()
        )
    return False


def _extensions(value: Any) -> Found | None:
    if not isinstance(value, dict):
        return _wrong("a dict", value)
    for key, item in value.items():
        if not isinstance(key, str):
            return ("value.type", f"has a key that is a {_kind(key)}, not text")
        if not isinstance(item, dict) or not _json_data(item):
            return (
                "value.type",
                "must map each namespace to a dict of JSON data "
                "(dicts with text keys, lists, text, finite numbers, flags, None)",
            )
    return None


def _describe(type_: Any) -> str:
    if isinstance(type_, type):
        return type_.__name__
    return str(type_).replace("typing.", "")


def check_for(type_: Any) -> Check | None:
    """Return the construction check of a resolved field type (None: anything goes)."""
    origin, args = get_origin(type_), get_args(type_)
    if origin in (Union, types.UnionType):
        if type(None) in args:
            rest = [arg for arg in args if arg is not type(None)]
            inner = check_for(rest[0] if len(rest) == 1 else Union[tuple(rest)])  # noqa: UP007

            def optional(value: Any) -> Found | None:
                return None if value is None or inner is None else inner(value)

            return optional
        if all(attrs.has(arg) for arg in args):  # a bundle's documents
            names = ", ".join(arg.__name__ for arg in args)
            return _strict(tuple(args), f"one of {names}")  # type: ignore[arg-type]
        return None
    if origin is Literal:
        allowed = args

        def literal(value: Any) -> Found | None:
            if value in allowed and type(value) in {type(a) for a in allowed}:
                return None
            return ("value.const", f"must be {' or '.join(repr(a) for a in allowed)}")

        return literal
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(check_for(args[0]), _describe(args[0]))
    if origin is dict:
        return _extensions
    if type_ is Any:
        return None
    if isinstance(type_, type):
        if issubclass(type_, enum.Enum):
            return _enum(type_)
        if type_ is dt.datetime:
            return _datetime
        if type_ is dt.date:
            return _date
        if type_ is bool:
            return _strict(bool, "True or False")
        if type_ is int:
            return _strict(int, "an int", refuse=(bool,))
        if type_ is float:
            return _float
        if type_ is str:
            return _strict(str, "text (a str)")
        if attrs.has(type_):
            return _strict(type_, f"a {type_.__name__}")
    supertype = getattr(type_, "__supertype__", None)  # a NewType: check what it stands for
    if supertype is not None:
        return check_for(supertype)
    return None


_CHECKS: dict[type, dict[str, Check | None]] = {}


def _checks_of(cls: type) -> dict[str, Check | None]:
    """Each field's construction check, from the class's resolved annotations (made once)."""
    checks = _CHECKS.get(cls)
    if checks is None:
        fields = attrs.fields(attrs.resolve_types(cls))
        checks = _CHECKS[cls] = {field.name: check_for(field.type) for field in fields}
    return checks


@attrs.frozen(repr=False)
class OfType:
    """Attrs validator: the value has the Python type its field declares (checked first)."""

    name: str

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Refuse a value of another type, naming the type expected and the type given."""
        check = _checks_of(type(instance)).get(self.name)
        found = None if check is None else check(value)
        if found is not None:
            raise FieldTypeProblem(self.name, *found)

    def __repr__(self) -> str:
        """Show the validator as it is declared."""
        return f"of_type({self.name!r})"
