"""Reading documents from files, folders and streams, with every problem located.

Each ``.json`` file holds one document; each non-blank line of a ``.jsonl`` or
``.ndjson`` file holds one document and is read one at a time, so a stream of
any length is processed in constant memory. Every record read is either valid
or invalid (``read == valid + invalid``); nothing is silently dropped.
"""

from __future__ import annotations

from rrnkit.io._json import JsonLimits
from rrnkit.io._read import (
    DOCUMENT_SUFFIXES,
    RecordResult,
    ValidationSummary,
    iter_records,
    load_text,
    read_documents,
    validate_paths,
)

__all__ = [
    "DOCUMENT_SUFFIXES",
    "JsonLimits",
    "ReadResult",
    "RecordResult",
    "ValidationSummary",
    "iter_records",
    "load_text",
    "read_documents",
    "validate_paths",
]

ReadResult = ValidationSummary
"""Alias kept for readers of the top-level API."""
