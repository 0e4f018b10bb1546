"""rrnkit: evidence of restraint reduction in UK care, as one typed model and exchange format.

rrnkit checks evidence against published standards (RRN Training Standards,
BILD ACT certification, RRN membership, the Mental Health Units (Use of Force)
Act 2018). It is not a certification body and certifies no one.

The public API is what ``__all__`` lists here and in each subpackage
(``rrnkit.model``, ``rrnkit.convert``, ``rrnkit.schema``, ``rrnkit.rules``,
``rrnkit.report``, ``rrnkit.io``).
Heavier pieces load on first use, so ``import rrnkit`` stays cheap.
:func:`validate` and :func:`check` take :data:`Paths`: one path (``str`` or
``os.PathLike[str]``) or an iterable of them, a string always one path.

Rules cite clauses of frameworks (``uof-act:6(5)(a)``), each with an
:class:`~rrnkit.model.Authority` (statute, statutory guidance, national
standard...) that a rule's default severity follows. Register a framework of
your own (an organisation's policy) with :func:`register_framework` to cite it
in your own rules; :func:`framework_info` and :func:`frameworks` look them up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from rrnkit._internal.paths import Paths
from rrnkit._version import __version__
from rrnkit.problems import DocumentError, Problem

if TYPE_CHECKING:
    from rrnkit.api import check, validate
    from rrnkit.convert import dump, load
    from rrnkit.model import (
        Authority,
        FrameworkInfo,
        framework_info,
        frameworks,
        register_framework,
    )
    from rrnkit.report import Report, evaluate

__all__ = [
    "Authority",
    "DocumentError",
    "FrameworkInfo",
    "Paths",
    "Problem",
    "Report",
    "__version__",
    "check",
    "dump",
    "evaluate",
    "framework_info",
    "frameworks",
    "load",
    "register_framework",
    "validate",
]

_LAZY = {
    "check": "rrnkit.api",
    "validate": "rrnkit.api",
    "dump": "rrnkit.convert",
    "load": "rrnkit.convert",
    "Report": "rrnkit.report",
    "evaluate": "rrnkit.report",
    "Authority": "rrnkit.model",
    "FrameworkInfo": "rrnkit.model",
    "framework_info": "rrnkit.model",
    "frameworks": "rrnkit.model",
    "register_framework": "rrnkit.model",
}


def __getattr__(name: str) -> Any:
    """Load public names from their subpackages on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rrnkit' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
