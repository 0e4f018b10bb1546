"""Schema patterns matched in Python exactly as validators in other languages match them."""

from __future__ import annotations

import functools
import re

__all__ = ["EXTENSION_NAMESPACE_PATTERN", "portable_regex"]

EXTENSION_NAMESPACE_PATTERN = "^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+$"
"""A key of a document's ``extensions``: a dotted namespace such as ``org.example``."""


@functools.cache
def portable_regex(pattern: str) -> re.Pattern[str]:
    r"""Compile a schema pattern so Python matches it as ECMA-262 and RE2 validators do.

    In Python a final ``$`` also matches before a trailing newline; in the JSON
    Schema regex dialect it matches only at the end, so it becomes ``\Z``.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + "\\Z"
    return re.compile(pattern)
