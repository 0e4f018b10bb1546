"""Scanning JSON text without building values: positions, keys and a lenient walk.

The strict reader and the locator both need to find places in the original
text: a line and column for an offset, the key a string token spells, and
:func:`walk`, which goes through the text in document order reporting where
each value starts, each repeated key and each container's end, with the JSON
Pointer of each. Nothing here recurses, so any nesting is safe.

A leading byte order mark (U+FEFF) is not counted as a column, matching how
editors display such files. Lines end at line feeds only, as in the standard
:mod:`json` module.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Final

from rrnkit.problems import escape_token

__all__ = [
    "BOM",
    "DEPTH_DELTA",
    "DUPLICATE",
    "END",
    "JSON_WS",
    "SCALAR_RE",
    "STRING_RE",
    "VALUE",
    "decode_key",
    "line_col",
    "pointer_tokens",
    "skip_ws",
    "text_start",
    "walk",
]

BOM: Final = "\ufeff"
JSON_WS: Final = " \t\n\r"

# A complete JSON string token (escapes are not validated here).
STRING_RE: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# Anything the tokenizer takes for a number or literal (deliberately lenient).
SCALAR_RE: Final = re.compile(r'[^ \t\n\r,:\[\]{}"]+')
_WS_RE: Final = re.compile(r"[ \t\n\r]*")
DEPTH_DELTA: Final = {"[": 1, "{": 1, "]": -1, "}": -1}

VALUE: Final = 0  # a value starts; lexeme is "{", "[", '"' or the scalar's text
DUPLICATE: Final = 1  # a key repeats in its object; offset is the repeated key
END: Final = 2  # a container closes

_S_VALUE: Final = 0
_S_KEY: Final = 1
_S_AFTER: Final = 2


def pointer_tokens(pointer: str) -> list[str]:
    """Split a JSON Pointer into its unescaped reference tokens (RFC 6901)."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError("a non-empty JSON Pointer must start with '/'")
    tokens = pointer[1:].split("/")
    for token in tokens:
        if re.search(r"~(?![01])", token):
            raise ValueError("'~' in a JSON Pointer must be followed by '0' or '1'")
    return [t.replace("~1", "/").replace("~0", "~") for t in tokens]


def text_start(text: str) -> int:
    """Return where the JSON text starts: past a leading byte order mark, if any."""
    return 1 if text.startswith(BOM) else 0


def line_col(text: str, offset: int, start: int = 0) -> tuple[int, int]:
    """Return the 1-based (line, column) of ``offset``, counting from ``start``."""
    offset = max(start, min(offset, len(text)))
    line = text.count("\n", start, offset) + 1
    newline = text.rfind("\n", start, offset)
    line_start = newline + 1 if newline >= 0 else start
    return line, offset - line_start + 1


def skip_ws(text: str, pos: int) -> int:
    """Return the offset of the first character at or after ``pos`` that is not JSON whitespace."""
    match = _WS_RE.match(text, pos)
    return match.end() if match else pos


def decode_key(token: str) -> str:
    """Return the key a string token spells (its raw inside when it cannot be decoded)."""
    try:
        key = json.loads(token)
    except ValueError:
        return token[1:-1]
    return key if isinstance(key, str) else token[1:-1]


class _Frame:
    """An array or object the walk is inside."""

    __slots__ = ("index", "is_object", "pointer", "seen")

    def __init__(self, is_object: bool, pointer: str) -> None:
        self.is_object = is_object
        self.pointer = pointer
        self.index = 0
        self.seen: set[str] = set()


def walk(text: str, start: int) -> Iterator[tuple[int, int, str, str, int]]:
    """Yield ``(event, offset, pointer, lexeme, depth)`` for the text, in document order.

    Iterative, so any nesting is safe. Lenient: it accepts everything the
    standard decoder accepts and stops silently where the text stops making
    sense. ``depth`` counts the enclosing containers, including the value
    itself when it is a container.
    """
    n = len(text)
    stack: list[_Frame] = []
    pos = skip_ws(text, start)
    pointer = ""
    state = _S_VALUE
    while True:
        if state == _S_VALUE:
            if pos >= n:
                return
            char = text[pos]
            if char in "[{":
                frame = _Frame(char == "{", pointer)
                stack.append(frame)
                yield VALUE, pos, pointer, char, len(stack)
                pos = skip_ws(text, pos + 1)
                if pos < n and text[pos] == ("}" if frame.is_object else "]"):
                    yield END, pos, pointer, text[pos], len(stack)
                    stack.pop()
                    pos += 1
                    state = _S_AFTER
                elif frame.is_object:
                    state = _S_KEY
                else:
                    pointer = f"{frame.pointer}/0"
                continue
            if char == '"':
                match = STRING_RE.match(text, pos)
                lexeme = '"'
            else:
                match = SCALAR_RE.match(text, pos)
                lexeme = match.group() if match else ""
            if match is None:
                return
            yield VALUE, pos, pointer, lexeme, len(stack)
            pos = match.end()
            state = _S_AFTER
        elif state == _S_KEY:
            match = STRING_RE.match(text, pos)
            if match is None:
                return
            frame = stack[-1]
            key = decode_key(match.group())
            if key in frame.seen:
                yield DUPLICATE, pos, frame.pointer, "", len(stack)
            else:
                frame.seen.add(key)
            pos = skip_ws(text, match.end())
            if pos >= n or text[pos] != ":":
                return
            pos = skip_ws(text, pos + 1)
            pointer = f"{frame.pointer}/{escape_token(key)}"
            state = _S_VALUE
        else:
            if not stack:
                return
            pos = skip_ws(text, pos)
            if pos >= n:
                return
            frame = stack[-1]
            char = text[pos]
            if char == ",":
                pos = skip_ws(text, pos + 1)
                if frame.is_object:
                    state = _S_KEY
                else:
                    frame.index += 1
                    pointer = f"{frame.pointer}/{frame.index}"
                    state = _S_VALUE
            elif char == ("}" if frame.is_object else "]"):
                yield END, pos, frame.pointer, char, len(stack)
                stack.pop()
                pos += 1
            else:
                return
