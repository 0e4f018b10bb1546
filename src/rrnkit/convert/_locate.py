"""Where things are in JSON text: a JSON Pointer back to a line and column.

Problems found after parsing (a schema error, a rule's finding) carry a JSON
Pointer; :func:`locate` and :func:`locate_all` map pointers back to the
1-based line and column where the value starts in the original text, so
messages can point into the file without quoting it. Work best-effort on
malformed text and never recurse, whatever the nesting.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from typing import Final

from rrnkit.convert._scan import (
    DEPTH_DELTA,
    DUPLICATE,
    END,
    SCALAR_RE,
    STRING_RE,
    VALUE,
    decode_key,
    line_col,
    pointer_tokens,
    skip_ws,
    text_start,
    walk,
)

__all__ = ["container_at", "locate", "locate_all", "locate_duplicate_key", "offset_of"]

# A string token whose closing quote may be missing (so a match never fails once
# started, which keeps scans linear on malformed text), or one structural bracket.
_SKIP_RE: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
_ARRAY_INDEX_RE: Final = re.compile(r"0|[1-9][0-9]*")
_PLAIN_DECODER: Final = json.JSONDecoder()


def _skip_value(text: str, pos: int) -> int:
    """Return the offset just past the value at ``pos``; ``pos`` itself if there is none."""
    if pos >= len(text):
        return pos
    char = text[pos]
    if char == '"':
        match = STRING_RE.match(text, pos)
        return match.end() if match else pos
    if char in "[{":
        try:  # the C decoder is fastest, when it can read the value
            return _PLAIN_DECODER.raw_decode(text, pos)[1]
        except (ValueError, RecursionError):
            pass
        depth = 0
        for match in _SKIP_RE.finditer(text, pos):
            char = text[match.start()]
            if char == '"':
                continue
            depth += DEPTH_DELTA[char]
            if depth == 0:
                return match.end()
        return len(text)
    match = SCALAR_RE.match(text, pos)
    return match.end() if match else pos


def _find_member(text: str, pos: int, name: str, *, at_key: bool = False) -> int | None:
    """Return the offset of the first member value (or key) ``name`` of the object at ``pos``."""
    n = len(text)
    pos = skip_ws(text, pos + 1)
    while pos < n and text[pos] == '"':
        match = STRING_RE.match(text, pos)
        if match is None:
            return None
        key = decode_key(match.group())
        pos = skip_ws(text, match.end())
        if pos >= n or text[pos] != ":":
            return None
        pos = skip_ws(text, pos + 1)
        if key == name:
            return match.start() if at_key else pos
        next_item = _after_item(text, pos)
        if next_item is None:
            return None
        pos = next_item
    return None


def _after_item(text: str, pos: int) -> int | None:
    """Return where the next member or element starts after the value at ``pos``, or None."""
    end = _skip_value(text, pos)
    if end == pos:
        return None
    pos = skip_ws(text, end)
    if pos >= len(text) or text[pos] != ",":
        return None
    return skip_ws(text, pos + 1)


def _find_element(text: str, pos: int, token: str) -> int | None:
    """Return the offset of element ``token`` of the array at ``pos``."""
    n = len(text)
    if not _ARRAY_INDEX_RE.fullmatch(token) or len(token) > len(str(n)):
        return None
    index = int(token)
    pos = skip_ws(text, pos + 1)
    for _ in range(index):
        next_item = _after_item(text, pos)
        if next_item is None:
            return None
        pos = next_item
    if pos >= n or text[pos] in "]},:":
        return None
    return pos


def _locate_offset(text: str, start: int, tokens: list[str]) -> int:
    pos = skip_ws(text, start)
    for token in tokens:
        if pos >= len(text):
            break
        char = text[pos]
        if char == "{":
            found = _find_member(text, pos, token)
        elif char == "[":
            found = _find_element(text, pos, token)
        else:
            break
        if found is None:
            break
        pos = found
    return pos


def locate(text: str, pointer: str) -> tuple[int, int]:
    """Return the 1-based (line, column) where the value at ``pointer`` starts in ``text``.

    If the pointer names something that does not exist (a missing member, an
    index past the end, ``-``), the position of the deepest existing ancestor
    is returned, so a message about a missing member points at the object that
    lacks it. With duplicate keys, the first occurrence is followed. Works
    best-effort on malformed text and never recurses, whatever the nesting.

    Raises ValueError if ``pointer`` is not a syntactically valid JSON Pointer.
    """
    tokens = pointer_tokens(pointer)
    start = text_start(text)
    return line_col(text, _locate_offset(text, start, tokens), start)


def locate_all(text: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Locate many pointers with one pass over ``text`` (as :func:`locate` does each).

    Locating problems one by one rescans the text for each, which is quadratic
    when a large record has many problems; this walks it once.
    """
    wanted = set(pointers)
    for pointer in wanted:
        pointer_tokens(pointer)  # refuse malformed pointers as locate does
    ancestors = {""}
    for pointer in wanted:
        cut = pointer.find("/", 1)
        while cut != -1:
            ancestors.add(pointer[:cut])
            cut = pointer.find("/", cut + 1)
        ancestors.add(pointer)
    start = text_start(text)
    offsets: dict[str, int] = {}
    for event, offset, pointer, _lexeme, _depth in walk(text, start):
        if event == VALUE and pointer in ancestors and pointer not in offsets:
            offsets[pointer] = offset
    newlines = [m.start() for m in re.finditer("\n", text)]
    found: dict[str, tuple[int, int]] = {}
    for pointer in wanted:
        target = pointer
        while target not in offsets and target:
            target = target[: target.rfind("/")]
        offset = max(start, min(offsets.get(target, start), len(text)))
        before = bisect.bisect_left(newlines, offset, lo=0)
        first = bisect.bisect_left(newlines, start)
        line = before - first + 1
        line_start = newlines[before - 1] + 1 if before > first else start
        found[pointer] = (line, offset - line_start + 1)
    return found


def locate_duplicate_key(text: str) -> tuple[int, int, str] | None:
    """Find the first repeated key in any object of ``text``.

    Return ``(line, column, pointer)``: the position of the second occurrence
    of the key and the JSON Pointer of the object holding it, or None if no
    object repeats a key (as far as the text can be read).
    """
    start = text_start(text)
    for event, offset, pointer, _token, _depth in walk(text, start):
        if event == DUPLICATE:
            line, column = line_col(text, offset, start)
            return line, column, pointer
    return None


def container_at(text: str, offset: int) -> str:
    """Return the pointer of the innermost container open at ``offset`` ("" if none)."""
    open_pointers: list[str] = []
    for event, where, pointer, lexeme, _depth in walk(text, 0):
        if where >= offset:
            break
        if event == VALUE and lexeme in "[{":
            open_pointers.append(pointer)
        elif event == END and open_pointers:
            open_pointers.pop()
    return open_pointers[-1] if open_pointers else ""


def offset_of(text: str, pointer: str, *, at_key: bool = False) -> int:
    """Return the offset of the value at ``pointer`` (with ``at_key``, of its member's key)."""
    tokens = pointer_tokens(pointer)
    if not (at_key and tokens):
        return _locate_offset(text, 0, tokens)
    parent = _locate_offset(text, 0, tokens[:-1])
    if parent < len(text) and text[parent] == "{":
        found = _find_member(text, parent, tokens[-1], at_key=True)
        if found is not None:
            return found
    return parent
