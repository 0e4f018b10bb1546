"""rrnkit.extra.dask gives the report one process gives, on any split of the input."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rrnkit
from rrnkit.io import JsonLimits
from rrnkit.report import Report, render, report_to_json
from rrnkit.synth import SynthConfig, write

pytest.importorskip("dask")

from rrnkit.extra import dask as rrnkit_dask

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = dt.date(2026, 11, 28)
LOCAL = {"scheduler": "processes", "num_workers": 2}
SYNC = {"scheduler": "synchronous"}


def same(one: Report, other: Report) -> None:
    """Assert two reports are equal, field by field and as rendered JSON."""
    assert other.inputs == one.inputs
    assert (other.read, other.valid, other.invalid, other.skipped) == (
        one.read,
        one.valid,
        one.invalid,
        one.skipped,
    )
    assert other.path_problems == one.path_problems
    assert other.problems == one.problems
    assert other.results == one.results
    assert other == one
    assert report_to_json(other) == report_to_json(one)


def split_incidents(folder: Path, files: int, duplicates: int = 0) -> list[str]:
    """Move the synthetic incidents into ``files`` JSON Lines files, repeating some ids later.

    Return the lines written, so a test can say which ids repeat.
    """
    lines = (folder / "incidents.jsonl").read_text().splitlines()
    (folder / "incidents.jsonl").unlink()
    shares: list[list[str]] = [lines[n::files] for n in range(files)]
    for n in range(duplicates):  # a copy of an early incident in the last file
        shares[-1].append(shares[0][n])
        shares[-1].insert(0, shares[1 % files][-1 - n])  # and a later one's, earlier on
    for number, share in enumerate(shares):
        (folder / f"incidents-{number}.jsonl").write_text("\n".join(share) + "\n")
    return lines


def synthetic(folder: Path, seed: int, incidents: int) -> SynthConfig:
    config = SynthConfig(
        organisations=2, incidents=incidents, invalid_share=0.05, gap_share=0.1, seed=seed
    )
    write(config, folder)
    return config


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[SynthConfig, Path]:
    """80 synthetic incidents (some invalid) and their reference documents."""
    folder = tmp_path_factory.mktemp("small")
    return synthetic(folder, 5, 80), folder


# ------------------------------------------------------------------ the examples


@pytest.mark.parametrize("scheduler", [SYNC, LOCAL], ids=["synchronous", "processes"])
def test_check_of_the_examples_equals_one_process(scheduler: dict[str, Any]) -> None:
    one = rrnkit.check([EXAMPLES], as_of=AS_OF)
    other = rrnkit_dask.check([EXAMPLES], as_of=AS_OF, partition_size=2000, **scheduler)
    same(one, other)
    assert len(one.findings) == 9


@pytest.mark.parametrize("scheduler", [SYNC, LOCAL], ids=["synchronous", "processes"])
def test_validate_of_the_examples_equals_one_process(scheduler: dict[str, Any]) -> None:
    same(rrnkit.validate([EXAMPLES]), rrnkit_dask.validate([EXAMPLES], **scheduler))


def test_findings_only_of_the_examples_equals_one_process() -> None:
    one = rrnkit.check([EXAMPLES], as_of=AS_OF, outcomes="findings", max_problems=5)
    other = rrnkit_dask.check(
        [EXAMPLES], as_of=AS_OF, outcomes="findings", max_problems=5, partition_size=64, **SYNC
    )
    same(one, other)
    assert other.partial


# ------------------------------------------------------------------ synthetic data, split up


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> tuple[SynthConfig, Path]:
    """2000 synthetic incidents in three files, with ids repeated across files."""
    folder = tmp_path_factory.mktemp("split")
    config = synthetic(folder, 21, 2000)
    split_incidents(folder, 3, duplicates=4)
    return config, folder


@pytest.mark.parametrize("outcomes", ["all", "findings"])
def test_check_of_split_synthetic_data_on_processes(
    split: tuple[SynthConfig, Path], outcomes: str
) -> None:
    config, folder = split
    one = rrnkit.check([folder], as_of=config.end, outcomes=outcomes)
    other = rrnkit_dask.check(
        [folder], as_of=config.end, outcomes=outcomes, partition_size=400_000, **LOCAL
    )
    same(one, other)
    duplicates = [p for p in other.problems if p.code == "document.duplicate-id"]
    assert len(duplicates) == 8
    assert {p.source for p in duplicates} == {str(folder / "incidents-2.jsonl")}
    assert one.invalid > len(duplicates)  # invalid records too
    assert one.findings


def test_pieces_of_any_size_give_the_same_report(split: tuple[SynthConfig, Path]) -> None:
    config, folder = split
    one = rrnkit.check([folder], as_of=config.end, outcomes="findings")
    for size in (2000, 250_000, 10**9):
        other = rrnkit_dask.check(
            [folder], as_of=config.end, outcomes="findings", partition_size=size, **SYNC
        )
        same(one, other)


def test_validate_of_split_synthetic_data(split: tuple[SynthConfig, Path]) -> None:
    _, folder = split
    one = rrnkit.validate([folder], max_problems=10)
    same(one, rrnkit_dask.validate([folder], max_problems=10, partition_size=100_000, **LOCAL))
    assert one.invalid > 0


def test_the_first_read_of_an_id_wins_across_partitions(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    # The second file's copy is first in reading order, though its partition is later.
    (tmp_path / "a.jsonl").write_text(
        "\n".join(json.dumps(dict(incident, id=f"i{n}")) for n in range(6)) + "\n"
    )
    (tmp_path / "b.jsonl").write_text(json.dumps(dict(incident, id="i2")) + "\n")
    (tmp_path / "c.json").write_text(json.dumps(dict(incident, id="i4")))
    (tmp_path / "d.jsonl").write_text(json.dumps(dict(incident, id="i9", reason="42")) + "\n")
    (tmp_path / "e.jsonl").write_text(json.dumps(dict(incident, id="i9")) + "\n")
    paths = [tmp_path, tmp_path / "a.jsonl"]  # a file given twice is read twice
    one = rrnkit.check(paths, as_of=AS_OF)
    other = rrnkit_dask.check(paths, as_of=AS_OF, partition_size=100, **SYNC)
    same(one, other)
    where = [(Path(p.source or "").name, p.line) for p in other.problems]
    assert where == [("b.jsonl", 1), ("c.json", 1), ("d.jsonl", 1)] + [
        ("a.jsonl", n) for n in range(1, 7)
    ]
    assert other.valid == 7  # i0..i5 and i9: an invalid first copy does not count


# ------------------------------------------------------------------ awkward input


def test_awkward_lines_are_numbered_and_counted_as_in_one_process(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    record = json.dumps(incident).encode()
    long = json.dumps(dict(incident, id="long", location="x" * 3000)).encode()
    lines = [
        b"\xef\xbb\xbf" + record,  # a byte order mark on the first line
        b"",
        b"   ",
        json.dumps(dict(incident, id="b")).encode() + b"\r",  # CRLF
        long,  # over the record limit below, across piece boundaries
        b"{not json",
        b"\xff\xfe",
        json.dumps(dict(incident, id="c")).encode(),
    ]
    (tmp_path / "awkward.jsonl").write_bytes(b"\n".join(lines))  # no final newline
    limits = JsonLimits(max_record_bytes=2000)
    for command in ("validate", "check"):
        for size in (1, 7, 700, 2500, 10**6):
            if command == "check":
                one = rrnkit.check([tmp_path], as_of=AS_OF, limits=limits)
                other = rrnkit_dask.check(
                    [tmp_path], as_of=AS_OF, limits=limits, partition_size=size, **SYNC
                )
            else:
                one = rrnkit.validate([tmp_path], limits=limits)
                other = rrnkit_dask.validate([tmp_path], limits=limits, partition_size=size, **SYNC)
            same(one, other)
            assert (other.read, other.valid, other.skipped) == (6, 3, 2)


def test_missing_and_empty_paths_are_reported_as_in_one_process(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "blank.jsonl").write_text("")
    paths = [tmp_path / "nope.jsonl", empty, EXAMPLES / "incidents.jsonl", tmp_path / "blank.jsonl"]
    one = rrnkit.check(paths, as_of=AS_OF)
    same(one, rrnkit_dask.check(paths, as_of=AS_OF, **SYNC))
    assert [p.code for p in one.path_problems] == ["path.not-found", "path.no-documents"]


def test_standard_input_and_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="standard input"):
        rrnkit_dask.validate(["-"], **SYNC)
    with pytest.raises(ValueError, match="partition_size"):
        rrnkit_dask.validate([EXAMPLES], partition_size=0, **SYNC)
    with pytest.raises(TypeError, match="as_of"):
        rrnkit_dask.check([EXAMPLES], as_of="2026-11-28", **SYNC)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="outcomes"):
        rrnkit_dask.check([EXAMPLES], as_of=AS_OF, outcomes="some", **SYNC)


def test_no_sensitive_value_reaches_the_report(tmp_path: Path, incident: dict[str, Any]) -> None:
    sentinel = "Sentinel Zq7Kx"
    valid = dict(incident, patient={"name": sentinel, "nhs_number": "9434765919"})
    bad = dict(valid, id="b", reason=sentinel, location=sentinel)
    (tmp_path / "i.jsonl").write_text(json.dumps(valid) + "\n" + json.dumps(bad) + "\n")
    (tmp_path / "j.jsonl").write_text(json.dumps(valid) + "\n")
    report = rrnkit_dask.check([tmp_path], as_of=AS_OF, **SYNC)
    assert report.invalid == 2
    for fmt in ("text", "json", "sarif"):
        assert sentinel not in render(report, fmt)


# ------------------------------------------------------------------ any split, one report


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    files=st.integers(1, 4),
    assignment=st.lists(st.integers(0, 3), min_size=80, max_size=80),
    repeats=st.lists(st.tuples(st.integers(0, 79), st.integers(0, 3)), max_size=6),
    blanks=st.lists(st.integers(0, 3), max_size=3),
    partition_size=st.integers(64, 60_000),
    outcomes=st.sampled_from(["all", "findings"]),
)
def test_any_split_of_the_incidents_gives_the_one_process_report(
    small: tuple[SynthConfig, Path],
    files: int,
    assignment: list[int],
    repeats: list[tuple[int, int]],
    blanks: list[int],
    partition_size: int,
    outcomes: str,
) -> None:
    config, made = small
    lines = (made / "incidents.jsonl").read_text().splitlines()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for name in made.iterdir():
            if name.name != "incidents.jsonl":
                shutil.copy(name, folder / name.name)
        shares: list[list[str]] = [[] for _ in range(files)]
        for line, to in zip(lines, assignment, strict=True):
            shares[to % files].append(line)
        for line, to in repeats:  # the same id again, somewhere
            shares[to % files].append(lines[line])
        for to in blanks:
            shares[to % files].insert(0, "")
        for number, share in enumerate(shares):
            (folder / f"incidents-{number}.jsonl").write_text("".join(s + "\n" for s in share))
        one = rrnkit.check([folder], as_of=config.end, outcomes=outcomes)
        other = rrnkit_dask.check(
            [folder], as_of=config.end, outcomes=outcomes, partition_size=partition_size, **SYNC
        )
        same(one, other)


@given(
    lines=st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")), max_size=20),
    cuts=st.lists(st.integers(1, 300), max_size=5).map(sorted),
)
def test_pieces_start_at_the_first_line_start_at_or_after_each_cut(
    lines: list[bytes], cuts: list[int]
) -> None:
    from rrnkit._run._plan import cut_and_fingerprint as _scan

    data = b"\n".join(lines)
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as handle:
        handle.write(data)
        handle.flush()
        found = _scan(handle.name, cuts)
    line_starts = [0] + [n + 1 for n, byte in enumerate(data) if byte == 0x0A]
    assert found.input is not None
    assert found.input.size == len(data)
    assert found.starts[0] == (0, 0)
    for cut, (start, before) in zip(cuts, found.starts[1:], strict=True):
        expected = min([s for s in line_starts if s >= cut], default=len(data))
        assert start == expected
        assert before == data[:start].count(b"\n")


# ------------------------------------------------------------------ the optional dependency


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_import_rrnkit_never_imports_dask() -> None:
    done = run_python(
        "import sys, rrnkit, rrnkit.extra, rrnkit.api, rrnkit.cli\n"
        "rrnkit.check\n"
        "assert not [m for m in sys.modules if m == 'dask' or m.startswith('dask.')], 'dask'\n"
    )
    assert done.returncode == 0, done.stderr


def test_without_dask_the_import_error_says_what_to_install() -> None:
    done = run_python(
        "import sys\n"
        "sys.modules['dask'] = None\n"
        "try:\n"
        "    import rrnkit.extra.dask\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    assert done.returncode == 0, done.stderr
    assert "pip install 'rrnkit[dask]'" in done.stdout


@pytest.mark.parametrize("change", ["edited", "deleted"])
def test_a_file_changed_between_the_reads_is_reported_not_trusted(
    tmp_path: Path, incident: dict[str, Any], monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """The second read trusts the first only where each piece's SHA-256 is unchanged."""
    stream = tmp_path / "incidents.jsonl"
    lines = [json.dumps(dict(incident, id=f"i{n}")) for n in range(40)]
    stream.write_text("\n".join(lines) + "\n")
    collect = rrnkit_dask.collect

    def then_change(*args: Any) -> Any:
        collected = collect(*args)
        if change == "deleted":
            stream.unlink()
        else:
            stream.write_text("\n".join([*lines[:3], '{"kind": "incident"', *lines[4:]]) + "\n")
        return collected

    monkeypatch.setattr(rrnkit_dask, "collect", then_change)
    report = rrnkit_dask.check([stream], as_of=AS_OF, partition_size=4096, **SYNC)
    assert [(p.code, p.source) for p in report.path_problems] == [("path.changed", str(stream))]
    assert report.exit_code() == 2
    assert (report.read, report.valid) == (40, 40)
