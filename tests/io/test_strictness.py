"""Deliberate strictness says why: a leap second is refused as one, on every path alike."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import rrnkit
from rrnkit.convert import load
from rrnkit.problems import DocumentError
from samples import INCIDENT

LEAP = "is a leap second (seconds :60), which rrnkit does not accept"


@pytest.mark.parametrize(
    ("pointer", "value"),
    [
        ("start", "2016-12-31T23:59:60Z"),
        ("start", "2016-12-31T23:59:60.25+00:00"),
        ("recorded_at", "2017-01-01T00:59:60+01:00"),
    ],
)
def test_a_leap_second_is_refused_saying_why_on_both_paths(
    pointer: str, value: str, tmp_path: Path
) -> None:
    data = copy.deepcopy(INCIDENT)
    data[pointer] = value
    path = tmp_path / "incident.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = rrnkit.validate([str(path)])
    by_validate = [(p.code, p.pointer, p.message) for p in report.problems]
    with pytest.raises(DocumentError) as raised:
        load(data)
    by_load = [(p.code, p.pointer, p.message) for p in raised.value.problems]
    assert by_validate == by_load
    [(code, where, message)] = by_load
    assert (code, where) == ("value.datetime", f"/{pointer}")
    assert message.startswith(LEAP)
    assert value not in message


def test_other_bad_seconds_keep_the_general_message() -> None:
    data = copy.deepcopy(INCIDENT)
    data["start"] = "2016-12-31T23:59:61Z"
    with pytest.raises(DocumentError) as raised:
        load(data)
    [problem] = raised.value.problems
    assert problem.message == "is not an RFC 3339 date-time with a UTC offset"
