"""Problems: what is wrong with an input, as data with a stable code and a location.

Every stage (reading, parsing, schema, model) reports problems this way, never
as a traceback or a bare string. Messages say what is wrong with a value and
never what the value is, because inputs hold special-category personal data.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from rrnkit._internal.fields import doc

JSON_POINTER_PATTERN = "^(/([^/~]|~[01])*)*$"
"""An RFC 6901 JSON Pointer: empty (the whole document) or ``/``-prefixed tokens."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input document, located by file, line and JSON Pointer.

    Each field's description is attrs metadata (``rrnkit._internal.fields``),
    read by the report's JSON Schema; unknown places are ``None``.
    """

    code: str = attrs.field(
        metadata=doc(
            "Stable machine-readable code, e.g. field.required or json.syntax.", minLength=1
        )
    )
    message: str = attrs.field(
        metadata=doc("What is wrong, in words safe to show (never containing input values).")
    )
    pointer: str = attrs.field(
        default="",
        metadata=doc(
            "RFC 6901 JSON Pointer to where in the document the problem is (empty: all of it).",
            pattern=JSON_POINTER_PATTERN,
        ),
    )
    source: str | None = attrs.field(
        default=None,
        metadata=doc("The file the document came from (- for standard input), or null."),
    )
    line: int | None = attrs.field(
        default=None, metadata=doc("1-based line in the source, or null.", minimum=1)
    )
    column: int | None = attrs.field(
        default=None,
        metadata=doc("1-based column in the source (in Unicode code points), or null.", minimum=1),
    )

    def located(
        self, *, source: str | None = None, line: int | None = None, column: int | None = None
    ) -> Problem:
        """Return a copy with the file and line filled in where they were missing."""
        return attrs.evolve(
            self,
            source=self.source if self.source is not None else source,
            line=self.line if self.line is not None else line,
            column=self.column if self.column is not None else column,
        )

    def __str__(self) -> str:
        """Render as ``file:line: /pointer: code: message``."""
        where = printable(self.source or "<input>")
        if self.line is not None:
            where = f"{where}:{self.line}"
        message = printable(self.message)
        if self.line is None and not self.pointer:
            return f"{where}: {self.code}: {message}"
        return f"{where}: {printable(self.pointer) or '/'}: {self.code}: {message}"


class DocumentError(ValueError):
    """A document could not be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Collect the problems; the message counts them and shows the first."""
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        first = str(self.problems[0]) if self.problems else "no detail"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")


def printable(text: str) -> str:
    r"""Escape what a terminal or a line-based reader must not receive raw.

    Line breaks, control characters (terminal escape sequences among them) and
    lone surrogates (undecodable file names, escaped keys) become visible escapes
    such as ``\n``, ``\x1b`` and ``\udcff``, so input can never split, forge or
    colour a report line, nor stop the report from being written as UTF-8.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def escape_token(token: str | int) -> str:
    """Escape one JSON Pointer reference token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(parent: str, *tokens: str | int) -> str:
    """Append reference tokens to a JSON Pointer."""
    return parent + "".join("/" + escape_token(t) for t in tokens)
