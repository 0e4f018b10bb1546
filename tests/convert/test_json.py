from __future__ import annotations

import json
import math
import pickle
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rrnkit.convert._limits import JSON_ERROR_CODES, JsonLimits, JsonSyntaxError
from rrnkit.convert._locate import locate, locate_duplicate_key
from rrnkit.convert._parse import parse_json
from rrnkit.problems import join_pointer

SENTINEL = "SENTINEL-9434765919"
BOM = "\ufeff"

# --------------------------------------------------------------------------- helpers


def offset_of(text: str, line: int, column: int) -> int:
    """Turn a 1-based line and column back into an offset (lines end at \\n)."""
    lines = text.split("\n")
    assert 1 <= line <= len(lines)
    assert 1 <= column <= len(lines[line - 1]) + 1
    return sum(len(previous) + 1 for previous in lines[: line - 1]) + column - 1


def pointers(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    yield pointer, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from pointers(child, join_pointer(pointer, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from pointers(child, join_pointer(pointer, index))


def same(a: Any, b: Any) -> bool:
    """Equality that does not confuse 1, 1.0 and True, or 0.0 and -0.0."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float):
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    return bool(a == b)


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


def error_of(text: str, limits: JsonLimits | None = None) -> JsonSyntaxError:
    limits = JsonLimits() if limits is None else limits
    with pytest.raises(JsonSyntaxError) as caught:
        parse_json(text, limits=limits)
    assert caught.value.code in JSON_ERROR_CODES
    return caught.value


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30) + 1, max_value=10**30 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5)
    ),
    max_leaves=25,
)
dump_options = st.sampled_from(
    [
        {},
        {"indent": 2},
        {"ensure_ascii": False},
        {"indent": 2, "ensure_ascii": False},
        {"separators": (",", ":")},
        {"indent": "\t", "separators": (" , ", " : ")},
    ]
)

# --------------------------------------------------------------------------- properties


@given(value=json_values, options=dump_options)
def test_round_trip_and_locate_every_pointer(value: Any, options: dict[str, Any]) -> None:
    assume(depth(value) <= JsonLimits().max_depth)
    text = json.dumps(value, **options)
    assert same(parse_json(text), value)
    assert same(parse_json(BOM + text), value)
    decoder = json.JSONDecoder()
    for pointer, expected in pointers(value):
        line, column = locate(text, pointer)
        found, _end = decoder.raw_decode(text, offset_of(text, line, column))
        assert same(found, expected), pointer
        assert locate(BOM + text, pointer) == (line, column)


@given(value=json_values, options=dump_options)
def test_missing_member_locates_its_object(value: Any, options: dict[str, Any]) -> None:
    text = json.dumps(value, **options)
    decoder = json.JSONDecoder()
    for pointer, expected in pointers(value):
        if isinstance(expected, dict):
            missing = join_pointer(pointer, "\x00no such member")
        elif isinstance(expected, list):
            missing = join_pointer(pointer, len(expected))
        else:
            missing = join_pointer(pointer, "child of a scalar")
        line, column = locate(text, missing + "/and/deeper")
        found, _end = decoder.raw_decode(text, offset_of(text, line, column))
        assert same(found, expected), missing


_NOISE = st.sampled_from([*'[]{}",:\\ \n0123456789-.eE', "NaN", "Infinity", "\\u", "\x01"])


@given(
    value=st.dictionaries(
        st.sampled_from([SENTINEL, f"k-{SENTINEL}", "ok"]),
        st.lists(st.sampled_from([SENTINEL, f'"{SENTINEL}"', 1, 2.5, None]), max_size=3)
        | st.just(SENTINEL),
        min_size=1,
    ),
    options=dump_options,
    cuts=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 5), _NOISE), max_size=4),
)
def test_mangled_text_never_echoes_data(
    value: dict[str, Any], options: dict[str, Any], cuts: list[tuple[int, int, str]]
) -> None:
    text = json.dumps(value, **options)
    for at, length, noise in cuts:
        at = min(at, len(text))
        text = text[:at] + noise + text[at + length :]
    error: JsonSyntaxError | None = None
    try:
        result = parse_json(text)
    except JsonSyntaxError as caught:
        error = caught
    if error is None:
        assert same(result, json.loads(text))
    else:
        assert error.code in JSON_ERROR_CODES
        assert "SENTINEL" not in error.message
        assert "SENTINEL" not in str(error)
        assert 1 <= error.line <= text.count("\n") + 1
        assert error.column >= 1
        offset_of(text, error.line, error.column)  # a real position in the text
    line, column = locate(text, f"/{SENTINEL}/0")
    offset_of(text, line, column)


@given(
    text=st.text(alphabet=st.sampled_from(list('[]{}",:\\ \nab01-.'))), pointer=st.text("ab01/~")
)
def test_locate_is_total_on_arbitrary_text(text: str, pointer: str) -> None:
    pointer = "/" + pointer.replace("~", "~0")
    line, column = locate(text, pointer)
    offset_of(text, line, column)
    found = locate_duplicate_key(text)
    if found is not None:
        offset_of(text, found[0], found[1])
    try:
        parse_json(text)
    except JsonSyntaxError as error:
        offset_of(text, error.line, error.column)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "pointer"),
    [
        ('{\n  "a": 1,\n  "a": 2\n}', "json.duplicate-key", 3, 3, ""),
        ('{"p": {\n "x": 1,\n "x": 2}}', "json.duplicate-key", 3, 2, "/p"),
        ('[{}, {"é": 1, "\\u00e9": 2}]', "json.duplicate-key", 1, 15, "/1"),
        ("[1, NaN]", "json.non-finite-number", 1, 5, "/1"),
        ('{"a": -Infinity}', "json.non-finite-number", 1, 7, "/a"),
        ('{"a":\n  Infinity}', "json.non-finite-number", 2, 3, "/a"),
        ('{"n": ' + str(10**40) + "}", "json.number-too-large", 1, 7, "/n"),
        ("[-" + "9" * 31 + "]", "json.number-too-large", 1, 2, "/0"),
        ("[1e400]", "json.number-too-large", 1, 2, "/0"),
        ('{"x": [0, -1E+400]}', "json.number-too-large", 1, 11, "/x/1"),
        ("[" + "9" * 400 + ".5]", "json.number-too-large", 1, 2, "/0"),
        ("", "json.empty", 1, 1, ""),
        (" \n\t", "json.empty", 2, 2, ""),
        ("[1 2]", "json.syntax", 1, 4, ""),
        ('{\n"a": 1\n"b": 2}', "json.syntax", 3, 1, ""),
        ('{"a": [1, 2 3]}', "json.syntax", 1, 13, "/a"),
        ("[]]", "json.syntax", 1, 3, ""),
        ('{"a": "\x01"}', "json.syntax", 1, 8, ""),
        ("nul", "json.syntax", 1, 1, ""),
        ("\u00a0", "json.syntax", 1, 1, ""),
        ("[\ufeff1]", "json.syntax", 1, 2, ""),
    ],
)
def test_error_codes_and_positions(
    text: str, code: str, line: int, column: int, pointer: str
) -> None:
    error = error_of(text)
    assert (error.code, error.line, error.column, error.pointer) == (code, line, column, pointer)
    assert str(error) == f"line {line}, column {column}: {code}: {error.message}"


def test_syntax_messages_come_from_the_decoder() -> None:
    assert error_of("[1 2]").message == "Expecting ',' delimiter"
    assert error_of('{"a" 1}').message == "Expecting ':' delimiter"
    assert error_of('"abc').message == "Unterminated string"
    assert error_of('"\\q"').message == "Invalid \\escape"


def test_too_deep() -> None:
    limits = JsonLimits(max_depth=4)
    error = error_of('{"a": [[[{"b": 1}]]]}', limits)
    assert (error.code, error.line, error.column, error.pointer) == (
        "json.too-deep",
        1,
        10,
        "/a/0/0/0",
    )
    assert parse_json('{"a": [[{"b": 1}]]}', limits=limits) == {"a": [[{"b": 1}]]}


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "[" * 100_000 + "]" * 100_000, '{"a":' * 100_000, '[{"a":' * 50_000],
)
def test_very_deep_nesting_is_rejected_without_recursion(text: str) -> None:
    error = error_of(text)
    assert error.code == "json.too-deep"
    assert error.line == 1
    limit = JsonLimits().max_depth
    # The first container deeper than the limit is reported.
    assert text[error.column - 1] in "[{"
    assert error.pointer.count("/") == limit


def test_depth_limit_is_inclusive() -> None:
    limit = JsonLimits().max_depth
    assert parse_json("[" * limit + "]" * limit) is not None
    assert error_of("[" * (limit + 1) + "]" * (limit + 1)).code == "json.too-deep"


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ('["' + "[" * 1000 + '"]', True),
        ('["\\"[[[[[[", 1]', True),
        ('["\\\\", [[[1]]]]', False),
        ('["\\\\\\"[[[[", [1]]', True),
        ('[["]]]]]]]]]]"], [[[1]]]]', False),
        ('["", "", [[[1]]]]', False),
        ('[1 "[[[[[[[["', None),
    ],
)
def test_depth_scan_ignores_brackets_in_strings(text: str, ok: bool | None) -> None:
    limits = JsonLimits(max_depth=3)
    if ok:
        assert parse_json(text, limits=limits) == json.loads(text)
    else:
        expected = "json.syntax" if ok is None else "json.too-deep"
        assert error_of(text, limits).code == expected


def test_unclosed_deep_text_after_a_syntax_error_is_a_syntax_error() -> None:
    error = error_of("[1 " + "[" * 100_000)
    assert (error.code, error.column) == ("json.syntax", 4)


def test_string_too_long() -> None:
    limits = JsonLimits(max_string_length=5)
    error = error_of('["abc",\n "abcdefgh"]', limits)
    assert (error.code, error.line, error.column, error.pointer) == (
        "json.string-too-long",
        2,
        2,
        "/1",
    )
    error = error_of('{"ok": 1,\n "abcdefgh": 1}', limits)
    assert (error.code, error.line, error.column, error.pointer) == (
        "json.string-too-long",
        2,
        2,
        "/abcdefgh",
    )
    error = error_of('{"ok": {"k": "abcdef"}}', limits)
    assert (error.line, error.column, error.pointer) == (1, 14, "/ok/k")


def test_huge_string_is_rejected_and_length_counts_characters() -> None:
    limits = JsonLimits(max_string_length=1000)
    error = error_of('"' + "x" * 5000 + '"', limits)
    assert (error.code, error.line, error.column, error.pointer) == (
        "json.string-too-long",
        1,
        1,
        "",
    )
    # Lengths are counted after unescaping, in characters.
    assert parse_json('"' + "x" * 1000 + '"', limits=limits) == "x" * 1000
    assert parse_json('"' + "\\n" * 1000 + '"', limits=limits) == "\n" * 1000
    assert parse_json('"' + "é" * 1000 + '"', limits=limits) == "é" * 1000
    assert parse_json('["' + '\\"' * 1000 + '"]', limits=limits) == ['"' * 1000]
    assert error_of('["' + "\\u00e9" * 1001 + '"]', limits).pointer == "/0"
    assert error_of('["' + '\\"' * 1001 + '"]', limits).pointer == "/0"
    # Long runs of text outside strings are not strings.
    assert parse_json("[" + " " * 5000 + "1]", limits=limits) == [1]


def test_integer_digit_limit() -> None:
    assert parse_json(str(10**30 - 1)) == 10**30 - 1
    assert parse_json(str(-(10**30) + 1)) == -(10**30) + 1
    assert error_of(str(10**30)).code == "json.number-too-large"
    assert parse_json("1e-400") == 0.0


@pytest.mark.skipif(not hasattr(sys, "get_int_max_str_digits"), reason="no int digit limit")
def test_python_int_conversion_limit_is_guarded() -> None:
    digits = sys.get_int_max_str_digits()
    if digits == 0:
        pytest.skip("int digit limit disabled")
    error = error_of("1" * (digits + 1), JsonLimits(max_integer_digits=digits + 10))
    assert error.code == "json.number-too-large"


def test_bom_is_skipped_and_not_counted_as_a_column() -> None:
    assert parse_json(BOM + '{"a": 1}') == {"a": 1}
    error = error_of(BOM + '{"a": 1, "a": 2}')
    assert (error.code, error.line, error.column) == ("json.duplicate-key", 1, 10)
    error = error_of(BOM + "[1 2]")
    assert (error.code, error.line, error.column) == ("json.syntax", 1, 4)
    assert error_of(BOM).code == "json.empty"
    assert locate(BOM + '{"a": 1}', "/a") == locate('{"a": 1}', "/a") == (1, 7)


def test_non_str_input_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_json(b"{}")  # type: ignore[arg-type]


def test_error_is_a_value_error_and_pickles() -> None:
    error = error_of('{"a": NaN}')
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.message, copy.line, copy.column, copy.pointer) == (
        error.code,
        error.message,
        error.line,
        error.column,
        error.pointer,
    )


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="JsonLimits"):
        JsonLimits(max_depth=-1)
    with pytest.raises(ValueError, match="JsonLimits"):
        JsonLimits(max_integer_digits=0)


# --------------------------------------------------------------------------- privacy


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        (f'{{"{SENTINEL}": 1, "{SENTINEL}": 2}}', None),
        (f'{{"a": "{SENTINEL}", "a": "{SENTINEL}"}}', None),
        (f'{{"k": ["{SENTINEL}", NaN]}}', None),
        (f'{{"k": "{SENTINEL}", "n": 1e999}}', None),
        (f'{{"k": "{SENTINEL}", "n": {10**40}}}', None),
        (f'{{"k": "{SENTINEL}', None),
        (f'{{"k": "{SENTINEL}\x01"}}', None),
        (f'{{"k": "{SENTINEL}\\q"}}', None),
        (f'{{"k": "{SENTINEL}\\u12"}}', None),
        (f'{{"k": "{SENTINEL}" "x": 1}}', None),
        (f'{{"k": {SENTINEL}}}', None),
        (f'{{"{SENTINEL}" 1}}', None),
        (f'["{SENTINEL}"] "{SENTINEL}"', None),
        (f'{{"k": "{SENTINEL}"}}', JsonLimits(max_string_length=5)),
        (f'{{"k": ["{SENTINEL}", [[[[[[[[[[]]]]]]]]]]]}}', JsonLimits(max_depth=3)),
    ],
)
def test_messages_never_contain_input_data(text: str, limits: JsonLimits | None) -> None:
    error = error_of(text, limits)
    assert SENTINEL not in error.message
    assert "SENTINEL" not in str(error)
    assert "9434765919" not in str(error)
    # Here the sentinel never names a member the pointer has to go through.
    assert SENTINEL not in error.pointer


# --------------------------------------------------------------------------- locate


def test_locate_missing_member_points_at_the_object() -> None:
    text = '{\n "patient": {\n  "name": "x"\n }\n}'
    assert locate(text, "/patient/nhs_number") == (2, 13)
    assert locate(text, "/patient/name") == (3, 11)
    assert locate(text, "") == (1, 1)
    assert locate(text, "/nope/deeper") == (1, 1)


def test_locate_arrays() -> None:
    text = "[10, [20, 21],\n 30]"
    assert locate(text, "/2") == (2, 2)
    assert locate(text, "/1/1") == (1, 11)
    for past in ("/3", "/-", "/01", "/1.0", "/99999999999999999999999999"):
        assert locate(text, past) == (1, 1), past
    assert locate(text, "/1/5") == (1, 6)


def test_locate_unescapes_pointer_tokens_and_keys() -> None:
    text = '{"caf\\u00e9": 1, "a/b": 2, "m~n": 3, "~1": 4, "": 5}'
    assert locate(text, "/café") == (1, 15)
    assert locate(text, "/a~1b") == (1, 25)
    assert locate(text, "/m~0n") == (1, 35)
    assert locate(text, "/~01") == (1, 44)
    assert locate(text, "/") == (1, 51)


def test_locate_follows_the_first_of_duplicate_keys() -> None:
    assert locate('{"a": 1, "a": 2}', "/a") == (1, 7)


def test_locate_rejects_invalid_pointers() -> None:
    with pytest.raises(ValueError, match="start with"):
        locate("{}", "a")
    with pytest.raises(ValueError, match="'~'"):
        locate("{}", "/~2")


def test_locate_on_deep_text_does_not_recurse() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert locate(deep, "/0/0/0") == (1, 4)
    assert locate(deep, "/1") == (1, 1)
    assert locate("[" * 100_000, "/0" * 100_000) == (1, 100_000)


def test_locate_duplicate_key() -> None:
    assert locate_duplicate_key('{"a": {"x": 1, "y": 2},\n "a": 3}') == (2, 2, "")
    text = '[{"a": 1}, {"a": 1, "b": {"c": 1, "c": 2}}]'
    assert locate_duplicate_key(text) == (1, text.index('"c": 2') + 1, "/1/b")
    assert locate_duplicate_key('{"é": 1, "\\u00e9": 2}') == (1, 10, "")
    assert locate_duplicate_key('[{"a": 1}, {"a": 2}]') is None
    assert locate_duplicate_key("") is None


def test_join_pointer() -> None:
    assert join_pointer("", "a/b~c") == "/a~1b~0c"
    assert join_pointer("/x", 3) == "/x/3"
    assert join_pointer("", "") == "/"
    assert join_pointer("/x", "a", 0) == "/x/a/0"
