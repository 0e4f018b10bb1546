"""Strict JSON reading that reports every problem with a location and never echoes data.

Documents read by rrnkit hold special-category personal data, so nothing here
ever puts a key or a value from the input into an error message. Errors carry a
stable code, a 1-based line and column, and the RFC 6901 JSON Pointer of the
place in the document where the problem is.

:func:`parse_json` is a thin, guarded wrapper around the standard library's C
decoder. :func:`locate` maps a JSON Pointer back to a line and column in the
original text, for error messages about values that parsed but are invalid.

A leading byte order mark (U+FEFF) is accepted and is not counted as a column,
matching how editors display such files. Lines end at line feeds only, as in the
standard :mod:`json` module.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, Final, NoReturn

try:  # an accelerator with wheels for every mainstream platform; optional all the same
    if os.environ.get("RRNKIT_PURE_PYTHON"):
        raise ImportError("RRNKIT_PURE_PYTHON is set")
    import orjson
except ImportError:  # exercised by CI's pure-Python run
    orjson = None  # type: ignore[assignment]

__all__ = [
    "JSON_ERROR_CODES",
    "JsonLimits",
    "JsonSyntaxError",
    "locate",
    "locate_duplicate_key",
    "parse_json",
    "pointer_join",
]

JSON_ERROR_CODES: Final[frozenset[str]] = frozenset(
    {
        "json.syntax",
        "json.duplicate-key",
        "json.non-finite-number",
        "json.number-too-large",
        "json.too-deep",
        "json.string-too-long",
        "json.not-an-object",
        "json.empty",
    }
)
"""Every code a :class:`JsonSyntaxError` may carry (``json.not-an-object`` is reserved)."""

_BOM: Final = "\ufeff"
_JSON_WS: Final = " \t\n\r"

# A complete JSON string token (escapes are not validated here).
_STRING_RE: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# A string token whose closing quote may be missing (so a match never fails once
# started, which keeps scans linear on malformed text), or one structural bracket.
_SKIP_RE: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
# Anything the tokenizer takes for a number or literal (deliberately lenient).
_SCALAR_RE: Final = re.compile(r'[^ \t\n\r,:\[\]{}"]+')
_WS_RE: Final = re.compile(r"[ \t\n\r]*")
# The number grammar of the standard library's scanner, ASCII digits only.
_NUMBER_RE: Final = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_ARRAY_INDEX_RE: Final = re.compile(r"0|[1-9][0-9]*")
_DEPTH_DELTA: Final = {"[": 1, "{": 1, "]": -1, "}": -1}
_MAX_REPEAT: Final = 2**31 - 1  # within the re module's repeat limit on all platforms
_NOT_STRUCTURE: Final = bytes(b for b in range(256) if b not in b'"[]{}')
_BRACKETS_ONLY: Final = bytes.maketrans(b"{}", b"[]")
_BYTE_DEPTH_DELTA: Final = tuple(_DEPTH_DELTA.get(chr(b), 0) for b in range(256))
_NON_FINITE: Final = ("NaN", "Infinity", "-Infinity")

# Messages of json.JSONDecodeError from the C and pure-Python decoders. Only these
# fixed phrases are passed on; the pure-Python decoder appends the offending
# character to some of them, and that is dropped.
_DECODER_MESSAGES: Final = (
    "Expecting value",
    "Expecting property name enclosed in double quotes",
    "Expecting ':' delimiter",
    "Expecting ',' delimiter",
    "Invalid control character",
    "Invalid \\uXXXX escape",
    "Invalid \\escape",
    "Unterminated string",
    "Extra data",
    "Illegal trailing comma before end of object",
    "Illegal trailing comma before end of array",
    "Unexpected UTF-8 BOM",
)


class JsonSyntaxError(ValueError):
    """Raised when text is not acceptable JSON.

    ``message`` never contains any part of the input's keys or values.
    ``str()`` gives ``line L, column C: code: message``; the pointer is kept
    out of it (it may name keys) and is available as ``pointer``.
    """

    code: str
    """Stable code, one of :data:`JSON_ERROR_CODES`."""
    message: str
    """What is wrong, in words that never quote the input."""
    line: int
    """1-based line of the problem."""
    column: int
    """1-based column of the problem (in code points)."""
    pointer: str
    """JSON Pointer of the place of the problem; ``""`` is the root or unknown."""

    def __init__(self, code: str, message: str, line: int, column: int, pointer: str = "") -> None:
        super().__init__(code, message, line, column, pointer)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.pointer = pointer

    def __str__(self) -> str:
        """Render as ``line L, column C: code: message``."""
        return f"line {self.line}, column {self.column}: {self.code}: {self.message}"


@dataclass(frozen=True)
class JsonLimits:
    """Resource limits applied by :func:`parse_json`."""

    max_depth: int = 64
    """Deepest allowed nesting of arrays and objects (the root container is level 1)."""
    max_string_length: int = 1_000_000
    """Longest allowed string, key or value, in characters after unescaping."""
    max_integer_digits: int = 30
    """Integers with more digits than this are rejected."""
    max_record_bytes: int = 64 * 1024 * 1024
    """Largest ``.json`` file or JSONL line the reader parses (bytes); larger is refused."""

    def __post_init__(self) -> None:
        """Reject limits that make no sense."""
        if (
            self.max_depth < 0
            or self.max_string_length < 0
            or self.max_integer_digits < 1
            or self.max_record_bytes < 1
        ):
            raise ValueError("JsonLimits values must be non-negative (max_integer_digits >= 1)")


_DEFAULT_LIMITS: Final = JsonLimits()
_PLAIN_DECODER: Final = json.JSONDecoder()


class _HookError(Exception):
    """Raised inside decoder hooks; located afterwards by a second pass."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


# --------------------------------------------------------------------------- pointers


def pointer_join(parent: str, token: str | int) -> str:
    """Append one reference token to a JSON Pointer, escaping it per RFC 6901."""
    if isinstance(token, bool) or (isinstance(token, int) and token < 0):
        raise ValueError("array index tokens must be non-negative integers")
    return f"{parent}/{str(token).replace('~', '~0').replace('/', '~1')}"


def _pointer_tokens(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError("a non-empty JSON Pointer must start with '/'")
    tokens = pointer[1:].split("/")
    for token in tokens:
        if re.search(r"~(?![01])", token):
            raise ValueError("'~' in a JSON Pointer must be followed by '0' or '1'")
    return [t.replace("~1", "/").replace("~0", "~") for t in tokens]


# --------------------------------------------------------------------------- positions


def _start(text: str) -> int:
    return 1 if text.startswith(_BOM) else 0


def _line_col(text: str, offset: int, start: int = 0) -> tuple[int, int]:
    offset = max(start, min(offset, len(text)))
    line = text.count("\n", start, offset) + 1
    newline = text.rfind("\n", start, offset)
    line_start = newline + 1 if newline >= 0 else start
    return line, offset - line_start + 1


def _skip_ws(text: str, pos: int) -> int:
    match = _WS_RE.match(text, pos)
    return match.end() if match else pos


def _decode_key(token: str) -> str:
    try:
        key = json.loads(token)
    except ValueError:
        return token[1:-1]
    return key if isinstance(key, str) else token[1:-1]


def _skip_value(text: str, pos: int) -> int:
    """Return the offset just past the value at ``pos``; ``pos`` itself if there is none."""
    if pos >= len(text):
        return pos
    char = text[pos]
    if char == '"':
        match = _STRING_RE.match(text, pos)
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
            depth += _DEPTH_DELTA[char]
            if depth == 0:
                return match.end()
        return len(text)
    match = _SCALAR_RE.match(text, pos)
    return match.end() if match else pos


def _find_member(text: str, pos: int, name: str, *, at_key: bool = False) -> int | None:
    """Return the offset of the first member value (or key) ``name`` of the object at ``pos``."""
    n = len(text)
    pos = _skip_ws(text, pos + 1)
    while pos < n and text[pos] == '"':
        match = _STRING_RE.match(text, pos)
        if match is None:
            return None
        key = _decode_key(match.group())
        pos = _skip_ws(text, match.end())
        if pos >= n or text[pos] != ":":
            return None
        pos = _skip_ws(text, pos + 1)
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
    pos = _skip_ws(text, end)
    if pos >= len(text) or text[pos] != ",":
        return None
    return _skip_ws(text, pos + 1)


def _find_element(text: str, pos: int, token: str) -> int | None:
    """Return the offset of element ``token`` of the array at ``pos``."""
    n = len(text)
    if not _ARRAY_INDEX_RE.fullmatch(token) or len(token) > len(str(n)):
        return None
    index = int(token)
    pos = _skip_ws(text, pos + 1)
    for _ in range(index):
        next_item = _after_item(text, pos)
        if next_item is None:
            return None
        pos = next_item
    if pos >= n or text[pos] in "]},:":
        return None
    return pos


def _locate_offset(text: str, start: int, tokens: list[str]) -> int:
    pos = _skip_ws(text, start)
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
    tokens = _pointer_tokens(pointer)
    start = _start(text)
    return _line_col(text, _locate_offset(text, start, tokens), start)


def locate_all(text: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Locate many pointers with one pass over ``text`` (as :func:`locate` does each).

    Locating problems one by one rescans the text for each, which is quadratic
    when a large record has many problems; this walks it once.
    """
    wanted = set(pointers)
    for pointer in wanted:
        _pointer_tokens(pointer)  # refuse malformed pointers as locate does
    ancestors = {""}
    for pointer in wanted:
        cut = pointer.find("/", 1)
        while cut != -1:
            ancestors.add(pointer[:cut])
            cut = pointer.find("/", cut + 1)
        ancestors.add(pointer)
    start = _start(text)
    offsets: dict[str, int] = {}
    for event, offset, pointer, _lexeme, _depth in _walk(text, start):
        if event == _VALUE and pointer in ancestors and pointer not in offsets:
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


# --------------------------------------------------------------------------- fast path

_LONG_NUMBER = re.compile(rb"[0-9]{19}")


def fast_reader() -> str | None:
    """Name the fast JSON reader in use, or None on the pure-Python path."""
    if orjson is None:
        return None
    from importlib.metadata import version

    return f"orjson {version('orjson')}"


def fast_loads(raw: bytes, limits: JsonLimits = _DEFAULT_LIMITS, *, unique: bool = False) -> Any:
    """Parse an object with orjson when that is certain to agree with :func:`parse_json`.

    Returns None whenever the strict reader might answer differently (not an
    object, a duplicate key, a number orjson would round, deep nesting or long
    strings possible, orjson missing): the caller then takes the strict path,
    which finds and locates any problem. Never returns a value the strict
    reader would refuse or read differently. ``unique=True`` skips looking for
    duplicate keys, for text already read once and found to have none.
    """
    if orjson is None or len(raw) > limits.max_string_length:
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if type(data) is not dict:
        return None
    # orjson keeps the last of duplicate keys. Every ':' outside strings
    # separates a key from its value, so a dropped duplicate shows as fewer
    # colons once the parsed value is written back. Only an escaped colon
    # (\u003a) could hide one, so such text goes to the strict reader.
    # Text already in orjson's own compact form cannot have lost a key (a dropped
    # duplicate would make it shorter), which saves counting for most machine output.
    if not unique:
        if b"\\" in raw and b"\\u003" in raw:
            return None
        written = orjson.dumps(data)
        if written != raw and raw.count(b":") != written.count(b":"):
            return None
    # Free-form data (extensions, only ever on documents) may nest deeply or hold
    # numbers orjson would round to a float; the model's own fields cannot.
    if (
        ("extensions" in data or data.get("kind") == "bundle")
        and b"extensions" in raw
        and (_LONG_NUMBER.search(raw) or _prescan(raw.decode("utf-8"), limits)[0])
    ):
        return None
    return data


# --------------------------------------------------------------------------- walker

_VALUE: Final = 0  # a value starts; lexeme is "{", "[", '"' or the scalar's text
_DUPLICATE: Final = 1  # a key repeats in its object; offset is the repeated key
_END: Final = 2  # a container closes

_S_VALUE: Final = 0
_S_KEY: Final = 1
_S_AFTER: Final = 2


class _Frame:
    __slots__ = ("index", "is_object", "pointer", "seen")

    def __init__(self, is_object: bool, pointer: str) -> None:
        self.is_object = is_object
        self.pointer = pointer
        self.index = 0
        self.seen: set[str] = set()


def _walk(text: str, start: int) -> Iterator[tuple[int, int, str, str, int]]:
    """Yield ``(event, offset, pointer, lexeme, depth)`` for the text, in document order.

    Iterative, so any nesting is safe. Lenient: it accepts everything the
    standard decoder accepts and stops silently where the text stops making
    sense. ``depth`` counts the enclosing containers, including the value
    itself when it is a container.
    """
    n = len(text)
    stack: list[_Frame] = []
    pos = _skip_ws(text, start)
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
                yield _VALUE, pos, pointer, char, len(stack)
                pos = _skip_ws(text, pos + 1)
                if pos < n and text[pos] == ("}" if frame.is_object else "]"):
                    yield _END, pos, pointer, text[pos], len(stack)
                    stack.pop()
                    pos += 1
                    state = _S_AFTER
                elif frame.is_object:
                    state = _S_KEY
                else:
                    pointer = f"{frame.pointer}/0"
                continue
            if char == '"':
                match = _STRING_RE.match(text, pos)
                lexeme = '"'
            else:
                match = _SCALAR_RE.match(text, pos)
                lexeme = match.group() if match else ""
            if match is None:
                return
            yield _VALUE, pos, pointer, lexeme, len(stack)
            pos = match.end()
            state = _S_AFTER
        elif state == _S_KEY:
            match = _STRING_RE.match(text, pos)
            if match is None:
                return
            frame = stack[-1]
            key = _decode_key(match.group())
            if key in frame.seen:
                yield _DUPLICATE, pos, frame.pointer, "", len(stack)
            else:
                frame.seen.add(key)
            pos = _skip_ws(text, match.end())
            if pos >= n or text[pos] != ":":
                return
            pos = _skip_ws(text, pos + 1)
            pointer = pointer_join(frame.pointer, key)
            state = _S_VALUE
        else:
            if not stack:
                return
            pos = _skip_ws(text, pos)
            if pos >= n:
                return
            frame = stack[-1]
            char = text[pos]
            if char == ",":
                pos = _skip_ws(text, pos + 1)
                if frame.is_object:
                    state = _S_KEY
                else:
                    frame.index += 1
                    pointer = f"{frame.pointer}/{frame.index}"
                    state = _S_VALUE
            elif char == ("}" if frame.is_object else "]"):
                yield _END, pos, frame.pointer, char, len(stack)
                stack.pop()
                pos += 1
            else:
                return


def locate_duplicate_key(text: str) -> tuple[int, int, str] | None:
    """Find the first repeated key in any object of ``text``.

    Return ``(line, column, pointer)``: the position of the second occurrence
    of the key and the JSON Pointer of the object holding it, or None if no
    object repeats a key (as far as the text can be read).
    """
    start = _start(text)
    for event, offset, pointer, _token, _depth in _walk(text, start):
        if event == _DUPLICATE:
            line, column = _line_col(text, offset, start)
            return line, column, pointer
    return None


def _container_at(text: str, offset: int) -> str:
    """Return the pointer of the innermost container open at ``offset`` ("" if none)."""
    open_pointers: list[str] = []
    for event, where, pointer, lexeme, _depth in _walk(text, 0):
        if where >= offset:
            break
        if event == _VALUE and lexeme in "[{":
            open_pointers.append(pointer)
        elif event == _END and open_pointers:
            open_pointers.pop()
    return open_pointers[-1] if open_pointers else ""


# --------------------------------------------------------------------------- parsing


def _prescan(text: str, limits: JsonLimits) -> tuple[bool, bool]:
    """Tell cheaply, without recursing, whether the text may break the depth or length limits.

    Returns ``(too_deep, maybe_long)``. ``too_deep`` is exact for well-formed
    text and, for the part of malformed text the decoder would read, never an
    underestimate of how deep the decoder would go. ``maybe_long`` is never a
    false negative; a positive is confirmed by walking the decoded value.

    Works on the UTF-8 bytes (multi-byte sequences contain no ASCII bytes, and a
    string's byte length is at least its length in characters) with C-speed
    bytes methods only, so the cost is a few passes over the text.
    """
    need_depth = text.count("[") + text.count("{") > limits.max_depth
    need_length = len(text) > limits.max_string_length
    if not (need_depth or need_length):
        return False, False
    data = text.encode("utf-8", "surrogatepass")
    if b"\\" in data and b'\\"' in data:
        # Pair escapes left to right, as the decoder does, so only real quotes remain.
        data = data.replace(b"\\\\", b"\x00").replace(b'\\"', b"\x00")
    too_deep = need_depth and _brackets_too_deep(data, limits.max_depth)
    maybe_long = need_length and (
        re.search(b'"[^"]{%d}' % min(limits.max_string_length + 1, _MAX_REPEAT), data) is not None
    )
    return too_deep, maybe_long


def _brackets_too_deep(data: bytes, max_depth: int) -> bool:
    """Tell whether brackets outside string literals nest deeper than ``max_depth``.

    ``data`` must have its escaped quotes neutralised, so every quote delimits a string.
    """
    # Keep only quotes and brackets, with braces turned into square brackets.
    structure = data.translate(_BRACKETS_ONLY, _NOT_STRUCTURE)
    # Two adjacent quotes enclose nothing; dropping them keeps every other quote's
    # role, and leaves quotes only around strings that contain brackets (rare).
    structure = structure.replace(b'""', b"")
    if b'"' in structure:
        structure = b"".join(structure.split(b'"')[0::2])
    # Peel off innermost pairs: balanced brackets vanish after as many rounds as they nest.
    reduced = structure
    for _ in range(max_depth):
        if not reduced:
            return False
        shorter = reduced.replace(b"[]", b"")
        if len(shorter) == len(reduced):
            break
        reduced = shorter
    if not reduced:
        return False
    if b"[" * (max_depth + 1) in reduced:
        return True
    # Unbalanced: take the exact maximum of the running depth.
    depths = accumulate(map(_BYTE_DEPTH_DELTA.__getitem__, structure))
    return max(depths, default=0) > max_depth


def _is_too_large(token: str, limits: JsonLimits) -> bool:
    match = _NUMBER_RE.match(token)
    if match is None:
        return False
    integer, fraction, exponent = match.groups()
    if fraction is None and exponent is None:
        return len(integer.lstrip("-")) > limits.max_integer_digits
    return float(match.group()) in (float("inf"), float("-inf"))


def _fail(text: str, code: str, message: str, offset: int, pointer: str) -> NoReturn:
    line, column = _line_col(text, offset)
    raise JsonSyntaxError(code, message, line, column, pointer) from None


def _locate_hook_error(text: str, error: _HookError, limits: JsonLimits) -> NoReturn:
    for event, offset, pointer, lexeme, _depth in _walk(text, 0):
        if error.code == "json.duplicate-key":
            found = event == _DUPLICATE
        elif event != _VALUE:
            found = False
        elif error.code == "json.non-finite-number":
            found = lexeme.startswith(_NON_FINITE)
        else:
            found = _is_too_large(lexeme, limits)
        if found:
            _fail(text, error.code, error.message, offset, pointer)
    _fail(text, error.code, error.message, 0, "")


def _find_long_string(value: Any, limit: int) -> tuple[str, bool] | None:
    """Find the first string longer than ``limit``, in document order.

    Return its pointer and whether it is a key (the pointer is then the member's).
    """
    todo: list[tuple[str, Any, bool]] = [("", value, False)]
    while todo:
        pointer, item, is_key = todo.pop()
        if isinstance(item, str):
            if len(item) > limit:
                return pointer, is_key
        elif isinstance(item, dict):
            for key, child in reversed(item.items()):
                child_pointer = pointer_join(pointer, key)
                todo.append((child_pointer, child, False))
                todo.append((child_pointer, key, True))
        elif isinstance(item, list):
            todo.extend((f"{pointer}/{i}", item[i], False) for i in reversed(range(len(item))))
    return None


def _decoder(limits: JsonLimits) -> json.JSONDecoder:
    max_digits = limits.max_integer_digits

    def object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            raise _HookError("json.duplicate-key", "duplicate key in object")
        return result

    def constant(name: str) -> NoReturn:
        raise _HookError(
            "json.non-finite-number", "NaN and Infinity are not allowed in JSON numbers"
        )

    def integer(digits: str) -> int:
        if len(digits) - digits.startswith("-") > max_digits:
            raise _HookError("json.number-too-large", f"integer has more than {max_digits} digits")
        try:
            return int(digits)
        except ValueError:  # beyond sys.get_int_max_str_digits()
            raise _HookError(
                "json.number-too-large", f"integer has more than {max_digits} digits"
            ) from None

    def real(digits: str) -> float:
        number = float(digits)
        if number in (float("inf"), float("-inf")):
            raise _HookError("json.number-too-large", "number is too large to represent")
        return number

    return json.JSONDecoder(
        object_pairs_hook=object_pairs,
        parse_constant=constant,
        parse_int=integer,
        parse_float=real,
    )


def _syntax_message(raw: str) -> str:
    for phrase in _DECODER_MESSAGES:
        if raw.startswith(phrase):
            return phrase
    return "invalid JSON"


def parse_json(text: str, *, limits: JsonLimits = _DEFAULT_LIMITS) -> Any:
    """Parse one JSON value strictly.

    Rejects, with :class:`JsonSyntaxError`: malformed text (``json.syntax``),
    empty text (``json.empty``), repeated keys in an object
    (``json.duplicate-key``), ``NaN`` and ``Infinity`` (``json.non-finite-number``),
    integers with too many digits and numbers that overflow a float
    (``json.number-too-large``), nesting deeper than ``limits.max_depth``
    (``json.too-deep``) and strings longer than ``limits.max_string_length``
    (``json.string-too-long``). Never raises RecursionError. A leading byte
    order mark is skipped.
    """
    if not isinstance(text, str):
        raise TypeError("parse_json() takes text; decode bytes first")
    if text.startswith(_BOM):
        text = text[1:]
    if not text.strip(_JSON_WS):
        _fail(text, "json.empty", "document is empty", len(text), "")
    too_deep, maybe_long = _prescan(text, limits)
    if too_deep:
        message = f"arrays and objects nest deeper than {limits.max_depth} levels"
        for event, offset, pointer, lexeme, depth in _walk(text, 0):
            if event == _VALUE and lexeme in "[{" and depth > limits.max_depth:
                _fail(text, "json.too-deep", message, offset, pointer)
        # The walker stopped at malformed text before getting too deep, so the
        # decoder will stop there too: fall through for its syntax error.
    try:
        value = _decoder(limits).decode(text)
    except json.JSONDecodeError as error:
        raise JsonSyntaxError(
            "json.syntax",
            _syntax_message(error.msg),
            error.lineno,
            error.colno,
            _container_at(text, error.pos),
        ) from None
    except _HookError as error:
        _locate_hook_error(text, error, limits)
    except RecursionError:  # pragma: no cover - prevented by the depth check
        _fail(text, "json.too-deep", "arrays and objects nest too deeply", 0, "")
    if maybe_long:
        found = _find_long_string(value, limits.max_string_length)
        if found is not None:
            long_at, is_key = found
            message = f"string longer than {limits.max_string_length} characters"
            offset = _offset_of(text, long_at, at_key=is_key)
            _fail(text, "json.string-too-long", message, offset, long_at)
    return value


def _offset_of(text: str, pointer: str, *, at_key: bool = False) -> int:
    tokens = _pointer_tokens(pointer)
    if not (at_key and tokens):
        return _locate_offset(text, 0, tokens)
    parent = _locate_offset(text, 0, tokens[:-1])
    if parent < len(text) and text[parent] == "{":
        found = _find_member(text, parent, tokens[-1], at_key=True)
        if found is not None:
            return found
    return parent
