"""How a pseudonymised copy is recognised: rrnkit's own marker under ``extensions``.

``rrnkit pseudonymise`` removes names, free text and other sensitive fields on
purpose, so the copy is valid but some rules (those that read removed fields)
find them missing. Every document it writes carries the marker, so reading
(any layer) can tell such a copy from an original without guessing from ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["MARKER", "PSEUDONYMISED", "is_pseudonymised"]

PSEUDONYMISED: Final = "rrnkit.pseudonymised"
"""The ``extensions`` key (a dotted namespace) that marks a pseudonymised copy."""

MARKER: Final[Mapping[str, str]] = {"scheme": "rrnkit-pseudonym/1"}
"""The marker's value: which pseudonym scheme wrote the copy (never the key)."""


def is_pseudonymised(extensions: Any) -> bool:
    """Tell whether a document's ``extensions`` (model value or JSON data) carry the marker."""
    return isinstance(extensions, Mapping) and PSEUDONYMISED in extensions
