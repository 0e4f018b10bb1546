"""Reading documents from files, folders and standard input, with every problem located.

Each ``.json`` file holds one document; each non-blank line of a ``.jsonl`` or
``.ndjson`` file holds one document and is read one at a time, so a stream of
any length is processed in constant memory. ``-`` is standard input. Every
record read is either valid or invalid; nothing is silently dropped. For a
whole run with a report, use :func:`rrnkit.validate` or :func:`rrnkit.check`.

Functions that read several paths take :data:`Paths`: one path (``str`` or
``os.PathLike[str]``, the :data:`StrPath` alias) or an iterable of them. A
string is one path. ``bytes`` paths are refused with :class:`TypeError`
(decode them with ``os.fsdecode``), as is an iterable holding anything but
paths; the message names the parameter.
"""

from __future__ import annotations

from rrnkit._internal.paths import Paths, StrPath
from rrnkit.convert import JsonLimits
from rrnkit.io._read import (
    DOCUMENT_SUFFIXES,
    STDIN,
    STREAM_SUFFIXES,
    Reader,
    ReadLog,
    RecordResult,
    duplicate_id,
    expand_paths,
    iter_records,
    load_text,
    unreadable,
)

__all__ = [
    "DOCUMENT_SUFFIXES",
    "STDIN",
    "STREAM_SUFFIXES",
    "JsonLimits",
    "Paths",
    "ReadLog",
    "Reader",
    "RecordResult",
    "StrPath",
    "duplicate_id",
    "expand_paths",
    "iter_records",
    "load_text",
    "unreadable",
]
