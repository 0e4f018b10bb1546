"""Bad input never crashes rrnkit: every case below gets one located line and a stable code.

Each row of ``CASES`` is documentation: the files written, the command run, the
exit code and the line printed. Every case is run in process (click's
``CliRunner``) and through the installed ``rrnkit`` console script, and every
run also reads a good file, which must still be counted valid.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import rrnkit._run._read
import rrnkit.api
import rrnkit.io._read
from rrnkit.api import check, validate
from rrnkit.cli import cli
from rrnkit.io import JsonLimits
from samples import INCIDENT

AS_OF = "2026-11-28"


def doc(id: str = "inc-bad", **changes: Any) -> dict[str, Any]:
    """The valid incident with another id and top-level changes."""
    data = copy.deepcopy(INCIDENT)
    data.update(id=id, **changes)
    return data


def line(data: dict[str, Any]) -> bytes:
    return json.dumps(data).encode()


def pretty(data: dict[str, Any]) -> bytes:
    return json.dumps(data, indent=2).encode() + b"\n"


def line_of(text: bytes, needle: bytes, nth: int = 1) -> int:
    """1-based line of the nth occurrence of ``needle`` in ``text``."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    return text[:at].count(b"\n") + 1


def with_patient(**changes: Any) -> dict[str, Any]:
    data = doc()
    data["patient"].update(changes)
    return data


def with_intervention(**changes: Any) -> dict[str, Any]:
    data = doc()
    data["interventions"][0].update(changes)
    return data


GOOD = pretty(INCIDENT)
TRUNCATED = GOOD[: GOOD.index(b'"patient"')]
TRUNCATED_END = TRUNCATED.count(b"\n") + 1
DUPLICATE_KEY = GOOD.replace(b'"nhs_number"', b'"name": "Sam Again",\n    "nhs_number"')
DUPLICATE_KEY_LINE = line_of(DUPLICATE_KEY, b'"Sam Again"')
BAD_PRETTY = b'{\n  "kind": "incident",\n  "id": oops\n}\n'
BAD_NHS_PRETTY = pretty(with_patient(nhs_number="9434765918"))
BAD_NHS_LINE = line_of(BAD_NHS_PRETTY, b'"nhs_number"')
STREAM_WITH_BAD_LINE = b"\n".join([line(doc("s1")), b'{"kind": "incident",, }', line(doc("s3"))])
DEEP = b"[" * 200_000
LONG_STRING = line(with_patient(name="x" * 2_000_000))
LARGE = pretty(doc(reason_detail="x" * 10_000))


@dataclass(frozen=True)
class Case:
    """One bad input: what is written, what is run, and what must be printed."""

    name: str
    files: dict[str, bytes]
    """Files to write (relative to the working folder); a name ending in / is a folder."""
    args: tuple[str, ...]
    exit: int
    printed: str | None
    """The start of the one problem line (up to the code); None when nothing is wrong."""
    valid: int
    invalid: int
    stdin: bytes | None = None
    unreadable: tuple[str, ...] = field(default=())
    """Files made unreadable (chmod 000) before the run."""

    @property
    def code(self) -> str | None:
        return None if self.printed is None else self.printed.rsplit(": ", 1)[-1]


CASES: list[Case] = [
    Case("missing file", {}, ("validate", "missing.json", "good.json"),
         2, "missing.json: path.not-found", valid=1, invalid=0),
    Case("folder with no documents", {"empty-folder/notes.txt": b"not a document"},
         ("validate", "empty-folder", "good.json"),
         2, "empty-folder: path.no-documents", valid=1, invalid=0),
    Case("permission denied", {"locked.json": GOOD}, ("validate", "locked.json", "good.json"),
         2, "locked.json: path.unreadable", valid=1, invalid=0, unreadable=("locked.json",)),
    Case("empty file", {"empty.json": b""}, ("validate", "empty.json", "good.json"),
         1, "empty.json:1: /: json.empty", valid=1, invalid=1),
    Case("not UTF-8", {"latin1.json": b"\xff\xfe{\x00}\x00"},
         ("validate", "latin1.json", "good.json"),
         1, "latin1.json:1: /: file.not-utf8", valid=1, invalid=1),
    Case("UTF-8 with a byte order mark (accepted)", {"bom.json": b"\xef\xbb\xbf" + line(doc())},
         ("validate", "bom.json", "good.json"), 0, None, valid=2, invalid=0),
    Case("invalid JSON on line 2 of a JSONL file", {"stream.jsonl": STREAM_WITH_BAD_LINE},
         ("validate", "stream.jsonl", "good.json"),
         1, "stream.jsonl:2: /: json.syntax", valid=3, invalid=1),
    Case("invalid JSON in a pretty .json file", {"pretty.json": BAD_PRETTY},
         ("validate", "pretty.json", "good.json"),
         1, "pretty.json:3: /: json.syntax", valid=1, invalid=1),
    Case("truncated file", {"truncated.json": TRUNCATED},
         ("validate", "truncated.json", "good.json"),
         1, f"truncated.json:{TRUNCATED_END}: /: json.syntax", valid=1, invalid=1),
    Case("top-level array", {"array.json": b"[" + line(doc()) + b"]"},
         ("validate", "array.json", "good.json"),
         1, "array.json:1: /: document.not-an-object", valid=1, invalid=1),
    Case("top-level scalar", {"scalar.json": b"42"}, ("validate", "scalar.json", "good.json"),
         1, "scalar.json:1: /: document.not-an-object", valid=1, invalid=1),
    Case("duplicate keys", {"dup-keys.json": DUPLICATE_KEY},
         ("validate", "dup-keys.json", "good.json"),
         1, f"dup-keys.json:{DUPLICATE_KEY_LINE}: /patient: "
         "json.duplicate-key", valid=1, invalid=1),
    Case("NaN", {"nan.json": line(doc()).replace(b'"10"', b"NaN")},
         ("validate", "nan.json", "good.json"),
         1, "nan.json:1: /reason: json.non-finite-number", valid=1, invalid=1),
    Case("Infinity", {"inf.json": line(doc()).replace(b'"10"', b"-Infinity")},
         ("validate", "inf.json", "good.json"),
         1, "inf.json:1: /reason: json.non-finite-number", valid=1, invalid=1),
    Case("number too large (10**40)", {"big.json": line(doc(reason=10**40))},
         ("validate", "big.json", "good.json"),
         1, "big.json:1: /reason: json.number-too-large", valid=1, invalid=1),
    Case("string over the 1,000,000-character limit", {"long.json": LONG_STRING},
         ("validate", "long.json", "good.json"),
         1, "long.json:1: /patient/name: json.string-too-long", valid=1, invalid=1),
    Case(".json file larger than --max-record-bytes", {"large.json": LARGE},
         ("validate", "--max-record-bytes", "4096", "large.json", "good.json"),
         1, "large.json:1: /: record.too-large", valid=1, invalid=1),
    Case("JSONL line larger than --max-record-bytes",
         {"stream.jsonl": b"\n".join([line(doc("s1")), line(doc(reason_detail="x" * 10_000)),
                                      line(doc("s3"))])},
         ("validate", "--max-record-bytes", "4096", "stream.jsonl", "good.json"),
         1, "stream.jsonl:2: /: record.too-large", valid=3, invalid=1),
    Case("200,000 nested arrays", {"deep.json": DEEP}, ("validate", "deep.json", "good.json"),
         1, "deep.json:1: " + "/0" * 64 + ": json.too-deep", valid=1, invalid=1),
    Case("200,000 nested arrays on a JSONL line",
         {"deep.jsonl": line(doc("s1")) + b"\n" + DEEP + b"\n"},
         ("validate", "deep.jsonl", "good.json"),
         1, "deep.jsonl:2: " + "/0" * 64 + ": json.too-deep", valid=2, invalid=1),
    Case("nesting over --max-depth", {"nested.json": line(doc(extensions={"a.b": {"c": {}}}))},
         ("validate", "--max-depth", "3", "nested.json", "good.json"),
         1, "nested.json:1: /extensions/a.b/c: json.too-deep", valid=1, invalid=1),
    Case("unknown kind", {"kind.json": line(doc(kind="widget"))},
         ("validate", "kind.json", "good.json"),
         1, "kind.json:1: /kind: document.unknown-kind", valid=1, invalid=1),
    Case("unsupported schema_version", {"version.json": line(doc(schema_version="9.9"))},
         ("validate", "version.json", "good.json"),
         1, "version.json:1: /schema_version: document.unsupported-version", valid=1, invalid=1),
    Case("wrong type", {"types.json": line(doc(interventions="07"))},
         ("validate", "types.json", "good.json"),
         1, "types.json:1: /interventions: value.type", valid=1, invalid=1),
    Case("unknown field", {"unknown.json": line(doc(colour="red"))},
         ("validate", "unknown.json", "good.json"),
         1, "unknown.json:1: /colour: field.unknown", valid=1, invalid=1),
    Case("invalid date (2026-02-30)", {"date.json": line(with_patient(date_of_birth="2026-02-30"))},
         ("validate", "date.json", "good.json"),
         1, "date.json:1: /patient/date_of_birth: value.date", valid=1, invalid=1),
    Case("invalid date-time (2026-02-30T...)",
         {"datetime.json": line(doc(start="2026-02-30T14:05:00+00:00"))},
         ("validate", "datetime.json", "good.json"),
         1, "datetime.json:1: /start: value.datetime", valid=1, invalid=1),
    Case("naive date-time", {"naive.json": line(doc(start="2026-03-04T14:05:00"))},
         ("validate", "naive.json", "good.json"),
         1, "naive.json:1: /start: value.naive-datetime", valid=1, invalid=1),
    Case("invalid NHS number", {"nhs.json": BAD_NHS_PRETTY},
         ("validate", "nhs.json", "good.json"),
         1, f"nhs.json:{BAD_NHS_LINE}: /patient/nhs_number: "
         "value.nhs-number", valid=1, invalid=1),
    Case("unknown code (intervention type 02)", {"code.json": line(with_intervention(type="02"))},
         ("validate", "code.json", "good.json"),
         1, "code.json:1: /interventions/0/type: value.unknown-code", valid=1, invalid=1),
    Case("standard input as JSONL", {}, ("validate", "-", "good.json"),
         1, "-:2: /: json.syntax", valid=3, invalid=1, stdin=STREAM_WITH_BAD_LINE),
    Case("standard input as one pretty document", {}, ("validate", "-", "good.json"),
         1, f"-:{BAD_NHS_LINE}: /patient/nhs_number: value.nhs-number",
         valid=1, invalid=1, stdin=BAD_NHS_PRETTY),
    Case("duplicate document id across files", {"copy.json": GOOD},
         ("check", "--as-of", AS_OF, "good.json", "copy.json"),
         1, "copy.json:1: /id: document.duplicate-id", valid=1, invalid=1),
]  # fmt: skip

SUMMARY = re.compile(r"^Read (\d+) records? in \d+ files?: (\d+) valid, (\d+) invalid", re.M)


def write_case(case: Case, folder: Path) -> None:
    (folder / "good.json").write_bytes(GOOD)
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    for name in case.unreadable:
        (folder / name).chmod(0)
        if os.access(folder / name, os.R_OK):
            pytest.skip("running with privileges that read a chmod 000 file")


@pytest.fixture
def restore_permissions(tmp_path: Path) -> Iterator[None]:
    yield
    for path in tmp_path.rglob("*"):
        path.chmod(0o700)


def assert_clean_output(case: Case, stdout: str, stderr: str, exit_code: int) -> None:
    both = stdout + stderr
    assert "Traceback" not in both
    assert exit_code == case.exit, both
    summary = SUMMARY.search(stdout)
    assert summary is not None, stdout
    read, valid, invalid = map(int, summary.groups())
    assert (read, valid, invalid) == (case.valid + case.invalid, case.valid, case.invalid), stdout
    problems = [ln for ln in stdout.splitlines() if re.search(r": [a-z]+\.[a-z0-9-]+: ", ln)]
    if case.printed is None:
        assert problems == [], stdout
        return
    mine = [ln for ln in problems if f": {case.code}: " in ln]
    assert len(mine) == 1, stdout
    assert mine[0].startswith(case.printed + ": "), mine[0]
    if case.args[0] == "validate":
        assert problems == mine, stdout


@pytest.mark.usefixtures("restore_permissions")
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_in_process(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, list(case.args), input=case.stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert_clean_output(case, result.stdout, result.stderr, result.exit_code)


def console_script() -> str:
    beside = Path(sys.executable).parent / "rrnkit"
    found = str(beside) if beside.exists() else shutil.which("rrnkit")
    if found is None:
        pytest.skip("the rrnkit console script is not installed")
    return found


@pytest.mark.usefixtures("restore_permissions")
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_through_the_console_script(case: Case, tmp_path: Path) -> None:
    write_case(case, tmp_path)
    done = subprocess.run(
        [console_script(), *case.args],
        cwd=tmp_path,
        input=case.stdin or b"",
        capture_output=True,
        timeout=60,
        check=False,
    )
    stdout = done.stdout.decode("utf-8")
    stderr = done.stderr.decode("utf-8")
    assert stderr == ""
    assert_clean_output(case, stdout, stderr, done.returncode)


def test_permission_denied_when_the_file_cannot_be_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The permission case, simulated so it also runs as root."""
    case = next(c for c in CASES if c.name == "permission denied")
    case = Case(**{**case.__dict__, "unreadable": ()})
    write_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    real_open = open

    def deny(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith("locked.json"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(rrnkit.io._read, "open", deny, raising=False)
    result = CliRunner().invoke(cli, list(case.args))
    assert_clean_output(case, result.stdout, result.stderr, result.exit_code)


# ------------------------------------------------------------------ located precisely


def test_invalid_json_is_located_by_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "stream.jsonl").write_bytes(STREAM_WITH_BAD_LINE)
    (tmp_path / "pretty.json").write_bytes(BAD_PRETTY)
    report = validate([tmp_path / "stream.jsonl", tmp_path / "pretty.json"])
    located = {(Path(p.source or "").name, p.code, p.line, p.column) for p in report.problems}
    # {"kind": "incident",, }: the second comma is at column 21
    # '  "id": oops': the value starts at column 9
    assert located == {
        ("stream.jsonl", "json.syntax", 2, 21),
        ("pretty.json", "json.syntax", 3, 9),
    }


def test_a_long_string_is_refused_under_a_small_limit(tmp_path: Path) -> None:
    (tmp_path / "long.jsonl").write_bytes(
        b"\n".join([line(doc("s1")), line(with_patient(name="x" * 5000)), line(doc("s3"))])
    )
    report = validate([tmp_path / "long.jsonl"], limits=JsonLimits(max_string_length=100))
    assert (report.read, report.valid, report.invalid) == (3, 2, 1)
    [problem] = report.problems
    assert (problem.code, problem.line, problem.pointer) == (
        "json.string-too-long",
        2,
        "/patient/name",
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_validate_and_check_report_a_repeated_document_alike(tmp_path: Path, jobs: int) -> None:
    """One duplicate rule on every path: the first wins, the repeat is invalid."""
    (tmp_path / "good.json").write_bytes(GOOD)
    (tmp_path / "copy.json").write_bytes(GOOD)
    paths = [tmp_path / "good.json", tmp_path / "copy.json"]
    validated = validate(paths, jobs=jobs)
    checked = check(paths, as_of=dt.date(2026, 11, 28), jobs=jobs)
    for report in (validated, checked):
        assert (report.read, report.valid, report.invalid) == (2, 1, 1)
        assert [(p.code, p.source) for p in report.problems] == [
            ("document.duplicate-id", str(tmp_path / "copy.json"))
        ]
        assert report.exit_code() == 1


# ------------------------------------------------------------------ interrupted runs


def write_stream(path: Path, records: int) -> None:
    path.write_bytes(b"".join(line(doc(f"inc-{n}")) + b"\n" for n in range(records)))


def stop_at(limit: int) -> Any:
    def progress(records: int) -> None:
        if records >= limit:
            raise KeyboardInterrupt

    return progress


def test_an_interrupted_api_run_reports_what_was_read(tmp_path: Path) -> None:
    stream = tmp_path / "incidents.jsonl"
    write_stream(stream, 2500)
    report = validate([stream], progress=stop_at(1000))
    assert report.interrupted is True
    assert report.exit_code() == 130
    assert report.read == 1000
    assert report.read == report.valid + report.invalid
    assert (report.valid, report.invalid, report.problems) == (1000, 0, ())


def test_an_interrupted_run_names_the_file_it_was_reading(tmp_path: Path) -> None:
    stream = tmp_path / "incidents.jsonl"
    write_stream(stream, 2500)
    report = validate([stream], progress=stop_at(1000))
    assert [Path(i.path).name for i in report.inputs] == ["incidents.jsonl"]
    assert report.inputs[0].records >= 1000


def interrupt_after(records: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Press Ctrl-C after ``records`` records of a JSON Lines file (read as one piece)."""
    real = rrnkit._run._read.piece_records

    def interrupted(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for n, record in enumerate(real(*args, **kwargs)):
            if n == records:
                raise KeyboardInterrupt
            yield record

    monkeypatch.setattr(rrnkit._run._read, "piece_records", interrupted)


@pytest.mark.parametrize("command", [("validate",), ("check", "--as-of", AS_OF)])
def test_an_interrupted_cli_run_prints_its_report_and_exits_130(
    command: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = tmp_path / "incidents.jsonl"
    write_stream(stream, 10)
    interrupt_after(4, monkeypatch)
    result = CliRunner().invoke(cli, [*command, str(stream)])
    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output
    assert "Read 4 records" in result.stdout
    assert "4 valid, 0 invalid" in result.stdout
    assert "Interrupted:" in result.stdout


# ---------------------------------------------- regressions: bugs found and fixed

FORMATS = ("text", "json", "sarif")


def run_script(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [console_script(), *args],
        cwd=cwd,
        input=b"",
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


LONE_SURROGATE = {
    # JSON allows the escape; Python decodes it to a lone surrogate, which no UTF-8 output takes
    "as an unknown field": line(doc())[:-1] + b', "\\ud800": 1}',
    "as a key under extensions": line(doc(extensions={"org.example": {"k": 1}})).replace(
        b'{"k": 1}', b'{"\\ud800": NaN}'
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("where", list(LONE_SURROGATE))
def test_a_lone_surrogate_key_is_reported_not_a_crash(where: str, fmt: str, tmp_path: Path) -> None:
    (tmp_path / "good.json").write_bytes(GOOD)
    (tmp_path / "surrogate.json").write_bytes(LONE_SURROGATE[where])
    # Regression: the pointer's lone surrogate made every renderer fail to encode.
    done = run_script(["validate", "--format", fmt, "surrogate.json", "good.json"], tmp_path)
    assert b"internal error" not in done.stderr
    assert done.returncode == 1
    assert b"1 valid, 1 invalid" in done.stdout if fmt == "text" else b"good.json" in done.stdout


NOT_UTF8_NAME = os.fsdecode(b"bad\xffname.json")
STRICT_UTF8 = {"PYTHONIOENCODING": "utf-8"}  # stdout as in an en_GB.UTF-8 locale
ESCAPING_UTF8 = {"PYTHONIOENCODING": "utf-8:surrogateescape"}  # stdout as in C.UTF-8


@pytest.mark.parametrize(
    ("fmt", "env", "to_file"),
    [
        pytest.param("text", ESCAPING_UTF8, False, id="text-surrogateescape-stdout"),
        pytest.param("json", ESCAPING_UTF8, False, id="json-surrogateescape-stdout"),
        pytest.param("sarif", ESCAPING_UTF8, False, id="sarif-surrogateescape-stdout"),
        pytest.param("text", STRICT_UTF8, False, id="text-utf8-stdout"),
        pytest.param("json", STRICT_UTF8, False, id="json-utf8-stdout"),
        pytest.param("sarif", STRICT_UTF8, False, id="sarif-utf8-stdout"),
        pytest.param("text", ESCAPING_UTF8, True, id="text-output-file"),
        pytest.param("json", ESCAPING_UTF8, True, id="json-output-file"),
        pytest.param("sarif", ESCAPING_UTF8, True, id="sarif-output-file"),
    ],
)  # fmt: skip
def test_a_file_name_that_is_not_utf8(
    fmt: str, env: dict[str, str], to_file: bool, tmp_path: Path
) -> None:
    try:
        (tmp_path / NOT_UTF8_NAME).write_bytes(line(doc("named", colour="red")))
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    (tmp_path / "good.json").write_bytes(GOOD)
    output = ["-o", "report.out"] if to_file else []
    done = run_script(["validate", "--format", fmt, *output, "."], tmp_path, env)
    assert b"internal error" not in done.stderr
    assert done.returncode == 1
    report = (tmp_path / "report.out").read_bytes() if to_file else done.stdout
    assert b"name.json" in report
    assert b"field.unknown" in report


def hide_folder(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make listing folders called ``name`` fail as it does without read permission."""
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if not isinstance(path, int) and Path(os.fsdecode(path)).name == name:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def write_locked_tree(folder: Path) -> None:
    (folder / "docs" / "locked").mkdir(parents=True)
    (folder / "docs" / "a.json").write_bytes(GOOD)
    (folder / "docs" / "locked" / "b.json").write_bytes(pretty(doc("b")))


def test_the_unreadable_folder_simulation_hides_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guard for the next test: the simulation does hide the folder's files."""
    write_locked_tree(tmp_path)
    hide_folder("locked", monkeypatch)
    # os.walk, as rrnkit reads folders (pathlib does not list through os.scandir on 3.10)
    found = [name for _, _, names in os.walk(tmp_path / "docs") for name in names]
    assert found == ["a.json"]


def test_an_unreadable_subfolder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_locked_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    hide_folder("locked", monkeypatch)
    result = CliRunner().invoke(cli, ["validate", "docs"])
    assert "Read 1 record in 1 file: 1 valid, 0 invalid." in result.stdout
    assert result.exit_code == 2, result.stdout
    assert "path.unreadable: permission denied" in result.stdout


FORGED = "forged.json:9: /: json.syntax: a problem that does not exist"


@pytest.mark.parametrize("via", ["key", "file name"])
def test_a_line_break_cannot_forge_a_problem_line(
    via: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.json").write_bytes(GOOD)
    if via == "key":
        name, content = "keyed.json", line({**doc(), "x\n" + FORGED: 1})
    else:
        name, content = "x\n" + FORGED.replace("/", "-"), line(doc(colour="red"))
    (tmp_path / name).write_bytes(content)
    result = CliRunner().invoke(cli, ["validate", name, "good.json"])
    assert result.exit_code == 1
    assert not any(ln.startswith("forged.json") for ln in result.stdout.splitlines())


def test_control_characters_in_keys_are_not_written_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "escape.json").write_bytes(line({**doc(), "\x1b[2J\x1b[31mred": 1}))
    result = CliRunner().invoke(cli, ["validate", "-o", "report.txt", "escape.json"])
    assert result.exit_code == 1
    text = (tmp_path / "report.txt").read_text("utf-8")
    assert "field.unknown" in text
    assert "\x1b" not in text


def test_a_record_with_thousands_of_problems_reports_them_all(tmp_path: Path) -> None:
    # Regression: locating each problem rescanned the record, quadratic in its size
    # (20,000 unknown fields took minutes); the record is now walked once.
    many = {**doc(), **{f"k{n}": n for n in range(6000)}}  # about 90 KB, 6,000 problems
    (tmp_path / "many.jsonl").write_bytes(line(many) + b"\n")
    done = subprocess.run(
        [console_script(), "validate", "many.jsonl"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.count(b"field.unknown") == 6000
