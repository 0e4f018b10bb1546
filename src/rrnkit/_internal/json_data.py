"""Values made plain JSON data: what the report writers and the tables write for evidence.

Rule evidence and parameters hold enums, dates, tuples and floats; the JSON
report, the SARIF report and the outcome tables write them the same way. This
module imports nothing of rrnkit's, so each of them can use it.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Mapping
from typing import Any

__all__ = ["json_ready"]


_PLAIN = frozenset({str, int, bool, type(None)})


def json_ready(value: Any, where: str) -> Any:
    """Return ``value`` as plain JSON data (tuples become lists; NaN and infinities, null)."""
    kind = type(value)  # the common plain kinds first: a large run writes millions of values
    if kind in _PLAIN:
        return value
    if kind is dict:
        out: dict[str, Any] = {}
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(f"{where}: a key of type {type(key).__name__} is not JSON-ready")
            out[key] = item if type(item) in _PLAIN else json_ready(item, where)
        return out
    if kind is list or kind is tuple:
        return [item if type(item) in _PLAIN else json_ready(item, where) for item in value]
    return _json_ready(value, where)


def _json_ready(value: Any, where: str) -> Any:
    """Return any other value as plain JSON data (enums, floats, dates, other mappings)."""
    if isinstance(value, enum.Enum):
        return json_ready(value.value, where)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        found: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where}: a key of type {type(key).__name__} is not JSON-ready")
            found[key] = json_ready(item, where)
        return found
    if isinstance(value, (list, tuple)):
        return [json_ready(item, where) for item in value]
    raise TypeError(f"{where}: a value of type {type(value).__name__} is not JSON-ready")
