"""Every CSV rrnkit writes has a valid Frictionless Table Schema beside it, naming its header.

The rules are those of the Table Schema standard that rrnkit implements in
``check_table_schema``: fields with unique names in the CSV's column order,
types from the standard's set, well-formed ``trueValues``/``falseValues``,
``categories`` and ``constraints``. The checker is tested to refuse what
breaks each rule, so the validity tests can fail.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from rrnkit.tabular import (
    TABLES,
    check_table_schema,
    load_table_schema,
    schema_path,
    table_schema,
    tabulate,
    write_csv,
)

TYPES = {
    "string", "number", "integer", "boolean", "object", "array", "list", "datetime", "date",
    "time", "year", "yearmonth", "duration", "geopoint", "geojson", "any",
}  # fmt: skip
"""The field types of the standard (Table Schema 2.0, "Field Types")."""


def header_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def assert_valid(path: Path) -> dict[str, Any]:
    """The schema beside a CSV file is valid and names its header, field by field, in order."""
    schema = json.loads(schema_path(path).read_text(encoding="utf-8"))
    header = header_of(path)
    assert check_table_schema(schema, header) == ()
    assert [f["name"] for f in schema["fields"]] == header
    assert {f["type"] for f in schema["fields"]} <= TYPES
    assert schema["missingValues"] == [""]
    return schema


@pytest.mark.parametrize("name", list(TABLES))
@pytest.mark.parametrize("sensitive", [False, True])
@pytest.mark.parametrize("raw", [False, True])
def test_every_table_schema_is_valid_for_its_csv(
    tmp_path: Path, name: str, sensitive: bool, raw: bool
) -> None:
    from rrnkit.api import check
    from rrnkit.io import iter_records

    source: Any
    if TABLES[name].source == "report":
        source = check(["examples"], as_of=dt.date(2026, 11, 28))
    else:
        source = [r.document for r in iter_records(["examples"]) if r and r.document]
    path = tmp_path / f"{name}.csv"
    write_csv(tabulate(name, source, include_sensitive=sensitive), path, raw=raw)
    schema = assert_valid(path)
    assert schema == table_schema(name, include_sensitive=sensitive, raw=raw)
    assert schema["rrnkit:neutralised"] is not raw
    assert load_table_schema(schema_path(path)) == schema
    for column, field in zip(TABLES[name].columns_for(include_sensitive=sensitive),
                             schema["fields"], strict=True):  # fmt: skip
        if column.codes:  # codes are text, limited to their code table, in its order
            assert (field["type"], field["categories"]) == ("string", list(column.codes))
        assert field.get("constraints", {}).get("required", False) is not column.nullable


def test_mhsds_and_study_schemas_are_valid_for_their_csv(tmp_path: Path) -> None:
    from rrnkit.io import iter_records
    from rrnkit.mhsds import write_files
    from rrnkit.model import Incident
    from rrnkit.study import (
        compliance_csv,
        compliance_schema,
        durations_csv,
        durations_schema,
        rates_csv,
        rates_schema,
        write_schema,
        write_text,
    )

    incidents = [r.document for r in iter_records(["examples"]) if isinstance(r.document, Incident)]
    write_files(incidents, tmp_path)
    assert_valid(tmp_path / "MHS505.csv")
    assert_valid(tmp_path / "MHS515.csv")
    by = ["organisation", "month"]
    for name, text, schema in (
        ("rates.csv", rates_csv([], by), rates_schema(by)),
        ("durations.csv", durations_csv([], by), durations_schema(by)),
        ("compliance.csv", compliance_csv([]), compliance_schema()),
    ):
        write_text(tmp_path / name, text)
        write_schema(tmp_path / name, schema)
        assert_valid(tmp_path / name)


def test_the_schema_goes_beside_the_csv_named_after_it() -> None:
    assert schema_path("out/incidents.csv") == Path("out/incidents.schema.json")
    assert schema_path("out/Staff.CSV") == Path("out/Staff.schema.json")
    assert schema_path("table.txt") == Path("table.txt.schema.json")


GOOD = table_schema("interventions")
HEADER = [f["name"] for f in GOOD["fields"]]


def broken(change: Any) -> dict[str, Any]:
    schema = copy.deepcopy(GOOD)
    change(schema)
    return schema


@pytest.mark.parametrize(
    ("schema", "why"),
    [
        ([], "not a JSON object"),
        ({"fields": []}, "no list of fields"),
        (broken(lambda s: s["fields"][1].update(name=s["fields"][0]["name"])), "earlier field"),
        (broken(lambda s: s["fields"][0].pop("name")), "has no name"),
        (broken(lambda s: s["fields"][0].update(type="text")), "not a Table Schema type"),
        (broken(lambda s: s["fields"][0].update(format=3)), "format is not a string"),
        (broken(lambda s: s["fields"][0].update(trueValues=["Y"])), "only for a boolean"),
        (broken(lambda s: s["fields"][0].update(type="date", categories=["a"])), "categories"),
        (broken(lambda s: s["fields"][0].update(categories=["a", "a"])), "unique values"),
        (broken(lambda s: s["fields"][0].update(constraints={"nope": 1})), "'nope'"),
        (broken(lambda s: s["fields"][0].update(constraints={"required": "yes"})), "wrong type"),
        (
            broken(lambda s: s["fields"][0].update(categories=["a"], constraints={"enum": ["b"]})),
            "not a subset of its categories",
        ),
        (broken(lambda s: s.update(missingValues=[""] * 2)), "missingValues"),
        (broken(lambda s: s.update(fieldsMatch="loose")), "fieldsMatch"),
        (broken(lambda s: s.update(primaryKey=["nope"])), "primaryKey"),
        (broken(lambda s: s.update({"rrnkit:neutralised": "yes"})), "rrnkit:neutralised"),
    ],
)
def test_the_checker_refuses_what_breaks_each_rule(schema: Any, why: str) -> None:
    problems = check_table_schema(schema, HEADER)
    assert problems, "the schema breaks a rule"
    assert any(why in problem for problem in problems)


@pytest.mark.parametrize(
    "header", [HEADER[1:], [*HEADER, "extra"], [HEADER[1], HEADER[0], *HEADER[2:]]]
)
def test_the_checker_refuses_a_header_the_fields_do_not_name_in_order(header: list[str]) -> None:
    assert check_table_schema(GOOD, header) == (
        "the CSV header does not name the schema's fields in order",
    )
    assert check_table_schema(GOOD, HEADER) == ()


def test_a_schema_file_that_is_not_valid_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.schema.json"
    path.write_text('{"fields": [{"name": "a", "type": "text"}]}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a Table Schema type"):
        load_table_schema(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="not JSON"):
        load_table_schema(path)
