"""Choose a renderer by format name."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from rrnkit.convert import fast_dumps
from rrnkit.report._report import Report
from rrnkit.report._text import render_text
from rrnkit.rules import Result, Rule

FORMATS = ("text", "json", "sarif", "html")
"""Report formats every command that reports can write (``html`` needs the ``report`` extra)."""

HTML_MAX_LISTED = 1000
"""Problems and findings an HTML page lists by default (problems first); the rest are counted."""


def outcomes_to_keep(fmt: str, asked: str) -> str:
    """Return the outcomes a check must keep to render ``fmt``: ``"all"`` or ``"findings"``.

    The text report lists only findings, so keeping the other outcomes would
    only cost memory; ``json``, ``sarif`` and ``html`` list what was ``asked``
    (the HTML page counts every outcome it is given by framework and authority).
    """
    return "findings" if fmt == "text" else asked


def _json_text(data: object) -> str:
    """Write JSON as readable UTF-8; a lone surrogate from the input stays a JSON escape."""
    return _safe(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


_BATCH = 256
"""Items a streamed list lays out at once."""

_ITEMS = "\x00rrnkit-items\x00"
"""Stands for the list a writer streams, while the rest of the document is laid out."""


def _safe(text: str) -> str:
    """Keep a lone surrogate from the input as a JSON escape, so the text is valid UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _stream_json(
    layout: Callable[[list[Any]], dict[str, Any]],
    items: Iterator[dict[str, Any]],
    write: Callable[[str], None],
) -> None:
    """Write a JSON document whose one long list is streamed item by item.

    ``layout`` builds the document around the list it is given. The text is
    exactly what ``json.dumps(document, indent=2)`` writes with the whole list
    in place, but the list is never held: the part after it is laid out again
    once every item is written (writing items may add to it, as SARIF's
    artifacts).
    """
    first = next(items, None)
    if first is None:
        write(_json_text(layout([])))
        return
    text = _json_text(layout([_ITEMS]))
    marker = json.dumps(_ITEMS)
    at = text.index(marker)
    start = text.rindex("\n", 0, at) + 1
    indent = " " * (at - start)
    write(text[:start])

    def item_text(item: dict[str, Any]) -> str:
        fast = fast_dumps(item, indent=True)
        dumped = (
            fast.decode("utf-8")
            if fast is not None
            else _safe(json.dumps(item, indent=2, ensure_ascii=False))
        )
        return indent + dumped.replace("\n", "\n" + indent)

    def batch_text(batch: list[dict[str, Any]]) -> str:
        # a batch laid out at once costs far less than its items one by one
        fast = fast_dumps(batch, indent=True) if len(indent) >= 2 else None
        if fast is None:
            return ",\n".join(map(item_text, batch))
        inner = fast[2:-2].decode("utf-8")  # the items of "[\n  ...\n]", two spaces in
        extra = indent[2:]
        return extra + inner.replace("\n", "\n" + extra) if extra else inner

    write(batch_text([first, *itertools.islice(items, _BATCH - 1)]))
    while batch := list(itertools.islice(items, _BATCH)):
        write(",\n")
        write(batch_text(batch))
    text = _json_text(layout([_ITEMS]))
    write(text[text.index("\n", text.index(marker)) :])


def write_report(
    report: Report,
    fmt: str,
    write: Callable[[str], None],
    rules: Iterable[Rule] = (),
    *,
    max_listed: int | None = HTML_MAX_LISTED,
    unit_of: Callable[[Result], str | None] | None = None,
) -> None:
    """Write a report as ``text``, ``json``, ``sarif`` or ``html`` in pieces, through ``write``.

    Results are written one at a time, so a report that keeps every outcome
    (held on disk past a bound) is written in bounded memory. ``max_listed``
    and ``unit_of`` are for ``html`` only: the page lists at most
    ``max_listed`` problems and findings (None: all), and ``unit_of`` gives a
    finding's unit for its filters. ``html`` raises :class:`ImportError`
    naming the ``report`` extra when Jinja2 is not installed.
    """
    if fmt == "html":
        from rrnkit.report._html import write_html  # Jinja2 is imported only for a page

        write_html(report, write, rules, max_listed=max_listed, unit_of=unit_of)
    elif fmt == "text":
        write(render_text(report))
    elif fmt == "json":
        from rrnkit.report._json import report_to_json, result_to_json

        envelope = report_to_json(attrs.evolve(report, results=()))

        def json_layout(results: list[Any]) -> dict[str, Any]:
            return {**envelope, "results": results}

        # a spool of every outcome lays its results out straight from their plain values
        laid_out = getattr(report.results, "json_items", None)
        items = laid_out() if callable(laid_out) else map(result_to_json, report.results)
        _stream_json(json_layout, items, write)
    elif fmt == "sarif":
        from rrnkit.report._sarif import sarif_parts

        log, items = sarif_parts(report, rules)

        def sarif_layout(results: list[Any]) -> dict[str, Any]:
            run = {**log["runs"][0], "results": results}
            return {**log, "runs": [run]}

        _stream_json(sarif_layout, items, write)
    else:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render(
    report: Report,
    fmt: str = "text",
    rules: Iterable[Rule] = (),
    *,
    max_listed: int | None = HTML_MAX_LISTED,
) -> str:
    """Render a report as ``text``, ``json``, ``sarif`` or ``html``.

    ``rules`` describe SARIF's rules and give the HTML page each rule's
    reading; ``max_listed`` caps the HTML page's lists (see :func:`write_report`).
    """
    pieces: list[str] = []
    write_report(report, fmt, pieces.append, rules, max_listed=max_listed)
    return "".join(pieces)
