"""Reading documents from files, folders and standard input, with every problem located.

Each ``.json`` file holds one document; each non-blank line of a ``.jsonl`` or
``.ndjson`` file holds one document and is read one at a time, so a stream of
any length is processed in constant memory. ``-`` is standard input. Every
record read is either valid or invalid; nothing is silently dropped. For a
whole run with a report, use :func:`rrnkit.validate` or :func:`rrnkit.check`.
"""

from __future__ import annotations

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
    "ReadLog",
    "Reader",
    "RecordResult",
    "duplicate_id",
    "expand_paths",
    "iter_records",
    "load_text",
    "unreadable",
]
