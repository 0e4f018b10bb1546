"""rrnkit: evidence of restraint reduction in UK care, as one typed model and exchange format.

rrnkit checks evidence against published standards (RRN Training Standards,
BILD ACT certification, RRN membership, the Mental Health Units (Use of Force)
Act 2018). It is not a certification body and certifies no one.

The public API is what ``__all__`` lists here and in each subpackage
(``rrnkit.model``, ``rrnkit.convert``, ``rrnkit.schema``, ``rrnkit.rules``,
``rrnkit.report``, ``rrnkit.io``).
Heavier pieces load on first use, so ``import rrnkit`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from rrnkit._version import __version__
from rrnkit.problems import DocumentError, Problem

if TYPE_CHECKING:
    from rrnkit.api import check, validate
    from rrnkit.convert import dump, load
    from rrnkit.report import Report, evaluate

__all__ = [
    "DocumentError",
    "Problem",
    "Report",
    "__version__",
    "check",
    "dump",
    "evaluate",
    "load",
    "validate",
]

_LAZY = {
    "check": "rrnkit.api",
    "validate": "rrnkit.api",
    "dump": "rrnkit.convert",
    "load": "rrnkit.convert",
    "Report": "rrnkit.report",
    "evaluate": "rrnkit.report",
}


def __getattr__(name: str) -> Any:
    """Load public names from their subpackages on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rrnkit' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
