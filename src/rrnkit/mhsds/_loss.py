"""What MHSDS cannot carry: the incident fields outside its columns, and lossy values."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import attrs

from rrnkit.mhsds._columns import CARRIED_POINTERS
from rrnkit.model import Incident
from rrnkit.model import introspect as info
from rrnkit.problems import join_pointer

REASONS: dict[str, str] = {
    "not-in-mhsds": "MHSDS has no column for this field",
    "sub-second": "MHSDS times are whole seconds; the fraction of a second is dropped",
    "ambiguous-local-time": "the UK local time happens twice (clocks going back), so the "
    "instant is not carried exactly",
    "out-of-range": "the instant cannot be written as a UK local date and time",
}
"""Why a value is not carried, by reason code."""

_INDEX = re.compile(r"/[0-9]+(?=/|$)")
_OPAQUE = ("/extensions",)
"""Fields reported as a whole: their content is arbitrary data."""


@attrs.frozen
class NotCarried:
    """One incident field (or part of one) MHSDS does not carry; never holds the value."""

    pointer: str
    """JSON Pointer into the incident."""
    reason: str
    """Why, as a code of :data:`REASONS`."""

    @property
    def message(self) -> str:
        """Say why in words."""
        return REASONS[self.reason]


def pattern_of(pointer: str) -> str:
    """Return a pointer with each array index replaced by ``*``."""
    return _INDEX.sub("/*", pointer)


def leaves(data: Any, pointer: str = "") -> Iterator[str]:
    """Yield the pointer of every value in JSON data (empty objects and arrays hold none)."""
    if pointer in _OPAQUE:
        if data:
            yield pointer
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, join_pointer(pointer, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, join_pointer(pointer, index))
    else:
        yield pointer


def uncarried_leaves(data: dict[str, Any]) -> Iterator[str]:
    """Yield the pointer of every value in a dumped incident that MHSDS has no column for."""
    for pointer in leaves(data):
        if pointer in ("/kind", "/schema_version"):
            continue
        if pattern_of(pointer) not in CARRIED_POINTERS:
            yield pointer


def _field_pointers(cls: type, prefix: str) -> Iterator[str]:
    for field in info.fields_of(cls):
        pointer = f"{prefix}/{field.name}"
        type_ = info.strip_optional(field.type)
        if info.is_homogeneous_tuple(type_) and attrs.has(info.item_type(type_)):
            yield from _field_pointers(info.item_type(type_), f"{pointer}/*")
        elif attrs.has(type_):
            yield from _field_pointers(type_, pointer)
        else:
            yield pointer


@functools.cache
def uncarried_fields() -> tuple[str, ...]:
    """Return every incident field MHSDS does not carry, as pointer patterns.

    Required fields MHSDS lacks (``/organisation_id``, ``/recorded_at``) are
    included: an import takes them from its caller, not from the data.
    """
    skipped = {"/kind", "/schema_version"}
    return tuple(
        p for p in _field_pointers(Incident, "") if p not in skipped and p not in CARRIED_POINTERS
    )
