"""Fuzzing the readers and the command line: whatever the input, a clean report.

Arbitrary bytes (and valid documents with bytes edited), arbitrary JSON values
and near-miss documents are written to a ``.json`` and a ``.jsonl`` file, then
run through ``validate`` and ``check``, by the API and by the command line.
Every run must end with exit code 0, 1 or 2, raise nothing, count every record
as valid or invalid, and give every problem a code and a source.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rrnkit.api import check, validate
from rrnkit.cli import cli
from rrnkit.model import KINDS
from rrnkit.report import Report
from rrnkit.strategies import NearMiss, document_data, near_misses
from samples import INCIDENT

AS_OF = dt.date(2026, 11, 28)
CODE = re.compile(r"^[a-z]+(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
SUMMARY = re.compile(r"^Read (\d+) records? in \d+ files?: (\d+) valid, (\d+) invalid", re.M)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SEEDS = [
    json.dumps(INCIDENT).encode(),
    json.dumps(INCIDENT, indent=2).encode(),
    b"\xef\xbb\xbf" + json.dumps(INCIDENT).encode(),
]

# ------------------------------------------------------------------ strategies


@st.composite
def edited(draw: st.DrawFn) -> bytes:
    """A valid document with a few bytes deleted, replaced or inserted."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "replace", "insert"]))
        chunk = draw(st.binary(min_size=1, max_size=4) | st.sampled_from(STRUCTURAL))
        if action == "delete":
            del data[at : at + len(chunk)]
        elif action == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            data[at:at] = chunk
    return bytes(data)


STRUCTURAL = [b"{", b"}", b"[", b"]", b'"', b",", b":", b"\\", b"\n", b"\r", b"\x00", b"\xff"]
BYTES = (
    st.binary(max_size=300)
    | edited()
    | st.lists(
        st.sampled_from([*STRUCTURAL, b"1", b"-", b"e9", b"NaN", b"true", b"null", b" "]),
        max_size=80,
    ).map(b"".join)
)

FIELD_NAMES = st.sampled_from(
    ["kind", "schema_version", "id", "extensions", "patient", "nhs_number", "start", "end",
     "interventions", "type", "reason", "organisation_id", "recorded_at", "documents",
     "workforce", "name", "$schema", "$ref"]
)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats()  # NaN and infinities included: json.dumps writes them, rrnkit must refuse
    | st.text(max_size=20)
    | st.sampled_from([*KINDS, "1.0", "07", "9434765919", "2026-02-30", "2026-03-04T14:05:00"])
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(FIELD_NAMES | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=20,
)
DOCUMENT_LIKE = st.builds(
    lambda kind, extra: {"kind": kind, "schema_version": "1.0", "id": "fuzz-1", **extra},
    st.sampled_from(KINDS),
    st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=6),
)
VALUES = JSON_VALUES | DOCUMENT_LIKE

# ------------------------------------------------------------------ what every run must give


def assert_clean(report: Report, sources: set[str]) -> None:
    assert report.exit_code() in (0, 1, 2)
    assert report.read == report.valid + report.invalid
    assert bool(report.problems) == (report.invalid > 0)  # no invalid record without a why
    for problem in (*report.path_problems, *report.problems):
        assert CODE.match(problem.code), problem.code
        assert problem.source in sources, problem.source
        assert problem.message
        assert problem.line is None or problem.line >= 1
    for result in report.findings:
        assert result.rule_id


def assert_clean_cli(args: list[str], stdin: bytes | None = None) -> None:
    result = CliRunner().invoke(cli, args, input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    summary = SUMMARY.search(result.stdout)
    assert summary is not None, result.output
    read, valid, invalid = map(int, summary.groups())
    assert read == valid + invalid


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def write(folder: Path, raw: bytes) -> Iterator[Path]:
    for name in ("one.json", "many.jsonl"):
        path = folder / name
        path.write_bytes(raw)
        yield path


def run_everything(paths: list[Path], stdin: bytes | None = None) -> None:
    sources = {str(p) for p in paths}
    assert_clean(validate(paths), sources)
    assert_clean(check(paths, as_of=AS_OF), sources)
    args = [str(p) for p in paths]
    assert_clean_cli(["validate", *args])
    assert_clean_cli(["check", "--as-of", AS_OF.isoformat(), *args])
    if stdin is not None:
        assert_clean_cli(["validate", "-"], stdin=stdin)


# ------------------------------------------------------------------ the fuzz tests


@FUZZ
@given(raw=BYTES)
def test_arbitrary_bytes(workdir: Path, raw: bytes) -> None:
    run_everything(list(write(workdir, raw)), stdin=raw)


@FUZZ
@given(value=VALUES, pretty=st.booleans())
def test_arbitrary_json_values(workdir: Path, value: Any, pretty: bool) -> None:
    raw = json.dumps(value, indent=2 if pretty else None).encode()
    run_everything(list(write(workdir, raw)))


@settings(FUZZ, max_examples=60)
@given(values=st.lists(VALUES, min_size=1, max_size=6))
def test_arbitrary_json_lines(workdir: Path, values: list[Any]) -> None:
    raw = b"\n".join(json.dumps(v).encode() for v in values) + b"\n"
    path = workdir / "lines.jsonl"
    path.write_bytes(raw)
    report = validate([path])
    assert_clean(report, {str(path)})
    assert report.read == len(values)
    assert_clean_cli(["validate", str(path)])


@settings(FUZZ, max_examples=60)
@given(miss=near_misses())
def test_near_misses_are_invalid_and_clean(workdir: Path, miss: NearMiss) -> None:
    path = workdir / "miss.json"
    path.write_text(json.dumps(miss.data, indent=2), "utf-8")
    report = validate([path])
    assert_clean(report, {str(path)})
    assert (report.read, report.invalid) == (1, 1), (miss.breaks, miss.pointer)
    assert_clean_cli(["check", "--as-of", AS_OF.isoformat(), str(path)])


@settings(FUZZ, max_examples=20)
@given(data=document_data())
def test_valid_documents_are_valid_by_every_route(workdir: Path, data: dict[str, Any]) -> None:
    path = workdir / "valid.json"
    path.write_text(json.dumps(data, indent=2), "utf-8")
    report = check([path], as_of=AS_OF)
    assert_clean(report, {str(path)})
    assert (report.read, report.valid) == (1, 1), [str(p) for p in report.problems]
    assert_clean_cli(["validate", "-"], stdin=json.dumps(data).encode())
