"""Refusing a name that is not known: what was wrong, a "did you mean", and what is allowed.

The rule API (rule kinds, rule ids, tags, frameworks, parameters and their
codes) and the command line refuse unknown names with one message shape, so a
typo reads the same wherever it is made. Names here are never sensitive (rule
ids, kinds, codes), so messages show them. This module imports nothing of
rrnkit's.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable

__all__ = ["LIST_AT_MOST", "UnknownNameError", "closest", "unknown_names"]

LIST_AT_MOST = 40
"""A message lists every allowed name up to this many; past it, it counts them."""


class UnknownNameError(KeyError, ValueError):
    """A name that is not among the allowed ones (a ``KeyError`` and a ``ValueError``).

    ``str()`` gives the message itself (a plain ``KeyError`` would quote it).
    """

    def __str__(self) -> str:
        """Return the message unquoted."""
        return str(self.args[0]) if self.args else ""


def closest(name: str, known: Iterable[str]) -> str | None:
    """Return the known name nearest to ``name`` (difflib), or None when none is close."""
    if not isinstance(name, str):
        return None
    matches = difflib.get_close_matches(name, list(known), n=1)
    if not matches:
        # Case alone ("UOF-S6-a", "TNA") is a near miss difflib scores low.
        folded = {k.casefold(): k for k in known}
        return folded.get(name.casefold())
    return matches[0]


def unknown_names(
    what: str,
    given: Iterable[object],
    known: Collection[str],
    *,
    where: str = "",
    allowed: str | None = None,
    plural: str | None = None,
) -> str:
    """Return the message refusing ``given`` names of ``what`` that are not in ``known``.

    ``what`` names one item ("rule id"), ``plural`` several (``what + "s"`` by
    default); ``where`` says where they were looked for ("in rule set 'x'"). The
    message names each unknown name, the nearest known name where one is close,
    and what is allowed: ``allowed`` when given, else every known name (sorted),
    or how many there are past :data:`LIST_AT_MOST`.
    """
    several = plural or f"{what}s"
    names = list(dict.fromkeys(given))
    shown = []
    for name in names:
        near = closest(name, known) if isinstance(name, str) else None
        hint = f" (did you mean {near!r}?)" if near is not None else ""
        shown.append(f"{name!r}{hint}")
    head = f"unknown {what if len(names) == 1 else several} {', '.join(shown)}"
    if where:
        head += f" {where}"
    if allowed is None:
        if not known:
            allowed = f"there are no {several}"
        elif len(known) <= LIST_AT_MOST:
            allowed = f"allowed {several}: {', '.join(sorted(known))}"
        else:
            allowed = f"there are {len(known)} {several}"
    return f"{head}; {allowed}"
