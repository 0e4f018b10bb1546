"""The fast path: orjson reads a record when it is certain to agree with the strict reader.

orjson is an accelerator with wheels for every mainstream platform, and optional
all the same: without it (or with ``RRNKIT_PURE_PYTHON`` set, as CI's
pure-Python run does) every record takes the strict reader. Compiled schema
checks, the other half of the fast path, live in :mod:`rrnkit.schema`.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from rrnkit.convert._limits import DEFAULT_LIMITS, JsonLimits
from rrnkit.convert._parse import prescan

try:
    if os.environ.get("RRNKIT_PURE_PYTHON"):
        raise ImportError("RRNKIT_PURE_PYTHON is set")
    import orjson
except ImportError:  # exercised by CI's pure-Python run
    orjson = None  # type: ignore[assignment]

__all__ = ["fast_dumps", "fast_loads", "fast_reader", "loads_own"]

_LONG_NUMBER = re.compile(rb"[0-9]{19}")


def fast_reader() -> str | None:
    """Name the fast JSON reader in use, or None on the pure-Python path."""
    if orjson is None:
        return None
    from importlib.metadata import version

    return f"orjson {version('orjson')}"


def fast_loads(raw: bytes, limits: JsonLimits = DEFAULT_LIMITS, *, unique: bool = False) -> Any:
    """Parse an object with orjson when that is certain to agree with :func:`parse_json`.

    Returns None whenever the strict reader might answer differently (not an
    object, a duplicate key, a number orjson would round, deep nesting or long
    strings possible, orjson missing): the caller then takes the strict path,
    which finds and locates any problem. Never returns a value the strict
    reader would refuse or read differently. ``unique=True`` skips looking for
    duplicate keys, for text already read once and found to have none.
    """
    if orjson is None or len(raw) > limits.max_string_length:
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if type(data) is not dict:
        return None
    # orjson keeps the last of duplicate keys. Every ':' outside strings
    # separates a key from its value, so a dropped duplicate shows as fewer
    # colons once the parsed value is written back. Only an escaped colon
    # (\u003a) could hide one, so such text goes to the strict reader.
    # Text already in orjson's own compact form cannot have lost a key (a dropped
    # duplicate would make it shorter), which saves counting for most machine output.
    if not unique:
        if b"\\" in raw and b"\\u003" in raw:
            return None
        written = orjson.dumps(data)
        if written != raw and raw.count(b":") != written.count(b":"):
            return None
    # Free-form data (extensions, only ever on documents) may nest deeply or hold
    # numbers orjson would round to a float; the model's own fields cannot.
    if (
        ("extensions" in data or data.get("kind") == "bundle")
        and b"extensions" in raw
        and (_LONG_NUMBER.search(raw) or prescan(raw.decode("utf-8"), limits)[0])
    ):
        return None
    return data


def fast_dumps(data: Any, *, indent: bool = False) -> bytes | None:
    """Write JSON data as UTF-8 with orjson (indented as ``json.dumps(indent=2)`` writes it).

    None when orjson is missing or cannot write the data as the standard
    library would (an integer beyond 64 bits, a lone surrogate): write it
    with :mod:`json` then.
    """
    if orjson is None:
        return None
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0)
    except (TypeError, orjson.JSONEncodeError):
        return None


def loads_own(data: bytes) -> Any:
    """Read back JSON this process wrote itself (orjson where installed).

    For data rrnkit wrote, never for input: input goes through :func:`fast_loads`
    and the strict reader, which enforce the limits.
    """
    if orjson is not None:
        return orjson.loads(data)
    return json.loads(data.decode("utf-8", "surrogatepass"))
