"""One path or many: the types public functions take for paths, and the one check of them.

:data:`StrPath` is one path, a ``str`` or an ``os.PathLike[str]`` (such as a
``pathlib.Path``). :data:`Paths` is one path or an iterable of paths; a string
is always one path, never a sequence of one-character paths. Public functions
annotate their parameters with these aliases (``rrnkit.io`` exports them) and
turn what they were given into plain strings at once, with :func:`as_path` or
:func:`as_path_list`, so every later stage sees a ``list[str]``.

Bytes are refused, whether given as the path or returned by ``os.fspath``:
``b"examples"`` is also an iterable of integers, so it has no one meaning, and
rrnkit reports every path as text (problems, reports, SARIF), which a name
that is not text has no faithful form for. Decode such a name first with
``os.fsdecode`` (the file system's encoding, with ``surrogateescape``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TypeAlias

__all__ = ["Paths", "StrPath", "as_path", "as_path_list"]

StrPath: TypeAlias = str | os.PathLike[str]
"""One path: a ``str`` or an ``os.PathLike[str]`` such as a ``pathlib.Path`` (never ``bytes``)."""

Paths: TypeAlias = StrPath | Iterable[StrPath]
"""One path (``str`` or ``os.PathLike[str]``) or an iterable of them; a string is one path.

Every public function that reads several paths takes this: ``"examples/"``,
``Path("examples")``, ``["a.json", Path("b.jsonl")]``, a tuple or a generator
(read once, when the function is called). ``"-"`` is standard input where the
function reads it. ``bytes`` paths, non-iterables and iterables holding
anything but paths raise :class:`TypeError`, naming the parameter.
"""

_ONE = "a path (str or os.PathLike[str])"
_MANY = f"{_ONE} or an iterable of paths"
_BYTES = (bytes, bytearray, memoryview)


def _refused(name: str, expected: str, given: object) -> TypeError:
    """Say what ``name`` takes and what it got: the type only, never the value."""
    got = type(given).__name__
    if isinstance(given, os.PathLike):
        got += " whose __fspath__ returns bytes"
    message = f"{name}: expected {expected}, got {got}"
    if isinstance(given, (*_BYTES, os.PathLike)):
        message += "; rrnkit reports paths as text, so decode a bytes path with os.fsdecode()"
    return TypeError(message)


def as_path(path: object, name: str = "path") -> str:
    """Return ``path`` (a ``str`` or ``os.PathLike[str]``) as a ``str``, as ``os.fspath`` does.

    Raises :class:`TypeError`, naming the parameter ``name`` and the types it
    takes, for ``bytes`` (also from ``__fspath__``) and for anything that is
    not a path. The message names the type given, never the value.
    """
    if isinstance(path, str):
        return path
    if isinstance(path, os.PathLike):
        value = os.fspath(path)
        if isinstance(value, str):
            return value
    raise _refused(name, _ONE, path)


def as_path_list(paths: object, name: str = "paths") -> list[str]:
    """Return ``paths`` (one path, or an iterable of them) as a new list of ``str`` paths.

    A ``str`` or ``os.PathLike[str]`` is one path; any other iterable is read
    once, in order, each item checked by :func:`as_path` (so a generator is
    consumed here, once). An empty iterable gives an empty list. Raises
    :class:`TypeError`, naming ``name`` (``paths[2]`` for an item) and the
    types it takes, for ``bytes``, a non-iterable, or an item that is not a
    path.
    """
    if isinstance(paths, str):
        return [paths]
    if isinstance(paths, os.PathLike):
        value = os.fspath(paths)
        if isinstance(value, str):
            return [value]
        raise _refused(name, _MANY, paths)
    if isinstance(paths, _BYTES) or not isinstance(paths, Iterable):
        raise _refused(name, _MANY, paths)
    return [as_path(item, f"{name}[{index}]") for index, item in enumerate(paths)]
