"""What the generated reference pages share: table cells and writing a page."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["cell", "write_page"]


def cell(text: str) -> str:
    """Return text fit for one Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def write_page(text: str, argv: list[str]) -> int:
    """Write a generated page to the path in ``argv``, or to standard output; return 0."""
    if argv:
        Path(argv[0]).parent.mkdir(parents=True, exist_ok=True)
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
