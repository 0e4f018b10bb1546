"""Counts in words, for messages and summaries ("1 record", "2 records").

The report's text summary and the command line's own summaries count things
the same way; this module imports nothing of rrnkit's, so both can use it.
"""

from __future__ import annotations

__all__ = ["plural"]


def plural(n: int, word: str) -> str:
    """Return ``n`` and the word, in the plural unless n is one ("1 file", "2 files")."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
