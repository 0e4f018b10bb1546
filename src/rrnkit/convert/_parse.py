"""The strict JSON reader: :func:`parse_json`, a guarded wrapper around the standard decoder.

Documents read by rrnkit hold special-category personal data, so nothing here
ever puts a key or a value from the input into an error message. Every refusal
is a :class:`~rrnkit.convert._limits.JsonSyntaxError` with a stable code, a
1-based line and column, and the RFC 6901 JSON Pointer of the place in the
document where the problem is. The decoder's hooks refuse duplicate keys,
non-finite and oversized numbers; a cheap pre-scan refuses deep nesting before
the decoder could recurse, and long strings are found after decoding.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any, Final, NoReturn

from rrnkit.convert._limits import DEFAULT_LIMITS, JsonLimits, JsonSyntaxError
from rrnkit.convert._locate import container_at, offset_of
from rrnkit.convert._scan import BOM, DEPTH_DELTA, DUPLICATE, JSON_WS, VALUE, line_col, walk
from rrnkit.problems import join_pointer

__all__ = ["parse_json", "prescan"]

# The number grammar of the standard library's scanner, ASCII digits only.
_NUMBER_RE: Final = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_MAX_REPEAT: Final = 2**31 - 1  # within the re module's repeat limit on all platforms
_NOT_STRUCTURE: Final = bytes(b for b in range(256) if b not in b'"[]{}')
_BRACKETS_ONLY: Final = bytes.maketrans(b"{}", b"[]")
_BYTE_DEPTH_DELTA: Final = tuple(DEPTH_DELTA.get(chr(b), 0) for b in range(256))
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


class _HookError(Exception):
    """Raised inside decoder hooks; located afterwards by a second pass."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


def prescan(text: str, limits: JsonLimits) -> tuple[bool, bool]:
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
    line, column = line_col(text, offset)
    raise JsonSyntaxError(code, message, line, column, pointer) from None


def _locate_hook_error(text: str, error: _HookError, limits: JsonLimits) -> NoReturn:
    for event, offset, pointer, lexeme, _depth in walk(text, 0):
        if error.code == "json.duplicate-key":
            found = event == DUPLICATE
        elif event != VALUE:
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
                child_pointer = join_pointer(pointer, key)
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


def parse_json(text: str, *, limits: JsonLimits = DEFAULT_LIMITS) -> Any:
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
    if text.startswith(BOM):
        text = text[1:]
    if not text.strip(JSON_WS):
        _fail(text, "json.empty", "document is empty", len(text), "")
    too_deep, maybe_long = prescan(text, limits)
    if too_deep:
        message = f"arrays and objects nest deeper than {limits.max_depth} levels"
        for event, offset, pointer, lexeme, depth in walk(text, 0):
            if event == VALUE and lexeme in "[{" and depth > limits.max_depth:
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
            container_at(text, error.pos),
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
            offset = offset_of(text, long_at, at_key=is_key)
            _fail(text, "json.string-too-long", message, offset, long_at)
    return value
