"""Counting in words, shared by the text report and the command line."""

from __future__ import annotations

import pytest

from rrnkit._internal.words import plural


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 records"), (1, "1 record"), (2, "2 records"), (1000, "1000 records")],
)
def test_plural(n: int, expected: str) -> None:
    assert plural(n, "record") == expected
