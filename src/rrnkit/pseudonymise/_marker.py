"""How a pseudonymised copy says what it is: a marker under its ``extensions``."""

from __future__ import annotations

from typing import Final

from rrnkit._internal.pseudonymised import PSEUDONYMISED, is_pseudonymised
from rrnkit.model import Document

__all__ = ["PSEUDONYMISED_EXTENSION", "is_pseudonymised_copy"]

PSEUDONYMISED_EXTENSION: Final = PSEUDONYMISED
"""The ``extensions`` key every pseudonymised document carries (``rrnkit.pseudonymised``),
with the pseudonym scheme as its value (``{"scheme": "rrnkit-pseudonym/1"}``, never the
key). ``check``, ``validate`` and ``study trend`` count documents that carry it."""


def is_pseudonymised_copy(document: Document) -> bool:
    """Tell whether ``document`` is a pseudonymised copy (it carries the marker)."""
    return is_pseudonymised(document.extensions)
