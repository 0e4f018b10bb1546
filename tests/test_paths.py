"""Every public function that takes paths takes one path or an iterable of them (issue 16).

A string is one path, never a sequence of one-character paths: before this,
``rrnkit.validate("examples/")`` read ``"e"``, ``"x"``... and ``"/"``, the file
system's root. One path (``str``, ``pathlib.Path`` or any ``os.PathLike[str]``)
and a one-item list give the same result; ``bytes`` and items that are not
paths are refused with a TypeError naming the parameter. The last tests walk
every public module's ``__all__``, so a new function cannot take paths in any
other way.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import functools
import importlib
import inspect
import io
import os
import pathlib
import re
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rrnkit
from rrnkit.io import Paths, StrPath, expand_paths, iter_records
from rrnkit.study import measure_paths
from test_public_api import PUBLIC_MODULES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 28)
EXAMPLE_FILES = sorted(
    str(path)
    for path in EXAMPLES.rglob("*")
    if path.suffix in (".json", ".jsonl") and path.is_file()
)


class FsPath(os.PathLike[str]):
    """An ``os.PathLike[str]`` that is not a ``pathlib.Path``."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return self.path


class BytesFsPath(os.PathLike[bytes]):
    """An ``os.PathLike`` whose ``__fspath__`` gives bytes."""

    def __fspath__(self) -> bytes:
        return b"examples"


def _dask() -> Any:
    pytest.importorskip("dask")
    return importlib.import_module("rrnkit.extra.dask")


def _records(paths: Any) -> list[Any]:
    return list(iter_records(paths))


# Each public function that reads several paths, as a call of ``paths`` alone.
MANY: dict[str, Callable[[Any], Any]] = {
    "rrnkit.validate": rrnkit.validate,
    "rrnkit.check": functools.partial(rrnkit.check, as_of=AS_OF),
    "rrnkit.io.expand_paths": expand_paths,
    "rrnkit.io.iter_records": _records,
    "rrnkit.study.measure_paths": measure_paths,
    "rrnkit.extra.dask.validate": lambda paths: _dask().validate(paths, scheduler="synchronous"),
    "rrnkit.extra.dask.check": lambda paths: _dask().check(
        paths, as_of=AS_OF, scheduler="synchronous"
    ),
}


@pytest.fixture(params=sorted(MANY))
def many(request: pytest.FixtureRequest) -> Callable[[Any], Any]:
    return MANY[request.param]


@pytest.mark.parametrize("where", [str(EXAMPLES), EXAMPLE_FILES[0]], ids=["folder", "file"])
def test_one_path_in_every_form_gives_the_same_result(
    many: Callable[[Any], Any], where: str
) -> None:
    expected = many([where])
    assert many(where) == expected
    assert many(Path(where)) == expected
    assert many(FsPath(where)) == expected
    assert many([Path(where)]) == expected
    assert many((where,)) == expected
    assert many(iter([where])) == expected


def test_a_string_is_one_path_not_its_characters(tmp_path: Path) -> None:
    """A folder named like this one but holding nothing: read as one path, it has no documents.

    Read character by character, ``"/"`` would be the file system's root.
    """
    empty = tmp_path / "empty"
    empty.mkdir()
    files, problems = expand_paths(f"{empty}/")
    assert files == []
    assert [p.code for p in problems] == ["path.no-documents"]
    assert rrnkit.validate(str(empty)).read == 0


def test_the_shipped_examples_read_as_one_string_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = rrnkit.check("examples/", as_of=AS_OF)
    assert len(report.inputs) == len(EXAMPLE_FILES)
    assert report == rrnkit.check(["examples/"], as_of=AS_OF)


def test_standard_input_is_one_path_given_as_a_string() -> None:
    line = (EXAMPLES / "incidents.jsonl").read_bytes().splitlines()[0] + b"\n"
    one = rrnkit.validate("-", stdin=io.BytesIO(line))
    assert one.read == 1
    assert one == rrnkit.validate(["-"], stdin=io.BytesIO(line))


def test_no_paths_stay_allowed(many: Callable[[Any], Any]) -> None:
    assert many([]) == many(())


ONE_OR_MANY = "expected a path (str or os.PathLike[str]) or an iterable of paths, got"
ONE = "expected a path (str or os.PathLike[str]), got"

# What is given, what the TypeError says, and whether it says to decode bytes.
REFUSED: dict[str, tuple[object, str, bool]] = {
    "bytes": (b"examples", f"paths: {ONE_OR_MANY} bytes", True),
    "bytearray": (bytearray(b"examples"), f"paths: {ONE_OR_MANY} bytearray", True),
    "bytes-fspath": (BytesFsPath(), f"paths: {ONE_OR_MANY} BytesFsPath whose", True),
    "int-item": ([1], f"paths[0]: {ONE} int", False),
    "bytes-item": ([str(EXAMPLES), b"examples"], f"paths[1]: {ONE} bytes", True),
    "bytes-fspath-item": ([str(EXAMPLES), BytesFsPath()], f"paths[1]: {ONE} BytesFsPath", True),
    "nested-list": ([[str(EXAMPLES)]], f"paths[0]: {ONE} list", False),
    "int": (3, f"paths: {ONE_OR_MANY} int", False),
    "none": (None, f"paths: {ONE_OR_MANY} NoneType", False),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_what_is_not_paths_is_refused_naming_the_parameter(
    many: Callable[[Any], Any], case: str
) -> None:
    given, message, is_bytes = REFUSED[case]
    with pytest.raises(TypeError) as raised:
        many(given)
    assert str(raised.value).startswith(message)
    assert ("os.fsdecode" in str(raised.value)) is is_bytes


def test_iter_records_refuses_when_called_not_when_iterated() -> None:
    with pytest.raises(TypeError, match=r"paths\[0\]"):
        iter_records([1])


def test_a_generator_is_read_once_when_the_function_is_called() -> None:
    drawn: list[str] = []

    def paths() -> Iterator[str]:
        for path in EXAMPLE_FILES[:2]:
            drawn.append(path)
            yield path

    records = iter_records(paths())
    assert drawn == EXAMPLE_FILES[:2]  # read before the first record is asked for
    assert list(records) == list(iter_records(EXAMPLE_FILES[:2]))


# --------------------------------------------------------------------- properties


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(EXAMPLE_FILES), max_size=4))
def test_any_iterable_of_the_same_files_gives_the_same_report(chosen: list[str]) -> None:
    expected = rrnkit.validate(chosen)
    assert rrnkit.validate(tuple(chosen)) == expected
    assert rrnkit.validate(Path(p) for p in chosen) == expected
    assert rrnkit.validate(map(FsPath, chosen)) == expected
    if len(chosen) == 1:
        assert rrnkit.validate(chosen[0]) == expected


@given(st.lists(st.text()))
def test_any_iterable_of_text_paths_is_those_paths_in_order(names: list[str]) -> None:
    from rrnkit._internal.paths import as_path_list

    assert as_path_list(names) == names
    assert as_path_list(tuple(names)) == names
    assert as_path_list(iter(names)) == names
    assert as_path_list([pathlib.PurePosixPath(n) for n in names if n]) == [
        str(pathlib.PurePosixPath(n)) for n in names if n
    ]


@given(st.text())
def test_any_string_is_one_path(name: str) -> None:
    from rrnkit._internal.paths import as_path_list

    assert as_path_list(name) == [name]


NOT_PATHS = st.one_of(
    st.integers(), st.binary(), st.none(), st.floats(), st.lists(st.text(), min_size=1)
)


@given(st.lists(st.text()), NOT_PATHS, st.data())
def test_the_first_item_that_is_not_a_path_is_named(
    names: list[str], bad: object, data: st.DataObject
) -> None:
    from rrnkit._internal.paths import as_path_list

    at = data.draw(st.integers(0, len(names)))
    given_paths = [*names[:at], bad, *names[at:]]
    with pytest.raises(TypeError, match=rf"^paths\[{at}\]: expected a path "):
        as_path_list(given_paths)


# ------------------------------------------------------------ one path, one place


def _bed_days_file(folder: Path) -> Path:
    path = folder / "bed-days.csv"
    path.write_text("organisation_id,unit_id,month,occupied_bed_days\norg-1,u-1,2026-01,310\n")
    return path


def test_functions_taking_one_path_take_every_form_and_refuse_bytes(tmp_path: Path) -> None:
    from rrnkit.pseudonymise import read_key_file
    from rrnkit.study import read_bed_days, write_text

    key = tmp_path / "key"
    key.write_bytes(b"k" * 40 + b"\n")
    bed_days = _bed_days_file(tmp_path)

    def bed_days_read(path: Any) -> object:
        table = read_bed_days(path)
        return list(table), table.problems

    missing = tmp_path / "missing.csv"
    for function, target in [
        (read_key_file, key),
        (bed_days_read, bed_days),
        (bed_days_read, missing),  # the problem names the path as text
    ]:
        expected = function(str(target))
        assert function(target) == expected
        assert function(FsPath(str(target))) == expected
        with pytest.raises(TypeError, match=r"^path: expected a path"):
            function(os.fsencode(target))
    write_text(tmp_path / "a.txt", "x\n")
    write_text(FsPath(str(tmp_path / "b.txt")), "x\n")
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes() == b"x\n"
    with pytest.raises(TypeError, match=r"^path: .*os.fsdecode"):
        write_text(os.fsencode(tmp_path / "c.txt"), "x\n")
    assert not (tmp_path / "c.txt").exists()


def test_write_targets_take_every_form_and_refuse_bytes(tmp_path: Path) -> None:
    from rrnkit.mhsds import MHS505_FILE, MHS515_FILE, read_files, write_files
    from rrnkit.model import Incident
    from rrnkit.study import run_worked_study
    from rrnkit.synth import SynthConfig, write
    from rrnkit.tabular import tabulate, write_csv

    incidents = [r.document for r in iter_records(EXAMPLES / "incidents.jsonl") if r and r.document]
    assert all(isinstance(i, Incident) for i in incidents)
    one, other = tmp_path / "one", tmp_path / "other"
    assert write_files(incidents, str(one)) == write_files(incidents, FsPath(str(other)))
    for name in (MHS505_FILE, MHS515_FILE):
        assert (one / name).read_bytes() == (other / name).read_bytes()
    with pytest.raises(TypeError, match=r"^directory: "):
        write_files(incidents, os.fsencode(tmp_path / "bytes"))

    recorded = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    read = functools.partial(read_files, organisation_id="org-1", recorded_at=recorded)
    assert read(one / MHS505_FILE, FsPath(str(one / MHS515_FILE))) == read(
        str(one / MHS505_FILE), str(one / MHS515_FILE)
    )
    with pytest.raises(TypeError, match=r"^mhs515: "):
        read(one / MHS505_FILE, os.fsencode(one / MHS515_FILE))

    written = write_csv(tabulate("incidents", incidents), str(tmp_path / "a.csv"))
    assert write_csv(tabulate("incidents", incidents), FsPath(str(tmp_path / "b.csv"))) == written
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()

    config = SynthConfig(incidents=3)
    assert write(config, str(tmp_path / "s1")) == write(config, FsPath(str(tmp_path / "s2")))
    for function in (functools.partial(write, config), run_worked_study):
        with pytest.raises(TypeError, match=r"^out_dir: "):
            function(os.fsencode(tmp_path / "s3"))
    assert not (tmp_path / "s3").exists()


def test_write_parquet_takes_every_form_and_refuses_bytes(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from rrnkit.extra.arrow import write_parquet

    report = rrnkit.check(EXAMPLES, as_of=AS_OF)
    assert write_parquet("outcomes", str(tmp_path / "a"), report) == write_parquet(
        "outcomes", FsPath(str(tmp_path / "b")), report
    )
    with pytest.raises(TypeError, match=r"^path: "):
        write_parquet("outcomes", os.fsencode(tmp_path / "c"), report)


# ------------------------------------------------- every public signature says so


def _public_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for module_name in PUBLIC_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # an extra whose package is not installed
            if exc.name is not None and exc.name.startswith("rrnkit"):
                raise
            continue
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if inspect.isroutine(value):
                yield f"{module_name}.{name}", value
            elif inspect.isclass(value):  # its public methods (a constructor builds a value)
                for method_name, method in inspect.getmembers(value, inspect.isroutine):
                    defined_in = getattr(method, "__module__", None) or ""
                    if not method_name.startswith("_") and defined_in.startswith("rrnkit"):
                        yield f"{module_name}.{name}.{method_name}", method


def _mentions_a_path(hint: object) -> bool:
    args = typing.get_args(hint) or (hint,)
    return any(
        arg is pathlib.Path or typing.get_origin(arg) is os.PathLike or arg is os.PathLike
        for arg in args
    )


def _resolved(function: Callable[..., Any], annotation: object) -> object:
    """Evaluate an annotation written as a string; None where it cannot be at run time."""
    if not isinstance(annotation, str):
        return annotation
    try:
        # The annotation is rrnkit's own source text, evaluated where it was written.
        return eval(annotation, getattr(function, "__globals__", {}))
    except Exception:  # e.g. names imported only for type checkers
        return None


def _path_parameters() -> dict[str, dict[str, tuple[object, object]]]:
    """The parameters of public functions that take paths: annotations as written and resolved."""
    found: dict[str, dict[str, tuple[object, object]]] = {}
    for where, function in _public_functions():
        for parameter in inspect.signature(function).parameters.values():
            hint = _resolved(function, parameter.annotation)
            written = str(parameter.annotation)
            if (
                parameter.name in ("paths", "path")
                or _mentions_a_path(hint)
                or re.search(r"\b(Path|PathLike)\b", written)
            ):
                found.setdefault(where, {})[parameter.name] = (parameter.annotation, hint)
    return found


def _misannotated(name: str, written: object, resolved: object) -> str | None:
    """Say which alias a parameter taking paths should be annotated with, if it is not."""
    if name == "paths":
        return None if written == "Paths" and resolved == Paths else "Paths"
    one = set(typing.get_args(StrPath))
    if "StrPath" in str(written) and one <= set(typing.get_args(resolved)):
        return None
    return "StrPath"


def test_every_public_parameter_taking_paths_is_annotated_with_the_alias() -> None:
    wrong = [
        f"{where}({name}: {written}): annotate it {alias}"
        for where, parameters in _path_parameters().items()
        for name, (written, resolved) in parameters.items()
        if (alias := _misannotated(name, written, resolved)) is not None
    ]
    assert not wrong, "use rrnkit.io.Paths (several) or rrnkit.io.StrPath (one):\n" + "\n".join(
        wrong
    )


def test_the_walk_finds_the_functions_that_take_paths() -> None:
    found = _path_parameters()
    expected = {name for name in MANY if not name.startswith("rrnkit.extra.")}
    expected |= {"rrnkit.api.check", "rrnkit.api.validate"}
    assert expected <= {w for w, ps in found.items() if "paths" in ps}
    assert "path" in found["rrnkit.study.read_bed_days"]
    assert "out_dir" in found["rrnkit.synth.write"]
    assert _mentions_a_path(pathlib.Path | None)
    assert not _mentions_a_path(str)


def test_the_check_refuses_the_old_annotations() -> None:
    old = collections.abc.Iterable[str | pathlib.Path]
    assert _misannotated("paths", "Iterable[str | Path]", old) == "Paths"
    assert _misannotated("paths", "Paths", Paths) is None
    assert _misannotated("path", "str | Path", str | pathlib.Path) == "StrPath"
    assert _misannotated("out", "IO[str] | StrPath", typing.IO[str] | StrPath) is None


def test_the_aliases_are_exported_where_users_import_them() -> None:
    assert rrnkit.Paths is Paths
    assert set(typing.get_args(Paths)) == {str, os.PathLike[str], collections.abc.Iterable[StrPath]}
