"""Strategies for leaf values: identifiers, NHS numbers, text, dates, extension data."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from hypothesis import strategies as st

from rrnkit.io import JsonLimits
from rrnkit.model.values import nhs_number_check_digit

MAX_TEXT = 12
"""Longest free text generated beyond a field's minimum length (keeps examples fast)."""

MAX_ITEMS = 2
"""Most items generated in an array (bundles hold up to ``MAX_DOCUMENTS``)."""

MAX_DOCUMENTS = 3
"""Most documents generated inside a bundle."""

_ID_FIRST = string.ascii_letters + string.digits
_ID_REST = _ID_FIRST + "._:-"
_NAMESPACE_FIRST = string.ascii_lowercase
_NAMESPACE_REST = string.ascii_lowercase + string.digits + "-"

# Whole-minute offsets (RFC 3339 cannot write seconds): the common ones and any other.
_COMMON_OFFSETS = (0, 60, -60, 120, -300, -240, 330, 345, 525, 600, -570, 840, -720, 780)


def text(min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[str]:
    """Generate any Unicode text JSON can carry (no lone surrogates), kept short."""
    upper = min_size + MAX_TEXT if max_size is None else min(max_size, min_size + MAX_TEXT)
    return st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=upper)


def identifiers() -> st.SearchStrategy[str]:
    """Generate identifiers: a letter or digit, then letters, digits and ``._:-`` (short)."""
    return st.builds(
        lambda first, rest: first + rest,
        st.sampled_from(_ID_FIRST),
        st.text(st.sampled_from(_ID_REST), max_size=10),
    )


def _with_check_digit(first_nine: str) -> str | None:
    check = nhs_number_check_digit(first_nine)
    return None if check is None else f"{first_nine}{check}"


def nhs_numbers() -> st.SearchStrategy[str]:
    """Generate ten-digit NHS numbers whose last digit is the correct modulus-11 check digit."""
    nine = st.text(st.sampled_from(string.digits), min_size=9, max_size=9)
    return nine.map(_with_check_digit).filter(lambda n: n is not None).map(str)


def utc_offsets() -> st.SearchStrategy[dt.timezone]:
    """Generate fixed UTC offsets in whole minutes, from -23:59 to +23:59, common ones first."""
    minutes = st.sampled_from(_COMMON_OFFSETS) | st.integers(-(24 * 60 - 1), 24 * 60 - 1)
    return minutes.map(lambda m: dt.timezone(dt.timedelta(minutes=m)))


def aware_datetimes() -> st.SearchStrategy[dt.datetime]:
    """Generate aware date-times at varied offsets, in whole seconds or with microseconds."""
    moments = st.datetimes(
        min_value=dt.datetime(1, 1, 2),
        max_value=dt.datetime(9999, 12, 30),
        timezones=utc_offsets(),
    )
    return moments.map(lambda d: d.replace(microsecond=0)) | moments


READABLE_INTEGER = 10 ** JsonLimits().max_integer_digits - 1
"""The largest integer the reader accepts by default (longer ones are refused)."""


def readable_integers(
    min_value: int | None = None, max_value: int | None = None
) -> st.SearchStrategy[int]:
    """Generate integers within the bounds given and within what the reader accepts."""
    low = -READABLE_INTEGER if min_value is None else max(min_value, -READABLE_INTEGER)
    high = READABLE_INTEGER if max_value is None else min(max_value, READABLE_INTEGER)
    return st.integers(min_value=low, max_value=high)


def json_values() -> st.SearchStrategy[Any]:
    """Generate small JSON values of every type (finite numbers only)."""
    leaves = (
        st.none()
        | st.booleans()
        | readable_integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | text(max_size=6)
    )
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=2) | st.dictionaries(text(max_size=4), inner, max_size=2)
        ),
        max_leaves=3,
    )


def namespaces() -> st.SearchStrategy[str]:
    """Generate dotted extension namespaces such as ``org.example``."""
    label = st.text(st.sampled_from(_NAMESPACE_REST), min_size=1, max_size=5)
    first = st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(_NAMESPACE_FIRST),
        st.text(st.sampled_from(_NAMESPACE_REST), max_size=4),
    )
    return st.builds(
        lambda head, rest: ".".join([head, *rest]), first, st.lists(label, min_size=1, max_size=2)
    )


def extensions() -> st.SearchStrategy[dict[str, dict[str, Any]]]:
    """Generate extension data: objects of any JSON keyed by dotted namespaces."""
    return st.dictionaries(
        namespaces(),
        st.dictionaries(text(max_size=4), json_values(), max_size=2),
        max_size=2,
    )
