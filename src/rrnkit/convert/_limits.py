"""What the strict JSON reader refuses, and how it says so.

:class:`JsonLimits` bounds what one record may cost to read (nesting, string
and integer length, record size); :class:`JsonSyntaxError` is how the reader
reports text it will not accept, with a stable code from
:data:`JSON_ERROR_CODES`, a line and column, and a JSON Pointer, never a piece
of the input (documents hold special-category personal data).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["DEFAULT_LIMITS", "JSON_ERROR_CODES", "JsonLimits", "JsonSyntaxError"]

JSON_ERROR_CODES: Final[frozenset[str]] = frozenset(
    {
        "json.syntax",
        "json.duplicate-key",
        "json.non-finite-number",
        "json.number-too-large",
        "json.too-deep",
        "json.string-too-long",
        "json.empty",
    }
)
"""Every code a :class:`JsonSyntaxError` may carry.

JSON that is well formed but not an object is no document:
``document.not-an-object``, found with the envelope.
"""


class JsonSyntaxError(ValueError):
    """Raised when text is not acceptable JSON.

    ``message`` never contains any part of the input's keys or values.
    ``str()`` gives ``line L, column C: code: message``; the pointer is kept
    out of it (it may name keys) and is available as ``pointer``.
    """

    code: str
    """Stable code, one of :data:`JSON_ERROR_CODES`."""
    message: str
    """What is wrong, in words that never quote the input."""
    line: int
    """1-based line of the problem."""
    column: int
    """1-based column of the problem (in code points)."""
    pointer: str
    """JSON Pointer of the place of the problem; ``""`` is the root or unknown."""

    def __init__(self, code: str, message: str, line: int, column: int, pointer: str = "") -> None:
        super().__init__(code, message, line, column, pointer)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.pointer = pointer

    def __str__(self) -> str:
        """Render as ``line L, column C: code: message``."""
        return f"line {self.line}, column {self.column}: {self.code}: {self.message}"


@dataclass(frozen=True)
class JsonLimits:
    """Resource limits applied by :func:`parse_json`."""

    max_depth: int = 64
    """Deepest allowed nesting of arrays and objects (the root container is level 1)."""
    max_string_length: int = 1_000_000
    """Longest allowed string, key or value, in characters after unescaping."""
    max_integer_digits: int = 30
    """Integers with more digits than this are rejected."""
    max_record_bytes: int = 64 * 1024 * 1024
    """Largest ``.json`` file or JSONL line the reader parses (bytes); larger is refused."""

    def __post_init__(self) -> None:
        """Reject limits that make no sense."""
        if (
            self.max_depth < 0
            or self.max_string_length < 0
            or self.max_integer_digits < 1
            or self.max_record_bytes < 1
        ):
            raise ValueError("JsonLimits values must be non-negative (max_integer_digits >= 1)")


DEFAULT_LIMITS: Final = JsonLimits()
"""The limits used when a caller gives none."""
