"""Choose a renderer by format name."""

from __future__ import annotations

import json
from collections.abc import Iterable

from rrnkit.report._report import Report
from rrnkit.report._text import render_text
from rrnkit.rules import Rule

FORMATS = ("text", "json", "sarif")
"""Report formats every command that reports can write."""


def outcomes_to_keep(fmt: str, asked: str) -> str:
    """Return the outcomes a check must keep to render ``fmt``: ``"all"`` or ``"findings"``.

    The text report lists only findings, so keeping the other outcomes would
    only cost memory; ``json`` and ``sarif`` list what was ``asked``.
    """
    return "findings" if fmt == "text" else asked


def _json_text(data: object) -> str:
    """Write JSON as readable UTF-8; a lone surrogate from the input stays a JSON escape."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def render(report: Report, fmt: str = "text", rules: Iterable[Rule] = ()) -> str:
    """Render a report as ``text``, ``json`` or ``sarif`` (rules describe SARIF's rules)."""
    if fmt == "text":
        return render_text(report)
    if fmt == "json":
        from rrnkit.report._json import report_to_json

        return _json_text(report_to_json(report))
    if fmt == "sarif":
        from rrnkit.report._sarif import report_to_sarif

        return _json_text(report_to_sarif(report, rules))
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
