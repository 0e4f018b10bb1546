"""The fast path (orjson + jsonschema-rs + schema-free checks) against the strict path."""

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rrnkit
from rrnkit.convert import fast_loads, parse_json
from rrnkit.io import JsonLimits, _read
from rrnkit.io._read import load_text
from rrnkit.schema import compiled_backend
from rrnkit.strategies import document_data, near_misses

pytestmark = pytest.mark.skipif(
    compiled_backend() is None, reason="no compiled validator: everything takes the strict path"
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fast_verdict(raw: bytes) -> bool:
    """True when the fast path accepts the record as valid."""
    reader = _read.Reader(io.BytesIO(), "x.json", JsonLimits(), rrnkit.convert.NO_MIGRATIONS)
    return reader._fast(raw, 1) is not None


def strict_valid(raw: bytes) -> bool:
    return not load_text(raw.decode("utf-8", "surrogateescape")).problems


def raw_of(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")


@SETTINGS
@given(document_data())
def test_valid_documents_take_the_fast_path(data: dict[str, Any]) -> None:
    raw = raw_of(data)
    assert strict_valid(raw)
    # integers past 64 bits are left to the strict reader, which keeps them exact
    assert fast_verdict(raw) or re.search(rb"[0-9]{19}", raw)


@SETTINGS
@given(near_misses())
def test_the_fast_path_never_accepts_a_near_miss(near_miss: Any) -> None:
    raw = raw_of(near_miss.data)
    assert not strict_valid(raw)
    assert not fast_verdict(raw)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


@SETTINGS
@given(st.one_of(st.binary(max_size=300), json_values.map(raw_of)))
def test_fast_valid_implies_strict_valid_for_any_input(raw: bytes) -> None:
    if fast_verdict(raw):
        assert strict_valid(raw)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',  # duplicate key: orjson keeps the last silently
        '{"a": 1, "\\u0061": 2}',  # the same key, escaped
        '{"a": "x\\u003a", "a": 1}',  # an escaped colon cannot hide a duplicate
        '{"extensions": {"o.x": {"n": 123456789012345678901234}}}',  # orjson would round it
        '{"extensions": {"o.x": {"n": ' + "[" * 70 + "]" * 70 + "}}}",  # too deep
    ],
)
def test_fast_loads_defers_whenever_it_might_disagree(text: str) -> None:
    assert fast_loads(text.encode()) is None


def test_fast_loads_reads_what_the_strict_reader_reads() -> None:
    text = '{"a": [1, 2.5, "x:y", {"b": null}], "c": true}'
    assert fast_loads(text.encode()) == parse_json(text)


def test_reports_are_identical_with_and_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rrnkit.synth import SynthConfig, write

    write(SynthConfig(incidents=300, invalid_share=0.2, gap_share=0.2, seed=5), tmp_path)
    config = SynthConfig(incidents=300, seed=5)
    fast_validate = rrnkit.validate([tmp_path])
    fast_check = rrnkit.check([tmp_path], as_of=config.end)
    monkeypatch.setattr(_read, "fast_loads", lambda raw, limits, unique=False: None)
    assert rrnkit.validate([tmp_path]) == fast_validate
    assert rrnkit.check([tmp_path], as_of=config.end) == fast_check
    assert fast_validate.invalid == 60


@pytest.mark.parametrize(
    ("end", "start"),
    [
        ("2024-01-01t05:00:00+00:00", "2024-01-01T06:00:00+00:00"),  # "t" sorts after "T"
        ("2024-01-01T05:00:00.5Z", "2024-01-01T06:00:00.5Z"),
        ("2024-01-01T05:00:00Z", "2024-01-01T06:00:00Z"),
    ],
)
def test_the_fast_path_orders_date_times_as_times_not_text(end: str, start: str) -> None:
    line = (Path(__file__).parents[2] / "examples" / "incidents.jsonl").read_text().splitlines()[0]
    data = json.loads(line)
    data["start"], data["end"] = start, end
    data["interventions"] = data["interventions"][:1]
    data["interventions"][0]["start"], data["interventions"][0]["end"] = start, start
    raw = raw_of(data)
    assert not strict_valid(raw)
    assert not fast_verdict(raw)
    data["start"], data["end"] = end, start  # the other way round, both are valid
    data["interventions"][0]["start"] = data["interventions"][0]["end"] = end
    assert strict_valid(raw_of(data))
