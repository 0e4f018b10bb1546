import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit.convert._locate import locate, locate_all
from rrnkit.problems import join_pointer

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


def pointers_of(value: Any, pointer: str = "") -> list[str]:
    found = [pointer]
    if isinstance(value, dict):
        for key, child in value.items():
            found += pointers_of(child, join_pointer(pointer, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += pointers_of(child, join_pointer(pointer, index))
    return found


@settings(max_examples=200)
@given(values, st.sampled_from([None, 2]), st.lists(st.text(max_size=3), max_size=3))
def test_locate_all_agrees_with_locate(value: Any, indent: int | None, extra: list[str]) -> None:
    text = json.dumps(value, indent=indent)
    pointers = pointers_of(value)
    # pointers to members that do not exist fall back to their deepest ancestor
    pointers += [join_pointer(p, e) for p in pointers[:3] for e in extra]
    assert locate_all(text, pointers) == {p: locate(text, p) for p in pointers}


def test_many_problems_in_one_record_are_located_in_one_pass() -> None:
    # 20,000 problems in one record: located one by one this took minutes.
    text = json.dumps({f"unknown_{n}": n for n in range(20_000)}, indent=1)
    found = locate_all(text, [f"/unknown_{n}" for n in range(20_000)])
    for pointer in ("/unknown_0", "/unknown_19999"):
        assert found[pointer] == locate(text, pointer)
    assert found["/unknown_19999"][0] == 20_001
