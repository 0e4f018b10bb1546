"""Sensitive values never appear in any output: text, JSON or SARIF, stdout, stderr or file.

A distinct sentinel is planted in every field the model marks sensitive, in
valid positions (the documents reach the rules) and in invalid ones (the value
itself is what is reported). Sentinels are also planted where a date, a code or
a known field is expected, and inside malformed JSON. Each sentinel names its
field, so a leak says which field leaked.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import attrs
import pytest
from click.testing import CliRunner

from rrnkit.api import check, validate
from rrnkit.cli import cli
from rrnkit.io import JsonLimits
from rrnkit.model import DOCUMENT_TYPES, is_sensitive
from rrnkit.model.values import Identifier, NhsNumber
from rrnkit.report._render import FORMATS, render
from rrnkit.rules.packs import ALL_PACKS

EXAMPLES = Path(__file__).parents[1] / "examples"
AS_OF = dt.date(2026, 11, 28)
MARK = "ZQ-"
"""Every string sentinel starts with this, so even a partial echo is caught."""
VALID_NHS = "9434765919"
INVALID_NHS = "9434765918"  # the right form, the wrong check digit
BIRTH_DATE = "1917-03-29"
BAD_BIRTH_DATE = "1917-02-30"
LITERALS = (VALID_NHS, INVALID_NHS, BIRTH_DATE, BAD_BIRTH_DATE)
"""Sentinels that cannot carry the mark (the value has a fixed form)."""

# ------------------------------------------------------------------ the model's sensitive fields


def resolved_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(attrs.fields(attrs.resolve_types(cls)))


def is_union(type_: Any) -> bool:
    return get_origin(type_) in (Union, types.UnionType)


def classes_in(type_: Any) -> Iterator[type]:
    """Every attrs class a field type may hold, through optionals, unions and tuples."""
    if isinstance(type_, type) and attrs.has(type_):
        yield type_
    for arg in get_args(type_):
        yield from classes_in(arg)


def all_classes() -> list[type]:
    seen: list[type] = []
    todo = list(DOCUMENT_TYPES.values())
    while todo:
        cls = todo.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        for field in resolved_fields(cls):
            todo.extend(classes_in(field.type))
    return seen


SENSITIVE: list[tuple[type, attrs.Attribute[Any]]] = [
    (cls, field) for cls in all_classes() for field in resolved_fields(cls) if is_sensitive(field)
]
FIELD_IDS = [f"{cls.__name__}.{field.name}" for cls, field in SENSITIVE]


def test_the_model_marks_the_expected_fields_sensitive() -> None:
    """A guard that the walk finds the fields; the list grows with the model."""
    assert {
        "Patient.name",
        "Patient.nhs_number",
        "Patient.date_of_birth",
        "StaffMember.name",
        "StaffInvolvement.name",
        "Incident.outcome",
    } <= set(FIELD_IDS)


def sentinel(cls: type, field: attrs.Attribute[Any], variant: str) -> str:
    return f"{MARK}{cls.__name__}-{field.name}-{variant}-QZ"


def bare(type_: Any) -> Any:
    if is_union(type_):
        rest = [a for a in get_args(type_) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return type_


def valid_value(cls: type, field: attrs.Attribute[Any]) -> str:
    """A valid value for a sensitive field that is unique to it."""
    type_ = bare(field.type)
    if type_ is NhsNumber:
        return VALID_NHS
    if type_ is dt.date:
        return BIRTH_DATE
    if type_ in (str, Identifier):
        return sentinel(cls, field, "valid")
    raise TypeError(f"teach this test a valid sentinel for {cls.__name__}.{field.name}")


def invalid_values(cls: type, field: attrs.Attribute[Any]) -> dict[str, Any]:
    """Ways to make a sensitive field invalid, each carrying its sentinel."""
    type_ = bare(field.type)
    ways: dict[str, Any] = {"wrong-type": [sentinel(cls, field, "wrong-type")]}
    if type_ is NhsNumber:
        ways["check-digit"] = INVALID_NHS
        ways["form"] = sentinel(cls, field, "form")
    elif type_ is dt.date:
        ways["not-a-date"] = sentinel(cls, field, "not-a-date")
        ways["calendar"] = BAD_BIRTH_DATE
    elif type_ is Identifier:
        ways["form"] = sentinel(cls, field, "form") + " !"
    elif type_ is str:
        longest = field.metadata.get("rrnkit.schema", {}).get("maxLength")
        if longest is not None:
            ways["too-long"] = sentinel(cls, field, "too-long") + "x" * longest
    else:
        raise TypeError(f"teach this test to break {cls.__name__}.{field.name}")
    return ways


# ------------------------------------------------------------------ planting into documents


def objects(cls: type, data: Any) -> Iterator[tuple[type, dict[str, Any]]]:
    """Every JSON object in ``data`` with the model class it stands for."""
    if not isinstance(data, dict):
        return
    yield cls, data
    for field in resolved_fields(cls):
        if data.get(field.name) is not None:
            yield from descend(field.type, data[field.name])


def descend(type_: Any, value: Any) -> Iterator[tuple[type, dict[str, Any]]]:
    if isinstance(type_, type) and attrs.has(type_):
        yield from objects(type_, value)
    elif get_origin(type_) is tuple and isinstance(value, list):
        for item in value:
            yield from descend(get_args(type_)[0], item)
    elif is_union(type_):
        classes = [a for a in get_args(type_) if isinstance(a, type) and attrs.has(a)]
        if len(classes) > 1:  # a bundle member: the kind says which
            if isinstance(value, dict) and value.get("kind") in DOCUMENT_TYPES:
                yield from objects(DOCUMENT_TYPES[value["kind"]], value)
        else:
            for arg in get_args(type_):
                if arg is not type(None):
                    yield from descend(arg, value)


def document_objects(data: dict[str, Any]) -> Iterator[tuple[type, dict[str, Any]]]:
    return objects(DOCUMENT_TYPES[data["kind"]], data)


def example_documents() -> list[dict[str, Any]]:
    found = []
    for path in sorted(EXAMPLES.rglob("*")):
        if path.suffix == ".json":
            found.append(json.loads(path.read_text(encoding="utf-8")))
        elif path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            found.extend(json.loads(text) for text in lines if text.strip())
    return found


def planted_documents() -> tuple[list[dict[str, Any]], set[str]]:
    """The examples, plus a bundle of some of them, with every sensitive field planted."""
    documents = example_documents()
    first_of_each_kind = {d["kind"]: d for d in reversed(documents)}
    documents.append(
        {
            "kind": "bundle",
            "schema_version": "1.0",
            "id": "bundle-privacy",
            "organisation_id": first_of_each_kind["organisation"]["id"],
            "documents": [
                dict(copy.deepcopy(d), id=f"{d['id']}-in-bundle")
                for d in first_of_each_kind.values()
            ],
        }
    )
    planted: set[str] = set()
    for document in documents:
        for cls, data in document_objects(document):
            for owner, field in SENSITIVE:
                if owner is cls:
                    data[field.name] = valid_value(cls, field)
                    planted.add(f"{cls.__name__}.{field.name}")
    return documents, planted


def broken_documents(valid: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """One document per sensitive field and way of breaking it, broken there alone.

    Each break is made twice: in a document of its own, and inside the bundle.
    """
    bundle = next(d for d in valid if d["kind"] == "bundle")
    tops = [d for d in valid if d["kind"] != "bundle"]
    broken = []
    for cls, field in SENSITIVE:
        for way, value in invalid_values(cls, field).items():
            for where, candidates in (("top", tops), ("bundle", [bundle])):
                for document in candidates:
                    copied = copy.deepcopy(document)
                    target = next((d for c, d in document_objects(copied) if c is cls), None)
                    if target is not None:
                        target[field.name] = value
                        broken.append((f"{cls.__name__}.{field.name}:{way}:{where}", copied))
                        break
    return broken


def incident(valid: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    base = copy.deepcopy(next(d for d in valid if d["kind"] == "incident"))
    base.update(changes)
    return base


def misplaced_sentinels(valid: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Sentinels in positions where they make the document invalid (not sensitive fields)."""

    def s(name: str) -> str:
        return f"{MARK}position-{name}-QZ"

    def patched(name: str, path: tuple[Any, ...], value: Any) -> tuple[str, dict[str, Any]]:
        data = incident(valid)
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return name, data

    return [
        patched("start-as-date-time", ("start",), s("start")),
        patched("recorded-at-as-date-time", ("recorded_at",), s("recorded-at")),
        patched("intervention-start", ("interventions", 0, "start"), s("intervention-start")),
        patched("unknown-field-value", ("colour",), s("unknown-field")),
        patched("unknown-patient-field", ("patient", "colour"), s("unknown-patient-field")),
        patched("reason-code", ("reason",), s("reason")),
        patched("intervention-type-code", ("interventions", 0, "type"), s("intervention-type")),
        patched("de-escalation-code", ("de_escalation",), [s("de-escalation")]),
        patched("care-plan-yes-no", ("care_plan_notification_sent",), s("yes-no")),
        patched(
            "characteristic-code",
            ("patient", "characteristics"),
            [{"characteristic": s("characteristic"), "value": "x"}],
        ),
        patched("kind", ("kind",), s("kind")),
        patched("schema-version", ("schema_version",), s("schema-version")),
        patched("id-form", ("id",), s("id") + " !"),
        patched("boolean", ("negligible",), s("boolean")),
        patched("object-as-string", ("patient",), s("patient-object")),
        patched("array-as-string", ("interventions",), s("interventions-array")),
        patched("extension-namespace-value", ("extensions",), {"Bad": s("extension-bad")}),
        # field.unknown suggests the nearest field's name, never the member's value
        patched("misspelt-sensitive-field", ("patient", "nam"), s("misspelt-name")),
        # a namespace not holding an object is located at its key; its value is not shown
        patched("extension-not-an-object", ("extensions",), {"org.example": s("extension")}),
    ]


MALFORMED_LINES = [
    b'{"kind": "incident", "patient": {"name": "' + MARK.encode() + b'malformed-comma-QZ"},, }',
    b'{"kind": "incident", "patient": {"name": "' + MARK.encode() + b"malformed-truncated-QZ",
    b'{"kind": "incident", "reason": ' + MARK.encode() + b"malformed-bare-token-QZ}",
    b'{"kind": "incident", "outcome": "' + MARK.encode() + b'malformed-control-\x01-QZ"}',
    b'{"kind": "incident", "outcome": "' + MARK.encode() + b'malformed-escape-\\q-QZ"}',
    b'{"outcome": "' + MARK.encode() + b'dup-a-QZ", "outcome": "' + MARK.encode() + b'dup-b-QZ"}',
    b'{"outcome": "' + MARK.encode() + b'not-utf8-\xff-QZ"}',
    b'"' + MARK.encode() + b'top-level-string-QZ"',
    b'{"outcome": "' + MARK.encode() + b'nan-QZ", "reason": NaN}',
]


# ------------------------------------------------------------------ the inputs, written


@attrs.frozen
class Inputs:
    paths: tuple[str, ...]
    stream: bytes
    """Every invalid record as JSON Lines (also given on standard input)."""
    expected_invalid: int
    broken_fields: tuple[tuple[str, str], ...] = ()
    """(file name, sensitive field name) of each file broken at a sensitive field."""


def write_valid(folder: Path) -> Inputs:
    documents, planted = planted_documents()
    assert planted == set(FIELD_IDS), "some sensitive field is in no example document"
    stream = b"".join(json.dumps(d).encode() + b"\n" for d in documents)
    incidents = [d for d in documents if d["kind"] == "incident"]
    others = [d for d in documents if d["kind"] != "incident"]
    (folder / "incidents.jsonl").write_bytes(
        b"".join(json.dumps(d).encode() + b"\n" for d in incidents)
    )
    for n, document in enumerate(others):
        (folder / f"doc-{n:02}.json").write_text(json.dumps(document, indent=2), "utf-8")
    return Inputs((str(folder),), stream, 0)


def write_invalid(folder: Path) -> Inputs:
    documents, _ = planted_documents()
    broken = broken_documents(documents) + misplaced_sentinels(documents)
    assert {name.split(":")[0] for name, _ in broken} >= set(FIELD_IDS)
    lines = [json.dumps(d).encode() for _, d in broken] + MALFORMED_LINES
    stream = b"\n".join(lines) + b"\n"
    (folder / "broken.jsonl").write_bytes(stream)
    fields = []
    for n, (name, document) in enumerate(broken):
        if name.endswith(":bundle"):
            continue  # bundles are large: in the JSON Lines file only
        file = f"broken-{n:03}.json"
        (folder / file).write_text(json.dumps(document, indent=2), "utf-8")
        if name.split(":")[0] in FIELD_IDS:
            fields.append((file, name.split(":")[0].split(".")[1]))
    for n, raw in enumerate(MALFORMED_LINES):
        (folder / f"malformed-{n:02}.json").write_bytes(raw)
    files = len(list(folder.glob("*.json")))
    return Inputs((str(folder),), stream, len(lines) + files, tuple(fields))


def leaks(text: str) -> list[str]:
    """Every sentinel (or piece of one) in ``text``, by what it names."""
    found = re.findall(re.escape(MARK) + r"[^\s\"']{0,80}", text)
    found += [literal for literal in LITERALS if literal in text]
    return found


@pytest.fixture(params=["valid", "invalid"])
def inputs(request: pytest.FixtureRequest, tmp_path: Path) -> Inputs:
    folder = tmp_path / "in"
    folder.mkdir()
    return write_valid(folder) if request.param == "valid" else write_invalid(folder)


def test_the_planted_inputs_are_what_they_claim(inputs: Inputs) -> None:
    """Valid sentinels reach the rules; every broken record is reported invalid."""
    report = check(list(inputs.paths), as_of=AS_OF)
    assert report.path_problems == ()
    assert report.invalid == inputs.expected_invalid, [str(p) for p in report.problems]
    if inputs.expected_invalid == 0:
        assert report.valid > 0
        assert report.findings
    else:
        assert report.valid == 0
    # each record broken at a sensitive field is reported at that field
    for file, name in inputs.broken_fields:
        pointers = [p.pointer for p in report.problems if Path(p.source or "").name == file]
        assert any(p.endswith("/" + name) for p in pointers), (file, name, pointers)
    # and the leak detector sees every string sentinel in the input itself
    seen = " ".join(leaks(inputs.stream.decode("utf-8", "replace")))
    for cls, field in SENSITIVE:
        if inputs.expected_invalid == 0 and bare(field.type) in (str, Identifier):
            assert sentinel(cls, field, "valid") in seen
        elif inputs.expected_invalid:
            assert f"-{cls.__name__}-{field.name}-wrong-type-QZ" in seen


@pytest.mark.parametrize("command", ["validate", "check"])
def test_no_sentinel_in_cli_output(command: str, inputs: Inputs, tmp_path: Path) -> None:
    extra = ["--as-of", AS_OF.isoformat()] if command == "check" else []
    runner = CliRunner()
    for fmt in FORMATS:
        result = runner.invoke(cli, [command, *extra, "--format", fmt, *inputs.paths])
        assert result.exit_code in (0, 1), result.output
        assert leaks(result.stdout) == [], (fmt, "stdout")
        assert leaks(result.stderr) == [], (fmt, "stderr")

        out = tmp_path / f"report-{command}.{fmt}"
        result = runner.invoke(
            cli, [command, *extra, "--format", fmt, "-o", str(out), *inputs.paths]
        )
        assert result.exit_code in (0, 1), result.output
        assert leaks(result.output) == [], (fmt, "output with -o")
        assert leaks(out.read_text("utf-8")) == [], (fmt, "--output file")

    # standard input goes through its own reader (JSON Lines or one document)
    result = runner.invoke(cli, [command, *extra, "-"], input=inputs.stream)
    assert result.exit_code in (0, 1), result.output
    assert leaks(result.output) == [], "standard input"


@pytest.mark.parametrize("command", ["validate", "check"])
def test_no_sentinel_in_api_reports(command: str, inputs: Inputs) -> None:
    paths = list(inputs.paths)
    report = validate(paths) if command == "validate" else check(paths, as_of=AS_OF)
    for fmt in FORMATS:
        assert leaks(render(report, fmt, ALL_PACKS.rules)) == [], fmt
    assert leaks(repr(report)) == [], "repr(report)"
    assert leaks("\n".join(str(p) for p in report.problems)) == [], "str(problem)"


def test_no_sentinel_when_a_string_is_too_long(tmp_path: Path) -> None:
    documents, _ = planted_documents()
    data = incident(documents)
    data["patient"]["name"] = MARK + "too-long-for-the-limit-QZ" + "x" * 200
    (tmp_path / "long.jsonl").write_text(json.dumps(data) + "\n", "utf-8")
    report = validate([tmp_path], limits=JsonLimits(max_string_length=100))
    assert [p.code for p in report.problems] == ["json.string-too-long"]
    for fmt in FORMATS:
        assert leaks(render(report, fmt)) == [], fmt
    assert leaks(repr(report)) == []


# ------------------------------------------------------------------ commands that write data


def _files_under(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.mark.parametrize("table", ["incidents", "interventions", "staff", "outcomes", "training"])
def test_no_sentinel_in_exported_tables(table: str, inputs: Inputs, tmp_path: Path) -> None:
    """Tables carry no sensitive column by default, and errors name no value."""
    out = tmp_path / f"{table}.csv"
    extra = ["--as-of", AS_OF.isoformat()] if table == "outcomes" else []
    args = ["export", "--table", table, *extra, "--output", str(out), *inputs.paths]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    assert leaks(result.output) == [], "output"
    assert leaks(out.read_text("utf-8")) == [], "table"


def test_no_sentinel_in_pseudonymised_documents(inputs: Inputs, tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_bytes(b"k" * 32)
    out = tmp_path / "pseudonymised"
    args = ["pseudonymise", "--key-file", str(key), "--output", str(out), *inputs.paths]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    assert leaks(result.output) == [], "output"
    written = list(_files_under(out))
    assert written or inputs.expected_invalid
    for path in written:
        assert leaks(path.read_text("utf-8")) == [], path.name


def test_mhsds_export_carries_only_the_spell_id(inputs: Inputs, tmp_path: Path) -> None:
    """MHSDS needs the hospital provider spell id; no other sensitive value reaches it."""
    out = tmp_path / "mhsds"
    result = CliRunner().invoke(cli, ["mhsds", "export", "--out", str(out), *inputs.paths])
    assert result.exit_code in (0, 1), result.output
    assert leaks(result.output) == [], "output"
    spell = "-Incident-hospital_provider_spell_id-"
    for path in _files_under(out):
        assert [s for s in leaks(path.read_text("utf-8")) if spell not in s] == [], path.name


def test_no_sentinel_in_study_measures(inputs: Inputs) -> None:
    result = CliRunner().invoke(cli, ["study", "measures", *inputs.paths])
    assert result.exit_code in (0, 1), result.output
    assert leaks(result.output) == []


def test_no_sentinel_in_the_study_page(inputs: Inputs, tmp_path: Path) -> None:
    """The study page shows counts, codes, ids and file names: never a sensitive value."""
    pytest.importorskip("jinja2")
    pytest.importorskip("matplotlib")
    out = tmp_path / "study.html"
    bed_days = str(EXAMPLES / "bed-days.csv")
    args = ["study", "report", "--bed-days", bed_days, "--as-of", AS_OF.isoformat()]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), *inputs.paths])
    assert result.exit_code in (0, 1), result.output
    assert leaks(result.output) == [], "output"
    page = out.read_text("utf-8")
    assert leaks(page) == [], "page"
    if inputs.expected_invalid == 0:
        assert "funnel-table" in page  # the planted records were drawn, not left out
